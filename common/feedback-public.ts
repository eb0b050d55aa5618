import { z } from 'zod';
import { CANCEL_REASONS, ReportStatus } from './feedback.js';

/**
 * Public side of citizen feedback, shared by the server and the web app: photos (serving and moderation),
 * the public list / map / report page, and the statistics. Nothing here carries personal data.
 */

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'Ngày dạng YYYY-MM-DD. | Use YYYY-MM-DD.' });
const code = z.string().trim().min(1).max(40);
const label = z.object({ vi: z.string(), en: z.string() });

// ——— photos ———

export const PhotoVisibility = z.enum(['pending', 'public', 'hidden']);
export const PhotoView = z.object({
  id: z.string(),
  kind: z.enum(['report', 'answer']),
  width: z.number().int(),
  height: z.number().int(),
  bytes: z.number().int(),
  visibility: PhotoVisibility,
  position: z.number().int(),
  /** `GET` these for the image (JPEG) and its 320 px thumbnail. */
  url: z.string(),
  thumbUrl: z.string(),
});
export type PhotoView = z.infer<typeof PhotoView>;
export const PhotoListResponse = z.object({ items: z.array(PhotoView) });
export const SetPhotoVisibility = z.strictObject({ visibility: z.enum(['public', 'hidden']) });
const fraction = z.number().min(0).max(1);
/** A rectangle to blur, in fractions of the photo's width and height (0–1). */
export const BlurPhoto = z
  .strictObject({ x: fraction, y: fraction, w: fraction.positive(), h: fraction.positive() })
  .refine((r) => r.x + r.w <= 1.000001 && r.y + r.h <= 1.000001, {
    message: 'Vùng làm mờ phải nằm trong ảnh. | The rectangle must lie inside the photo.',
    path: ['w'],
  });

// ——— public reports ———

const filters = {
  /** Category code ("giao-thong"). */
  category: z
    .string()
    .regex(/^[a-z0-9-]{2,40}$/)
    .optional(),
  /** Commune code ("05569"). */
  commune: code.optional(),
  status: ReportStatus.optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  /** Free text, diacritics optional ("duong hong" finds "đường hỏng"). */
  q: z.string().trim().min(1).max(200).optional(),
};
export const PublicListQuery = z.strictObject({
  ...filters,
  limit: z.coerce.number().int().min(1).max(100).default(30),
  cursor: z.string().max(200).optional(),
});
export type PublicListQuery = z.infer<typeof PublicListQuery>;

export const PublicReportItem = z.object({
  publicCode: z.string(),
  status: ReportStatus,
  statusLabel: label,
  category: z.object({ code: z.string(), nameVi: z.string(), nameEn: z.string() }),
  description: z.string(),
  communeCode: z.string(),
  communeName: z.string(),
  /** Coarsened to a ~500 m grid in sensitive categories. */
  lat: z.number().nullable(),
  lng: z.number().nullable(),
  coarsened: z.boolean(),
  createdAt: z.string(),
  resolvedAt: z.string().nullable(),
  /** Thumbnail of the first approved photo. */
  thumbUrl: z.string().nullable(),
});
export type PublicReportItem = z.infer<typeof PublicReportItem>;
export const PublicListResponse = z.object({ items: z.array(PublicReportItem), nextCursor: z.string().nullable() });

export const PublicMapQuery = z.strictObject({
  ...filters,
  /** minLng,minLat,maxLng,maxLat */
  bbox: z.string().regex(/^-?\d+(\.\d+)?(,-?\d+(\.\d+)?){3}$/, {
    message: 'bbox dạng minLng,minLat,maxLng,maxLat. | Use minLng,minLat,maxLng,maxLat.',
  }),
  zoom: z.coerce.number().int().min(0).max(22),
});
export type PublicMapQuery = z.infer<typeof PublicMapQuery>;
const statusCounts = z.object({
  pending: z.number().int(),
  distributed: z.number().int(),
  resolved: z.number().int(),
  cancelled: z.number().int(),
});
export const MapCluster = z.object({
  lat: z.number(),
  lng: z.number(),
  count: z.number().int(),
  /** Set when grouped by commune (the marker sits at the commune's centre). */
  communeCode: z.string().nullable(),
  statuses: statusCounts,
});
export const MapPoint = z.object({
  publicCode: z.string(),
  lat: z.number(),
  lng: z.number(),
  status: ReportStatus,
  categoryCode: z.string(),
});
/**
 * Zoomed out (zoom ≤ 11, no text search): one cluster per commune, from the statistics rollup. Closer: reports
 * grouped on a grid of `cellDegrees` in SQL; cells with several reports are clusters (count, centroid, counts by
 * status) and single reports are points.
 */
export const PublicMapResponse = z.object({
  groupedBy: z.enum(['commune', 'grid']),
  cellDegrees: z.number().nullable(),
  clusters: z.array(MapCluster),
  points: z.array(MapPoint),
  total: z.number().int(),
});

export const PublicEvent = z.object({
  at: z.string(),
  type: z.string(),
  toStatus: ReportStatus.nullable(),
  /** The handling unit it went to (accepted, forwarded). */
  handlingUnitName: z.string().nullable(),
});
export const PublicReportDetail = PublicReportItem.extend({
  /** "Người dân" unless the reporter chose to show their name. */
  reporterName: z.string(),
  handlingUnitName: z.string().nullable(),
  answerText: z.string().nullable(),
  rating: z.number().int().nullable(),
  timeline: z.array(PublicEvent),
  photos: z.array(PhotoView),
});
export type PublicReportDetail = z.infer<typeof PublicReportDetail>;

// ——— statistics ———

export const StatsQuery = z.strictObject({
  /** Administrative unit code: the province ("19"), a commune ("05569") or a hamlet; default the province. */
  unit: code.optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
});
export type StatsQuery = z.infer<typeof StatsQuery>;
const counts = {
  received: z.number().int(),
  pending: z.number().int(),
  distributed: z.number().int(),
  resolved: z.number().int(),
  cancelled: z.number().int(),
};
export const CancelledByReason = z.object(
  Object.fromEntries(CANCEL_REASONS.map((r) => [r, z.number().int()])) as Record<
    (typeof CANCEL_REASONS)[number],
    z.ZodNumber
  >,
);
export const StatsResponse = z.object({
  unit: z.object({ code: z.string(), name: z.string(), path: z.string() }),
  from: z.string().nullable(),
  to: z.string().nullable(),
  ...counts,
  cancelledByReason: CancelledByReason,
  /** Resolved on time / resolved; null when nothing was resolved. */
  onTimeRate: z.number().nullable(),
  /** Mean of 1–5 ratings; null when nobody rated. */
  meanSatisfaction: z.number().nullable(),
  ratings: z.number().int(),
  reopenings: z.number().int(),
  byCategory: z.array(
    z.object({ categoryId: z.string(), code: z.string(), nameVi: z.string(), nameEn: z.string(), ...counts }),
  ),
});
export type StatsResponse = z.infer<typeof StatsResponse>;
