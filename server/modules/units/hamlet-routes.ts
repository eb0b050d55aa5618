import multipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  HAMLET_IMPORT_MAX_BYTES,
  HamletCreate,
  HamletImportQuery,
  HamletImportResult,
  HamletMerge,
  HamletMergeResponse,
  HamletRetire,
  HamletUpdate,
  UnitView,
} from '../../../common/units.js';
import { requireActor } from '../../platform/actor.js';
import { authorize } from '../../platform/permissions.js';
import { ImportRejected, sendImportRejection, uploadedSpreadsheet, XLSX_TYPE } from '../../platform/spreadsheet.js';
import { buildImportTemplate } from './hamlet-import.js';
import type { HamletService } from './hamlets.js';
import { UnitCodeParam } from './schemas.js';

const tags = ['units'];
let template: Promise<Buffer> | null = null;

/** Hamlet writes: every one is authorized with 'hamlet.manage' against the commune's path, then audited. */
export async function registerHamletRoutes(
  server: FastifyInstance,
  { hamlets }: { hamlets: HamletService },
): Promise<void> {
  const app = server.withTypeProvider<ZodTypeProvider>();

  app.post(
    '/api/units/:code/hamlets',
    {
      schema: {
        tags,
        summary: 'Tạo thôn, xóm / Create a hamlet',
        params: UnitCodeParam,
        body: HamletCreate,
        response: { 201: UnitView },
      },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      const commune = await hamlets.requireCommune(req.params.code);
      authorize(actor, 'hamlet.manage', { unitPath: commune.path });
      return reply.code(201).send(await hamlets.createHamlet(actor, commune.code, req.body, { requestId: req.id }));
    },
  );

  app.patch(
    '/api/units/:code',
    {
      schema: {
        tags,
        summary: 'Sửa thôn, xóm / Edit a hamlet',
        params: UnitCodeParam,
        body: HamletUpdate,
        response: { 200: UnitView },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      const hamlet = await hamlets.requireHamlet(req.params.code);
      authorize(actor, 'hamlet.manage', { unitPath: hamlet.communePath });
      return hamlets.updateHamlet(actor, hamlet.code, req.body, { requestId: req.id });
    },
  );

  app.post(
    '/api/units/:code/retire',
    {
      schema: {
        tags,
        summary: 'Ngừng hoạt động thôn, xóm (giữ lại lịch sử) / Retire a hamlet (kept for history)',
        params: UnitCodeParam,
        body: HamletRetire.nullish(),
        response: { 200: UnitView },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      const hamlet = await hamlets.requireHamlet(req.params.code);
      authorize(actor, 'hamlet.manage', { unitPath: hamlet.communePath });
      return hamlets.retireHamlet(actor, hamlet.code, req.body?.reason, { requestId: req.id });
    },
  );

  app.post(
    '/api/units/:code/merge',
    {
      schema: {
        tags,
        summary: 'Gộp thôn, xóm vào thôn, xóm khác cùng xã / Merge a hamlet into another of the same commune',
        params: UnitCodeParam,
        body: HamletMerge,
        response: { 200: HamletMergeResponse },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      const hamlet = await hamlets.requireHamlet(req.params.code);
      authorize(actor, 'hamlet.manage', { unitPath: hamlet.communePath });
      return hamlets.mergeHamlet(actor, hamlet.code, req.body.into, req.body.reason, { requestId: req.id });
    },
  );

  app.get(
    '/api/units/hamlets/import-template.xlsx',
    { schema: { tags, summary: 'Mẫu XLSX để nhập thôn, xóm / XLSX template for importing hamlets' } },
    async (_req, reply) => {
      template ??= buildImportTemplate();
      return reply
        .type(XLSX_TYPE)
        .header('content-disposition', 'attachment; filename="mau-nhap-thon-xom.xlsx"')
        .header('cache-control', 'public, max-age=3600')
        .send(await template);
    },
  );

  // The upload lives in its own scope: only this route parses multipart bodies, with its own limits.
  await app.register(async (scope) => {
    await scope.register(multipart, { limits: { files: 1, fileSize: HAMLET_IMPORT_MAX_BYTES, fields: 5, parts: 6 } });
    scope.withTypeProvider<ZodTypeProvider>().post(
      '/api/units/:code/hamlets/import',
      {
        schema: {
          tags,
          summary: 'Nhập thôn, xóm từ XLSX/CSV: tất cả hoặc không / Import hamlets from XLSX/CSV: all rows or none',
          description:
            'multipart/form-data with one file (≤ 5 MB). Columns: Tên, Loại, Số hộ, Số dân. ' +
            'Errors: 422 { ok: false, error, errors: [{ row, field, column, message }] }; ?dryRun=1 validates only.',
          params: UnitCodeParam,
          querystring: HamletImportQuery,
          response: { 200: HamletImportResult, 201: HamletImportResult },
        },
      },
      async (req, reply) => {
        const actor = requireActor(req);
        const commune = await hamlets.requireCommune(req.params.code);
        authorize(actor, 'hamlet.manage', { unitPath: commune.path });
        const { file, fileName } = await uploadedSpreadsheet(req); // 413 past the limit
        try {
          const result = await hamlets.importHamlets(actor, commune.code, file, {
            dryRun: req.query.dryRun,
            fileName: fileName?.slice(0, 200),
            requestId: req.id,
          });
          return reply.code(result.dryRun ? 200 : 201).send(result);
        } catch (e) {
          if (!(e instanceof ImportRejected)) throw e;
          return sendImportRejection(req, reply, e, { file });
        }
      },
    );
  });
}
