import { and, asc, desc, eq, gte, inArray, lt, ne, or, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import {
  feedbackCategories as c,
  handlingUnits,
  reports as r,
  reportEvents,
  reportPhotos,
  reportStatsMonthly as rm,
  reportStatsDaily as rs,
  units,
  users,
} from '../../db/schema/index.js';
import { escapeLike } from '../../platform/like.js';
import { PUBLIC_STATUSES, publicReportSql } from '../feedback/visibility.js';

/** ~500 m: sensitive locations are snapped to a grid of this many degrees (as map_position() of migration 0007). */
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

/** A word of a search as a LIKE pattern over folded text ("Đường" → '%duong%'). */
const wordPattern = (word: string) => sql`'%' || vn_fold(${escapeLike(word)}) || '%'`;

/** The public predicate plus the filters, as one WHERE. */
export function publicWhere(f: PublicFilters, extra: (SQL | undefined)[] = [], withPublic = true) {
  return and(
    withPublic ? publicReportSql : undefined,
    f.category ? eq(c.code, f.category) : undefined,
    f.commune ? eq(r.communeCode, f.commune) : undefined,
    f.status ? eq(r.status, f.status as 'resolved') : undefined,
    f.fromAt ? gte(r.createdAt, f.fromAt) : undefined,
    f.toAt ? lt(r.createdAt, f.toAt) : undefined,
    // Each word must appear, diacritics ignored: LIKE on the stored folded text uses its GIN trigram index.
    ...(f.words ?? []).map((w) => sql`${r.descriptionFold} like ${wordPattern(w)}`),
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

/** The predicate of one public status (spam and withdrawn reports are never public; pending is never public). */
const statusBranch = (status: (typeof PUBLIC_STATUSES)[number]) =>
  status === 'cancelled'
    ? sql`${r.status} = 'cancelled' and ${r.cancelReason} is distinct from 'spam' and ${r.cancelReason} is distinct from 'withdrawn'`
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
  const statuses = PUBLIC_STATUSES.filter((s) => !f.status || s === f.status);
  const branches = await Promise.all(statuses.map((s) => listBranch(exec, f, s, page)));
  return branches
    .flat()
    .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0))
    .slice(0, page.limit);
}

const keysetAfter = (after?: { at: Date; id: string }) =>
  after ? or(lt(r.createdAt, after.at), and(eq(r.createdAt, after.at), lt(r.id, after.id))) : undefined;

/** How many of the newest reports of a status a text search looks at first; see listBranch. */
export const searchTuning = { window: 2000 };

/**
 * One public status, newest first. A text search first looks at the newest `searchTuning.window` reports of the status
 * (an index walk: common words fill a page at once), and only if that is not enough asks the trigram index for
 * older matches (rare words: few rows to check). Either plan alone is slow for the other kind of word.
 */
async function listBranch(
  exec: Executor,
  f: PublicFilters,
  status: (typeof PUBLIC_STATUSES)[number],
  page: { limit: number; after?: { at: Date; id: string } },
) {
  const base = (extra: (SQL | undefined)[]) =>
    exec
      .select(listColumns)
      .from(r)
      .innerJoin(c, eq(c.id, r.categoryId))
      .innerJoin(units, eq(units.code, r.communeCode))
      .where(publicWhere({ ...f, status: undefined }, [statusBranch(status), ...extra], false))
      .orderBy(desc(r.createdAt), desc(r.id));
  const after = keysetAfter(page.after);
  if (!f.words?.length) return base([after]).limit(page.limit);
  // The window: the newest reports of the status that pass the other filters, a derived table with its own LIMIT so
  // that PostgreSQL cannot push the text filter into it and must walk the (status, created_at) or (commune_code,
  // status, created_at) index: at most `window` rows, the stored folded text of each tested once against all the
  // words. Only the page's ids leave it; their rows are read once.
  const scope = and(
    statusBranch(status),
    f.commune ? eq(r.communeCode, f.commune) : undefined,
    f.category ? inArray(r.categoryId, exec.select({ id: c.id }).from(c).where(eq(c.code, f.category))) : undefined,
    f.fromAt ? gte(r.createdAt, f.fromAt) : undefined,
    f.toAt ? lt(r.createdAt, f.toAt) : undefined,
    after,
  );
  const w = exec
    .select({
      id: sql<string>`${r.id}`.as('w_id'),
      at: sql<Date>`${r.createdAt}`.as('w_at'),
      fold: sql<string>`${r.descriptionFold}`.as('w_fold'),
    })
    .from(r)
    .where(scope)
    .orderBy(desc(r.createdAt), desc(r.id))
    .limit(searchTuning.window)
    .as('w');
  const patterns = sql.join(f.words.map(wordPattern), sql`, `);
  const hits = exec
    .select({ id: w.id })
    .from(w)
    .where(sql`${w.fold} like all (array[${patterns}])`)
    .orderBy(desc(w.at), desc(w.id))
    .limit(page.limit);
  const recent = await base([inArray(r.id, hits)]).limit(page.limit);
  if (recent.length >= page.limit) return recent;
  const [edge] = await exec
    .select({ at: r.createdAt, id: r.id })
    .from(r)
    .where(scope)
    .orderBy(desc(r.createdAt), desc(r.id))
    .offset(searchTuning.window - 1)
    .limit(1);
  if (!edge) return recent;
  const older = await base([keysetAfter(edge)]).limit(page.limit - recent.length);
  return [...recent, ...older];
}

export type PublicRow = Awaited<ReturnType<typeof listPublicReports>>[number];

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

/**
 * The public events of a report (internal notes and reminders excluded), oldest first. A reopening is shown too (the
 * public must not read "answered" twice with nothing between), but only as a fact: its reason, which may hold the
 * reporter's personal details, is never selected here.
 */
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
    .where(
      and(
        eq(reportEvents.reportId, reportId),
        or(eq(reportEvents.public, true), eq(reportEvents.type, 'reopened')),
        ne(reportEvents.type, 'reminder'),
      ),
    )
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

/** `communes`: the communes on screen (codes and unit paths); the rollups are read by primary key for them. */
type CommuneMapFilter = { category?: string; status?: string; communes: { code: string; path: string }[] };
const PUBLIC_ROLLUP = (t: typeof rs | typeof rm) =>
  sql`(${t.status} in ('distributed', 'resolved') or (${t.status} = 'cancelled' and ${t.cancelReason} not in ('spam', 'withdrawn')))`;

function communeSums<T extends typeof rs | typeof rm>(t: T, commune: SQL<string>) {
  const n = (s: string) => sql<number>`(coalesce(sum(${t.reports}) filter (where ${t.status} = ${s}), 0))::int`;
  return {
    communeCode: commune,
    count: sql<number>`sum(${t.reports})::int`,
    distributed: n('distributed'),
    resolved: n('resolved'),
    cancelled: n('cancelled'),
  };
}

/**
 * Public reports per commune for the zoomed-out map, summed from the statistics rollups (whole months from the
 * monthly rollup's commune rows, the period's edge days from the daily one) instead of every report. Same
 * public rule: no pending, no spam, no withdrawn report.
 */
export async function mapByCommune(
  exec: Executor,
  f: CommuneMapFilter,
  period: { months: { from?: string; to?: string } | null; days: [string, string][] },
) {
  const category = f.category ? eq(c.code, f.category) : undefined;
  const status = (t: typeof rs | typeof rm) => (f.status ? eq(t.status, f.status) : undefined);
  const monthCommune = sql<string>`split_part(${rm.unitPath}, '/', 2)`;
  const months = period.months
    ? exec
        .select(communeSums(rm, monthCommune))
        .from(rm)
        .innerJoin(c, eq(c.id, rm.categoryId))
        .where(
          and(
            inArray(
              rm.unitPath,
              f.communes.map((x) => x.path),
            ),
            PUBLIC_ROLLUP(rm),
            category,
            status(rm),
            period.months.from ? gte(rm.month, period.months.from) : undefined,
            period.months.to ? sql`${rm.month} <= ${period.months.to}` : undefined,
          ),
        )
        .groupBy(monthCommune)
    : Promise.resolve([]);
  const days = period.days.length
    ? exec
        .select(communeSums(rs, sql<string>`${rs.communeCode}`))
        .from(rs)
        .innerJoin(c, eq(c.id, rs.categoryId))
        .where(
          and(
            PUBLIC_ROLLUP(rs),
            category,
            status(rs),
            inArray(
              rs.communeCode,
              f.communes.map((x) => x.code),
            ),
            or(...period.days.map(([from, to]) => sql`${rs.day} between ${from} and ${to}`)),
          ),
        )
        .groupBy(rs.communeCode)
    : Promise.resolve([]);
  const merged = new Map<
    string,
    { communeCode: string; count: number; distributed: number; resolved: number; cancelled: number }
  >();
  for (const row of [...(await months), ...(await days)]) {
    const m = merged.get(row.communeCode);
    if (!m) merged.set(row.communeCode, { ...row });
    else for (const k of ['count', 'distributed', 'resolved', 'cancelled'] as const) m[k] += row[k];
  }
  return [...merged.values()].filter((r) => r.count > 0);
}
