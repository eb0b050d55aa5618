import multipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  CatalogGuideCreate,
  CatalogGuideDetail,
  CatalogGuideUpdate,
  CatalogIdParam,
  CatalogLinksInput,
  CatalogListQuery,
  CatalogServiceCreate,
  CatalogServiceDetail,
  CatalogServiceList,
  CatalogServiceUpdate,
  CatalogSlugParam,
} from '../../../common/catalog.js';
import { requireActor } from '../../platform/actor.js';
import { contentDisposition } from '../../platform/content-disposition.js';
import { PHOTO_LIMITS } from '../../platform/files/photos.js';
import { readUploadedFile } from '../../platform/uploads.js';
import { authorizeEdit, type CatalogService } from './service.js';

const tags = ['catalog'];

/**
 * Services catalog: public reads (published services and guides, a guide's PDF and step images); a province's
 * administrators edit its catalog ('catalog.manage' on the province).
 */
export async function catalogRoutes(server: FastifyInstance, opts: { catalog: CatalogService }) {
  const app = server.withTypeProvider<ZodTypeProvider>();
  const service = opts.catalog;

  app.get(
    '/api/catalog/services',
    {
      schema: {
        tags,
        summary: 'Danh mục dịch vụ số (đã công bố) / Published digital services',
        querystring: CatalogListQuery,
        response: { 200: CatalogServiceList },
      },
    },
    async (req) => service.listPublished(req.query),
  );

  app.get(
    '/api/catalog/manage/services',
    {
      schema: {
        tags,
        summary: 'Mọi dịch vụ của tỉnh mình quản trị / Every service of the provinces one administers',
        response: { 200: CatalogServiceList },
      },
    },
    async (req) => service.listManaged(requireActor(req)),
  );

  app.get(
    '/api/catalog/services/:slug',
    {
      schema: {
        tags,
        summary: 'Một dịch vụ: liên kết chính thức và hướng dẫn / One service: official links and guides',
        params: CatalogSlugParam,
        response: { 200: CatalogServiceDetail },
      },
    },
    async (req) => service.getService(req.actor, req.params.slug),
  );

  app.get(
    '/api/catalog/guides/:id',
    {
      schema: {
        tags,
        summary: 'Một hướng dẫn và các bước / One guide and its steps',
        params: CatalogIdParam,
        response: { 200: CatalogGuideDetail },
      },
    },
    async (req) => service.getGuide(req.actor, req.params.id),
  );

  app.get(
    '/api/catalog/guides/:id.pdf',
    {
      schema: {
        tags,
        summary: 'Bản in một trang A4 (PDF, mã QR) / One-page A4 print (PDF, QR code)',
        params: CatalogIdParam,
      },
    },
    async (req, reply) => {
      const { pdf, title } = await service.guidePdf(req.actor, req.params.id);
      return reply
        .type('application/pdf')
        .header('content-disposition', contentDisposition('inline', title, 'pdf', 'huong-dan'))
        .header('cache-control', 'no-cache')
        .send(pdf);
    },
  );

  app.get(
    '/api/catalog/steps/:id/image',
    { schema: { tags, summary: 'Ảnh minh họa của một bước (JPEG) / A step’s image (JPEG)', params: CatalogIdParam } },
    async (req, reply) => {
      const file = await service.openStepImage(req.actor, req.params.id);
      return reply
        .type('image/jpeg')
        .header('content-length', file.bytes)
        .header('cache-control', file.isPublic ? 'public, max-age=300' : 'private, no-cache')
        .header('x-content-type-options', 'nosniff')
        .send(file.stream);
    },
  );

  app.post(
    '/api/catalog/services',
    {
      schema: {
        tags,
        summary: 'Thêm dịch vụ / Add a service',
        body: CatalogServiceCreate,
        response: { 201: CatalogServiceDetail },
      },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      const province = service.provinceForCreate(actor, req.body.provinceCode);
      authorizeEdit(actor, province);
      return reply.code(201).send(await service.createService(actor, province, req.body, { requestId: req.id }));
    },
  );

  app.patch(
    '/api/catalog/services/:slug',
    {
      schema: {
        tags,
        summary: 'Sửa, công bố hoặc ẩn dịch vụ / Edit, publish or unpublish a service',
        params: CatalogSlugParam,
        body: CatalogServiceUpdate,
        response: { 200: CatalogServiceDetail },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      const s = await service.requireService(req.params.slug);
      authorizeEdit(actor, s.provinceCode);
      return service.updateService(actor, s, req.body, { requestId: req.id });
    },
  );

  app.put(
    '/api/catalog/services/:slug/links',
    {
      schema: {
        tags,
        summary:
          'Đặt các liên kết chính thức (kèm nơi, ngày kiểm tra) / Set the official links (with where/when checked)',
        params: CatalogSlugParam,
        body: CatalogLinksInput,
        response: { 200: CatalogServiceDetail },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      const s = await service.requireService(req.params.slug);
      authorizeEdit(actor, s.provinceCode);
      return service.setLinks(actor, s, req.body, { requestId: req.id });
    },
  );

  app.post(
    '/api/catalog/services/:slug/guides',
    {
      schema: {
        tags,
        summary: 'Thêm hướng dẫn từng bước / Add a step-by-step guide',
        params: CatalogSlugParam,
        body: CatalogGuideCreate,
        response: { 201: CatalogGuideDetail },
      },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      const s = await service.requireService(req.params.slug);
      authorizeEdit(actor, s.provinceCode);
      return reply.code(201).send(await service.createGuide(actor, s, req.body, { requestId: req.id }));
    },
  );

  app.patch(
    '/api/catalog/guides/:id',
    {
      schema: {
        tags,
        summary: 'Sửa hướng dẫn và các bước, công bố hoặc ẩn / Edit a guide and its steps, publish or unpublish',
        params: CatalogIdParam,
        body: CatalogGuideUpdate,
        response: { 200: CatalogGuideDetail },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      const row = await service.requireGuide(req.params.id);
      authorizeEdit(actor, row.service.provinceCode);
      return service.updateGuide(actor, row, req.body, { requestId: req.id });
    },
  );

  app.delete(
    '/api/catalog/steps/:id/image',
    {
      schema: {
        tags,
        summary: 'Xóa ảnh của một bước / Remove a step’s image',
        params: CatalogIdParam,
        response: { 200: CatalogGuideDetail },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      const row = await service.requireStep(req.params.id);
      authorizeEdit(actor, row.service.provinceCode);
      return service.setStepImage(actor, row, null, { requestId: req.id });
    },
  );

  // The upload lives in its own scope: only this route parses multipart bodies, with the photo limits.
  await app.register(async (scope) => {
    await scope.register(multipart, { limits: { files: 1, fileSize: PHOTO_LIMITS.maxBytes, fields: 0, parts: 1 } });
    scope.withTypeProvider<ZodTypeProvider>().put(
      '/api/catalog/steps/:id/image',
      {
        schema: {
          tags,
          summary: 'Đặt ảnh cho một bước (multipart, tệp `image`) / Set a step’s image (multipart, file `image`)',
          description: 'multipart/form-data with one file `image` (JPEG, PNG, WebP, HEIC, AVIF; ≤ 10 MB).',
          params: CatalogIdParam,
          response: { 200: CatalogGuideDetail },
        },
      },
      async (req) => {
        const actor = requireActor(req);
        const row = await service.requireStep(req.params.id);
        authorizeEdit(actor, row.service.provinceCode);
        const { bytes } = await readUploadedFile(req, {
          field: 'image',
          noun: { vi: 'ảnh', en: 'image' },
          maxBytes: PHOTO_LIMITS.maxBytes,
          tooLargeCode: 'photo_too_large',
        });
        return service.setStepImage(actor, row, bytes, { requestId: req.id });
      },
    );
  });
}
