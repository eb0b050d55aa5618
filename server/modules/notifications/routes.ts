import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  FollowState,
  NotificationListQuery,
  NotificationListResponse,
  NotificationView,
  ReadAllResponse,
  UnreadCount,
} from '../../../common/notifications.js';
import { requireActor } from '../../platform/actor.js';
import type { AppContext } from '../../platform/context.js';
import { authorize } from '../../platform/permissions.js';
import { createDeliverHandler, createFeedbackEventHandler, DELIVER_JOB, FEEDBACK_EVENT_JOB } from './dispatch.js';
import { createNotificationService } from './service.js';

const IdParam = z.strictObject({ id: z.string().uuid({ message: 'Mã không hợp lệ. | Invalid id.' }) });
const tags = ['notifications'];

/** In-app notification centre (own notifications only), following reports, and the notification jobs. */
export async function notificationsRoutes(server: FastifyInstance, opts: { ctx: AppContext }) {
  const app = server.withTypeProvider<ZodTypeProvider>();
  const { ctx } = opts;
  const service = createNotificationService(ctx);
  ctx.jobs.register(FEEDBACK_EVENT_JOB, createFeedbackEventHandler(ctx));
  ctx.jobs.register(DELIVER_JOB, createDeliverHandler(ctx));

  const own = (req: Parameters<typeof requireActor>[0]) => {
    const actor = requireActor(req);
    authorize(actor, 'notification.own', { ownerId: actor.id });
    return actor;
  };

  app.get(
    '/api/notifications',
    {
      schema: {
        tags,
        summary: 'Thông báo của tôi / My notifications',
        querystring: NotificationListQuery,
        response: { 200: NotificationListResponse },
      },
    },
    async (req) => service.list(own(req), req.query),
  );

  app.get(
    '/api/notifications/unread-count',
    { schema: { tags, summary: 'Số thông báo chưa đọc / Unread count', response: { 200: UnreadCount } } },
    async (req) => service.unreadCount(own(req)),
  );

  app.post(
    '/api/notifications/:id/read',
    {
      schema: {
        tags,
        summary: 'Đánh dấu đã đọc / Mark read',
        params: IdParam,
        response: { 200: NotificationView },
      },
    },
    async (req) => service.markRead(own(req), req.params.id),
  );

  app.post(
    '/api/notifications/read-all',
    { schema: { tags, summary: 'Đánh dấu tất cả đã đọc / Mark all read', response: { 200: ReadAllResponse } } },
    async (req) => service.markAllRead(own(req)),
  );

  const follow =
    (following: boolean) => async (req: { params: { id: string } } & Parameters<typeof requireActor>[0]) => {
      const actor = requireActor(req);
      authorize(actor, 'report.follow', { ownerId: actor.id });
      return service.setFollowing(actor, req.params.id, following);
    };
  app.get(
    '/api/reports/:id/follow',
    {
      schema: { tags, summary: 'Tôi có theo dõi? / Am I following?', params: IdParam, response: { 200: FollowState } },
    },
    async (req) => {
      const actor = requireActor(req);
      authorize(actor, 'report.follow', { ownerId: actor.id });
      return service.getFollowing(actor, req.params.id);
    },
  );
  app.post(
    '/api/reports/:id/follow',
    {
      schema: { tags, summary: 'Theo dõi phản ánh / Follow a report', params: IdParam, response: { 200: FollowState } },
    },
    follow(true),
  );
  app.delete(
    '/api/reports/:id/follow',
    {
      schema: { tags, summary: 'Bỏ theo dõi / Unfollow a report', params: IdParam, response: { 200: FollowState } },
    },
    follow(false),
  );
}
