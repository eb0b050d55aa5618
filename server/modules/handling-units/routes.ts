import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  HandlingUnitAreas,
  HandlingUnitCreate,
  HandlingUnitDetail,
  HandlingUnitListQuery,
  HandlingUnitListResponse,
  HandlingUnitStatusChange,
  HandlingUnitUpdate,
} from '../../../common/handling-units.js';
import { requireActor } from '../../platform/actor.js';
import { authorize } from '../../platform/permissions.js';
import type { HandlingUnitService } from './service.js';

const IdParam = z.strictObject({
  id: z.string().regex(/^[0-9A-Za-z][0-9A-Za-z-]{1,63}$/, { message: 'Mã không hợp lệ. | Invalid id.' }),
});
const tags = ['handling-units'];

/** Handling units: public reads (names and office contacts of public bodies); province administrators write. */
export async function handlingUnitsRoutes(server: FastifyInstance, opts: { handlingUnits: HandlingUnitService }) {
  const app = server.withTypeProvider<ZodTypeProvider>();
  const service = opts.handlingUnits;

  app.get(
    '/api/handling-units',
    {
      schema: {
        tags,
        summary: 'Danh sách cơ quan xử lý / List handling units',
        querystring: HandlingUnitListQuery,
        response: { 200: HandlingUnitListResponse },
      },
    },
    async (req) => service.listHandlingUnits(req.query),
  );

  app.get(
    '/api/handling-units/:id',
    {
      schema: {
        tags,
        summary: 'Một cơ quan xử lý (id hoặc mã) / One handling unit (id or code)',
        params: IdParam,
        response: { 200: HandlingUnitDetail },
      },
    },
    async (req) => service.getHandlingUnit(req.params.id),
  );

  app.post(
    '/api/handling-units',
    {
      schema: {
        tags,
        summary: 'Tạo cơ quan xử lý / Create a handling unit',
        body: HandlingUnitCreate,
        response: { 201: HandlingUnitDetail },
      },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      const unit = await service.unitForCreate(actor, req.body.unitCode);
      authorize(actor, 'handling_unit.manage', { unitPath: unit.path });
      return reply.code(201).send(await service.createHandlingUnit(actor, unit, req.body, { requestId: req.id }));
    },
  );

  app.patch(
    '/api/handling-units/:id',
    {
      schema: {
        tags,
        summary: 'Sửa cơ quan xử lý / Edit a handling unit',
        params: IdParam,
        body: HandlingUnitUpdate,
        response: { 200: HandlingUnitDetail },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      const h = await service.requireHandlingUnit(req.params.id);
      authorize(actor, 'handling_unit.manage', { unitPath: h.unitPath });
      return service.updateHandlingUnit(actor, h, req.body, { requestId: req.id });
    },
  );

  app.put(
    '/api/handling-units/:id/areas',
    {
      schema: {
        tags,
        summary: 'Đặt các xã, phường được phục vụ / Set the communes served',
        params: IdParam,
        body: HandlingUnitAreas,
        response: { 200: HandlingUnitDetail },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      const h = await service.requireHandlingUnit(req.params.id);
      authorize(actor, 'handling_unit.manage', { unitPath: h.unitPath });
      return service.setAreas(actor, h, req.body.communeCodes, { requestId: req.id });
    },
  );

  for (const [verb, active] of [
    ['deactivate', false],
    ['activate', true],
  ] as const) {
    app.post(
      `/api/handling-units/:id/${verb}`,
      {
        schema: {
          tags,
          summary: active
            ? 'Hoạt động lại cơ quan xử lý / Reactivate a handling unit'
            : 'Ngừng hoạt động cơ quan xử lý (không áp dụng cho UBND) / Deactivate a handling unit (not committees)',
          params: IdParam,
          body: HandlingUnitStatusChange.nullish(),
          response: { 200: HandlingUnitDetail },
        },
      },
      async (req) => {
        const actor = requireActor(req);
        const h = await service.requireHandlingUnit(req.params.id);
        authorize(actor, 'handling_unit.manage', { unitPath: h.unitPath });
        return service.setActive(actor, h, active, req.body?.reason, { requestId: req.id });
      },
    );
  }
}
