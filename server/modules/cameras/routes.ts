import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  CAMERA_SNAPSHOT_TTL_SECONDS,
  CameraAdminList,
  CameraAdminView,
  CameraIdParam,
  CameraInput,
  CameraList,
  CameraListQuery,
  CameraStreamTokenParam,
  CameraView,
} from '../../../common/cameras.js';
import { requireActor } from '../../platform/actor.js';
import type { CamerasService, StreamPart } from './service.js';

const tags = ['cameras'];

/**
 * A person watching live video asks a playlist and a segment every couple of seconds (~60 requests a minute): the
 * stream's parts have their own per-address limit, high enough for a village's viewers behind one shared address
 * (the parts come from the proxy's cache; the camera sees one reader whatever the audience).
 */
const STREAM_RATE = { max: 6000, timeWindow: '1 minute' };

/**
 * Public cameras: HTTP only; the service authorizes and audits. Public answers are `CameraView` (no camera address);
 * the snapshot is the server's own copy, re-encoded.
 */
export async function camerasRoutes(server: FastifyInstance, opts: { cameras: CamerasService }) {
  const app = server.withTypeProvider<ZodTypeProvider>();
  const { cameras } = opts;

  app.get(
    '/api/cameras',
    {
      schema: {
        tags,
        summary: 'Danh bạ camera công cộng (công khai) / Public cameras directory',
        querystring: CameraListQuery,
        response: { 200: CameraList },
      },
    },
    async (req) => cameras.list(req.query),
  );

  app.get(
    '/api/cameras/manage',
    {
      schema: {
        tags,
        summary: 'Camera của các xã mình quản trị (có địa chỉ camera) / Cameras one administers (with addresses)',
        querystring: CameraListQuery,
        response: { 200: CameraAdminList },
      },
    },
    async (req) => cameras.managed(requireActor(req), req.query),
  );

  app.get(
    '/api/cameras/manage/:id',
    {
      schema: {
        tags,
        summary: 'Một camera (quản trị) / One camera (administrators)',
        params: CameraIdParam,
        response: { 200: CameraAdminView },
      },
    },
    async (req) => cameras.readManaged(requireActor(req), req.params.id),
  );

  app.post(
    '/api/cameras',
    {
      schema: {
        tags,
        summary: 'Thêm camera (quản trị xã, tỉnh) / Add a camera (commune or province administrators)',
        body: CameraInput,
        response: { 201: CameraAdminView },
      },
    },
    async (req, reply) =>
      reply.code(201).send(await cameras.create(requireActor(req), req.body, { requestId: req.id })),
  );

  app.put(
    '/api/cameras/:id',
    {
      schema: {
        tags,
        summary: 'Sửa camera / Edit a camera',
        params: CameraIdParam,
        body: CameraInput,
        response: { 200: CameraAdminView },
      },
    },
    async (req) => cameras.update(requireActor(req), req.params.id, req.body, { requestId: req.id }),
  );

  app.delete(
    '/api/cameras/:id',
    {
      schema: {
        tags,
        summary: 'Xóa camera / Remove a camera',
        params: CameraIdParam,
        response: { 200: z.object({ id: z.string() }) },
      },
    },
    async (req) => {
      await cameras.remove(requireActor(req), req.params.id, { requestId: req.id });
      return { id: req.params.id };
    },
  );

  app.get(
    '/api/cameras/:id',
    {
      schema: {
        tags,
        summary: 'Một camera: vị trí và tình trạng / One camera: place and health',
        params: CameraIdParam,
        response: { 200: CameraView },
      },
    },
    async (req) => cameras.read(req.actor, req.params.id),
  );

  app.get(
    '/api/cameras/:id/snapshot',
    {
      schema: {
        tags,
        summary:
          'Ảnh chụp gần nhất do máy chủ lấy từ camera (JPEG) / The latest snapshot, read by the server from the camera',
        params: CameraIdParam,
      },
    },
    async (req, reply) => {
      const s = await cameras.snapshot(req.actor, req.params.id);
      const ageSeconds = Math.max(0, Math.floor((Date.now() - s.takenAt.getTime()) / 1000));
      const fresh = s.staleBecause === null;
      const maxAge = fresh ? Math.max(1, CAMERA_SNAPSHOT_TTL_SECONDS - ageSeconds) : 10;
      if (s.staleBecause) reply.header('x-snapshot-stale', s.staleBecause);
      return reply
        .type('image/jpeg')
        .header('content-length', s.image.length)
        .header('cache-control', s.isPublic ? `public, max-age=${maxAge}` : 'private, no-store')
        .header('last-modified', s.takenAt.toUTCString())
        .header('x-snapshot-taken-at', s.takenAt.toISOString())
        .header('x-snapshot-age', String(ageSeconds))
        .header('x-content-type-options', 'nosniff')
        .send(s.image);
    },
  );

  /** A playlist changes every few seconds (no caching); a segment never changes (kept a minute by browsers). */
  const sendStream = (reply: FastifyReply, s: StreamPart) =>
    reply
      .type(s.contentType)
      .header('content-length', s.body.length)
      .header(
        'cache-control',
        s.kind === 'playlist' ? 'no-cache' : s.isPublic ? 'public, max-age=60, immutable' : 'private, max-age=60',
      )
      .header('x-content-type-options', 'nosniff')
      .send(s.body);

  app.get(
    '/api/cameras/:id/stream.m3u8',
    {
      config: { rateLimit: STREAM_RATE },
      schema: {
        tags,
        summary:
          'Luồng video trực tiếp (HLS) qua máy chủ: danh sách phát / The live stream (HLS) through the server: the playlist',
        params: CameraIdParam,
      },
    },
    async (req, reply) => sendStream(reply, await cameras.stream(req.actor, req.params.id, null)),
  );

  app.get(
    '/api/cameras/:id/stream/:token',
    {
      config: { rateLimit: STREAM_RATE },
      schema: {
        tags,
        summary:
          'Một phần của luồng video (danh sách phát hoặc đoạn) do máy chủ ký / A part of the stream (playlist or segment), signed by the server',
        params: CameraStreamTokenParam,
      },
    },
    async (req, reply) => sendStream(reply, await cameras.stream(req.actor, req.params.id, req.params.token)),
  );
}
