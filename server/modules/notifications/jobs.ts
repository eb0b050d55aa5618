import { z } from 'zod';
import { defineJob } from '../../platform/jobs/index.js';
import { AUDIENCES } from './templates.js';

/** One e-mail, SMS or Zalo message of a report event to one person. */
export const deliverJob = defineJob({
  kind: 'notification.deliver',
  payload: z.object({
    channel: z.enum(['email', 'sms', 'zalo']),
    reportId: z.string(),
    eventId: z.number().int(),
    /** null: the resident recorded on an assisted/operator report, reached by the phone on the report. */
    userId: z.string().nullable(),
    audience: z.enum(AUDIENCES),
  }),
});
