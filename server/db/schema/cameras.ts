import { sql } from 'drizzle-orm';
import { boolean, check, doublePrecision, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { CAMERA_ERROR_KINDS, CAMERA_KINDS } from '../../../common/constants/cameras.js';
import { users } from './accounts.js';
import { units } from './units.js';

/**
 * A public camera of a commune (giao thông, mực nước, nơi công cộng) on the province's own network. Its addresses are
 * read only by the server (health checks, the snapshot cache) and its administrators, never sent to the public.
 * Health: `last_checked_at` (the last check, whatever its result), `last_seen_at` (the last good snapshot),
 * `down_since` (the first failed check of the current run of failures; null while it answers) and `last_error` (a
 * kind only, never the camera's message or address).
 */
export const cameras = pgTable(
  'cameras',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    communeCode: text('commune_code')
      .notNull()
      .references(() => units.code),
    /** The commune's path, for scope checks and lists (`pathCoveredBy`). */
    unitPath: text('unit_path').notNull(),
    kind: text('kind', { enum: CAMERA_KINDS }).notNull(),
    lat: doublePrecision('lat').notNull(),
    lng: doublePrecision('lng').notNull(),
    snapshotUrl: text('snapshot_url').notNull(),
    streamUrl: text('stream_url'),
    isPublic: boolean('is_public').notNull().default(true),
    lastCheckedAt: timestamp('last_checked_at', { withTimezone: true }),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }),
    downSince: timestamp('down_since', { withTimezone: true }),
    lastError: text('last_error', { enum: CAMERA_ERROR_KINDS }),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('cameras_unit_idx').on(t.unitPath, t.name),
    index('cameras_check_idx').on(t.lastCheckedAt),
    check('cameras_kind_check', sql`${t.kind} in ('traffic', 'water_level', 'public_place')`),
    check('cameras_lat_check', sql`${t.lat} between -90 and 90 and ${t.lng} between -180 and 180`),
    check(
      'cameras_error_check',
      sql`${t.lastError} is null or ${t.lastError} in ('timeout', 'unreachable', 'http_status', 'redirect', 'too_large', 'not_image')`,
    ),
  ],
);
