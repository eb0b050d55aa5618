import { z } from 'zod';
import { LEARNING_LIMITS as L, QUIZ_QUESTION_KINDS } from './constants/learning.js';

export * from './constants/learning.js';

/**
 * A course as learners read it: the published snapshot (`course_versions.content`). Authors edit a draft; publishing
 * renders the lessons' Markdown to safe HTML and stores a new version. Lesson and question ids are stable across
 * versions, so a learner's progress (kept per lesson id) survives a new version.
 */
const id = z.uuid({ message: 'Mã không hợp lệ. | Not a valid id.' });

export const PublishedLesson = z.object({
  id,
  title: z.string().max(L.lessonTitle),
  /** Rendered from Markdown at publish time: no raw HTML from authors, images lazy with resized variants. */
  html: z.string(),
  minutes: z.number().int().min(0),
  videoLinks: z.array(z.object({ title: z.string(), url: z.url() })).default([]),
  attachments: z.array(z.object({ title: z.string(), mediaId: id, bytes: z.number().int() })).default([]),
});
export type PublishedLesson = z.infer<typeof PublishedLesson>;

export const QuizOption = z.object({ id, text: z.string().max(L.optionText) });
export const QuizQuestion = z.object({
  id,
  kind: z.enum(QUIZ_QUESTION_KINDS),
  text: z.string().max(L.questionText),
  options: z.array(QuizOption).min(2).max(L.options),
  /** Server only: never sent to a browser before the learner's attempt is submitted. */
  correctOptionIds: z.array(id).min(1),
  explanation: z.string().optional(),
});
export type QuizQuestion = z.infer<typeof QuizQuestion>;

export const PublishedQuiz = z.object({
  /** Percent of questions answered right needed to pass. */
  passPercent: z.number().int().min(1).max(100),
  /** null: unlimited. */
  maxAttempts: z.number().int().min(1).max(20).nullable(),
  questions: z.array(QuizQuestion).min(1).max(L.questions),
});
export type PublishedQuiz = z.infer<typeof PublishedQuiz>;

export const CourseContent = z.object({
  title: z.string().max(L.courseTitle),
  description: z.string().max(L.courseDescription),
  audiences: z.array(z.string()).default([]),
  estimatedMinutes: z.number().int().min(0),
  /** Catalog services the course teaches (ids of `catalog_services`). */
  serviceIds: z.array(id).default([]),
  lessons: z.array(PublishedLesson).max(L.lessons),
  quiz: PublishedQuiz.nullable(),
});
export type CourseContent = z.infer<typeof CourseContent>;
