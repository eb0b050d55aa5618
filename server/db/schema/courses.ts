import { sql } from 'drizzle-orm';
import {
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
import { COURSE_STATUSES } from '../../../common/constants/learning.js';
import type { CourseContent, CourseDraft } from '../../../common/courses.js';
import { users } from './accounts.js';
import { units } from './units.js';

/**
 * Courses of Bình dân học vụ số, authored by a province or a commune. The draft is one jsonb document (a
 * CourseContent with Markdown lessons) saved whole under optimistic concurrency (`draft_revision`); publishing
 * renders it and appends an immutable `course_versions` row that learners read.
 */
export const courses = pgTable(
  'courses',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    ownerUnitCode: text('owner_unit_code')
      .notNull()
      .references(() => units.code),
    /** The owner unit's path ("19" or "19/05569"): what 'course.manage' is checked against. */
    ownerUnitPath: text('owner_unit_path').notNull(),
    status: text('status', { enum: COURSE_STATUSES }).notNull().default('draft'),
    draft: jsonb('draft').$type<CourseDraft>().notNull(),
    /** Grows by one on every save; a save based on an older revision is refused (409). */
    draftRevision: integer('draft_revision').notNull().default(0),
    /** The latest course_versions.version, null until first published. */
    publishedVersion: integer('published_version'),
    /** The draft revision that version was rendered from (a publish of the same revision is a no-op). */
    publishedRevision: integer('published_revision'),
    /** The creator's Idempotency-Key (scoped to them): a retried create answers with the same course. */
    idempotencyKey: text('idempotency_key'),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedBy: uuid('updated_by').references(() => users.id),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('courses_owner_path_idx').using('btree', sql`${t.ownerUnitPath} text_pattern_ops`),
    index('courses_status_idx').on(t.status),
    uniqueIndex('courses_idempotency_key_idx').on(t.idempotencyKey),
    check('courses_published_version_check', sql`${t.status} <> 'published' or ${t.publishedVersion} is not null`),
  ],
);

/** One published snapshot of a course: never updated, read by learners (and cached per process by id and version). */
export const courseVersions = pgTable(
  'course_versions',
  {
    courseId: uuid('course_id')
      .notNull()
      .references(() => courses.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    content: jsonb('content').$type<CourseContent>().notNull(),
    publishedAt: timestamp('published_at', { withTimezone: true }).notNull().defaultNow(),
    publishedBy: uuid('published_by').references(() => users.id),
  },
  (t) => [primaryKey({ columns: [t.courseId, t.version] })],
);

export interface CourseMediaVariantFile {
  key: string;
  width: number | null;
  height: number | null;
  bytes: number;
}

/**
 * Images and PDF attachments uploaded to a course. Images are sniffed, re-encoded to WebP without metadata at the
 * widths of COURSE_MEDIA ("480", "960"); a PDF is kept as sent ("pdf"). `variants` maps the variant to its file.
 */
export const courseMedia = pgTable(
  'course_media',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    courseId: uuid('course_id')
      .notNull()
      .references(() => courses.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: ['image', 'pdf'] }).notNull(),
    filename: text('filename').notNull(),
    bytes: integer('bytes').notNull(),
    width: integer('width'),
    height: integer('height'),
    variants: jsonb('variants').$type<Record<string, CourseMediaVariantFile>>().notNull(),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('course_media_course_idx').on(t.courseId, t.createdAt)],
);
