import { and, asc, desc, eq, isNull, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { queryRows } from '../../db/rows.js';
import { courseEnrolments, learners, lessonProgress, quizAttempts } from '../../db/schema/index.js';

/**
 * The only SQL of the learning tables (learners, course_enrolments, lesson_progress, quiz_attempts) and the reads of
 * its count views (learning_learner_months, learning_course_months: folded + not yet folded, rows are summands).
 */

export type EnrolmentRow = typeof courseEnrolments.$inferSelect;
export type NewEnrolment = Omit<typeof courseEnrolments.$inferInsert, 'id' | 'completedAt' | 'completedVersion'>;
export type AttemptRow = typeof quizAttempts.$inferSelect;

/** A person's first enrolment makes them a learner; later ones change nothing (category and unit stay the first). */
export async function insertLearner(
  exec: Executor,
  row: Pick<NewEnrolment, 'userId' | 'category' | 'unitCode' | 'communeCode' | 'unitPath'>,
) {
  await exec
    .insert(learners)
    .values({ ...row })
    .onConflictDoNothing({ target: learners.userId });
}

/** Inserts the enrolment unless the person is already enrolled: returns the new row, or null. */
export async function insertEnrolment(exec: Executor, row: NewEnrolment): Promise<EnrolmentRow | null> {
  const [created] = await exec
    .insert(courseEnrolments)
    .values(row)
    .onConflictDoNothing({ target: [courseEnrolments.courseId, courseEnrolments.userId] })
    .returning();
  return created ?? null;
}

export async function findEnrolment(exec: Executor, courseId: string, userId: string): Promise<EnrolmentRow | null> {
  const [row] = await exec
    .select()
    .from(courseEnrolments)
    .where(and(eq(courseEnrolments.courseId, courseId), eq(courseEnrolments.userId, userId)));
  return row ?? null;
}

/**
 * The enrolment, locked for the rest of the transaction: one learner's writes (two devices, a retry) take turns on
 * their own row, so completion is decided on everything they wrote; other learners never wait for it.
 */
export async function lockEnrolment(exec: Executor, courseId: string, userId: string): Promise<EnrolmentRow | null> {
  const [row] = await exec
    .select()
    .from(courseEnrolments)
    .where(and(eq(courseEnrolments.courseId, courseId), eq(courseEnrolments.userId, userId)))
    .for('update');
  return row ?? null;
}

export async function myEnrolments(exec: Executor, userId: string, limit: number): Promise<EnrolmentRow[]> {
  return exec
    .select()
    .from(courseEnrolments)
    .where(eq(courseEnrolments.userId, userId))
    .orderBy(desc(courseEnrolments.enrolledAt), desc(courseEnrolments.id))
    .limit(limit);
}

/** Insert-only: a lesson done twice (two devices, a retry) is one row, the first time kept. */
export async function markLessonDone(exec: Executor, enrolmentId: string, lessonId: string): Promise<void> {
  await exec.insert(lessonProgress).values({ enrolmentId, lessonId }).onConflictDoNothing();
}

export async function doneLessonIds(exec: Executor, enrolmentId: string): Promise<string[]> {
  const rows = await exec
    .select({ lessonId: lessonProgress.lessonId })
    .from(lessonProgress)
    .where(eq(lessonProgress.enrolmentId, enrolmentId));
  return rows.map((r) => r.lessonId);
}

export async function attemptsOf(exec: Executor, enrolmentId: string): Promise<AttemptRow[]> {
  return exec
    .select()
    .from(quizAttempts)
    .where(eq(quizAttempts.enrolmentId, enrolmentId))
    .orderBy(asc(quizAttempts.attemptNo));
}

export async function findAttempt(exec: Executor, id: string): Promise<AttemptRow | null> {
  const [row] = await exec.select().from(quizAttempts).where(eq(quizAttempts.id, id));
  return row ?? null;
}

export async function insertAttempt(exec: Executor, row: Omit<AttemptRow, 'submittedAt'>): Promise<AttemptRow> {
  const [created] = await exec.insert(quizAttempts).values(row).returning();
  return created;
}

/** Sets the completion once: null when it was already completed. */
export async function markCompleted(exec: Executor, enrolmentId: string, version: number): Promise<Date | null> {
  const [row] = await exec
    .update(courseEnrolments)
    .set({ completedAt: sql`now()`, completedVersion: version })
    .where(and(eq(courseEnrolments.id, enrolmentId), isNull(courseEnrolments.completedAt)))
    .returning({ completedAt: courseEnrolments.completedAt });
  return row?.completedAt ?? null;
}

// ---- statistics (the count views) ----

export interface StatsPeriod {
  /** First day of the first month, or null: open. */
  from: string | null;
  /** First day of the last month, or null: open. */
  to: string | null;
}

const inPeriod = (p: StatsPeriod) =>
  sql`(${p.from}::date is null or month >= ${p.from}::date) and (${p.to}::date is null or month <= ${p.to}::date)`;

export interface CountRow {
  category: string;
  communeCode: string;
  month: string;
  learners: number;
  enrolments: number;
  completions: number;
}

/** Learners, enrolments and completions per category, commune and month of the communes in the period. */
export async function countsByCategoryCommuneMonth(
  exec: Executor,
  communeCodes: string[],
  p: StatsPeriod,
): Promise<CountRow[]> {
  const codes = sql`${sql.param(communeCodes)}::text[]`;
  return queryRows<CountRow>(
    exec,
    sql`with l as (
        select category, commune_code, month, sum(learners) as learners from learning_learner_months
        where commune_code = any(${codes}) and ${inPeriod(p)} group by category, commune_code, month),
      c as (
        select category, commune_code, month, sum(enrolments) as enrolments, sum(completions) as completions
        from learning_course_months
        where commune_code = any(${codes}) and ${inPeriod(p)} group by category, commune_code, month)
      select coalesce(l.category, c.category) as "category", coalesce(l.commune_code, c.commune_code) as "communeCode",
        to_char(coalesce(l.month, c.month), 'YYYY-MM') as "month",
        coalesce(l.learners, 0)::int as "learners", coalesce(c.enrolments, 0)::int as "enrolments",
        coalesce(c.completions, 0)::int as "completions"
      from l full join c on c.category = l.category and c.commune_code = l.commune_code and c.month = l.month`,
  );
}

/** Enrolments and completions per course of the communes in the period. */
export async function countsByCourse(exec: Executor, communeCodes: string[], p: StatsPeriod) {
  return queryRows<{ courseId: string; enrolments: number; completions: number }>(
    exec,
    sql`select course_id as "courseId", sum(enrolments)::int as "enrolments", sum(completions)::int as "completions"
      from learning_course_months
      where commune_code = any(${sql.param(communeCodes)}::text[]) and ${inPeriod(p)}
      group by course_id having sum(enrolments) <> 0 or sum(completions) <> 0
      order by 2 desc, 1`,
  );
}

/** The active communes of a province, by name. */
export async function communesOf(exec: Executor, provinceCode: string) {
  return queryRows<{ code: string; name: string }>(
    exec,
    sql`select code, full_name as name from units where parent_code = ${provinceCode} and level = 'commune'
      and status = 'active' order by full_name, code`,
  );
}
