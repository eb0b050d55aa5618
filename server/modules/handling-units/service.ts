import type { z } from 'zod';
import type {
  HandlingUnitCreate,
  HandlingUnitDetail,
  HandlingUnitListQuery,
  HandlingUnitListResponse,
  HandlingUnitUpdate,
  HandlingUnitView,
} from '../../../common/handling-units.js';
import { foldVn } from '../../../common/units.js';
import type { Executor } from '../../db/client.js';
import type { Actor } from '../../platform/actor.js';
import { recordAudit } from '../../platform/audit.js';
import type { AppContext } from '../../platform/context.js';
import { decodeOffset, nextOffsetCursor } from '../../platform/cursor.js';
import { errors } from '../../platform/errors.js';
import { nameSearchText } from '../../platform/like.js';
import { scopesFor } from '../../platform/permissions.js';
import type { UnitsService } from '../units/service.js';
import { peoplesCommitteeCode } from './committees.js';
import * as repo from './repo.js';

const collator = new Intl.Collator('vi', { numeric: true, sensitivity: 'base' });
const COMMITTEES = new Set(['province_committee', 'commune_committee']);

export function toHandlingUnitView(h: repo.HandlingUnitRow): HandlingUnitView {
  return {
    id: h.id,
    code: h.code,
    name: h.name,
    nameEn: h.nameEn,
    kind: h.kind,
    unitCode: h.unitCode,
    unitName: h.unitName,
    provinceCode: h.provinceCode,
    parentId: h.parentId,
    email: h.email,
    phone: h.phone,
    active: h.active,
    servedCount: h.servedCount,
  };
}

const notFound = (id: string) => errors.notFound({ vi: `cơ quan xử lý "${id}"`, en: `Handling unit "${id}"` });
const badParent = (vi: string, en: string) => errors.invalidField('parentId', { vi, en });
interface Meta {
  requestId?: string;
}

/** Handling units (cơ quan xử lý): public reads; province administrators create and change them. */
export function createHandlingUnitService(ctx: AppContext, { units }: { units: UnitsService }) {
  const db = ctx.db;

  /** A handling unit by id or code, with its unit's path (what 'handling_unit.manage' is checked against). */
  async function requireHandlingUnit(idOrCode: string, exec: Executor = db): Promise<repo.HandlingUnitRow> {
    const row = await repo.findHandlingUnit(exec, idOrCode);
    if (!row) throw notFound(idOrCode);
    return row;
  }

  /** Lists handling units, filtered by unit (and below), served commune, kind and name; paginated. */
  async function listHandlingUnits(query: z.output<typeof HandlingUnitListQuery>): Promise<HandlingUnitListResponse> {
    const offset = decodeOffset(query.cursor);
    const unitPath = query.unit ? (await units.requireUnit(query.unit)).path : undefined;
    const q = query.q === undefined ? undefined : nameSearchText(query.q);
    if (query.q && !q) return { items: [], nextCursor: null, total: 0 };
    const { rows, total } = await repo.listHandlingUnits(
      db,
      { unitPath, serves: query.serves, q, kind: query.kind, includeInactive: query.includeInactive },
      { limit: query.limit, offset },
    );
    return { items: rows.map(toHandlingUnitView), nextCursor: nextOffsetCursor(offset, query.limit, total), total };
  }

  /** One handling unit with its escalation parent and the communes it serves. */
  async function getHandlingUnit(idOrCode: string): Promise<HandlingUnitDetail> {
    const h = await requireHandlingUnit(idOrCode);
    const [parent, served, childCount] = await Promise.all([
      h.parentId ? repo.findHandlingUnit(db, h.parentId) : null,
      repo.listServedCommunes(db, h.id),
      repo.countActiveChildren(db, h.id),
    ]);
    return {
      ...toHandlingUnitView(h),
      parent: parent
        ? { id: parent.id, code: parent.code, name: parent.name, kind: parent.kind, active: parent.active }
        : null,
      servedCommunes: served
        .sort((a, b) => collator.compare(a.name, b.name))
        .map(({ code, kind, fullName }) => ({ code, kind, fullName })),
      childCount,
    };
  }

  /**
   * The administrative unit a new handling unit belongs to: the one given, or the administrator's province when
   * they administer exactly one.
   */
  async function unitForCreate(actor: Actor, unitCode: string | undefined) {
    let code = unitCode;
    if (!code) {
      const provinces = scopesFor(actor, 'handling_unit.manage').filter((p) => !p.includes('/'));
      if (provinces.length === 0) throw errors.forbidden(); // nobody else may create handling units
      if (provinces.length > 1)
        throw errors.invalidField('unitCode', {
          vi: 'Hãy chọn tỉnh (hoặc xã) mà cơ quan trực thuộc.',
          en: 'Choose the province (or commune) the unit belongs to.',
        });
      code = provinces[0];
    }
    const unit = await units.requireUnit(code);
    if (unit.level === 'hamlet')
      throw errors.invalidField('unitCode', {
        vi: 'Cơ quan xử lý thuộc tỉnh hoặc xã, phường, không thuộc thôn, xóm.',
        en: 'A handling unit belongs to a province or a commune, not a hamlet.',
      });
    return unit;
  }

  /** Checks an escalation parent: exists, active, same province, and (for an existing unit) no cycle. */
  async function checkParent(exec: Executor, parentRef: string, provinceCode: string, selfId?: string) {
    const parent = await repo.findHandlingUnit(exec, parentRef);
    if (!parent) throw badParent(`Không có cơ quan "${parentRef}".`, `No handling unit "${parentRef}".`);
    if (!parent.active) throw badParent('Cơ quan cấp trên đã ngừng hoạt động.', 'The parent unit is inactive.');
    if (parent.provinceCode !== provinceCode)
      throw badParent('Cơ quan cấp trên phải cùng tỉnh.', 'The parent unit must be in the same province.');
    if (selfId) {
      // Walk up from the new parent: meeting ourselves means overdue work would escalate in a circle.
      const seen = new Set<string>();
      for (let at: string | null = parent.id; at; at = (await repo.parentOf(exec, at))?.parentId ?? null) {
        if (at === selfId || seen.has(at))
          throw errors.badRequest(
            'escalation_cycle',
            { vi: 'Cấp trên này tạo thành vòng chuyển tiếp.', en: 'This parent would create an escalation cycle.' },
            {
              parentId: {
                vi: 'Cơ quan không thể là cấp trên của chính mình (trực tiếp hay gián tiếp).',
                en: 'A unit cannot be its own parent, directly or indirectly.',
              },
            },
          );
        seen.add(at);
      }
    }
    return parent;
  }

  /** Communes must all be communes of the province; 400 listing the codes that are not. */
  async function checkCommunes(exec: Executor, provinceCode: string, codes: string[]): Promise<string[]> {
    const unique = [...new Set(codes)];
    const ok = new Set(await repo.communesOfProvince(exec, provinceCode, unique));
    const bad = unique.filter((c) => !ok.has(c));
    if (bad.length)
      throw errors.badRequest(
        'invalid_communes',
        {
          vi: `Các mã sau không phải xã, phường của tỉnh ${provinceCode}: ${bad.join(', ')}.`,
          en: `These codes are not communes of province ${provinceCode}: ${bad.join(', ')}.`,
        },
        {
          communeCodes: {
            vi: `Không thuộc tỉnh ${provinceCode}: ${bad.join(', ')}.`,
            en: `Not in province ${provinceCode}: ${bad.join(', ')}.`,
          },
        },
      );
    return unique;
  }

  async function uniqueCode(exec: Executor, name: string, provinceCode: string): Promise<string> {
    const base = `${foldVn(name)
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 48)
      .replace(/-+$/, '')}-${provinceCode}`;
    for (let n = 1; ; n++) {
      const code = n === 1 ? base : `${base}-${n}`;
      if (!(await repo.codeTaken(exec, code))) return code;
    }
  }

  /**
   * Creates a department, agency or utility. Without `parentId` it escalates to the province's People's
   * Committee; served communes must be in its province.
   */
  async function createHandlingUnit(
    actor: Actor,
    unit: { code: string; provinceCode: string; path: string },
    input: z.output<typeof HandlingUnitCreate>,
    meta: Meta = {},
  ): Promise<HandlingUnitDetail> {
    const id = await db.transaction(async (tx) => {
      if (input.code && (await repo.codeTaken(tx, input.code)))
        throw errors.conflict(
          'duplicate_code',
          { vi: 'Mã cơ quan đã được dùng.', en: 'This code is already used.' },
          { code: { vi: `Mã "${input.code}" đã có.`, en: `Code "${input.code}" already exists.` } },
        );
      const parent =
        input.parentId === undefined
          ? await repo.findHandlingUnit(tx, peoplesCommitteeCode(unit.provinceCode))
          : input.parentId === null
            ? null
            : await checkParent(tx, input.parentId, unit.provinceCode);
      const communes = await checkCommunes(tx, unit.provinceCode, input.communeCodes ?? []);
      const row = await repo.insertHandlingUnit(tx, {
        code: input.code ?? (await uniqueCode(tx, input.name, unit.provinceCode)),
        name: input.name,
        nameEn: input.nameEn ?? null,
        kind: input.kind,
        unitCode: unit.code,
        provinceCode: unit.provinceCode,
        parentId: parent?.id ?? null,
        email: input.email ?? null,
        phone: input.phone ?? null,
      });
      await repo.replaceAreas(tx, row.id, communes);
      await recordAudit(
        tx,
        actor,
        {
          action: 'handling_unit.create',
          resourceType: 'handling_unit',
          resourceId: row.id,
          unitPath: unit.path,
          details: {
            code: row.code,
            name: row.name,
            kind: row.kind,
            parentId: row.parentId,
            communes: communes.length,
          },
        },
        meta.requestId,
      );
      return row.id;
    });
    return getHandlingUnit(id);
  }

  /** Edits names, office contacts, kind (not of committees) and the escalation parent (no cycles). */
  async function updateHandlingUnit(
    actor: Actor,
    h: repo.HandlingUnitRow,
    input: z.output<typeof HandlingUnitUpdate>,
    meta: Meta = {},
  ): Promise<HandlingUnitDetail> {
    await db.transaction(async (tx) => {
      const current = (await repo.lockHandlingUnit(tx, h.id))!;
      if (input.kind && COMMITTEES.has(current.kind) && input.kind !== current.kind)
        throw errors.invalidField('kind', {
          vi: 'Ủy ban nhân dân không đổi loại được.',
          en: "A People's Committee keeps its kind.",
        });
      let parentId = current.parentId;
      if (input.parentId !== undefined)
        parentId =
          input.parentId === null ? null : (await checkParent(tx, input.parentId, current.provinceCode, h.id)).id;
      const next = {
        name: input.name ?? current.name,
        nameEn: input.nameEn !== undefined ? input.nameEn : current.nameEn,
        kind: input.kind ?? current.kind,
        parentId,
        email: input.email !== undefined ? input.email : current.email,
        phone: input.phone !== undefined ? input.phone : current.phone,
      };
      const changes: Record<string, { from: unknown; to: unknown }> = {};
      for (const [k, v] of Object.entries(next)) {
        const before = current[k as keyof typeof next];
        // Office e-mail and phone are public contacts, but the trail only needs to know they changed.
        if (before !== v)
          changes[k] = k === 'email' || k === 'phone' ? { from: '…', to: '…' } : { from: before, to: v };
      }
      if (Object.keys(changes).length === 0) return;
      await repo.updateHandlingUnit(tx, h.id, next);
      await recordAudit(
        tx,
        actor,
        {
          action: 'handling_unit.update',
          resourceType: 'handling_unit',
          resourceId: h.id,
          unitPath: h.unitPath,
          details: changes,
        },
        meta.requestId,
      );
    });
    return getHandlingUnit(h.id);
  }

  /** Replaces the communes a handling unit serves. A commune committee always serves its own commune. */
  async function setAreas(actor: Actor, h: repo.HandlingUnitRow, codes: string[], meta: Meta = {}) {
    await db.transaction(async (tx) => {
      await repo.lockHandlingUnit(tx, h.id);
      const communes = await checkCommunes(tx, h.provinceCode, codes);
      if (h.kind === 'commune_committee' && !communes.includes(h.unitCode))
        throw errors.invalidField('communeCodes', {
          vi: `UBND xã, phường phải phục vụ chính xã, phường của mình (${h.unitCode}).`,
          en: `A commune committee must serve its own commune (${h.unitCode}).`,
        });
      const before = await repo.listServedCodes(tx, h.id);
      await repo.replaceAreas(tx, h.id, communes);
      await recordAudit(
        tx,
        actor,
        {
          action: 'handling_unit.areas',
          resourceType: 'handling_unit',
          resourceId: h.id,
          unitPath: h.unitPath,
          details: {
            added: communes.filter((c) => !before.includes(c)).sort(),
            removed: before.filter((c) => !communes.includes(c)).sort(),
          },
        },
        meta.requestId,
      );
    });
    return getHandlingUnit(h.id);
  }

  /**
   * Deactivates (the "delete" of a handling unit: its history stays) or reactivates one. Committees cannot be
   * deactivated; neither can a unit others still escalate to. Repeating the same change is a no-op.
   */
  async function setActive(actor: Actor, h: repo.HandlingUnitRow, active: boolean, reason?: string, meta: Meta = {}) {
    await db.transaction(async (tx) => {
      const current = (await repo.lockHandlingUnit(tx, h.id))!;
      if (current.active === active) return;
      if (!active && COMMITTEES.has(current.kind))
        throw errors.conflict('committee_required', {
          vi: 'Không thể ngừng hoạt động Ủy ban nhân dân: mỗi xã, phường và tỉnh luôn có một.',
          en: "A People's Committee cannot be deactivated: every commune and province has one.",
        });
      if (!active) {
        const children = await repo.countActiveChildren(tx, h.id);
        if (children > 0)
          throw errors.conflict('has_children', {
            vi: `Còn ${children} cơ quan chuyển tiếp lên cơ quan này; hãy đổi cấp trên của chúng trước.`,
            en: `${children} unit(s) still escalate to this one; change their parent first.`,
          });
      }
      await repo.updateHandlingUnit(tx, h.id, { active });
      await recordAudit(
        tx,
        actor,
        {
          action: active ? 'handling_unit.activate' : 'handling_unit.deactivate',
          resourceType: 'handling_unit',
          resourceId: h.id,
          unitPath: h.unitPath,
          reason,
        },
        meta.requestId,
      );
    });
    return getHandlingUnit(h.id);
  }

  return {
    requireHandlingUnit,
    listHandlingUnits,
    getHandlingUnit,
    unitForCreate,
    createHandlingUnit,
    updateHandlingUnit,
    setAreas,
    setActive,
  };
}

export type HandlingUnitService = ReturnType<typeof createHandlingUnitService>;
