import { and, asc, desc, eq, gte, inArray, lt, ne, or, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import {
  feedbackCategories as c,
  handlingUnits,
  reports as r,
  reportEvents,
  reportPhotos,
  reportStatsDaily as rs,
  units,
  users,
} from '../../db/schema/index.js';
import { PUBLIC_STATUSES, publicReportSql } from './visibility.js';

/** ~500 m: locations in sensitive categories are snapped to a grid of this many degrees. */
export const COARSE_DEGREES = 0.0045;

export interface PublicFilters {
  category?: string;
  commune?: string;
  status?: string;
  /** Inclusive start and exclusive end instants of the period. */
  fromAt?: Date;
  toAt?: Date;
  /** Words of the query, already trimmed. */
  words?: string[];
}

const likeEscape = (s: string) => s.replace(/[\\%_]/g, (ch) => `\\${ch}`);

/** The public predicate plus the filters, as one WHERE. */
function where(f: PublicFilters, extra: (SQL | undefined)[] = [], withPublic = true) {
  return and(
    withPublic ? publicReportSql : undefined,
    f.category ? eq(c.code, f.category) : undefined,
    f.commune ? eq(r.communeCode, f.commune) : undefined,
    f.status ? eq(r.status, f.status as 'resolved') : undefined,
    f.fromAt ? gte(r.createdAt, f.fromAt) : undefined,
    f.toAt ? lt(r.createdAt, f.toAt) : undefined,
    // Each word must appear, diacritics ignored; LIKE on vn_fold(description) uses the GIN trigram index.
    ...(f.words ?? []).map((w) => sql`vn_fold(${r.description}) like '%' || vn_fold(${likeEscape(w)}) || '%'`),
    ...extra,
  );
}

/** A location as the public may see it: snapped to the grid in sensitive categories. */
const publicCoord = (col: typeof r.lat | typeof r.lng) =>
  sql<
    number | null
  >`case when ${c.sensitive} then round(${col} / ${COARSE_DEGREES}) * ${COARSE_DEGREES} else ${col} end`;

const firstPublicPhoto = sql<string | null>`(select p.id from ${reportPhotos} p
  where p.report_id = ${r.id} and p.visibility = 'public' order by p.kind desc, p.position, p.created_at limit 1)`;

const listColumns = {
  id: r.id,
  publicCode: r.publicCode,
  status: r.status,
  description: r.description,
  communeCode: r.communeCode,
  communeName: units.fullName,
  lat: publicCoord(r.lat),
  lng: publicCoord(r.lng),
  sensitive: c.sensitive,
  categoryCode: c.code,
  categoryNameVi: c.nameVi,
  categoryNameEn: c.nameEn,
  createdAt: r.createdAt,
  resolvedAt: r.resolvedAt,
  photoId: firstPublicPhoto,
};

/** The predicate of one public status (spam is never public; pending is never public). */
const statusBranch = (status: (typeof PUBLIC_STATUSES)[number]) =>
  status === 'cancelled'
    ? sql`${r.status} = 'cancelled' and ${r.cancelReason} is distinct from 'spam'`
    : eq(r.status, status);

/**
 * Newest first, keyset-paginated on (created_at, id). One query per public status, each walking the
 * (status, created_at) index from the cursor, merged here: an OR over statuses would make PostgreSQL sort every
 * public report to find the newest page.
 */
export async function listPublicReports(
  exec: Executor,
  f: PublicFilters,
  page: { limit: number; after?: { at: Date; id: string } },
) {
  const after = page.after
    ? or(lt(r.createdAt, page.after.at), and(eq(r.createdAt, page.after.at), lt(r.id, page.after.id)))
    : undefined;
  const statuses = PUBLIC_STATUSES.filter((s) => !f.status || s === f.status);
  const branches = await Promise.all(
    statuses.map((s) =>
      exec
        .select(listColumns)
        .from(r)
        .innerJoin(c, eq(c.id, r.categoryId))
        .innerJoin(units, eq(units.code, r.communeCode))
        .where(where({ ...f, status: undefined }, [statusBranch(s), after], false))
        .orderBy(desc(r.createdAt), desc(r.id))
        .limit(page.limit),
    ),
  );
  return branches
    .flat()
    .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0))
    .slice(0, page.limit);
}
export type PublicRow = Awaited<ReturnType<typeof listPublicReports>>[number];

/**
 * Map of a viewport: public reports grouped on a grid of `cell` degrees, in SQL. Sensitive locations are
 * snapped before they are grouped or compared with the viewport, so moving the viewport reveals nothing finer.
 */
export async function mapCells(
  exec: Executor,
  f: PublicFilters,
  bbox: { minLng: number; minLat: number; maxLng: number; maxLat: number },
  cell: number,
) {
  const m = COARSE_DEGREES;
  const pts = exec
    .select({
      publicCode: sql<string>`${r.publicCode}`.as('public_code'),
      status: sql<string>`${r.status}`.as('status'),
      categoryCode: sql<string>`${c.code}`.as('category_code'),
      lat: publicCoord(r.lat).as('lat'),
      lng: publicCoord(r.lng).as('lng'),
    })
    .from(r)
    .innerJoin(c, eq(c.id, r.categoryId))
    .where(
      where(f, [
        // The raw position within a margin (indexed), then the public position inside the viewport.
        sql`${r.lat} between ${bbox.minLat - m} and ${bbox.maxLat + m}`,
        sql`${r.lng} between ${bbox.minLng - m} and ${bbox.maxLng + m}`,
      ]),
    )
    .as('pts');
  const n = (s: string) => sql<number>`(count(*) filter (where ${pts.status} = ${s}))::int`;
  return exec
    .select({
      count: sql<number>`count(*)::int`,
      lat: sql<number>`avg(${pts.lat})::float8`,
      lng: sql<number>`avg(${pts.lng})::float8`,
      pending: n('pending'),
      distributed: n('distributed'),
      resolved: n('resolved'),
      cancelled: n('cancelled'),
      publicCode: sql<string>`min(${pts.publicCode})`,
      status: sql<string>`min(${pts.status})`,
      categoryCode: sql<string>`min(${pts.categoryCode})`,
    })
    .from(pts)
    .where(
      sql`${pts.lat} between ${bbox.minLat} and ${bbox.maxLat} and ${pts.lng} between ${bbox.minLng} and ${bbox.maxLng}`,
    )
    .groupBy(sql`floor(${pts.lat} / ${cell})`, sql`floor(${pts.lng} / ${cell})`)
    .limit(5000);
}

/** One public report with what its page shows (nothing personal but a name the reporter chose to show). */
export async function findPublicReport(exec: Executor, publicCode: string) {
  const [row] = await exec
    .select({
      ...listColumns,
      showName: r.showName,
      userName: users.fullName,
      reporterName: r.reporterName,
      handlingUnitName: handlingUnits.name,
      answerText: r.answerText,
      rating: r.rating,
    })
    .from(r)
    .innerJoin(c, eq(c.id, r.categoryId))
    .innerJoin(units, eq(units.code, r.communeCode))
    .leftJoin(users, eq(users.id, r.reporterId))
    .leftJoin(handlingUnits, eq(handlingUnits.id, r.handlingUnitId))
    .where(and(publicReportSql, eq(r.publicCode, publicCode)))
    .limit(1);
  return row ?? null;
}

/** The public events of a report (internal notes and reminders excluded), oldest first. */
export function publicEvents(exec: Executor, reportId: string) {
  return exec
    .select({
      at: reportEvents.at,
      type: reportEvents.type,
      toStatus: reportEvents.toStatus,
      handlingUnitName: handlingUnits.name,
    })
    .from(reportEvents)
    .leftJoin(handlingUnits, eq(handlingUnits.id, reportEvents.toHandlingUnitId))
    .where(and(eq(reportEvents.reportId, reportId), eq(reportEvents.public, true), ne(reportEvents.type, 'reminder')))
    .orderBy(asc(reportEvents.id))
    .limit(200);
}

/** Approved photos of a report. */
export function publicPhotos(exec: Executor, reportId: string) {
  return exec
    .select()
    .from(reportPhotos)
    .where(and(eq(reportPhotos.reportId, reportId), inArray(reportPhotos.visibility, ['public'])))
    .orderBy(asc(reportPhotos.kind), asc(reportPhotos.position));
}

/**
 * Public reports per commune for the zoomed-out map, summed from the statistics rollup (a few thousand rows
 * instead of every report). Same public rule: no pending, no spam.
 */
export function mapByCommune(
  exec: Executor,
  f: { category?: string; commune?: string; status?: string; from?: string; to?: string },
) {
  const n = (s: string) => sql<number>`(coalesce(sum(${rs.reports}) filter (where ${rs.status} = ${s}), 0))::int`;
  return exec
    .select({
      communeCode: rs.communeCode,
      count: sql<number>`sum(${rs.reports})::int`,
      distributed: n('distributed'),
      resolved: n('resolved'),
      cancelled: n('cancelled'),
    })
    .from(rs)
    .innerJoin(c, eq(c.id, rs.categoryId))
    .where(
      and(
        sql`(${rs.status} in ('distributed', 'resolved') or (${rs.status} = 'cancelled' and ${rs.cancelReason} <> 'spam'))`,
        f.category ? eq(c.code, f.category) : undefined,
        f.commune ? eq(rs.communeCode, f.commune) : undefined,
        f.status ? eq(rs.status, f.status) : undefined,
        f.from ? gte(rs.day, f.from) : undefined,
        f.to ? sql`${rs.day} <= ${f.to}` : undefined,
      ),
    )
    .groupBy(rs.communeCode)
    .having(sql`sum(${rs.reports}) > 0`);
}
