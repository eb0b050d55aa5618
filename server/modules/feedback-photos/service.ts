import type { PhotoView } from '../../../common/feedback-public.js';
import type { Actor } from '../../platform/actor.js';
import { recordAudit } from '../../platform/audit.js';
import type { AppContext } from '../../platform/context.js';
import { AppError, errors } from '../../platform/errors.js';
import { blurRegion } from '../../platform/files/photos.js';
import { fileStoreFor } from '../../platform/files/store.js';
import { can } from '../../platform/permissions.js';
import type { FeedbackService } from '../feedback/service.js';
import { isPublicReport } from '../feedback/visibility.js';
import * as repo from './repo.js';

const photoNotFound = () => errors.notFound({ vi: 'ảnh', en: 'Photo' });

/** The URLs of a photo (the same route serves the reporter, staff and the public, each seeing what they may). */
export function toPhotoView(p: repo.PhotoRow): PhotoView {
  const url = `/api/reports/${p.reportId}/photos/${p.id}`;
  return {
    id: p.id,
    kind: p.kind,
    width: p.width,
    height: p.height,
    bytes: p.bytes,
    visibility: p.visibility,
    position: p.position,
    url,
    thumbUrl: `${url}/thumb`,
  };
}

/** Staff who screen (the commune committee, commune/province administrators) or work (its handling unit) it. */
export function canModeratePhotos(actor: Actor | null, r: repo.ReportAccess): boolean {
  return (
    can(actor, 'report.work', { unitPath: r.unitPath, handlingUnitId: r.handlingUnitId }) ||
    can(actor, 'report.screen', { unitPath: r.unitPath, handlingUnitId: r.committeeId })
  );
}

/** The reporter and staff in scope see every photo; everyone else only approved photos of public reports. */
function seesAll(actor: Actor | null, r: repo.ReportAccess): boolean {
  if (actor?.kind === 'user' && r.reporterId && actor.id === r.reporterId) return true;
  return (
    canModeratePhotos(actor, r) ||
    can(actor, 'report.read_private', { unitPath: r.unitPath, handlingUnitId: r.handlingUnitId })
  );
}

/**
 * Photo serving and moderation (hide, publish, blur a face) for the photos of a report. The photo rows are feedback's
 * (report_photos): changes go through the feedback service.
 */
export function createFeedbackPhotoService(ctx: AppContext, { feedback }: { feedback: FeedbackService }) {
  const store = fileStoreFor(ctx);

  async function reportFor(reportId: string) {
    const r = await repo.findReportAccess(ctx.db, reportId);
    if (!r) throw errors.notFound({ vi: 'phản ánh', en: 'Report' });
    return r;
  }

  async function moderatable(actor: Actor | null, reportId: string, photoId: string) {
    if (!actor) throw errors.unauthenticated();
    const r = await reportFor(reportId);
    if (!canModeratePhotos(actor, r)) throw errors.forbidden();
    const photo = await repo.findPhoto(ctx.db, reportId, photoId);
    if (!photo) throw photoNotFound();
    return { r, photo };
  }

  return {
    /** The photos of a report this actor may see (all for the reporter and staff; approved ones for others). */
    async listPhotos(actor: Actor | null, reportId: string): Promise<PhotoView[]> {
      const r = await reportFor(reportId);
      const all = seesAll(actor, r);
      if (!all && !isPublicReport(r)) throw errors.notFound({ vi: 'phản ánh', en: 'Report' });
      const rows = await repo.listPhotos(ctx.db, reportId);
      return rows.filter((p) => all || p.visibility === 'public').map(toPhotoView);
    },

    /**
     * Opens a photo (or its thumbnail) for streaming. Photos the actor may not see answer 404, so their
     * existence is not revealed.
     */
    async openPhoto(actor: Actor | null, reportId: string, photoId: string, thumb: boolean) {
      const r = await reportFor(reportId);
      const photo = await repo.findPhoto(ctx.db, reportId, photoId);
      if (!photo) throw photoNotFound();
      const isPublic = photo.visibility === 'public' && isPublicReport(r);
      if (!isPublic && !seesAll(actor, r)) throw photoNotFound();
      const key = thumb ? photo.thumbKey : photo.storageKey;
      try {
        const file = await store.stream(key);
        return { ...file, isPublic };
      } catch (e) {
        // A file that is not there is gone for good; anything else (the S3 service unreachable) is for later.
        if ((e as { code?: string }).code !== 'ENOENT') {
          ctx.log.error({ err: { message: (e as Error).message } }, 'file store unavailable');
          throw new AppError(503, 'file_store_unavailable', {
            vi: 'Kho ảnh tạm thời không truy cập được. Vui lòng thử lại sau.',
            en: 'The photo store is unavailable for now. Please try again later.',
          });
        }
        throw new AppError(410, 'photo_gone', {
          vi: 'Tệp ảnh không còn trên máy chủ.',
          en: 'The photo file is no longer on the server.',
        });
      }
    },

    /** Publishes or hides a photo; recorded in the audit trail. */
    async setVisibility(
      actor: Actor | null,
      reportId: string,
      photoId: string,
      visibility: 'public' | 'hidden',
      requestId?: string,
    ): Promise<PhotoView> {
      const { r, photo } = await moderatable(actor, reportId, photoId);
      const updated = await ctx.db.transaction(async (tx) => {
        const row = await feedback.updatePhoto(tx, photo.id, { visibility });
        await recordAudit(
          tx,
          actor,
          {
            action: 'report_photo.visibility',
            resourceType: 'report_photo',
            resourceId: photo.id,
            unitPath: r.unitPath,
            details: { reportId, from: photo.visibility, to: visibility },
          },
          requestId,
        );
        return row;
      });
      return toPhotoView(updated);
    },

    /**
     * Blurs a rectangle of a photo (faces, number plates) in place: the stored image and its thumbnail are
     * replaced, so no unblurred copy stays on the server.
     */
    async blurPhoto(
      actor: Actor | null,
      reportId: string,
      photoId: string,
      rect: { x: number; y: number; w: number; h: number },
      requestId?: string,
    ): Promise<PhotoView> {
      const { r, photo } = await moderatable(actor, reportId, photoId);
      const { image, thumb } = await blurRegion(await store.get(photo.storageKey), rect);
      await store.replace(photo.storageKey, image);
      await store.replace(photo.thumbKey, thumb);
      const updated = await ctx.db.transaction(async (tx) => {
        const row = await feedback.updatePhoto(tx, photo.id, { bytes: image.length });
        await recordAudit(
          tx,
          actor,
          {
            action: 'report_photo.blur',
            resourceType: 'report_photo',
            resourceId: photo.id,
            unitPath: r.unitPath,
            details: { reportId, rect },
          },
          requestId,
        );
        return row;
      });
      return toPhotoView(updated);
    },
  };
}

export type FeedbackPhotoService = ReturnType<typeof createFeedbackPhotoService>;
