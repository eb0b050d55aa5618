import { z } from 'zod';

/** One entry of the in-app notification centre, in the recipient's language (users.locale). */
export const NotificationView = z.object({
  id: z.string().uuid(),
  /** "report.<event type>", e.g. report.resolved; the web picks an icon by it. */
  kind: z.string(),
  reportId: z.string().uuid().nullable(),
  title: z.string(),
  body: z.string().nullable(),
  /** Path inside the web app ("/reports/<id>"). */
  link: z.string().nullable(),
  readAt: z.string().nullable(),
  createdAt: z.string(),
});
export type NotificationView = z.infer<typeof NotificationView>;

export const NotificationListQuery = z.strictObject({
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  unread: z.enum(['1', 'true']).optional(),
});

export const NotificationListResponse = z.object({
  items: z.array(NotificationView),
  nextCursor: z.string().nullable(),
  unread: z.number().int(),
});
export type NotificationListResponse = z.infer<typeof NotificationListResponse>;

export const UnreadCount = z.object({ unread: z.number().int() });

export const ReadAllResponse = z.object({ updated: z.number().int(), unread: z.number().int() });

export const FollowState = z.object({ reportId: z.string().uuid(), following: z.boolean() });
export type FollowState = z.infer<typeof FollowState>;

/** Following from the public report page, which knows the report by its public code only. */
export const PublicFollowState = z.object({ publicCode: z.string(), following: z.boolean() });
export type PublicFollowState = z.infer<typeof PublicFollowState>;
