import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../platform/context.js';
import { type AccountAdminServices, registerAccountAdminRoutes } from './routes-admin.js';
import { type AuthServices, registerAuthRoutes } from './routes-auth.js';
import { registerTotpSetupGuard } from './totp-guard.js';

/** Sign-in and sessions (/api/auth), accounts and roles (/api/accounts), API keys. */
export function registerAccountRoutes(
  app: FastifyInstance,
  ctx: AppContext,
  services: AuthServices & AccountAdminServices,
) {
  registerTotpSetupGuard(app, ctx.config.production);
  registerAuthRoutes(app, ctx, services);
  registerAccountAdminRoutes(app, services);
}
