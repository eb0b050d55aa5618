import type {
  CourseProgress,
  EnrolmentCreate,
  EnrolmentView,
  MyCourses,
  QuizAttemptCreate,
  QuizAttemptResult,
  QuizProgress,
} from '../../../common/learning.js';
import type { Db, Executor, Tx } from '../../db/client.js';
import type { Actor } from '../../platform/actor.js';
import { errors } from '../../platform/errors.js';
import { authorize } from '../../platform/permissions.js';
import type { UnitsService } from '../units/service.js';
import type { CourseContentSource, PublishedCourse } from './course-source.js';
import { checkAnswers, scoreAnswers } from './quiz.js';
import * as repo from './repo.js';
import { createLearnerStats, type LearnerStatsSection } from './stats.js';

const COURSE = { vi: 'khoá học', en: 'Course' };
const LESSON = {
  vi: 'bài học trong phiên bản hiện hành của khoá học',
  en: 'Lesson in the current version of the course',
};
const QUIZ = { vi: 'bài kiểm tra của khoá học', en: 'Quiz of the course' };
const MY_COURSES_MAX = 200;

/** What the certificates domain is told, in the transaction that completed the course. */
export interface CourseCompleted {
  enrolmentId: string;
  userId: string;
  courseId: string;
  version: number;
  completedAt: Date;
  unitCode: string;
}

export interface LearningDeps {
  db: Db;
  units: UnitsService;
  /** The courses domain: the current published snapshot of a course. */
  courses: CourseContentSource;
  /**
   * Called once per enrolment, in the transaction that set its completion (a failure rolls the completing write
   * back): the certificates domain issues the certificate here.
   */
  onCourseCompleted?: (tx: Tx, e: CourseCompleted) => Promise<void>;
  /** Further sections of the learner statistics (certificates, training sessions). */
  statsSections?: LearnerStatsSection[];
}

const notEnrolled = () =>
  errors.conflict('not_enrolled', {
    vi: 'Bạn chưa đăng ký khoá học này. Hãy đăng ký học trước khi đánh dấu bài học hoặc làm bài kiểm tra.',
    en: 'You are not enrolled in this course. Enrol before marking lessons done or taking the quiz.',
  });

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/**
 * Learning (Bình dân học vụ số): any signed-in person enrols in a published course with their category and unit;
 * progress per lesson and quiz attempts are kept on the server (so they resume on another device); a course is
 * completed once, in the transaction of the write that did the last thing it needed, and stays completed when a new
 * version adds lessons. Each write locks the learner's own enrolment row only: learners never wait for each other.
 */
export function createLearningService(deps: LearningDeps) {
  const { db, units, courses } = deps;

  async function requireCourse(courseId: string): Promise<PublishedCourse> {
    const course = await courses.publishedContent(courseId);
    if (!course) throw errors.notFound(COURSE);
    return course;
  }

  async function toEnrolmentView(e: repo.EnrolmentRow): Promise<EnrolmentView> {
    const unit = await units.requireUnitCached(e.unitCode).catch(() => null);
    return {
      id: e.id,
      courseId: e.courseId,
      category: e.category,
      unit: { code: e.unitCode, name: unit?.fullName ?? e.unitCode, communeCode: e.communeCode },
      enrolledAt: e.enrolledAt.toISOString(),
      completedAt: iso(e.completedAt),
      completedVersion: e.completedVersion,
    };
  }

  function quizProgress(course: PublishedCourse, attempts: repo.AttemptRow[]): QuizProgress | null {
    const quiz = course.content.quiz;
    if (!quiz) return null;
    return {
      passPercent: quiz.passPercent,
      maxAttempts: quiz.maxAttempts,
      attempts: attempts.length,
      attemptsLeft: quiz.maxAttempts === null ? null : Math.max(0, quiz.maxAttempts - attempts.length),
      bestScore: attempts.length ? Math.max(...attempts.map((a) => a.score)) : null,
      passed: attempts.some((a) => a.passed),
    };
  }

  /** My progress against the current version: lessons no longer in it are left out of the counts. */
  async function progressOf(
    exec: Executor,
    course: PublishedCourse,
    courseId: string,
    e: repo.EnrolmentRow | null,
  ): Promise<CourseProgress> {
    const lessonIds = course.content.lessons.map((l) => l.id);
    const [done, attempts] = e
      ? await Promise.all([repo.doneLessonIds(exec, e.id), repo.attemptsOf(exec, e.id)])
      : [[], []];
    const doneSet = new Set(done);
    const doneLessonIds = lessonIds.filter((id) => doneSet.has(id));
    return {
      courseId,
      version: course.version,
      enrolment: e ? await toEnrolmentView(e) : null,
      doneLessonIds,
      lessonsDone: doneLessonIds.length,
      lessonsTotal: lessonIds.length,
      quiz: quizProgress(course, attempts),
      attempts: attempts.map((a) => ({
        id: a.id,
        attemptNo: a.attemptNo,
        score: a.score,
        passed: a.passed,
        submittedAt: a.submittedAt.toISOString(),
      })),
      completed: !!e?.completedAt,
    };
  }

  /**
   * Completes the (locked) enrolment when every lesson of the current version is done and the quiz, if any, was
   * passed: once, in the caller's transaction, telling `onCourseCompleted` there. Returns the enrolment as it is now.
   */
  async function completeIfDone(tx: Tx, e: repo.EnrolmentRow, course: PublishedCourse): Promise<repo.EnrolmentRow> {
    if (e.completedAt) return e;
    const done = new Set(await repo.doneLessonIds(tx, e.id));
    if (!course.content.lessons.every((l) => done.has(l.id))) return e;
    if (course.content.quiz && !(await repo.attemptsOf(tx, e.id)).some((a) => a.passed)) return e;
    const completedAt = await repo.markCompleted(tx, e.id, course.version);
    if (!completedAt) return e;
    await deps.onCourseCompleted?.(tx, {
      enrolmentId: e.id,
      userId: e.userId,
      courseId: e.courseId,
      version: course.version,
      completedAt,
      unitCode: e.unitCode,
    });
    return { ...e, completedAt, completedVersion: course.version };
  }

  return {
    /**
     * Enrols the signed-in person in a published course with their category and unit (a commune or hamlet). A second
     * call answers the first enrolment unchanged (`created: false`). The first enrolment ever makes them a learner.
     */
    async enrol(
      actor: Actor,
      courseId: string,
      input: EnrolmentCreate,
    ): Promise<{ enrolment: EnrolmentView; created: boolean }> {
      authorize(actor, 'learning.enrol');
      await requireCourse(courseId);
      const existing = await repo.findEnrolment(db, courseId, actor.id);
      if (existing) return { enrolment: await toEnrolmentView(existing), created: false };
      const unit = await units.requireUnitCached(input.unitCode).catch(() => null);
      if (unit?.status !== 'active' || (unit.level !== 'commune' && unit.level !== 'hamlet'))
        throw errors.invalidField('unitCode', {
          vi: 'Chọn xã, phường hoặc thôn, tổ dân phố nơi bạn sinh sống hoặc làm việc.',
          en: 'Choose the commune or hamlet where you live or work.',
        });
      const communeCode = unit.level === 'commune' ? unit.code : unit.parentCode!;
      const row = { userId: actor.id, category: input.category, unitCode: unit.code, communeCode, unitPath: unit.path };
      const created = await db.transaction(async (tx) => {
        const e = await repo.insertEnrolment(tx, { courseId, ...row });
        if (e) await repo.insertLearner(tx, row);
        return e;
      });
      // A concurrent first call won: answer its enrolment.
      const e = created ?? (await repo.findEnrolment(db, courseId, actor.id));
      return { enrolment: await toEnrolmentView(e!), created: !!created };
    },

    /** My progress in a course (enrolment null when I have not enrolled); never the quiz's correct answers. */
    async progress(actor: Actor, courseId: string): Promise<CourseProgress> {
      authorize(actor, 'learning.enrol');
      const course = await requireCourse(courseId);
      return progressOf(db, course, courseId, await repo.findEnrolment(db, courseId, actor.id));
    },

    /**
     * Marks a lesson of the current version done (idempotent), completing the course when it was the last thing left.
     * 404 for a lesson not in the current version; 409 `not_enrolled` before enrolling.
     */
    async markLessonDone(actor: Actor, courseId: string, lessonId: string): Promise<CourseProgress> {
      authorize(actor, 'learning.enrol');
      const course = await requireCourse(courseId);
      if (!course.content.lessons.some((l) => l.id === lessonId)) throw errors.notFound(LESSON);
      const e = await db.transaction(async (tx) => {
        const locked = await repo.lockEnrolment(tx, courseId, actor.id);
        if (!locked) throw notEnrolled();
        await repo.markLessonDone(tx, locked.id, lessonId);
        return completeIfDone(tx, locked, course);
      });
      // After the commit: the answer reads other services (units), which must not wait for this transaction (PGlite
      // has one connection).
      return progressOf(db, course, courseId, e);
    },

    /**
     * Submits a quiz attempt: scored on the server, answered with the correct options and explanations. The client's
     * `attemptId` makes a retry answer the same result; past `maxAttempts` it is refused (409 `attempts_exhausted`).
     */
    async submitAttempt(actor: Actor, courseId: string, input: QuizAttemptCreate): Promise<QuizAttemptResult> {
      authorize(actor, 'learning.enrol');
      const course = await requireCourse(courseId);
      const quiz = course.content.quiz;
      if (!quiz) throw errors.notFound(QUIZ);
      return db.transaction(async (tx) => {
        const locked = await repo.lockEnrolment(tx, courseId, actor.id);
        if (!locked) throw notEnrolled();
        const previous = await repo.attemptsOf(tx, locked.id);
        const again = await repo.findAttempt(tx, input.attemptId);
        const result = (a: repo.AttemptRow, count: number, e: repo.EnrolmentRow): QuizAttemptResult => ({
          attemptId: a.id,
          attemptNo: a.attemptNo,
          score: a.score,
          passed: a.passed,
          passPercent: quiz.passPercent,
          maxAttempts: quiz.maxAttempts,
          attemptsLeft: quiz.maxAttempts === null ? null : Math.max(0, quiz.maxAttempts - count),
          review: scoreAnswers(quiz, a.answers).review,
          completed: !!e.completedAt,
          submittedAt: a.submittedAt.toISOString(),
        });
        if (again) {
          if (again.enrolmentId !== locked.id)
            throw errors.conflict('attempt_id_taken', {
              vi: 'Mã lượt làm bài đã được dùng. Hãy tải lại trang và làm lại.',
              en: 'This attempt id is already used. Reload the page and try again.',
            });
          return result(again, previous.length, locked);
        }
        if (quiz.maxAttempts !== null && previous.length >= quiz.maxAttempts)
          throw errors.conflict(
            'attempts_exhausted',
            {
              vi: `Bạn đã làm hết ${quiz.maxAttempts} lượt kiểm tra của khoá học này.`,
              en: `You have used all ${quiz.maxAttempts} attempts at this quiz.`,
            },
            {
              attemptId: {
                vi: `Tối đa ${quiz.maxAttempts} lượt (maxAttempts).`,
                en: `At most ${quiz.maxAttempts} attempts (maxAttempts).`,
              },
            },
          );
        checkAnswers(quiz, input.answers);
        const scored = scoreAnswers(quiz, input.answers);
        const attempt = await repo.insertAttempt(tx, {
          id: input.attemptId,
          enrolmentId: locked.id,
          attemptNo: previous.length + 1,
          version: course.version,
          answers: input.answers,
          score: scored.score,
          passed: scored.passed,
        });
        const e = await completeIfDone(tx, locked, course);
        return result(attempt, previous.length + 1, e);
      });
    },

    /** The courses I enrolled in, newest first, with my progress against each one's current version. */
    async mine(actor: Actor): Promise<MyCourses> {
      authorize(actor, 'learning.enrol');
      const enrolments = await repo.myEnrolments(db, actor.id, MY_COURSES_MAX);
      const rows = await Promise.all(
        enrolments.map(async (e) => {
          const course = await courses.publishedContent(e.courseId);
          if (!course) return null;
          const p = await progressOf(db, course, e.courseId, e);
          return {
            courseId: e.courseId,
            title: course.content.title,
            version: course.version,
            enrolledAt: e.enrolledAt.toISOString(),
            lessonsDone: p.lessonsDone,
            lessonsTotal: p.lessonsTotal,
            quiz: p.quiz,
            completed: p.completed,
            completedAt: iso(e.completedAt),
          };
        }),
      );
      return { courses: rows.filter((r) => r !== null) };
    },

    ...createLearnerStats({ db, units, courses, sections: deps.statsSections ?? [] }),
  };
}

export type LearningService = ReturnType<typeof createLearningService>;
