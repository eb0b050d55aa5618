import { integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { units } from './units.js';

/**
 * Monthly reports (báo cáo tháng) the monthly job generated: one per unit and month (unique), the PDF in the file store
 * (`file_key`). Generating again for a unit and month that has one does nothing, so a retried or doubled job never
 * makes a second report. Reports made on demand are not kept (they are the same PDF, made from the figures of the
 * moment).
 */
export const dashboardReports = pgTable(
  'dashboard_reports',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    unitCode: text('unit_code')
      .notNull()
      .references(() => units.code),
    /** The unit's path when generated: who may download it (indicator.read on it). */
    unitPath: text('unit_path').notNull(),
    /** The month reported, YYYY-MM. */
    month: text('month').notNull(),
    fileKey: text('file_key').notNull(),
    bytes: integer('bytes').notNull(),
    pages: integer('pages').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('dashboard_reports_unit_month_key').on(t.unitCode, t.month)],
);
