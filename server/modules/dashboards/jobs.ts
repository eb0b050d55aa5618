import { z } from 'zod';
import { defineJob } from '../../platform/jobs/index.js';

/**
 * The monthly report of a unit for `month` (YYYY-MM), due on the 1st of the month after it. Its handler keeps the
 * PDF once per unit and month, then schedules the next month's (a dedupe key per unit and month, so the schedule
 * is made once however often it runs).
 */
export const monthlyReportJob = defineJob({
  kind: 'dashboards.monthly-report',
  payload: z.object({ unitCode: z.string(), month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/) }),
});

export const monthlyReportKey = (unitCode: string, month: string) => `${monthlyReportJob.kind}:${unitCode}:${month}`;
