import { z } from 'zod';
import { ActivityAction } from './activities.js';

/**
 * What community digital technology teams did, counted for a province (by commune), a commune (by hamlet) or a
 * hamlet, over a period of months: the pages of a commune and of the province, and their XLSX export. Counts only.
 */

const month = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'Tháng dạng YYYY-MM. | Use YYYY-MM.' })
  .optional();

/** `GET /api/team-activity?unit=<code>&from=YYYY-MM&to=YYYY-MM` (the last 6 months by default). */
export const TeamActivityQuery = z.strictObject({
  unit: z.string().trim().min(1).max(40),
  from: month,
  to: month,
});
export type TeamActivityQuery = z.input<typeof TeamActivityQuery>;

/** The longest period one question may span. */
export const TEAM_ACTIVITY_MAX_MONTHS = 36;

const figures = {
  activities: z.number().int(),
  households: z.number().int(),
  people: z.number().int(),
  /** Items done (outcome "done"), e.g. apps installed, accounts made. */
  itemsDone: z.number().int(),
};

export const TeamActivity = z.object({
  unit: z.object({ code: z.string(), name: z.string(), level: z.string() }),
  from: z.string(),
  to: z.string(),
  totals: z.object({ ...figures, minutes: z.number().int(), items: z.number().int() }),
  /** Every month of the period, zeros included. */
  byMonth: z.array(z.object({ month: z.string(), ...figures })),
  byService: z.array(
    z.object({
      serviceId: z.string().nullable(),
      serviceName: z.string().nullable(),
      action: ActivityAction,
      done: z.number().int(),
      followUp: z.number().int(),
      failed: z.number().int(),
      /** People helped with outcome "done". */
      people: z.number().int(),
    }),
  ),
  /** The communes of a province or the hamlets of a commune, zeros included; empty for a hamlet. */
  byUnit: z.array(z.object({ code: z.string(), name: z.string(), ...figures })),
});
export type TeamActivity = z.infer<typeof TeamActivity>;
