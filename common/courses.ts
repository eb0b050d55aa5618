import { z } from 'zod';
import {
  COURSE_STATUSES,
  LEARNING_LIMITS as L,
  LEARNER_CATEGORIES,
  QUIZ_QUESTION_KINDS,
} from './constants/learning.js';

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

// ---------------------------------------------------------------------------------------------------------------
// Authoring (the draft) and the HTTP contract of `server/modules/courses/`.
// ---------------------------------------------------------------------------------------------------------------

/** Uploaded media: images are re-encoded to WebP at these widths (never enlarged); attachments are PDFs only. */
export const COURSE_MEDIA = {
  imageWidths: [480, 960] as const,
  imageMaxBytes: 10 * 1024 * 1024,
  attachmentMaxBytes: 10 * 1024 * 1024,
  filename: 200,
} as const;
/** `GET /api/courses/media/:id/:variant`: `480` and `960` for images (WebP), `pdf` for an attachment. */
export const COURSE_MEDIA_VARIANTS = ['480', '960', 'pdf'] as const;
export type CourseMediaVariant = (typeof COURSE_MEDIA_VARIANTS)[number];

const text = (min: number, max: number) => z.string().trim().min(min).max(max);
const noRepeat = { message: 'Bị lặp. | Listed twice.' };

export const DraftVideoLink = z.strictObject({
  title: text(1, L.lessonTitle),
  url: z.url({
    protocol: /^https?$/,
    message: 'Liên kết phải bắt đầu bằng http(s)://. | The link must be http(s)://.',
  }),
});
export const DraftAttachment = z.strictObject({
  title: text(1, L.lessonTitle),
  /** An attachment uploaded to this course (`POST /api/courses/manage/:id/media`, kind pdf). */
  mediaId: id,
  bytes: z.number().int().min(0),
});

/** A lesson being written: Markdown (no raw HTML; images from this course's media). */
export const DraftLesson = z.strictObject({
  /** Chosen by the client (crypto.randomUUID()); kept across versions so progress survives. */
  id,
  title: text(1, L.lessonTitle),
  markdown: z.string().max(L.lessonBody),
  minutes: z.number().int().min(0).max(600),
  videoLinks: z.array(DraftVideoLink).max(10).default([]),
  attachments: z.array(DraftAttachment).max(10).default([]),
});
export type DraftLesson = z.infer<typeof DraftLesson>;

/** A question being written: it may lack its right answer while a draft; publishing requires one. */
export const DraftQuestion = z.strictObject({
  id,
  kind: z.enum(QUIZ_QUESTION_KINDS),
  text: text(1, L.questionText),
  options: z
    .array(z.strictObject({ id, text: text(1, L.optionText) }))
    .min(2)
    .max(L.options),
  correctOptionIds: z.array(id).max(L.options).default([]),
  explanation: z.string().trim().max(L.questionText).optional(),
});
export type DraftQuestion = z.infer<typeof DraftQuestion>;

export const DraftQuiz = z.strictObject({
  passPercent: z.number().int().min(1).max(100),
  maxAttempts: z.number().int().min(1).max(20).nullable(),
  questions: z.array(DraftQuestion).max(L.questions),
});
export type DraftQuiz = z.infer<typeof DraftQuiz>;

/** The draft an author edits: a CourseContent with each lesson's `markdown` instead of `html`. */
export const CourseDraft = z.strictObject({
  title: text(1, L.courseTitle),
  description: z.string().trim().max(L.courseDescription).default(''),
  audiences: z
    .array(z.enum(LEARNER_CATEGORIES))
    .default([])
    .refine((v) => new Set(v).size === v.length, noRepeat),
  estimatedMinutes: z.number().int().min(0).max(100_000).default(0),
  serviceIds: z
    .array(id)
    .max(20)
    .default([])
    .refine((v) => new Set(v).size === v.length, noRepeat),
  lessons: z.array(DraftLesson).max(L.lessons).default([]),
  quiz: DraftQuiz.nullable().default(null),
});
export type CourseDraft = z.infer<typeof CourseDraft>;
export type CourseDraftInput = z.input<typeof CourseDraft>;

export const CourseIdParam = z.strictObject({ id });
export const CourseLessonParam = z.strictObject({ id, lessonId: id });
export const CourseMediaParam = z.strictObject({ id, variant: z.enum(COURSE_MEDIA_VARIANTS) });

/** `POST /api/courses/manage` (header Idempotency-Key recommended): a new draft of a province or commune. */
export const CourseCreate = z.strictObject({
  /** The owner unit's code: a province ("19") or a commune ("05569"). */
  unit: text(1, 40),
  title: text(1, L.courseTitle),
  description: z.string().trim().max(L.courseDescription).optional(),
});
export type CourseCreate = z.input<typeof CourseCreate>;

/** `PUT /api/courses/manage/:id`: the whole draft and the revision it was based on (stale → 409 `stale_draft`). */
export const CourseDraftSave = z.strictObject({
  draftRevision: z.number().int().min(0),
  draft: CourseDraft,
});
export type CourseDraftSave = z.input<typeof CourseDraftSave>;

/** `GET /api/courses/manage?unit=<code>`: courses of that unit (and the communes below a province); default: all the caller manages. */
export const CourseManageQuery = z.strictObject({ unit: text(1, 40).optional() });

export const CourseUnit = z.object({ code: z.string(), path: z.string(), name: z.string(), level: z.string() });
export type CourseUnit = z.infer<typeof CourseUnit>;

export const CourseManageSummary = z.object({
  id,
  unit: CourseUnit,
  status: z.enum(COURSE_STATUSES),
  title: z.string(),
  lessonCount: z.number().int(),
  draftRevision: z.number().int(),
  publishedVersion: z.number().int().nullable(),
  /** True when the draft changed since the last publication (or was never published). */
  unpublishedChanges: z.boolean(),
  updatedAt: z.iso.datetime({ offset: true }),
});
export type CourseManageSummary = z.infer<typeof CourseManageSummary>;
export const CourseManageList = z.object({ items: z.array(CourseManageSummary) });
export type CourseManageList = z.infer<typeof CourseManageList>;

export const CourseMedia = z.object({
  id,
  kind: z.enum(['image', 'pdf']),
  filename: z.string(),
  bytes: z.number().int(),
  /** Images: the largest variant's size. */
  width: z.number().int().nullable(),
  height: z.number().int().nullable(),
  /** Where to read it: the image's largest variant, or the PDF. */
  url: z.string(),
  /** What to paste into a lesson's Markdown (an image) or its attachments (a PDF). */
  markdown: z.string(),
  createdAt: z.iso.datetime({ offset: true }),
});
export type CourseMedia = z.infer<typeof CourseMedia>;

/** `GET /api/courses/manage/:id` and the answer of every authoring write. */
export const CourseManageDetail = CourseManageSummary.extend({
  draft: CourseDraft,
  publishedAt: z.iso.datetime({ offset: true }).nullable(),
  media: z.array(CourseMedia),
});
export type CourseManageDetail = z.infer<typeof CourseManageDetail>;

/** `GET /api/courses?service=<slug or id>&q=<text>`. */
export const CourseListQuery = z.strictObject({
  service: text(1, 80).optional(),
  q: z.string().trim().max(100).optional(),
});
export type CourseListQuery = z.input<typeof CourseListQuery>;

export const CourseServiceTag = z.object({ id, slug: z.string(), name: z.string(), nameEn: z.string().nullable() });
export type CourseServiceTag = z.infer<typeof CourseServiceTag>;

export const CourseSummary = z.object({
  id,
  version: z.number().int(),
  publishedAt: z.iso.datetime({ offset: true }),
  unit: z.object({ code: z.string(), name: z.string() }),
  title: z.string(),
  description: z.string(),
  audiences: z.array(z.string()),
  estimatedMinutes: z.number().int(),
  lessonCount: z.number().int(),
  hasQuiz: z.boolean(),
  services: z.array(CourseServiceTag),
});
export type CourseSummary = z.infer<typeof CourseSummary>;
export const CourseList = z.object({ items: z.array(CourseSummary) });
export type CourseList = z.infer<typeof CourseList>;

/** A question as a learner sees it before an attempt: no right answers, no explanations. */
export const PublicQuizQuestion = QuizQuestion.omit({ correctOptionIds: true, explanation: true });
export type PublicQuizQuestion = z.infer<typeof PublicQuizQuestion>;
export const PublicQuiz = PublishedQuiz.omit({ questions: true }).extend({
  questions: z.array(PublicQuizQuestion),
});
export type PublicQuiz = z.infer<typeof PublicQuiz>;

/** `GET /api/courses/:id`: the published snapshot's outline (lessons without their bodies) and the quiz. */
export const CourseReader = CourseSummary.extend({
  lessons: z.array(z.object({ id, title: z.string(), minutes: z.number().int() })),
  quiz: PublicQuiz.nullable(),
});
export type CourseReader = z.infer<typeof CourseReader>;

/** `GET /api/courses/:id/lessons/:lessonId`. */
export const LessonReader = z.object({
  courseId: id,
  version: z.number().int(),
  courseTitle: z.string(),
  position: z.number().int(),
  lessonCount: z.number().int(),
  previousId: id.nullable(),
  nextId: id.nullable(),
  lesson: PublishedLesson,
});
export type LessonReader = z.infer<typeof LessonReader>;

/** A learner's answers: per question, the options ticked (one for `single`). */
export const QuizAnswers = z
  .array(z.strictObject({ questionId: id, optionIds: z.array(id).max(L.options) }))
  .max(L.questions);
export type QuizAnswers = z.infer<typeof QuizAnswers>;

export interface QuizScore {
  correct: number;
  total: number;
  /** Rounded down: 2 of 3 is 66. */
  percent: number;
  passed: boolean;
  questions: { questionId: string; correct: boolean }[];
}

/**
 * Scores answers against a published quiz. A question is right when the options ticked are exactly its right ones
 * (no partial credit); a question not answered, or answered with options it does not have, is wrong. Pure.
 */
export function scoreQuiz(quiz: PublishedQuiz, answers: QuizAnswers): QuizScore {
  const given = new Map(answers.map((a) => [a.questionId, new Set(a.optionIds)]));
  const questions = quiz.questions.map((q) => {
    const ticked = given.get(q.id) ?? new Set<string>();
    const right = new Set(q.correctOptionIds);
    const correct = ticked.size === right.size && [...ticked].every((o) => right.has(o));
    return { questionId: q.id, correct };
  });
  const correct = questions.filter((q) => q.correct).length;
  const total = questions.length;
  const percent = total ? Math.floor((correct * 100) / total) : 0;
  return { correct, total, percent, passed: percent >= quiz.passPercent, questions };
}
