import multipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  AttendanceList,
  AttendanceTick,
  CheckInInput,
  CheckInPreview,
  CheckInQuery,
  CheckInResult,
  MyRegistration,
  MyRegistrationList,
  RegistrationInput,
  SiteCode,
  TRAINING_LIMITS,
  TrainingIdParam,
  TrainingListQuery,
  TrainingSessionDetail,
  TrainingSessionInput,
  TrainingSessionList,
  TrainingSiteParam,
} from '../../../common/training.js';
import { requireActor } from '../../platform/actor.js';
import { contentDisposition } from '../../platform/content-disposition.js';
import { XLSX_TYPE as XLSX } from '../../platform/spreadsheet.js';
import { readUploadedFile } from '../../platform/uploads.js';
import type { TrainingService } from './service.js';

const tags = ['training'];
const TickResult = z.object({ id: z.string(), attendedAt: z.string().nullable() });
const MaterialQuery = z.strictObject({ title: z.string().trim().min(1).max(TRAINING_LIMITS.materialTitle) });

/**
 * Live training sessions (hội nghị tập huấn): HTTP only; the service authorizes and audits. Public answers carry
 * counts, never a participant's name.
 */
export async function trainingRoutes(server: FastifyInstance, opts: { training: TrainingService }) {
  const app = server.withTypeProvider<ZodTypeProvider>();
  const { training } = opts;

  app.get(
    '/api/training/sessions',
    {
      schema: {
        tags,
        summary: 'Các buổi tập huấn đã công bố (công khai, chỉ số lượng) / Published sessions (public, counts only)',
        querystring: TrainingListQuery,
        response: { 200: TrainingSessionList },
      },
    },
    async (req) => training.list(req.actor, req.query),
  );

  app.get(
    '/api/training/manage/sessions',
    {
      schema: {
        tags,
        summary: 'Các buổi tập huấn của đơn vị (quản trị) / The unit’s sessions (administrators)',
        response: { 200: TrainingSessionList },
      },
    },
    async (req) => training.managed(requireActor(req)),
  );

  app.post(
    '/api/training/sessions',
    {
      schema: {
        tags,
        summary: 'Tạo buổi tập huấn (quản trị xã, tỉnh) / Create a session (commune or province administrators)',
        body: TrainingSessionInput,
        response: { 201: TrainingSessionDetail },
      },
    },
    async (req, reply) =>
      reply.code(201).send(await training.create(requireActor(req), req.body, { requestId: req.id })),
  );

  app.get(
    '/api/training/sessions/:id',
    {
      schema: {
        tags,
        summary: 'Một buổi tập huấn: điểm cầu và số lượng / A session: sites and counts',
        params: TrainingIdParam,
        response: { 200: TrainingSessionDetail },
      },
    },
    async (req) => training.read(req.actor, req.params.id),
  );

  app.put(
    '/api/training/sessions/:id',
    {
      schema: {
        tags,
        summary: 'Sửa buổi tập huấn / Edit a session',
        params: TrainingIdParam,
        body: TrainingSessionInput,
        response: { 200: TrainingSessionDetail },
      },
    },
    async (req) => training.update(requireActor(req), req.params.id, req.body, { requestId: req.id }),
  );

  app.post(
    '/api/training/sessions/:id/registration',
    {
      schema: {
        tags,
        summary: 'Đăng ký tham dự tại một điểm cầu (một lần mỗi người) / Register at a site (once per person)',
        params: TrainingIdParam,
        body: RegistrationInput,
        response: { 200: MyRegistration, 201: MyRegistration },
      },
    },
    async (req, reply) => {
      const { created, registration } = await training.register(requireActor(req), req.params.id, req.body);
      return reply.code(created ? 201 : 200).send(registration);
    },
  );

  app.delete(
    '/api/training/sessions/:id/registration',
    {
      schema: {
        tags,
        summary: 'Hủy đăng ký của mình / Cancel one’s registration',
        params: TrainingIdParam,
        response: { 200: MyRegistration },
      },
    },
    async (req) => training.cancelRegistration(requireActor(req), req.params.id),
  );

  app.get(
    '/api/training/registrations/mine',
    {
      schema: {
        tags,
        summary: 'Các buổi tôi đã đăng ký / My registrations',
        response: { 200: MyRegistrationList },
      },
    },
    async (req) => training.mine(requireActor(req)),
  );

  app.get(
    '/api/training/sites/:siteId/code',
    {
      schema: {
        tags,
        summary:
          'Mã QR điểm danh hiện tại của một điểm cầu (màn chiếu, cán bộ) / A site’s current check-in QR (projector, staff)',
        params: TrainingSiteParam,
        response: { 200: SiteCode },
      },
    },
    async (req, reply) => {
      reply.header('cache-control', 'no-store');
      return training.siteCode(requireActor(req), req.params.siteId);
    },
  );

  app.get(
    '/api/training/check-in',
    {
      schema: {
        tags,
        summary: 'Mã điểm danh dùng cho buổi nào (không có thông tin cá nhân) / What a check-in code is for',
        querystring: CheckInQuery,
        response: { 200: CheckInPreview },
      },
    },
    async (req) => training.preview(req.actor, req.query.c),
  );

  app.post(
    '/api/training/check-in',
    {
      schema: {
        tags,
        summary: 'Điểm danh bằng mã QR của điểm cầu / Check in with a site’s QR code',
        body: CheckInInput,
        response: { 200: CheckInResult },
      },
    },
    async (req) => training.checkIn(requireActor(req), req.body, { requestId: req.id }),
  );

  app.get(
    '/api/training/sessions/:id/attendance',
    {
      schema: {
        tags,
        summary: 'Danh sách điểm danh (đơn vị tổ chức) / The attendance list (the organiser)',
        params: TrainingIdParam,
        response: { 200: AttendanceList },
      },
    },
    async (req, reply) => {
      reply.header('cache-control', 'no-store');
      return training.attendanceList(requireActor(req), req.params.id);
    },
  );

  app.put(
    '/api/training/registrations/:id/attendance',
    {
      schema: {
        tags,
        summary: 'Đánh dấu có mặt (cán bộ, có ghi nhật ký) / Tick attendance (staff, audited)',
        params: TrainingIdParam,
        body: AttendanceTick,
        response: { 200: TickResult },
      },
    },
    async (req) => training.tick(requireActor(req), req.params.id, req.body.attended, { requestId: req.id }),
  );

  app.get(
    '/api/training/sessions/:id/attendance.xlsx',
    {
      schema: {
        tags,
        summary: 'Xuất danh sách điểm danh (XLSX, có ghi nhật ký) / Export the attendance list (XLSX, audited)',
        params: TrainingIdParam,
      },
    },
    async (req, reply) => {
      const { file, name } = await training.exportAttendance(requireActor(req), req.params.id, { requestId: req.id });
      return reply
        .type(XLSX)
        .header('cache-control', 'no-store')
        .header('content-disposition', contentDisposition('attachment', name, 'xlsx'))
        .send(file);
    },
  );

  app.get(
    '/api/training/materials/:id/file',
    { schema: { tags, summary: 'Tài liệu PDF của buổi tập huấn / A session’s PDF material', params: TrainingIdParam } },
    async (req, reply) => {
      const file = await training.materialFile(req.actor, req.params.id);
      return reply
        .type('application/pdf')
        .header('content-length', file.bytes)
        .header('x-content-type-options', 'nosniff')
        .header('content-disposition', contentDisposition('inline', file.fileName.replace(/\.pdf$/i, ''), 'pdf'))
        .send(file.stream);
    },
  );

  // The upload lives in its own scope: only this route parses multipart bodies, with the material's limits.
  await app.register(async (scope) => {
    await scope.register(multipart, {
      limits: { files: 1, fileSize: TRAINING_LIMITS.materialBytes, fields: 0, parts: 1 },
    });
    scope.withTypeProvider<ZodTypeProvider>().post(
      '/api/training/sessions/:id/materials',
      {
        schema: {
          tags,
          summary: 'Tải lên tài liệu PDF (multipart, tệp `file`) / Upload a PDF material (multipart, file `file`)',
          description: 'multipart/form-data with one file `file` (PDF, ≤ 20 MB); `?title=` names it.',
          params: TrainingIdParam,
          querystring: MaterialQuery,
          response: { 201: TrainingSessionDetail },
        },
      },
      async (req, reply) => {
        const actor = requireActor(req);
        const { bytes, filename } = await readUploadedFile(req, {
          field: 'file',
          noun: { vi: 'tệp', en: 'file' },
          maxBytes: TRAINING_LIMITS.materialBytes,
          tooLargeCode: 'file_too_large',
        });
        const detail = await training.addPdf(
          actor,
          req.params.id,
          { bytes, fileName: filename || 'tai-lieu.pdf', title: req.query.title },
          { requestId: req.id },
        );
        return reply.code(201).send(detail);
      },
    );
  });
}
