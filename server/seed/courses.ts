import { createHash } from 'node:crypto';
import { and, eq, inArray } from 'drizzle-orm';
import { type CourseContent, CourseContent as CourseContentSchema, type CourseDraft } from '../../common/courses.js';
import type { Executor } from '../db/client.js';
import { catalogServices, units } from '../db/schema/index.js';
import { renderLesson } from '../modules/courses/render.js';
import * as repo from '../modules/courses/repo.js';
import { SEED_COURSES } from './courses-data.js';

/** A stable uuid from a name (SHA-1, version 5 layout): the same lesson and question ids on every installation. */
export function seedUuid(name: string): string {
  const h = createHash('sha1').update(`xaso-courses:${name}`).digest();
  h[6] = (h[6] & 0x0f) | 0x50;
  h[8] = (h[8] & 0x3f) | 0x80;
  const x = h.subarray(0, 16).toString('hex');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20, 32)}`;
}

/**
 * The five courses of courses-data.ts, published (version 1) by the province, for every installation like the
 * catalog: only into a province that has no course yet, so a second run or the province's own edits are left alone.
 * Catalog services are linked by slug where the province's catalog has them.
 */
export async function seedCourses(exec: Executor, provinceCode: string): Promise<number> {
  if ((await repo.courseCount(exec, provinceCode)) > 0) return 0;
  const [province] = await exec.select({ path: units.path }).from(units).where(eq(units.code, provinceCode));
  if (!province) return 0;
  const slugs = [...new Set(SEED_COURSES.flatMap((c) => c.services))];
  // Another province's copy of a national service carries its code in the slug (seed/catalog.ts).
  const wanted = slugs.map((s) => (provinceCode === '19' ? s : `${s}-${provinceCode}`));
  const services = wanted.length
    ? await exec
        .select({ id: catalogServices.id, slug: catalogServices.slug })
        .from(catalogServices)
        .where(and(inArray(catalogServices.slug, wanted), eq(catalogServices.provinceCode, provinceCode)))
    : [];
  const bySlug = new Map(services.map((s) => [s.slug.replace(new RegExp(`-${provinceCode}$`), ''), s.id]));
  for (const c of SEED_COURSES) {
    const id = (part: string) => seedUuid(`${c.key}/${part}`);
    const draft: CourseDraft = {
      title: c.title,
      description: c.description,
      audiences: c.audiences,
      estimatedMinutes: c.lessons.reduce((n, l) => n + l.minutes, 0) + 5,
      serviceIds: c.services.map((s) => bySlug.get(s)).filter((s): s is string => !!s),
      lessons: c.lessons.map((l, i) => ({
        id: id(`lesson-${i}`),
        title: l.title,
        markdown: l.markdown,
        minutes: l.minutes,
        videoLinks: [],
        attachments: [],
      })),
      quiz: {
        passPercent: c.quiz.passPercent,
        maxAttempts: c.quiz.maxAttempts,
        questions: c.quiz.questions.map((q, i) => ({
          id: id(`question-${i}`),
          kind: q.kind,
          text: q.text,
          options: q.options.map((text, j) => ({ id: id(`question-${i}-option-${j}`), text })),
          correctOptionIds: q.correct.map((j) => id(`question-${i}-option-${j}`)),
          explanation: q.explanation,
        })),
      },
    };
    const content: CourseContent = CourseContentSchema.parse({
      ...draft,
      lessons: draft.lessons.map(({ markdown, ...l }) => ({ ...l, html: renderLesson(markdown, new Map()).html })),
    });
    const row = await repo.insertCourse(exec, {
      id: seedUuid(`${provinceCode}/${c.key}`),
      ownerUnitCode: provinceCode,
      ownerUnitPath: province.path,
      status: 'published',
      draft,
      draftRevision: 1,
      publishedVersion: 1,
      publishedRevision: 1,
    });
    if (!row) continue;
    await repo.insertVersion(exec, { courseId: row.id, version: 1, content });
  }
  return SEED_COURSES.length;
}
