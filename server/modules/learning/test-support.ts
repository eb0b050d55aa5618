import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { CourseContent, CourseDraft } from '../../../common/courses.js';
import type { Db } from '../../db/client.js';
import { courses, courseVersions } from '../../db/schema/index.js';
import { invalidateReference } from '../../platform/reference-cache.js';

/** A course snapshot with `lessons` lessons and, unless `quiz: null`, a two-question quiz (pass 50%). */
export function testCourseContent(
  opts: { lessons?: number; quiz?: { maxAttempts: number | null; passPercent?: number } | null; title?: string } = {},
): CourseContent {
  const lessons = Array.from({ length: opts.lessons ?? 3 }, (_, i) => ({
    id: randomUUID(),
    title: `Bài ${i + 1}: Cài đặt VNeID`,
    html: `<p>Nội dung bài ${i + 1}</p>`,
    minutes: 5,
    videoLinks: [],
    attachments: [],
  }));
  const question = (n: number, kind: 'single' | 'multiple') => {
    const options = Array.from({ length: 3 }, (_, i) => ({ id: randomUUID(), text: `Phương án ${i + 1}` }));
    return {
      id: randomUUID(),
      kind,
      text: `Câu hỏi ${n}`,
      options,
      correctOptionIds: kind === 'single' ? [options[1].id] : [options[0].id, options[2].id],
      explanation: `Giải thích câu ${n}`,
    };
  };
  const quiz =
    opts.quiz === null
      ? null
      : {
          passPercent: opts.quiz?.passPercent ?? 50,
          maxAttempts: opts.quiz?.maxAttempts === undefined ? 3 : opts.quiz.maxAttempts,
          questions: [question(1, 'single'), question(2, 'multiple')],
        };
  return {
    title: opts.title ?? 'Sử dụng ứng dụng VNeID',
    description: 'Khoá học thử',
    audiences: [],
    estimatedMinutes: 15,
    serviceIds: [],
    lessons,
    quiz,
  };
}

/** Writes a published course straight to the courses tables (a fixture: authoring is the courses domain's). */
export async function publishTestCourse(db: Db, content: CourseContent, ownerUnitCode = '19'): Promise<string> {
  const [c] = await db
    .insert(courses)
    .values({
      ownerUnitCode,
      ownerUnitPath: ownerUnitCode,
      status: 'published',
      draft: content as unknown as CourseDraft,
      publishedVersion: 1,
    })
    .returning({ id: courses.id });
  await db.insert(courseVersions).values({ courseId: c.id, version: 1, content });
  return c.id;
}

/** Publishes a new version of a test course; returns its number. */
export async function republishTestCourse(db: Db, courseId: string, content: CourseContent): Promise<number> {
  const [c] = await db.select().from(courses).where(eq(courses.id, courseId));
  const version = (c.publishedVersion ?? 0) + 1;
  await db.insert(courseVersions).values({ courseId, version, content });
  await db.update(courses).set({ publishedVersion: version }).where(eq(courses.id, courseId));
  // The courses service caches each course's head per process (its own publish invalidates it, as here).
  invalidateReference('course-heads');
  return version;
}

/** Answers to a test quiz: all right, or all wrong. */
export function quizAnswers(content: CourseContent, right: boolean): Record<string, string[]> {
  return Object.fromEntries(
    content.quiz!.questions.map((q) => [
      q.id,
      right ? q.correctOptionIds : [q.options.find((o) => !q.correctOptionIds.includes(o.id))!.id],
    ]),
  );
}
