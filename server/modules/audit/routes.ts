import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { AuditList, AuditQuery } from '../../../common/audit.js';
import { requireActor } from '../../platform/actor.js';
import type { AuditService } from './service.js';

/** GET /api/audit: the audit trail, filtered to the units the administrator administers. */
export function registerAuditRoutes(app: FastifyInstance, { audit }: { audit: AuditService }) {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/audit',
    {
      schema: {
        tags: ['audit'],
        summary: 'Nhật ký kiểm toán / audit trail',
        querystring: AuditQuery,
        response: { 200: AuditList },
      },
    },
    async (req) => audit.list(requireActor(req), req.query),
  );
}
