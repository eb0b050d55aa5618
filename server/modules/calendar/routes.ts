import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  HolidayCreate,
  HolidayDefaults,
  HolidayDefaultsResult,
  HolidayListQuery,
  HolidayListResponse,
  HolidayView,
} from '../../../common/feedback.js';
import { requireActor } from '../../platform/actor.js';
import type { AppContext } from '../../platform/context.js';
import { errors } from '../../platform/errors.js';
import { authorize } from '../../platform/permissions.js';
import type { UnitsService } from '../units/service.js';
import type { CalendarService } from './service.js';

const tags = ['calendar'];
const DeleteParams = z.strictObject({
  province: z.string().regex(/^\d{2}$/),
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
});

/** Public holidays per province and year: anyone reads; the province administrator edits. */
export async function calendarRoutes(
  server: FastifyInstance,
  opts: { ctx: AppContext; calendar: CalendarService; units: UnitsService },
) {
  const app = server.withTypeProvider<ZodTypeProvider>();
  const ctx = opts.ctx;
  const { calendar: service, units } = opts;

  /** The province a request is about: the one named (in `field`), or the installation's. */
  async function province(
    code: string | undefined,
    field: 'querystring.province' | 'params.province' | 'provinceCode',
  ) {
    const unit = await units.requireUnit(code ?? ctx.config.XASO_PROVINCE);
    if (unit.level !== 'province')
      throw errors.invalidField(field, {
        vi: 'Cần mã tỉnh/thành phố.',
        en: 'A province code is needed.',
      });
    return unit;
  }

  app.get(
    '/api/holidays',
    {
      schema: {
        tags,
        summary: 'Ngày nghỉ lễ của tỉnh theo năm / Public holidays of a province by year',
        querystring: HolidayListQuery,
        response: { 200: HolidayListResponse },
      },
    },
    async (req) => {
      const p = await province(req.query.province, 'querystring.province');
      return { items: await service.listHolidays(p.code, req.query.year) };
    },
  );

  app.post(
    '/api/holidays',
    {
      schema: {
        tags,
        summary: 'Thêm ngày nghỉ / Add a holiday',
        body: HolidayCreate,
        response: { 201: HolidayView },
      },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      const p = await province(req.body.provinceCode, 'provinceCode');
      authorize(actor, 'holiday.manage', { unitPath: p.path });
      return reply.code(201).send(await service.addHoliday(actor, p.code, req.body, req.id));
    },
  );

  app.post(
    '/api/holidays/defaults',
    {
      schema: {
        tags,
        summary: 'Thêm các ngày nghỉ mặc định của một năm / Fill a year with the default holidays',
        body: HolidayDefaults,
        response: { 200: HolidayDefaultsResult },
      },
    },
    async (req) => {
      const actor = requireActor(req);
      const p = await province(req.body.provinceCode, 'provinceCode');
      authorize(actor, 'holiday.manage', { unitPath: p.path });
      return service.fillDefaultHolidays(actor, p.code, req.body.year, req.id);
    },
  );

  app.delete(
    '/api/holidays/:province/:date',
    {
      schema: { tags, summary: 'Bỏ ngày nghỉ / Remove a holiday', params: DeleteParams },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      const p = await province(req.params.province, 'params.province');
      authorize(actor, 'holiday.manage', { unitPath: p.path });
      await service.removeHoliday(actor, p.code, req.params.date, req.id);
      return reply.code(204).send();
    },
  );
}
