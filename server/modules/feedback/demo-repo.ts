import { sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { rowsOf } from '../../db/rows.js';

/**
 * Bulk writes of a demo history (server/seed/demo-history.ts): the same rows real reports produce (reports, their
 * events, photos and followers), written with one INSERT … SELECT from a JSON array per table instead of thousands
 * of service calls. Triggers on these tables (map position and map cells) run exactly as for a real submission.
 */

export interface DemoReportRow {
  id: string;
  publicCode: string;
  categoryId: string;
  description: string;
  status: string;
  cancelReason: string | null;
  emergency: boolean;
  channel: string;
  reporterId: string | null;
  submittedBy: string | null;
  showName: boolean;
  lat: number;
  lng: number;
  address: string | null;
  provinceCode: string;
  communeCode: string;
  unitPath: string;
  handlingUnitId: string | null;
  dueAt: string | null;
  acceptedAt: string | null;
  resolvedAt: string | null;
  resolvedOnTime: boolean | null;
  answerText: string | null;
  rating: number | null;
  ratingComment: string | null;
  ratedAt: string | null;
  reopenCount: number;
  duplicateOf: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface DemoEventRow {
  reportId: string;
  at: string;
  actorId: string | null;
  actorKind: 'user' | 'system';
  type: string;
  fromStatus: string | null;
  toStatus: string | null;
  toHandlingUnitId: string | null;
  reason: string | null;
  public: boolean;
  details: Record<string, unknown> | null;
}

export interface DemoPhotoRow {
  reportId: string;
  kind: 'report' | 'answer';
  storageKey: string;
  thumbKey: string;
  width: number;
  height: number;
  bytes: number;
  visibility: 'pending' | 'public' | 'hidden';
  position: number;
  createdAt: string;
}

/** True when the database holds any report (a demo history is only ever written into an empty one). */
export async function hasReports(exec: Executor): Promise<boolean> {
  const [row] = rowsOf<{ any: boolean }>(await exec.execute(sql`select exists (select 1 from reports) as any`));
  return row.any;
}

/**
 * n consecutive numbers for public codes of year yy: the first drawn from the year's sequence as a submission draws
 * it (which creates the sequence), the sequence then moved past the rest, so later submissions continue after them.
 */
export async function drawReportCodeNumbers(exec: Executor, yy: string, n: number): Promise<number[]> {
  const [row] = rowsOf<{ first: string | number }>(
    await exec.execute(sql`select next_report_code_number(${yy}) as first`),
  );
  const first = Number(row.first);
  if (n > 1) await exec.execute(sql`select setval(${`report_code_${yy}`}::regclass, ${first + n - 1}::bigint)`);
  return Array.from({ length: n }, (_, i) => first + i);
}

/**
 * Inserts reports into a database with no other report. Statistics and the map's cells count them as any report:
 * the delta trigger on reports appends their counts and the aggregates fold moves them into the rollups.
 */
export async function insertReports(exec: Executor, rows: DemoReportRow[]) {
  if (!rows.length) return;
  await exec.execute(sql`
    insert into reports (id, public_code, category_id, description, status, cancel_reason, emergency, channel,
      reporter_id, submitted_by, show_name, lat, lng, address, province_code, commune_code, unit_path,
      handling_unit_id, due_at, accepted_at, resolved_at, resolved_on_time, answer_text, answered_by, rating,
      rating_comment, rated_at, reopen_count, duplicate_of, created_at, updated_at)
    select r."id", r."publicCode", r."categoryId", r."description", r."status", r."cancelReason", r."emergency",
      r."channel", r."reporterId", r."submittedBy", r."showName", r."lat", r."lng", r."address", r."provinceCode",
      r."communeCode", r."unitPath", r."handlingUnitId", r."dueAt", r."acceptedAt", r."resolvedAt",
      r."resolvedOnTime", r."answerText", null, r."rating", r."ratingComment", r."ratedAt", r."reopenCount", r."duplicateOf",
      r."createdAt", r."updatedAt"
    from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as r("id" uuid, "publicCode" text, "categoryId" uuid,
      "description" text, "status" text, "cancelReason" text, "emergency" boolean, "channel" text,
      "reporterId" uuid, "submittedBy" uuid, "showName" boolean, "lat" float8, "lng" float8, "address" text,
      "provinceCode" text, "communeCode" text, "unitPath" text, "handlingUnitId" uuid, "dueAt" timestamptz,
      "acceptedAt" timestamptz, "resolvedAt" timestamptz, "resolvedOnTime" boolean, "answerText" text,
      "rating" int, "ratingComment" text, "ratedAt" timestamptz, "reopenCount" int, "duplicateOf" uuid, "createdAt" timestamptz,
      "updatedAt" timestamptz)`);
}

export async function insertEvents(exec: Executor, rows: DemoEventRow[]) {
  if (!rows.length) return;
  // Events get ids in the order of their time, as if they had been written as they happened.
  await exec.execute(sql`
    insert into report_events (report_id, at, actor_id, actor_kind, type, from_status, to_status,
      to_handling_unit_id, reason, public, details)
    select e."reportId", e."at", e."actorId", e."actorKind", e."type", e."fromStatus", e."toStatus",
      e."toHandlingUnitId", e."reason", e."public", e."details"
    from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as e("reportId" uuid, "at" timestamptz, "actorId" text,
      "actorKind" text, "type" text, "fromStatus" text, "toStatus" text, "toHandlingUnitId" uuid, "reason" text,
      "public" boolean, "details" jsonb)
    order by e."at"`);
}

export async function insertPhotos(exec: Executor, rows: DemoPhotoRow[]) {
  if (!rows.length) return;
  await exec.execute(sql`
    insert into report_photos (report_id, kind, storage_key, thumb_key, width, height, bytes, visibility, position,
      created_at)
    select p."reportId", p."kind", p."storageKey", p."thumbKey", p."width", p."height", p."bytes", p."visibility",
      p."position", p."createdAt"
    from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as p("reportId" uuid, "kind" text, "storageKey" text,
      "thumbKey" text, "width" int, "height" int, "bytes" int, "visibility" text, "position" int,
      "createdAt" timestamptz)`);
}

export async function insertFollowers(exec: Executor, rows: { reportId: string; userId: string; createdAt: string }[]) {
  if (!rows.length) return;
  await exec.execute(sql`
    insert into report_followers (report_id, user_id, created_at)
    select f."reportId", f."userId", f."createdAt"
    from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as f("reportId" uuid, "userId" uuid, "createdAt" timestamptz)
    on conflict do nothing`);
}
