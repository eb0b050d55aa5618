import type { Role } from '../../../common/roles.js';
import type { Actor } from '../../platform/actor.js';
import { type Action, can, covers, scopesFor } from '../../platform/permissions.js';
import type { AssignmentRow } from './repo.js';

/*
 * Where an account "lives" for administration. An account belongs to every unit it holds a role in; an
 * account with no scoped role (a citizen who signed up by code) belongs to the installation's province.
 * The rules themselves stay in the policy table: these helpers only decide which unit paths to ask it about.
 */

/** Granting or revoking an administrator role needs 'account.grant_admin'; any other role 'account.manage'. */
export function grantAction(role: Role): Action {
  return role === 'commune_admin' || role === 'province_admin' ? 'account.grant_admin' : 'account.manage';
}

/** The unit paths an account belongs to. */
export function accountPaths(assignments: AssignmentRow[], homePath: string): string[] {
  const paths = [...new Set(assignments.map((a) => a.path).filter((p): p is string => !!p))];
  return paths.length ? paths : [homePath];
}

/** May the actor see this account (list row, details)? Itself, or an administrator of a unit it belongs to. */
export function canReadAccount(actor: Actor, targetId: string, assignments: AssignmentRow[], homePath: string) {
  return accountPaths(assignments, homePath).some((p) =>
    can(actor, 'account.read', { unitPath: p, ownerId: targetId }),
  );
}

/**
 * May the actor change this account (disable, reset its password, end its sessions)? Only if they could have
 * granted every role it holds: a commune administrator cannot take over a province administrator's account
 * just because that person also belongs to a team in the commune.
 */
export function canManageAccount(actor: Actor, assignments: AssignmentRow[], homePath: string) {
  const scoped = assignments.filter((a) => a.path || a.role !== 'citizen');
  if (scoped.length === 0) return can(actor, 'account.manage', { unitPath: homePath });
  return scoped.every((a) => can(actor, grantAction(a.role), { unitPath: a.path ?? homePath }));
}

/**
 * May the actor change this account's credentials (reset its password, end its sessions)? Only a staff account an
 * administration made (`managedByAdmin`), holding at least one staff role, every one of which the actor could have
 * granted. Never an account a person made by a code on their own phone, whatever roles it was given later: giving
 * someone a role must not hand their account to the giver (they recover by a code sent to their phone).
 */
export function canChangeCredentials(
  actor: Actor,
  user: { managedByAdmin: boolean },
  assignments: AssignmentRow[],
  homePath: string,
) {
  if (!user.managedByAdmin) return false;
  if (!assignments.some((a) => a.role !== 'citizen')) return false;
  return canManageAccount(actor, assignments, homePath);
}

/**
 * May the actor rename, disable or re-enable this account? A staff account: whoever may manage all its roles. A
 * person's own account (citizen): only an administrator of the whole province, as moderation — it hands nobody the
 * account, and a commune administrator cannot reach citizens elsewhere by first giving them a role.
 */
export function canModerateAccount(
  actor: Actor,
  user: { managedByAdmin: boolean },
  assignments: AssignmentRow[],
  homePath: string,
) {
  if (!canManageAccount(actor, assignments, homePath)) return false;
  return user.managedByAdmin || can(actor, 'account.manage', { unitPath: homePath });
}

/** The most specific of the account's paths the actor covers: where an audit entry about it is filed. */
export function auditPathFor(actor: Actor, assignments: AssignmentRow[], homePath: string): string {
  const covered = accountPaths(assignments, homePath).filter((p) =>
    scopesFor(actor, 'account.read').some((s) => covers(s, p)),
  );
  const pool = covered.length ? covered : accountPaths(assignments, homePath);
  return pool.sort((a, b) => b.length - a.length)[0];
}
