import { z } from 'zod';

/**
 * What a staff member's home page shows of their work: their handling units' open reports (due today, overdue) and
 * the screening queue of the communes they screen or administer. A part is null when the person has no such work.
 */
export const WorkSummary = z.object({
  inbox: z
    .object({
      /** Distributed reports in the officer's units (and escalated from the units below). */
      open: z.number().int(),
      /** Of those, due before the end of today (Vietnamese time) and not yet overdue. */
      dueToday: z.number().int(),
      overdue: z.number().int(),
    })
    .nullable(),
  screening: z
    .object({
      /** Reports awaiting acceptance (chưa đủ điều kiện tiếp nhận) in the communes the person screens. */
      pending: z.number().int(),
    })
    .nullable(),
});
export type WorkSummary = z.infer<typeof WorkSummary>;
