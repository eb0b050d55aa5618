import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { BlurPhoto, PhotoListResponse, PhotoView, SetPhotoVisibility } from '../../../common/feedback-public.js';
import type { FeedbackPhotoService } from './service.js';

const ReportParam = z.strictObject({ id: z.uuid() });
const PhotoParam = z.strictObject({ id: z.uuid(), photoId: z.uuid() });
const tags = ['feedback-photos'];

/**
 * Photos of reports: the reporter and staff in scope see all; the public sees approved photos of public
 * reports. Staff who screen or work a report publish, hide or blur its photos. Authorization is in the service
 * because it depends on the report (its commune, handling unit and reporter).
 */
export async function feedbackPhotoRoutes(server: FastifyInstance, opts: { feedbackPhotos: FeedbackPhotoService }) {
  const app = server.withTypeProvider<ZodTypeProvider>();
  const service = opts.feedbackPhotos;

  app.get(
    '/api/reports/:id/photos',
    {
      schema: {
        tags,
        summary: 'Ảnh của phản ánh / Photos of a report',
        params: ReportParam,
        response: { 200: PhotoListResponse },
      },
    },
    async (req) => ({ items: await service.listPhotos(req.actor, req.params.id) }),
  );

  for (const thumb of [false, true]) {
    app.get(
      `/api/reports/:id/photos/:photoId${thumb ? '/thumb' : ''}`,
      {
        schema: {
          tags,
          summary: thumb ? 'Ảnh thu nhỏ / Thumbnail (JPEG)' : 'Ảnh (JPEG) / Photo (JPEG)',
          params: PhotoParam,
        },
      },
      async (req, reply) => {
        const file = await service.openPhoto(req.actor, req.params.id, req.params.photoId, thumb);
        // Approved photos may be cached by anyone; others only by the browser that asked, and revalidated.
        return reply
          .type('image/jpeg')
          .header('content-length', file.bytes)
          .header('cache-control', file.isPublic ? 'public, max-age=300' : 'private, no-cache')
          .header('x-content-type-options', 'nosniff')
          .send(file.stream);
      },
    );
  }

  app.patch(
    '/api/reports/:id/photos/:photoId',
    {
      schema: {
        tags,
        summary: 'Duyệt công khai hoặc ẩn ảnh / Publish or hide a photo',
        params: PhotoParam,
        body: SetPhotoVisibility,
        response: { 200: PhotoView },
      },
    },
    async (req) => service.setVisibility(req.actor, req.params.id, req.params.photoId, req.body.visibility, req.id),
  );

  app.post(
    '/api/reports/:id/photos/:photoId/blur',
    {
      schema: {
        tags,
        summary: 'Làm mờ một vùng ảnh (khuôn mặt) / Blur a region (faces)',
        params: PhotoParam,
        body: BlurPhoto,
        response: { 200: PhotoView },
      },
    },
    async (req) => service.blurPhoto(req.actor, req.params.id, req.params.photoId, req.body, req.id),
  );
}
