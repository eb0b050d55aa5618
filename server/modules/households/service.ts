import type { z } from 'zod';
import type {
  HouseholdCoverage,
  HouseholdImportResult,
  HouseholdInput,
  HouseholdRow,
} from '../../../common/campaigns.js';
import { HOUSEHOLD_COVERAGE_NOTE } from '../../../common/constants/campaigns.js';
import type { Db } from '../../db/client.js';
import type { Actor } from '../../platform/actor.js';
import { recordAudit } from '../../platform/audit.js';
import { vnDate } from '../../platform/calendar.js';
import { errors } from '../../platform/errors.js';
import { authorize, can } from '../../platform/permissions.js';
import { ImportRejected, readTable } from '../../platform/spreadsheet.js';
import type { UnitsService } from '../units/service.js';
import { buildHouseholdsWorkbook, validateHouseholdRows } from './import.js';
import * as repo from './repo.js';

const field = (name: string, vi: string, en: string) => errors.invalidField(name, { vi, en });

interface Meta {
  requestId?: string;
}

/**
 * Coverage in percent (one decimal): households with a skilled person over the households of the hamlets where both
 * figures are entered (a hamlet with only a total neither raises nor lowers it). Visits are summed, for reference.
 */
function summarise(hamlets: repo.HamletFigures[]) {
  const known = hamlets.filter((h) => h.households !== null);
  const surveyed = known.filter((h) => h.skilled !== null);
  const households = known.reduce((n, h) => n + h.households!, 0);
  const surveyedHouseholds = surveyed.reduce((n, h) => n + h.households!, 0);
  const skilled = surveyed.reduce((n, h) => n + h.skilled!, 0);
  return {
    households: known.length ? households : null,
    skilled: surveyed.length ? skilled : null,
    reached: hamlets.reduce((n, h) => n + h.reached, 0),
    coverage: surveyedHouseholds > 0 ? Math.round((skilled / surveyedHouseholds) * 1000) / 10 : null,
    hamletsWithFigure: known.length,
    hamlets: hamlets.length,
  };
}

export interface HouseholdsDeps {
  db: Db;
  units: UnitsService;
}

/**
 * Households per hamlet (entered or imported by the commune) against the households the teams reached in the
 * activity log: the national aim "every household has at least one person with basic digital skills" as a coverage
 * figure per hamlet, commune and province. An own module, not the teams registry: the figure belongs to the hamlet
 * (it exists with or without a team) and its coverage reads the activity log, which the registry does not.
 */
export function createHouseholdsService({ db, units }: HouseholdsDeps) {
  async function requireUnitOf(code: string, name = 'unit') {
    return units.requireUnit(code).catch(() => {
      throw field(name, 'Không có đơn vị này.', 'No such unit.');
    });
  }
  async function requireCommune(actor: Actor, code: string) {
    const unit = await requireUnitOf(code);
    if (unit.level !== 'commune') throw field('unit', 'Hãy chọn một xã, phường.', 'Choose a commune.');
    authorize(actor, 'household.manage', { unitPath: unit.path });
    return unit;
  }

  async function coverage(actor: Actor, unitCode: string): Promise<HouseholdCoverage> {
    const unit = await requireUnitOf(unitCode);
    if (unit.level !== 'province' && unit.level !== 'commune')
      throw field('unit', 'Hãy chọn một tỉnh hoặc một xã, phường.', 'Choose a province or a commune.');
    authorize(actor, 'household.read', { unitPath: unit.path });
    let rows: HouseholdRow[];
    let all: repo.HamletFigures[];
    if (unit.level === 'commune') {
      all = await repo.hamletsOf(db, [unit.code]);
      rows = all.map((h) => ({ code: h.code, name: h.name, asOf: h.asOf, source: h.source, ...summarise([h]) }));
    } else {
      const communes = await repo.communesOf(db, unit.code);
      all = await repo.hamletsOf(
        db,
        communes.map((c) => c.code),
      );
      rows = communes.map((c) => {
        const own = all.filter((h) => h.communeCode === c.code);
        const asOf = own.map((h) => h.asOf).filter((d): d is string => !!d);
        return {
          code: c.code,
          name: c.name,
          asOf: asOf.length ? asOf.sort()[asOf.length - 1] : null,
          source: null,
          ...summarise(own),
        };
      });
    }
    return {
      unit: { code: unit.code, name: unit.fullName, level: unit.level },
      rows,
      total: summarise(all),
      note: HOUSEHOLD_COVERAGE_NOTE,
      canEdit: can(actor, 'household.manage', { unitPath: unit.path }),
    };
  }

  return {
    coverage,

    /** Sets a hamlet's households (total, the day it is for, its source); the previous figure stays in the audit trail. */
    async set(actor: Actor, hamletCode: string, input: z.output<typeof HouseholdInput>, meta: Meta = {}) {
      const hamlet = await requireUnitOf(hamletCode, 'hamletCode');
      if (hamlet.level !== 'hamlet' || hamlet.status !== 'active')
        throw field('hamletCode', 'Hãy chọn một thôn, tổ dân phố đang hoạt động.', 'Choose an active hamlet.');
      authorize(actor, 'household.manage', { unitPath: hamlet.path });
      if (input.asOf > vnDate(new Date()))
        throw field('asOf', 'Ngày không được sau hôm nay.', 'The date cannot be after today.');
      await db.transaction(async (tx) => {
        const before = await repo.findFigure(tx, hamlet.code);
        await repo.upsertFigures(
          tx,
          [{ hamletCode: hamlet.code, communeCode: hamlet.parentCode!, ...input }],
          actor.kind === 'user' ? actor.id : null,
        );
        await recordAudit(
          tx,
          actor,
          {
            action: 'household.set',
            resourceType: 'hamlet',
            resourceId: hamlet.code,
            unitPath: hamlet.path,
            details: { before, after: input },
          },
          meta.requestId,
        );
      });
      return coverage(actor, hamlet.parentCode!);
    },

    /** Imports a commune's households from XLSX/CSV: all rows or none (ImportRejected carries the row report). */
    async importHouseholds(
      actor: Actor,
      communeCode: string,
      file: Buffer,
      opts: { dryRun: boolean; fileName?: string } & Meta,
    ): Promise<HouseholdImportResult> {
      const commune = await requireCommune(actor, communeCode);
      const table = await readTable(file);
      const hamlets = await repo.hamletsOf(db, [commune.code]);
      const today = vnDate(new Date());
      const defaultSource = `Tệp ${opts.fileName || 'nhập'} (${today.split('-').reverse().join('/')})`.slice(0, 200);
      const { rows, errors: rowErrors } = validateHouseholdRows(table, hamlets, today, defaultSource);
      if (rowErrors.length) throw new ImportRejected(422, rowErrors);
      const byCode = new Map(hamlets.map((h) => [h.code, h]));
      const changed = rows.filter((r) => {
        const h = byCode.get(r.hamletCode)!;
        return !(
          h.households === r.households &&
          h.skilled === r.skilled &&
          h.asOf === r.asOf &&
          h.source === r.source
        );
      });
      if (opts.dryRun)
        return { ok: true, dryRun: true, updated: changed.length, unchanged: rows.length - changed.length };
      await db.transaction(async (tx) => {
        await repo.lockCommune(tx, commune.code);
        await repo.upsertFigures(
          tx,
          changed.map((r) => ({
            hamletCode: r.hamletCode,
            communeCode: commune.code,
            households: r.households,
            skilled: r.skilled,
            asOf: r.asOf,
            source: r.source,
          })),
          actor.kind === 'user' ? actor.id : null,
        );
        await recordAudit(
          tx,
          actor,
          {
            action: 'household.import',
            resourceType: 'commune',
            resourceId: commune.code,
            unitPath: commune.path,
            details: { rows: rows.length, updated: changed.length, fileName: opts.fileName ?? null },
          },
          opts.requestId,
        );
      });
      return { ok: true, dryRun: false, updated: changed.length, unchanged: rows.length - changed.length };
    },

    async exportHouseholds(actor: Actor, communeCode: string) {
      const commune = await requireCommune(actor, communeCode);
      const c = await coverage(actor, commune.code);
      return {
        file: await buildHouseholdsWorkbook(c.rows, `Số hộ và độ phủ — ${commune.fullName}`),
        name: `so-ho-${commune.code}`,
      };
    },
  };
}

export type HouseholdsService = ReturnType<typeof createHouseholdsService>;
