import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { PublicConfig } from '../../../common/system.js';
import type { AppContext } from '../../platform/context.js';

/** Installation facts the web app reads at start: map tiles (none by default: works offline), province. */
export function registerSystemRoutes(app: FastifyInstance, ctx: AppContext) {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/config',
    {
      schema: {
        tags: ['system'],
        summary: 'Cấu hình công khai / public configuration',
        response: { 200: PublicConfig },
      },
    },
    async () => ({
      provinceCode: ctx.config.XASO_PROVINCE,
      mapTileUrl: ctx.config.MAP_TILE_URL ?? null,
      mapTileAttribution: ctx.config.MAP_TILE_ATTRIBUTION ?? null,
      demo: ctx.config.XASO_DEMO,
    }),
  );
}
