import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  DashboardExportQuery,
  MonthlyReportIdParam,
  MonthlyReportList,
  MonthlyReportListQuery,
  MonthlyReportQuery,
} from '../../../common/dashboards.js';
import { requireActor } from '../../platform/actor.js';
import { contentDisposition } from '../../platform/content-disposition.js';
import { requestLang } from '../../platform/errors.js';
import { XLSX_TYPE as XLSX } from '../../platform/spreadsheet.js';
import { csvStream, xlsxStream } from './export-streams.js';
import type { DashboardsService } from './service.js';

const tags = ['dashboards'];

/** The dashboards' exports and monthly reports: HTTP only; the service authorizes (indicator.read on the unit). */
export async function dashboardsRoutes(server: FastifyInstance, opts: { dashboards: DashboardsService }) {
  const app = server.withTypeProvider<ZodTypeProvider>();
  const { dashboards } = opts;

  for (const format of ['csv', 'xlsx'] as const)
    app.get(
      `/api/dashboards/export.${format}`,
      {
        schema: {
          tags,
          summary: `Xuất một bảng của trang chỉ tiêu (${format.toUpperCase()}, truyền dần) / Export a dashboard table (${format.toUpperCase()}, streamed)`,
          querystring: DashboardExportQuery,
        },
      },
      async (req, reply) => {
        const { name, table } = await dashboards.exportTable(requireActor(req), req.query, requestLang(req));
        return reply
          .type(format === 'csv' ? 'text/csv; charset=utf-8' : XLSX)
          .header('content-disposition', contentDisposition('attachment', name, format, 'chi-tieu'))
          .header('cache-control', 'no-store')
          .send(format === 'csv' ? csvStream(table) : xlsxStream(table));
      },
    );

  app.get(
    '/api/dashboards/monthly.pdf',
    {
      schema: {
        tags,
        summary: 'Báo cáo tháng của một đơn vị (PDF A4, lập ngay) / A unit’s monthly report (A4 PDF, made now)',
        querystring: MonthlyReportQuery,
      },
    },
    async (req, reply) => {
      const { pdf, pages, name } = await dashboards.monthlyPdf(requireActor(req), req.query);
      return reply
        .type('application/pdf')
        .header('content-disposition', contentDisposition('attachment', name, 'pdf', 'bao-cao-thang'))
        .header('x-pdf-pages', String(pages))
        .header('cache-control', 'no-store')
        .send(pdf);
    },
  );

  app.get(
    '/api/dashboards/reports',
    {
      schema: {
        tags,
        summary: 'Các báo cáo tháng đã lập của một đơn vị / A unit’s kept monthly reports',
        querystring: MonthlyReportListQuery,
        response: { 200: MonthlyReportList },
      },
    },
    async (req) => dashboards.listReports(requireActor(req), req.query.unit),
  );

  app.get(
    '/api/dashboards/reports/:id/pdf',
    {
      schema: {
        tags,
        summary: 'Tải một báo cáo tháng đã lập / Download a kept monthly report',
        params: MonthlyReportIdParam,
      },
    },
    async (req, reply) => {
      const { stream, bytes, name } = await dashboards.reportFile(requireActor(req), req.params.id);
      return reply
        .type('application/pdf')
        .header('content-length', String(bytes))
        .header('content-disposition', contentDisposition('attachment', name, 'pdf', 'bao-cao-thang'))
        .header('cache-control', 'private, no-cache')
        .send(stream);
    },
  );
}
