import type { z } from 'zod';
import type {
  KindCounts,
  LocateResponse,
  UnitDetail,
  UnitListQuery,
  UnitListResponse,
  UnitRef,
  UnitView,
} from '../../../common/units.js';
import type { Executor } from '../../db/client.js';
import type { AppContext } from '../../platform/context.js';
import { decodeCursor, decodeOffset, encodeCursor, isText, keyset, nextOffsetCursor } from '../../platform/cursor.js';
import { AppError, errors } from '../../platform/errors.js';
import { nameSearchText } from '../../platform/like.js';
import { cachedReference } from '../../platform/reference-cache.js';
import {
  getCommuneBoundary,
  getWebBoundaries,
  locateCommuneCode,
  provincesWithBoundaries,
  type WebBoundaries,
} from './boundaries.js';
import * as repo from './repo.js';

type ListQuery = z.output<typeof UnitListQuery>;

/** Vietnamese alphabetical order (a ă â b c d đ …), numbers by value: "Tổ 2" before "Tổ 10". */
const collator = new Intl.Collator('vi', { numeric: true, sensitivity: 'base' });

export function toUnitView(u: repo.UnitWithParent | repo.UnitRecord): UnitView {
  return {
    code: u.code,
    parentCode: u.parentCode,
    level: u.level,
    kind: u.kind,
    name: u.name,
    fullName: u.fullName,
    nameEn: u.nameEn,
    fullNameEn: u.fullNameEn,
    path: u.path,
    provinceCode: u.provinceCode,
    status: u.status,
    mergedInto: u.mergedInto,
    households: u.households,
    population: u.population,
    parentFullName: 'parentFullName' in u ? u.parentFullName : null,
  };
}

export const toUnitRef = (u: repo.UnitRecord): UnitRef => ({
  code: u.code,
  level: u.level,
  kind: u.kind,
  name: u.name,
  fullName: u.fullName,
});

/** 404 for a unit code; the code is repeated only when it looks like one (never markup or other input back). */
export const unitNotFound = (code: string) =>
  /^[\w.-]{1,40}$/.test(code)
    ? errors.notFound({ vi: `đơn vị hành chính có mã "${code}"`, en: `Administrative unit "${code}"` })
    : errors.notFound({ vi: 'đơn vị hành chính này', en: 'This administrative unit' });

function compareUnits(a: { name: string; code: string }, b: { name: string; code: string }) {
  return collator.compare(a.name, b.name) || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);
}

function countByKind(rows: { kind: string; n: number }[]): { total: number; totals: KindCounts } {
  const totals: KindCounts = {};
  let total = 0;
  for (const r of rows) {
    totals[r.kind] = (totals[r.kind] ?? 0) + r.n;
    total += r.n;
  }
  return { total, totals };
}

/** Reads of the unit tree (public: units hold no personal data) and point → commune. */
export function createUnitsService(ctx: AppContext) {
  const db = ctx.db;

  /** A unit or 404 (used by routes before authorizing a write against its path). */
  async function requireUnit(code: string, exec: Executor = db): Promise<repo.UnitWithParent> {
    const unit = await repo.findUnit(exec, code);
    if (!unit) throw unitNotFound(code);
    return unit;
  }

  /**
   * A unit or 404 from the per-process reference cache (platform/reference-cache.ts: up to 5 s old when another
   * process changed it): for validating new submissions only.
   */
  async function requireUnitCached(code: string): Promise<repo.UnitWithParent> {
    const unit = await cachedReference('units', db, code, () => repo.findUnit(db, code));
    if (!unit) throw unitNotFound(code);
    return unit;
  }

  /**
   * Children of a unit (the provinces without `parent`) in Vietnamese order, with totals by kind; or, with
   * `q`, a ranked diacritic-insensitive search.
   */
  async function listUnits(query: ListQuery): Promise<UnitListResponse> {
    const filter: repo.UnitFilter = {
      provinceCode: query.province,
      level: query.level,
      includeRetired: query.includeRetired,
    };
    if (query.parent) {
      await requireUnit(query.parent);
      filter.parentCode = query.parent;
    }
    if (query.q) {
      const offset = decodeOffset(query.cursor);
      const text = nameSearchText(query.q);
      if (!text) return { items: [], nextCursor: null, total: 0, totals: {} };
      const [{ rows, total }, kinds] = await Promise.all([
        repo.searchUnits(db, text, filter, { limit: query.limit, offset }),
        repo.countSearchByKind(db, text, filter),
      ]);
      return {
        items: rows.map(toUnitView),
        nextCursor: nextOffsetCursor(offset, query.limit, total),
        total,
        totals: countByKind(kinds).totals,
      };
    }
    if (!query.parent) filter.parentCode = null;
    // Children of one unit are a few hundred rows at most: sorting them here gives the same Vietnamese order
    // on every database, whatever collations the server was built with.
    const all = (await repo.listUnits(db, filter)).sort(compareUnits);
    let start = 0;
    if (query.cursor) {
      const after = decodeCursor(query.cursor, keyset(isText, isText));
      const last = { name: after[0], code: after[1] };
      start = all.findIndex((u) => compareUnits(u, last) > 0);
      if (start < 0) start = all.length;
    }
    const items = all.slice(start, start + query.limit);
    const lastItem = items.at(-1);
    return {
      items: items.map(toUnitView),
      nextCursor: lastItem && start + items.length < all.length ? encodeCursor([lastItem.name, lastItem.code]) : null,
      ...countByKind(all.map((u) => ({ kind: u.kind, n: 1 }))),
    };
  }

  /** One unit with its breadcrumb (province first, itself last) and counts of its children. */
  async function getUnit(code: string): Promise<UnitDetail> {
    const unit = await requireUnit(code);
    const chain = unit.path.split('/');
    const [ancestors, children] = await Promise.all([repo.findUnitsByCodes(db, chain), repo.countChildren(db, code)]);
    const byCode = new Map(ancestors.map((a) => [a.code, a]));
    const active = countByKind(children.filter((c) => c.status === 'active'));
    return {
      ...toUnitView(unit),
      breadcrumb: chain.flatMap((c) => (byCode.has(c) ? [toUnitRef(byCode.get(c)!)] : [])),
      children: {
        ...active,
        retired: children.filter((c) => c.status === 'retired').reduce((s, c) => s + c.n, 0),
      },
      hasBoundaries: provincesWithBoundaries().has(unit.provinceCode),
    };
  }

  /** The code of the commune containing the point, or null (for other domains: routing a report). */
  function locateCode(lat: number, lng: number): Promise<string | null> {
    return locateCommuneCode(lng, lat);
  }

  /** The commune containing the point; 404 `outside_boundaries` outside every loaded boundary. */
  async function locate(lat: number, lng: number): Promise<LocateResponse> {
    const code = await locateCommuneCode(lng, lat);
    const commune = code ? await repo.findUnit(db, code) : null;
    if (!commune)
      throw new AppError(404, 'outside_boundaries', {
        vi: 'Vị trí này nằm ngoài ranh giới các xã, phường đã có trên hệ thống.',
        en: 'This location is outside the commune boundaries the platform has.',
      });
    const province = (await repo.findUnit(db, commune.provinceCode))!;
    return { commune: toUnitView(commune), province: toUnitRef(province), point: { lat, lng } };
  }

  /** A province's map GeoJSON (body, gzip, ETag); 404 for provinces without boundaries. */
  async function webBoundaries(provinceCode: string): Promise<WebBoundaries> {
    const found = await getWebBoundaries(provinceCode);
    if (!found)
      throw new AppError(404, 'no_boundaries', {
        vi: `Chưa có bản đồ ranh giới cho tỉnh/thành phố có mã "${provinceCode}".`,
        en: `No boundaries are available for province "${provinceCode}".`,
      });
    return found;
  }

  /** The map boundary of one commune (GeoJSON Feature); 404 for an unknown unit or one without a boundary. */
  async function communeBoundary(code: string): Promise<{ body: string; etag: string }> {
    const unit = await requireUnit(code);
    const found = unit.level === 'commune' ? await getCommuneBoundary(unit.provinceCode, unit.code) : null;
    if (!found)
      throw new AppError(404, 'no_boundaries', {
        vi: `Chưa có bản đồ ranh giới cho đơn vị có mã "${code}".`,
        en: `No boundary is available for unit "${code}".`,
      });
    return found;
  }

  return { requireUnit, requireUnitCached, listUnits, getUnit, locate, locateCode, webBoundaries, communeBoundary };
}

export type UnitsService = ReturnType<typeof createUnitsService>;
