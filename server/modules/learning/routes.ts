import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  CourseIdParam,
  CourseLessonParam,
  CourseProgress,
  EnrolmentCreate,
  EnrolmentView,
  LearnerStats,
  LearnerStatsQuery,
  MyCourses,
  QuizAttemptCreate,
  QuizAttemptResult,
} from '../../../common/learning.js';
import { requireActor } from '../../platform/actor.js';
import { contentDisposition } from '../../platform/content-disposition.js';
import { requestLang } from '../../platform/errors.js';
import { XLSX_TYPE as XLSX } from '../../platform/spreadsheet.js';
import type { LearningService } from './service.js';

const tags = ['learning'];

/**
 * Learning (Bình dân học vụ số): enrolment, progress, quiz attempts and learner statistics. HTTP only; the service
 * authorizes. Writes are idempotent by themselves (one enrolment per person and course, a lesson done once, the
 * client's attempt id), so they need no Idempotency-Key.
 */
export async function learningRoutes(server: FastifyInstance, opts: { learning: LearningService }) {
  const app = server.withTypeProvider<ZodTypeProvider>();
  const { learning } = opts;

  app.post(
    '/api/courses/:id/enrolment',
    {
      schema: {
        tags,
        summary:
          'Đăng ký học (đối tượng và đơn vị; gọi lại trả lần đăng ký đầu) / Enrol (category and unit; a repeat answers the first)',
        params: CourseIdParam,
        body: EnrolmentCreate,
        response: { 200: EnrolmentView, 201: EnrolmentView },
      },
    },
    async (req, reply) => {
      const { enrolment, created } = await learning.enrol(requireActor(req), req.params.id, req.body);
      return reply.code(created ? 201 : 200).send(enrolment);
    },
  );

  app.get(
    '/api/courses/:id/progress',
    {
      schema: {
        tags,
        summary: 'Tiến độ học của tôi (trên mọi thiết bị) / My progress (on any device)',
        params: CourseIdParam,
        response: { 200: CourseProgress },
      },
    },
    async (req) => learning.progress(requireActor(req), req.params.id),
  );

  app.put(
    '/api/courses/:id/lessons/:lessonId/done',
    {
      schema: {
        tags,
        summary: 'Đánh dấu đã học xong một bài / Mark a lesson done',
        params: CourseLessonParam,
        response: { 200: CourseProgress },
      },
    },
    async (req) => learning.markLessonDone(requireActor(req), req.params.id, req.params.lessonId),
  );

  app.post(
    '/api/courses/:id/quiz/attempts',
    {
      schema: {
        tags,
        summary:
          'Nộp bài kiểm tra (điểm, đáp án đúng và giải thích) / Submit a quiz attempt (score, correct answers, explanations)',
        params: CourseIdParam,
        body: QuizAttemptCreate,
        response: { 201: QuizAttemptResult },
      },
    },
    async (req, reply) =>
      reply.code(201).send(await learning.submitAttempt(requireActor(req), req.params.id, req.body)),
  );

  app.get(
    '/api/learning/mine',
    {
      schema: {
        tags,
        summary: 'Các khoá học của tôi và tiến độ / My courses and progress',
        response: { 200: MyCourses },
      },
    },
    async (req) => learning.mine(requireActor(req)),
  );

  app.get(
    '/api/learning/stats',
    {
      schema: {
        tags,
        summary: 'Thống kê người học theo đối tượng, đơn vị, tháng / Learner statistics by category, unit and month',
        querystring: LearnerStatsQuery,
        response: { 200: LearnerStats },
      },
    },
    async (req) => learning.stats(requireActor(req), req.query),
  );

  app.get(
    '/api/learning/stats/export.xlsx',
    {
      schema: {
        tags,
        summary: 'Xuất thống kê người học (XLSX) / Export learner statistics (XLSX)',
        querystring: LearnerStatsQuery,
      },
    },
    async (req, reply) => {
      const { file, name } = await learning.exportStats(requireActor(req), req.query, requestLang(req));
      return reply
        .type(XLSX)
        .header('content-disposition', contentDisposition('attachment', name, 'xlsx'))
        .send(file);
    },
  );
}
