import { sql } from 'drizzle-orm';
import {
  bigserial,
  date,
  doublePrecision,
  index,
  integer,
  pgTable,
  pgView,
  primaryKey,
  smallint,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { ACTIVITY_ACTIONS, ACTIVITY_OUTCOMES } from '../../../common/constants/activities.js';
import { users } from './accounts.js';
import { teamMembers, teams } from './teams.js';

/**
 * The activity log of community digital technology teams: one row per session a member recorded in the field. The id
 * is made by the member's device when the activity is recorded (offline too), so a retried sync finds it again and
 * never makes a second row. `version` grows with every edit: an offline edit based on an older one is a conflict.
 */
export const activities = pgTable(
  'activities',
  {
    id: uuid('id').primaryKey(),
    version: integer('version').notNull().default(1),
    teamId: uuid('team_id')
      .notNull()
      .references(() => teams.id),
    /** The membership the author recorded it under. */
    memberId: uuid('member_id')
      .notNull()
      .references(() => teamMembers.id),
    authorUserId: uuid('author_user_id')
      .notNull()
      .references(() => users.id),
    communeCode: text('commune_code').notNull(),
    hamletCode: text('hamlet_code').notNull(),
    /** The hamlet's unit path: what scopes are checked against. */
    unitPath: text('unit_path').notNull(),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
    /** The Vietnamese day of occurredAt (UTC+7): what months and periods count by. */
    occurredOn: date('occurred_on').notNull(),
    durationMinutes: integer('duration_minutes'),
    /** Optional GPS position: never public. */
    lat: doublePrecision('lat'),
    lng: doublePrecision('lng'),
    households: integer('households').notNull().default(0),
    people: integer('people').notNull().default(0),
    note: text('note'),
    /** A feedback report filed for a resident during the session. */
    reportCode: text('report_code'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    /** An optional photo of the session (re-encoded, no metadata; platform/files): its stored keys and size. */
    photoKey: text('photo_key'),
    photoThumbKey: text('photo_thumb_key'),
    photoWidth: integer('photo_width'),
    photoHeight: integer('photo_height'),
    /** A commune administrator's correction (audited): who and when. */
    correctedBy: uuid('corrected_by').references(() => users.id),
    correctedAt: timestamp('corrected_at', { withTimezone: true }),
  },
  (t) => [
    index('activities_author_idx').on(t.authorUserId, t.occurredAt.desc(), t.id),
    index('activities_team_idx').on(t.teamId, t.occurredAt.desc()),
    index('activities_path_idx').using('btree', sql`${t.unitPath} text_pattern_ops`, t.occurredOn),
  ],
);

/** What was done in a session, per catalog service. Replaced as a whole when the activity is edited. */
export const activityItems = pgTable(
  'activity_items',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    activityId: uuid('activity_id')
      .notNull()
      .references(() => activities.id, { onDelete: 'cascade' }),
    position: smallint('position').notNull().default(0),
    /** A catalog service (its id); null for help not about one service. */
    serviceId: uuid('service_id'),
    action: text('action', { enum: ACTIVITY_ACTIONS }).notNull(),
    procedure: text('procedure'),
    outcome: text('outcome', { enum: ACTIVITY_OUTCOMES }).notNull(),
    failureReason: text('failure_reason'),
    people: integer('people').notNull().default(1),
  },
  (t) => [index('activity_items_activity_idx').on(t.activityId, t.position)],
);

/**
 * A resident named in an activity, only with consent recorded (who recorded it, when, for what). Seen by the author,
 * their commune administrator and auditors; every read is audited.
 */
export const activityResidents = pgTable(
  'activity_residents',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    activityId: uuid('activity_id')
      .notNull()
      .references(() => activities.id, { onDelete: 'cascade' }),
    fullName: text('full_name'),
    phone: text('phone'),
    birthYear: smallint('birth_year'),
    consentPurpose: text('consent_purpose').notNull(),
    consentRecordedBy: uuid('consent_recorded_by')
      .notNull()
      .references(() => users.id),
    consentRecordedAt: timestamp('consent_recorded_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('activity_residents_activity_idx').on(t.activityId)],
);

/**
 * Every change of what the activity log counts, as signed rows appended by triggers on activities and activity_items
 * in the writer's transaction (platform/aggregates). kind 'activity' rows move activities, households, people and
 * minutes; kind 'item' rows move items and item_people per service, action and outcome.
 */
export const activityCountDeltas = pgTable('activity_count_deltas', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  kind: text('kind', { enum: ['activity', 'item'] }).notNull(),
  teamId: uuid('team_id').notNull(),
  communeCode: text('commune_code').notNull(),
  hamletCode: text('hamlet_code').notNull(),
  month: date('month').notNull(),
  /** '' when an item names no service (a key column cannot be null). */
  serviceId: text('service_id').notNull().default(''),
  action: text('action').notNull().default(''),
  outcome: text('outcome').notNull().default(''),
  activities: integer('activities').notNull().default(0),
  households: integer('households').notNull().default(0),
  people: integer('people').notNull().default(0),
  minutes: integer('minutes').notNull().default(0),
  items: integer('items').notNull().default(0),
  itemPeople: integer('item_people').notNull().default(0),
});

/** What a month of sessions sums, and what an item key (service × action × outcome) of a month sums. */
const sessionSums = () => ({
  activities: integer('activities').notNull().default(0),
  households: integer('households').notNull().default(0),
  people: integer('people').notNull().default(0),
  minutes: integer('minutes').notNull().default(0),
});
const itemKey = () => ({
  serviceId: text('service_id').notNull(),
  action: text('action').notNull(),
  outcome: text('outcome').notNull(),
});
const itemSums = () => ({
  items: integer('items').notNull().default(0),
  itemPeople: integer('item_people').notNull().default(0),
});
const teamPlace = () => ({ communeCode: text('commune_code').notNull(), hamletCode: text('hamlet_code').notNull() });

const teamMonthColumns = () => ({
  teamId: uuid('team_id').notNull(),
  month: date('month').notNull(),
  ...teamPlace(),
  ...sessionSums(),
});
const teamServiceColumns = () => ({
  teamId: uuid('team_id').notNull(),
  month: date('month').notNull(),
  ...itemKey(),
  ...teamPlace(),
  ...itemSums(),
});
const communeMonthColumns = () => ({
  communeCode: text('commune_code').notNull(),
  month: date('month').notNull(),
  ...sessionSums(),
});
const communeServiceColumns = () => ({
  communeCode: text('commune_code').notNull(),
  month: date('month').notNull(),
  ...itemKey(),
  ...itemSums(),
});
const provinceMonthColumns = () => ({
  provinceCode: text('province_code').notNull(),
  month: date('month').notNull(),
  ...sessionSums(),
});
const provinceServiceColumns = () => ({
  provinceCode: text('province_code').notNull(),
  month: date('month').notNull(),
  ...itemKey(),
  ...itemSums(),
});

/** Sessions, households, people and minutes per team and month (folded; read the view activity_team_months). */
export const activityTeamMonthsFolded = pgTable('activity_team_months_folded', teamMonthColumns(), (t) => [
  primaryKey({ name: 'activity_team_months_folded_pk', columns: [t.teamId, t.month] }),
  index('activity_team_months_folded_commune_idx').on(t.communeCode, t.month),
  // A hamlet's page (its teams' rows: a dozen among a million).
  index('activity_team_months_folded_hamlet_idx').on(t.hamletCode, t.month),
]);
export const activityTeamMonths = pgView('activity_team_months', teamMonthColumns()).existing();

/** Items per team, month, service, action and outcome (folded; read the view activity_team_services). */
export const activityTeamServicesFolded = pgTable('activity_team_services_folded', teamServiceColumns(), (t) => [
  primaryKey({
    name: 'activity_team_services_folded_pk',
    columns: [t.teamId, t.month, t.serviceId, t.action, t.outcome],
  }),
  index('activity_team_services_folded_commune_idx').on(t.communeCode, t.month),
  index('activity_team_services_folded_hamlet_idx').on(t.hamletCode, t.month),
]);
export const activityTeamServices = pgView('activity_team_services', teamServiceColumns()).existing();

/** The same per commune: the province's pages read these (92 communes × months, not 100,000 teams). */
export const activityCommuneMonthsFolded = pgTable('activity_commune_months_folded', communeMonthColumns(), (t) => [
  primaryKey({ name: 'activity_commune_months_folded_pk', columns: [t.communeCode, t.month] }),
]);
export const activityCommuneMonths = pgView('activity_commune_months', communeMonthColumns()).existing();

export const activityCommuneServicesFolded = pgTable(
  'activity_commune_services_folded',
  communeServiceColumns(),
  (t) => [
    primaryKey({
      name: 'activity_commune_services_folded_pk',
      columns: [t.communeCode, t.month, t.serviceId, t.action, t.outcome],
    }),
  ],
);
export const activityCommuneServices = pgView('activity_commune_services', communeServiceColumns()).existing();

/**
 * The same per province (its province from the commune, in the unfolded views): a province's totals by month and by
 * service read a few hundred rows, not 92 communes' (migration 0019).
 */
export const activityProvinceMonthsFolded = pgTable('activity_province_months_folded', provinceMonthColumns(), (t) => [
  primaryKey({ name: 'activity_province_months_folded_pk', columns: [t.provinceCode, t.month] }),
]);
export const activityProvinceMonths = pgView('activity_province_months', provinceMonthColumns()).existing();

export const activityProvinceServicesFolded = pgTable(
  'activity_province_services_folded',
  provinceServiceColumns(),
  (t) => [
    primaryKey({
      name: 'activity_province_services_folded_pk',
      columns: [t.provinceCode, t.month, t.serviceId, t.action, t.outcome],
    }),
  ],
);
export const activityProvinceServices = pgView('activity_province_services', provinceServiceColumns()).existing();
