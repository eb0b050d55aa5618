import multipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  HamletCodeParam,
  HouseholdCoverage,
  HouseholdImportQuery,
  HouseholdImportResult,
  HouseholdInput,
  HouseholdQuery,
} from '../../../common/campaigns.js';
import { HOUSEHOLD_IMPORT_MAX_BYTES } from '../../../common/constants/campaigns.js';
import { requireActor } from '../../platform/actor.js';
import { contentDisposition } from '../../platform/content-disposition.js';
import {
  ImportRejected,
  sendImportRejection,
  uploadedSpreadsheet,
  XLSX_TYPE as XLSX,
} from '../../platform/spreadsheet.js';
import type { HouseholdsService } from './service.js';

const tags = ['households'];

/** Households per hamlet and their coverage: HTTP only; the service authorizes and audits. */
export async function householdsRoutes(server: FastifyInstance, opts: { households: HouseholdsService }) {
  const app = server.withTypeProvider<ZodTypeProvider>();
  const { households } = opts;

  app.get(
    '/api/households',
    {
      schema: {
        tags,
        summary: 'Số hộ và độ phủ: xã theo thôn, tỉnh theo xã / Households and coverage of a commune or province',
        querystring: HouseholdQuery,
        response: { 200: HouseholdCoverage },
      },
    },
    async (req) => households.coverage(requireActor(req), req.query.unit),
  );

  app.put(
    '/api/households/:hamletCode',
    {
      schema: {
        tags,
        summary: 'Cập nhật số hộ của một thôn / Set a hamlet’s households',
        params: HamletCodeParam,
        body: HouseholdInput,
        response: { 200: HouseholdCoverage },
      },
    },
    async (req) => households.set(requireActor(req), req.params.hamletCode, req.body, { requestId: req.id }),
  );

  app.get(
    '/api/households/export.xlsx',
    {
      schema: {
        tags,
        summary: 'Xuất số hộ của xã (XLSX, cùng định dạng nhập) / Export (XLSX)',
        querystring: HouseholdQuery,
      },
    },
    async (req, reply) => {
      const { file, name } = await households.exportHouseholds(requireActor(req), req.query.unit);
      return reply
        .type(XLSX)
        .header('content-disposition', contentDisposition('attachment', name, 'xlsx'))
        .send(file);
    },
  );

  await app.register(async (scope) => {
    await scope.register(multipart, {
      limits: { files: 1, fileSize: HOUSEHOLD_IMPORT_MAX_BYTES, fields: 5, parts: 6 },
    });
    scope.withTypeProvider<ZodTypeProvider>().post(
      '/api/households/import',
      {
        schema: {
          tags,
          summary: 'Nhập số hộ từ XLSX/CSV: tất cả hoặc không / Import households: all rows or none',
          description:
            'multipart/form-data with one file (≤ 5 MB, ≤ 5,000 rows): Thôn, tổ dân phố; Số hộ; Số liệu đến ngày; ' +
            'Nguồn số liệu. Errors: 422 { ok: false, error, errors: [{ row, field, column, message }] }, or with ' +
            '?report=xlsx the rows with the bad cells marked; ?dryRun=1 checks only.',
          querystring: HouseholdImportQuery,
          response: { 200: HouseholdImportResult, 201: HouseholdImportResult },
        },
      },
      async (req, reply) => {
        const actor = requireActor(req);
        const { file, fileName } = await uploadedSpreadsheet(req); // 413 past the limit
        try {
          const result = await households.importHouseholds(actor, req.query.unit, file, {
            dryRun: req.query.dryRun,
            fileName: fileName?.slice(0, 120),
            requestId: req.id,
          });
          return reply.code(result.dryRun ? 200 : 201).send(result);
        } catch (e) {
          if (!(e instanceof ImportRejected)) throw e;
          return sendImportRejection(req, reply, e, {
            file,
            report: req.query.report === 'xlsx',
            reportName: 'loi-nhap-so-ho',
          });
        }
      },
    );
  });
}
