import { and, asc, eq, inArray, isNull, ne, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import {
  catalogServices,
  supportAnswers,
  supportQuestionServices,
  supportQuestions,
  units,
  users,
} from '../../db/schema/index.js';
import { escapeLike } from '../../platform/like.js';
import { pathCoveredBy } from '../../platform/unit-scope-sql.js';

export type QuestionRecord = typeof supportQuestions.$inferSelect;
export type NewQuestion = typeof supportQuestions.$inferInsert;
export type AnswerRecord = typeof supportAnswers.$inferSelect;
export type NewAnswer = typeof supportAnswers.$inferInsert;

// Other domains' tables (users, units, catalog_services) are read here only: names for the network's views.
const authorName = (col: SQL) => sql<string>`(select u.full_name from ${users} u where u.id = ${col})`;
const communeName = (col: SQL) => sql<string | null>`(select x.full_name from ${units} x where x.code = ${col})`;

const questionColumns = {
  id: supportQuestions.id,
  authorId: supportQuestions.authorId,
  authorRole: supportQuestions.authorRole,
  unitPath: supportQuestions.unitPath,
  provinceCode: supportQuestions.provinceCode,
  communeCode: supportQuestions.communeCode,
  title: supportQuestions.title,
  body: supportQuestions.body,
  status: supportQuestions.status,
  hiddenAt: supportQuestions.hiddenAt,
  hiddenReason: supportQuestions.hiddenReason,
  createdAt: supportQuestions.createdAt,
  createdAtExact: sql<string>`"support_questions"."created_at"::text`,
  authorName: authorName(sql`"support_questions"."author_id"`),
  communeName: communeName(sql`"support_questions"."commune_code"`),
  // Answers the network sees (hidden ones are not counted).
  answerCount: sql<number>`(select count(*)::int from ${supportAnswers} a
    where a.question_id = "support_questions"."id" and a.hidden_at is null)`,
};
export type QuestionRow = Omit<QuestionRecord, 'searchFold' | 'idempotencyKey' | 'hiddenBy' | 'updatedAt'> & {
  createdAtExact: string;
  authorName: string;
  communeName: string | null;
  answerCount: number;
};

/** A new question and its service tags, in one statement; a retry with the same key returns the first one's id. */
export async function insertQuestion(exec: Executor, values: NewQuestion, serviceIds: string[]): Promise<string> {
  const [row] = await exec
    .insert(supportQuestions)
    .values(values)
    .onConflictDoNothing({ target: supportQuestions.idempotencyKey })
    .returning({ id: supportQuestions.id });
  if (!row) {
    const [first] = await exec
      .select({ id: supportQuestions.id })
      .from(supportQuestions)
      .where(eq(supportQuestions.idempotencyKey, values.idempotencyKey!));
    return first.id;
  }
  if (serviceIds.length)
    await exec
      .insert(supportQuestionServices)
      .values(serviceIds.map((serviceId) => ({ questionId: row.id, serviceId })));
  return row.id;
}

export async function findQuestion(exec: Executor, id: string): Promise<QuestionRow | null> {
  const [row] = await exec.select(questionColumns).from(supportQuestions).where(eq(supportQuestions.id, id));
  return row ? { ...row, answerCount: Number(row.answerCount) } : null;
}

/** Locks a question: accepting and hiding on one question go one at a time. */
export async function lockQuestion(exec: Executor, id: string): Promise<QuestionRecord | null> {
  const [row] = await exec.select().from(supportQuestions).where(eq(supportQuestions.id, id)).for('update');
  return row ?? null;
}

export interface QuestionFilter {
  provinceCodes: string[];
  /** Words, all found (whatever the diacritics) in the title and body, or all in one visible answer. */
  words: string[];
  serviceId?: string;
  status?: QuestionRecord['status'];
  authorId?: string;
  /** Commune paths whose hidden questions the reader may see (moderators); others see none hidden. */
  hiddenVisibleIn: string[];
  after?: { createdAt: string; id: string };
  limit: number;
}

/** Questions of the network, newest first, after a (createdAt, id) keyset cursor. */
export async function listQuestions(exec: Executor, f: QuestionFilter): Promise<QuestionRow[]> {
  const where: SQL[] = [inArray(supportQuestions.provinceCode, f.provinceCodes)];
  if (f.words.length) {
    // Every word in the question, or every word in one of its visible answers: each text is one AND of LIKEs, which
    // its trigram index answers together (a rare word narrows the rest).
    const all = (column: SQL) =>
      sql.join(
        f.words.map((w) => sql`${column} like '%' || vn_fold(${escapeLike(w)}) || '%'`),
        sql` and `,
      );
    where.push(sql`((${all(sql`"support_questions"."search_fold"`)}) or exists (select 1 from ${supportAnswers} a
      where a.question_id = "support_questions"."id" and a.hidden_at is null and ${all(sql`a.body_fold`)}))`);
  }
  if (f.serviceId)
    where.push(sql`exists (select 1 from ${supportQuestionServices} s
      where s.question_id = "support_questions"."id" and s.service_id = ${f.serviceId}::uuid)`);
  if (f.status) where.push(eq(supportQuestions.status, f.status));
  if (f.authorId) where.push(eq(supportQuestions.authorId, f.authorId));
  const communePath = sql`${supportQuestions.provinceCode} || '/' || ${supportQuestions.communeCode}`;
  where.push(sql`(${supportQuestions.hiddenAt} is null or ${pathCoveredBy(communePath, f.hiddenVisibleIn)})`);
  if (f.after)
    where.push(
      sql`(${supportQuestions.createdAt}, ${supportQuestions.id}) < (${f.after.createdAt}::timestamptz, ${f.after.id}::uuid)`,
    );
  const rows = await exec
    .select(questionColumns)
    .from(supportQuestions)
    .where(and(...where))
    .orderBy(sql`${supportQuestions.createdAt} desc, ${supportQuestions.id} desc`)
    .limit(f.limit);
  return rows.map((r) => ({ ...r, answerCount: Number(r.answerCount) }));
}

export interface ServiceTag {
  id: string;
  slug: string;
  name: string;
  nameEn: string | null;
}

/** The service tags of some questions, by question. */
export async function tagsOf(exec: Executor, questionIds: string[]): Promise<Map<string, ServiceTag[]>> {
  const out = new Map<string, ServiceTag[]>();
  if (!questionIds.length) return out;
  const rows = await exec
    .select({
      questionId: supportQuestionServices.questionId,
      id: catalogServices.id,
      slug: catalogServices.slug,
      name: catalogServices.name,
      nameEn: catalogServices.nameEn,
    })
    .from(supportQuestionServices)
    .innerJoin(catalogServices, eq(catalogServices.id, supportQuestionServices.serviceId))
    .where(inArray(supportQuestionServices.questionId, questionIds))
    .orderBy(asc(catalogServices.sortOrder), asc(catalogServices.name));
  for (const { questionId, ...tag } of rows) out.set(questionId, [...(out.get(questionId) ?? []), tag]);
  return out;
}

const answerColumns = {
  id: supportAnswers.id,
  questionId: supportAnswers.questionId,
  authorId: supportAnswers.authorId,
  authorRole: supportAnswers.authorRole,
  communeCode: supportAnswers.communeCode,
  body: supportAnswers.body,
  accepted: supportAnswers.accepted,
  hiddenAt: supportAnswers.hiddenAt,
  hiddenReason: supportAnswers.hiddenReason,
  createdAt: supportAnswers.createdAt,
  authorName: authorName(sql`"support_answers"."author_id"`),
  communeName: communeName(sql`"support_answers"."commune_code"`),
};
export type AnswerRow = Awaited<ReturnType<typeof listAnswers>>[number];

/** A question's answers: the accepted one first, then oldest first; hidden ones only when asked. */
export async function listAnswers(exec: Executor, questionId: string, includeHidden: boolean) {
  return exec
    .select(answerColumns)
    .from(supportAnswers)
    .where(and(eq(supportAnswers.questionId, questionId), includeHidden ? undefined : isNull(supportAnswers.hiddenAt)))
    .orderBy(sql`${supportAnswers.accepted} desc`, asc(supportAnswers.createdAt), asc(supportAnswers.id));
}

/** A new answer; a retry with the same key returns the first one's id and `created: false`. */
export async function insertAnswer(exec: Executor, values: NewAnswer): Promise<{ id: string; created: boolean }> {
  const [row] = await exec
    .insert(supportAnswers)
    .values(values)
    .onConflictDoNothing({ target: supportAnswers.idempotencyKey })
    .returning({ id: supportAnswers.id });
  if (row) return { id: row.id, created: true };
  const [first] = await exec
    .select({ id: supportAnswers.id, questionId: supportAnswers.questionId })
    .from(supportAnswers)
    .where(eq(supportAnswers.idempotencyKey, values.idempotencyKey!));
  return { id: first.id, created: false };
}

export async function findAnswer(exec: Executor, id: string): Promise<AnswerRecord | null> {
  const [row] = await exec.select().from(supportAnswers).where(eq(supportAnswers.id, id));
  return row ?? null;
}

/** Makes `answerId` the question's one accepted answer (another accepted before loses it) and marks it answered. */
export async function acceptAnswer(exec: Executor, questionId: string, answerId: string): Promise<void> {
  await exec
    .update(supportAnswers)
    .set({ accepted: false, acceptedAt: null })
    .where(
      and(
        eq(supportAnswers.questionId, questionId),
        eq(supportAnswers.accepted, true),
        ne(supportAnswers.id, answerId),
      ),
    );
  await exec
    .update(supportAnswers)
    .set({ accepted: true, acceptedAt: sql`now()` })
    .where(and(eq(supportAnswers.id, answerId), eq(supportAnswers.accepted, false)));
  await refreshStatus(exec, questionId);
}

/** 'answered' while the question has an accepted answer that is not hidden, else 'open'. */
export async function refreshStatus(exec: Executor, questionId: string): Promise<void> {
  await exec
    .update(supportQuestions)
    .set({
      status: sql`case when exists (select 1 from ${supportAnswers} a
        where a.question_id = ${questionId}::uuid and a.accepted and a.hidden_at is null) then 'answered' else 'open' end`,
      updatedAt: new Date(),
    })
    .where(eq(supportQuestions.id, questionId));
}

type Hiding = { hiddenAt: Date; hiddenBy: string; hiddenReason: string } | null;
const hidingValues = (h: Hiding) => h ?? { hiddenAt: null, hiddenBy: null, hiddenReason: null };

export async function setQuestionHidden(exec: Executor, id: string, hiding: Hiding): Promise<void> {
  await exec
    .update(supportQuestions)
    .set({ ...hidingValues(hiding), updatedAt: new Date() })
    .where(eq(supportQuestions.id, id));
}

export async function setAnswerHidden(exec: Executor, id: string, hiding: Hiding): Promise<void> {
  await exec.update(supportAnswers).set(hidingValues(hiding)).where(eq(supportAnswers.id, id));
}

/**
 * The FAQ of a service: its questions with an accepted answer, neither hidden, latest accepted first, after an
 * (acceptedAt, questionId) keyset cursor. No author, name or place: it is public.
 */
export async function listFaq(
  exec: Executor,
  serviceId: string,
  opts: { after?: { acceptedAt: string; id: string }; limit: number },
) {
  return exec
    .select({
      questionId: supportQuestions.id,
      question: supportQuestions.title,
      details: supportQuestions.body,
      answer: supportAnswers.body,
      answeredBy: supportAnswers.authorRole,
      acceptedAt: supportAnswers.acceptedAt,
      acceptedAtExact: sql<string>`${supportAnswers.acceptedAt}::text`,
    })
    .from(supportQuestionServices)
    .innerJoin(supportQuestions, eq(supportQuestions.id, supportQuestionServices.questionId))
    .innerJoin(
      supportAnswers,
      and(eq(supportAnswers.questionId, supportQuestions.id), eq(supportAnswers.accepted, true)),
    )
    .where(
      and(
        eq(supportQuestionServices.serviceId, serviceId),
        isNull(supportQuestions.hiddenAt),
        isNull(supportAnswers.hiddenAt),
        opts.after
          ? sql`(${supportAnswers.acceptedAt}, ${supportQuestions.id}) < (${opts.after.acceptedAt}::timestamptz, ${opts.after.id}::uuid)`
          : undefined,
      ),
    )
    .orderBy(sql`${supportAnswers.acceptedAt} desc, ${supportQuestions.id} desc`)
    .limit(opts.limit);
}
