import { NEWS_ALERT_BATCH, NEWS_HAZARD_LABELS } from '../../../common/constants/news.js';
import type { Db } from '../../db/client.js';
import type { NotifyProviders } from '../../platform/notify/index.js';
import type { NotificationService } from '../notifications/service.js';
import { alertStepKey, type NewsAlertPayload, newsAlertJob } from './jobs.js';
import * as repo from './repo.js';

export interface AlertDeps {
  db: Db;
  notifications: Pick<NotificationService, 'addInApp'>;
  /** The outside channels (platform/notify): read at each step, so tests may swap a provider. */
  providers: () => Pick<NotifyProviders, 'sms' | 'zalo'>;
  publicUrl: string;
  now?: () => Date;
  /** Followers per step (NEWS_ALERT_BATCH; tests make it small). */
  batch?: number;
}

export const postLink = (id: string) => `/news/${id}`;

const clip = (s: string, n: number) => (s.length <= n ? s : `${s.slice(0, n - 1).trimEnd()}…`);

/**
 * The handler of job `news.alert`: one step of an emergency alert's fan-out. It reads the next batch of the unit's
 * followers (a commune's; for a province-wide alert, the province's and any of its communes'), then in one
 * transaction claims (alert, person) for each — a person already claimed by an earlier run is skipped — writes the
 * in-app notifications of those claimed, and enqueues the next step when the batch was full. After the commit it
 * sends the SMS or Zalo copies not yet sent in this batch, marking each as it goes: a retried step tells nobody
 * twice in the app and resends only what had not gone out. No counter row: how many were told is a count of claims.
 */
export function createAlertFanOut({
  db,
  notifications,
  providers,
  publicUrl,
  now = () => new Date(),
  batch,
}: AlertDeps) {
  const size = batch ?? NEWS_ALERT_BATCH;
  return async function alertStep(payload: NewsAlertPayload, job?: { id: number }): Promise<void> {
    const post = await repo.findPost(db, payload.postId);
    if (!post?.isAlert || post.withdrawnAt) return;
    if (post.publishAt.getTime() > now().getTime()) {
      // Run before its time (the post was rescheduled later): the step waits for the new time.
      const again = { ...payload, version: post.version };
      await newsAlertJob.enqueue(db, again, {
        runAt: post.publishAt,
        dedupeKey: `${alertStepKey(again)}:after-job-${job?.id ?? 'direct'}`,
      });
      return;
    }
    const target = post.unit.level === 'province' ? { provinceCode: post.provinceCode } : { unitCode: post.unitCode };
    const followers = await repo.nextFollowers(db, { ...target, after: payload.after, limit: size });
    if (!followers.length) return;

    const hazard = post.hazard ? NEWS_HAZARD_LABELS[post.hazard] : null;
    const title = {
      vi: `Cảnh báo${hazard ? ` ${hazard.vi.toLowerCase()}` : ' thiên tai'}: ${post.title}`,
      en: `${hazard ? `${hazard.en} warning` : 'Disaster warning'} (${post.unit.name}): ${post.title}`,
    };
    const body = { vi: `${post.unit.name} · ${clip(post.summary, 200)}`, en: clip(post.summary, 200) };
    await db.transaction(async (tx) => {
      const claimed = await repo.claimDeliveries(tx, post.id, followers);
      await notifications.addInApp(
        tx,
        claimed.map((c) => ({ userId: c.userId, kind: 'news.alert', title, body, link: postLink(post.id) })),
      );
      if (followers.length === size) {
        const next = { postId: post.id, version: payload.version, after: followers[followers.length - 1].userId };
        await newsAlertJob.enqueue(tx, next, { dedupeKey: alertStepKey(next) });
      }
    });

    const unsent = await repo.unsentDeliveries(
      db,
      post.id,
      followers.map((f) => f.userId),
    );
    if (!unsent.length) return;
    const { sms, zalo } = providers();
    const url = `${publicUrl}${postLink(post.id)}`;
    for (const u of unsent) {
      if (!u.phone) continue;
      const text =
        u.locale === 'en'
          ? `Xa So - WARNING (${clip(post.unit.name, 40)}): ${clip(post.title, 90)}. ${url}`
          : `Xã Số - CẢNH BÁO (${clip(post.unit.name, 40)}): ${clip(post.title, 90)}. ${url}`;
      if (u.channel === 'zalo') await zalo.send(u.phone, text);
      else await sms.send(u.phone, text);
      await repo.markSent(db, post.id, u.userId);
    }
  };
}
