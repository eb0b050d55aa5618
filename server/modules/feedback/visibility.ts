import { sql } from 'drizzle-orm';
import { PRIVATE_CANCEL_REASONS } from '../../../common/feedback.js';
import { reports } from '../../db/schema/index.js';

/**
 * Which reports the public sees. A report becomes public once it has been screened (accepted, answered or
 * cancelled with a reason people should see); pending reports have not been read by anyone yet and may hold
 * personal data or abuse; spam never shows, nor a report its reporter withdrew before it was screened.
 */
export function isPublicReport(r: { status: string; cancelReason: string | null }): boolean {
  if (r.status === 'pending') return false;
  return !(r.status === 'cancelled' && (PRIVATE_CANCEL_REASONS as readonly string[]).includes(r.cancelReason ?? ''));
}

/**
 * The same rule as isPublicReport, in SQL over the reports table (written as the map's partial indexes are, so the
 * planner can use them; migration 0009).
 */
export const publicReportSql = sql`(${reports.status} in ('distributed', 'resolved') or (${reports.status} = 'cancelled' and ${reports.cancelReason} is distinct from 'spam' and ${reports.cancelReason} is distinct from 'withdrawn'))`;

/** Public statuses a filter may ask for. */
export const PUBLIC_STATUSES = ['distributed', 'resolved', 'cancelled'] as const;
