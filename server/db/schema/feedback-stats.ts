import { date, integer, pgTable, pgView, primaryKey, text, uuid } from 'drizzle-orm/pg-core';

const monthlyColumns = () => ({
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
});

/**
 * Monthly statistics by unit and every unit above it, folded from report_count_deltas (migration 0009): each
 * delta counts in its month for the commune path and each ancestor path ("19", "19/05569", "19/05569/05569-001").
 * A province-year is then about a thousand rows found by one equality on unit_path, however many reports there
 * are. Read through the view `report_stats_monthly`, which adds the deltas not yet folded: always exact.
 */
export const reportStatsMonthlyFolded = pgTable('report_stats_monthly_folded', monthlyColumns(), (t) => [
  primaryKey({
    name: 'report_stats_monthly_pk',
    columns: [t.unitPath, t.month, t.categoryId, t.status, t.cancelReason],
  }),
]);

/** Monthly statistics, exact: report_stats_monthly_folded + the deltas not yet folded (a view, migration 0009). */
export const reportStatsMonthly = pgView('report_stats_monthly', monthlyColumns()).existing();
