import { date, integer, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';

/**
 * Monthly statistics by unit and every unit above it, kept by a trigger on report_stats_daily (migration
 * 0005): each change to a daily row adds the same delta to its month for the commune path and each ancestor
 * path ("19", "19/05569", "19/05569/05569-001"). A province-year is then about a thousand rows found by one
 * equality on unit_path, however many reports there are. Same transaction as the daily row, so always exact.
 */
export const reportStatsMonthly = pgTable(
  'report_stats_monthly',
  {
    /** First day of the month (Vietnamese calendar month of receipt). */
    month: date('month').notNull(),
    unitPath: text('unit_path').notNull(),
    categoryId: uuid('category_id').notNull(),
    status: text('status').notNull(),
    cancelReason: text('cancel_reason').notNull().default(''),
    reports: integer('reports').notNull().default(0),
    resolvedOnTime: integer('resolved_on_time').notNull().default(0),
    ratingSum: integer('rating_sum').notNull().default(0),
    ratingCount: integer('rating_count').notNull().default(0),
    reopenings: integer('reopenings').notNull().default(0),
  },
  (t) => [
    primaryKey({
      name: 'report_stats_monthly_pk',
      columns: [t.unitPath, t.month, t.categoryId, t.status, t.cancelReason],
    }),
  ],
);
