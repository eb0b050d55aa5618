import type { WorkSummary } from '../../../common/feedback-work.js';
import type { Actor } from '../../platform/actor.js';
import { vnDate, vnMidnight } from '../../platform/calendar.js';
import type { AppContext } from '../../platform/context.js';
import { errors } from '../../platform/errors.js';
import * as repo from './summary-repo.js';
import { ownHandlingUnits, screeningScope, screensAnything } from './work-scope.js';

const DAY_MS = 86_400_000;

/**
 * The counts a staff member's home page opens with. Uses the same scopes as the inbox (a handling officer's own
 * units) and the screening queue (the communes their committees serve, the units they administer); someone with
 * neither gets 403, as from those lists.
 */
export function createWorkSummary(ctx: AppContext, clock: () => Date = () => new Date()) {
  return async function workSummary(actor: Actor): Promise<WorkSummary> {
    const officerUnits = ownHandlingUnits(actor);
    const scope = await screeningScope(ctx.db, actor);
    if (officerUnits.length === 0 && !screensAnything(scope)) throw errors.forbidden();
    const now = clock();
    const endOfDay = vnMidnight(vnDate(new Date(now.getTime() + DAY_MS)));
    return {
      inbox: officerUnits.length ? await repo.countInbox(ctx.db, officerUnits, now, endOfDay) : null,
      screening: screensAnything(scope) ? { pending: await repo.countPending(ctx.db, scope) } : null,
    };
  };
}

export type WorkSummaryService = ReturnType<typeof createWorkSummary>;
