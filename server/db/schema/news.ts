import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { NEWS_ALERT_CHANNELS, NEWS_HAZARDS, NEWS_KINDS } from '../../../common/constants/news.js';
import { users } from './accounts.js';
import { units } from './units.js';

/**
 * Official news and alerts of a province (province-wide) or a commune. A post is public from `publish_at` (a time
 * in the future schedules it) until it is withdrawn; edits keep its id and count `version` up.
 */
export const newsPosts = pgTable(
  'news_posts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    unitCode: text('unit_code')
      .notNull()
      .references(() => units.code),
    /** The unit's path ("19" or "19/05569"): what 'news.publish' is checked against. */
    unitPath: text('unit_path').notNull(),
    provinceCode: text('province_code').notNull(),
    kind: text('kind', { enum: NEWS_KINDS }).notNull(),
    hazard: text('hazard', { enum: NEWS_HAZARDS }),
    isAlert: boolean('is_alert').notNull().default(false),
    title: text('title').notNull(),
    bodyMd: text('body_md').notNull(),
    /** Rendered from body_md when written (markdown-it, no raw HTML). */
    bodyHtml: text('body_html').notNull(),
    summary: text('summary').notNull(),
    pinned: boolean('pinned').notNull().default(false),
    publishAt: timestamp('publish_at', { withTimezone: true }).notNull(),
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
    withdrawnBy: uuid('withdrawn_by').references(() => users.id),
    withdrawReason: text('withdraw_reason'),
    version: integer('version').notNull().default(1),
    /** The author's Idempotency-Key (scoped to them): a retried create answers with the same post. */
    idempotencyKey: text('idempotency_key'),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedBy: uuid('updated_by').references(() => users.id),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // Public lists: one unit's (or a province's) live posts, pinned first, newest first.
    index('news_posts_unit_live_idx').on(t.unitCode, t.pinned, t.publishAt).where(sql`${t.withdrawnAt} is null`),
    index('news_posts_province_live_idx')
      .on(t.provinceCode, t.pinned, t.publishAt)
      .where(sql`${t.withdrawnAt} is null`),
    index('news_posts_unit_path_idx').using('btree', sql`${t.unitPath} text_pattern_ops`),
    uniqueIndex('news_posts_idempotency_key_idx').on(t.idempotencyKey),
    check('news_posts_hazard_check', sql`${t.hazard} is null or ${t.isAlert}`),
  ],
);

/** Images uploaded by a unit's administrators for its posts: WebP variants in the file store. */
export const newsImages = pgTable('news_images', {
  id: uuid('id').primaryKey().defaultRandom(),
  unitCode: text('unit_code')
    .notNull()
    .references(() => units.code),
  unitPath: text('unit_path').notNull(),
  filename: text('filename').notNull(),
  width: integer('width').notNull(),
  height: integer('height').notNull(),
  bytes: integer('bytes').notNull(),
  /** Variant ("480", "960") → its file store key and size. */
  variants: jsonb('variants')
    .$type<Record<string, { key: string; width: number; height: number; bytes: number }>>()
    .notNull(),
  createdBy: uuid('created_by').references(() => users.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * Who follows a unit's news (a commune, or the province): one row per person and unit. `alert_channel` says how
 * they also hear of an emergency alert besides the in-app notification ('app': only in the app).
 */
export const newsFollows = pgTable(
  'news_follows',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    unitCode: text('unit_code')
      .notNull()
      .references(() => units.code),
    provinceCode: text('province_code').notNull(),
    alertChannel: text('alert_channel', { enum: NEWS_ALERT_CHANNELS }).notNull().default('sms'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.unitCode] }),
    // An alert's fan-out walks a unit's (or a province's) followers in user order, a batch at a time.
    index('news_follows_unit_user_idx').on(t.unitCode, t.userId),
    index('news_follows_province_user_idx').on(t.provinceCode, t.userId),
  ],
);

/**
 * One row per alert and person told: the claim that makes the fan-out notify each follower once, however often a
 * job step is retried. `sent_at` is set when the SMS or Zalo copy went out (null channel: in the app only).
 */
export const newsAlertDeliveries = pgTable(
  'news_alert_deliveries',
  {
    postId: uuid('post_id')
      .notNull()
      .references(() => newsPosts.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    channel: text('channel', { enum: ['sms', 'zalo'] }),
    notifiedAt: timestamp('notified_at', { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.postId, t.userId] })],
);
