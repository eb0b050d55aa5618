import { z } from 'zod';
import { defineJob } from '../../platform/jobs/index.js';

/**
 * One step of an emergency alert's fan-out: the next batch of the unit's followers after `after` (user id order),
 * each claimed once per alert. Enqueued when an alert is written, to run at its publish time; each full step
 * enqueues the next. `version` is the post's version that enqueued the chain (a later edit starts a new chain; the
 * claims keep anyone from being told twice).
 */
export const newsAlertJob = defineJob({
  kind: 'news.alert',
  payload: z.object({
    postId: z.uuid(),
    version: z.number().int().min(1),
    after: z.uuid().nullable(),
  }),
});
export type NewsAlertPayload = z.infer<typeof newsAlertJob.payload>;

/** The dedupe key of a chain's step: a retried step never enqueues its next step twice. */
export const alertStepKey = (p: NewsAlertPayload) => `news.alert:${p.postId}:v${p.version}:${p.after ?? 'start'}`;
