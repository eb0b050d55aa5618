import type { IndicatorDef } from '../../../common/constants/indicators.js';
import { addMonths, lastDayOfMonth } from '../../platform/calendar.js';
import type { Raw } from './computed.js';
import { monthRange, monthsBetween, type Period } from './period.js';
import type * as repo from './repo.js';

/**
 * Entered indicators' figures from the current entries of a unit and its children.
 *
 * The rule for a unit's month (per subject when the indicator has subjects): the unit's own entry when it has one,
 * else the sum of its children's entries of that month (every entered indicator is additive: counts, and ratios as
 * numerator and denominator). Over a period, `sum` indicators add the months; `latest` ones (stocks) take the last
 * month up to the period's end that has a figure. Nothing entered → null (never a zero).
 */

/** How far back a stock looks for its last figure (months). */
export const LATEST_LOOKBACK_MONTHS = 120;

export interface EnteredFigure {
  raw: Raw;
  /** The months the figure covers (YYYY-MM), null when nothing was entered. */
  months: [string, string] | null;
}

type Sum = { n: number; d: number | null };
const monthKey = (d: string) => d.slice(0, 7);

/** What a period asks of the entries: the months to fetch. */
export function entryMonths(defs: IndicatorDef[], p: Period): [string, string] {
  const [from, to] = monthRange(p);
  const latest = defs.some((d) => d.over === 'latest');
  return [`${latest ? addMonths(to, -LATEST_LOOKBACK_MONTHS) : from}-01`, `${to}-01`];
}

/** Per indicator, unit code, month (YYYY-MM), subject: the entries' figures. */
export class EntryIndex {
  private byKey = new Map<string, Map<string, Sum>>();
  constructor(rows: repo.EntryRow[]) {
    for (const r of rows) {
      const key = `${r.indicator}|${r.unitCode}|${monthKey(r.month)}`;
      const subjects = this.byKey.get(key) ?? new Map<string, Sum>();
      this.byKey.set(key, subjects);
      subjects.set(r.subject, r.value != null ? { n: r.value, d: null } : { n: r.numerator ?? 0, d: r.denominator });
    }
  }

  /** A unit's figures of a month by subject: its own entry per subject, else the sum of its children's. */
  month(indicator: string, unitCode: string, children: string[], month: string): Map<string, Sum> {
    const own = this.byKey.get(`${indicator}|${unitCode}|${month}`) ?? new Map<string, Sum>();
    const out = new Map(own);
    for (const child of children) {
      for (const [subject, s] of this.byKey.get(`${indicator}|${child}|${month}`) ?? []) {
        if (own.has(subject)) continue;
        const acc = out.get(subject);
        out.set(subject, acc ? { n: acc.n + s.n, d: acc.d == null || s.d == null ? acc.d : acc.d + s.d } : { ...s });
      }
    }
    return out;
  }

  /** An indicator's figure for a unit over a period (or one month). */
  figure(def: IndicatorDef, unitCode: string, children: string[], p: Period): EnteredFigure {
    const [from, to] = monthRange(p);
    const bySubject = new Map<string, Sum>();
    let covered: [string, string] | null = null;
    if (def.over === 'latest') {
      for (let m = to; m >= addMonths(to, -LATEST_LOOKBACK_MONTHS); m = addMonths(m, -1)) {
        const found = this.month(def.code, unitCode, children, m);
        if (found.size === 0) continue;
        for (const [subject, s] of found) bySubject.set(subject, s);
        covered = [m, m];
        break;
      }
    } else {
      for (const m of monthsBetween(from, to)) {
        const found = this.month(def.code, unitCode, children, m);
        if (found.size === 0) continue;
        covered = [covered?.[0] ?? m, m];
        for (const [subject, s] of found) {
          const acc = bySubject.get(subject);
          bySubject.set(subject, acc ? { n: acc.n + s.n, d: (acc.d ?? 0) + (s.d ?? 0) } : { ...s });
        }
      }
      if (covered) covered = [from, to];
    }
    if (bySubject.size === 0) return { raw: { n: null, d: null }, months: null };
    const sums = [...bySubject.values()];
    const ratio = def.kind === 'ratio';
    const raw: Raw = {
      n: sums.reduce((s, x) => s + x.n, 0),
      d: ratio ? sums.reduce((s, x) => s + (x.d ?? 0), 0) : null,
    };
    if (def.bySubject)
      raw.subjects = [...bySubject.entries()]
        .filter(([subject]) => subject !== '')
        .sort(([a], [b]) => a.localeCompare(b, 'vi'))
        .map(([subject, s]) => ({ subject, n: s.n, d: ratio ? s.d : null }));
    return { raw, months: covered };
  }
}

export const coveredDays = (months: [string, string]): Period => ({
  from: `${months[0]}-01`,
  to: lastDayOfMonth(months[1]),
});
