import { and, desc, eq } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { dashboardReports } from '../../db/schema/index.js';

export type MonthlyReportRow = typeof dashboardReports.$inferSelect;

export async function findReport(exec: Executor, unitCode: string, month: string) {
  const [row] = await exec
    .select()
    .from(dashboardReports)
    .where(and(eq(dashboardReports.unitCode, unitCode), eq(dashboardReports.month, month)));
  return row ?? null;
}

export async function reportById(exec: Executor, id: string) {
  const [row] = await exec.select().from(dashboardReports).where(eq(dashboardReports.id, id));
  return row ?? null;
}

/** A unit's kept reports, newest month first (at most 60: five years). */
export function listReports(exec: Executor, unitCode: string) {
  return exec
    .select()
    .from(dashboardReports)
    .where(eq(dashboardReports.unitCode, unitCode))
    .orderBy(desc(dashboardReports.month))
    .limit(60);
}

/** Keeps a report; false when the unit and month already had one (a retried or doubled job): nothing written. */
export async function insertReport(
  exec: Executor,
  row: Pick<MonthlyReportRow, 'unitCode' | 'unitPath' | 'month' | 'fileKey' | 'bytes' | 'pages'>,
): Promise<boolean> {
  const inserted = await exec
    .insert(dashboardReports)
    .values(row)
    .onConflictDoNothing({ target: [dashboardReports.unitCode, dashboardReports.month] })
    .returning({ id: dashboardReports.id });
  return inserted.length > 0;
}
