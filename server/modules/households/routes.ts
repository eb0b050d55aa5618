import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply } from 'fastify';
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
import { AppError, errors, requestLang } from '../../platform/errors.js';
import { buildErrorReport, ImportRejected, readTable, sendImportRejected } from '../../platform/spreadsheet.js';
import type { HouseholdsService } from './service.js';

const tags = ['households'];
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

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
        if (!req.isMultipart())
          throw new AppError(415, 'unsupported_media_type', {
            vi: 'Hãy gửi tệp dưới dạng multipart/form-data.',
            en: 'Send the file as multipart/form-data.',
          });
        const part = await req.file();
        if (!part) throw errors.invalidField('file', { vi: 'Chưa chọn tệp để tải lên.', en: 'No file was uploaded.' });
        const file = await part.toBuffer();
        try {
          const result = await households.importHouseholds(actor, req.query.unit, file, {
            dryRun: req.query.dryRun,
            fileName: part.filename?.slice(0, 120),
            requestId: req.id,
          });
          return reply.code(result.dryRun ? 200 : 201).send(result);
        } catch (e) {
          if (!(e instanceof ImportRejected)) throw e;
          const lang = requestLang(req);
          const raw = reply as unknown as FastifyReply;
          if (req.query.report === 'xlsx' && e.status === 422)
            return raw
              .code(422)
              .type(XLSX)
              .header('content-disposition', contentDisposition('attachment', 'loi-nhap-so-ho', 'xlsx'))
              .serializer((b: unknown) => b as string)
              .send(await buildErrorReport(await readTable(file), e.rowErrors, lang));
          return sendImportRejected(reply, e, lang);
        }
      },
    );
  });
}
