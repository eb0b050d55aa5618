import { boolean, date, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { CATALOG_LINK_KINDS, CATALOG_PILLARS } from '../../../common/constants/catalog.js';
import { units } from './units.js';

/**
 * Services catalog: the official apps and online services community digital technology teams help people with,
 * kept by a province (its administrators edit it), each with its official links and step-by-step guides.
 * Unpublished services and guides are seen only by those who edit them.
 */
export const catalogServices = pgTable(
  'catalog_services',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Address in URLs ("vneid"), unique across provinces. */
    slug: text('slug').notNull().unique(),
    provinceCode: text('province_code')
      .notNull()
      .references(() => units.code),
    name: text('name').notNull(),
    nameEn: text('name_en'),
    publisher: text('publisher').notNull(),
    publisherEn: text('publisher_en'),
    pillar: text('pillar', { enum: CATALOG_PILLARS }).notNull(),
    purpose: text('purpose').notNull(),
    purposeEn: text('purpose_en'),
    published: boolean('published').notNull().default(false),
    sortOrder: integer('sort_order').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('catalog_services_province_idx').on(t.provinceCode, t.pillar, t.sortOrder)],
);

/**
 * An official link (store listing or website). Verified only when someone checked it: `checkedOn` and
 * `checkedSource` (where it was checked) are both set or both empty (a check constraint says so).
 */
export const catalogLinks = pgTable(
  'catalog_links',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    serviceId: uuid('service_id')
      .notNull()
      .references(() => catalogServices.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: CATALOG_LINK_KINDS }).notNull(),
    url: text('url').notNull(),
    checkedOn: date('checked_on'),
    checkedSource: text('checked_source'),
    position: integer('position').notNull().default(0),
  },
  (t) => [index('catalog_links_service_idx').on(t.serviceId, t.position)],
);

export const catalogGuides = pgTable(
  'catalog_guides',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    serviceId: uuid('service_id')
      .notNull()
      .references(() => catalogServices.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    titleEn: text('title_en'),
    summary: text('summary'),
    summaryEn: text('summary_en'),
    /** When the steps were last checked against the app. */
    reviewedOn: date('reviewed_on').notNull(),
    published: boolean('published').notNull().default(false),
    sortOrder: integer('sort_order').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('catalog_guides_service_idx').on(t.serviceId, t.sortOrder)],
);

/** One step of a guide; its optional image is a photo in the FileStore (same rules as report photos). */
export const catalogSteps = pgTable(
  'catalog_steps',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    guideId: uuid('guide_id')
      .notNull()
      .references(() => catalogGuides.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    text: text('text').notNull(),
    textEn: text('text_en'),
    imageKey: text('image_key'),
    thumbKey: text('thumb_key'),
    imageWidth: integer('image_width'),
    imageHeight: integer('image_height'),
  },
  (t) => [uniqueIndex('catalog_steps_guide_position_idx').on(t.guideId, t.position)],
);
