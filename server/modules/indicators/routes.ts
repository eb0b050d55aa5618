import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  IndicatorByUnit,
  IndicatorCodeParam,
  IndicatorDefinition,
  IndicatorPeriodQuery,
  IndicatorSeries,
  IndicatorValues,
} from '../../../common/indicators.js';
import { requireActor } from '../../platform/actor.js';
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
}
