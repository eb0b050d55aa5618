import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { handlingUnits, reports } from '../../db/schema/index.js';
import { inScreeningScope } from './report-repo.js';

/**
 * Counts of a handling unit's open work: the same reports as its inbox (its own, and those escalated to it from the
 * units below), split by deadline at `now` and at the end of the Vietnamese day.
 */
export async function countInbox(
  exec: Executor,
  handlingUnitIds: string[],
  now: Date,
  endOfDay: Date,
): Promise<{ open: number; dueToday: number; overdue: number }> {
  const [row] = await exec
    .select({
      open: sql<number>`count(*)::int`,
      dueToday: sql<number>`(count(*) filter (where ${reports.dueAt} >= ${now.toISOString()}::timestamptz and ${reports.dueAt} < ${endOfDay.toISOString()}::timestamptz))::int`,
      overdue: sql<number>`(count(*) filter (where ${reports.dueAt} < ${now.toISOString()}::timestamptz))::int`,
    })
    .from(reports)
    .where(
      and(
        sql`(${inArray(reports.handlingUnitId, handlingUnitIds)} or (${reports.escalatedAt} is not null and ${reports.handlingUnitId} in (select ${handlingUnits.id} from ${handlingUnits} where ${inArray(handlingUnits.parentId, handlingUnitIds)})))`,
        eq(reports.status, 'distributed'),
      ),
    );
  return row;
}

/** Pending reports of some communes and/or unit paths (the screening queue's reports), counted. */
export async function countPending(
  exec: Executor,
  f: { communeCodes: string[]; pathPrefixes: string[] },
): Promise<number> {
  const scope = inScreeningScope(f);
  if (!scope) return 0;
  const [row] = await exec
    .select({ n: sql<number>`count(*)::int` })
    .from(reports)
    .where(and(eq(reports.status, 'pending'), scope));
  return row.n;
}
