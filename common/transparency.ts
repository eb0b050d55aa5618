import { z } from 'zod';
import { TEAM_MEMBER_ORGANISATIONS } from './constants/teams.js';

export * from './constants/transparency.js';

/**
 * The public transparency page of one commune (issue 12 point 3): what the commune's reports, teams and learners
 * came to over a period of whole months, beside the province's rates. Counts and rates only: no name, phone, address
 * or id of a person, no figure per report, hamlet or team (a test walks the answer's keys).
 */

const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'Tháng dạng YYYY-MM. | Use YYYY-MM.' });

/** `:code` of `/api/public/communes/:code/transparency`. */
export const TransparencyParams = z.strictObject({
  code: z
    .string()
    .regex(/^[0-9A-Za-z][0-9A-Za-z-]{0,39}$/, { message: 'Mã đơn vị không hợp lệ. | Invalid unit code.' }),
});

/**
 * `?year=YYYY` (that calendar year; this year: so far), or `?from=YYYY-MM&to=YYYY-MM`; neither: the last 12 months,
 * this one included (Vietnam's calendar).
 */
export const TransparencyQuery = z.strictObject({
  year: z
    .string()
    .regex(/^\d{4}$/, { message: 'Năm gồm 4 chữ số, ví dụ 2026. | A year is 4 digits, e.g. 2026.' })
    .optional(),
  from: month.optional(),
  to: month.optional(),
});
export type TransparencyQuery = z.input<typeof TransparencyQuery>;

const count = z.number().int();
/** A share between 0 and 1; null when there is nothing to divide (no report resolved, no hamlet). */
const rate = z.number().nullable();

const reportFigures = {
  /** Received in the period, and how they stand now: the four add up to `received` (the seed's partition). */
  received: count,
  resolved: count,
  distributed: count,
  pending: count,
  cancelled: count,
  /** Resolved within their deadline. */
  onTime: count,
  /** Ratings given (1–5 stars) to the period's reports. */
  ratings: count,
  /**
   * Mean rating out of 5, as the feedback statistics define satisfaction (`meanSatisfaction`); null under
   * TRANSPARENCY_MIN_RATINGS ratings.
   */
  satisfaction: z.number().nullable(),
};

export const CommuneTransparency = z.object({
  commune: z.object({
    code: z.string(),
    /** "Xã Định Hoá"; `nameEn` where the reference data has one. */
    name: z.string(),
    nameEn: z.string().nullable(),
    province: z.object({ code: z.string(), name: z.string() }),
  }),
  /** Whole months, both included; `year` when asked by year. `to` is never after this month. */
  period: z.object({ from: month, to: month, year: z.number().int().nullable() }),
  reports: z.object({
    ...reportFigures,
    /** resolved / received. */
    resolvedRate: rate,
    /** onTime / resolved (as the feedback statistics' on-time rate). */
    onTimeRate: rate,
  }),
  teams: z.object({
    /** Active hamlets, and those with an active team: now, not over the period (the registry is a stock). */
    hamlets: count,
    hamletsWithTeam: count,
    coverage: rate,
    teams: count,
    members: count,
    membersByOrganisation: z.record(z.enum(TEAM_MEMBER_ORGANISATIONS), count),
    /** Over the period: sessions recorded by the commune's teams, households and people they helped. */
    activities: count,
    households: count,
    people: count,
  }),
  learning: z.object({
    /** People who first enrolled in a course in the period with this commune as their unit (each counted once). */
    learners: count,
    enrolments: count,
    /** Courses completed in the period. */
    completions: count,
    /** Certificates issued in the period to people of the commune (courses and training sessions). */
    certificates: count,
  }),
  /** The same rates for the whole province over the same months (all its reports, hamlets), to compare. */
  province: z.object({
    resolvedRate: rate,
    onTimeRate: rate,
    satisfaction: z.number().nullable(),
    coverage: rate,
  }),
  /** Every month of the period, zeros included. */
  byMonth: z.array(
    z.object({
      month,
      ...reportFigures,
      activities: count,
      people: count,
      learners: count,
      completions: count,
    }),
  ),
});
export type CommuneTransparency = z.infer<typeof CommuneTransparency>;
