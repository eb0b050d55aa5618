import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  pgView,
  primaryKey,
  text,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import { LEARNER_CATEGORIES } from '../../../common/constants/learning.js';
import { users } from './accounts.js';
import { courses } from './courses.js';

/**
 * Learning (Bình dân học vụ số). A learner is a person: one row the first time they enrol in any course, with the
 * category and unit they gave then (the province's "9,150 learners" counts people once). The course a row names is
 * the courses domain's (`courses.id`); its content is read through the courses service.
 */
export const learners = pgTable(
  'learners',
  {
    userId: uuid('user_id')
      .primaryKey()
      .references(() => users.id),
    category: text('category', { enum: LEARNER_CATEGORIES }).notNull(),
    /** The unit given at the first enrolment (a commune or hamlet), its commune and path. */
    unitCode: text('unit_code').notNull(),
    communeCode: text('commune_code').notNull(),
    unitPath: text('unit_path').notNull(),
    firstEnrolledAt: timestamp('first_enrolled_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('learners_path_idx').using('btree', sql`${t.unitPath} text_pattern_ops`)],
);

/** One person in one course: category and unit as recorded at this enrolment; completed once, never undone. */
export const courseEnrolments = pgTable(
  'course_enrolments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    courseId: uuid('course_id')
      .notNull()
      .references(() => courses.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    category: text('category', { enum: LEARNER_CATEGORIES }).notNull(),
    unitCode: text('unit_code').notNull(),
    communeCode: text('commune_code').notNull(),
    unitPath: text('unit_path').notNull(),
    enrolledAt: timestamp('enrolled_at', { withTimezone: true }).notNull().defaultNow(),
    completedAt: timestamp('completed_at', { withTimezone: true }),
    /** The published version whose lessons and quiz were all done when it completed. */
    completedVersion: integer('completed_version'),
  },
  (t) => [
    unique('course_enrolments_course_user_key').on(t.courseId, t.userId),
    index('course_enrolments_user_idx').on(t.userId, t.enrolledAt.desc()),
  ],
);

/** A lesson done in an enrolment: insert-only (ON CONFLICT DO NOTHING), kept by lesson id across versions. */
export const lessonProgress = pgTable(
  'lesson_progress',
  {
    enrolmentId: uuid('enrolment_id')
      .notNull()
      .references(() => courseEnrolments.id, { onDelete: 'cascade' }),
    lessonId: uuid('lesson_id').notNull(),
    completedAt: timestamp('completed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ name: 'lesson_progress_pk', columns: [t.enrolmentId, t.lessonId] })],
);

/** A submitted quiz attempt; its id is the client's (a retry finds it again). */
export const quizAttempts = pgTable(
  'quiz_attempts',
  {
    id: uuid('id').primaryKey(),
    enrolmentId: uuid('enrolment_id')
      .notNull()
      .references(() => courseEnrolments.id, { onDelete: 'cascade' }),
    attemptNo: integer('attempt_no').notNull(),
    /** The published version the attempt was scored against. */
    version: integer('version').notNull(),
    /** { questionId: optionId[] } as submitted. */
    answers: jsonb('answers').$type<Record<string, string[]>>().notNull(),
    /** Percent of questions answered right. */
    score: integer('score').notNull(),
    passed: boolean('passed').notNull(),
    submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique('quiz_attempts_enrolment_attempt_key').on(t.enrolmentId, t.attemptNo)],
);

/**
 * Every change of what learning counts, as signed rows appended by triggers on learners and course_enrolments in the
 * writer's transaction (platform/aggregates). kind 'learner': a person's first enrolment (category × commune ×
 * month); kind 'course': enrolments and completions per course × category × commune × month (Vietnam months).
 */
export const learningCountDeltas = pgTable('learning_count_deltas', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  kind: text('kind', { enum: ['learner', 'course'] }).notNull(),
  courseId: uuid('course_id'),
  category: text('category').notNull(),
  communeCode: text('commune_code').notNull(),
  month: date('month').notNull(),
  learners: integer('learners').notNull().default(0),
  enrolments: integer('enrolments').notNull().default(0),
  completions: integer('completions').notNull().default(0),
});

const learnerMonthColumns = () => ({
  category: text('category').notNull(),
  communeCode: text('commune_code').notNull(),
  month: date('month').notNull(),
  learners: integer('learners').notNull().default(0),
});

const courseMonthColumns = () => ({
  courseId: uuid('course_id').notNull(),
  category: text('category').notNull(),
  communeCode: text('commune_code').notNull(),
  month: date('month').notNull(),
  enrolments: integer('enrolments').notNull().default(0),
  completions: integer('completions').notNull().default(0),
});

/** New learners (people) per category, commune and month (folded; read the view learning_learner_months). */
export const learningLearnerMonthsFolded = pgTable('learning_learner_months_folded', learnerMonthColumns(), (t) => [
  primaryKey({ name: 'learning_learner_months_folded_pk', columns: [t.category, t.communeCode, t.month] }),
]);
export const learningLearnerMonths = pgView('learning_learner_months', learnerMonthColumns()).existing();

/** Enrolments and completions per course, category, commune and month (folded; read learning_course_months). */
export const learningCourseMonthsFolded = pgTable('learning_course_months_folded', courseMonthColumns(), (t) => [
  primaryKey({
    name: 'learning_course_months_folded_pk',
    columns: [t.courseId, t.category, t.communeCode, t.month],
  }),
  index('learning_course_months_folded_commune_idx').on(t.communeCode, t.month),
]);
export const learningCourseMonths = pgView('learning_course_months', courseMonthColumns()).existing();
