import { eq, sql } from 'drizzle-orm';
import type { CameraErrorKind, CameraKind } from '../../../common/constants/cameras.js';
import type { Executor } from '../../db/client.js';
import { queryRows } from '../../db/rows.js';
import { cameras } from '../../db/schema/index.js';
import { pathCoveredBy } from '../../platform/unit-scope-sql.js';

/** Cameras' SQL: writes only `cameras`; reads `units` (the commune's name) read-only. */

export type NewCamera = typeof cameras.$inferInsert;

export interface CameraRecord {
  id: string;
  name: string;
  communeCode: string;
  communeName: string;
  unitPath: string;
  kind: CameraKind;
  lat: number;
  lng: number;
  snapshotUrl: string;
  streamUrl: string | null;
  isPublic: boolean;
  lastCheckedAt: Date | string | null;
  lastSeenAt: Date | string | null;
  downSince: Date | string | null;
  lastError: CameraErrorKind | null;
  updatedAt: Date | string;
}

const columns = sql`c.id, c.name, c.commune_code as "communeCode", u.full_name as "communeName",
  c.unit_path as "unitPath", c.kind, c.lat, c.lng, c.snapshot_url as "snapshotUrl", c.stream_url as "streamUrl",
  c.is_public as "isPublic", c.last_checked_at as "lastCheckedAt", c.last_seen_at as "lastSeenAt",
  c.down_since as "downSince", c.last_error as "lastError", c.updated_at as "updatedAt"`;

export async function insertCamera(exec: Executor, values: NewCamera): Promise<string> {
  const [row] = await exec.insert(cameras).values(values).returning({ id: cameras.id });
  return row.id;
}

/**
 * Replaces a camera's details. A new snapshot address starts its health afresh (the old camera's record says
 * nothing of the new one).
 */
export async function updateCamera(
  exec: Executor,
  id: string,
  values: Omit<NewCamera, 'id' | 'createdBy' | 'createdAt'>,
  addressChanged: boolean,
) {
  const health = addressChanged ? { lastCheckedAt: null, lastSeenAt: null, downSince: null, lastError: null } : {};
  await exec
    .update(cameras)
    .set({ ...values, ...health, updatedAt: sql`now()` })
    .where(eq(cameras.id, id));
}

export async function deleteCamera(exec: Executor, id: string) {
  await exec.delete(cameras).where(eq(cameras.id, id));
}

export async function findCamera(exec: Executor, id: string, lock = false): Promise<CameraRecord | null> {
  const [row] = await queryRows<CameraRecord>(
    exec,
    sql`select ${columns} from cameras c join units u on u.code = c.commune_code where c.id = ${id}
      ${lock ? sql`for update of c` : sql``}`,
  );
  return row ?? null;
}

export interface ListFilter {
  commune?: string;
  kind?: CameraKind;
  /** Public cameras only (the directory), or those under these unit paths (administrators). */
  scope: { publicOnly: true } | { paths: string[] };
  limit: number;
  offset: number;
}

export async function listCameras(exec: Executor, f: ListFilter): Promise<{ rows: CameraRecord[]; total: number }> {
  const where = sql.join(
    [
      'publicOnly' in f.scope ? sql`c.is_public` : pathCoveredBy(sql`c.unit_path`, f.scope.paths),
      f.commune ? sql`c.commune_code = ${f.commune}` : sql`true`,
      f.kind ? sql`c.kind = ${f.kind}` : sql`true`,
    ],
    sql` and `,
  );
  const rows = await queryRows<CameraRecord & { total: number }>(
    exec,
    sql`select ${columns}, count(*) over ()::int as total
      from cameras c join units u on u.code = c.commune_code where ${where}
      order by u.full_name, c.name, c.id limit ${f.limit} offset ${f.offset}`,
  );
  return { rows, total: rows[0]?.total ?? 0 };
}

/** Cameras whose last check is older than `checkedBefore` (never checked first), at most `limit`. */
export async function camerasDue(
  exec: Executor,
  checkedBefore: Date,
  limit: number,
): Promise<{ id: string; snapshotUrl: string }[]> {
  return queryRows(
    exec,
    sql`select id, snapshot_url as "snapshotUrl" from cameras
      where last_checked_at is null or last_checked_at < ${checkedBefore.toISOString()}
      order by last_checked_at nulls first, id limit ${limit}`,
  );
}

export async function countCameras(exec: Executor): Promise<number> {
  const [row] = await queryRows<{ n: number }>(exec, sql`select count(*)::int as n from cameras`);
  return row.n;
}

/**
 * Records a check's result, only if the camera still has the address that was checked (an edit meanwhile starts
 * afresh). Up: seen now, no longer down. Down: `down_since` keeps the first failure of the run.
 */
export async function recordCheck(
  exec: Executor,
  id: string,
  address: string,
  at: Date,
  error: CameraErrorKind | null,
) {
  const t = at.toISOString();
  await exec.execute(
    error
      ? sql`update cameras set last_checked_at = ${t}, down_since = coalesce(down_since, ${t}), last_error = ${error}
          where id = ${id} and snapshot_url = ${address}`
      : sql`update cameras set last_checked_at = ${t}, last_seen_at = ${t}, down_since = null, last_error = null
          where id = ${id} and snapshot_url = ${address}`,
  );
}
