import type { z } from 'zod';
import { type AcceptReport, type CancelReport, REOPEN_DAYS, type ReportView } from '../../../common/feedback.js';
import type { Executor } from '../../db/client.js';
import type { Actor } from '../../platform/actor.js';
import { errors } from '../../platform/errors.js';
import type { Lang, Message } from '../../platform/i18n.js';
import type { Action } from '../../platform/permissions.js';
import { findCommuneCommitteeId } from '../handling-units/repo.js';
import * as categoryRepo from './category-repo.js';
import { type EventInput, type FeedbackCore, invalidTransition, reportNotFound } from './core.js';
import { computeDeadline, scheduleDeadline } from './deadlines.js';
import * as repo from './report-repo.js';
import type { StoredPhoto } from './submit.js';

type Row = repo.ReportRow;
const DAY_MS = 86_400_000;

/** The transitions of a report after submission; each is one transaction with its history event. */
export function createWorkflow(core: FeedbackCore) {
  const { db, categories } = core;

  /** Runs a transition on a locked report and returns the report as the actor sees it. */
  async function transition(
    actor: Actor,
    id: string,
    step: (tx: Executor, r: Row) => Promise<Row>,
  ): Promise<ReportView> {
    const { after, audience } = await db.transaction(async (tx) => {
      const r = await core.lock(tx, id);
      // The step authorizes the actor; who they were before it (staff in scope or not) decides what they see, so an
      // officer who forwards a report away still gets the answer to what they did.
      const audience = (await core.seesPrivate(tx, actor, r)) ? 'staff' : 'reporter';
      return { after: await step(tx, r), audience } as const;
    });
    // Built after the commit: the report's row lock is held no longer than the change needs.
    return core.view(db, after, audience);
  }

  const must = (r: Row, ...statuses: Row['status'][]) => {
    if (!statuses.includes(r.status)) throw invalidTransition(r.status);
  };

  /**
   * The shape most transitions share: the actor must hold `action` on the report, the report must be in one of
   * `statuses`, then `decide` returns the change and its history event, recorded together.
   */
  function guarded(
    actor: Actor,
    action: Action,
    statuses: Row['status'][],
    decide: (tx: Executor, r: Row) => Promise<{ patch?: Partial<repo.NewReport>; event: EventInput }>,
  ) {
    return async (tx: Executor, r: Row): Promise<Row> => {
      await core.authorizeOn(tx, actor, action, r);
      must(r, ...statuses);
      const { patch = {}, event } = await decide(tx, r);
      return (await core.record(tx, actor, r, patch, event)).report;
    };
  }

  /**
   * Where an accepted report goes: the screener's choice, else the commune's routing rule, the province-wide rule,
   * the category's default unit, and finally the commune's People's Committee.
   */
  async function route(tx: Executor, r: Row, override?: string): Promise<string> {
    if (override) return (await categories.requireUnitOfProvince(tx, override, r.provinceCode, 'handlingUnitId')).id;
    const byRule = await categoryRepo.ruleUnitFor(tx, r.categoryId, r.communeCode);
    if (byRule) return byRule;
    const category = await categories.requireCategory(r.categoryId, tx);
    if (category.defaultHandlingUnitId) return category.defaultHandlingUnitId;
    const committee = await findCommuneCommitteeId(tx, r.communeCode);
    if (!committee)
      throw errors.badRequest('no_handling_unit', {
        vi: 'Chưa có cơ quan xử lý cho xã, phường này.',
        en: 'No handling unit serves this commune.',
      });
    return committee;
  }

  /** Accept a pending report (screener): route it and start its deadline → distributed. */
  async function acceptIn(tx: Executor, actor: Actor, r: Row, input: z.output<typeof AcceptReport>) {
    await core.authorizeOn(tx, actor, 'report.screen', r);
    must(r, 'pending');
    const unitId = await route(tx, r, input.handlingUnitId);
    const now = new Date();
    const category = await categories.requireCategory(r.categoryId, tx);
    const deadline = await computeDeadline(core, tx, r.provinceCode, category, now);
    const { report } = await core.record(
      tx,
      actor,
      r,
      { status: 'distributed', handlingUnitId: unitId, acceptedAt: now, dueAt: deadline.dueAt, escalatedAt: null },
      {
        type: 'accepted',
        toHandlingUnitId: unitId,
        reason: input.note ?? null,
        details: { dueAt: deadline.dueAt.toISOString() },
      },
    );
    await scheduleDeadline(tx, r.id, deadline);
    return report;
  }

  async function acceptReport(actor: Actor, id: string, input: z.output<typeof AcceptReport>) {
    return transition(actor, id, (tx, r) => acceptIn(tx, actor, r, input));
  }

  /** Ask the reporter for more (screener); the report stays pending until they answer. */
  async function requestInformation(actor: Actor, id: string, question: string) {
    return transition(
      actor,
      id,
      guarded(actor, 'report.screen', ['pending'], async () => ({
        event: { type: 'information_requested', reason: question, public: false },
      })),
    );
  }

  /**
   * The reporter's answer to a question, with 0–5 more photos (kind 'report', pending until an officer publishes
   * them): the report returns to the screening queue.
   */
  async function provideInformation(actor: Actor, id: string, text: string, photos: StoredPhoto[] = []) {
    return transition(
      actor,
      id,
      guarded(actor, 'report.respond', ['pending'], async (tx, r) => {
        const last = await repo.lastEventOfTypes(tx, r.id, ['information_requested', 'information_provided']);
        if (last?.type !== 'information_requested')
          throw errors.conflict('no_question', {
            vi: 'Không có yêu cầu bổ sung thông tin nào đang chờ.',
            en: 'No request for information is waiting.',
          });
        const first = await repo.countPhotos(tx, r.id);
        await repo.insertPhotos(
          tx,
          photos.map((p, i) => ({ reportId: r.id, kind: 'report' as const, position: first + i, ...p })),
        );
        return {
          event: {
            type: 'information_provided',
            reason: text,
            public: false,
            details: photos.length ? { photos: photos.length } : null,
          },
        };
      }),
    );
  }

  /**
   * The reporter withdraws their report while it is not yet accepted (pending): it is cancelled with the reason
   * `withdrawn`, so the statistics still partition what was received (a withdrawn report counts as cancelled), and
   * it never becomes public (it was never screened). 409 once accepted.
   */
  async function withdrawReport(actor: Actor, id: string, note?: string) {
    return transition(
      actor,
      id,
      guarded(actor, 'report.respond', ['pending'], async () => ({
        patch: { status: 'cancelled', cancelReason: 'withdrawn', duplicateOf: null },
        event: {
          type: 'withdrawn',
          reason: note ?? null,
          public: false,
          details: { cancelReason: 'withdrawn' },
        },
      })),
    );
  }

  /** Hand the report to another unit with a reason (handling unit); it stays distributed with its deadline. */
  async function forwardReport(actor: Actor, id: string, input: { handlingUnitId: string; reason: string }) {
    return transition(
      actor,
      id,
      guarded(actor, 'report.work', ['distributed'], async (tx, r) => {
        const target = await categories.requireUnitOfProvince(
          tx,
          input.handlingUnitId,
          r.provinceCode,
          'handlingUnitId',
        );
        if (target.id === r.handlingUnitId)
          throw errors.invalidField('handlingUnitId', {
            vi: 'Phản ánh đã ở cơ quan này.',
            en: 'The report is already there.',
          });
        return {
          patch: { handlingUnitId: target.id },
          event: { type: 'forwarded', toHandlingUnitId: target.id, reason: input.reason },
        };
      }),
    );
  }

  /** Publish the answer (handling unit) → resolved; on time when before the deadline. */
  async function answerReport(actor: Actor, id: string, text: string, photos: StoredPhoto[] = []) {
    return transition(
      actor,
      id,
      guarded(actor, 'report.work', ['distributed'], async (tx, r) => {
        const now = new Date();
        const first = await repo.countPhotos(tx, r.id);
        await repo.insertPhotos(
          tx,
          // Photos of the work done are public at once (an officer took them for the public); staff may hide one.
          photos.map((p, i) => ({
            reportId: r.id,
            kind: 'answer' as const,
            visibility: 'public' as const,
            position: first + i,
            ...p,
          })),
        );
        return {
          patch: {
            status: 'resolved',
            resolvedAt: now,
            resolvedOnTime: !r.dueAt || now.getTime() <= r.dueAt.getTime(),
            answerText: text,
            answeredBy: actor.kind === 'user' ? actor.id : null,
          },
          event: { type: 'answered', details: photos.length ? { photos: photos.length } : null },
        };
      }),
    );
  }

  async function cancelIn(tx: Executor, actor: Actor, r: Row, input: z.output<typeof CancelReport>) {
    return guarded(actor, 'report.screen', ['pending', 'distributed'], async () => {
      if (input.reason === 'duplicate') {
        if (!input.duplicateOf)
          throw errors.invalidField('duplicateOf', {
            vi: 'Hãy chọn phản ánh bị trùng.',
            en: 'Choose the report it duplicates.',
          });
        const other = input.duplicateOf === r.id ? null : await repo.findReport(tx, input.duplicateOf);
        if (!other) throw errors.invalidField('duplicateOf', { vi: 'Không có phản ánh này.', en: 'No such report.' });
      }
      return {
        patch: {
          status: 'cancelled',
          cancelReason: input.reason,
          duplicateOf: input.reason === 'duplicate' ? input.duplicateOf : null,
        },
        event: { type: 'cancelled', reason: input.note ?? null, details: { cancelReason: input.reason } },
      };
    })(tx, r);
  }

  /** Cancel with a reason (screener); a duplicate names the report it repeats. */
  async function cancelReport(actor: Actor, id: string, input: z.output<typeof CancelReport>) {
    return transition(actor, id, (tx, r) => cancelIn(tx, actor, r, input));
  }

  /** The reporter reopens a resolved report within 7 days: back to the same unit with a new deadline. */
  async function reopenReport(actor: Actor, id: string, reason: string) {
    return transition(actor, id, async (tx, r) => {
      await core.authorizeOn(tx, actor, 'report.respond', r);
      must(r, 'resolved');
      const now = new Date();
      if (!r.resolvedAt || now.getTime() - r.resolvedAt.getTime() > REOPEN_DAYS * DAY_MS)
        throw errors.conflict('reopen_window_closed', {
          vi: `Chỉ mở lại được trong ${REOPEN_DAYS} ngày sau khi có kết quả xử lý.`,
          en: `A report can be reopened only within ${REOPEN_DAYS} days of its answer.`,
        });
      const category = await categories.requireCategory(r.categoryId, tx);
      const deadline = await computeDeadline(core, tx, r.provinceCode, category, now);
      const { report } = await core.record(
        tx,
        actor,
        r,
        {
          status: 'distributed',
          reopenCount: r.reopenCount + 1,
          dueAt: deadline.dueAt,
          resolvedAt: null,
          resolvedOnTime: null,
          rating: null,
          ratingComment: null,
          ratedAt: null,
          escalatedAt: null,
        },
        { type: 'reopened', reason, public: false, details: { dueAt: deadline.dueAt.toISOString() } },
      );
      await scheduleDeadline(tx, r.id, deadline);
      return report;
    });
  }

  /** The reporter rates the answer 1–5, once per resolution. */
  async function rateReport(actor: Actor, id: string, input: { rating: number; comment?: string }) {
    return transition(
      actor,
      id,
      guarded(actor, 'report.respond', ['resolved'], async (_tx, r) => {
        if (r.rating !== null)
          throw errors.conflict('already_rated', {
            vi: 'Bạn đã đánh giá kết quả này.',
            en: 'You have already rated this answer.',
          });
        return {
          patch: { rating: input.rating, ratingComment: input.comment ?? null, ratedAt: new Date() },
          // The comment goes with the event too: after a reopening the report's own rating is cleared, the history keeps it.
          event: { type: 'rated', public: false, reason: input.comment ?? null, details: { rating: input.rating } },
        };
      }),
    );
  }

  /** An internal note (staff of the committee or the handling unit): never in public views. */
  async function addNote(actor: Actor, id: string, text: string) {
    return transition(actor, id, async (tx, r) => {
      if (!(await core.seesPrivate(tx, actor, r))) throw errors.forbidden();
      return (await core.record(tx, actor, r, {}, { type: 'note', reason: text, public: false })).report;
    });
  }

  /** Accept or cancel several pending reports; each one succeeds or fails on its own. */
  async function bulk(
    actor: Actor,
    input: {
      ids: string[];
      action: 'accept' | 'cancel';
      reason?: z.output<typeof CancelReport>['reason'];
      handlingUnitId?: string;
    },
    /** The caller's language, for the per-report failure messages. */
    lang: Lang = 'vi',
  ) {
    if (input.action === 'cancel' && !input.reason)
      throw errors.invalidField('reason', { vi: 'Hãy chọn lý do hủy.', en: 'Choose a reason.' });
    if (input.action === 'cancel' && input.reason === 'duplicate')
      throw errors.invalidField('reason', {
        vi: 'Hủy do trùng cần làm từng phản ánh.',
        en: 'Cancel duplicates one by one.',
      });
    const done: string[] = [];
    const failed: { id: string; code: string; message: string }[] = [];
    for (const id of [...new Set(input.ids)]) {
      try {
        await db.transaction(async (tx) => {
          const r = await repo.lockReport(tx, id);
          if (!r) throw reportNotFound();
          if (input.action === 'accept') await acceptIn(tx, actor, r, { handlingUnitId: input.handlingUnitId });
          else await cancelIn(tx, actor, r, { reason: input.reason! });
        });
        done.push(id);
      } catch (e) {
        const err = e as { code?: string; text?: Message };
        if (!err.text) throw e;
        failed.push({ id, code: err.code ?? 'error', message: err.text[lang] });
      }
    }
    return { done, failed };
  }

  return {
    acceptReport,
    requestInformation,
    provideInformation,
    withdrawReport,
    forwardReport,
    answerReport,
    cancelReport,
    reopenReport,
    rateReport,
    addNote,
    bulk,
  };
}
