import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { LocateQuery, LocateResponse, UnitDetail, UnitListQuery, UnitListResponse } from '../../../common/units.js';
import type { AppContext } from '../../platform/context.js';
import { getLocateIndex } from './boundaries.js';
import { registerHamletRoutes } from './hamlet-routes.js';
import type { HamletService } from './hamlets.js';
import { UnitCodeParam } from './schemas.js';
import type { UnitsService } from './service.js';

const tags = ['units'];

/**
 * The unit tree (public reads: units hold no personal data), point → commune, map boundaries, and the hamlet
 * writes of commune administrators.
 */
export async function unitsRoutes(
  server: FastifyInstance,
  opts: { ctx: AppContext; units: UnitsService; hamlets: HamletService },
) {
  const app = server.withTypeProvider<ZodTypeProvider>();
  const { units } = opts;
  // Build the point → commune index when the server is ready, so the first locate does not wait for it.
  app.addHook('onReady', async () => {
    getLocateIndex().catch((e) => opts.ctx.log.error({ err: { message: e.message } }, 'boundaries not loaded'));
  });

  app.get(
    '/api/units',
    {
      schema: {
        tags,
        summary: 'Đơn vị con (phân trang) hoặc tìm kiếm không dấu / Children of a unit, or search',
        querystring: UnitListQuery,
        response: { 200: UnitListResponse },
      },
    },
    async (req) => units.listUnits(req.query),
  );

  app.get(
    '/api/units/locate',
    {
      schema: {
        tags,
        summary: 'Xã, phường chứa một điểm / The commune containing a point',
        querystring: LocateQuery,
        response: { 200: LocateResponse },
      },
    },
    async (req) => units.locate(req.query.lat, req.query.lng),
  );

  app.get(
    '/api/units/boundaries/:province',
    {
      schema: {
        tags,
        summary: 'Ranh giới xã, phường của một tỉnh (GeoJSON) / Commune boundaries of a province (GeoJSON)',
        params: z.strictObject({
          province: z.string().regex(/^\d{2}$/, { message: 'Mã tỉnh gồm 2 chữ số. | A province code is 2 digits.' }),
        }),
      },
    },
    async (req, reply) => {
      const geo = await units.webBoundaries(req.params.province);
      // The file changes only with a release: a day fresh, a week stale-while-revalidate, ETag to revalidate.
      reply
        .header('cache-control', 'public, max-age=86400, stale-while-revalidate=604800')
        .header('etag', geo.etag)
        .header('vary', 'accept-encoding');
      const inm = req.headers['if-none-match'];
      if (inm?.split(',').some((t) => t.trim().replace(/^W\//, '') === geo.etag)) return reply.code(304).send();
      reply.type('application/geo+json; charset=utf-8');
      if (/\bgzip\b/.test(String(req.headers['accept-encoding'] ?? '')))
        return reply.header('content-encoding', 'gzip').send(geo.gzip);
      return reply.send(geo.body);
    },
  );

  app.get(
    '/api/units/:code/boundary',
    {
      schema: {
        tags,
        summary: 'Ranh giới một xã, phường (GeoJSON) / One commune boundary (GeoJSON)',
        params: UnitCodeParam,
      },
    },
    async (req, reply) => {
      const geo = await units.communeBoundary(req.params.code);
      reply.header('cache-control', 'public, max-age=86400, stale-while-revalidate=604800').header('etag', geo.etag);
      const inm = req.headers['if-none-match'];
      if (inm?.split(',').some((t) => t.trim().replace(/^W\//, '') === geo.etag)) return reply.code(304).send();
      return reply.type('application/geo+json; charset=utf-8').send(geo.body);
    },
  );

  app.get(
    '/api/units/:code',
    {
      schema: {
        tags,
        summary: 'Một đơn vị, đường dẫn và số đơn vị con / One unit with breadcrumb and child counts',
        params: UnitCodeParam,
        response: { 200: UnitDetail },
      },
    },
    async (req) => units.getUnit(req.params.code),
  );

  await registerHamletRoutes(app, opts);
}
