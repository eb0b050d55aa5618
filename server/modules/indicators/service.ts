import { INDICATOR_BY_CODE, INDICATORS, type IndicatorDef } from '../../../common/constants/indicators.js';
import type {
  IndicatorByUnit,
  IndicatorDefinition,
  IndicatorSeries,
  IndicatorValue,
  IndicatorValues,
} from '../../../common/indicators.js';
import type { Db } from '../../db/client.js';
import type { Actor } from '../../platform/actor.js';
import { errors } from '../../platform/errors.js';
import { authorize, covers } from '../../platform/permissions.js';
import type { UnitsService } from '../units/service.js';
import { type Raw, SOURCES, sourceOf, type Table } from './computed.js';
import { coveredDays, EntryIndex, entryMonths } from './entered.js';
import { createEntries } from './entries.js';
import { checkPeriod, monthRange, monthsBetween, type Period, previousPeriod } from './period.js';
import * as repo from './repo.js';

export interface IndicatorsDeps {
  db: Db;
  units: UnitsService;
}

/** What the read methods are asked: a unit and a period of days (YYYY-MM-DD, both included). */
export interface UnitPeriod {
  unitCode: string;
  from: string;
  to: string;
}

type Figure = Pick<IndicatorValue, 'value' | 'numerator' | 'denominator' | 'target' | 'targetMet'>;
type Level = repo.UnitRef['level'];
const CHILD_LEVEL: Record<Level, Level | null> = { province: 'commune', commune: 'hamlet', hamlet: null };
const round2 = (x: number) => Math.round(x * 100) / 100;

/** The public part of a definition (the contract's `IndicatorDefinition`). */
export const toDefinition = (d: IndicatorDef): IndicatorDefinition => ({
  code: d.code,
  name: d.name,
  description: d.description,
  measure: d.measure,
  origin: d.origin,
  kind: d.kind,
  direction: d.direction,
  domain: d.domain,
  source: d.source,
  levels: d.levels,
  bySubject: d.bySubject,
  percent: d.percent,
});

/** A figure from raw sums and the target that applies. */
export function figureOf(def: IndicatorDef, raw: Raw | undefined, target: number | null): Figure {
  const n = raw?.n ?? null;
  const d = raw?.d ?? null;
  const value = def.kind === 'ratio' ? (n != null && d ? round2((n / d) * (def.percent ? 100 : 1)) : null) : n;
  return {
    value,
    numerator: def.kind === 'ratio' ? n : null,
    denominator: def.kind === 'ratio' ? d : null,
    target,
    targetMet: value == null || target == null ? null : def.direction === 'up' ? value >= target : value <= target,
  };
}

/**
 * The target of an indicator for a unit (and subject) in a period ending in `month` (YYYY-MM): the target set for the
 * nearest unit at or above it (a subject's own before the one for all subjects), the latest from a month not after
 * `month`; else the indicator's default (the province's 55%), else none.
 */
export function targetFor(
  def: IndicatorDef,
  targets: repo.TargetRow[],
  unitPath: string,
  subject: string,
  month: string,
): number | null {
  let best: repo.TargetRow | null = null;
  const rank = (t: repo.TargetRow) => [t.unitPath.split('/').length, t.subject ? 1 : 0, t.fromMonth] as const;
  for (const t of targets) {
    if (t.indicator !== def.code || !covers(t.unitPath, unitPath) || t.fromMonth.slice(0, 7) > month) continue;
    if (t.subject && t.subject !== subject) continue;
    if (!best) {
      best = t;
      continue;
    }
    const [a, b] = [rank(t), rank(best)];
    if (a[0] > b[0] || (a[0] === b[0] && (a[1] > b[1] || (a[1] === b[1] && a[2] > b[2])))) best = t;
  }
  return best?.value ?? def.defaultTarget ?? null;
}

/**
 * Indicators (issue 12 point 1): the registry, their values for a unit and period, by child unit and month by month.
 * Computed ones come from the other domains' rollups (computed.ts), entered ones from this domain's entries
 * (entered.ts, entries.ts). The read methods authorize only when given an actor (`indicator.read`).
 */
export function createIndicatorsService(deps: IndicatorsDeps) {
  const { db, units } = deps;

  function definitionOf(code: string): IndicatorDef {
    const def = INDICATOR_BY_CODE.get(code);
    if (!def) throw errors.notFound({ vi: 'chỉ tiêu', en: 'Indicator' });
    return def;
  }

  async function unitOf(code: string) {
    const u = await units.requireUnit(code).catch(() => {
      throw errors.invalidField('unit', { vi: 'Không có đơn vị này.', en: 'No such unit.' });
    });
    const ref: repo.UnitRef = { code: u.code, path: u.path, level: u.level };
    const codes = u.path.split('/').slice(0, -1);
    const found = new Map((await repo.unitsByCodes(db, codes)).map((a) => [a.code, a]));
    const view = {
      code: u.code,
      name: u.fullName,
      level: u.level,
      ancestors: codes.flatMap((c) => {
        const a = found.get(c);
        return a ? [{ code: a.code, name: a.name, level: a.level }] : [];
      }),
    };
    return { ref, view };
  }

  /** Every computed source's figures of the indicators asked (or all), for a unit, period and grouping. */
  async function readComputed(defs: IndicatorDef[], unit: repo.UnitRef, p: Period, grouping: repo.Grouping) {
    const wanted = SOURCES.filter((s) => defs.some((d) => d.origin === 'computed' && s.codes.includes(d.code)));
    const tables = await Promise.all(wanted.map((s) => s.read(db, unit, p, grouping)));
    const merged: Table = new Map();
    for (const t of tables)
      for (const [key, row] of t) {
        const into = merged.get(key) ?? new Map<string, Raw>();
        merged.set(key, into);
        for (const [code, raw] of row) into.set(code, raw);
      }
    return merged;
  }

  async function readEntries(defs: IndicatorDef[], unit: repo.UnitRef, p: Period) {
    const entered = defs.filter((d) => d.origin === 'entered');
    if (entered.length === 0) return new EntryIndex([]);
    const [fromMonth, toMonth] = entryMonths(entered, p);
    return new EntryIndex(
      await repo.currentEntries(db, { indicators: entered.map((d) => d.code), unit, fromMonth, toMonth }),
    );
  }

  const zeroRaw = (def: IndicatorDef): Raw | undefined =>
    def.origin === 'computed' ? { n: 0, d: def.kind === 'ratio' ? 0 : null } : undefined;
  const atLevel = (def: IndicatorDef, level: Level) => def.levels.includes(level);

  /** The values of indicators for a unit and period, with the previous period's and the targets. */
  async function valuesOf(defs: IndicatorDef[], unit: repo.UnitRef, p: Period): Promise<IndicatorValue[]> {
    const prev = previousPeriod(p);
    const toMonth = monthRange(p)[1];
    const [now, before, entriesNow, entriesBefore, targets, children] = await Promise.all([
      readComputed(defs, unit, p, 'total'),
      readComputed(defs, unit, prev, 'total'),
      readEntries(defs, unit, p),
      readEntries(defs, unit, prev),
      repo.targetsAround(
        db,
        defs.map((d) => d.code),
        unit,
      ),
      defs.some((d) => d.origin === 'entered') ? repo.childUnits(db, unit) : Promise.resolve([]),
    ]);
    const childCodes = children.map((c) => c.code);
    return defs.map((def) => {
      const target = (subject: string) => targetFor(def, targets, unit.path, subject, toMonth);
      let raw: Raw | undefined;
      let previous: Raw | undefined;
      let covered: Period;
      if (def.origin === 'computed') {
        raw = now.get('')?.get(def.code) ?? zeroRaw(def);
        previous = before.get('')?.get(def.code) ?? zeroRaw(def);
        covered = sourceOf(def.code)!.covered(p);
      } else {
        const f = entriesNow.figure(def, unit.code, childCodes, p);
        raw = f.raw;
        previous = entriesBefore.figure(def, unit.code, childCodes, prev).raw;
        covered = f.months ? coveredDays(f.months) : coveredDays(monthRange(p));
      }
      const value: IndicatorValue = {
        code: def.code,
        ...figureOf(def, raw, target('')),
        previous: figureOf(def, previous, null).value,
        coveredFrom: covered.from,
        coveredTo: covered.to,
      };
      if (def.bySubject)
        value.subjects = (raw?.subjects ?? []).map((s) => ({
          subject: s.subject,
          ...figureOf(def, { n: s.n, d: s.d }, target(s.subject)),
        }));
      return value;
    });
  }

  function readable(actor: Actor | undefined, unitPath: string) {
    if (actor) authorize(actor, 'indicator.read', { unitPath });
  }

  const entries = createEntries({ db, units, definitionOf });

  return {
    /** The registry: every indicator, computed and entered. */
    definitions(): IndicatorDefinition[] {
      return INDICATORS.map(toDefinition);
    },

    /** Every indicator that has a value at the unit's level, for the period, with the previous period and target. */
    async values(q: UnitPeriod, actor?: Actor): Promise<IndicatorValues> {
      const p = checkPeriod(q);
      const { ref, view } = await unitOf(q.unitCode);
      readable(actor, ref.path);
      const defs = INDICATORS.filter((d) => atLevel(d, ref.level));
      return {
        unit: view,
        period: p,
        previousPeriod: previousPeriod(p),
        values: await valuesOf(defs, ref, p),
      };
    },

    /**
     * One indicator for each child of the unit (the communes of a province, the hamlets of a commune), zeros
     * included (null for an indicator not kept at the children's level, or with nothing entered), and the unit's
     * total. One query per source for every child at once.
     */
    async byUnit(code: string, q: UnitPeriod, actor?: Actor): Promise<IndicatorByUnit> {
      const def = definitionOf(code);
      const p = checkPeriod(q);
      const { ref, view } = await unitOf(q.unitCode);
      readable(actor, ref.path);
      const childLevel = CHILD_LEVEL[ref.level];
      const toMonth = monthRange(p)[1];
      const kept = childLevel != null && atLevel(def, childLevel);
      // The children's figures are read alongside the total (not after it): the answer waits for the slowest read.
      const [children, targets, [total], byChild] = await Promise.all([
        childLevel ? repo.childUnits(db, ref) : Promise.resolve([]),
        repo.targetsAround(db, [def.code], ref),
        valuesOf([def], ref, p),
        !kept
          ? Promise.resolve(null)
          : def.origin === 'computed'
            ? readComputed([def], ref, p, 'child').then((table) => ({ table }))
            : readEntries([def], ref, p).then((index) => ({ index })),
      ]);
      let rawOf: (child: { code: string }) => Raw | undefined = () => undefined;
      if (byChild && 'table' in byChild) rawOf = (c) => byChild.table.get(c.code)?.get(def.code) ?? zeroRaw(def);
      else if (byChild) rawOf = (c) => byChild.index.figure(def, c.code, [], p).raw;
      return {
        code: def.code,
        unit: view,
        period: p,
        rows: children.map((c) => ({
          code: c.code,
          name: c.name,
          ...figureOf(def, rawOf(c), kept ? targetFor(def, targets, c.path, '', toMonth) : null),
        })),
        total,
      };
    },

    /** One indicator month by month over the months the period touches (a chart). */
    async series(code: string, q: UnitPeriod, actor?: Actor): Promise<IndicatorSeries> {
      const def = definitionOf(code);
      const p = checkPeriod(q);
      const { ref, view } = await unitOf(q.unitCode);
      readable(actor, ref.path);
      const months = monthsBetween(...monthRange(p));
      const computed = atLevel(def, ref.level) && def.origin === 'computed';
      const [targets, table] = await Promise.all([
        repo.targetsAround(db, [def.code], ref),
        computed ? readComputed([def], ref, p, 'month') : Promise.resolve(null),
      ]);
      let rawOf: (month: string) => Raw | undefined = () => undefined;
      if (!atLevel(def, ref.level)) rawOf = () => undefined;
      else if (table) rawOf = (m) => table.get(m)?.get(def.code) ?? zeroRaw(def);
      else {
        const [index, children] = await Promise.all([readEntries([def], ref, p), repo.childUnits(db, ref)]);
        const childCodes = children.map((c) => c.code);
        const monthly: IndicatorDef = { ...def, over: 'sum' };
        rawOf = (m) => index.figure(monthly, ref.code, childCodes, { from: `${m}-01`, to: `${m}-01` }).raw;
      }
      return {
        code: def.code,
        unit: view,
        points: months.map((month) => ({
          month,
          ...figureOf(def, rawOf(month), targetFor(def, targets, ref.path, '', month)),
        })),
      };
    },

    ...entries,
  };
}

export type IndicatorsService = ReturnType<typeof createIndicatorsService>;
