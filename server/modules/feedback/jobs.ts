import { z } from 'zod';
import { defineJob } from '../../platform/jobs/index.js';

/**
 * Every report event (submission, transition, reminder…) enqueues one, in the transaction that wrote the event;
 * notifications handle it. The id comes as a JSON number from SQL (`jsonb_build_object`), a string from older rows.
 */
export const reportEventJob = defineJob({
  kind: 'feedback.event',
  payload: z.object({ reportId: z.string(), eventId: z.coerce.number().int().positive() }),
});

/** A deadline's jobs carry the deadline they were enqueued for: a job of an older deadline does nothing. */
const deadlinePayload = z.object({ reportId: z.string(), dueAt: z.iso.datetime() });
export type DeadlineJob = z.infer<typeof deadlinePayload>;

/** The handling unit is reminded of a report still open near its deadline. */
export const deadlineReminderJob = defineJob({ kind: 'feedback.reminder', payload: deadlinePayload });
/** A report still open past its deadline is escalated. */
export const deadlineOverdueJob = defineJob({ kind: 'feedback.overdue', payload: deadlinePayload });
