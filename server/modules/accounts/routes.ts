import type { FastifyInstance } from 'fastify';
import { registerTotpSetupGuard } from '../../platform/auth-hook.js';
import type { AppContext } from '../../platform/context.js';
import { registerAuditRoutes } from '../audit/routes.js';
import { registerAccountAdminRoutes } from './routes-admin.js';
import { registerAuthRoutes } from './routes-auth.js';
import type { SessionService } from './sessions.js';

/** Sign-in and sessions (/api/auth), accounts and roles (/api/accounts), API keys and the audit trail. */
export function registerAccountRoutes(app: FastifyInstance, ctx: AppContext, sessions: SessionService) {
  registerTotpSetupGuard(app, ctx.config.production);
  registerAuthRoutes(app, ctx, sessions);
  registerAccountAdminRoutes(app, ctx);
  registerAuditRoutes(app, ctx);
}
