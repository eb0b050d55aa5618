import type { z } from 'zod';
import type {
  SupportAnswerCreate,
  SupportAnswerView,
  SupportAuthorRole,
  SupportFaqList,
  SupportFaqQuery,
  SupportListQuery,
  SupportModeration,
  SupportQuestionCreate,
  SupportQuestionDetail,
  SupportQuestionList,
  SupportQuestionSummary,
} from '../../../common/support.js';
import type { Db, Executor } from '../../db/client.js';
import type { Actor, Assignment } from '../../platform/actor.js';
import { recordAudit } from '../../platform/audit.js';
import { decodeCursor, encodeCursor, keyset } from '../../platform/cursor.js';
import { errors } from '../../platform/errors.js';
import { authorize, can } from '../../platform/permissions.js';
import type { CatalogService } from '../catalog/service.js';
import type { NotificationService } from '../notifications/service.js';
import type { TeamsService } from '../teams/service.js';
import * as repo from './repo.js';

interface Meta {
  requestId?: string;
  /** The client's Idempotency-Key, already scoped to its sender. */
  idempotencyKey?: string;
}

const QUESTION = { vi: 'câu hỏi', en: 'Question' };
const ANSWER = { vi: 'câu trả lời', en: 'Answer' };
const SERVICE = { vi: 'dịch vụ', en: 'Service' };
/** The most weight a person answers with, in the order the network reads it. */
const ROLE_ORDER: SupportAuthorRole[] = ['province_admin', 'commune_admin', 'handling_officer', 'team_member'];
const MAX_WORDS = 8;

const provinceOf = (path: string) => path.split('/')[0];
const communeOf = (path: string) => path.split('/')[1] ?? null;
/** The commune path a question's acceptance and moderation are checked against ("19/05569"). */
const communePath = (q: { provinceCode: string; communeCode: string | null }) =>
  q.communeCode ? `${q.provinceCode}/${q.communeCode}` : q.provinceCode;
const questionLink = (id: string) => `/support/${id}`;
const excerpt = (body: string) => (body.length > 180 ? `${body.slice(0, 177).trimEnd()}…` : body);

/** The searched words: split on spaces, at most eight, each at most 50 characters. */
export const searchWords = (q: string | undefined) =>
  (q ?? '')
    .split(/\s+/)
    .map((w) => w.slice(0, 50))
    .filter(Boolean)
    .slice(0, MAX_WORDS);

export interface SupportDeps {
  db: Db;
  catalog: CatalogService;
  teams: TeamsService;
  notifications: NotificationService;
}

/**
 * Support network (hỏi đáp): team members ask; team members, officers and administrators of the province answer; the
 * asker or an administrator of the asker's commune (or the province) accepts one answer, which makes the question
 * and that answer an FAQ entry of the question's services, public without names. Administrators hide abuse, audited.
 */
export function createSupportService({ db, catalog, teams, notifications }: SupportDeps) {
  /**
   * The actor as the network knows them: an account linked to an active team membership counts as a team member of
   * that hamlet even without the role (the teams registry links a member to their account).
   */
  async function asMember(actor: Actor): Promise<Actor> {
    if (actor.kind !== 'user' || actor.assignments.some((a) => a.role === 'team_member')) return actor;
    const paths = await teams.activeMembershipPaths(actor.id);
    if (!paths.length) return actor;
    const extra: Assignment[] = paths.map((p) => ({
      role: 'team_member',
      unitCode: p.slice(p.lastIndexOf('/') + 1),
      unitPath: p,
      handlingUnitId: null,
    }));
    return { ...actor, assignments: [...actor.assignments, ...extra] };
  }

  /** The provinces whose network the actor belongs to. */
  const networkProvinces = (actor: Actor) =>
    [
      ...new Set(
        actor.assignments.filter((a) => a.unitPath && a.role !== 'citizen').map((a) => provinceOf(a.unitPath!)),
      ),
    ].filter((p) => can(actor, 'support.read', { unitPath: p }));

  /** The role and place a post is written with: the weightiest of the actor's roles in that province. */
  function postingAs(actor: Actor, province: string, roles: SupportAuthorRole[]) {
    const held = actor.assignments.filter(
      (a): a is Assignment & { unitPath: string } =>
        !!a.unitPath && provinceOf(a.unitPath) === province && roles.includes(a.role as SupportAuthorRole),
    );
    for (const role of ROLE_ORDER) {
      const a = held.find((x) => x.role === role);
      if (a) return { role, unitPath: a.unitPath };
    }
    throw errors.forbidden();
  }

  const author = (r: {
    authorId: string;
    authorName: string;
    authorRole: SupportAuthorRole;
    communeName: string | null;
  }) => ({
    id: r.authorId,
    name: r.authorName,
    role: r.authorRole,
    communeName: r.communeName,
  });

  function toSummary(q: repo.QuestionRow, tags: repo.ServiceTag[]): SupportQuestionSummary {
    return {
      id: q.id,
      title: q.title,
      excerpt: excerpt(q.body),
      status: q.status,
      services: tags,
      author: author(q),
      answerCount: q.answerCount,
      hidden: !!q.hiddenAt,
      createdAt: q.createdAt.toISOString(),
    };
  }

  function toAnswer(a: repo.AnswerRow, moderator: boolean): SupportAnswerView {
    return {
      id: a.id,
      body: a.body,
      author: author(a),
      accepted: a.accepted,
      hidden: !!a.hiddenAt,
      hiddenReason: moderator ? a.hiddenReason : null,
      createdAt: a.createdAt.toISOString(),
    };
  }

  /** A question the actor may read: hidden ones only for its moderators; else "not found". */
  async function readable(exec: Executor, actor: Actor, id: string) {
    const q = await repo.findQuestion(exec, id);
    if (!q) throw errors.notFound(QUESTION);
    authorize(actor, 'support.read', { unitPath: q.provinceCode });
    const moderator = can(actor, 'support.moderate', { unitPath: communePath(q) });
    if (q.hiddenAt && !moderator) throw errors.notFound(QUESTION);
    return { q, moderator };
  }

  async function detail(exec: Executor, actor: Actor, id: string): Promise<SupportQuestionDetail> {
    const { q, moderator } = await readable(exec, actor, id);
    const [answers, tags] = await Promise.all([repo.listAnswers(exec, q.id, moderator), repo.tagsOf(exec, [q.id])]);
    const { excerpt: _, ...summary } = toSummary(q, tags.get(q.id) ?? []);
    return {
      ...summary,
      body: q.body,
      hiddenReason: moderator ? q.hiddenReason : null,
      answers: answers.map((a) => toAnswer(a, moderator)),
      can: {
        answer: !q.hiddenAt && can(actor, 'support.answer', { unitPath: q.provinceCode }),
        accept: can(actor, 'support.accept', { unitPath: communePath(q), ownerId: q.authorId }),
        moderate: moderator,
      },
    };
  }

  /** A catalog service named by id or slug (a filter): published, else a 400 or 404 naming it. */
  async function requireService(idOrSlug: string, field: string | null) {
    const s = await catalog.findPublished(idOrSlug);
    if (s) return s;
    if (field)
      throw errors.invalidField(field, { vi: 'Không có dịch vụ này trong danh mục.', en: 'No such catalog service.' });
    throw errors.notFound(SERVICE);
  }

  return {
    /** The network's questions (the actor's province), newest first; `q` ignores diacritics and reads answers too. */
    async list(actorIn: Actor, query: z.output<typeof SupportListQuery>): Promise<SupportQuestionList> {
      const actor = await asMember(actorIn);
      const provinces = networkProvinces(actor);
      if (!provinces.length) throw errors.forbidden();
      const after = query.cursor ? decodeCursor(query.cursor, keyset()) : undefined;
      const service = query.service ? await requireService(query.service, 'service') : null;
      const hiddenVisibleIn = [
        ...new Set(
          actor.assignments
            .filter((a) => a.unitPath && (a.role === 'commune_admin' || a.role === 'province_admin'))
            .map((a) => a.unitPath!),
        ),
      ];
      const rows = await repo.listQuestions(db, {
        provinceCodes: provinces,
        words: searchWords(query.q),
        serviceId: service?.id,
        status: query.status,
        authorId: query.mine ? actor.id : undefined,
        hiddenVisibleIn,
        after: after ? { createdAt: after[0], id: after[1] } : undefined,
        limit: query.limit + 1,
      });
      const page = rows.slice(0, query.limit);
      const tags = await repo.tagsOf(
        db,
        page.map((q) => q.id),
      );
      const last = page[page.length - 1];
      return {
        items: page.map((q) => toSummary(q, tags.get(q.id) ?? [])),
        nextCursor: rows.length > query.limit && last ? encodeCursor([last.createdAtExact, last.id]) : null,
      };
    },

    /** One question with its answers (the accepted one first) and what the actor may do with it. */
    async get(actorIn: Actor, id: string): Promise<SupportQuestionDetail> {
      return detail(db, await asMember(actorIn), id);
    },

    /** A team member asks; the services named must be published ones of the asker's province. */
    async ask(
      actorIn: Actor,
      input: z.output<typeof SupportQuestionCreate>,
      meta: Meta = {},
    ): Promise<SupportQuestionDetail> {
      const actor = await asMember(actorIn);
      const province = actor.assignments
        .filter((a) => a.role === 'team_member' && a.unitPath)
        .map((a) => provinceOf(a.unitPath!))
        .find((p) => can(actor, 'support.ask', { unitPath: p }));
      if (!province) throw errors.forbidden();
      const as = postingAs(actor, province, ['team_member']);
      const services = await catalog.publishedByIds(input.serviceIds);
      const unknown = input.serviceIds.filter(
        (id) => !services.some((s) => s.id === id && s.provinceCode === province),
      );
      if (unknown.length)
        throw errors.invalidField('serviceIds', {
          vi: 'Có dịch vụ không thuộc danh mục của tỉnh.',
          en: "A service is not in the province's catalog.",
        });
      return db.transaction(async (tx) => {
        const id = await repo.insertQuestion(
          tx,
          {
            authorId: actor.id,
            authorRole: as.role,
            unitPath: as.unitPath,
            provinceCode: province,
            communeCode: communeOf(as.unitPath),
            title: input.title,
            body: input.body,
            idempotencyKey: meta.idempotencyKey ?? null,
          },
          input.serviceIds,
        );
        return detail(tx, actor, id);
      });
    },

    /** An answer by anyone of the province's network; the asker is told in the app (not when answering themselves). */
    async answer(
      actorIn: Actor,
      questionId: string,
      input: z.output<typeof SupportAnswerCreate>,
      meta: Meta = {},
    ): Promise<SupportQuestionDetail> {
      const actor = await asMember(actorIn);
      return db.transaction(async (tx) => {
        const { q } = await readable(tx, actor, questionId);
        authorize(actor, 'support.answer', { unitPath: q.provinceCode });
        if (q.hiddenAt)
          throw errors.conflict('question_hidden', {
            vi: 'Câu hỏi đã bị ẩn; không thể trả lời.',
            en: 'The question is hidden; it cannot be answered.',
          });
        const as = postingAs(actor, q.provinceCode, [
          'team_member',
          'handling_officer',
          'commune_admin',
          'province_admin',
        ]);
        const { created } = await repo.insertAnswer(tx, {
          questionId: q.id,
          authorId: actor.id,
          authorRole: as.role,
          communeCode: communeOf(as.unitPath),
          body: input.body,
          idempotencyKey: meta.idempotencyKey ?? null,
        });
        if (created && q.authorId !== actor.id)
          await notifications.addInApp(tx, [
            {
              userId: q.authorId,
              kind: 'support.answered',
              title: { vi: 'Câu hỏi của bạn có câu trả lời mới', en: 'Your question has a new answer' },
              body: { vi: q.title, en: q.title },
              link: questionLink(q.id),
            },
          ]);
        return detail(tx, actor, q.id);
      });
    },

    /**
     * Accepts an answer: the question's author or an administrator of its commune (or province). One accepted answer
     * per question: accepting another moves it. The accepted answer's author is told (unless it is the accepter).
     */
    async accept(actorIn: Actor, answerId: string, meta: Meta = {}): Promise<SupportQuestionDetail> {
      const actor = await asMember(actorIn);
      return db.transaction(async (tx) => {
        const answer = await repo.findAnswer(tx, answerId);
        if (!answer) throw errors.notFound(ANSWER);
        const { q, moderator } = await readable(tx, actor, answer.questionId);
        if (answer.hiddenAt && !moderator) throw errors.notFound(ANSWER);
        authorize(actor, 'support.accept', { unitPath: communePath(q), ownerId: q.authorId });
        await repo.lockQuestion(tx, q.id);
        if (answer.hiddenAt || q.hiddenAt)
          throw errors.conflict('hidden', {
            vi: 'Không thể chọn nội dung đã bị ẩn.',
            en: 'Hidden content cannot be accepted.',
          });
        const fresh = await repo.findAnswer(tx, answerId);
        if (!fresh?.accepted) {
          await repo.acceptAnswer(tx, q.id, answerId);
          if (actor.id !== q.authorId)
            await recordAudit(
              tx,
              actor,
              {
                action: 'support.accept',
                resourceType: 'support_answer',
                resourceId: answerId,
                unitPath: communePath(q),
              },
              meta.requestId,
            );
          if (answer.authorId !== actor.id)
            await notifications.addInApp(tx, [
              {
                userId: answer.authorId,
                kind: 'support.accepted',
                title: {
                  vi: 'Câu trả lời của bạn đã được chọn vào hỏi đáp thường gặp',
                  en: 'Your answer was accepted into the FAQ',
                },
                body: { vi: q.title, en: q.title },
                link: questionLink(q.id),
              },
            ]);
        }
        return detail(tx, actor, q.id);
      });
    },

    /** Hides (with a reason) or shows again a question; audited in the same transaction. */
    async moderateQuestion(
      actorIn: Actor,
      id: string,
      input: z.output<typeof SupportModeration>,
      meta: Meta = {},
    ): Promise<SupportQuestionDetail> {
      const actor = await asMember(actorIn);
      return db.transaction(async (tx) => {
        const q = await repo.lockQuestion(tx, id);
        if (!q) throw errors.notFound(QUESTION);
        authorize(actor, 'support.read', { unitPath: q.provinceCode });
        authorize(actor, 'support.moderate', { unitPath: communePath(q) });
        if (!!q.hiddenAt !== input.hidden) {
          await repo.setQuestionHidden(
            tx,
            id,
            input.hidden ? { hiddenAt: new Date(), hiddenBy: actor.id, hiddenReason: input.reason! } : null,
          );
          await recordAudit(
            tx,
            actor,
            {
              action: input.hidden ? 'support.question_hide' : 'support.question_show',
              resourceType: 'support_question',
              resourceId: id,
              unitPath: communePath(q),
              reason: input.reason ?? null,
            },
            meta.requestId,
          );
        }
        return detail(tx, actor, id);
      });
    },

    /** Hides (with a reason) or shows again an answer; audited. A hidden accepted answer leaves the FAQ. */
    async moderateAnswer(
      actorIn: Actor,
      id: string,
      input: z.output<typeof SupportModeration>,
      meta: Meta = {},
    ): Promise<SupportQuestionDetail> {
      const actor = await asMember(actorIn);
      return db.transaction(async (tx) => {
        const answer = await repo.findAnswer(tx, id);
        if (!answer) throw errors.notFound(ANSWER);
        const q = await repo.lockQuestion(tx, answer.questionId);
        if (!q) throw errors.notFound(QUESTION);
        authorize(actor, 'support.read', { unitPath: q.provinceCode });
        authorize(actor, 'support.moderate', { unitPath: communePath(q) });
        if (!!answer.hiddenAt !== input.hidden) {
          await repo.setAnswerHidden(
            tx,
            id,
            input.hidden ? { hiddenAt: new Date(), hiddenBy: actor.id, hiddenReason: input.reason! } : null,
          );
          // A hidden accepted answer stays accepted (shown again, it is back) but the question reads as open meanwhile.
          if (answer.accepted) await repo.refreshStatus(tx, q.id);
          await recordAudit(
            tx,
            actor,
            {
              action: input.hidden ? 'support.answer_hide' : 'support.answer_show',
              resourceType: 'support_answer',
              resourceId: id,
              unitPath: communePath(q),
              reason: input.reason ?? null,
            },
            meta.requestId,
          );
        }
        return detail(tx, actor, q.id);
      });
    },

    /** The public FAQ of a published service: accepted answers and their questions, no names, latest first. */
    async faq(query: z.output<typeof SupportFaqQuery>): Promise<SupportFaqList> {
      const service = await requireService(query.service, null);
      const after = query.cursor ? decodeCursor(query.cursor, keyset()) : undefined;
      const rows = await repo.listFaq(db, service.id, {
        after: after ? { acceptedAt: after[0], id: after[1] } : undefined,
        limit: query.limit + 1,
      });
      const page = rows.slice(0, query.limit);
      const last = page[page.length - 1];
      return {
        items: page.map((r) => ({
          questionId: r.questionId,
          question: r.question,
          details: r.details,
          answer: r.answer,
          answeredBy: r.answeredBy,
          acceptedAt: (r.acceptedAt ?? new Date()).toISOString(),
        })),
        nextCursor: rows.length > query.limit && last ? encodeCursor([last.acceptedAtExact, last.questionId]) : null,
      };
    },
  };
}

export type SupportService = ReturnType<typeof createSupportService>;
