import { and, asc, desc, eq, getTableColumns, inArray, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { rowsOf } from '../../db/rows.js';
import {
  feedbackCategories,
  handlingUnitAreas,
  handlingUnits,
  reportEvents,
  reportFollowers,
  reportPhotos,
  reports,
} from '../../db/schema/index.js';
import { pathCoveredBy } from '../../platform/unit-scope-sql.js';
import { reportEventJob } from './jobs.js';

export type ReportRow = typeof reports.$inferSelect;
export type NewReport = typeof reports.$inferInsert;
export type ReportEventRow = typeof reportEvents.$inferSelect;
export type NewReportEvent = typeof reportEvents.$inferInsert;

export async function findReport(exec: Executor, id: string): Promise<ReportRow | null> {
  const [row] = await exec.select().from(reports).where(eq(reports.id, id));
  return row ?? null;
}

/** The report, locked for the rest of the transaction (transitions on one report run one at a time). */
export async function lockReport(exec: Executor, id: string): Promise<ReportRow | null> {
  const [row] = await exec.select().from(reports).where(eq(reports.id, id)).for('update');
  return row ?? null;
}

export async function findByPublicCode(exec: Executor, publicCode: string): Promise<ReportRow | null> {
  const [row] = await exec.select().from(reports).where(eq(reports.publicCode, publicCode));
  return row ?? null;
}

export async function findByIdempotencyKey(exec: Executor, key: string): Promise<ReportRow | null> {
  const [row] = await exec.select().from(reports).where(eq(reports.idempotencyKey, key));
  return row ?? null;
}

/*
 * Public codes: "PA-26-000124" is number 124 of 2026. Numbers come from a sequence per year (migration 0006), so
 * concurrent submissions never wait for each other; a submission that rolls back leaves a gap, which is acceptable
 * (codes are unique and short, not a count).
 */
export interface Submission {
  /** The report without its public code (drawn in the statement from the year's sequence). */
  report: Omit<NewReport, 'publicCode'>;
  /** Two-digit year of the public code. */
  yy: string;
  photos: Omit<typeof reportPhotos.$inferInsert, 'reportId'>[];
  event: Omit<NewReportEvent, 'reportId'>;
}

const reportColumns = Object.entries(getTableColumns(reports));
/** A reports row as the driver gave it (SQL names) → as drizzle gives it. */
const toReportRow = (raw: Record<string, unknown>): ReportRow =>
  Object.fromEntries(
    reportColumns.map(([key, c]) => [key, raw[c.name] === null ? null : c.mapFromDriverValue(raw[c.name])]),
  ) as ReportRow;

/**
 * A submission in one statement (atomic, one round trip; nothing is re-read): the report with its public code,
 * its photos, the `submitted` event, the notification job (reportEventJob) and the reporter as follower. Null when a
 * report with the same id, idempotency key or code exists or is being inserted by a transaction that then commits
 * (nothing else is written then). The counts follow by the delta trigger on reports.
 */
export async function insertSubmission(
  exec: Executor,
  s: Submission,
): Promise<{ report: ReportRow; event: ReportEventRow } | null> {
  const code = sql`(select 'PA-' || ${s.yy} || '-' || lpad(n::text, greatest(6, length(n::text)), '0')
    from next_report_code_number(${s.yy}) as n)`;
  const report = exec
    .insert(reports)
    .values({ ...s.report, publicCode: code })
    .onConflictDoNothing()
    .returning();
  const photos = s.photos.length
    ? sql`, p as (insert into ${reportPhotos} (report_id, kind, position, storage_key, thumb_key, width, height, bytes)
        select r.id, x.kind, x.position, x.storage_key, x.thumb_key, x.width, x.height, x.bytes
        from r, jsonb_to_recordset(${JSON.stringify(
          s.photos.map((p) => ({
            kind: p.kind ?? 'report',
            position: p.position ?? 0,
            storage_key: p.storageKey,
            thumb_key: p.thumbKey,
            width: p.width,
            height: p.height,
            bytes: p.bytes,
          })),
        )}::jsonb) as x(kind text, position int, storage_key text, thumb_key text, width int, height int, bytes int))`
    : sql``;
  const e = s.event;
  const result = await exec.execute(sql`with r as (${report.getSQL()})${photos},
    e as (insert into ${reportEvents} (report_id, actor_id, actor_kind, type, to_status, public, details)
      select r.id, ${e.actorId ?? null}, ${e.actorKind}, ${e.type}, ${e.toStatus ?? null}, ${e.public ?? true},
        ${e.details === undefined || e.details === null ? null : JSON.stringify(e.details)}::jsonb
      from r returning id, at),
    j as (${reportEventJob.insertSql(sql`select jsonb_build_object('reportId', r.id, 'eventId', e.id) as payload from r, e`)}),
    f as (insert into ${reportFollowers} (report_id, user_id) select r.id, r.reporter_id from r
      where r.reporter_id is not null on conflict do nothing)
    select r.*, e.id as "event$id", e.at as "event$at" from r, e`);
  const [raw] = rowsOf<Record<string, unknown>>(result);
  if (!raw) return null;
  const row = toReportRow(raw);
  const at = reportEvents.at.mapFromDriverValue(raw.event$at as string) as Date;
  return {
    report: row,
    event: {
      id: Number(raw.event$id),
      reportId: row.id,
      at,
      actorId: e.actorId ?? null,
      actorKind: e.actorKind,
      type: e.type,
      fromStatus: null,
      toStatus: e.toStatus ?? null,
      fromHandlingUnitId: null,
      toHandlingUnitId: null,
      reason: null,
      public: e.public ?? true,
      details: e.details ?? null,
    },
  };
}

export async function updateReport(exec: Executor, id: string, patch: Partial<NewReport>): Promise<ReportRow> {
  const [row] = await exec
    .update(reports)
    .set({ ...patch, updatedAt: sql`now()` })
    .where(eq(reports.id, id))
    .returning();
  return row;
}

export async function insertEvent(exec: Executor, row: NewReportEvent): Promise<number> {
  const [e] = await exec.insert(reportEvents).values(row).returning({ id: reportEvents.id });
  return e.id;
}

export async function listEvents(exec: Executor, reportId: string): Promise<ReportEventRow[]> {
  return exec
    .select()
    .from(reportEvents)
    .where(eq(reportEvents.reportId, reportId))
    .orderBy(asc(reportEvents.id))
    .limit(1000);
}

export async function lastEventOfTypes(exec: Executor, reportId: string, types: string[]) {
  const [row] = await exec
    .select()
    .from(reportEvents)
    .where(and(eq(reportEvents.reportId, reportId), inArray(reportEvents.type, types)))
    .orderBy(desc(reportEvents.id))
    .limit(1);
  return row ?? null;
}

export async function addFollower(exec: Executor, reportId: string, userId: string) {
  await exec.insert(reportFollowers).values({ reportId, userId }).onConflictDoNothing();
}

export async function removeFollower(exec: Executor, reportId: string, userId: string) {
  await exec
    .delete(reportFollowers)
    .where(and(eq(reportFollowers.reportId, reportId), eq(reportFollowers.userId, userId)));
}

export async function countPhotos(exec: Executor, reportId: string): Promise<number> {
  const [row] = await exec
    .select({ n: sql<number>`count(*)::int` })
    .from(reportPhotos)
    .where(eq(reportPhotos.reportId, reportId));
  return row.n;
}

export async function insertPhotos(exec: Executor, rows: (typeof reportPhotos.$inferInsert)[]) {
  if (rows.length) await exec.insert(reportPhotos).values(rows);
}

/** Moderation of a photo (feedback-photos): its visibility, or its size after a blur. */
export async function updatePhoto(
  exec: Executor,
  photoId: string,
  set: Partial<{ visibility: 'pending' | 'public' | 'hidden'; bytes: number }>,
) {
  const [row] = await exec.update(reportPhotos).set(set).where(eq(reportPhotos.id, photoId)).returning();
  return row;
}

/** The communes screened by these handling units (only commune committees screen). */
export async function communesScreenedBy(exec: Executor, handlingUnitIds: string[]): Promise<string[]> {
  if (handlingUnitIds.length === 0) return [];
  const rows = await exec
    .select({ code: handlingUnitAreas.communeCode })
    .from(handlingUnitAreas)
    .innerJoin(handlingUnits, eq(handlingUnits.id, handlingUnitAreas.handlingUnitId))
    .where(and(inArray(handlingUnits.id, handlingUnitIds), eq(handlingUnits.kind, 'commune_committee')));
  return rows.map((r) => r.code);
}

export async function handlingUnitBriefs(exec: Executor, ids: string[]) {
  if (ids.length === 0) return [];
  return exec
    .select({
      id: handlingUnits.id,
      code: handlingUnits.code,
      name: handlingUnits.name,
      parentId: handlingUnits.parentId,
    })
    .from(handlingUnits)
    .where(inArray(handlingUnits.id, ids));
}

export interface DuplicateRow {
  id: string;
  public_code: string;
  status: 'pending' | 'distributed';
  description: string;
  reporter_id: string | null;
  submitted_by: string | null;
  distance_m: number;
  similarity: number;
  created_at: Date | string;
}

/** Half-sides in degrees of the box around a point that holds every point within `radiusM` (an index range). */
function boxAround(lat: number, radiusM: number) {
  return { dLat: radiusM / 111_320, dLng: radiusM / (111_320 * Math.max(0.01, Math.cos((lat * Math.PI) / 180))) };
}

/** The great-circle (haversine) distance in metres from a point to the row's (lat, lng) columns. */
function metresFrom(p: { lat: number; lng: number }, lat: SQL, lng: SQL): SQL {
  return sql`2 * 6371000 * asin(sqrt(
        power(sin(radians(${lat} - ${p.lat}) / 2), 2) +
        cos(radians(${p.lat})) * cos(radians(${lat})) * power(sin(radians(${lng} - ${p.lng}) / 2), 2)
      ))`;
}

/**
 * For staff only (precise, every open report): open reports of a category within `radiusM` of a point, most similar text first: a bounding box on the
 * (lat, lng) index narrows the rows, then the exact (haversine) distance and trigram similarity of the folded text
 * (stored, so nothing is folded per row).
 */
export async function findDuplicates(
  exec: Executor,
  q: { lat: number; lng: number; categoryId: string; text?: string; radiusM: number; excludeId?: string },
): Promise<DuplicateRow[]> {
  const { dLat, dLng } = boxAround(q.lat, q.radiusM);
  const text = q.text ?? '';
  const result = await exec.execute(sql`
    select id, public_code, status, description, reporter_id, submitted_by, created_at, distance_m::float8 as distance_m,
      (case when ${text} = '' then 0 else similarity(description_fold, vn_fold(${text})) end)::float8 as similarity
    from (
      select r.*, ${metresFrom(q, sql`r.lat`, sql`r.lng`)} as distance_m
      from ${reports} r
      where r.lat between ${q.lat - dLat} and ${q.lat + dLat}
        and r.lng between ${q.lng - dLng} and ${q.lng + dLng}
        and r.category_id = ${q.categoryId}
        and r.status in ('pending', 'distributed')
        and r.id <> ${q.excludeId ?? '00000000-0000-0000-0000-000000000000'}
    ) near
    where distance_m <= ${q.radiusM}
      and (${text} = '' or similarity(description_fold, vn_fold(${text})) >= 0.2)
    order by similarity desc, distance_m asc
    limit 10`);
  return rowsOf<DuplicateRow>(result);
}

/**
 * Likely duplicates as the person submitting may see them, most similar text first: only what the public map
 * already shows — screened open reports (distributed) outside sensitive categories, at their public (map) position —
 * plus the caller's own open reports (pending ones and sensitive categories included) at their exact point. Other
 * people's unscreened reports never take part, so their text cannot be guessed by matching.
 */
export async function findDuplicateHints(
  exec: Executor,
  q: { lat: number; lng: number; categoryId: string; text?: string; radiusM: number; viewerId: string },
): Promise<DuplicateRow[]> {
  const { dLat, dLng } = boxAround(q.lat, q.radiusM);
  const text = q.text ?? '';
  // Not a person (an API key): no own reports.
  const viewer = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(q.viewerId)
    ? q.viewerId
    : '00000000-0000-0000-0000-000000000000';
  const result = await exec.execute(sql`
    select id, public_code, status, description, reporter_id, submitted_by, created_at, distance_m::float8 as distance_m,
      (case when ${text} = '' then 0 else similarity(description_fold, vn_fold(${text})) end)::float8 as similarity
    from (
      select c.*, ${metresFrom(q, sql`c.at_lat`, sql`c.at_lng`)} as distance_m
      from (
        select r.id, r.public_code, r.status, r.description, r.description_fold, r.reporter_id, r.submitted_by,
          r.created_at, r.map_lat as at_lat, r.map_lng as at_lng
        from ${reports} r join ${feedbackCategories} fc on fc.id = r.category_id
        where r.status = 'distributed' and not fc.sensitive
          and r.category_id = ${q.categoryId}
          and r.map_lat between ${q.lat - dLat} and ${q.lat + dLat}
          and r.map_lng between ${q.lng - dLng} and ${q.lng + dLng}
          and r.reporter_id is distinct from ${viewer}::uuid and r.submitted_by is distinct from ${viewer}::uuid
        union all
        select r.id, r.public_code, r.status, r.description, r.description_fold, r.reporter_id, r.submitted_by,
          r.created_at, r.lat, r.lng
        from ${reports} r
        where (r.reporter_id = ${viewer}::uuid or r.submitted_by = ${viewer}::uuid)
          and r.status in ('pending', 'distributed')
          and r.category_id = ${q.categoryId}
          and r.lat between ${q.lat - dLat} and ${q.lat + dLat}
          and r.lng between ${q.lng - dLng} and ${q.lng + dLng}
      ) c
    ) near
    where distance_m <= ${q.radiusM}
      and (${text} = '' or similarity(description_fold, vn_fold(${text})) >= 0.2)
    order by similarity desc, distance_m asc
    limit 10`);
  return rowsOf<DuplicateRow>(result);
}

export interface ListRow {
  id: string;
  publicCode: string;
  status: ReportRow['status'];
  categoryId: string;
  description: string;
  communeCode: string;
  handlingUnitId: string | null;
  emergency: boolean;
  dueAt: Date | null;
  escalatedAt: Date | null;
  awaitingInformation: boolean;
  createdAt: Date;
}
const listColumns = {
  id: reports.id,
  publicCode: reports.publicCode,
  status: reports.status,
  categoryId: reports.categoryId,
  description: reports.description,
  communeCode: reports.communeCode,
  handlingUnitId: reports.handlingUnitId,
  emergency: reports.emergency,
  dueAt: reports.dueAt,
  escalatedAt: reports.escalatedAt,
  // Waiting for the reporter: the last question/answer event of the report is a question. (The outer column is
  // written out: drizzle leaves it unqualified in a one-table select, and inside the subquery it would mean e.id.)
  awaitingInformation: sql<boolean>`coalesce((select e.type = 'information_requested' from ${reportEvents} e
    where e.report_id = "reports"."id" and e.type in ('information_requested', 'information_provided')
    order by e.id desc limit 1), false)`,
  createdAt: reports.createdAt,
};

/** A handling unit's reports, overdue first then the nearest deadline (keyset on due_at, id). */
export async function listInbox(
  exec: Executor,
  f: { handlingUnitIds: string[]; statuses: ReportRow['status'][] },
  page: { limit: number; after?: { dueAt: string; id: string } },
): Promise<ListRow[]> {
  if (f.handlingUnitIds.length === 0) return [];
  const due = sql`coalesce(${reports.dueAt}, 'infinity'::timestamptz)`;
  return exec
    .select(listColumns)
    .from(reports)
    .where(
      and(
        // Its own reports, and the overdue reports escalated to it from the units below.
        sql`(${inArray(reports.handlingUnitId, f.handlingUnitIds)} or (${reports.escalatedAt} is not null and ${reports.handlingUnitId} in (select ${handlingUnits.id} from ${handlingUnits} where ${inArray(handlingUnits.parentId, f.handlingUnitIds)})))`,
        inArray(reports.status, f.statuses),
        page.after
          ? sql`(${due}, ${reports.id}) > (${page.after.dueAt}::timestamptz, ${page.after.id}::uuid)`
          : undefined,
      ),
    )
    .orderBy(due, asc(reports.id))
    .limit(page.limit);
}

/** Reports of some communes or below some unit paths (a screening scope); null when it covers nothing. */
export function inScreeningScope(f: { communeCodes: string[]; pathPrefixes: string[] }): SQL | null {
  if (f.communeCodes.length === 0 && f.pathPrefixes.length === 0) return null;
  const communes = f.communeCodes.length ? inArray(reports.communeCode, f.communeCodes) : sql`false`;
  return sql`(${communes} or ${pathCoveredBy(reports.unitPath, f.pathPrefixes)})`;
}

/** Pending reports of some communes and/or unit paths, oldest first (keyset on created_at, id). */
export async function listPending(
  exec: Executor,
  f: { communeCodes: string[]; pathPrefixes: string[]; commune?: string },
  page: { limit: number; after?: { at: string; id: string } },
): Promise<ListRow[]> {
  const scope = inScreeningScope(f);
  if (!scope) return [];
  return exec
    .select(listColumns)
    .from(reports)
    .where(
      and(
        eq(reports.status, 'pending'),
        scope,
        f.commune ? eq(reports.communeCode, f.commune) : undefined,
        page.after
          ? sql`(${reports.createdAt}, ${reports.id}) > (${page.after.at}::timestamptz, ${page.after.id}::uuid)`
          : undefined,
      ),
    )
    .orderBy(asc(reports.createdAt), asc(reports.id))
    .limit(page.limit);
}

/** Reports a person made or typed in for someone, newest first. */
export async function listMine(
  exec: Executor,
  userId: string,
  page: { limit: number; after?: { at: string; id: string } },
): Promise<ListRow[]> {
  return exec
    .select(listColumns)
    .from(reports)
    .where(
      and(
        sql`(${reports.reporterId} = ${userId} or ${reports.submittedBy} = ${userId})`,
        page.after
          ? sql`(${reports.createdAt}, ${reports.id}) < (${page.after.at}::timestamptz, ${page.after.id}::uuid)`
          : undefined,
      ),
    )
    .orderBy(desc(reports.createdAt), desc(reports.id))
    .limit(page.limit);
}

/**
 * Statistics by handling unit and the overdue counts (issue 7.13): reports of a unit path received in a period that
 * were accepted and routed (status past pending), counted by commune × handling unit × status, with those still
 * open past their deadline at `now`. One range scan of reports_unit_path_idx (path prefix, created_at): the rollups
 * have no handling unit, and "overdue" depends on the moment, so this reads reports.
 */
export async function workloadRows(
  exec: Executor,
  f: { unitPath: string; fromAt?: Date; toAt?: Date; now: Date },
): Promise<
  { communeCode: string; handlingUnitId: string; status: string; n: number; onTime: number; overdue: number }[]
> {
  return exec
    .select({
      communeCode: reports.communeCode,
      handlingUnitId: sql<string>`${reports.handlingUnitId}`,
      status: reports.status,
      n: sql<number>`count(*)::int`,
      onTime: sql<number>`(count(*) filter (where ${reports.resolvedOnTime}))::int`,
      overdue: sql<number>`(count(*) filter (where ${reports.status} = 'distributed' and ${reports.dueAt} < ${f.now.toISOString()}::timestamptz))::int`,
    })
    .from(reports)
    .where(
      and(
        pathCoveredBy(reports.unitPath, [f.unitPath]),
        sql`${reports.handlingUnitId} is not null`,
        sql`${reports.status} <> 'pending'`,
        f.fromAt ? sql`${reports.createdAt} >= ${f.fromAt.toISOString()}::timestamptz` : undefined,
        f.toAt ? sql`${reports.createdAt} < ${f.toAt.toISOString()}::timestamptz` : undefined,
      ),
    )
    .groupBy(reports.communeCode, reports.handlingUnitId, reports.status);
}
