import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  CommuneTransparency,
  TRANSPARENCY_MAX_AGE,
  TransparencyParams,
  TransparencyQuery,
} from '../../../common/transparency.js';
import type { TransparencyService } from './service.js';

const tags = ['transparency'];

/**
 * The public transparency page of a commune: no sign-in, counts and rates only. Answers (and a hamlet's redirect to
 * its commune) may be kept by browsers and shared caches for five minutes; errors are not (they are in the reader's
 * language). The commune picker reads the public unit list (`GET /api/units?parent=<province>`).
 */
export async function transparencyRoutes(server: FastifyInstance, opts: { transparency: TransparencyService }) {
  const app = server.withTypeProvider<ZodTypeProvider>();
  const { transparency } = opts;

  app.get(
    '/api/public/communes/:code/transparency',
    {
      schema: {
        tags,
        summary:
          'Minh bạch số liệu của một xã, phường: phản ánh, tổ công nghệ số, người học / A commune’s public figures',
        params: TransparencyParams,
        querystring: TransparencyQuery,
        response: { 200: CommuneTransparency },
      },
    },
    async (req, reply) => {
      const answer = await transparency.commune(req.params.code, req.query);
      reply.header('cache-control', `public, max-age=${TRANSPARENCY_MAX_AGE}`);
      if ('hamletOf' in answer) {
        const q = req.url.indexOf('?');
        const search = q >= 0 ? req.url.slice(q) : '';
        return reply.redirect(`/api/public/communes/${encodeURIComponent(answer.hamletOf)}/transparency${search}`, 302);
      }
      return answer.figures;
    },
  );
}
