import type { Role } from '../../common/roles.js';
import type { Actor, Assignment } from './actor.js';
import { errors } from './errors.js';

/** What a permission is checked against: where the thing lives, and whose it is. */
export interface Resource {
  /** Path of the administrative unit the resource belongs to ("19/05569" for Xã Định Hoá). */
  unitPath?: string | null;
  handlingUnitId?: string | null;
  ownerId?: string | null;
  /**
   * Set to 'commune' when `unitPath` is a commune standing for a place whose hamlet is unknown (an assisted report
   * with no hamlet): a team member of one of its hamlets may act on it.
   */
  placeLevel?: 'commune' | 'hamlet';
}

/**
 * True when a scope path covers the target path: the same unit or one below it. Its SQL twin is `pathCoveredBy` in
 * unit-scope-sql.ts: keep the two the same rule.
 */
export function covers(scopePath: string | null, targetPath: string | null | undefined): boolean {
  if (!scopePath || !targetPath) return false;
  return targetPath === scopePath || targetPath.startsWith(`${scopePath}/`);
}

type Rule = (actor: Actor, resource: Resource) => boolean;

const holds = (actor: Actor, roles: Role[]) => actor.assignments.filter((a) => roles.includes(a.role));
const inScope =
  (...roles: Role[]): Rule =>
  (actor, resource) =>
    holds(actor, roles).some((a: Assignment) => covers(a.unitPath, resource.unitPath));
const either =
  (...rules: Rule[]): Rule =>
  (actor, resource) =>
    rules.some((r) => r(actor, resource));
const self: Rule = (actor, resource) => actor.kind === 'user' && !!resource.ownerId && actor.id === resource.ownerId;
const officerOf: Rule = (actor, resource) =>
  !!resource.handlingUnitId &&
  holds(actor, ['handling_officer']).some((a) => a.handlingUnitId === resource.handlingUnitId);
const parentPath = (path: string | null) => (path?.includes('/') ? path.slice(0, path.lastIndexOf('/')) : null);
/**
 * A team member serves their hamlet: places in it, and its commune when the resident's exact hamlet is unknown
 * (`placeLevel: 'commune'`). Not another hamlet of the same commune, not another commune.
 */
const teamMemberOfPlace: Rule = (actor, resource) =>
  holds(actor, ['team_member']).some(
    (a) =>
      covers(a.unitPath, resource.unitPath) ||
      (resource.placeLevel === 'commune' && !!resource.unitPath && parentPath(a.unitPath) === resource.unitPath),
  );
/**
 * Someone working inside the resource's unit (a province): a scope at or below it. The support network is
 * province-wide, so a hamlet's team member belongs to the network of the hamlet's province.
 */
const worksIn =
  (...roles: Role[]): Rule =>
  (actor, resource) =>
    actor.kind === 'user' && holds(actor, roles).some((a: Assignment) => covers(resource.unitPath ?? null, a.unitPath));
/** Holders of the roles whose scope lies inside the resource's unit, or covers it. */
const staffWithin =
  (...roles: Role[]): Rule =>
  (actor, resource) =>
    holds(actor, roles).some(
      (a) => covers(a.unitPath, resource.unitPath) || covers(resource.unitPath ?? null, a.unitPath),
    );
const anyStaff: Rule = (actor) => actor.assignments.some((a) => a.role !== 'citizen') && actor.kind === 'user';

/**
 * The one policy table of the platform. Every route asks `authorize(actor, action, resource)`;
 * the permission matrix test walks this table for every role, inside and outside its scope.
 */
export const POLICY = {
  /** Create, edit, merge, retire and import hamlets of a commune. */
  'hamlet.manage': inScope('commune_admin', 'province_admin'),
  /** Create and edit handling units and the communes they serve. */
  'handling_unit.manage': inScope('province_admin'),
  /** See an account's personal data (name, phone) and roles. */
  'account.read': either(self, inScope('commune_admin', 'province_admin')),
  /** Create accounts, grant and revoke roles within a scope. */
  'account.manage': inScope('commune_admin', 'province_admin'),
  /** Grant roles that administer a whole unit (commune or province administrators). */
  'account.grant_admin': inScope('province_admin'),
  'api_key.manage': inScope('province_admin'),
  'audit.read': inScope('commune_admin', 'province_admin'),
  /** Work a handling unit's inbox (used by the feedback domain). */
  'handling_unit.work': either(officerOf, inScope('province_admin')),
  'staff.area': anyStaff,
  /** Read and mark one's own in-app notifications (nobody reads another person's). */
  'notification.own': self,
  /** Follow or unfollow a public report (anyone signed in). */
  'report.follow': (actor) => actor.kind === 'user',
  /** Feedback: a signed-in person submits a report for themselves. */
  'report.submit': (actor) => actor.kind === 'user',
  /**
   * A team member submits for a resident (resource: the report's hamlet, or its commune with placeLevel 'commune'
   * when the hamlet is unknown): places in their hamlet, and their hamlet's commune when the hamlet is unknown.
   */
  'report.submit_assisted': teamMemberOfPlace,
  /** Hotline/Zalo/e-mail/walk-in reports recorded by staff of the commune (resource: the report's commune). */
  'report.submit_operator': inScope('handling_officer', 'commune_admin', 'province_admin'),
  /** Open311 clients submit with an API key scoped to the province (or commune) of the report. */
  'report.submit_open311': (actor, resource) =>
    actor.kind === 'api_key' && actor.assignments.some((a) => covers(a.unitPath, resource.unitPath)),
  /** Screen a report (resource: commune path + the commune committee's id). */
  'report.screen': either(officerOf, inScope('commune_admin', 'province_admin')),
  /** Work a report (resource: commune path + the report's handling unit). */
  'report.work': either(officerOf, inScope('province_admin')),
  /** See the reporter's contact and internal notes; add internal notes (staff of the committee or handling unit). */
  'report.read_private': either(officerOf, inScope('commune_admin', 'province_admin')),
  /**
   * Reveal the reporter's phone to call them (a deliberate, audited request with a reason): the handling unit's
   * officers, the screening committee's (checked by the feedback domain), administrators in scope.
   */
  'report.reveal_contact': either(officerOf, inScope('commune_admin', 'province_admin')),
  /** The reporter's own actions: answer a question, reopen, rate (resource: ownerId = reporter). */
  'report.respond': self,
  /** Found, edit and dissolve community digital technology teams and their members (resource: the team's hamlet). */
  'team.manage': inScope('commune_admin', 'province_admin'),
  /** Read a team and its members: administrators in scope, and the members of a hamlet's team for their own. */
  'team.read': inScope('team_member', 'commune_admin', 'province_admin'),
  /** See members' whole phone numbers (a team's own members see them masked). */
  'team.read_contacts': inScope('commune_admin', 'province_admin'),
  'category.manage': inScope('province_admin'),
  'routing.manage': inScope('province_admin'),
  'holiday.manage': inScope('province_admin'),
  /**
   * Read an activity of the activity log (no resident's details): its author, and administrators of its commune or
   * province. Recording one needs an active team membership (checked by the activities domain, not a role).
   */
  'activity.read': either(self, inScope('commune_admin', 'province_admin')),
  /** Correct anyone's activity at any time, with a reason (audited): the commune's administrators. */
  'activity.correct': inScope('commune_admin'),
  /**
   * Residents' personal data in an activity (each read audited): its author, their commune administrator, and
   * auditors (the holders of audit.read in scope).
   */
  'activity.read_residents': either(self, inScope('commune_admin', 'province_admin')),
  /** Export a unit's activities to XLSX (residents' columns only with a purpose, audited). */
  'activity.export': inScope('commune_admin', 'province_admin'),
  /** Edit a province's services catalog: services, links, guides, steps (resource: the province). */
  'catalog.manage': inScope('province_admin'),
  /**
   * Support network (hỏi đáp), resource: the province. Read the province's questions and answer them: its team members,
   * handling officers and administrators; ask: team members (an account linked to an active team membership counts as
   * one, see support/service.ts).
   */
  'support.read': worksIn('team_member', 'handling_officer', 'commune_admin', 'province_admin'),
  'support.answer': worksIn('team_member', 'handling_officer', 'commune_admin', 'province_admin'),
  'support.ask': worksIn('team_member'),
  /** Accept an answer (resource: the question's commune path and its author): the author, or administrators in scope. */
  'support.accept': either(self, inScope('commune_admin', 'province_admin')),
  /** Hide abusive questions and answers, audited (resource: the question's commune path). */
  'support.moderate': inScope('commune_admin', 'province_admin'),
  /**
   * Author a course (create, edit the draft, upload media, publish, archive), resource: its owner unit. A province's
   * courses by the province's administrators; a commune's by its administrators and the province's.
   */
  'course.manage': inScope('commune_admin', 'province_admin'),
  /** Create and edit a province's campaigns (resource: the province). */
  'campaign.manage': inScope('province_admin'),
  /**
   * Read a province's published campaigns (resource: the province): its administrators, and the commune
   * administrators and team members who work inside it.
   */
  'campaign.read': staffWithin('team_member', 'commune_admin', 'province_admin'),
  /** Split a commune's targets per team and read its progress by team (resource: the commune). */
  'campaign.split': inScope('commune_admin', 'province_admin'),
  /** Read a campaign's progress (resource: the commune, or the province for every commune). */
  'campaign.progress': inScope('commune_admin', 'province_admin'),
  /** Enter or import households per hamlet, and read household coverage (resource: the commune or province). */
  'household.manage': inScope('commune_admin', 'province_admin'),
  'household.read': inScope('commune_admin', 'province_admin'),
  /**
   * Download a certificate's PDF (resource: the certificate's unit and holder): its holder, and administrators of its
   * unit or province. Anyone else is told it does not exist.
   */
  'certificate.read': either(self, inScope('commune_admin', 'province_admin')),
  /** List, search and bulk-print the certificates of a unit (resource: the commune or province). */
  'certificate.list': inScope('commune_admin', 'province_admin'),
  /** Revoke a certificate, with a reason (audited; resource: the certificate's unit). */
  'certificate.revoke': inScope('commune_admin', 'province_admin'),
  /**
   * Learning: enrol in a published course, mark one's lessons done, submit one's quiz attempts, read one's progress
   * (anyone signed in; what is one's own is the learning domain's rule: every write names the actor's enrolment).
   */
  'learning.enrol': (actor) => actor.kind === 'user',
  /** Learner statistics and their export (resource: the province or commune). */
  'learning.stats': inScope('commune_admin', 'province_admin'),
  /**
   * Indicators and dashboards (resource: the unit read): administrators of the unit or above it. Handling officers
   * do not: their work is a handling unit's reports, not a unit's programme figures.
   */
  'indicator.read': inScope('commune_admin', 'province_admin'),
  /** Enter or import a unit's monthly figures of entered indicators, with corrections (resource: the unit). */
  'indicator.enter': inScope('commune_admin', 'province_admin'),
  /** Set an indicator's targets for a unit and below (resource: the unit). */
  'indicator.target': inScope('province_admin'),
  /**
   * Live training sessions (resource: the organising unit, a commune or the province): create and edit them, with
   * their sites and materials: the unit's administrators (a province's also manage its communes' sessions).
   */
  'training.manage': inScope('commune_admin', 'province_admin'),
  /** Register oneself for a site of a published session, and check in with a site's code: anyone signed in. */
  'training.register': self,
  /** Show a site's QR code, read the attendance list with names and tick it (resource: the organising unit). */
  'training.attendance': inScope('commune_admin', 'province_admin'),
  /** Export the attendance list with names (personal data; audited): the organising unit's administrators. */
  'training.export': inScope('commune_admin', 'province_admin'),
} satisfies Record<string, Rule>;

export type Action = keyof typeof POLICY;

export function can(actor: Actor | null, action: Action, resource: Resource = {}): boolean {
  if (!actor) return false;
  return POLICY[action](actor, resource);
}

/** Throws 401 without an actor and 403 when the policy says no. */
export function authorize(actor: Actor | null, action: Action, resource: Resource = {}): asserts actor is Actor {
  if (!actor) throw errors.unauthenticated();
  if (!can(actor, action, resource)) throw errors.forbidden();
}

/**
 * The unit paths under which the actor may do `action`: lists filter by them in SQL (`pathCoveredBy`), so a list
 * shows what `can` allows, by the same policy row.
 */
export function scopesFor(actor: Actor, action: Action): string[] {
  const paths = actor.assignments.map((a) => a.unitPath).filter((p): p is string => !!p);
  return [...new Set(paths)].filter((p) => can(actor, action, { unitPath: p }));
}
