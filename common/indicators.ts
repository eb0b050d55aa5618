import { z } from 'zod';

/**
 * Indicators (issue 12 point 1) and what the dashboards read (point 2): the shared contract between
 * `server/modules/indicators` (the registry, entered and computed values) and `server/modules/dashboards` + the web
 * dashboard pages. Every figure is for a unit (province, commune or hamlet) over a period of days; the previous
 * period is the one of the same length just before it (a month → the month before, a quarter → the quarter before,
 * a year → the year before, a custom range → as many days before).
 */

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'Ngày dạng YYYY-MM-DD. | Use YYYY-MM-DD.' });
const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'Tháng dạng YYYY-MM. | Use YYYY-MM.' });
const unitCode = z.string().trim().min(1).max(40);
const indicatorCode = z
  .string()
  .trim()
  .regex(/^[a-z][a-z0-9_.]{1,63}$/, { message: 'Mã chỉ tiêu không hợp lệ. | Not a valid indicator code.' });

/** Where a figure comes from: counted from this platform's own data, or entered by a unit from elsewhere. */
export const INDICATOR_ORIGINS = ['computed', 'entered'] as const;
/**
 * How a figure adds up over a period: `flow` is counted within it (reports received), `stock` is the state at its
 * end (teams, members, learners so far), `ratio` is numerator / denominator over it (on time, fully online).
 */
export const INDICATOR_KINDS = ['flow', 'stock', 'ratio'] as const;
export const INDICATOR_DIRECTIONS = ['up', 'down'] as const;
/** The domain whose data a computed indicator reads; `external` for entered ones. Panels group by it. */
export const INDICATOR_DOMAINS = [
  'feedback',
  'teams',
  'activities',
  'campaigns',
  'learning',
  'certificates',
  'external',
] as const;
export const UNIT_LEVELS = ['province', 'commune', 'hamlet'] as const;

const bilingual = z.object({ vi: z.string(), en: z.string() });

export const IndicatorDefinition = z.object({
  code: z.string(),
  name: bilingual,
  description: bilingual,
  /** What a value counts, e.g. { vi: 'phản ánh', en: 'reports' } or { vi: '%', en: '%' }. */
  measure: bilingual,
  origin: z.enum(INDICATOR_ORIGINS),
  kind: z.enum(INDICATOR_KINDS),
  /** `up`: higher is better (compare to target as ≥); `down`: lower is better (≤). */
  direction: z.enum(INDICATOR_DIRECTIONS),
  domain: z.enum(INDICATOR_DOMAINS),
  /** Where the figure comes from, as the report cites it (e.g. "Sở KH&CN, báo cáo tháng"). */
  source: bilingual,
  /** The levels it has a value for. */
  levels: z.array(z.enum(UNIT_LEVELS)),
  /** Entered per subject (e.g. fully-online dossiers per agency): values carry `subjects`. */
  bySubject: z.boolean(),
  /** Ratios are shown as percent (numerator / denominator × 100). */
  percent: z.boolean(),
});
export type IndicatorDefinition = z.infer<typeof IndicatorDefinition>;

/** `GET /api/indicators/values?unit&from&to` (and the by-unit and series routes): the period asked. */
export const IndicatorPeriodQuery = z.strictObject({
  unit: unitCode,
  from: day,
  to: day,
});
export type IndicatorPeriodQuery = z.input<typeof IndicatorPeriodQuery>;
/** The longest period one question may span (days). */
export const INDICATOR_MAX_DAYS = 3 * 366;

const figure = {
  /** For a ratio, numerator / denominator × 100 when `percent`; null when there is nothing to say (no entry). */
  value: z.number().nullable(),
  numerator: z.number().nullable(),
  denominator: z.number().nullable(),
  /** The target that applies to this unit and period, null if none. */
  target: z.number().nullable(),
  /** Met the target (by `direction`); null with no target or no value. */
  targetMet: z.boolean().nullable(),
};

export const IndicatorValue = z.object({
  code: z.string(),
  ...figure,
  /** The same figure for the previous period. */
  previous: z.number().nullable(),
  /**
   * The days the figure really covers: a source kept by month (activities, learners, entered figures) covers the
   * whole months the period touches, and the page says so.
   */
  coveredFrom: day,
  coveredTo: day,
  /** Entered per subject (agencies): one row each, the total in the fields above. */
  subjects: z.array(z.object({ subject: z.string(), ...figure })).optional(),
});
export type IndicatorValue = z.infer<typeof IndicatorValue>;

export const PeriodView = z.object({ from: day, to: day });

const unitView = z.object({
  code: z.string(),
  name: z.string(),
  level: z.enum(UNIT_LEVELS),
  /** The units above it, province first (for the drill-down breadcrumb; the unit itself not included). */
  ancestors: z.array(z.object({ code: z.string(), name: z.string(), level: z.enum(UNIT_LEVELS) })),
});

/** `GET /api/indicators/values`: every indicator that has a value at this unit's level. */
export const IndicatorValues = z.object({
  unit: unitView,
  period: PeriodView,
  previousPeriod: PeriodView,
  values: z.array(IndicatorValue),
});
export type IndicatorValues = z.infer<typeof IndicatorValues>;

/**
 * `GET /api/indicators/:code/by-unit?unit&from&to`: the indicator for each child of the unit (the communes of a
 * province — the choropleth —, the hamlets of a commune), zeros included, and the unit's own total.
 */
export const IndicatorByUnit = z.object({
  code: z.string(),
  unit: unitView,
  period: PeriodView,
  rows: z.array(z.object({ code: z.string(), name: z.string(), ...figure })),
  total: IndicatorValue,
});
export type IndicatorByUnit = z.infer<typeof IndicatorByUnit>;

/** `GET /api/indicators/:code/series?unit&from&to`: the indicator month by month over the period (a chart). */
export const IndicatorSeries = z.object({
  code: z.string(),
  unit: unitView,
  points: z.array(z.object({ month, ...figure })),
});
export type IndicatorSeries = z.infer<typeof IndicatorSeries>;

export const IndicatorCodeParam = z.strictObject({ code: indicatorCode });

/**
 * `POST /api/indicators/entries`: a unit's figure for one month (and subject). A figure for a key that already has
 * one is a correction: it needs a `reason`, keeps the earlier one in the history and is audited.
 */
export const IndicatorEntryInput = z.strictObject({
  indicator: indicatorCode,
  unitCode,
  month,
  subject: z.string().trim().min(1).max(200).optional(),
  /** For flow and stock indicators. */
  value: z.number().finite().min(0).optional(),
  /** For ratios: both, numerator ≤ denominator. */
  numerator: z.number().finite().min(0).optional(),
  denominator: z.number().finite().min(0).optional(),
  note: z.string().trim().max(1000).optional(),
  reason: z.string().trim().min(3).max(500).optional(),
});
export type IndicatorEntryInput = z.input<typeof IndicatorEntryInput>;

export const IndicatorEntryView = z.object({
  id: z.string(),
  indicator: z.string(),
  unitCode: z.string(),
  unitName: z.string(),
  month,
  subject: z.string().nullable(),
  value: z.number().nullable(),
  numerator: z.number().nullable(),
  denominator: z.number().nullable(),
  note: z.string().nullable(),
  reason: z.string().nullable(),
  enteredBy: z.string(),
  enteredAt: z.string(),
  /** False for an entry a later correction replaced (the history). */
  current: z.boolean(),
});
export type IndicatorEntryView = z.infer<typeof IndicatorEntryView>;

/** `PUT /api/indicators/targets`: a target of an indicator for a unit (and everything below it) from a month on. */
export const IndicatorTargetInput = z.strictObject({
  indicator: indicatorCode,
  unitCode,
  fromMonth: month,
  value: z.number().finite(),
  subject: z.string().trim().min(1).max(200).optional(),
});
export type IndicatorTargetInput = z.input<typeof IndicatorTargetInput>;

/** `GET /api/indicators/entries?unit&indicator&month`: a unit's entries with their history (newest first per key). */
export const IndicatorEntriesQuery = z.strictObject({
  unit: unitCode,
  indicator: indicatorCode.optional(),
  month: month.optional(),
});
export type IndicatorEntriesQuery = z.input<typeof IndicatorEntriesQuery>;
export const IndicatorEntryList = z.object({ entries: z.array(IndicatorEntryView) });
export type IndicatorEntryList = z.infer<typeof IndicatorEntryList>;

export const IndicatorTargetView = z.object({
  indicator: z.string(),
  unitCode: z.string(),
  fromMonth: month,
  subject: z.string().nullable(),
  value: z.number(),
});
export type IndicatorTargetView = z.infer<typeof IndicatorTargetView>;

/** `POST /api/indicators/import?unit=<code>` (multipart, one file); `?report=xlsx` answers a refused file as XLSX. */
export const IndicatorImportQuery = z.strictObject({
  unit: unitCode,
  dryRun: z
    .enum(['0', '1', 'true', 'false'])
    .optional()
    .transform((v) => v === '1' || v === 'true'),
  report: z.enum(['json', 'xlsx']).default('json'),
});
export const IndicatorImportResult = z.object({
  ok: z.literal(true),
  dryRun: z.boolean(),
  /** Figures for a key that had none. */
  entered: z.number().int(),
  /** Figures replacing a different earlier one (each with its reason, audited). */
  corrected: z.number().int(),
  /** Rows equal to the figure already there: skipped, so a file can be uploaded again safely. */
  unchanged: z.number().int(),
});
export type IndicatorImportResult = z.infer<typeof IndicatorImportResult>;

/** `GET /api/indicators/import-template.xlsx?unit=<code>`. */
export const IndicatorTemplateQuery = z.strictObject({ unit: unitCode });

export * from './constants/indicators.js';
