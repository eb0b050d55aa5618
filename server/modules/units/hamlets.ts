import type { z } from 'zod';
import {
  foldVn,
  type HamletCreate,
  type HamletImportResult,
  type HamletKind,
  type HamletUpdate,
  UNIT_KIND_LABELS,
  type UnitView,
} from '../../../common/units.js';
import type { Executor } from '../../db/client.js';
import type { Actor } from '../../platform/actor.js';
import { recordAudit } from '../../platform/audit.js';
import type { AppContext } from '../../platform/context.js';
import { AppError, errors } from '../../platform/errors.js';
import { ImportRejected, type RowError, readTable } from '../../platform/spreadsheet.js';
import { type ImportRow, validateRows } from './hamlet-import.js';
import * as repo from './repo.js';
import { toUnitView, unitNotFound } from './service.js';

/** Words that already name the kind at the start of a hamlet's name ("Tổ 8b", "TDP Trung Kiên"), lower case. */
const KIND_PREFIXES: Record<HamletKind, string[]> = {
  thon: ['thôn'],
  xom: ['xóm'],
  ban: ['bản'],
  to_dan_pho: ['tổ dân phố', 'tdp', 'tổ'],
  khu: ['khu phố', 'khu'],
  ap: ['ấp'],
  lang: ['làng'],
  other: [],
};

/** "Bãi Á" + xom → "Xóm Bãi Á"; a name that already starts with its kind word is kept as it is. */
export function composeHamletNames(name: string, kind: HamletKind): { fullName: string; fullNameEn: string | null } {
  const lower = name.toLocaleLowerCase('vi');
  const prefixed = kind === 'other' || KIND_PREFIXES[kind].some((p) => lower === p || lower.startsWith(`${p} `));
  const label = UNIT_KIND_LABELS[kind];
  return prefixed
    ? { fullName: name, fullNameEn: null }
    : { fullName: `${label.vi} ${name}`, fullNameEn: `${name} ${label.en}` };
}

const hamletCode = (commune: string, n: number) => `${commune}-${String(n).padStart(3, '0')}`;
const communePathOf = (hamlet: { path: string }) => hamlet.path.slice(0, hamlet.path.lastIndexOf('/'));

const duplicate = (existing: { code: string; fullName: string }) =>
  errors.conflict(
    'duplicate_hamlet',
    { vi: 'Xã này đã có thôn, xóm cùng tên.', en: 'This commune already has a hamlet with that name.' },
    {
      name: {
        vi: `Trùng tên với "${existing.fullName}" (${existing.code}).`,
        en: `Same name as "${existing.fullName}" (${existing.code}).`,
      },
    },
  );
const retired = (code: string) =>
  errors.conflict('hamlet_retired', {
    vi: `Thôn, xóm ${code} đã ngừng hoạt động; không thể thay đổi.`,
    en: `Hamlet ${code} is retired and cannot be changed.`,
  });

interface Meta {
  requestId?: string;
}

/** Hamlet writes of a commune: create, edit, retire, merge, import. Callers authorize 'hamlet.manage' first. */
export function createHamletService(ctx: AppContext) {
  const db = ctx.db;

  /** The commune a hamlet is created in; 404 unknown, 400 when the code is not a commune. */
  async function requireCommune(code: string, exec: Executor = db): Promise<repo.UnitRecord> {
    const unit = await repo.findUnit(exec, code);
    if (!unit) throw unitNotFound(code);
    if (unit.level !== 'commune')
      throw new AppError(400, 'not_a_commune', {
        vi: `"${unit.fullName}" không phải là xã, phường; thôn, xóm chỉ thuộc về xã, phường.`,
        en: `"${unit.fullName}" is not a commune; hamlets belong to communes.`,
      });
    return unit;
  }

  /** A hamlet (with the path of its commune, which 'hamlet.manage' is checked against). */
  async function requireHamlet(code: string, exec: Executor = db) {
    const unit = await repo.findUnit(exec, code);
    if (!unit) throw unitNotFound(code);
    if (unit.level !== 'hamlet')
      throw new AppError(400, 'not_a_hamlet', {
        vi: `"${unit.fullName}" là đơn vị hành chính theo danh mục nhà nước; chỉ thôn, xóm mới sửa được ở đây.`,
        en: `"${unit.fullName}" is official reference data; only hamlets can be changed here.`,
      });
    return { ...unit, communePath: communePathOf(unit) };
  }

  /** Creates a hamlet with the next code `<commune>-NNN`; 409 on an active hamlet with the same name. */
  async function createHamlet(
    actor: Actor,
    communeCode: string,
    input: z.output<typeof HamletCreate>,
    meta: Meta = {},
  ): Promise<UnitView> {
    return db.transaction(async (tx) => {
      // One hamlet write per commune at a time: the next code and the duplicate check stay correct.
      const commune = (await repo.lockUnit(tx, communeCode))!;
      const names = composeHamletNames(input.name, input.kind);
      const same = await repo.findSameNameHamlet(tx, communeCode, input.name, names.fullName);
      if (same) throw duplicate(same);
      const code = hamletCode(communeCode, (await repo.maxHamletNumber(tx, communeCode)) + 1);
      const [row] = await repo.insertUnitRows(tx, [
        {
          code,
          parentCode: communeCode,
          level: 'hamlet',
          kind: input.kind,
          name: input.name,
          fullName: names.fullName,
          nameEn: input.nameEn ?? null,
          fullNameEn: input.nameEn ? null : names.fullNameEn,
          path: `${commune.path}/${code}`,
          provinceCode: commune.provinceCode,
          households: input.households ?? null,
          population: input.population ?? null,
        },
      ]);
      await recordAudit(
        tx,
        actor,
        {
          action: 'hamlet.create',
          resourceType: 'unit',
          resourceId: code,
          unitPath: commune.path,
          details: { name: row.fullName, kind: row.kind, households: row.households, population: row.population },
        },
        meta.requestId,
      );
      return toUnitView({ ...row, parentFullName: commune.fullName });
    });
  }

  /** Edits a hamlet's name, kind or counts; the full name follows the name and kind. */
  async function updateHamlet(
    actor: Actor,
    code: string,
    input: z.output<typeof HamletUpdate>,
    meta: Meta = {},
  ): Promise<UnitView> {
    return db.transaction(async (tx) => {
      const current = await requireHamlet(code, tx);
      await repo.lockUnit(tx, current.parentCode!);
      if (current.status !== 'active') throw retired(code);
      const name = input.name ?? current.name;
      const kind = (input.kind ?? current.kind) as HamletKind;
      const names = composeHamletNames(name, kind);
      if (input.name !== undefined || input.kind !== undefined) {
        const same = await repo.findSameNameHamlet(tx, current.parentCode!, name, names.fullName, code);
        if (same) throw duplicate(same);
      }
      const nameEn = input.nameEn !== undefined ? input.nameEn : current.nameEn;
      const next = {
        name,
        kind,
        fullName: names.fullName,
        nameEn,
        fullNameEn: nameEn ? null : names.fullNameEn,
        households: input.households !== undefined ? input.households : current.households,
        population: input.population !== undefined ? input.population : current.population,
      };
      const changes: Record<string, { from: unknown; to: unknown }> = {};
      for (const [k, v] of Object.entries(next))
        if (current[k as keyof typeof next] !== v) changes[k] = { from: current[k as keyof typeof next], to: v };
      const row = await repo.updateUnit(tx, code, next);
      if (Object.keys(changes).length)
        await recordAudit(
          tx,
          actor,
          {
            action: 'hamlet.update',
            resourceType: 'unit',
            resourceId: code,
            unitPath: current.communePath,
            details: changes,
          },
          meta.requestId,
        );
      return toUnitView({ ...row, parentFullName: current.parentFullName });
    });
  }

  /** Retires a hamlet: kept for history (old reports and activities still point at it), hidden from lists. */
  async function retireHamlet(actor: Actor, code: string, reason: string | undefined, meta: Meta = {}) {
    return db.transaction(async (tx) => {
      const current = await requireHamlet(code, tx);
      await repo.lockUnit(tx, current.parentCode!);
      if (current.status !== 'active') throw retired(code);
      const row = await repo.updateUnit(tx, code, { status: 'retired' });
      await recordAudit(
        tx,
        actor,
        { action: 'hamlet.retire', resourceType: 'unit', resourceId: code, unitPath: current.communePath, reason },
        meta.requestId,
      );
      return toUnitView({ ...row, parentFullName: current.parentFullName });
    });
  }

  /**
   * Merges a hamlet into another active hamlet of the same commune: the source is retired with `merged_into`
   * set (hamlets merged into it earlier now point at the target too). Domains holding rows per hamlet follow
   * `merged_into`; the audit event 'hamlet.merge' records the move.
   */
  async function mergeHamlet(actor: Actor, code: string, into: string, reason: string | undefined, meta: Meta = {}) {
    return db.transaction(async (tx) => {
      const source = await requireHamlet(code, tx);
      await repo.lockUnit(tx, source.parentCode!);
      if (source.status !== 'active') throw retired(code);
      const badInto = (vi: string, en: string) => errors.invalidField('into', { vi, en });
      if (into === code)
        throw badInto('Không thể gộp một thôn, xóm vào chính nó.', 'A hamlet cannot be merged into itself.');
      const target = await repo.findUnit(tx, into);
      if (target?.level !== 'hamlet' || target.parentCode !== source.parentCode)
        throw badInto(
          `Không có thôn, xóm "${into}" trong cùng xã, phường.`,
          `There is no hamlet "${into}" in the same commune.`,
        );
      if (target.status !== 'active')
        throw badInto(`Thôn, xóm "${into}" đã ngừng hoạt động.`, `Hamlet "${into}" is retired.`);
      const row = await repo.updateUnit(tx, code, { status: 'retired', mergedInto: into });
      const repointed = await repo.repointMerged(tx, code, into);
      await recordAudit(
        tx,
        actor,
        {
          action: 'hamlet.merge',
          resourceType: 'unit',
          resourceId: code,
          unitPath: source.communePath,
          reason,
          details: { into, repointed },
        },
        meta.requestId,
      );
      return {
        source: toUnitView({ ...row, parentFullName: source.parentFullName }),
        target: toUnitView(target),
      };
    });
  }

  /**
   * Imports hamlets from an XLSX/CSV file: every row or none (one transaction); any bad row → a row-by-row
   * report (422) and nothing written. `dryRun` validates only.
   */
  async function importHamlets(
    actor: Actor,
    communeCode: string,
    file: Buffer,
    opts: { dryRun: boolean; fileName?: string } & Meta,
  ): Promise<HamletImportResult> {
    const table = await readTable(file);
    const { rows, errors: rowErrors } = validateRows(table);
    const run = async (tx: Executor) => {
      const commune = (await repo.lockUnit(tx, communeCode))!;
      const existing = await repo.listUnits(tx, { parentCode: communeCode, level: 'hamlet', includeRetired: false });
      const taken = new Map<string, string>();
      for (const h of existing)
        for (const n of [h.name, h.fullName]) taken.set(foldVn(n), `"${h.fullName}" (${h.code})`);
      const planned: (ImportRow & { fullName: string; fullNameEn: string | null })[] = [];
      for (const r of rows) {
        const names = composeHamletNames(r.name, r.kind);
        const keys = [foldVn(r.name), foldVn(names.fullName)];
        const clash = keys.map((k) => taken.get(k)).find(Boolean);
        if (clash) {
          rowErrors.push(duplicateRow(r.row, clash));
          continue;
        }
        for (const k of keys) taken.set(k, `"${names.fullName}" (dòng/row ${r.row})`);
        planned.push({ ...r, ...names });
      }
      if (rowErrors.length)
        throw new ImportRejected(
          422,
          rowErrors.sort((a, b) => a.row - b.row),
        );
      let next = await repo.maxHamletNumber(tx, communeCode);
      const values = planned.map((p) => {
        const code = hamletCode(communeCode, ++next);
        return {
          code,
          parentCode: communeCode,
          level: 'hamlet' as const,
          kind: p.kind,
          name: p.name,
          fullName: p.fullName,
          fullNameEn: p.fullNameEn,
          path: `${commune.path}/${code}`,
          provinceCode: commune.provinceCode,
          households: p.households,
          population: p.population,
        };
      });
      if (opts.dryRun) return planned.map((p) => ({ ...p, code: null }));
      await repo.insertUnitRows(tx, values);
      await recordAudit(
        tx,
        actor,
        {
          action: 'hamlet.import',
          resourceType: 'unit',
          resourceId: communeCode,
          unitPath: commune.path,
          details: { count: values.length, codes: values.map((v) => v.code), file: opts.fileName ?? null },
        },
        opts.requestId,
      );
      return planned.map((p, i) => ({ ...p, code: values[i].code }));
    };
    const written = await db.transaction(run);
    return {
      ok: true,
      dryRun: opts.dryRun,
      count: written.length,
      rows: written.map((r) => ({
        row: r.row,
        code: r.code,
        name: r.name,
        fullName: r.fullName,
        kind: r.kind,
        households: r.households,
        population: r.population,
      })),
    };
  }

  return { requireCommune, requireHamlet, createHamlet, updateHamlet, retireHamlet, mergeHamlet, importHamlets };
}

function duplicateRow(row: number, clash: string): RowError {
  return {
    row,
    field: 'name',
    column: 'Tên',
    message: { vi: `Trùng tên với ${clash}.`, en: `Same name as ${clash}.` },
  };
}

export type HamletService = ReturnType<typeof createHamletService>;
