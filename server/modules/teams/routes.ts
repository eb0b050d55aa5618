import multipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { TEAM_IMPORT_MAX_BYTES } from '../../../common/constants/teams.js';
import {
  Coverage,
  CoverageQuery,
  MemberAccountResult,
  TeamCreate,
  TeamDetail,
  TeamDissolve,
  TeamExportQuery,
  TeamIdParam,
  TeamImportQuery,
  TeamImportResult,
  TeamList,
  TeamListQuery,
  TeamMemberCreate,
  TeamMemberLeave,
  TeamMemberUpdate,
  TeamUpdate,
} from '../../../common/teams.js';
import { requireActor } from '../../platform/actor.js';
import { contentDisposition } from '../../platform/content-disposition.js';
import {
  ImportRejected,
  sendImportRejection,
  uploadedSpreadsheet,
  XLSX_TYPE as XLSX,
} from '../../platform/spreadsheet.js';
import type { TeamsService } from './service.js';

const tags = ['teams'];
/** Community digital technology teams: HTTP only; the service authorizes and audits. */
export async function teamsRoutes(server: FastifyInstance, opts: { teams: TeamsService }) {
  const app = server.withTypeProvider<ZodTypeProvider>();
  const { teams } = opts;

  app.get(
    '/api/teams/coverage',
    {
      schema: {
        tags,
        summary: 'Độ phủ tổ công nghệ số của một đơn vị (công khai) / Team coverage of a unit (public)',
        querystring: CoverageQuery,
        response: { 200: Coverage },
      },
    },
    async (req) => teams.coverage(req.query.unit),
  );

  app.get(
    '/api/teams',
    {
      schema: {
        tags,
        summary: 'Các tổ công nghệ số của một xã hoặc thôn / Teams of a commune or hamlet',
        querystring: TeamListQuery,
        response: { 200: TeamList },
      },
    },
    async (req) => teams.list(requireActor(req), req.query),
  );

  app.post(
    '/api/teams',
    {
      schema: {
        tags,
        summary: 'Thành lập tổ công nghệ số / Found a team',
        body: TeamCreate,
        response: { 201: TeamDetail },
      },
    },
    async (req, reply) => reply.code(201).send(await teams.create(requireActor(req), req.body, { requestId: req.id })),
  );

  app.get(
    '/api/teams/:id',
    {
      schema: {
        tags,
        summary: 'Một tổ và các thành viên / A team and its members',
        params: TeamIdParam,
        response: { 200: TeamDetail },
      },
    },
    async (req) => teams.read(requireActor(req), req.params.id),
  );

  app.patch(
    '/api/teams/:id',
    {
      schema: {
        tags,
        summary: 'Sửa thông tin tổ / Edit a team',
        params: TeamIdParam,
        body: TeamUpdate,
        response: { 200: TeamDetail },
      },
    },
    async (req) => teams.update(requireActor(req), req.params.id, req.body, { requestId: req.id }),
  );

  app.post(
    '/api/teams/:id/dissolve',
    {
      schema: {
        tags,
        summary: 'Giải thể tổ (các thành viên rời tổ cùng ngày) / Dissolve a team (its members leave that day)',
        params: TeamIdParam,
        body: TeamDissolve.nullish(),
        response: { 200: TeamDetail },
      },
    },
    async (req) => teams.dissolve(requireActor(req), req.params.id, req.body ?? {}, { requestId: req.id }),
  );

  app.post(
    '/api/teams/:id/members',
    {
      schema: {
        tags,
        summary: 'Thêm thành viên tổ / Add a team member',
        params: TeamIdParam,
        body: TeamMemberCreate,
        response: { 201: TeamDetail },
      },
    },
    async (req, reply) =>
      reply.code(201).send(await teams.addMember(requireActor(req), req.params.id, req.body, { requestId: req.id })),
  );

  app.patch(
    '/api/team-members/:id',
    {
      schema: {
        tags,
        summary: 'Sửa thông tin thành viên tổ / Edit a team member',
        params: TeamIdParam,
        body: TeamMemberUpdate,
        response: { 200: TeamDetail },
      },
    },
    async (req) => teams.updateMember(requireActor(req), req.params.id, req.body, { requestId: req.id }),
  );

  app.post(
    '/api/team-members/:id/leave',
    {
      schema: {
        tags,
        summary: 'Thành viên rời tổ / A member leaves the team',
        params: TeamIdParam,
        body: TeamMemberLeave.nullish(),
        response: { 200: TeamDetail },
      },
    },
    async (req) => teams.leave(requireActor(req), req.params.id, req.body ?? {}, { requestId: req.id }),
  );

  app.post(
    '/api/team-members/:id/account',
    {
      schema: {
        tags,
        summary: 'Tạo tài khoản đăng nhập cho thành viên tổ / A sign-in account for a team member',
        params: TeamIdParam,
        response: { 201: MemberAccountResult },
      },
    },
    async (req, reply) =>
      reply.code(201).send(await teams.createMemberAccount(requireActor(req), req.params.id, { requestId: req.id })),
  );

  app.get(
    '/api/teams/import-template.xlsx',
    { schema: { tags, summary: 'Mẫu XLSX nhập tổ và thành viên / XLSX template for teams and members' } },
    async (_req, reply) =>
      reply
        .type(XLSX)
        .header('content-disposition', contentDisposition('attachment', 'mau-nhap-to-cong-nghe-so', 'xlsx'))
        .send(await teams.template()),
  );

  app.get(
    '/api/teams/export.xlsx',
    {
      schema: {
        tags,
        summary: 'Xuất tổ và thành viên của xã (XLSX, cùng định dạng nhập) / Export a commune’s teams (XLSX)',
        querystring: TeamExportQuery,
      },
    },
    async (req, reply) => {
      const { file, name } = await teams.exportTeams(requireActor(req), req.query.unit, { requestId: req.id });
      return reply
        .type(XLSX)
        .header('content-disposition', contentDisposition('attachment', name, 'xlsx'))
        .send(file);
    },
  );

  // The upload lives in its own scope: only this route parses multipart bodies, with its own limits.
  await app.register(async (scope) => {
    await scope.register(multipart, { limits: { files: 1, fileSize: TEAM_IMPORT_MAX_BYTES, fields: 5, parts: 6 } });
    scope.withTypeProvider<ZodTypeProvider>().post(
      '/api/teams/import',
      {
        schema: {
          tags,
          summary: 'Nhập tổ và thành viên từ XLSX/CSV: tất cả hoặc không / Import teams and members: all rows or none',
          description:
            'multipart/form-data with one file (≤ 10 MB, ≤ 10,000 rows), in the columns of the template. ' +
            'Errors: 422 { ok: false, error, errors: [{ row, field, column, message }] }, or with ?report=xlsx the ' +
            'uploaded rows as XLSX with the bad cells marked and a note per row; ?dryRun=1 checks only.',
          querystring: TeamImportQuery,
          response: { 200: TeamImportResult, 201: TeamImportResult },
        },
      },
      async (req, reply) => {
        const actor = requireActor(req);
        const { file, fileName } = await uploadedSpreadsheet(req); // 413 past the limit
        try {
          const result = await teams.importTeams(actor, req.query.unit, file, {
            dryRun: req.query.dryRun,
            fileName: fileName?.slice(0, 200),
            requestId: req.id,
          });
          return reply.code(result.dryRun ? 200 : 201).send(result);
        } catch (e) {
          if (!(e instanceof ImportRejected)) throw e;
          return sendImportRejection(req, reply, e, {
            file,
            report: req.query.report === 'xlsx',
            reportName: 'loi-nhap-to-cong-nghe-so',
          });
        }
      },
    );
  });
}
