import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  index,
  integer,
  pgTable,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { LEARNER_CATEGORIES } from '../../../common/constants/learning.js';
import { ATTENDANCE_METHODS, TRAINING_SESSION_STATUSES } from '../../../common/constants/training.js';
import { users } from './accounts.js';
import { units } from './units.js';

/**
 * A live training session (hội nghị tập huấn) organised by a unit (a commune or the province): its administrators
 * manage it. `organizerName` is the free text shown ("Sở KH&CN phối hợp Mobifone Bắc Kạn").
 */
export const trainingSessions = pgTable(
  'training_sessions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    unitCode: text('unit_code')
      .notNull()
      .references(() => units.code),
    /** The organising unit's path, for scope checks and lists (`pathCoveredBy`). */
    unitPath: text('unit_path').notNull(),
    organizerName: text('organizer_name').notNull(),
    topic: text('topic').notNull(),
    description: text('description').notNull().default(''),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    status: text('status', { enum: TRAINING_SESSION_STATUSES }).notNull().default('draft'),
    certificateOnAttendance: boolean('certificate_on_attendance').notNull().default(false),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('training_sessions_starts_idx').on(t.status, t.startsAt),
    index('training_sessions_unit_idx').on(t.unitPath, t.startsAt),
    check('training_sessions_time_check', sql`${t.endsAt} > ${t.startsAt}`),
  ],
);

/** A session's sites (điểm cầu): one main site and remote ones, each with a place and an optional capacity. */
export const trainingSites = pgTable(
  'training_sites',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    sessionId: uuid('session_id')
      .notNull()
      .references(() => trainingSessions.id, { onDelete: 'cascade' }),
    isMain: boolean('is_main').notNull().default(false),
    position: smallint('position').notNull().default(0),
    name: text('name').notNull(),
    place: text('place').notNull().default(''),
    communeCode: text('commune_code').references(() => units.code),
    /** Seats; null = no limit (registration then takes no lock). */
    capacity: integer('capacity'),
  },
  (t) => [
    index('training_sites_session_idx').on(t.sessionId, t.position),
    uniqueIndex('training_sites_one_main_idx').on(t.sessionId).where(sql`${t.isMain}`),
    check('training_sites_capacity_check', sql`${t.capacity} is null or ${t.capacity} > 0`),
  ],
);

/** Materials of a session: a link, or a PDF uploaded to the platform's file store (`fileKey`). */
export const trainingMaterials = pgTable(
  'training_materials',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    sessionId: uuid('session_id')
      .notNull()
      .references(() => trainingSessions.id, { onDelete: 'cascade' }),
    position: smallint('position').notNull().default(0),
    title: text('title').notNull(),
    url: text('url'),
    fileKey: text('file_key'),
    fileName: text('file_name'),
    fileBytes: integer('file_bytes'),
  },
  (t) => [index('training_materials_session_idx').on(t.sessionId, t.position)],
);

/**
 * One person's registration for one site of a session (one row per session and person, whatever site they move
 * to), with their learner category and unit; `attendedAt` once checked in (QR) or ticked (list). A participant
 * recorded by the organiser without an account (an imported list, the demo) has no `userId`.
 */
export const trainingRegistrations = pgTable(
  'training_registrations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    sessionId: uuid('session_id')
      .notNull()
      .references(() => trainingSessions.id, { onDelete: 'cascade' }),
    siteId: uuid('site_id')
      .notNull()
      .references(() => trainingSites.id),
    userId: uuid('user_id').references(() => users.id),
    /** The name at registration (the attendance list and its export; never in a public answer). */
    fullName: text('full_name').notNull(),
    learnerCategory: text('learner_category', { enum: LEARNER_CATEGORIES }).notNull(),
    unitCode: text('unit_code').references(() => units.code),
    status: text('status', { enum: ['registered', 'cancelled'] })
      .notNull()
      .default('registered'),
    registeredAt: timestamp('registered_at', { withTimezone: true }).notNull().defaultNow(),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
    attendedAt: timestamp('attended_at', { withTimezone: true }),
    attendanceMethod: text('attendance_method', { enum: ATTENDANCE_METHODS }),
    /** The officer who ticked the list (null for a QR check-in). */
    attendanceBy: uuid('attendance_by'),
  },
  (t) => [
    uniqueIndex('training_registrations_person_idx').on(t.sessionId, t.userId),
    index('training_registrations_site_idx').on(t.siteId, t.status),
    index('training_registrations_user_idx').on(t.userId, t.registeredAt),
    check(
      'training_registrations_attended_check',
      sql`${t.attendedAt} is null or (${t.status} = 'registered' and ${t.attendanceMethod} is not null)`,
    ),
  ],
);
