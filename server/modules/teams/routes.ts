import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  Coverage,
  CoverageQuery,
  TeamCreate,
  TeamDetail,
  TeamDissolve,
  TeamIdParam,
  TeamList,
  TeamListQuery,
  TeamMemberCreate,
  TeamMemberLeave,
  TeamMemberUpdate,
  TeamUpdate,
} from '../../../common/teams.js';
import { requireActor } from '../../platform/actor.js';
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
}
