import { desc, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { auditLog } from '../../db/schema/index.js';
import { escapeLike } from '../../platform/like.js';
import { pathCoveredBy } from '../../platform/unit-scope-sql.js';

export interface AuditFilter {
  /** Unit paths the reader administers: entries filed at or below one of them. */
  scopes: string[];
  actorId?: string;
  action?: string;
  actionPrefix?: string;
  resourceType?: string;
  resourceId?: string;
  /** Inclusive lower bound, exclusive upper bound (ISO strings). */
  from?: string;
  before?: string;
  /** Keyset: entries with a smaller id than this. */
  beforeId?: number;
  limit: number;
}

/** Audit entries in the reader's scope, newest first (by id: the order they were written). */
export async function listAuditEntries(exec: Executor, f: AuditFilter) {
  const where: SQL[] = [];
  where.push(pathCoveredBy(auditLog.unitPath, f.scopes));
  if (f.actorId) where.push(sql`${auditLog.actorId} = ${f.actorId}`);
  if (f.action) where.push(sql`${auditLog.action} = ${f.action}`);
  if (f.actionPrefix) where.push(sql`${auditLog.action} like ${`${escapeLike(f.actionPrefix)}%`}`);
  if (f.resourceType) where.push(sql`${auditLog.resourceType} = ${f.resourceType}`);
  if (f.resourceId) where.push(sql`${auditLog.resourceId} = ${f.resourceId}`);
  if (f.from) where.push(sql`${auditLog.at} >= ${f.from}::timestamptz`);
  if (f.before) where.push(sql`${auditLog.at} < ${f.before}::timestamptz`);
  if (f.beforeId !== undefined) where.push(sql`${auditLog.id} < ${f.beforeId}`);
  return exec.select().from(auditLog).where(sql.join(where, sql` and `)).orderBy(desc(auditLog.id)).limit(f.limit);
}
