import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { TeamActivity, TeamActivityQuery } from '../../../common/team-activity.js';
import { requireActor } from '../../platform/actor.js';
import { contentDisposition } from '../../platform/content-disposition.js';
import { requestLang } from '../../platform/errors.js';
import { XLSX_TYPE as XLSX } from '../../platform/spreadsheet.js';
import type { TeamActivityService } from './service.js';

const tags = ['teams'];

/** What teams did in a unit over a period (counts), and its XLSX export: HTTP only; the service authorizes. */
export async function teamActivityRoutes(server: FastifyInstance, opts: { teamActivity: TeamActivityService }) {
  const app = server.withTypeProvider<ZodTypeProvider>();
  const { teamActivity } = opts;

  app.get(
    '/api/team-activity',
    {
      schema: {
        tags,
        summary:
          'Hoạt động của tổ công nghệ số theo tháng, dịch vụ và đơn vị / Team activity by month, service and unit',
        querystring: TeamActivityQuery,
        response: { 200: TeamActivity },
      },
    },
    async (req) => teamActivity.summary(requireActor(req), req.query),
  );

  app.get(
    '/api/team-activity/export.xlsx',
    {
      schema: {
        tags,
        summary: 'Xuất hoạt động của tổ công nghệ số (XLSX) / Export team activity (XLSX)',
        querystring: TeamActivityQuery,
      },
    },
    async (req, reply) => {
      const { file, name } = await teamActivity.exportSummary(requireActor(req), req.query, requestLang(req));
      return reply
        .type(XLSX)
        .header('content-disposition', contentDisposition('attachment', name, 'xlsx'))
        .send(file);
    },
  );
}
