import { z } from 'zod';
import { DASHBOARD_TABLES } from './constants/dashboards.js';
import { IndicatorPeriodQuery } from './indicators.js';

export * from './constants/dashboards.js';

/**
 * Dashboards (issue 12 point 2): a read model over the indicators (common/indicators.ts) — the page's tables as
 * streamed CSV/XLSX, the monthly report as a PDF, and the monthly reports the job kept.
 */

const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'Tháng dạng YYYY-MM. | Use YYYY-MM.' });
const indicatorCode = z
  .string()
  .trim()
  .regex(/^[a-z][a-z0-9_.]{1,63}$/, { message: 'Mã chỉ tiêu không hợp lệ. | Not a valid indicator code.' });

/**
 * `GET /api/dashboards/export.csv|xlsx?unit&from&to&table&code`: one table of the page. `values` is every indicator of
 * the unit; `by-unit` and `series` are one indicator (`code`) by child unit or by month.
 */
export const DashboardExportQuery = IndicatorPeriodQuery.extend({
  table: z.enum(DASHBOARD_TABLES),
  code: indicatorCode.optional(),
});
export type DashboardExportQuery = z.input<typeof DashboardExportQuery>;

/** `GET /api/dashboards/monthly.pdf?unit&month`: the monthly report of a unit, made now. */
export const MonthlyReportQuery = z.strictObject({ unit: z.string().trim().min(1).max(40), month });
export type MonthlyReportQuery = z.input<typeof MonthlyReportQuery>;

/** `GET /api/dashboards/reports?unit`: the monthly reports the job kept for a unit, newest first. */
export const MonthlyReportListQuery = z.strictObject({ unit: z.string().trim().min(1).max(40) });

export const MonthlyReportView = z.object({
  id: z.string(),
  unitCode: z.string(),
  month,
  bytes: z.number(),
  pages: z.number(),
  createdAt: z.string(),
});
export type MonthlyReportView = z.infer<typeof MonthlyReportView>;
export const MonthlyReportList = z.object({ reports: z.array(MonthlyReportView) });
export type MonthlyReportList = z.infer<typeof MonthlyReportList>;

export const MonthlyReportIdParam = z.strictObject({ id: z.uuid() });
