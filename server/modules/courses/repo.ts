import { and, asc, desc, eq, getTableColumns, type SQL, sql } from 'drizzle-orm';
import type { CourseContent, CourseDraft } from '../../../common/courses.js';
import type { Executor } from '../../db/client.js';
import { courseMedia, courses, courseVersions, units } from '../../db/schema/index.js';
import { escapeLike } from '../../platform/like.js';
import { pathCoveredBy } from '../../platform/unit-scope-sql.js';

export type CourseRecord = typeof courses.$inferSelect;
export type NewCourse = typeof courses.$inferInsert;
export type MediaRecord = typeof courseMedia.$inferSelect;
export type NewMedia = typeof courseMedia.$inferInsert;
export interface OwnerUnit {
  code: string;
  path: string;
  name: string;
  level: string;
}
export type CourseRow = CourseRecord & { unit: OwnerUnit; publishedAt: Date | null };

const unitColumns = { code: units.code, path: units.path, name: units.fullName, level: units.level };
const lastPublishedAt = sql<Date | null>`(select v.published_at from ${courseVersions} v
  where v.course_id = courses.id and v.version = courses.published_version)`.mapWith((v: string | Date | null) =>
  v === null ? null : new Date(v),
);

/**
 * Inserts a course; with an idempotency key already used, inserts nothing and answers null (the caller reads the
 * first one by its key).
 */
export async function insertCourse(exec: Executor, values: NewCourse): Promise<CourseRecord | null> {
  const [row] = await exec.insert(courses).values(values).onConflictDoNothing().returning();
  return row ?? null;
}

export async function findByIdempotencyKey(exec: Executor, key: string): Promise<CourseRecord | null> {
  const [row] = await exec.select().from(courses).where(eq(courses.idempotencyKey, key));
  return row ?? null;
}

/** A course with its owner unit; `forUpdate` locks the course row until the transaction ends. */
export async function findCourse(exec: Executor, id: string, forUpdate = false): Promise<CourseRow | null> {
  const q = exec
    .select({ ...getTableColumns(courses), unit: unitColumns, publishedAt: lastPublishedAt })
    .from(courses)
    .innerJoin(units, eq(units.code, courses.ownerUnitCode))
    .where(eq(courses.id, id));
  const [row] = forUpdate ? await q.for('update', { of: courses }) : await q;
  return row ?? null;
}

/** Courses whose owner unit lies under one of the scopes (an author's list), newest change first. */
export async function listCourses(exec: Executor, scopes: string[]): Promise<CourseRow[]> {
  return exec
    .select({ ...getTableColumns(courses), unit: unitColumns, publishedAt: lastPublishedAt })
    .from(courses)
    .innerJoin(units, eq(units.code, courses.ownerUnitCode))
    .where(pathCoveredBy(courses.ownerUnitPath, scopes))
    .orderBy(desc(courses.updatedAt), asc(courses.id));
}

/** Saves the whole draft when its revision is still `expected`; null when someone saved in between. */
export async function saveDraft(
  exec: Executor,
  id: string,
  expected: number,
  draft: CourseDraft,
  actorId: string,
): Promise<CourseRecord | null> {
  const [row] = await exec
    .update(courses)
    .set({ draft, draftRevision: sql`${courses.draftRevision} + 1`, updatedBy: actorId, updatedAt: new Date() })
    .where(and(eq(courses.id, id), eq(courses.draftRevision, expected)))
    .returning();
  return row ?? null;
}

export async function insertVersion(exec: Executor, values: typeof courseVersions.$inferInsert): Promise<void> {
  await exec.insert(courseVersions).values(values);
}

export async function setPublished(
  exec: Executor,
  id: string,
  values: { version: number; revision: number; actorId: string },
): Promise<void> {
  await exec
    .update(courses)
    .set({
      status: 'published',
      publishedVersion: values.version,
      publishedRevision: values.revision,
      updatedBy: values.actorId,
      updatedAt: new Date(),
    })
    .where(eq(courses.id, id));
}

export async function setStatus(
  exec: Executor,
  id: string,
  status: CourseRecord['status'],
  actorId: string,
): Promise<void> {
  await exec.update(courses).set({ status, updatedBy: actorId, updatedAt: new Date() }).where(eq(courses.id, id));
}

/** What a reader's request needs first: whether the course is readable and which version is current. */
export interface CourseHead {
  status: CourseRecord['status'];
  publishedVersion: number | null;
  ownerUnitPath: string;
}

export async function findHead(exec: Executor, id: string): Promise<CourseHead | null> {
  const [row] = await exec
    .select({
      status: courses.status,
      publishedVersion: courses.publishedVersion,
      ownerUnitPath: courses.ownerUnitPath,
    })
    .from(courses)
    .where(eq(courses.id, id));
  return row ?? null;
}

export async function findVersion(
  exec: Executor,
  id: string,
  version: number,
): Promise<{ content: CourseContent; publishedAt: Date; unit: { code: string; name: string } } | null> {
  const [row] = await exec
    .select({
      content: courseVersions.content,
      publishedAt: courseVersions.publishedAt,
      unit: { code: units.code, name: units.fullName },
    })
    .from(courseVersions)
    .innerJoin(courses, eq(courses.id, courseVersions.courseId))
    .innerJoin(units, eq(units.code, courses.ownerUnitCode))
    .where(and(eq(courseVersions.courseId, id), eq(courseVersions.version, version)));
  return row ?? null;
}

export interface PublishedSummaryRow {
  id: string;
  version: number;
  publishedAt: Date;
  unitCode: string;
  unitName: string;
  title: string;
  description: string;
  audiences: string[];
  estimatedMinutes: number;
  serviceIds: string[];
  lessonCount: number;
  hasQuiz: boolean;
}

/**
 * Published courses (their current version), newest first: only the fields a list shows are taken out of the
 * snapshot. `serviceId` keeps courses that teach that service; `q` matches title or description whatever the
 * diacritics.
 */
export async function listPublished(
  exec: Executor,
  f: { serviceId?: string; q?: string },
): Promise<PublishedSummaryRow[]> {
  const c = courseVersions.content;
  const where: SQL[] = [eq(courses.status, 'published')];
  if (f.serviceId) where.push(sql`(${c} -> 'serviceIds') @> ${JSON.stringify([f.serviceId])}::jsonb`);
  if (f.q)
    where.push(
      sql`vn_fold((${c} ->> 'title') || ' ' || (${c} ->> 'description')) like '%' || vn_fold(${escapeLike(f.q)}) || '%'`,
    );
  return exec
    .select({
      id: courses.id,
      version: courseVersions.version,
      publishedAt: courseVersions.publishedAt,
      unitCode: units.code,
      unitName: units.fullName,
      title: sql<string>`${c} ->> 'title'`,
      description: sql<string>`${c} ->> 'description'`,
      audiences: sql<string[]>`coalesce(${c} -> 'audiences', '[]'::jsonb)`,
      estimatedMinutes: sql<number>`coalesce((${c} ->> 'estimatedMinutes')::int, 0)`,
      serviceIds: sql<string[]>`coalesce(${c} -> 'serviceIds', '[]'::jsonb)`,
      lessonCount: sql<number>`jsonb_array_length(${c} -> 'lessons')::int`,
      hasQuiz: sql<boolean>`jsonb_typeof(${c} -> 'quiz') = 'object'`,
    })
    .from(courses)
    .innerJoin(
      courseVersions,
      and(eq(courseVersions.courseId, courses.id), eq(courseVersions.version, courses.publishedVersion)),
    )
    .innerJoin(units, eq(units.code, courses.ownerUnitCode))
    .where(and(...where))
    .orderBy(desc(courseVersions.publishedAt), asc(courses.id));
}

export async function insertMedia(exec: Executor, values: NewMedia): Promise<MediaRecord> {
  const [row] = await exec.insert(courseMedia).values(values).returning();
  return row;
}

export async function listMedia(exec: Executor, courseId: string): Promise<MediaRecord[]> {
  return exec
    .select()
    .from(courseMedia)
    .where(eq(courseMedia.courseId, courseId))
    .orderBy(asc(courseMedia.createdAt), asc(courseMedia.id));
}

/** A media file with what decides who may read it: its course's status and owner unit. */
export async function findMedia(exec: Executor, id: string) {
  const [row] = await exec
    .select({ media: courseMedia, status: courses.status, ownerUnitPath: courses.ownerUnitPath })
    .from(courseMedia)
    .innerJoin(courses, eq(courses.id, courseMedia.courseId))
    .where(eq(courseMedia.id, id));
  return row ?? null;
}

/** Whether the province already has courses (the seed adds its courses only once). */
export async function courseCount(exec: Executor, ownerUnitCode: string): Promise<number> {
  const [row] = await exec
    .select({ n: sql<number>`count(*)::int` })
    .from(courses)
    .where(eq(courses.ownerUnitCode, ownerUnitCode));
  return row.n;
}
