import { z } from 'zod';
import { CERTIFICATE_KINDS, LEARNER_CATEGORIES, LEARNER_CATEGORY_GROUPS } from './constants/learning.js';

export * from './constants/learning.js';

/**
 * Learning (Bình dân học vụ số): enrolment with the learner's category and unit, progress per lesson (kept on the
 * server, so it resumes on any device), quiz attempts, and the learner statistics. Shared request and response
 * schemas of `server/modules/learning`.
 */

const id = z.uuid({ message: 'Mã không hợp lệ. | Not a valid id.' });
const unitCode = z.string().trim().min(1).max(40);
const month = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'Tháng dạng YYYY-MM. | Use YYYY-MM.' })
  .optional();

export const LearnerCategory = z.enum(LEARNER_CATEGORIES, {
  message: 'Chọn một đối tượng người học. | Choose a learner category.',
});
export const LearnerCategoryGroup = z.enum(
  Object.keys(LEARNER_CATEGORY_GROUPS) as [
    keyof typeof LEARNER_CATEGORY_GROUPS,
    ...(keyof typeof LEARNER_CATEGORY_GROUPS)[],
  ],
);

export const CourseIdParam = z.strictObject({ id });
export const CourseLessonParam = z.strictObject({ id, lessonId: id });

/**
 * `POST /api/courses/:id/enrolment`: who the learner is and their unit (a commune or hamlet; a citizen names their
 * own). Idempotent: a second call answers the first enrolment (200) unchanged.
 */
export const EnrolmentCreate = z.strictObject({
  category: LearnerCategory,
  unitCode,
});
export type EnrolmentCreate = z.input<typeof EnrolmentCreate>;

export const EnrolmentView = z.object({
  id: z.uuid(),
  courseId: z.uuid(),
  category: LearnerCategory,
  unit: z.object({ code: z.string(), name: z.string(), communeCode: z.string() }),
  enrolledAt: z.string(),
  completedAt: z.string().nullable(),
  /** The published version the course was completed on. */
  completedVersion: z.number().int().nullable(),
});
export type EnrolmentView = z.infer<typeof EnrolmentView>;

export const QuizAttemptSummary = z.object({
  id: z.uuid(),
  attemptNo: z.number().int(),
  score: z.number().int(),
  passed: z.boolean(),
  submittedAt: z.string(),
});
export type QuizAttemptSummary = z.infer<typeof QuizAttemptSummary>;

/** The quiz as far as the learner got: never the correct answers (those come only with a submitted attempt). */
export const QuizProgress = z.object({
  passPercent: z.number().int(),
  maxAttempts: z.number().int().nullable(),
  attempts: z.number().int(),
  /** null: unlimited. */
  attemptsLeft: z.number().int().nullable(),
  bestScore: z.number().int().nullable(),
  passed: z.boolean(),
});
export type QuizProgress = z.infer<typeof QuizProgress>;

/** `GET /api/courses/:id/progress`: mine, on whatever device I open it. */
export const CourseProgress = z.object({
  courseId: z.uuid(),
  /** The current published version the counts refer to. */
  version: z.number().int(),
  enrolment: EnrolmentView.nullable(),
  /** Lessons of the current version I have done (lessons of older versions no longer in it are left out). */
  doneLessonIds: z.array(z.uuid()),
  lessonsDone: z.number().int(),
  lessonsTotal: z.number().int(),
  quiz: QuizProgress.nullable(),
  attempts: z.array(QuizAttemptSummary),
  completed: z.boolean(),
});
export type CourseProgress = z.infer<typeof CourseProgress>;

/** `GET /api/learning/mine`: the courses I enrolled in, newest first. */
export const MyCourse = z.object({
  courseId: z.uuid(),
  title: z.string(),
  version: z.number().int(),
  enrolledAt: z.string(),
  lessonsDone: z.number().int(),
  lessonsTotal: z.number().int(),
  quiz: QuizProgress.nullable(),
  completed: z.boolean(),
  completedAt: z.string().nullable(),
});
export type MyCourse = z.infer<typeof MyCourse>;
export const MyCourses = z.object({ courses: z.array(MyCourse) });
export type MyCourses = z.infer<typeof MyCourses>;

/** `PUT /api/courses/:id/lessons/:lessonId/done`: idempotent; answers my progress. */

/**
 * `POST /api/courses/:id/quiz/attempts`: `attemptId` is made by the client (a retry with it answers the same result,
 * never a second attempt); `answers` maps a question id to the option ids chosen.
 */
export const QuizAttemptCreate = z.strictObject({
  attemptId: id,
  answers: z.record(id, z.array(id).max(20)).refine((v) => Object.keys(v).length <= 100, {
    message: 'Quá nhiều câu trả lời. | Too many answers.',
  }),
});
export type QuizAttemptCreate = z.input<typeof QuizAttemptCreate>;

/** A question after the attempt: what I chose, whether it was right, and now the correct options and explanation. */
export const QuizQuestionReview = z.object({
  questionId: z.uuid(),
  chosenOptionIds: z.array(z.uuid()),
  correct: z.boolean(),
  correctOptionIds: z.array(z.uuid()),
  explanation: z.string().nullable(),
});
export type QuizQuestionReview = z.infer<typeof QuizQuestionReview>;

export const QuizAttemptResult = z.object({
  attemptId: z.uuid(),
  attemptNo: z.number().int(),
  /** Percent of questions answered right. */
  score: z.number().int(),
  passed: z.boolean(),
  passPercent: z.number().int(),
  maxAttempts: z.number().int().nullable(),
  attemptsLeft: z.number().int().nullable(),
  review: z.array(QuizQuestionReview),
  /** The course is completed (now or before). */
  completed: z.boolean(),
  submittedAt: z.string(),
});
export type QuizAttemptResult = z.infer<typeof QuizAttemptResult>;

/**
 * `GET /api/learning/stats?unit=<province or commune code>&from=YYYY-MM&to=YYYY-MM` (and `/export.xlsx`): learners
 * (people, counted once, at their first enrolment), enrolments and completions in the period; without `from`/`to`
 * the period is open on that side (all time when neither is given).
 */
export const LearnerStatsQuery = z.strictObject({ unit: unitCode, from: month, to: month });
export type LearnerStatsQuery = z.input<typeof LearnerStatsQuery>;

const figures = {
  learners: z.number().int(),
  enrolments: z.number().int(),
  completions: z.number().int(),
};
export const LearnerFigures = z.object(figures);
export type LearnerFigures = z.infer<typeof LearnerFigures>;

export const LearnerStats = z.object({
  unit: z.object({ code: z.string(), name: z.string(), level: z.string() }),
  from: z.string().nullable(),
  to: z.string().nullable(),
  totals: LearnerFigures,
  /** Every category, zeros included, in LEARNER_CATEGORIES order. */
  byCategory: z.array(z.object({ category: LearnerCategory, ...figures })),
  /** The province's reporting groups (LEARNER_CATEGORY_GROUPS): officials; youth union and team members; others. */
  byGroup: z.array(z.object({ group: LearnerCategoryGroup, ...figures })),
  /** The communes of a province (zeros included), or the one commune. */
  byCommune: z.array(z.object({ code: z.string(), name: z.string(), ...figures })),
  /** Every month from the first with data (or `from`) to `to` (or this month). */
  byMonth: z.array(z.object({ month: z.string(), ...figures })),
  /** Enrolments and completions per course (learners are people, not per course). */
  byCourse: z.array(
    z.object({
      courseId: z.uuid(),
      title: z.string().nullable(),
      enrolments: z.number().int(),
      completions: z.number().int(),
    }),
  ),
  /**
   * Sections other domains add (certificates issued, training sessions and attendance): each is registered with the
   * learning service (`addStatsSection`) and its schema extends this object here.
   */
  /**
   * Live training sessions (published) organised in the unit or with a site in it, starting in the period: totals and,
   * per session, its sites (điểm cầu) with registrations and attendance.
   */
  training: z
    .object({
      sessions: z.number().int(),
      sites: z.number().int(),
      registered: z.number().int(),
      attended: z.number().int(),
      bySession: z.array(
        z.object({
          sessionId: z.uuid(),
          topic: z.string(),
          organizerName: z.string(),
          startsOn: z.string(),
          registered: z.number().int(),
          attended: z.number().int(),
          sites: z.array(
            z.object({
              siteId: z.uuid(),
              name: z.string(),
              isMain: z.boolean(),
              capacity: z.number().int().nullable(),
              registered: z.number().int(),
              attended: z.number().int(),
            }),
          ),
        }),
      ),
    })
    .optional(),
  /** Certificates issued in the unit over the period (by issue day), by kind; how many of them are revoked now. */
  certificates: z
    .object({
      issued: z.number().int(),
      revoked: z.number().int(),
      byKind: z.array(
        z.object({ kind: z.enum(CERTIFICATE_KINDS), issued: z.number().int(), revoked: z.number().int() }),
      ),
    })
    .optional(),
});
export type LearnerStats = z.infer<typeof LearnerStats>;
