import { REPORT_STATUS_LABELS, type ReportStatus } from '../../../common/feedback.js';
import type {
  PublicListQuery,
  PublicMapQuery,
  PublicReportDetail,
  PublicReportItem,
} from '../../../common/feedback-public.js';
import { assertDayRange } from '../../platform/calendar.js';
import type { AppContext } from '../../platform/context.js';
import { decodeCursor, encodeCursor, isTimestamp, keyset } from '../../platform/cursor.js';
import { errors } from '../../platform/errors.js';
import { toPhotoView } from '../feedback-photos/service.js';
import { splitPeriod } from '../feedback-stats/repo.js';
import { communeCentroids } from './centroids.js';
import { cellDegrees, mapCells } from './map-repo.js';
import * as repo from './repo.js';

/** What the public sees instead of a reporter's name, unless they chose to show it. */
export const ANONYMOUS_REPORTER = 'Người dân';

type Filters = Omit<PublicListQuery, 'limit' | 'cursor'>;

const dayStart = (d: string) => new Date(`${d}T00:00:00+07:00`);

function toFilters(q: Filters): repo.PublicFilters {
  assertDayRange(q);
  return {
    category: q.category,
    commune: q.commune,
    status: q.status,
    // Days are Vietnamese calendar days; `to` is inclusive.
    fromAt: q.from ? dayStart(q.from) : undefined,
    toAt: q.to ? new Date(dayStart(q.to).getTime() + 86_400_000) : undefined,
    words: q.q?.split(/\s+/).filter(Boolean).slice(0, 8),
  };
}

function toItem(row: repo.PublicRow): PublicReportItem {
  const status = row.status as ReportStatus;
  return {
    publicCode: row.publicCode,
    status,
    statusLabel: REPORT_STATUS_LABELS[status],
    category: { code: row.categoryCode, nameVi: row.categoryNameVi, nameEn: row.categoryNameEn },
    description: row.description,
    communeCode: row.communeCode,
    communeName: row.communeName,
    lat: row.lat === null ? null : Number(row.lat),
    lng: row.lng === null ? null : Number(row.lng),
    coarsened: row.sensitive,
    createdAt: row.createdAt.toISOString(),
    resolvedAt: row.resolvedAt?.toISOString() ?? null,
    thumbUrl: row.photoId ? `/api/reports/${row.id}/photos/${row.photoId}/thumb` : null,
  };
}

/**
 * Map cell size for a zoom level: about a quarter of a 256 px tile, so markers do not overlap. Past zoom 17 the
 * cells are a few metres wide and every report shows on its own.
 */
export const cellDegreesForZoom = cellDegrees;

/**
 * At this zoom and below (a province down to a few communes on screen) markers are one per commune, counted from the
 * statistics rollup, unless the map is searched by text (the rollup holds no text).
 */
export const COMMUNE_ZOOM = 12;
/** Grid cells across a viewport at most (a 4K screen holds about 60; this refuses world-sized boxes at street zoom). */
const MAX_CELLS_ACROSS = 4096;

/** Public views of citizen feedback: list, map and report page. No personal data leaves this service. */
export function createFeedbackPublicService(ctx: AppContext) {
  return {
    /** Public reports, newest first, filtered and searched (diacritics optional); keyset-paginated. */
    async listReports(q: PublicListQuery) {
      const after = q.cursor ? decodeCursor(q.cursor, keyset(isTimestamp)) : undefined;
      const rows = await repo.listPublicReports(ctx.db, toFilters(q), {
        limit: q.limit + 1,
        after: after ? { at: new Date(after[0]), id: after[1] } : undefined,
      });
      const page = rows.slice(0, q.limit);
      const last = page.at(-1);
      return {
        items: page.map(toItem),
        nextCursor: rows.length > q.limit && last ? encodeCursor([last.createdAt.toISOString(), last.id]) : null,
      };
    },

    /** Clusters (count, centroid, counts by status) and single reports in a viewport, grouped in SQL. */
    async map(q: PublicMapQuery) {
      const [minLng, minLat, maxLng, maxLat] = q.bbox.split(',').map(Number);
      if (!(minLng < maxLng && minLat < maxLat) || minLat < -90 || maxLat > 90 || minLng < -180 || maxLng > 180)
        throw errors.invalidField('bbox', {
          vi: 'Khung bản đồ không hợp lệ (minLng,minLat,maxLng,maxLat).',
          en: 'Invalid map viewport (minLng,minLat,maxLng,maxLat).',
        });
      const inBox = (p: { lat: number; lng: number }) =>
        p.lat >= minLat && p.lat <= maxLat && p.lng >= minLng && p.lng <= maxLng;
      if (q.zoom <= COMMUNE_ZOOM && !q.q) {
        toFilters(q); // validates the period
        const centres = await communeCentroids();
        const onScreen = [...centres.entries()]
          .filter(([code, at]) => (!q.commune || code === q.commune) && inBox(at))
          .map(([code, at]) => ({ code, path: at.path }));
        const rows = onScreen.length
          ? await repo.mapByCommune(ctx.db, { ...q, communes: onScreen }, splitPeriod(q.from, q.to))
          : [];
        const clusters = [];
        let total = 0;
        for (const row of rows) {
          const at = centres.get(row.communeCode)!;
          total += row.count;
          clusters.push({
            lat: at.lat,
            lng: at.lng,
            count: row.count,
            communeCode: row.communeCode,
            statuses: { pending: 0, distributed: row.distributed, resolved: row.resolved, cancelled: row.cancelled },
          });
        }
        return { groupedBy: 'commune' as const, cellDegrees: null, clusters, points: [], total };
      }
      const cell = cellDegreesForZoom(q.zoom);
      // A world-sized box at street zoom would group millions of cells: a screen holds a few hundred.
      if ((maxLng - minLng) / cell > MAX_CELLS_ACROSS || (maxLat - minLat) / cell > MAX_CELLS_ACROSS)
        throw errors.invalidField('bbox', {
          vi: 'Khung bản đồ quá lớn so với mức thu phóng.',
          en: 'The map viewport is too large for the zoom level.',
        });
      const cells = await mapCells(ctx.db, toFilters(q), { minLng, minLat, maxLng, maxLat }, q.zoom);
      const clusters = [];
      const points = [];
      let total = 0;
      for (const c of cells) {
        total += c.count;
        if (c.count === 1)
          points.push({
            publicCode: c.publicCode,
            lat: Number(c.lat),
            lng: Number(c.lng),
            status: c.status as ReportStatus,
            categoryCode: c.categoryCode,
          });
        else
          clusters.push({
            lat: Number(c.lat),
            lng: Number(c.lng),
            count: c.count,
            communeCode: null,
            statuses: { pending: c.pending, distributed: c.distributed, resolved: c.resolved, cancelled: c.cancelled },
          });
      }
      return { groupedBy: 'grid' as const, cellDegrees: cell, clusters, points, total };
    },

    /** A public report's page: timeline of public events, the answer, the rating and approved photos. */
    async getReport(publicCode: string): Promise<PublicReportDetail> {
      const row = await repo.findPublicReport(ctx.db, publicCode);
      if (!row) throw errors.notFound({ vi: 'phản ánh', en: 'Report' });
      const [events, photos] = await Promise.all([
        repo.publicEvents(ctx.db, row.id),
        repo.publicPhotos(ctx.db, row.id),
      ]);
      return {
        ...toItem(row),
        reporterName: row.showName ? (row.userName ?? row.reporterName ?? ANONYMOUS_REPORTER) : ANONYMOUS_REPORTER,
        handlingUnitName: row.handlingUnitName,
        answerText: row.status === 'resolved' ? row.answerText : null,
        rating: row.rating,
        timeline: events.map((e) => ({
          at: e.at.toISOString(),
          type: e.type,
          toStatus: (e.toStatus as ReportStatus | null) ?? null,
          handlingUnitName: e.handlingUnitName,
        })),
        photos: photos.map(toPhotoView),
      };
    },
  };
}

export type FeedbackPublicService = ReturnType<typeof createFeedbackPublicService>;
