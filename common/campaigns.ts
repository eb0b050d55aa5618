import { z } from 'zod';
import { ACTIVITY_ACTIONS } from './constants/activities.js';
import { CAMPAIGN_LIMITS, CAMPAIGN_STATUSES, HOUSEHOLD_LIMITS } from './constants/campaigns.js';

export * from './constants/campaigns.js';

/**
 * Campaigns (the monthly roadmap) and households: request and response schemas shared by the server and the web app.
 */

const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'Tháng dạng YYYY-MM. | Use YYYY-MM.' });
const unitCode = z.string().trim().min(1).max(40);
const uuid = z.uuid({ message: 'Mã không hợp lệ. | Not a valid id.' });
const target = z.number().int().min(0).max(CAMPAIGN_LIMITS.targetMax);

export const CampaignStatus = z.enum(CAMPAIGN_STATUSES);
export const CampaignAction = z.enum(ACTIVITY_ACTIONS);

/** A metric: people helped with one catalog service and one action, outcome done. */
export const CampaignMetric = z.strictObject({ serviceId: uuid, action: CampaignAction });
export type CampaignMetric = z.infer<typeof CampaignMetric>;

export const CommuneTargetInput = z.strictObject({
  communeCode: unitCode,
  serviceId: uuid,
  action: CampaignAction,
  target,
});

/** `POST /api/campaigns` and `PUT /api/campaigns/:id`: the whole campaign (a PUT replaces it). */
export const CampaignInput = z
  .strictObject({
    provinceCode: unitCode,
    title: z.string().trim().min(1).max(CAMPAIGN_LIMITS.titleMax),
    fromMonth: month,
    toMonth: month,
    whatToDo: z.string().trim().max(CAMPAIGN_LIMITS.whatToDoMax).default(''),
    focusServiceIds: z.array(uuid).max(CAMPAIGN_LIMITS.focusMax).default([]),
    metrics: z.array(CampaignMetric).max(CAMPAIGN_LIMITS.metricsMax).default([]),
    communeTargets: z.array(CommuneTargetInput).max(CAMPAIGN_LIMITS.targetsMax).default([]),
    status: CampaignStatus.default('draft'),
  })
  .refine((v) => v.toMonth >= v.fromMonth, {
    path: ['toMonth'],
    message: 'Tháng kết thúc trước tháng bắt đầu. | The last month is before the first.',
  });
export type CampaignInput = z.input<typeof CampaignInput>;

export const CampaignIdParam = z.strictObject({ id: uuid });
export const CampaignCommuneParam = z.strictObject({ id: uuid, code: unitCode });
export const CampaignListQuery = z.strictObject({ province: unitCode.optional() });
export const CampaignProgressQuery = z.strictObject({ unit: unitCode });

const Label = z.object({ vi: z.string(), en: z.string() });

export const CampaignServiceRef = z.object({
  id: z.string(),
  slug: z.string(),
  name: z.string(),
  nameEn: z.string().nullable(),
});

export const CampaignMetricView = z.object({
  serviceId: z.string(),
  serviceName: z.string(),
  serviceSlug: z.string(),
  action: CampaignAction,
  label: Label,
});
export type CampaignMetricView = z.infer<typeof CampaignMetricView>;

export const CampaignSummary = z.object({
  id: z.string(),
  provinceCode: z.string(),
  title: z.string(),
  fromMonth: z.string(),
  toMonth: z.string(),
  status: CampaignStatus,
  focus: z.array(CampaignServiceRef),
  updatedAt: z.string(),
});
export type CampaignSummary = z.infer<typeof CampaignSummary>;

export const CampaignDetail = CampaignSummary.extend({
  whatToDo: z.string(),
  metrics: z.array(CampaignMetricView),
  communeTargets: z.array(
    z.object({
      communeCode: z.string(),
      communeName: z.string(),
      serviceId: z.string(),
      action: CampaignAction,
      target: z.number(),
    }),
  ),
  canEdit: z.boolean(),
});
export type CampaignDetail = z.infer<typeof CampaignDetail>;

export const CampaignList = z.object({ items: z.array(CampaignSummary), canCreate: z.boolean() });
export type CampaignList = z.infer<typeof CampaignList>;

/** `PUT /api/campaigns/:id/communes/:code/teams`: the commune's split of its targets per team (replaces it). */
export const TeamTargetsInput = z.strictObject({
  targets: z
    .array(z.strictObject({ teamId: uuid, serviceId: uuid, action: CampaignAction, target }))
    .max(CAMPAIGN_LIMITS.targetsMax),
});
export type TeamTargetsInput = z.input<typeof TeamTargetsInput>;

/** One metric's figures: the target and the people helped (outcome done) in the period. */
export const MetricFigures = z.object({
  serviceId: z.string(),
  action: CampaignAction,
  target: z.number(),
  done: z.number(),
});
export type MetricFigures = z.infer<typeof MetricFigures>;

/** A commune's split: its targets, each team's, and the difference per metric (a warning, never a refusal). */
export const CommuneSplit = z.object({
  campaign: CampaignSummary,
  commune: z.object({ code: z.string(), name: z.string() }),
  metrics: z.array(CampaignMetricView),
  communeTargets: z.array(z.object({ serviceId: z.string(), action: CampaignAction, target: z.number() })),
  teams: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      hamletName: z.string(),
      targets: z.array(z.object({ serviceId: z.string(), action: CampaignAction, target: z.number() })),
    }),
  ),
  differences: z.array(
    z.object({
      serviceId: z.string(),
      action: CampaignAction,
      communeTarget: z.number(),
      teamsTotal: z.number(),
      /** teamsTotal − communeTarget: 0 when the split adds up. */
      difference: z.number(),
      message: Label.nullable(),
    }),
  ),
  canEdit: z.boolean(),
});
export type CommuneSplit = z.infer<typeof CommuneSplit>;

/** Progress of a campaign in a unit: a province by commune, a commune by team. */
export const CampaignProgress = z.object({
  campaign: CampaignSummary,
  unit: z.object({ code: z.string(), name: z.string(), level: z.string() }),
  metrics: z.array(CampaignMetricView),
  rows: z.array(z.object({ code: z.string(), name: z.string(), figures: z.array(MetricFigures) })),
  total: z.array(MetricFigures),
  note: Label,
});
export type CampaignProgress = z.infer<typeof CampaignProgress>;

/** `GET /api/campaigns/current`: this month's focus for the signed-in member's team. */
export const CurrentFocus = z.object({
  month: z.string(),
  campaign: z
    .object({
      id: z.string(),
      title: z.string(),
      fromMonth: z.string(),
      toMonth: z.string(),
      whatToDo: z.string(),
      focus: z.array(CampaignServiceRef.extend({ guides: z.array(z.object({ id: z.string(), title: z.string() })) })),
    })
    .nullable(),
  team: z.object({ id: z.string(), name: z.string(), hamletName: z.string() }).nullable(),
  metrics: z.array(CampaignMetricView.extend({ target: z.number().nullable(), done: z.number() })),
});
export type CurrentFocus = z.infer<typeof CurrentFocus>;

// Households

/** `PUT /api/households/:hamletCode`. */
export const HouseholdInput = z
  .strictObject({
    households: z.number().int().min(0).max(HOUSEHOLD_LIMITS.householdsMax),
    /** Households with at least one person who has basic digital skills (the hamlet's survey); null: not known. */
    skilled: z.number().int().min(0).max(HOUSEHOLD_LIMITS.householdsMax).nullable().default(null),
    asOf: z.iso.date({ message: 'Ngày dạng YYYY-MM-DD. | Use YYYY-MM-DD.' }),
    source: z.string().trim().min(1).max(HOUSEHOLD_LIMITS.sourceMax),
  })
  .refine((v) => v.skilled === null || v.skilled <= v.households, {
    path: ['skilled'],
    message: 'Không được lớn hơn tổng số hộ. | Cannot be more than the households.',
  });
export type HouseholdInput = z.input<typeof HouseholdInput>;
export const HamletCodeParam = z.strictObject({ hamletCode: unitCode });
export const HouseholdQuery = z.strictObject({ unit: unitCode });
export const HouseholdImportQuery = z.strictObject({
  unit: unitCode,
  dryRun: z
    .enum(['0', '1', 'true', 'false'])
    .optional()
    .transform((v) => v === '1' || v === 'true'),
  report: z.enum(['json', 'xlsx']).default('json'),
});

const HouseholdFigures = z.object({
  /** Total households (entered); null when nobody entered the figure yet. */
  households: z.number().nullable(),
  /** Households with a person who has basic digital skills (entered); null when no hamlet has the figure. */
  skilled: z.number().nullable(),
  /** Household visits recorded in the activity log (a household visited twice counts twice): reference only. */
  reached: z.number(),
  /** skilled / households in percent over hamlets with both figures; null without them. */
  coverage: z.number().nullable(),
});
export const HouseholdRow = HouseholdFigures.extend({
  code: z.string(),
  name: z.string(),
  asOf: z.string().nullable(),
  source: z.string().nullable(),
  /** Hamlets (of a commune row) with a figure entered / in all. */
  hamletsWithFigure: z.number(),
  hamlets: z.number(),
});
export type HouseholdRow = z.infer<typeof HouseholdRow>;
export const HouseholdCoverage = z.object({
  unit: z.object({ code: z.string(), name: z.string(), level: z.string() }),
  rows: z.array(HouseholdRow),
  total: HouseholdFigures.extend({ hamletsWithFigure: z.number(), hamlets: z.number() }),
  note: Label,
  canEdit: z.boolean(),
});
export type HouseholdCoverage = z.infer<typeof HouseholdCoverage>;

export const HouseholdImportResult = z.object({
  ok: z.literal(true),
  dryRun: z.boolean(),
  updated: z.number().int(),
  unchanged: z.number().int(),
});
export type HouseholdImportResult = z.infer<typeof HouseholdImportResult>;
