import multipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  COURSE_MEDIA,
  CourseCreate,
  CourseDraftSave,
  CourseIdParam,
  CourseLessonParam,
  CourseList,
  CourseListQuery,
  CourseManageDetail,
  CourseManageList,
  CourseManageQuery,
  CourseMedia,
  CourseMediaParam,
  CourseReader,
  LessonReader,
} from '../../../common/courses.js';
import { requireActor } from '../../platform/actor.js';
import { contentDisposition } from '../../platform/content-disposition.js';
import { IdempotencyHeaders } from '../../platform/idempotency/index.js';
import { megabytes, readUploadedFile } from '../../platform/uploads.js';
import type { CoursesService } from './service.js';

const tags = ['courses'];
const MAX_UPLOAD = Math.max(COURSE_MEDIA.imageMaxBytes, COURSE_MEDIA.attachmentMaxBytes);

/**
 * Courses (Bình dân học vụ số): public reading of published courses; authoring ('course.manage' on the owner unit)
 * under /api/courses/manage.
 */
export async function coursesRoutes(server: FastifyInstance, opts: { courses: CoursesService }) {
  const app = server.withTypeProvider<ZodTypeProvider>();
  const service = opts.courses;

  app.get(
    '/api/courses',
    {
      schema: {
        tags,
        summary: 'Các khóa học đã xuất bản / Published courses',
        querystring: CourseListQuery,
        response: { 200: CourseList },
      },
    },
    async (req) => service.listPublished(req.query),
  );

  app.get(
    '/api/courses/:id',
    {
      schema: {
        tags,
        summary: 'Một khóa học: các bài, bài kiểm tra (không kèm đáp án) / A course: lessons, quiz (no answers)',
        params: CourseIdParam,
        response: { 200: CourseReader },
      },
    },
    async (req) => service.getReader(req.actor, req.params.id),
  );

  app.get(
    '/api/courses/:id/lessons/:lessonId',
    {
      schema: {
        tags,
        summary: 'Một bài học (HTML) / One lesson (HTML)',
        params: CourseLessonParam,
        response: { 200: LessonReader },
      },
    },
    async (req) => service.getLesson(req.actor, req.params.id, req.params.lessonId),
  );

  app.get(
    '/api/courses/media/:id/:variant',
    {
      schema: {
        tags,
        summary: 'Ảnh (WebP 480/960 px) hoặc tệp PDF của khóa học / A course image (WebP) or PDF',
        params: CourseMediaParam,
      },
    },
    async (req, reply) => {
      const file = await service.openMedia(req.actor, req.params.id, req.params.variant);
      if (file.type === 'application/pdf')
        reply.header('content-disposition', contentDisposition('inline', file.filename, 'pdf', 'tai-lieu'));
      return reply
        .type(file.type)
        .header('content-length', file.bytes)
        .header('cache-control', file.isPublic ? 'public, max-age=86400' : 'private, no-cache')
        .header('x-content-type-options', 'nosniff')
        .send(file.stream);
    },
  );

  app.post(
    '/api/courses/manage',
    {
      schema: {
        tags,
        summary: 'Tạo khóa học (bản nháp) / Create a course (draft)',
        headers: IdempotencyHeaders,
        body: CourseCreate,
        response: { 201: CourseManageDetail },
      },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      const course = await service.create(actor, req.body, {
        requestId: req.id,
        idempotencyKey: req.headers['idempotency-key'],
      });
      return reply.code(201).send(course);
    },
  );

  app.get(
    '/api/courses/manage',
    {
      schema: {
        tags,
        summary: 'Các khóa học mình quản lý, kể cả bản nháp / Courses one authors, drafts included',
        querystring: CourseManageQuery,
        response: { 200: CourseManageList },
      },
    },
    async (req) => service.listManaged(requireActor(req), req.query.unit),
  );

  app.get(
    '/api/courses/manage/:id',
    {
      schema: {
        tags,
        summary: 'Bản nháp của một khóa học / A course’s draft',
        params: CourseIdParam,
        response: { 200: CourseManageDetail },
      },
    },
    async (req) => service.getManaged(requireActor(req), req.params.id),
  );

  app.put(
    '/api/courses/manage/:id',
    {
      schema: {
        tags,
        summary: 'Lưu cả bản nháp (kèm draftRevision; cũ → 409) / Save the whole draft (stale revision → 409)',
        params: CourseIdParam,
        body: CourseDraftSave,
        response: { 200: CourseManageDetail },
      },
    },
    async (req) => service.saveDraft(requireActor(req), req.params.id, req.body),
  );

  app.post(
    '/api/courses/manage/:id/publish',
    {
      schema: {
        tags,
        summary: 'Xuất bản bản nháp thành phiên bản mới / Publish the draft as a new version',
        params: CourseIdParam,
        response: { 200: CourseManageDetail },
      },
    },
    async (req) => service.publish(requireActor(req), req.params.id, { requestId: req.id }),
  );

  app.post(
    '/api/courses/manage/:id/archive',
    {
      schema: {
        tags,
        summary: 'Lưu trữ (ẩn với người học) / Archive (hide from learners)',
        params: CourseIdParam,
        response: { 200: CourseManageDetail },
      },
    },
    async (req) => service.archive(requireActor(req), req.params.id, { requestId: req.id }),
  );

  // The upload lives in its own scope: only this route parses multipart bodies.
  await app.register(async (scope) => {
    await scope.register(multipart, { limits: { files: 1, fileSize: MAX_UPLOAD, fields: 0, parts: 1 } });
    scope.withTypeProvider<ZodTypeProvider>().post(
      '/api/courses/manage/:id/media',
      {
        schema: {
          tags,
          summary: 'Tải ảnh hoặc PDF lên khóa học (multipart, tệp `file`) / Upload an image or PDF (file `file`)',
          description: `multipart/form-data with one file \`file\`: an image (re-encoded to WebP ${COURSE_MEDIA.imageWidths.join('/')} px) or a PDF, ≤ ${megabytes(COURSE_MEDIA.attachmentMaxBytes)}.`,
          params: CourseIdParam,
          response: { 201: CourseMedia },
        },
      },
      async (req, reply) => {
        const actor = requireActor(req);
        await service.authorizeCourse(actor, req.params.id);
        const { bytes, filename } = await readUploadedFile(req, {
          field: 'file',
          noun: { vi: 'tệp', en: 'file' },
          maxBytes: MAX_UPLOAD,
          tooLargeCode: 'file_too_large',
        });
        const media = await service.uploadMedia(actor, req.params.id, { bytes, filename }, { requestId: req.id });
        return reply.code(201).send(media);
      },
    );
  });
}
