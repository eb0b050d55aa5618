import { sql } from 'drizzle-orm';
import { boolean, index, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { SUPPORT_AUTHOR_ROLES, SUPPORT_QUESTION_STATUSES } from '../../../common/constants/support.js';
import { users } from './accounts.js';
import { catalogServices } from './catalog.js';

/**
 * Support network (hỏi đáp): a team member's question, seen by the whole network of its province (team members,
 * officers, administrators). `status` is 'answered' while one of its answers is accepted.
 */
export const supportQuestions = pgTable(
  'support_questions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    authorId: uuid('author_id')
      .notNull()
      .references(() => users.id),
    authorRole: text('author_role', { enum: SUPPORT_AUTHOR_ROLES }).notNull(),
    /** The author's place when asking (their hamlet's path): the province is whose network sees it. */
    unitPath: text('unit_path').notNull(),
    provinceCode: text('province_code').notNull(),
    communeCode: text('commune_code'),
    title: text('title').notNull(),
    body: text('body').notNull(),
    /** Title and body folded for search (vn_fold: no diacritics, lower case). */
    searchFold: text('search_fold').generatedAlwaysAs(sql`vn_fold(title || ' ' || body)`),
    status: text('status', { enum: SUPPORT_QUESTION_STATUSES }).notNull().default('open'),
    /** A client's Idempotency-Key, scoped to its sender: a retried ask answers with the same question. */
    idempotencyKey: text('idempotency_key').unique(),
    hiddenAt: timestamp('hidden_at', { withTimezone: true }),
    hiddenBy: uuid('hidden_by'),
    hiddenReason: text('hidden_reason'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('support_questions_province_idx').on(t.provinceCode, t.createdAt, t.id),
    index('support_questions_author_idx').on(t.authorId, t.createdAt),
    index('support_questions_fold_trgm_idx').using('gin', sql`${t.searchFold} gin_trgm_ops`),
  ],
);

/** The catalog services a question is about (its tags). */
export const supportQuestionServices = pgTable(
  'support_question_services',
  {
    questionId: uuid('question_id')
      .notNull()
      .references(() => supportQuestions.id, { onDelete: 'cascade' }),
    serviceId: uuid('service_id')
      .notNull()
      .references(() => catalogServices.id),
  },
  (t) => [
    primaryKey({ name: 'support_question_services_pk', columns: [t.questionId, t.serviceId] }),
    index('support_question_services_service_idx').on(t.serviceId),
  ],
);

/**
 * An answer. At most one accepted per question (a unique partial index); the accepted one, with its question, is
 * the FAQ entry of the question's services while neither is hidden.
 */
export const supportAnswers = pgTable(
  'support_answers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    questionId: uuid('question_id')
      .notNull()
      .references(() => supportQuestions.id, { onDelete: 'cascade' }),
    authorId: uuid('author_id')
      .notNull()
      .references(() => users.id),
    authorRole: text('author_role', { enum: SUPPORT_AUTHOR_ROLES }).notNull(),
    /** The author's commune when answering (null for a provincial officer or administrator). */
    communeCode: text('commune_code'),
    body: text('body').notNull(),
    bodyFold: text('body_fold').generatedAlwaysAs(sql`vn_fold(body)`),
    accepted: boolean('accepted').notNull().default(false),
    acceptedAt: timestamp('accepted_at', { withTimezone: true }),
    idempotencyKey: text('idempotency_key').unique(),
    hiddenAt: timestamp('hidden_at', { withTimezone: true }),
    hiddenBy: uuid('hidden_by'),
    hiddenReason: text('hidden_reason'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('support_answers_question_idx').on(t.questionId, t.createdAt),
    uniqueIndex('support_answers_one_accepted').on(t.questionId).where(sql`${t.accepted}`),
    index('support_answers_fold_trgm_idx').using('gin', sql`${t.bodyFold} gin_trgm_ops`),
  ],
);
