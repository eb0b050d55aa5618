import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  CategoryCreate,
  CategoryListQuery,
  CategoryListResponse,
  CategoryUpdate,
  CategoryView,
  RoutingRuleCreate,
  RoutingRuleListQuery,
  RoutingRuleListResponse,
  RoutingRuleView,
} from '../../../common/feedback.js';
import { requireActor } from '../../platform/actor.js';
import type { AppContext } from '../../platform/context.js';
import { errors } from '../../platform/errors.js';
import { authorize, can } from '../../platform/permissions.js';
import type { UnitsService } from '../units/service.js';
import { type CategoryService, toCategoryView } from './categories.js';

const tags = ['feedback'];
const CategoryParam = z.strictObject({ id: z.string().regex(/^[0-9A-Za-z][0-9A-Za-z-]{1,63}$/) });
const RuleParam = z.strictObject({ id: z.uuid() });

/** Categories (public reads; province administrators edit) and routing rules (province administrators). */
export async function feedbackAdminRoutes(
  server: FastifyInstance,
  opts: { ctx: AppContext; categories: CategoryService; units: UnitsService },
) {
  const app = server.withTypeProvider<ZodTypeProvider>();
  const { ctx, categories: service, units } = opts;

  async function province(code: string | undefined) {
    const unit = await units.requireUnit(code ?? ctx.config.XASO_PROVINCE);
    if (unit.level !== 'province')
      throw errors.invalidField('provinceCode', { vi: 'Cần mã tỉnh/thành phố.', en: 'A province code is needed.' });
    return unit;
  }

  app.get(
    '/api/feedback/categories',
    {
      schema: {
        tags,
        summary: 'Lĩnh vực phản ánh / Feedback categories',
        querystring: CategoryListQuery,
        response: { 200: CategoryListResponse },
      },
    },
    async (req) => {
      const p = await province(req.query.province);
      // Inactive categories are for the administrators who may turn them back on.
      if (req.query.includeInactive) authorize(req.actor, 'category.manage', { unitPath: p.path });
      return { items: await service.listCategories(p.code, req.query.includeInactive) };
    },
  );

  app.get(
    '/api/feedback/categories/:id',
    {
      schema: {
        tags,
        summary: 'Một lĩnh vực (id hoặc mã) / One category',
        params: CategoryParam,
        response: { 200: CategoryView },
      },
    },
    async (req) => {
      const c = await service.requireCategory(req.params.id);
      if (!c.active && !can(req.actor, 'category.manage', { unitPath: c.provinceCode }))
        throw errors.notFound({ vi: `lĩnh vực "${req.params.id}"`, en: `Category "${req.params.id}"` });
      return toCategoryView(c);
    },
  );

  app.post(
    '/api/feedback/categories',
    {
      schema: {
        tags,
        summary: 'Tạo lĩnh vực / Create a category',
        body: CategoryCreate,
        response: { 201: CategoryView },
      },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      const p = await province(req.body.provinceCode);
      authorize(actor, 'category.manage', { unitPath: p.path });
      return reply.code(201).send(await service.createCategory(actor, p.code, req.body, req.id));
    },
  );

  app.patch(
    '/api/feedback/categories/:id',
    {
      schema: {
        tags,
        summary: 'Sửa lĩnh vực / Edit a category',
        params: CategoryParam,
        body: CategoryUpdate,
        response: { 200: CategoryView },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      const c = await service.requireCategory(req.params.id);
      authorize(actor, 'category.manage', { unitPath: c.provinceCode });
      return service.updateCategory(actor, c, req.body, req.id);
    },
  );

  app.get(
    '/api/feedback/routing-rules',
    {
      schema: {
        tags,
        summary: 'Quy tắc phân phối / Routing rules',
        querystring: RoutingRuleListQuery,
        response: { 200: RoutingRuleListResponse },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      const p = await province(req.query.province);
      authorize(actor, 'routing.manage', { unitPath: p.path });
      return service.listRoutingRules(
        { provinceCode: p.code, categoryId: req.query.category, communeCode: req.query.commune },
        { limit: req.query.limit, offset: req.query.offset },
      );
    },
  );

  app.post(
    '/api/feedback/routing-rules',
    {
      schema: {
        tags,
        summary: 'Đặt quy tắc phân phối (lĩnh vực + xã → cơ quan) / Set a routing rule',
        body: RoutingRuleCreate,
        response: { 200: RoutingRuleView },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      const c = await service.requireCategory(req.body.categoryId).catch(() => {
        throw errors.invalidField('categoryId', { vi: 'Không có lĩnh vực này.', en: 'No such category.' });
      });
      authorize(actor, 'routing.manage', { unitPath: c.provinceCode });
      return service.setRoutingRule(actor, c.provinceCode, req.body, req.id);
    },
  );

  app.delete(
    '/api/feedback/routing-rules/:id',
    { schema: { tags, summary: 'Xóa quy tắc phân phối / Delete a routing rule', params: RuleParam } },
    async (req, reply) => {
      const actor = requireActor(req);
      const rule = await service.requireRoutingRule(req.params.id);
      const c = await service.requireCategory(rule.categoryId);
      authorize(actor, 'routing.manage', { unitPath: c.provinceCode });
      await service.deleteRoutingRule(actor, c.provinceCode, rule.id, req.id);
      return reply.code(204).send();
    },
  );
}
