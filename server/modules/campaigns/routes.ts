import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  CampaignCommuneParam,
  CampaignDetail,
  CampaignIdParam,
  CampaignInput,
  CampaignList,
  CampaignListQuery,
  CampaignProgress,
  CampaignProgressQuery,
  CommuneSplit,
  CurrentFocus,
  TeamTargetsInput,
} from '../../../common/campaigns.js';
import { requireActor } from '../../platform/actor.js';
import { contentDisposition } from '../../platform/content-disposition.js';
import { XLSX_TYPE as XLSX } from '../../platform/spreadsheet.js';
import type { CampaignsService } from './service.js';

const tags = ['campaigns'];

/** Campaigns (the monthly roadmap): HTTP only; the service authorizes and audits. */
export async function campaignsRoutes(server: FastifyInstance, opts: { campaigns: CampaignsService }) {
  const app = server.withTypeProvider<ZodTypeProvider>();
  const { campaigns } = opts;

  app.get(
    '/api/campaigns/current',
    {
      schema: {
        tags,
        summary: 'Trọng tâm tháng này của tổ (thành viên tổ) / This month’s focus for the member’s team',
        response: { 200: CurrentFocus },
      },
    },
    async (req) => campaigns.current(requireActor(req)),
  );

  app.get(
    '/api/campaigns',
    {
      schema: {
        tags,
        summary: 'Các đợt cao điểm của tỉnh / A province’s campaigns',
        querystring: CampaignListQuery,
        response: { 200: CampaignList },
      },
    },
    async (req) => campaigns.list(requireActor(req), req.query.province),
  );

  app.post(
    '/api/campaigns',
    {
      schema: {
        tags,
        summary: 'Tạo đợt cao điểm / Create a campaign',
        body: CampaignInput,
        response: { 201: CampaignDetail },
      },
    },
    async (req, reply) =>
      reply.code(201).send(await campaigns.create(requireActor(req), req.body, { requestId: req.id })),
  );

  app.get(
    '/api/campaigns/:id',
    {
      schema: {
        tags,
        summary: 'Một đợt cao điểm / A campaign',
        params: CampaignIdParam,
        response: { 200: CampaignDetail },
      },
    },
    async (req) => campaigns.read(requireActor(req), req.params.id),
  );

  app.put(
    '/api/campaigns/:id',
    {
      schema: {
        tags,
        summary: 'Sửa đợt cao điểm (thay toàn bộ) / Edit a campaign (replaces it)',
        params: CampaignIdParam,
        body: CampaignInput,
        response: { 200: CampaignDetail },
      },
    },
    async (req) => campaigns.update(requireActor(req), req.params.id, req.body, { requestId: req.id }),
  );

  app.get(
    '/api/campaigns/:id/communes/:code',
    {
      schema: {
        tags,
        summary: 'Chỉ tiêu của xã và của các tổ / A commune’s targets and its split per team',
        params: CampaignCommuneParam,
        response: { 200: CommuneSplit },
      },
    },
    async (req) => campaigns.commune(requireActor(req), req.params.id, req.params.code),
  );

  app.put(
    '/api/campaigns/:id/communes/:code/teams',
    {
      schema: {
        tags,
        summary: 'Giao chỉ tiêu cho các tổ (tổng có thể khác chỉ tiêu xã: cảnh báo) / Split targets per team',
        params: CampaignCommuneParam,
        body: TeamTargetsInput,
        response: { 200: CommuneSplit },
      },
    },
    async (req) =>
      campaigns.setTeamTargets(requireActor(req), req.params.id, req.params.code, req.body, { requestId: req.id }),
  );

  app.get(
    '/api/campaigns/:id/progress',
    {
      schema: {
        tags,
        summary: 'Tiến độ: tỉnh theo xã, xã theo tổ / Progress: a province by commune, a commune by team',
        params: CampaignIdParam,
        querystring: CampaignProgressQuery,
        response: { 200: CampaignProgress },
      },
    },
    async (req) => campaigns.progress(requireActor(req), req.params.id, req.query.unit),
  );

  app.get(
    '/api/campaigns/:id/progress.xlsx',
    {
      schema: {
        tags,
        summary: 'Tiến độ (XLSX) / Progress (XLSX)',
        params: CampaignIdParam,
        querystring: CampaignProgressQuery,
      },
    },
    async (req, reply) => {
      const { file, name } = await campaigns.progressWorkbook(requireActor(req), req.params.id, req.query.unit);
      return reply
        .type(XLSX)
        .header('content-disposition', contentDisposition('attachment', name, 'xlsx'))
        .send(file);
    },
  );
}
