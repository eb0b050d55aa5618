import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * A camera's HLS stream as the public receives it: every address in the camera's playlists is rewritten to a path of
 * ours (`/api/cameras/<id>/stream/<token>`), so a browser asks only our server, which reads the camera. A token names
 * one resource on the camera's own host (the origin of its configured stream address, nothing else) and is signed with
 * the server's secret over the camera, its stream address and the resource: it cannot be forged, moved to another
 * camera, or kept after the address changes. Any process with the same secret accepts it (several app processes).
 */

/** What a token points at: a playlist (rewritten again when served) or bytes served as they are (segment, key, map). */
export type StreamResourceKind = 'playlist' | 'media';

export interface StreamResource {
  kind: StreamResourceKind;
  /** The path and query on the camera's host. */
  path: string;
}

/** Why a camera's playlist cannot be served (the camera answered, but not with an HLS playlist we can pass on). */
export class InvalidPlaylistError extends Error {
  constructor(readonly reason: 'not_playlist' | 'foreign_address') {
    super(`camera playlist: ${reason}`);
  }
}

const SIGNATURE_BYTES = 16;
const KIND_LETTER: Record<StreamResourceKind, string> = { playlist: 'p', media: 'm' };

function signature(secret: string, cameraId: string, streamUrl: string, kind: StreamResourceKind, path: string) {
  return createHmac('sha256', secret)
    .update(`camera-stream\n${cameraId}\n${streamUrl}\n${kind}\n${path}`)
    .digest()
    .subarray(0, SIGNATURE_BYTES);
}

/** `<p|m><path, base64url>.<signature, base64url>` */
export function signStreamToken(secret: string, cameraId: string, streamUrl: string, resource: StreamResource) {
  const sig = signature(secret, cameraId, streamUrl, resource.kind, resource.path);
  return `${KIND_LETTER[resource.kind]}${Buffer.from(resource.path).toString('base64url')}.${sig.toString('base64url')}`;
}

/** The resource a token names, or null when it is malformed or not signed for this camera and address. */
export function verifyStreamToken(
  secret: string,
  cameraId: string,
  streamUrl: string,
  token: string,
): StreamResource | null {
  const match = /^([pm])([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)$/.exec(token);
  if (!match) return null;
  const kind: StreamResourceKind = match[1] === 'p' ? 'playlist' : 'media';
  const path = Buffer.from(match[2]!, 'base64url').toString('utf8');
  const given = Buffer.from(match[3]!, 'base64url');
  const expected = signature(secret, cameraId, streamUrl, kind, path);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  if (!path.startsWith('/')) return null;
  return { kind, path };
}

/** The camera's address of a resource: its path on the stream's host, with the stream address's credentials. */
export function upstreamUrl(streamUrl: string, path: string): string {
  const base = new URL(streamUrl);
  const url = new URL(path, base.origin);
  url.username = base.username;
  url.password = base.password;
  return url.href;
}

/** Tags whose URI attribute names another playlist; the URI attribute of any other tag names bytes. */
const PLAYLIST_URI_TAGS = new Set(['#EXT-X-MEDIA', '#EXT-X-I-FRAME-STREAM-INF', '#EXT-X-RENDITION-REPORT']);
/** Tags dropped: they point outside the stream (content steering servers, session data). */
const DROPPED_TAGS = new Set(['#EXT-X-CONTENT-STEERING', '#EXT-X-SESSION-DATA']);

/**
 * Rewrites a playlist read from `playlistUrl` (the camera's address of it): each URI line and each URI="…" attribute
 * becomes `proxyPath(resource)`. An address on another host than the camera's refuses the whole playlist: the server
 * reads only the camera.
 */
export function rewritePlaylist(
  text: string,
  playlistUrl: string,
  proxyPath: (resource: StreamResource) => string,
): string {
  const body = text.replace(/^\uFEFF/, '');
  if (!/^#EXTM3U[ \t]*(\r?\n|$)/.test(body)) throw new InvalidPlaylistError('not_playlist');
  const origin = new URL(playlistUrl).origin;
  const resolve = (uri: string, kind: StreamResourceKind) => {
    let url: URL;
    try {
      url = new URL(uri, playlistUrl);
    } catch {
      throw new InvalidPlaylistError('not_playlist');
    }
    if (url.origin !== origin) throw new InvalidPlaylistError('foreign_address');
    return proxyPath({ kind, path: url.pathname + url.search });
  };
  const out: string[] = [];
  // A URI line after #EXT-X-STREAM-INF is a variant playlist; any other URI line is a segment.
  let nextIsPlaylist = false;
  for (const raw of body.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '') {
      out.push('');
      continue;
    }
    if (line.startsWith('#')) {
      const tag = line.split(':', 1)[0]!;
      if (DROPPED_TAGS.has(tag)) continue;
      if (tag === '#EXT-X-STREAM-INF') nextIsPlaylist = true;
      const kind: StreamResourceKind = PLAYLIST_URI_TAGS.has(tag) ? 'playlist' : 'media';
      out.push(line.replace(/URI="([^"]*)"/g, (_m, uri: string) => `URI="${resolve(uri, kind)}"`));
      continue;
    }
    out.push(resolve(line, nextIsPlaylist ? 'playlist' : 'media'));
    nextIsPlaylist = false;
  }
  return out.join('\n');
}
