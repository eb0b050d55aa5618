import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  FollowState,
  NotificationListQuery,
  NotificationListResponse,
  NotificationView,
  PublicFollowState,
  ReadAllResponse,
  UnreadCount,
} from '../../../common/notifications.js';
import { requireActor } from '../../platform/actor.js';
import { authorize } from '../../platform/permissions.js';
import type { NotificationService } from './service.js';

const IdParam = z.strictObject({ id: z.string().uuid({ message: 'Mã không hợp lệ. | Invalid id.' }) });
const CodeParam = z.strictObject({
  publicCode: z.string().regex(/^[A-Za-z0-9-]{3,40}$/, { message: 'Mã phản ánh không hợp lệ. | Invalid report code.' }),
});
const tags = ['notifications'];

/** In-app notification centre (own notifications only) and following reports. */
export async function notificationsRoutes(server: FastifyInstance, opts: { notifications: NotificationService }) {
  const app = server.withTypeProvider<ZodTypeProvider>();
  const service = opts.notifications;

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

  const follower = (req: Parameters<typeof requireActor>[0]) => {
    const actor = requireActor(req);
    authorize(actor, 'report.follow', { ownerId: actor.id });
    return actor;
  };
  const follow = (following: boolean) => async (req: FastifyRequest<{ Params: { id: string } }>) =>
    service.setFollowing(follower(req), req.params.id, following);
  app.get(
    '/api/reports/:id/follow',
    {
      schema: { tags, summary: 'Tôi có theo dõi? / Am I following?', params: IdParam, response: { 200: FollowState } },
    },
    async (req) => service.getFollowing(follower(req), req.params.id),
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

  // The same, from the public report page, which knows a report by its public code.
  const followByCode = (following: boolean) => async (req: FastifyRequest<{ Params: { publicCode: string } }>) =>
    service.setFollowingByCode(follower(req), req.params.publicCode, following);
  const publicFollow = { tags, params: CodeParam, response: { 200: PublicFollowState } };
  app.get(
    '/api/public/reports/:publicCode/follow',
    { schema: { ...publicFollow, summary: 'Tôi có theo dõi? (theo mã) / Am I following? (by code)' } },
    async (req) => service.getFollowingByCode(follower(req), req.params.publicCode),
  );
  app.post(
    '/api/public/reports/:publicCode/follow',
    { schema: { ...publicFollow, summary: 'Theo dõi phản ánh (theo mã) / Follow a report (by code)' } },
    followByCode(true),
  );
  app.delete(
    '/api/public/reports/:publicCode/follow',
    { schema: { ...publicFollow, summary: 'Bỏ theo dõi (theo mã) / Unfollow a report (by code)' } },
    followByCode(false),
  );
}
