import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  SupportAnswerCreate,
  SupportFaqList,
  SupportFaqQuery,
  SupportIdParam,
  SupportListQuery,
  SupportModeration,
  SupportQuestionCreate,
  SupportQuestionDetail,
  SupportQuestionList,
} from '../../../common/support.js';
import { requireActor } from '../../platform/actor.js';
import { IdempotencyHeaders, scopedIdempotencyKey } from '../../platform/idempotency/index.js';
import type { SupportService } from './service.js';

const tags = ['support'];

/** The client's Idempotency-Key (checked by the route's header schema), scoped to its sender. */
const keyOf = (req: FastifyRequest) => {
  const key = req.headers['idempotency-key'];
  return typeof key === 'string' && req.actor ? scopedIdempotencyKey(req.actor, key) : undefined;
};

/**
 * Support network (hỏi đáp): HTTP only; the service authorizes, audits and notifies. The network's questions and
 * answers are for signed-in team members, officers and administrators of the province; the FAQ is public.
 */
export async function supportRoutes(server: FastifyInstance, opts: { support: SupportService }) {
  const app = server.withTypeProvider<ZodTypeProvider>();
  const { support } = opts;

  app.get(
    '/api/support/faq',
    {
      schema: {
        tags,
        summary: 'Hỏi đáp thường gặp của một dịch vụ (công khai, không tên người) / A service’s FAQ (public, no names)',
        querystring: SupportFaqQuery,
        response: { 200: SupportFaqList },
      },
    },
    async (req) => support.faq(req.query),
  );

  app.get(
    '/api/support/questions',
    {
      schema: {
        tags,
        summary:
          'Câu hỏi của mạng lưới hỗ trợ (tìm không dấu) / The network’s questions (diacritic-insensitive search)',
        querystring: SupportListQuery,
        response: { 200: SupportQuestionList },
      },
    },
    async (req) => support.list(requireActor(req), req.query),
  );

  app.post(
    '/api/support/questions',
    {
      schema: {
        tags,
        summary: 'Đặt câu hỏi (thành viên tổ công nghệ số) / Ask a question (team members)',
        headers: IdempotencyHeaders,
        body: SupportQuestionCreate,
        response: { 201: SupportQuestionDetail },
      },
    },
    async (req, reply) =>
      reply
        .code(201)
        .send(await support.ask(requireActor(req), req.body, { requestId: req.id, idempotencyKey: keyOf(req) })),
  );

  app.get(
    '/api/support/questions/:id',
    {
      schema: {
        tags,
        summary: 'Một câu hỏi và các câu trả lời / A question and its answers',
        params: SupportIdParam,
        response: { 200: SupportQuestionDetail },
      },
    },
    async (req) => support.get(requireActor(req), req.params.id),
  );

  app.post(
    '/api/support/questions/:id/answers',
    {
      schema: {
        tags,
        summary: 'Trả lời câu hỏi / Answer a question',
        headers: IdempotencyHeaders,
        params: SupportIdParam,
        body: SupportAnswerCreate,
        response: { 201: SupportQuestionDetail },
      },
    },
    async (req, reply) =>
      reply.code(201).send(
        await support.answer(requireActor(req), req.params.id, req.body, {
          requestId: req.id,
          idempotencyKey: keyOf(req),
        }),
      ),
  );

  app.post(
    '/api/support/answers/:id/accept',
    {
      schema: {
        tags,
        summary: 'Chọn câu trả lời (người hỏi hoặc quản trị) / Accept an answer (the asker or an administrator)',
        params: SupportIdParam,
        response: { 200: SupportQuestionDetail },
      },
    },
    async (req) => support.accept(requireActor(req), req.params.id, { requestId: req.id }),
  );

  app.post(
    '/api/support/questions/:id/moderation',
    {
      schema: {
        tags,
        summary:
          'Ẩn hoặc hiện lại câu hỏi (quản trị, có ghi nhật ký) / Hide or show a question (administrators, audited)',
        params: SupportIdParam,
        body: SupportModeration,
        response: { 200: SupportQuestionDetail },
      },
    },
    async (req) => support.moderateQuestion(requireActor(req), req.params.id, req.body, { requestId: req.id }),
  );

  app.post(
    '/api/support/answers/:id/moderation',
    {
      schema: {
        tags,
        summary:
          'Ẩn hoặc hiện lại câu trả lời (quản trị, có ghi nhật ký) / Hide or show an answer (administrators, audited)',
        params: SupportIdParam,
        body: SupportModeration,
        response: { 200: SupportQuestionDetail },
      },
    },
    async (req) => support.moderateAnswer(requireActor(req), req.params.id, req.body, { requestId: req.id }),
  );
}
