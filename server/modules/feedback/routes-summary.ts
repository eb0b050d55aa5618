import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { WorkSummary } from '../../../common/feedback-work.js';
import { requireActor } from '../../platform/actor.js';
import type { WorkSummaryService } from './work-summary.js';

/** GET /api/reports/inbox/summary: the counts a staff member's home page opens with. */
export async function workSummaryRoute(server: FastifyInstance, opts: { workSummary: WorkSummaryService }) {
  const app = server.withTypeProvider<ZodTypeProvider>();
  const { workSummary } = opts;
  app.get(
    '/api/reports/inbox/summary',
    {
      schema: {
        tags: ['reports'],
        summary: 'Việc của tôi: hạn hôm nay, quá hạn, chờ tiếp nhận / My work: due today, overdue, awaiting screening',
        response: { 200: WorkSummary },
      },
    },
    async (req) => workSummary(requireActor(req)),
  );
}
