import type {
  FollowState,
  NotificationListResponse,
  NotificationView,
  PublicFollowState,
} from '../../../common/notifications.js';
import type { Executor } from '../../db/client.js';
import type { Actor } from '../../platform/actor.js';
import type { AppContext } from '../../platform/context.js';
import { decodeCursor, encodeCursor, keyset } from '../../platform/cursor.js';
import { errors } from '../../platform/errors.js';
import type { Message } from '../../platform/i18n.js';
import type { ReportRow } from '../feedback/report-repo.js';
import type { FeedbackService } from '../feedback/service.js';
import { isPublicReport } from '../feedback/visibility.js';
import * as repo from './repo.js';

type Row = Awaited<ReturnType<typeof repo.listForUser>>[number];

function toView(r: Row, lang: 'vi' | 'en'): NotificationView {
  return {
    id: r.id,
    kind: r.kind,
    reportId: r.reportId,
    title: lang === 'en' ? r.titleEn : r.titleVi,
    body: (lang === 'en' ? r.bodyEn : r.bodyVi) ?? null,
    link: r.link,
    readAt: r.readAt ? r.readAt.toISOString() : null,
    createdAt: r.createdAt.toISOString(),
  };
}

const notFound = () => errors.notFound({ vi: 'thông báo', en: 'Notification' });
const reportNotFound = () => errors.notFound({ vi: 'phản ánh', en: 'Report' });

/** The in-app notification centre (each person sees only their own) and following reports. */
export function createNotificationService(ctx: AppContext, { feedback }: { feedback: FeedbackService }) {
  const db = ctx.db;
  return {
    /**
     * In-app notifications another domain writes in its own transaction (the support network tells a question's
     * author of an answer): written with the change that causes them, or not at all.
     */
    async addInApp(
      exec: Executor,
      rows: { userId: string; kind: string; title: Message; body?: Message | null; link: string }[],
    ): Promise<void> {
      await repo.insertNotifications(
        exec,
        rows.map((r) => ({
          userId: r.userId,
          kind: r.kind,
          titleVi: r.title.vi,
          titleEn: r.title.en,
          bodyVi: r.body?.vi ?? null,
          bodyEn: r.body?.en ?? null,
          link: r.link,
        })),
      );
    },

    /** The actor's notifications, newest first, in their language (users.locale), with the unread count. */
    async list(
      actor: Actor,
      q: { cursor?: string; limit: number; unread?: string },
    ): Promise<NotificationListResponse> {
      const after = q.cursor ? decodeCursor(q.cursor, keyset()) : undefined;
      const rows = await repo.listForUser(db, actor.id, {
        after: after ? { createdAt: after[0], id: after[1] } : undefined,
        unreadOnly: !!q.unread,
        limit: q.limit + 1,
      });
      const lang = await repo.findUserLocale(db, actor.id);
      const page = rows.slice(0, q.limit);
      const last = page[page.length - 1];
      return {
        items: page.map((r) => toView(r, lang)),
        nextCursor: rows.length > q.limit && last ? encodeCursor([last.createdAtExact, last.id]) : null,
        unread: await repo.countUnread(db, actor.id),
      };
    },

    unreadCount: async (actor: Actor) => ({ unread: await repo.countUnread(db, actor.id) }),

    /** Marks one notification read; someone else's is "not found" (its existence is not theirs to know). */
    async markRead(actor: Actor, id: string): Promise<NotificationView> {
      const row = await repo.markRead(db, actor.id, id);
      if (!row) throw notFound();
      return toView(row, await repo.findUserLocale(db, actor.id));
    },

    async markAllRead(actor: Actor) {
      const updated = await repo.markAllRead(db, actor.id);
      return { updated, unread: await repo.countUnread(db, actor.id) };
    },

    /**
     * Follows a report: anyone signed in may follow a public report (accepted, resolved, or cancelled other than
     * as spam); the reporter may always follow their own. Others are "not found", as on the public pages.
     */
    async setFollowing(actor: Actor, reportId: string, following: boolean): Promise<FollowState> {
      followable(actor, await feedback.getReportRow(reportId));
      await setFollow(actor, reportId, following);
      return { reportId, following };
    },

    /** Whether the actor follows a report (the same visibility rule as following it). */
    async getFollowing(actor: Actor, reportId: string): Promise<FollowState> {
      followable(actor, await feedback.getReportRow(reportId));
      return { reportId, following: await repo.isFollowing(db, reportId, actor.id) };
    },

    /** Following from the public report page, by the code people see; the same rule as by id. */
    async setFollowingByCode(actor: Actor, publicCode: string, following: boolean): Promise<PublicFollowState> {
      const report = followable(actor, await feedback.getReportRowByCode(publicCode));
      await setFollow(actor, report.id, following);
      return { publicCode: report.publicCode, following };
    },

    async getFollowingByCode(actor: Actor, publicCode: string): Promise<PublicFollowState> {
      const report = followable(actor, await feedback.getReportRowByCode(publicCode));
      return { publicCode: report.publicCode, following: await repo.isFollowing(db, report.id, actor.id) };
    },
  };

  async function setFollow(actor: Actor, reportId: string, following: boolean) {
    await feedback.setFollowing(db, reportId, actor.id, following);
  }

  /** A report the actor may follow: a public one, or their own; anything else is "not found". */
  function followable(actor: Actor, report: ReportRow | null): ReportRow {
    if (!report || !(isPublicReport(report) || report.reporterId === actor.id)) throw reportNotFound();
    return report;
  }
}

export type NotificationService = ReturnType<typeof createNotificationService>;
