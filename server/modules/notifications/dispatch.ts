import type { z } from 'zod';
import type { Executor } from '../../db/client.js';
import type { AppContext } from '../../platform/context.js';
import type { Lang } from '../../platform/i18n.js';
import { claimKey } from '../../platform/idempotency/index.js';
import { notifyProviders } from '../../platform/notify/index.js';
import { findCommuneCommitteeId } from '../handling-units/repo.js';
import { deliverJob } from './jobs.js';
import * as repo from './repo.js';
import {
  type Audience,
  composeEmail,
  composeMessage,
  DIRECT_EVENTS,
  type EventFacts,
  isQuiet,
  OFFICER_EVENTS,
} from './templates.js';

/** Events of a report still being screened: they concern the commune's committee. */
const SCREENING_EVENTS = new Set(['submitted', 'withdrawn']);

type DeliverPayload = z.infer<typeof deliverJob.payload>;

type Facts = NonNullable<Awaited<ReturnType<typeof repo.findEventFacts>>>;

/** The public link of a report in the web app. */
export const reportLink = (reportId: string) => `/reports/${reportId}`;

async function eventFacts(exec: Executor, f: Facts): Promise<EventFacts> {
  const unitId = f.toHandlingUnitId ?? f.handlingUnitId;
  const unit = unitId ? await repo.findHandlingUnit(exec, unitId) : null;
  return {
    type: f.type,
    toStatus: f.toStatus,
    publicCode: f.publicCode,
    status: f.status,
    cancelReason: f.cancelReason,
    reason: f.reason,
    unitName: unit ? { vi: unit.name, en: unit.nameEn ?? unit.name } : null,
    answerText: f.answerText,
    dueAt: f.dueAt,
    toUnit: !!f.toHandlingUnitId,
  };
}

/**
 * Job `feedback.event` {reportId, eventId}: writes the in-app notifications of one report event and enqueues the
 * e-mail / SMS / Zalo copies, all in one transaction guarded by a one-time key per event, so a retried or
 * duplicated job never notifies anyone twice.
 */
export function createFeedbackEventHandler(ctx: AppContext) {
  return async (payload: { reportId: string; eventId: number }) => {
    const { eventId } = payload;
    await ctx.db.transaction(async (tx) => {
      const f = await repo.findEventFacts(tx, payload.reportId, eventId);
      if (!f) return;
      // Two workers running the same job at once: only the first claim fans out.
      const claim = { key: `notify:feedback.event:${eventId}`, scope: 'notifications', resourceId: f.reportId };
      if (!(await claimKey(tx, claim))) return;
      if (isQuiet(f.type)) return;

      // Internal events (reminders, a reopening's reason) reach the officers only, never the reporter or followers.
      const audience = new Map<string, Audience>();
      if (f.public) for (const id of await repo.listFollowerIds(tx, f.reportId, f.at)) audience.set(id, 'follower');
      if (OFFICER_EVENTS.has(f.type)) {
        // The unit the report goes to (assigned, forwarded, escalated to), else the one holding it, else the
        // commune's committee that screens it; an overdue report concerns its own unit as much as the one above.
        const units = new Set<string>();
        // Screening events go to the committee whatever happened since (the job may run after the report moved on).
        const screening = SCREENING_EVENTS.has(f.type);
        const unitId =
          (screening ? null : (f.toHandlingUnitId ?? f.handlingUnitId)) ??
          (await findCommuneCommitteeId(tx, f.communeCode));
        if (unitId) units.add(unitId);
        if (f.type === 'escalated' && f.handlingUnitId) units.add(f.handlingUnitId);
        for (const u of units) for (const id of await repo.listOfficerIds(tx, u)) audience.set(id, 'officer');
      }
      if (f.public && f.reporterId) audience.set(f.reporterId, 'reporter');
      // Whoever caused the event knows already.
      if (f.actorId) audience.delete(f.actorId);

      const facts = await eventFacts(tx, f);
      const people = (await repo.findRecipients(tx, [...audience.keys()])).filter((u) => u.status === 'active');
      await repo.insertNotifications(
        tx,
        people.map((u) => {
          const m = composeMessage(facts, audience.get(u.id)!);
          return {
            userId: u.id,
            kind: `report.${f.type}`,
            reportId: f.reportId,
            titleVi: m.title.vi,
            titleEn: m.title.en,
            bodyVi: m.body?.vi ?? null,
            bodyEn: m.body?.en ?? null,
            link: reportLink(f.reportId),
            // Dated by the event, so the centre reads in the order things happened even if jobs ran out of order.
            createdAt: f.at,
          };
        }),
      );

      const deliver = (p: Omit<DeliverPayload, 'reportId' | 'eventId'>) =>
        deliverJob.enqueue(tx, { ...p, reportId: f.reportId, eventId });
      for (const u of people)
        if (u.email) await deliver({ channel: 'email', userId: u.id, audience: audience.get(u.id)! });

      // A text message only when the reporter must act or the matter is over; Zalo when they came through Zalo.
      if (f.public && DIRECT_EVENTS.has(f.type)) {
        const reporter = people.find((u) => u.id === f.reporterId);
        const direct = f.channel === 'zalo' ? 'zalo' : 'sms';
        if (reporter) {
          if (reporter.phone && (direct === 'zalo' || !reporter.email))
            await deliver({ channel: direct, userId: reporter.id, audience: 'reporter' });
        } else if (!f.reporterId && (await repo.findReportContactPhone(tx, f.reportId))) {
          await deliver({ channel: direct, userId: null, audience: 'reporter' });
        }
      }
    });
  };
}

/** Job `notification.deliver`: one e-mail, SMS or Zalo message, in the recipient's language. */
export function createDeliverHandler(ctx: AppContext) {
  return async (p: DeliverPayload) => {
    const f = await repo.findEventFacts(ctx.db, p.reportId, p.eventId);
    if (!f) return;
    const message = composeMessage(await eventFacts(ctx.db, f), p.audience);
    const [user] = p.userId ? await repo.findRecipients(ctx.db, [p.userId]) : [];
    if (p.userId && user?.status !== 'active') return;
    const lang: Lang = user?.locale ?? 'vi';
    const url = `${ctx.config.PUBLIC_URL}${reportLink(f.reportId)}`;
    const providers = notifyProviders(ctx);
    if (p.channel === 'email') {
      if (!user?.email) return;
      await providers.email.send({ to: user.email, ...composeEmail(message, lang, url) });
      return;
    }
    const phone = user ? user.phone : await repo.findReportContactPhone(ctx.db, f.reportId);
    if (!phone) return;
    const text = `Xã Số: ${message.title[lang]}. ${url}`;
    if (p.channel === 'zalo') await providers.zalo.send(phone, text);
    else await providers.sms.send(phone, text);
  };
}
