import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { StatsBreakdown, StatsQuery, StatsResponse } from '../../../common/feedback-public.js';
import { XLSX_TYPE } from '../../platform/spreadsheet.js';
import type { StatsBreakdownService } from './breakdown.js';
import { statsToCsv, statsToXlsx } from './export.js';
import type { FeedbackStatsService } from './service.js';

const tags = ['feedback-stats'];

/** `unit-from-to` for the download's file name (ASCII only). */
const fileName = (q: StatsQuery, ext: string) =>
  `thong-ke-phan-anh-${q.unit ?? 'tinh'}${q.from ? `-${q.from}` : ''}${q.to ? `-${q.to}` : ''}.${ext}`.replace(
    /[^A-Za-z0-9._-]/g,
    '',
  );

/** Statistics of citizen feedback: public (aggregates only), from the rollup; JSON, XLSX and CSV. */
export async function feedbackStatsRoutes(
  server: FastifyInstance,
  opts: { feedbackStats: FeedbackStatsService; statsBreakdown: StatsBreakdownService },
) {
  const app = server.withTypeProvider<ZodTypeProvider>();
  const { feedbackStats: service, statsBreakdown: breakdown } = opts;

  app.get(
    '/api/feedback/stats/breakdown',
    {
      schema: {
        tags,
        summary: 'Thống kê theo xã, phường và theo đơn vị xử lý, số quá hạn / By commune and handling unit, overdue',
        querystring: StatsQuery,
        response: { 200: StatsBreakdown },
      },
    },
    async (req) => breakdown.breakdown(req.query),
  );

  app.get(
    '/api/feedback/stats',
    {
      schema: {
        tags,
        summary: 'Thống kê phản ánh / Feedback statistics',
        querystring: StatsQuery,
        response: { 200: StatsResponse },
      },
    },
    async (req) => service.stats(req.query),
  );

  app.get(
    '/api/feedback/stats.xlsx',
    { schema: { tags, summary: 'Thống kê phản ánh (Excel) / Statistics (XLSX)', querystring: StatsQuery } },
    async (req, reply) => {
      const body = await statsToXlsx(await service.stats(req.query), await breakdown.breakdown(req.query));
      return reply
        .type(XLSX_TYPE)
        .header('content-disposition', `attachment; filename="${fileName(req.query, 'xlsx')}"`)
        .send(body);
    },
  );

  app.get(
    '/api/feedback/stats.csv',
    { schema: { tags, summary: 'Thống kê phản ánh (CSV) / Statistics (CSV)', querystring: StatsQuery } },
    async (req, reply) => {
      const body = statsToCsv(await service.stats(req.query));
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${fileName(req.query, 'csv')}"`)
        .send(body);
    },
  );
}
