import type { ReportView } from '../../../common/feedback.js';
import type { Executor } from '../../db/client.js';
import type { Actor } from '../../platform/actor.js';
import { recordAudit } from '../../platform/audit.js';
import type { AppContext } from '../../platform/context.js';
import { AppError, errors } from '../../platform/errors.js';
import { type Action, authorize, can } from '../../platform/permissions.js';
import type { CalendarService } from '../calendar/service.js';
import { findCommuneCommitteeId } from '../handling-units/repo.js';
import type { UnitsService } from '../units/service.js';
import type { CategoryService } from './categories.js';
import type { CategoryRow } from './category-repo.js';
import { reportEventJob } from './jobs.js';
import * as repo from './report-repo.js';
import { type Audience, toReportView } from './views.js';

/** Who acted on a report: a person, an API key, or the platform itself (deadline jobs). */
export type EventActor = Actor | 'system';

export interface EventInput {
  type: string;
  reason?: string | null;
  public?: boolean;
  toHandlingUnitId?: string | null;
  details?: Record<string, unknown> | null;
}

export const reportNotFound = () => errors.notFound({ vi: 'phản ánh', en: 'Report' });
export const invalidTransition = (from: string) =>
  new AppError(409, 'invalid_transition', {
    vi: `Không thể thực hiện thao tác này khi phản ánh đang ở trạng thái hiện tại (${from}).`,
    en: `This action is not possible in the report's current status (${from}).`,
  });

/** The services of other domains (and feedback's categories) that feedback uses, built in the composition root. */
export interface FeedbackDeps {
  units: UnitsService;
  categories: CategoryService;
  calendar: CalendarService;
}

/** What the feedback use cases share: dependencies, the event writer and the view builder. */
export function createFeedbackCore(ctx: AppContext, { units, categories, calendar }: FeedbackDeps) {
  const db = ctx.db;

  /**
   * Applies a change to a locked report and records it: the history gets an event and a `feedback.event` job
   * (notifications) is enqueued — all or nothing. The counts (statistics, map) follow by the delta trigger on reports
   * (report-counts.ts), in the same transaction.
   */
  async function record(
    tx: Executor,
    actor: EventActor,
    before: repo.ReportRow,
    patch: Partial<repo.NewReport>,
    event: EventInput,
  ): Promise<{ report: repo.ReportRow; eventId: number }> {
    const after = Object.keys(patch).length ? await repo.updateReport(tx, before.id, patch) : before;
    const eventId = await repo.insertEvent(tx, {
      reportId: before.id,
      actorId: actor === 'system' ? null : actor.id,
      actorKind: actor === 'system' ? 'system' : actor.kind,
      type: event.type,
      fromStatus: before.status !== after.status ? before.status : null,
      toStatus: before.status !== after.status ? after.status : null,
      fromHandlingUnitId: event.toHandlingUnitId !== undefined ? before.handlingUnitId : null,
      toHandlingUnitId: event.toHandlingUnitId ?? null,
      reason: event.reason ?? null,
      public: event.public ?? true,
      details: event.details ?? null,
    });
    await reportEventJob.enqueue(tx, { reportId: before.id, eventId });
    return { report: after, eventId };
  }

  /** The resource a screening action is checked against: the commune and its People's Committee. */
  async function screenResource(exec: Executor, r: repo.ReportRow) {
    return { unitPath: r.unitPath, handlingUnitId: await findCommuneCommitteeId(exec, r.communeCode) };
  }

  /**
   * True when the actor may see a report's private fields (its committee's or handling unit's staff); with
   * `action`, the same places are checked for another staff action on private data (revealing the phone).
   */
  async function seesPrivate(
    exec: Executor,
    actor: Actor | null,
    r: repo.ReportRow,
    action: 'report.read_private' | 'report.reveal_contact' = 'report.read_private',
  ): Promise<boolean> {
    if (!actor) return false;
    if (can(actor, action, { unitPath: r.unitPath, handlingUnitId: r.handlingUnitId })) return true;
    if (can(actor, action, await screenResource(exec, r))) return true;
    // An overdue report escalated to the unit above is that unit's business too.
    if (!r.escalatedAt || !r.handlingUnitId) return false;
    const [unit] = await repo.handlingUnitBriefs(exec, [r.handlingUnitId]);
    return !!unit?.parentId && can(actor, action, { unitPath: r.unitPath, handlingUnitId: unit.parentId });
  }

  async function authorizeOn(exec: Executor, actor: Actor, action: Action, r: repo.ReportRow) {
    if (action === 'report.screen') return authorize(actor, action, await screenResource(exec, r));
    if (action === 'report.work')
      return authorize(actor, action, { unitPath: r.unitPath, handlingUnitId: r.handlingUnitId });
    if (action === 'report.respond') return authorize(actor, action, { ownerId: r.reporterId });
    return authorize(actor, action, { unitPath: r.unitPath });
  }

  /** A report locked in the transaction, or 404. */
  async function lock(tx: Executor, id: string) {
    const r = await repo.lockReport(tx, id);
    if (!r) throw reportNotFound();
    return r;
  }

  /** The report as this audience sees it. */
  async function view(
    exec: Executor,
    r: repo.ReportRow,
    audience: Audience,
    /** What the caller already has (a submission just written: its category and its one event), not read again. */
    known: { category?: CategoryRow; events?: repo.ReportEventRow[] } = {},
  ): Promise<ReportView> {
    // One after another: on a transaction's single connection, queries cannot run side by side.
    const category = known.category ?? (await categories.requireCategory(r.categoryId, exec));
    const events = known.events ?? (await repo.listEvents(exec, r.id));
    const units = await repo.handlingUnitBriefs(exec, r.handlingUnitId ? [r.handlingUnitId] : []);
    const hu = units[0] ? { id: units[0].id, code: units[0].code, name: units[0].name } : null;
    return toReportView(r, { category, handlingUnit: hu, events, audience });
  }

  /**
   * The audience of an actor for a report: staff in scope, or the reporter (or the team member/operator who typed
   * it in); anyone else gets 404 (401 when not signed in). A staff read is audited only when the view holds the
   * reporter's personal data: the name or phone recorded on an assisted or operator report. An app report's view
   * names no one (its reporter's phone is revealed on request, see contact.ts, and audited there).
   */
  async function audienceFor(exec: Executor, actor: Actor | null, r: repo.ReportRow, requestId?: string) {
    if (await seesPrivate(exec, actor, r)) {
      const isOwn = actor!.id === r.reporterId || actor!.id === r.submittedBy;
      if (!isOwn && (r.reporterName || r.reporterPhone))
        await recordAudit(
          exec,
          actor,
          {
            action: 'report.read_personal',
            resourceType: 'report',
            resourceId: r.id,
            unitPath: r.unitPath,
            reason: 'report.handling', // a key of AUDIT_REASON_LABELS: shown in the reader's language
          },
          requestId,
        );
      return 'staff' as const;
    }
    if (!actor) throw errors.unauthenticated();
    if (actor.id === r.reporterId || actor.id === r.submittedBy) return 'reporter' as const;
    throw reportNotFound();
  }

  return {
    ctx,
    db,
    units,
    categories,
    calendar,
    record,
    screenResource,
    seesPrivate,
    authorizeOn,
    lock,
    view,
    audienceFor,
  };
}

export type FeedbackCore = ReturnType<typeof createFeedbackCore>;
