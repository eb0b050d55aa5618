import multipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  ActivityExportQuery,
  ActivityIdParam,
  ActivityInput,
  ActivityListQuery,
  ActivityMineQuery,
  ActivityPage,
  ActivityPatch,
  ActivityPhotoQuery,
  ActivityResidentList,
  ActivitySyncBody,
  ActivitySyncResponse,
  ActivityView,
} from '../../../common/activities.js';
import { requireActor } from '../../platform/actor.js';
import { contentDisposition } from '../../platform/content-disposition.js';
import { requestLang } from '../../platform/errors.js';
import { PHOTO_LIMITS } from '../../platform/files/photos.js';
import { XLSX_TYPE as XLSX } from '../../platform/spreadsheet.js';
import { readUploadedFile } from '../../platform/uploads.js';
import { buildActivitiesWorkbook } from './export.js';
import type { ActivitiesService } from './service.js';

const tags = ['activities'];

/** The activity log of community digital technology teams: HTTP only; the service authorizes and audits. */
export async function activitiesRoutes(server: FastifyInstance, opts: { activities: ActivitiesService }) {
  const app = server.withTypeProvider<ZodTypeProvider>();
  const { activities } = opts;

  app.post(
    '/api/activities/sync',
    {
      schema: {
        tags,
        summary:
          'Đồng bộ các hoạt động ghi khi không có mạng (tối đa 100) / Sync activities recorded offline (up to 100)',
        description:
          'Each item is an ActivitySyncItem, checked on its own: the answer per item is created, updated, exists, ' +
          'conflict (the server keeps its version and returns it) or refused (code, message, field). The same id ' +
          'again never makes a second activity.',
        body: ActivitySyncBody,
        response: { 200: ActivitySyncResponse },
      },
    },
    async (req) => activities.sync(requireActor(req), req.body.activities, requestLang(req)),
  );

  app.post(
    '/api/activities',
    {
      schema: {
        tags,
        summary: 'Ghi một hoạt động (cùng mã lần nữa: trả lại hoạt động đã có) / Record an activity (idempotent by id)',
        body: ActivityInput,
        response: { 200: ActivityView, 201: ActivityView },
      },
    },
    async (req, reply) => {
      const r = await activities.create(requireActor(req), req.body, requestLang(req));
      return reply.code(r.created ? 201 : 200).send(r.activity);
    },
  );

  app.get(
    '/api/activities/mine',
    {
      schema: {
        tags,
        summary: 'Các hoạt động của tôi, mới nhất trước / My activities, newest first',
        querystring: ActivityMineQuery,
        response: { 200: ActivityPage },
      },
    },
    async (req) => activities.mine(requireActor(req), req.query.cursor),
  );

  app.get(
    '/api/activities',
    {
      schema: {
        tags,
        summary: 'Các hoạt động của một xã hoặc thôn / Activities of a commune or hamlet',
        querystring: ActivityListQuery,
        response: { 200: ActivityPage },
      },
    },
    async (req) => activities.list(requireActor(req), req.query),
  );

  app.get(
    '/api/activities/export.xlsx',
    {
      schema: {
        tags,
        summary:
          'Xuất hoạt động ra Excel (thông tin người dân chỉ khi có mục đích, được ghi nhật ký) / Export activities to Excel',
        querystring: ActivityExportQuery,
      },
    },
    async (req, reply) => {
      const data = await activities.forExport(requireActor(req), req.query, { requestId: req.id });
      const file = await buildActivitiesWorkbook({ ...data, withResidents: !!req.query.purpose });
      const name = `hoat-dong-${data.unit.code}${req.query.from ? `-${req.query.from}` : ''}${req.query.to ? `-${req.query.to}` : ''}`;
      return reply
        .type(XLSX)
        .header('content-disposition', contentDisposition('attachment', name, 'xlsx'))
        .send(file);
    },
  );

  app.get(
    '/api/activities/:id',
    {
      schema: {
        tags,
        summary: 'Một hoạt động / An activity',
        params: ActivityIdParam,
        response: { 200: ActivityView },
      },
    },
    async (req) => activities.read(requireActor(req), req.params.id),
  );

  app.patch(
    '/api/activities/:id',
    {
      schema: {
        tags,
        summary:
          'Sửa hoạt động (tác giả trong 7 ngày; UBND xã điều chỉnh có lý do) / Edit an activity (author 7 days; commune corrects)',
        params: ActivityIdParam,
        body: ActivityPatch,
        response: { 200: ActivityView },
      },
    },
    async (req) => activities.update(requireActor(req), req.params.id, req.body, { requestId: req.id }),
  );

  app.get(
    '/api/activities/:id/photo',
    {
      schema: {
        tags,
        summary: 'Ảnh của hoạt động (JPEG) / An activity’s photo (JPEG)',
        description: 'Only for those who may read the activity (others: 404). `?thumb=1` for the thumbnail.',
        params: ActivityIdParam,
        querystring: ActivityPhotoQuery,
      },
    },
    async (req, reply) => {
      const file = await activities.openPhoto(requireActor(req), req.params.id, req.query.thumb === '1');
      return reply
        .type('image/jpeg')
        .header('content-length', file.bytes)
        .header('cache-control', 'private, no-cache')
        .header('x-content-type-options', 'nosniff')
        .send(file.stream);
    },
  );

  app.delete(
    '/api/activities/:id/photo',
    {
      schema: {
        tags,
        summary: 'Xóa ảnh của hoạt động / Remove an activity’s photo',
        params: ActivityIdParam,
        response: { 200: ActivityView },
      },
    },
    async (req) => activities.setPhoto(requireActor(req), req.params.id, null, { requestId: req.id }),
  );

  // The upload lives in its own scope: only this route parses multipart bodies, with the photo limits.
  await app.register(async (scope) => {
    await scope.register(multipart, { limits: { files: 1, fileSize: PHOTO_LIMITS.maxBytes, fields: 0, parts: 1 } });
    scope.withTypeProvider<ZodTypeProvider>().put(
      '/api/activities/:id/photo',
      {
        schema: {
          tags,
          summary: 'Đặt ảnh cho hoạt động (multipart, tệp `photo`) / Set an activity’s photo (multipart, file `photo`)',
          description:
            'multipart/form-data with one file `photo` (JPEG, PNG, WebP, HEIC, AVIF; ≤ 10 MB), re-encoded without ' +
            'metadata. The author within 7 days, or the commune’s administrators.',
          params: ActivityIdParam,
          response: { 200: ActivityView },
        },
      },
      async (req) => {
        const actor = requireActor(req);
        const { bytes } = await readUploadedFile(req, {
          field: 'photo',
          noun: { vi: 'ảnh', en: 'photo' },
          maxBytes: PHOTO_LIMITS.maxBytes,
          tooLargeCode: 'photo_too_large',
        });
        return activities.setPhoto(actor, req.params.id, bytes, { requestId: req.id });
      },
    );
  });

  app.get(
    '/api/activities/:id/residents',
    {
      schema: {
        tags,
        summary: 'Người dân được ghi tên (mỗi lần xem được ghi nhật ký) / Residents named (every read audited)',
        params: ActivityIdParam,
        response: { 200: ActivityResidentList },
      },
    },
    async (req) => activities.residents(requireActor(req), req.params.id, { requestId: req.id }),
  );
}
