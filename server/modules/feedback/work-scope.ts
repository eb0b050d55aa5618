import type { Db } from '../../db/client.js';
import type { Actor } from '../../platform/actor.js';
import { scopesFor } from '../../platform/permissions.js';
import { communesScreenedBy } from './report-repo.js';

/**
 * Who works on what — one definition for the work lists (inbox, screening queue), the tabs they show
 * (`workQueues`) and the home page's counts (`workSummary`), so a count or a tab never disagrees with its list.
 */

/** The handling units a person works for as an officer: their inbox by default. */
export function ownHandlingUnits(actor: Actor): string[] {
  return actor.assignments
    .filter((a) => a.role === 'handling_officer' && a.handlingUnitId)
    .map((a) => a.handlingUnitId!);
}

/** Who may screen what: the communes the actor's committees serve, and the unit paths they administer. */
export async function screeningScope(db: Db, actor: Actor) {
  const communeCodes = await communesScreenedBy(db, ownHandlingUnits(actor));
  return { communeCodes, pathPrefixes: scopesFor(actor, 'report.screen') };
}

/** True when the screening scope holds anything to screen. */
export const screensAnything = (s: { communeCodes: string[]; pathPrefixes: string[] }) =>
  s.communeCodes.length > 0 || s.pathPrefixes.length > 0;
