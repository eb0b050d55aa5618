import { z } from 'zod';
import {
  NEWS_LIMITS as L,
  NEWS_ALERT_CHANNELS,
  NEWS_HAZARDS,
  NEWS_IMAGE_VARIANTS,
  NEWS_KINDS,
  NEWS_STATES,
} from './constants/news.js';

export * from './constants/news.js';

/**
 * Official news and alerts: request and response schemas shared by the server (`server/modules/news`) and the web
 * app. A post's body is Markdown, rendered on the server to safe HTML (no raw HTML; images only the unit's uploads).
 */

const uuid = z.uuid({ message: 'Mã không hợp lệ. | Not a valid id.' });
const unitCode = z
  .string()
  .trim()
  .min(1, { message: 'Hãy chọn đơn vị. | Choose a unit.' })
  .max(40, { message: 'Mã đơn vị không hợp lệ. | Not a valid unit code.' });
const instant = z.iso.datetime({ offset: true, message: 'Thời điểm không hợp lệ. | Not a valid date and time.' });

export const NewsKind = z.enum(NEWS_KINDS, { message: 'Loại tin không hợp lệ. | Not a valid kind of news.' });
export const NewsHazard = z.enum(NEWS_HAZARDS, { message: 'Loại thiên tai không hợp lệ. | Not a valid hazard.' });
export const NewsAlertChannel = z.enum(NEWS_ALERT_CHANNELS, {
  message: 'Kênh nhận không hợp lệ. | Not a valid channel.',
});

export type NewsKind = z.infer<typeof NewsKind>;
export type NewsHazard = z.infer<typeof NewsHazard>;
export type NewsAlertChannel = z.infer<typeof NewsAlertChannel>;

const postFields = {
  kind: NewsKind,
  /** What an alert is about (flood, storm …); only for alert kinds. */
  hazard: NewsHazard.nullable().default(null),
  title: z
    .string()
    .trim()
    .min(1, { message: 'Hãy nhập tiêu đề. | Enter a title.' })
    .max(L.title, { message: `Tiêu đề tối đa ${L.title} ký tự. | At most ${L.title} characters.` }),
  body: z
    .string()
    .trim()
    .min(1, { message: 'Hãy nhập nội dung. | Enter the text.' })
    .max(L.body, { message: `Nội dung tối đa ${L.body} ký tự. | At most ${L.body} characters.` }),
  pinned: z.boolean().default(false),
  /** When the post becomes public; absent or null: now. A time in the future schedules it. */
  publishAt: instant.nullable().default(null),
};

/** `POST /api/news/manage`: a new post of a province (province-wide) or of one commune. */
export const NewsPostCreate = z.strictObject({ unit: unitCode, ...postFields });
export type NewsPostCreate = z.input<typeof NewsPostCreate>;

/** `PUT /api/news/manage/:id`: the whole post again (its unit stays). */
export const NewsPostUpdate = z.strictObject(postFields);
export type NewsPostUpdate = z.input<typeof NewsPostUpdate>;

export const NewsWithdraw = z.strictObject({
  reason: z
    .string()
    .trim()
    .min(1, { message: 'Hãy ghi lý do gỡ tin. | Give the reason for withdrawing.' })
    .max(L.withdrawReason, { message: `Tối đa ${L.withdrawReason} ký tự. | At most ${L.withdrawReason} characters.` }),
});

export const NewsPreviewInput = z.strictObject({ unit: unitCode, body: postFields.body });
export const NewsPreview = z.object({ html: z.string(), problems: z.array(z.string()) });
export type NewsPreview = z.infer<typeof NewsPreview>;

export const NewsIdParam = z.strictObject({ id: uuid });
export const NewsUnitParam = z.strictObject({ unitCode });
export const NewsImageParam = z.strictObject({ id: uuid, variant: z.enum(NEWS_IMAGE_VARIANTS) });
export const NewsFeedParam = z.strictObject({
  file: z.string().regex(/^[0-9A-Za-z_-]{1,40}\.(atom|xml)$/, {
    message: 'Tên nguồn tin: <mã đơn vị>.atom | Feed: <unit code>.atom',
  }),
});

export const NewsListQuery = z.strictObject({
  /** Only this unit's own posts (the province's, or one commune's); absent: the province's and all its communes'. */
  unit: unitCode.optional(),
  kind: NewsKind.optional(),
  cursor: z.string().max(40).optional(),
  limit: z.coerce.number().int().min(1).max(L.listPageMax).default(L.listPage),
});
export type NewsListQuery = z.input<typeof NewsListQuery>;

export const NewsManageQuery = z.strictObject({ unit: unitCode.optional() });

export const NewsUnit = z.object({ code: z.string(), name: z.string(), level: z.string() });
export type NewsUnit = z.infer<typeof NewsUnit>;

export const NewsSummary = z.object({
  id: z.string(),
  unit: NewsUnit,
  kind: NewsKind,
  hazard: NewsHazard.nullable(),
  isAlert: z.boolean(),
  title: z.string(),
  /** The first words of the text, plain. */
  summary: z.string(),
  pinned: z.boolean(),
  publishAt: z.string(),
  updatedAt: z.string(),
});
export type NewsSummary = z.infer<typeof NewsSummary>;

export const NewsList = z.object({ items: z.array(NewsSummary), nextCursor: z.string().nullable() });
export type NewsList = z.infer<typeof NewsList>;

export const NewsPostView = NewsSummary.extend({ html: z.string() });
export type NewsPostView = z.infer<typeof NewsPostView>;

/** What a post's administrators see: its state, its Markdown, and for an alert how many followers were told. */
export const NewsManageItem = NewsPostView.extend({
  state: z.enum(NEWS_STATES),
  body: z.string(),
  withdrawnAt: z.string().nullable(),
  withdrawReason: z.string().nullable(),
  /** Followers an alert has reached so far (in-app); null for other kinds. */
  notified: z.number().int().nullable(),
});
export type NewsManageItem = z.infer<typeof NewsManageItem>;
export const NewsManageList = z.object({ items: z.array(NewsManageItem) });
export type NewsManageList = z.infer<typeof NewsManageList>;

/** A citizen's home section: whose news it is, and the posts (pinned first, then newest). */
export const NewsHome = z.object({
  units: z.array(NewsUnit),
  items: z.array(NewsSummary),
});
export type NewsHome = z.infer<typeof NewsHome>;

export const NewsFollowInput = z.strictObject({ alertChannel: NewsAlertChannel.default('sms') });
export const NewsFollow = z.object({
  unit: NewsUnit,
  following: z.boolean(),
  alertChannel: NewsAlertChannel.nullable(),
});
export type NewsFollow = z.infer<typeof NewsFollow>;
export const NewsFollowList = z.object({ items: z.array(NewsFollow) });
export type NewsFollowList = z.infer<typeof NewsFollowList>;

export const NewsImage = z.object({
  id: z.string(),
  url: z.string(),
  width: z.number().int(),
  height: z.number().int(),
  /** What to paste in the body: `![name](image:<id>)`. */
  markdown: z.string(),
});
export type NewsImage = z.infer<typeof NewsImage>;
export const NewsImageUploadQuery = z.strictObject({ unit: unitCode });
