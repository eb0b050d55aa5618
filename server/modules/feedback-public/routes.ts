import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  PublicListQuery,
  PublicListResponse,
  PublicMapQuery,
  PublicMapResponse,
  PublicReportDetail,
} from '../../../common/feedback-public.js';
import type { FeedbackPublicService } from './service.js';

const CodeParam = z.strictObject({
  publicCode: z.string().regex(/^[A-Za-z0-9-]{3,40}$/, { message: 'Mã phản ánh không hợp lệ. | Invalid report code.' }),
});
const tags = ['feedback-public'];

/** Public pages of citizen feedback: anyone may read; nothing personal is in any response schema. */
export async function feedbackPublicRoutes(server: FastifyInstance, opts: { feedbackPublic: FeedbackPublicService }) {
  const app = server.withTypeProvider<ZodTypeProvider>();
  const service = opts.feedbackPublic;

  app.get(
    '/api/public/reports',
    {
      schema: {
        tags,
        summary: 'Danh sách phản ánh công khai / Public reports',
        querystring: PublicListQuery,
        response: { 200: PublicListResponse },
      },
    },
    async (req) => service.listReports(req.query),
  );

  app.get(
    '/api/public/reports/map',
    {
      schema: {
        tags,
        summary: 'Bản đồ phản ánh (gom cụm) / Map of reports (clustered)',
        querystring: PublicMapQuery,
        response: { 200: PublicMapResponse },
      },
    },
    async (req) => service.map(req.query),
  );

  app.get(
    '/api/public/reports/:publicCode',
    {
      schema: {
        tags,
        summary: 'Trang phản ánh công khai / Public report page',
        params: CodeParam,
        response: { 200: PublicReportDetail },
      },
    },
    async (req) => service.getReport(req.params.publicCode),
  );
}
