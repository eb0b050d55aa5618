import { and, asc, eq, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { reportPhotos, reports } from '../../db/schema/index.js';
import { communeCommitteeIdSql } from '../handling-units/repo.js';

/** What photo access depends on: where the report is, who handles it, whose it is, and its status. */
export async function findReportAccess(exec: Executor, reportId: string) {
  const [row] = await exec
    .select({
      id: reports.id,
      status: reports.status,
      cancelReason: reports.cancelReason,
      unitPath: reports.unitPath,
      handlingUnitId: reports.handlingUnitId,
      reporterId: reports.reporterId,
      // Qualified by hand: drizzle leaves a column unqualified in a one-table query, and inside the subquery an
      // unqualified commune_code would be the committee area's own.
      committeeId: communeCommitteeIdSql(sql`${reports}.commune_code`),
    })
    .from(reports)
    .where(eq(reports.id, reportId))
    .limit(1);
  return row ?? null;
}
export type ReportAccess = NonNullable<Awaited<ReturnType<typeof findReportAccess>>>;

export function listPhotos(exec: Executor, reportId: string) {
  return exec
    .select()
    .from(reportPhotos)
    .where(eq(reportPhotos.reportId, reportId))
    .orderBy(asc(reportPhotos.kind), asc(reportPhotos.position), asc(reportPhotos.createdAt));
}

export async function findPhoto(exec: Executor, reportId: string, photoId: string) {
  const [row] = await exec
    .select()
    .from(reportPhotos)
    .where(and(eq(reportPhotos.reportId, reportId), eq(reportPhotos.id, photoId)))
    .limit(1);
  return row ?? null;
}
export type PhotoRow = NonNullable<Awaited<ReturnType<typeof findPhoto>>>;
