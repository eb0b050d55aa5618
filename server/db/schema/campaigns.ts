import { date, index, integer, pgTable, primaryKey, smallint, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { ACTIVITY_ACTIONS } from '../../../common/constants/activities.js';
import { CAMPAIGN_STATUSES } from '../../../common/constants/campaigns.js';
import { users } from './accounts.js';
import { catalogServices } from './catalog.js';
import { teams } from './teams.js';
import { units } from './units.js';

/**
 * A province's campaign (the monthly roadmap of its community digital technology teams): a period of whole months
 * (first days), the focus services, what to do, and targets per commune (split per team by the commune).
 */
export const campaigns = pgTable(
  'campaigns',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    provinceCode: text('province_code')
      .notNull()
      .references(() => units.code),
    title: text('title').notNull(),
    whatToDo: text('what_to_do').notNull().default(''),
    /** The first day of the first month, and of the last month. */
    fromMonth: date('from_month').notNull(),
    toMonth: date('to_month').notNull(),
    status: text('status', { enum: CAMPAIGN_STATUSES }).notNull().default('draft'),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('campaigns_province_idx').on(t.provinceCode, t.fromMonth)],
);

/** The services a campaign focuses on, in order. */
export const campaignFocus = pgTable(
  'campaign_focus',
  {
    campaignId: uuid('campaign_id')
      .notNull()
      .references(() => campaigns.id, { onDelete: 'cascade' }),
    serviceId: uuid('service_id')
      .notNull()
      .references(() => catalogServices.id),
    position: smallint('position').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.campaignId, t.serviceId] })],
);

/** What a campaign counts: people helped with a service and an action, outcome done. */
export const campaignMetrics = pgTable(
  'campaign_metrics',
  {
    campaignId: uuid('campaign_id')
      .notNull()
      .references(() => campaigns.id, { onDelete: 'cascade' }),
    serviceId: uuid('service_id')
      .notNull()
      .references(() => catalogServices.id),
    action: text('action', { enum: ACTIVITY_ACTIONS }).notNull(),
    position: smallint('position').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.campaignId, t.serviceId, t.action] })],
);

/** The province's target per commune and metric. */
export const campaignCommuneTargets = pgTable(
  'campaign_commune_targets',
  {
    campaignId: uuid('campaign_id')
      .notNull()
      .references(() => campaigns.id, { onDelete: 'cascade' }),
    communeCode: text('commune_code')
      .notNull()
      .references(() => units.code),
    serviceId: uuid('service_id').notNull(),
    action: text('action', { enum: ACTIVITY_ACTIONS }).notNull(),
    target: integer('target').notNull(),
  },
  (t) => [primaryKey({ columns: [t.campaignId, t.communeCode, t.serviceId, t.action] })],
);

/** The commune's split of its targets per team (its sum may differ from the commune's: a warning, not a refusal). */
export const campaignTeamTargets = pgTable(
  'campaign_team_targets',
  {
    campaignId: uuid('campaign_id')
      .notNull()
      .references(() => campaigns.id, { onDelete: 'cascade' }),
    teamId: uuid('team_id')
      .notNull()
      .references(() => teams.id),
    communeCode: text('commune_code').notNull(),
    serviceId: uuid('service_id').notNull(),
    action: text('action', { enum: ACTIVITY_ACTIONS }).notNull(),
    target: integer('target').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.campaignId, t.teamId, t.serviceId, t.action] }),
    index('campaign_team_targets_commune_idx').on(t.campaignId, t.communeCode),
  ],
);
