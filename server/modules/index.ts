import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../platform/context.js';
import { registerAccountRoutes } from './accounts/routes.js';
import type { SessionService } from './accounts/sessions.js';
import { reportCounts } from './feedback/report-counts.js';
import { feedbackRoutes } from './feedback/routes.js';
import { feedbackPhotoRoutes } from './feedback-photos/routes.js';
import { feedbackPublicRoutes } from './feedback-public/routes.js';
import { feedbackStatsRoutes } from './feedback-stats/routes.js';
import { handlingUnitsRoutes } from './handling-units/routes.js';
import { notificationsRoutes } from './notifications/routes.js';
import { open311Routes } from './open311/routes.js';
import { registerSystemRoutes } from './system/routes.js';
import { teamsRoutes } from './teams/routes.js';
import { createTeamsService } from './teams/service.js';
import { teamCounts } from './teams/team-counts.js';
import { unitsRoutes } from './units/routes.js';
import { createUnitsService } from './units/service.js';

/** Every domain registers its routes here; each domain's routes.ts is the one place its HTTP lives. */
export async function registerModules(app: FastifyInstance, ctx: AppContext, sessions: SessionService) {
  ctx.aggregates.register(reportCounts);
  ctx.aggregates.register(teamCounts);
  const units = createUnitsService(ctx);
  const teams = createTeamsService({
    db: ctx.db,
    units,
    usualSize: { min: ctx.config.TEAM_SIZE_MIN, max: ctx.config.TEAM_SIZE_MAX },
  });
  registerSystemRoutes(app, ctx);
  registerAccountRoutes(app, ctx, sessions);
  await app.register(unitsRoutes, { ctx });
  await app.register(handlingUnitsRoutes, { ctx });
  await app.register(feedbackRoutes, { ctx });
  await app.register(notificationsRoutes, { ctx });
  await app.register(open311Routes, { ctx });
  await app.register(feedbackPhotoRoutes, { ctx });
  await app.register(feedbackStatsRoutes, { ctx });
  await app.register(feedbackPublicRoutes, { ctx });
  await app.register(teamsRoutes, { teams });
}
