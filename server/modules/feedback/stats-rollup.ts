import { sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { reportStatsDaily } from '../../db/schema/index.js';
import { vnDate } from '../../platform/calendar.js';

/** What of a report the statistics count. Pass the state before and after a change to moveReportInStats. */
export interface ReportStatsState {
  createdAt: Date;
  communeCode: string;
  unitPath: string;
  categoryId: string;
  status: string;
  cancelReason: string | null;
  resolvedOnTime: boolean | null;
  rating: number | null;
  reopenCount: number;
}

async function add(exec: Executor, s: ReportStatsState, sign: 1 | -1) {
  const row = {
    day: vnDate(s.createdAt),
    communeCode: s.communeCode,
    unitPath: s.unitPath,
    categoryId: s.categoryId,
    status: s.status,
    cancelReason: s.cancelReason ?? '',
    reports: sign,
    resolvedOnTime: s.resolvedOnTime ? sign : 0,
    ratingSum: (s.rating ?? 0) * sign,
    ratingCount: s.rating ? sign : 0,
    reopenings: s.reopenCount * sign,
  };
  await exec
    .insert(reportStatsDaily)
    .values(row)
    .onConflictDoUpdate({
      target: [
        reportStatsDaily.day,
        reportStatsDaily.communeCode,
        reportStatsDaily.categoryId,
        reportStatsDaily.status,
        reportStatsDaily.cancelReason,
      ],
      set: {
        reports: sql`${reportStatsDaily.reports} + ${row.reports}`,
        resolvedOnTime: sql`${reportStatsDaily.resolvedOnTime} + ${row.resolvedOnTime}`,
        ratingSum: sql`${reportStatsDaily.ratingSum} + ${row.ratingSum}`,
        ratingCount: sql`${reportStatsDaily.ratingCount} + ${row.ratingCount}`,
        reopenings: sql`${reportStatsDaily.reopenings} + ${row.reopenings}`,
      },
    });
}

/**
 * Keeps the statistics rollup exact: call it in the same transaction as every change to a report that the
 * statistics count (submission: before = null; status, rating, reopening, category or commune changes).
 * Reports stay counted on the day they were received, so any period's counts partition its received total.
 */
export async function moveReportInStats(
  exec: Executor,
  before: ReportStatsState | null,
  after: ReportStatsState | null,
): Promise<void> {
  if (before) await add(exec, before, -1);
  if (after) await add(exec, after, 1);
}
