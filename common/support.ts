import { z } from 'zod';
import { SUPPORT_LIMITS as L, SUPPORT_AUTHOR_ROLES, SUPPORT_QUESTION_STATUSES } from './constants/support.js';

export * from './constants/support.js';

/**
 * Support network (hỏi đáp): team members ask, team members, officers and administrators answer; an accepted answer
 * joins the FAQ of the services the question names. Shared request and response schemas.
 */

const text = (min: number, max: number) => z.string().trim().min(min).max(max);
const id = z.uuid({ message: 'Mã không hợp lệ. | Not a valid id.' });

export const SupportIdParam = z.strictObject({ id });

/** `POST /api/support/questions`. */
export const SupportQuestionCreate = z.strictObject({
  title: text(L.titleMin, L.title),
  body: text(L.bodyMin, L.body),
  /** Catalog services the question is about (none is allowed). */
  serviceIds: z
    .array(id)
    .max(L.services)
    .default([])
    .refine((v) => new Set(v).size === v.length, { message: 'Dịch vụ bị lặp. | A service is listed twice.' }),
});
export type SupportQuestionCreate = z.input<typeof SupportQuestionCreate>;

/** `POST /api/support/questions/:id/answers`. */
export const SupportAnswerCreate = z.strictObject({ body: text(L.answerMin, L.answer) });
export type SupportAnswerCreate = z.input<typeof SupportAnswerCreate>;

/** `POST /api/support/{questions|answers}/:id/moderation`: hide (with a reason) or show again. */
export const SupportModeration = z
  .strictObject({ hidden: z.boolean(), reason: text(3, L.reason).optional() })
  .refine((v) => !v.hidden || !!v.reason, {
    path: ['reason'],
    message: 'Cần nêu lý do ẩn. | Give a reason for hiding.',
  });
export type SupportModeration = z.input<typeof SupportModeration>;

/** `GET /api/support/questions`: newest first, keyset pages; `q` ignores diacritics and searches answers too. */
export const SupportListQuery = z.strictObject({
  q: z.string().trim().max(L.q).optional(),
  /** A catalog service, by id or slug. */
  service: z.string().trim().min(1).max(80).optional(),
  status: z.enum(SUPPORT_QUESTION_STATUSES).optional(),
  mine: z.enum(['1', 'true']).optional(),
  cursor: z.string().max(300).optional(),
  limit: z.coerce.number().int().min(1).max(50).default(L.pageSize),
});
export type SupportListQuery = z.input<typeof SupportListQuery>;

export const SupportServiceTag = z.object({
  id: z.uuid(),
  slug: z.string(),
  name: z.string(),
  nameEn: z.string().nullable(),
});
export type SupportServiceTag = z.infer<typeof SupportServiceTag>;

/** Who wrote a post, as the network sees it: name, role and commune; never a phone. */
export const SupportAuthor = z.object({
  id: z.uuid(),
  name: z.string(),
  role: z.enum(SUPPORT_AUTHOR_ROLES),
  communeName: z.string().nullable(),
});

export const SupportQuestionSummary = z.object({
  id: z.uuid(),
  title: z.string(),
  excerpt: z.string(),
  status: z.enum(SUPPORT_QUESTION_STATUSES),
  services: z.array(SupportServiceTag),
  author: SupportAuthor,
  answerCount: z.number().int(),
  hidden: z.boolean(),
  createdAt: z.string(),
});
export type SupportQuestionSummary = z.infer<typeof SupportQuestionSummary>;

export const SupportQuestionList = z.object({
  items: z.array(SupportQuestionSummary),
  nextCursor: z.string().nullable(),
});
export type SupportQuestionList = z.infer<typeof SupportQuestionList>;

export const SupportAnswerView = z.object({
  id: z.uuid(),
  body: z.string(),
  author: SupportAuthor,
  accepted: z.boolean(),
  hidden: z.boolean(),
  /** Only for those who may moderate. */
  hiddenReason: z.string().nullable(),
  createdAt: z.string(),
});
export type SupportAnswerView = z.infer<typeof SupportAnswerView>;

export const SupportQuestionDetail = SupportQuestionSummary.omit({ excerpt: true }).extend({
  body: z.string(),
  hiddenReason: z.string().nullable(),
  answers: z.array(SupportAnswerView),
  /** What the caller may do here (the server decides again on each write). */
  can: z.object({ answer: z.boolean(), accept: z.boolean(), moderate: z.boolean() }),
});
export type SupportQuestionDetail = z.infer<typeof SupportQuestionDetail>;

/** `GET /api/support/faq?service=<id|slug>`: public, no names. */
export const SupportFaqQuery = z.strictObject({
  service: z.string().trim().min(1).max(80),
  cursor: z.string().max(300).optional(),
  limit: z.coerce.number().int().min(1).max(50).default(10),
});

/** One FAQ entry: a question and its accepted answer, with nobody's name, phone or place. */
export const SupportFaqItem = z.object({
  questionId: z.uuid(),
  question: z.string(),
  details: z.string(),
  answer: z.string(),
  /** "Cán bộ" or "Thành viên tổ": whose kind of answer it is, never who. */
  answeredBy: z.enum(SUPPORT_AUTHOR_ROLES),
  acceptedAt: z.string(),
});
export type SupportFaqItem = z.infer<typeof SupportFaqItem>;

export const SupportFaqList = z.object({ items: z.array(SupportFaqItem), nextCursor: z.string().nullable() });
export type SupportFaqList = z.infer<typeof SupportFaqList>;
