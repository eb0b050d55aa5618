import { LRUCache } from 'lru-cache';
import { CAMERA_LIMITS } from '../../../common/constants/cameras.js';
import { fetchFromCamera } from './fetch-snapshot.js';
import { rewritePlaylist, type StreamResource, signStreamToken, upstreamUrl } from './hls.js';

export interface StreamAnswer {
  body: Buffer;
  contentType: string;
}

/** Media types passed on as the camera sent them; anything else goes out as bytes (`application/octet-stream`). */
const MEDIA_TYPE = /^(video|audio)\/[\w.+-]+$|^application\/(octet-stream|mp4)$/;
export const PLAYLIST_TYPE = 'application/vnd.apple.mpegurl';

/**
 * The HLS proxy of the cameras: reads a camera's playlists and segments for the browsers, per process, with a cache in
 * memory bounded in bytes. However many people watch a camera, the camera is asked a playlist at most once per
 * `playlistTtlMs` and each segment once while it stays cached; concurrent requests for one resource share one read.
 * Reads keep the snapshot's rules (exactly the address, no redirect, one deadline, a size cap).
 */
export function createStreamProxy(opts: {
  secret: string;
  timeoutMs: number;
  playlistTtlMs?: number;
  mediaTtlMs?: number;
  maxCacheBytes?: number;
  /** The clock in ms (tests move it). */
  now?: () => number;
}) {
  const playlistTtlMs = opts.playlistTtlMs ?? CAMERA_LIMITS.streamPlaylistTtlMs;
  const mediaTtlMs = opts.mediaTtlMs ?? CAMERA_LIMITS.streamMediaTtlMs;

  interface Context {
    cameraId: string;
    streamUrl: string;
    resource: StreamResource;
  }

  const cache = new LRUCache<string, StreamAnswer, Context>({
    maxSize: opts.maxCacheBytes ?? CAMERA_LIMITS.streamCacheBytes,
    sizeCalculation: (a) => Math.max(1, a.body.length),
    ttl: mediaTtlMs,
    // Each check reads the clock (no 1 ms reuse of the last reading, which a moved test clock would miss).
    ttlResolution: 0,
    ...(opts.now ? { perf: { now: opts.now } } : {}),
    // A failed read is not kept: the next viewer asks the camera again (concurrent viewers still share one read).
    fetchMethod: async (_key, _stale, { options, context }) => {
      const { cameraId, streamUrl, resource } = context;
      const address = upstreamUrl(streamUrl, resource.path);
      if (resource.kind === 'media') {
        const answer = await fetchFromCamera(address, {
          timeoutMs: opts.timeoutMs,
          maxBytes: CAMERA_LIMITS.streamSegmentBytes,
          accept: '*/*',
        });
        const type = answer.contentType.split(';')[0]!.trim().toLowerCase();
        return { body: answer.bytes, contentType: MEDIA_TYPE.test(type) ? type : 'application/octet-stream' };
      }
      const answer = await fetchFromCamera(address, {
        timeoutMs: opts.timeoutMs,
        maxBytes: CAMERA_LIMITS.streamPlaylistBytes,
        accept: `${PLAYLIST_TYPE},audio/mpegurl,*/*;q=0.5`,
      });
      const proxyPath = (r: StreamResource) =>
        `/api/cameras/${cameraId}/stream/${signStreamToken(opts.secret, cameraId, streamUrl, r)}`;
      const text = rewritePlaylist(answer.bytes.toString('utf8'), address, proxyPath);
      // A live playlist changes every few seconds: kept only briefly.
      options.ttl = playlistTtlMs;
      return { body: Buffer.from(text), contentType: PLAYLIST_TYPE };
    },
  });

  return {
    /** A resource of the camera's stream, from the cache or read once for every concurrent caller. */
    async get(cameraId: string, streamUrl: string, resource: StreamResource): Promise<StreamAnswer> {
      const key = `${cameraId}\n${streamUrl}\n${resource.kind}\n${resource.path}`;
      const answer = await cache.fetch(key, { context: { cameraId, streamUrl, resource } });
      return answer!;
    },
    /** Forgets a camera's cached stream (removed, or its address changed). */
    forget(cameraId: string) {
      for (const key of cache.keys()) if (key.startsWith(`${cameraId}\n`)) cache.delete(key);
    },
    cachedBytes: () => cache.calculatedSize,
  };
}

export type StreamProxy = ReturnType<typeof createStreamProxy>;
