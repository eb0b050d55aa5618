import type { z } from 'zod';
import {
  DUPLICATE_RADIUS_M,
  type InboxQuery,
  type PageQuery,
  type ReportListItem,
  type ReportView,
  type StaffDuplicateHint,
} from '../../../common/feedback.js';
import type { Executor } from '../../db/client.js';
import type { Actor } from '../../platform/actor.js';
import type { AppContext } from '../../platform/context.js';
import { decodeCursor, encodeCursor, isTimestamp, keyset } from '../../platform/cursor.js';
import { errors } from '../../platform/errors.js';
import { can } from '../../platform/permissions.js';
import * as huRepo from '../handling-units/repo.js';
import { createContactReveal } from './contact.js';
import { createFeedbackCore, type FeedbackDeps, reportNotFound } from './core.js';
import { escalateOverdue, remindOfDeadline } from './deadlines.js';
import type { DeadlineJob } from './jobs.js';
import * as repo from './report-repo.js';
import { createSubmission } from './submit.js';
import { toListItem, toStaffDuplicateHint } from './views.js';
import { ownHandlingUnits, screeningScope, screensAnything } from './work-scope.js';
import { createWorkflow } from './workflow.js';

export type { StoredPhoto, SubmitOptions, SubmitResult } from './submit.js';

/** The [time, id] key a page of reports starts after (the inbox's time is the deadline). */
const after = (cursor: string | undefined) => (cursor ? decodeCursor(cursor, keyset(isTimestamp)) : undefined);
function page(rows: repo.ListRow[], limit: number, key: (r: repo.ListRow) => [string, string]) {
  const items: ReportListItem[] = rows.map((r) => toListItem(r));
  const last = rows.at(-1);
  return { items, nextCursor: last && rows.length === limit ? encodeCursor(key(last)) : null };
}

/**
 * The feedback domain's service (phản ánh hiện trường). Other domains (public pages, Open311, statistics,
 * notifications) use it rather than the feedback tables:
 *
 * - `submitReport(actor, input: SubmitReport, { idempotencyKey?, photos?: StoredPhoto[], requestId? })` →
 *   `{ report: ReportView, created: boolean, possibleDuplicates: DuplicateHint[] }` (retry → the first report,
 *   created false). Channel: `input.channel`, default `app` for people and `open311` for API keys.
 * - `acceptReport(actor, id, { handlingUnitId?, note? })`, `requestInformation(actor, id, question)`,
 *   `provideInformation(actor, id, text)`, `forwardReport(actor, id, { handlingUnitId, reason })`,
 *   `answerReport(actor, id, text, photos?: StoredPhoto[])` (answer photos: kind 'answer'), `cancelReport(actor, id, { reason, duplicateOf?, note? })`,
 *   `reopenReport(actor, id, reason)`, `rateReport(actor, id, { rating, comment? })`, `addNote(actor, id, text)`,
 *   `bulk(actor, { ids, action, reason?, handlingUnitId? })`: each authorizes, writes a report_events row and
 *   enqueues `feedback.event` `{ reportId, eventId }` in one transaction; returns the ReportView the actor may see.
 * - `getReportForActor(actor | null, id, requestId?)` → ReportView (401 anonymous, 404 to those who may not see it).
 * - `revealContact(actor, id, reason, requestId?)` → ReporterContact (the reporter's phone; audited with the reason).
 * - `getReportRow(id)`, `getReportRowByCode(publicCode)` → the raw row or null (for other domains' own shaping;
 *   never send it out as is).
 * - `listPublicEvents(id)` → events with `public = true` only (public timelines).
 * - `findDuplicates(actor, { lat, lng, categoryId, text? })` → DuplicateHint[] (≤ 200 m of the public position, same
 *   category, similar text; distance bands; only public open reports outside sensitive categories, and the caller's
 *   own); `findDuplicatesOf(actor, id)` → StaffDuplicateHint[] around a report, for its staff (every open report,
 *   metres from the exact point, itself excluded).
 * - `listInbox(actor, InboxQuery)`, `listScreening(actor, PageQuery)`, `listMine(actor, PageQuery)` →
 *   `{ items: ReportListItem[], nextCursor }` (no personal data; `overdue`, `escalated`, `awaitingInformation`).
 * - `categories` (createCategoryService).
 * - `setFollowing(exec, reportId, userId, following)`, `updatePhoto(exec, photoId, set)`: the writes other domains
 *   make to feedback's tables (notifications: followers; feedback-photos: moderation), through feedback.
 * - `remindOfDeadline(DeadlineJob)`, `escalateOverdue(DeadlineJob)`: the deadline jobs' handlers.
 *
 * Report photos are rows of report_photos: a reporter's are 'pending' until an officer publishes them (faces, plates);
 * an officer's answer photos are 'public' at once (staff may hide one). Public timelines use events with
 * `public = true`, plus reopenings shown without their reason: questions, answers of the reporter, reopenings,
 * ratings, notes, reminders and escalations are `public = false`.
 */
export function createFeedbackService(ctx: AppContext, deps: FeedbackDeps) {
  const core = createFeedbackCore(ctx, deps);
  const { db } = core;
  const submission = createSubmission(core);
  const workflow = createWorkflow(core);
  const contact = createContactReveal(core);

  async function getReportForActor(actor: Actor | null, id: string, requestId?: string): Promise<ReportView> {
    const r = await repo.findReport(db, id);
    if (!r) {
      if (!actor) throw errors.unauthenticated();
      throw reportNotFound();
    }
    const audience = await core.audienceFor(db, actor, r, requestId);
    return core.view(db, r, audience);
  }

  /** The handling units whose inbox the actor asks for (all theirs by default); 403 for someone else's. */
  async function inboxUnits(actor: Actor, unit: string | undefined): Promise<string[]> {
    if (!unit) return ownHandlingUnits(actor);
    const h = await huRepo.findHandlingUnit(db, unit);
    if (!h) throw errors.notFound({ vi: `cơ quan xử lý "${unit}"`, en: `Handling unit "${unit}"` });
    if (!can(actor, 'handling_unit.work', { handlingUnitId: h.id, unitPath: h.unitPath })) throw errors.forbidden();
    return [h.id];
  }

  /**
   * The work queues the actor can open (the web shows one tab per queue): the screening queue, and the inbox of the
   * handling units they work for. The same rules as listScreening and listInbox, so a tab never answers 403.
   */
  async function workQueues(actor: Actor): Promise<{ screening: boolean; inbox: boolean }> {
    return {
      screening: screensAnything(await screeningScope(db, actor)),
      inbox: ownHandlingUnits(actor).length > 0,
    };
  }

  /** A handling unit's reports: overdue first, then the nearest deadline. */
  async function listInbox(actor: Actor, q: z.output<typeof InboxQuery>) {
    const ids = await inboxUnits(actor, q.unit);
    if (ids.length === 0) throw errors.forbidden();
    const statuses: repo.ReportRow['status'][] =
      q.status === 'all' ? ['distributed', 'resolved', 'cancelled'] : [q.status];
    const a = after(q.cursor);
    const rows = await repo.listInbox(
      db,
      { handlingUnitIds: ids, statuses },
      { limit: q.limit, after: a ? { dueAt: a[0], id: a[1] } : undefined },
    );
    return page(rows, q.limit, (r) => [(r.dueAt ?? new Date('9999-12-31')).toISOString(), r.id]);
  }

  /**
   * The screening queue: pending reports of the communes the actor's committees serve, and of the units the actor
   * administers (commune or province administrators); oldest first.
   */
  async function listScreening(actor: Actor, q: z.output<typeof PageQuery>) {
    const scope = await screeningScope(db, actor);
    if (!screensAnything(scope)) throw errors.forbidden();
    const { communeCodes, pathPrefixes } = scope;
    const a = after(q.cursor);
    const rows = await repo.listPending(
      db,
      { communeCodes, pathPrefixes, commune: q.commune },
      { limit: q.limit, after: a ? { at: a[0], id: a[1] } : undefined },
    );
    return page(rows, q.limit, (r) => [r.createdAt.toISOString(), r.id]);
  }

  /**
   * Likely duplicates of a report, for the staff who screen or handle it (pending ones included, itself excluded):
   * what they pick from when cancelling it as a duplicate. Others get "not found", as for the report itself.
   */
  async function findDuplicatesOf(actor: Actor, id: string): Promise<StaffDuplicateHint[]> {
    const r = await repo.findReport(db, id);
    if (!r || !(await core.seesPrivate(db, actor, r))) throw reportNotFound();
    if (r.lat === null || r.lng === null) return [];
    const rows = await repo.findDuplicates(db, {
      lat: r.lat,
      lng: r.lng,
      categoryId: r.categoryId,
      text: r.description,
      radiusM: DUPLICATE_RADIUS_M,
      excludeId: r.id,
    });
    return rows.map(toStaffDuplicateHint);
  }

  /** The reports a person made (or typed in for residents), newest first. */
  async function listMine(actor: Actor, q: z.output<typeof PageQuery>) {
    const a = after(q.cursor);
    const rows = await repo.listMine(db, actor.id, { limit: q.limit, after: a ? { at: a[0], id: a[1] } : undefined });
    return page(rows, q.limit, (r) => [r.createdAt.toISOString(), r.id]);
  }

  /**
   * Reports of a unit path received in a VN-day period that were routed to a handling unit, by commune × unit ×
   * status, with the overdue ones at `now`, and the units' names (statistics by handling unit; see workloadRows).
   */
  async function workload(unitPath: string, period: { from?: string; to?: string }, now = new Date()) {
    const dayStart = (d: string) => new Date(`${d}T00:00:00+07:00`);
    const rows = await repo.workloadRows(db, {
      unitPath,
      fromAt: period.from ? dayStart(period.from) : undefined,
      toAt: period.to ? new Date(dayStart(period.to).getTime() + 86_400_000) : undefined,
      now,
    });
    const units = await repo.handlingUnitBriefs(db, [...new Set(rows.map((r) => r.handlingUnitId))]);
    return { rows, units };
  }

  return {
    ...submission,
    workload,
    ...workflow,
    ...contact,
    getReportForActor,
    findDuplicatesOf,
    getReportRow: (id: string) => repo.findReport(db, id),
    getReportRowByCode: (publicCode: string) => repo.findByPublicCode(db, publicCode),
    listPublicEvents: async (id: string) => (await repo.listEvents(db, id)).filter((e) => e.public),
    workQueues,
    listInbox,
    listScreening,
    listMine,
    categories: core.categories,
    setFollowing: (exec: Executor, reportId: string, userId: string, following: boolean) =>
      following ? repo.addFollower(exec, reportId, userId) : repo.removeFollower(exec, reportId, userId),
    updatePhoto: repo.updatePhoto,
    remindOfDeadline: (p: DeadlineJob) => remindOfDeadline(core, p),
    escalateOverdue: (p: DeadlineJob) => escalateOverdue(core, p),
  };
}

export type FeedbackService = ReturnType<typeof createFeedbackService>;
