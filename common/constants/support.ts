/**
 * Support network (hỏi đáp) of community digital technology teams: constants and labels the server and the web app
 * share. No zod here, so pages import them directly.
 */

export const SUPPORT_QUESTION_STATUSES = ['open', 'answered'] as const;
export type SupportQuestionStatus = (typeof SUPPORT_QUESTION_STATUSES)[number];

export const SUPPORT_STATUS_LABELS: Record<SupportQuestionStatus, { vi: string; en: string }> = {
  open: { vi: 'Chưa có câu trả lời được chọn', en: 'No accepted answer yet' },
  answered: { vi: 'Đã có câu trả lời được chọn', en: 'Has an accepted answer' },
};

/** What a person answered as (shown next to an answer: an officer's word weighs differently from a peer's). */
export const SUPPORT_AUTHOR_ROLES = ['team_member', 'handling_officer', 'commune_admin', 'province_admin'] as const;
export type SupportAuthorRole = (typeof SUPPORT_AUTHOR_ROLES)[number];

export const SUPPORT_LIMITS = {
  title: 200,
  titleMin: 8,
  body: 5000,
  bodyMin: 10,
  answer: 5000,
  answerMin: 2,
  services: 5,
  reason: 500,
  q: 200,
  pageSize: 20,
} as const;
