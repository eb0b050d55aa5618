import { sql } from 'drizzle-orm';
import {
  bigserial,
  date,
  index,
  integer,
  pgTable,
  pgView,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { TEAM_MEMBER_ORGANISATIONS, TEAM_MEMBER_ROLES } from '../../../common/constants/teams.js';
import { users } from './accounts.js';
import { units } from './units.js';

/**
 * Community digital technology teams (tổ công nghệ số cộng đồng): one active team per hamlet, founded by a decision
 * of the commune. A dissolved team stays for history (its members left the day it was dissolved).
 */
export const teams = pgTable(
  'teams',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    hamletCode: text('hamlet_code')
      .notNull()
      .references(() => units.code),
    communeCode: text('commune_code')
      .notNull()
      .references(() => units.code),
    /** The hamlet's unit path: what scopes are checked against. */
    unitPath: text('unit_path').notNull(),
    name: text('name').notNull(),
    decisionNumber: text('decision_number'),
    decisionDate: date('decision_date'),
    dissolvedOn: date('dissolved_on'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('teams_one_active_per_hamlet').on(t.hamletCode).where(sql`${t.dissolvedOn} is null`),
    index('teams_commune_idx').on(t.communeCode),
    index('teams_path_idx').using('btree', sql`${t.unitPath} text_pattern_ops`),
  ],
);

/**
 * A person's membership of a team, from the day they joined to the day they left (null: still a member). The same
 * phone twice in a team at once, or two team leaders at once, is refused by unique indexes.
 */
export const teamMembers = pgTable(
  'team_members',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    teamId: uuid('team_id')
      .notNull()
      .references(() => teams.id),
    fullName: text('full_name').notNull(),
    /** Normalised "0912345678". */
    phone: text('phone').notNull(),
    organisation: text('organisation', { enum: TEAM_MEMBER_ORGANISATIONS }).notNull(),
    role: text('role', { enum: TEAM_MEMBER_ROLES }).notNull(),
    joinedOn: date('joined_on').notNull(),
    leftOn: date('left_on'),
    /** The account the member signs in with as a team member, when they have one. */
    userId: uuid('user_id').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('team_members_one_phone_per_team').on(t.teamId, t.phone).where(sql`${t.leftOn} is null`),
    uniqueIndex('team_members_one_leader_per_team')
      .on(t.teamId)
      .where(sql`${t.leftOn} is null and ${t.role} = 'leader'`),
    index('team_members_team_idx').on(t.teamId),
    index('team_members_user_idx').on(t.userId),
  ],
);

const teamCountColumns = () => ({
  teamId: uuid('team_id').notNull(),
  /** '' for the team itself, else the organisation of the members counted. */
  organisation: text('organisation').notNull().default(''),
  communeCode: text('commune_code').notNull(),
  hamletCode: text('hamlet_code').notNull(),
  teams: integer('teams').notNull().default(0),
  members: integer('members').notNull().default(0),
});

/**
 * Every change of what coverage counts (active teams; active members by organisation), as signed rows appended by
 * triggers on teams and team_members in the writer's transaction (platform/aggregates: no shared hot rows).
 */
export const teamCountDeltas = pgTable('team_count_deltas', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  ...teamCountColumns(),
});

/** Coverage rollup by team × organisation, folded from team_count_deltas; read through the view `team_counts`. */
export const teamCountsFolded = pgTable('team_counts_folded', teamCountColumns(), (t) => [
  primaryKey({ name: 'team_counts_folded_pk', columns: [t.teamId, t.organisation] }),
  index('team_counts_folded_commune_idx').on(t.communeCode),
]);

/** Coverage counts, exact: team_counts_folded + the deltas not yet folded (a view). */
export const teamCounts = pgView('team_counts', teamCountColumns()).existing();
