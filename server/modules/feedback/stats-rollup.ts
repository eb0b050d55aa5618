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

/**
 * Counts reports written in bulk (the demo history) into the statistics rollup, exactly as moveReportInStats
 * counts each one at submission and on every later change: by the Vietnamese day of receipt, commune, category,
 * status and cancel reason. Call it once, in the same transaction as the INSERT of those reports.
 */
export async function addReportsToStats(exec: Executor, reportIds: string[]): Promise<void> {
  if (!reportIds.length) return;
  await exec.execute(sql`
    insert into report_stats_daily (day, commune_code, unit_path, category_id, status, cancel_reason, reports,
      resolved_on_time, rating_sum, rating_count, reopenings)
    select (created_at at time zone 'Asia/Ho_Chi_Minh')::date, commune_code, unit_path, category_id, status,
      coalesce(cancel_reason, ''), count(*)::int, (count(*) filter (where resolved_on_time))::int,
      coalesce(sum(rating), 0)::int, count(rating)::int, sum(reopen_count)::int
    from reports where id = any(${`{${reportIds.join(',')}}`}::uuid[])
    group by 1, 2, 3, 4, 5, 6
    on conflict (day, commune_code, category_id, status, cancel_reason) do update set
      reports = report_stats_daily.reports + excluded.reports,
      resolved_on_time = report_stats_daily.resolved_on_time + excluded.resolved_on_time,
      rating_sum = report_stats_daily.rating_sum + excluded.rating_sum,
      rating_count = report_stats_daily.rating_count + excluded.rating_count,
      reopenings = report_stats_daily.reopenings + excluded.reopenings`);
}
