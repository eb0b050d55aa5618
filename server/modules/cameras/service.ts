import type { z } from 'zod';
import type {
  CameraAdminList,
  CameraAdminView,
  CameraInput,
  CameraList,
  CameraListQuery,
  CameraView,
} from '../../../common/cameras.js';
import { CAMERA_LIMITS, CAMERA_SNAPSHOT_TTL_SECONDS, type CameraStatus } from '../../../common/constants/cameras.js';
import type { Db, Executor } from '../../db/client.js';
import type { Actor } from '../../platform/actor.js';
import { recordAudit } from '../../platform/audit.js';
import { decodeOffset, nextOffsetCursor } from '../../platform/cursor.js';
import { AppError, errors } from '../../platform/errors.js';
import type { Message } from '../../platform/i18n.js';
import { authorize, can, scopesFor } from '../../platform/permissions.js';
import type { UnitsService } from '../units/service.js';
import { CameraFetchError, readSnapshot } from './fetch-snapshot.js';
import { InvalidPlaylistError, type StreamResource, verifyStreamToken } from './hls.js';
import { cameraHealthJob, healthJobKey, nextSlot } from './jobs.js';
import * as repo from './repo.js';
import { createSnapshotCache, type Snapshot } from './snapshot-cache.js';
import { createStreamProxy, type StreamAnswer } from './stream-proxy.js';

const CAMERA: Message = { vi: 'camera', en: 'Camera' };
const STREAM: Message = { vi: 'luồng video trực tiếp của camera', en: 'Camera live stream' };
const field = (name: string, vi: string, en: string) => errors.invalidField(name, { vi, en });
const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null);

/** Cameras checked per run of the health job, and how many at once. */
const CHECK_BATCH = 50;
const CHECK_CONCURRENCY = 8;
/** A run that leaves cameras due comes back on this grid (ms), not a whole interval later. */
const CONTINUE_STEP_MS = 5000;

type Input = z.output<typeof CameraInput>;
type ListQuery = z.output<typeof CameraListQuery>;

interface Meta {
  requestId?: string;
}

/** A part of a camera's stream as the route sends it: who may keep it decides its caching. */
export type StreamPart = StreamAnswer & { isPublic: boolean; kind: StreamResource['kind'] };

/** The playlist at the camera's configured stream address. */
function ownPlaylist(streamUrl: string): StreamResource {
  const url = new URL(streamUrl);
  return { kind: 'playlist', path: url.pathname + url.search };
}

export interface CamerasDeps {
  db: Db;
  units: UnitsService;
  /** Signs the addresses of the stream proxy (XASO_SECRET). */
  secret: string;
  /** The whole read of one snapshot (connect, answer, body) within this many ms. */
  timeoutMs: number;
  /** How often each camera is checked (seconds). */
  checkSeconds: number;
  /** How long a snapshot is served before the camera is read again (seconds). */
  snapshotTtlSeconds?: number;
  /** The clock (tests move it). */
  now?: () => Date;
  log?: { warn: (obj: object, msg: string) => void };
}

export function statusOf(c: Pick<repo.CameraRecord, 'lastCheckedAt' | 'downSince'>): CameraStatus {
  if (c.downSince) return 'down';
  return c.lastCheckedAt ? 'up' : 'unknown';
}

/** What anyone may see: built field by field, so no address can slip in. */
export function toCameraView(c: repo.CameraRecord): CameraView {
  return {
    id: c.id,
    name: c.name,
    kind: c.kind,
    communeCode: c.communeCode,
    communeName: c.communeName,
    lat: c.lat,
    lng: c.lng,
    status: statusOf(c),
    lastCheckedAt: iso(c.lastCheckedAt),
    lastSeenAt: iso(c.lastSeenAt),
    downSince: iso(c.downSince),
    hasStream: c.streamUrl !== null,
  };
}

const toAdminView = (c: repo.CameraRecord): CameraAdminView => ({
  ...toCameraView(c),
  isPublic: c.isPublic,
  snapshotUrl: c.snapshotUrl,
  streamUrl: c.streamUrl,
  lastError: c.lastError,
  updatedAt: iso(c.updatedAt)!,
});

/**
 * Public cameras of the province's communes: administrators of a commune (and of the province) add, edit and remove
 * them; anyone reads the public ones and their snapshots, which the server reads from the camera and caches (a
 * browser never reaches a camera); a periodic job checks each camera's health.
 */
export function createCamerasService({
  db,
  units,
  secret,
  timeoutMs,
  checkSeconds,
  snapshotTtlSeconds = CAMERA_SNAPSHOT_TTL_SECONDS,
  now = () => new Date(),
  log,
}: CamerasDeps) {
  const limits = { timeoutMs, maxBytes: CAMERA_LIMITS.snapshotBytes };
  const cache = createSnapshotCache({
    read: (address) => readSnapshot(address, limits),
    ttlMs: snapshotTtlSeconds * 1000,
    now,
  });
  const streams = createStreamProxy({ secret, timeoutMs, now: () => now().getTime() });

  async function requireCamera(id: string, exec: Executor = db, lock = false) {
    const c = await repo.findCamera(exec, id, lock);
    if (!c) throw errors.notFound(CAMERA);
    return c;
  }

  /** A camera the actor may see: a hidden one exists only for its administrators (404 for others). */
  async function requireVisible(actor: Actor | null, id: string) {
    const c = await requireCamera(id);
    if (!c.isPublic && !can(actor, 'camera.manage', { unitPath: c.unitPath })) throw errors.notFound(CAMERA);
    return c;
  }

  /** The commune (not a hamlet or province) the camera belongs to. */
  async function requireCommune(code: string) {
    const unit = await units.requireUnit(code).catch(() => {
      throw field('communeCode', 'Không có xã, phường này.', 'No such commune.');
    });
    if (unit.level !== 'commune') throw field('communeCode', 'Hãy chọn một xã, phường.', 'Choose a commune or ward.');
    return unit;
  }

  /** The location must lie inside the commune's province (when the province's map is loaded). */
  async function checkLocation(input: Input, provinceCode: string) {
    const located = await units.locateCode(input.lat, input.lng);
    const locatedProvince = located ? (await units.requireUnit(located).catch(() => null))?.provinceCode : null;
    if (locatedProvince === provinceCode) return;
    const provinceHasMap = await units.webBoundaries(provinceCode).then(
      () => true,
      () => false,
    );
    if (located || provinceHasMap)
      throw field(
        'lat',
        'Vị trí camera nằm ngoài tỉnh của xã đã chọn.',
        'The camera’s location is outside the chosen commune’s province.',
      );
  }

  /** Starts (or joins) the health-check chain soon: in the writer's transaction, so a new camera is checked. */
  async function scheduleCheck(exec: Executor) {
    const at = nextSlot(now(), CONTINUE_STEP_MS);
    await cameraHealthJob.enqueue(exec, {}, { runAt: at, dedupeKey: healthJobKey(at) });
  }

  const auditDetails = (input: Input) => ({ name: input.name, kind: input.kind, isPublic: input.isPublic });

  /** `GET /api/cameras`: the public directory, by commune then name. */
  async function list(query: ListQuery): Promise<CameraList> {
    const offset = decodeOffset(query.cursor);
    const { rows, total } = await repo.listCameras(db, {
      commune: query.commune,
      kind: query.kind,
      scope: { publicOnly: true },
      limit: query.limit,
      offset,
    });
    return { items: rows.map(toCameraView), nextCursor: nextOffsetCursor(offset, query.limit, total) };
  }

  /** `GET /api/cameras/manage`: every camera of the communes the actor administers, with addresses. */
  async function managed(actor: Actor, query: ListQuery): Promise<CameraAdminList> {
    const paths = scopesFor(actor, 'camera.manage');
    if (paths.length === 0) throw errors.forbidden();
    const offset = decodeOffset(query.cursor);
    const { rows, total } = await repo.listCameras(db, {
      commune: query.commune,
      kind: query.kind,
      scope: { paths },
      limit: query.limit,
      offset,
    });
    return { items: rows.map(toAdminView), nextCursor: nextOffsetCursor(offset, query.limit, total) };
  }

  async function read(actor: Actor | null, id: string): Promise<CameraView> {
    return toCameraView(await requireVisible(actor, id));
  }

  async function readManaged(actor: Actor, id: string): Promise<CameraAdminView> {
    const c = await requireCamera(id);
    authorize(actor, 'camera.manage', { unitPath: c.unitPath });
    return toAdminView(c);
  }

  async function create(actor: Actor, input: Input, meta: Meta = {}): Promise<CameraAdminView> {
    const unit = await requireCommune(input.communeCode);
    authorize(actor, 'camera.manage', { unitPath: unit.path });
    await checkLocation(input, unit.provinceCode);
    const id = await db.transaction(async (tx) => {
      const id = await repo.insertCamera(tx, {
        ...input,
        unitPath: unit.path,
        createdBy: actor.kind === 'user' ? actor.id : null,
      });
      await recordAudit(
        tx,
        actor,
        {
          action: 'camera.create',
          resourceType: 'camera',
          resourceId: id,
          unitPath: unit.path,
          details: auditDetails(input),
        },
        meta.requestId,
      );
      await scheduleCheck(tx);
      return id;
    });
    return toAdminView((await repo.findCamera(db, id))!);
  }

  async function update(actor: Actor, id: string, input: Input, meta: Meta = {}): Promise<CameraAdminView> {
    const before = await requireCamera(id);
    authorize(actor, 'camera.manage', { unitPath: before.unitPath });
    const unit = await requireCommune(input.communeCode);
    // Moving a camera to another commune needs the right there too.
    authorize(actor, 'camera.manage', { unitPath: unit.path });
    await checkLocation(input, unit.provinceCode);
    const addressChanged = before.snapshotUrl !== input.snapshotUrl;
    const streamChanged = before.streamUrl !== input.streamUrl;
    await db.transaction(async (tx) => {
      await requireCamera(id, tx, true);
      await repo.updateCamera(tx, id, { ...input, unitPath: unit.path }, addressChanged);
      await recordAudit(
        tx,
        actor,
        {
          action: 'camera.update',
          resourceType: 'camera',
          resourceId: id,
          unitPath: unit.path,
          details: auditDetails(input),
        },
        meta.requestId,
      );
      if (addressChanged) await scheduleCheck(tx);
    });
    if (addressChanged) cache.forget(id);
    if (streamChanged) streams.forget(id);
    return toAdminView((await repo.findCamera(db, id))!);
  }

  async function remove(actor: Actor, id: string, meta: Meta = {}): Promise<void> {
    const c = await requireCamera(id);
    authorize(actor, 'camera.manage', { unitPath: c.unitPath });
    await db.transaction(async (tx) => {
      await repo.deleteCamera(tx, id);
      await recordAudit(
        tx,
        actor,
        {
          action: 'camera.delete',
          resourceType: 'camera',
          resourceId: id,
          unitPath: c.unitPath,
          details: { name: c.name },
        },
        meta.requestId,
      );
    });
    cache.forget(id);
    streams.forget(id);
  }

  /**
   * `GET /api/cameras/:id/stream.m3u8` (token null: the camera's own playlist) and `…/stream/:token` (a playlist or
   * segment the server's rewritten playlists named): read through the stream proxy, never by the browser. An unknown,
   * forged or outdated token is a 404, like a camera without a stream.
   */
  async function stream(actor: Actor | null, id: string, token: string | null): Promise<StreamPart> {
    const c = await requireVisible(actor, id);
    if (!c.streamUrl) throw errors.notFound(STREAM);
    const resource: StreamResource | null =
      token === null ? ownPlaylist(c.streamUrl) : verifyStreamToken(secret, c.id, c.streamUrl, token);
    if (!resource) throw errors.notFound(STREAM);
    try {
      const answer = await streams.get(c.id, c.streamUrl, resource);
      return { ...answer, isPublic: c.isPublic, kind: resource.kind };
    } catch (e) {
      if (e instanceof InvalidPlaylistError)
        throw new AppError(502, 'camera_stream_invalid', {
          vi: 'Camera không gửi luồng video đúng dạng HLS. Vui lòng báo quản trị viên của xã.',
          en: 'The camera does not send a valid HLS stream. Please tell the commune’s administrators.',
        });
      if (!(e instanceof CameraFetchError)) throw e;
      throw new AppError(503, 'camera_unavailable', {
        vi: 'Camera hiện không gửi được video. Vui lòng thử lại sau.',
        en: 'The camera is not sending video right now. Please try again later.',
      });
    }
  }

  /**
   * `GET /api/cameras/:id/snapshot`: the camera's image as the server last read it (at most the TTL old), or, when
   * the camera is slow or down, the last good one with `staleBecause`; 503 when there has never been one.
   */
  async function snapshot(
    actor: Actor | null,
    id: string,
  ): Promise<Snapshot & { staleBecause: string | null; isPublic: boolean }> {
    const c = await requireVisible(actor, id);
    try {
      const answer = await cache.get(c.id, c.snapshotUrl);
      return { ...answer.snapshot, staleBecause: answer.staleBecause, isPublic: c.isPublic };
    } catch (e) {
      if (!(e instanceof CameraFetchError)) throw e;
      throw new AppError(503, 'camera_unavailable', {
        vi: 'Camera hiện không gửi được ảnh và chưa có ảnh nào trước đó. Vui lòng thử lại sau.',
        en: 'The camera is not sending images and there is no earlier one. Please try again later.',
      });
    }
  }

  async function checkOne(c: { id: string; snapshotUrl: string }, at: Date) {
    try {
      const image = await readSnapshot(c.snapshotUrl, limits);
      cache.put(c.id, c.snapshotUrl, { image, takenAt: now() });
      await repo.recordCheck(db, c.id, c.snapshotUrl, at, null);
      return true;
    } catch (e) {
      const kind = e instanceof CameraFetchError ? e.kind : 'unreachable';
      // The camera's id and the kind only: its address may carry a password.
      log?.warn({ camera: c.id, kind }, 'camera check failed');
      await repo.recordCheck(db, c.id, c.snapshotUrl, at, kind);
      return false;
    }
  }

  /**
   * The health job's handler: checks the cameras due (never checked, or not for half an interval), a bounded batch
   * at a time, then enqueues the chain's next run (soon when some are still due, else at the next interval; none when
   * there is no camera: adding one starts the chain again). Running it twice checks twice, nothing worse. Tests
   * pass `now` to stand later in time.
   */
  async function checkHealth(
    opts: { now?: Date } = {},
  ): Promise<{ checked: number; up: number; down: number; next: Date | null }> {
    const start = opts.now ?? now();
    let up = 0;
    let due: { id: string; snapshotUrl: string }[] = [];
    let next: Date | null = null;
    try {
      due = await repo.camerasDue(db, new Date(start.getTime() - (checkSeconds * 1000) / 2), CHECK_BATCH + 1);
      const batch = due.slice(0, CHECK_BATCH);
      for (let i = 0; i < batch.length; i += CHECK_CONCURRENCY) {
        const results = await Promise.all(batch.slice(i, i + CHECK_CONCURRENCY).map((c) => checkOne(c, start)));
        up += results.filter(Boolean).length;
      }
    } finally {
      // Scheduled even when a run fails midway, so the chain never ends while there are cameras.
      if ((await repo.countCameras(db)) > 0) {
        next = due.length > CHECK_BATCH ? nextSlot(start, CONTINUE_STEP_MS) : nextSlot(start, checkSeconds * 1000);
        await cameraHealthJob.enqueue(db, {}, { runAt: next, dedupeKey: healthJobKey(next) });
      }
    }
    const checked = Math.min(due.length, CHECK_BATCH);
    return { checked, up, down: checked - up, next };
  }

  return {
    list,
    managed,
    read,
    readManaged,
    create,
    update,
    remove,
    snapshot,
    stream,
    checkHealth,
    scheduleCheck,
  };
}

export type CamerasService = ReturnType<typeof createCamerasService>;
