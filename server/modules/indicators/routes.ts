import multipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  INDICATOR_IMPORT_MAX_BYTES,
  IndicatorByUnit,
  IndicatorCodeParam,
  IndicatorDefinition,
  IndicatorEntriesQuery,
  IndicatorEntryInput,
  IndicatorEntryList,
  IndicatorEntryView,
  IndicatorImportQuery,
  IndicatorImportResult,
  IndicatorPeriodQuery,
  IndicatorSeries,
  IndicatorTargetInput,
  IndicatorTargetView,
  IndicatorTemplateQuery,
  IndicatorValues,
} from '../../../common/indicators.js';
import { requireActor } from '../../platform/actor.js';
import { contentDisposition } from '../../platform/content-disposition.js';
import { IdempotencyHeaders } from '../../platform/idempotency/index.js';
import {
  ImportRejected,
  sendImportRejection,
  uploadedSpreadsheet,
  XLSX_TYPE as XLSX,
} from '../../platform/spreadsheet.js';
import type { IndicatorsService } from './service.js';

const tags = ['indicators'];
const period = (q: z.infer<typeof IndicatorPeriodQuery>) => ({ unitCode: q.unit, from: q.from, to: q.to });

/** Indicators: the registry, values, by child unit, month by month; entries, targets, import. HTTP only. */
export async function indicatorsRoutes(server: FastifyInstance, opts: { indicators: IndicatorsService }) {
  const app = server.withTypeProvider<ZodTypeProvider>();
  const { indicators } = opts;

  app.get(
    '/api/indicators',
    {
      schema: {
        tags,
        summary: 'Danh mục chỉ tiêu / The indicator registry',
        response: { 200: z.object({ indicators: z.array(IndicatorDefinition) }) },
      },
    },
    async (req) => {
      requireActor(req);
      return { indicators: indicators.definitions() };
    },
  );

  app.get(
    '/api/indicators/values',
    {
      schema: {
        tags,
        summary: 'Giá trị các chỉ tiêu của một đơn vị trong kỳ / Indicator values of a unit for a period',
        querystring: IndicatorPeriodQuery,
        response: { 200: IndicatorValues },
      },
    },
    async (req) => indicators.values(period(req.query), requireActor(req)),
  );

  app.get(
    '/api/indicators/:code/by-unit',
    {
      schema: {
        tags,
        summary: 'Một chỉ tiêu theo từng đơn vị trực thuộc / One indicator for each child unit',
        params: IndicatorCodeParam,
        querystring: IndicatorPeriodQuery,
        response: { 200: IndicatorByUnit },
      },
    },
    async (req) => indicators.byUnit(req.params.code, period(req.query), requireActor(req)),
  );

  app.get(
    '/api/indicators/:code/series',
    {
      schema: {
        tags,
        summary: 'Một chỉ tiêu theo tháng / One indicator month by month',
        params: IndicatorCodeParam,
        querystring: IndicatorPeriodQuery,
        response: { 200: IndicatorSeries },
      },
    },
    async (req) => indicators.series(req.params.code, period(req.query), requireActor(req)),
  );

  app.post(
    '/api/indicators/entries',
    {
      schema: {
        tags,
        summary:
          'Nhập số liệu tháng của một chỉ tiêu (điều chỉnh cần lý do) / Enter a month’s figure (a correction needs a reason)',
        headers: IdempotencyHeaders,
        body: IndicatorEntryInput,
        response: { 200: IndicatorEntryView, 201: IndicatorEntryView },
      },
    },
    async (req, reply) => {
      const key = req.headers['idempotency-key'];
      const { entry, created } = await indicators.enter(requireActor(req), req.body, {
        requestId: req.id,
        idempotencyKey: typeof key === 'string' ? key : undefined,
      });
      return reply.code(created ? 201 : 200).send(entry);
    },
  );

  app.get(
    '/api/indicators/entries',
    {
      schema: {
        tags,
        summary: 'Số liệu đã nhập và lịch sử điều chỉnh / Entered figures and their history',
        querystring: IndicatorEntriesQuery,
        response: { 200: IndicatorEntryList },
      },
    },
    async (req) => indicators.entries(requireActor(req), req.query),
  );

  app.put(
    '/api/indicators/targets',
    {
      schema: {
        tags,
        summary:
          'Đặt mục tiêu của chỉ tiêu cho đơn vị từ một tháng / Set an indicator’s target for a unit from a month',
        body: IndicatorTargetInput,
        response: { 200: IndicatorTargetView },
      },
    },
    async (req) => indicators.setTarget(requireActor(req), req.body, { requestId: req.id }),
  );

  app.get(
    '/api/indicators/import-template.xlsx',
    {
      schema: {
        tags,
        summary: 'Mẫu XLSX nhập số liệu chỉ tiêu / XLSX template for entered indicators',
        querystring: IndicatorTemplateQuery,
      },
    },
    async (req, reply) =>
      reply
        .type(XLSX)
        .header('content-disposition', contentDisposition('attachment', `mau-nhap-chi-tieu-${req.query.unit}`, 'xlsx'))
        .send(await indicators.importTemplate(requireActor(req), req.query.unit)),
  );

  // The upload lives in its own scope: only this route parses multipart bodies, with its own limits.
  await app.register(async (scope) => {
    await scope.register(multipart, {
      limits: { files: 1, fileSize: INDICATOR_IMPORT_MAX_BYTES, fields: 5, parts: 6 },
    });
    scope.withTypeProvider<ZodTypeProvider>().post(
      '/api/indicators/import',
      {
        schema: {
          tags,
          summary: 'Nhập số liệu chỉ tiêu từ XLSX/CSV: tất cả hoặc không / Import figures: all rows or none',
          description:
            'multipart/form-data with one file (≤ 5 MB, ≤ 2,000 rows) in the columns of the template, for the unit ' +
            'in ?unit. Errors: 422 { ok: false, error, errors: [{ row, field, column, message }] }, or with ' +
            '?report=xlsx the uploaded rows as XLSX with the bad cells marked; ?dryRun=1 checks only.',
          querystring: IndicatorImportQuery,
          response: { 200: IndicatorImportResult, 201: IndicatorImportResult },
        },
      },
      async (req, reply) => {
        const actor = requireActor(req);
        const { file } = await uploadedSpreadsheet(req); // 413 past the limit
        try {
          const result = await indicators.importEntries(actor, req.query.unit, file, {
            dryRun: req.query.dryRun,
            requestId: req.id,
          });
          return reply.code(result.dryRun ? 200 : 201).send(result);
        } catch (e) {
          if (!(e instanceof ImportRejected)) throw e;
          return sendImportRejection(req, reply, e, {
            file,
            report: req.query.report === 'xlsx',
            reportName: 'loi-nhap-chi-tieu',
          });
        }
      },
    );
  });
}
