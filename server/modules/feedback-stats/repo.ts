import { and, eq, gte, inArray, lte, or, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { feedbackCategories, reportStatsMonthly as m, reportStatsDaily as s } from '../../db/schema/index.js';
import { pathCoveredBy } from '../../platform/unit-scope-sql.js';

const sums = (t: typeof s | typeof m) => ({
  categoryId: t.categoryId,
  status: t.status,
  cancelReason: t.cancelReason,
  reports: sql<number>`sum(${t.reports})::int`,
  resolvedOnTime: sql<number>`sum(${t.resolvedOnTime})::int`,
  ratingSum: sql<number>`sum(${t.ratingSum})::int`,
  ratingCount: sql<number>`sum(${t.ratingCount})::int`,
  reopenings: sql<number>`sum(${t.reopenings})::int`,
});

/** Sums daily rollup rows of a unit (its path and all below) over inclusive day ranges. */
export function sumDays(exec: Executor, unitPath: string, ranges: [string, string][]) {
  return exec
    .select(sums(s))
    .from(s)
    .where(
      and(
        pathCoveredBy(s.unitPath, [unitPath]),
        or(...ranges.map(([from, to]) => and(gte(s.day, from), lte(s.day, to)))),
      ),
    )
    .groupBy(s.categoryId, s.status, s.cancelReason);
}

/**
 * Sums the monthly rollup of a unit over whole months (first days, inclusive; undefined: unbounded). The monthly
 * table holds every ancestor path, so this is one equality on unit_path: about a thousand rows for a province-year.
 */
export function sumMonths(exec: Executor, unitPath: string, from?: string, to?: string) {
  return exec
    .select(sums(m))
    .from(m)
    .where(and(eq(m.unitPath, unitPath), from ? gte(m.month, from) : undefined, to ? lte(m.month, to) : undefined))
    .groupBy(m.categoryId, m.status, m.cancelReason);
}
export type RollupSum = Awaited<ReturnType<typeof sumDays>>[number];

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

const iso = (d: Date) => d.toISOString().slice(0, 10);
const utc = (d: string) => new Date(`${d}T00:00:00Z`);
const monthStart = (d: string) => `${d.slice(0, 8)}01`;
const addMonths = (first: string, n: number) => {
  const x = utc(first);
  x.setUTCMonth(x.getUTCMonth() + n);
  return iso(x);
};
const addDays = (d: string, n: number) => iso(new Date(utc(d).getTime() + n * 86_400_000));
const isLastDay = (d: string) => addDays(d, 1).slice(8) === '01';

/**
 * Splits an inclusive day period into whole months (answered from the monthly rollup) and the partial months at
 * its ends (answered from the daily rollup). `months` null: no whole month inside the period.
 */
export function splitPeriod(from?: string, to?: string) {
  const firstFull = from ? (from.endsWith('-01') ? from : addMonths(monthStart(from), 1)) : undefined;
  const lastFull = to ? (isLastDay(to) ? monthStart(to) : addMonths(monthStart(to), -1)) : undefined;
  if (from && to && firstFull! > lastFull!) return { months: null, days: [[from, to]] as [string, string][] };
  const days: [string, string][] = [];
  if (from && from !== firstFull) days.push([from, addDays(firstFull!, -1)]);
  if (to && !isLastDay(to)) days.push([monthStart(to), to]);
  return { months: { from: firstFull, to: lastFull }, days };
}

/** Rollup sums for a unit and an inclusive day period: whole months from the monthly table, edges from daily. */
export async function sumRollup(exec: Executor, f: { unitPath: string; from?: string; to?: string }) {
  const { months, days } = splitPeriod(f.from, f.to);
  const [a, b] = await Promise.all([
    months ? sumMonths(exec, f.unitPath, months.from, months.to) : [],
    days.length ? sumDays(exec, f.unitPath, days) : [],
  ]);
  return [...a, ...b];
}
