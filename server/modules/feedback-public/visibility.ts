import { sql } from 'drizzle-orm';
import { reports } from '../../db/schema/index.js';

/**
 * Which reports the public sees. A report becomes public once it has been screened (accepted, answered or
 * cancelled with a reason people should see); pending reports have not been read by anyone yet and may hold
 * personal data or abuse, and spam never shows.
 */
export function isPublicReport(r: { status: string; cancelReason: string | null }): boolean {
  if (r.status === 'pending') return false;
  return !(r.status === 'cancelled' && r.cancelReason === 'spam');
}

/** The same rule as isPublicReport, in SQL over the reports table. */
export const publicReportSql = sql`(${reports.status} in ('distributed', 'resolved') or (${reports.status} = 'cancelled' and ${reports.cancelReason} is distinct from 'spam'))`;

/** Public statuses a filter may ask for. */
export const PUBLIC_STATUSES = ['distributed', 'resolved', 'cancelled'] as const;
