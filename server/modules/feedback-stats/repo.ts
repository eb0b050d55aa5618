import { and, eq, gte, inArray, like, lte, or, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { feedbackCategories, reportStatsDaily as s } from '../../db/schema/index.js';

/** LIKE pattern for "this path and everything below it" (codes hold no wildcards, but escape anyway). */
export const belowPath = (path: string) => `${path.replace(/[\\%_]/g, (c) => `\\${c}`)}/%`;

/**
 * Sums the statistics rollup for a unit (its path and all below) and an inclusive day range, by category,
 * status and cancel reason. Reads only report_stats_daily: a province-year is a sum over rollup rows, never a
 * scan of reports.
 */
export function sumRollup(exec: Executor, f: { unitPath: string; from?: string; to?: string }) {
  return exec
    .select({
      categoryId: s.categoryId,
      status: s.status,
      cancelReason: s.cancelReason,
      reports: sql<number>`sum(${s.reports})::int`,
      resolvedOnTime: sql<number>`sum(${s.resolvedOnTime})::int`,
      ratingSum: sql<number>`sum(${s.ratingSum})::int`,
      ratingCount: sql<number>`sum(${s.ratingCount})::int`,
      reopenings: sql<number>`sum(${s.reopenings})::int`,
    })
    .from(s)
    .where(
      and(
        or(eq(s.unitPath, f.unitPath), like(s.unitPath, belowPath(f.unitPath))),
        f.from ? gte(s.day, f.from) : undefined,
        f.to ? lte(s.day, f.to) : undefined,
      ),
    )
    .groupBy(s.categoryId, s.status, s.cancelReason);
}
export type RollupSum = Awaited<ReturnType<typeof sumRollup>>[number];

export function categoriesByIds(exec: Executor, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return exec
    .select({
      id: feedbackCategories.id,
      code: feedbackCategories.code,
      nameVi: feedbackCategories.nameVi,
      nameEn: feedbackCategories.nameEn,
      sortOrder: feedbackCategories.sortOrder,
    })
    .from(feedbackCategories)
    .where(inArray(feedbackCategories.id, ids));
}
