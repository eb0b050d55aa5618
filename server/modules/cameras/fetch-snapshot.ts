import http from 'node:http';
import https from 'node:https';
import sharp from 'sharp';
import { CAMERA_LIMITS, type CameraErrorKind } from '../../../common/constants/cameras.js';

/** Why reading a camera failed: a kind only (stored and shown); never the address, which may carry a password. */
export class CameraFetchError extends Error {
  constructor(readonly kind: CameraErrorKind) {
    super(`camera ${kind}`);
  }
}

export interface FetchLimits {
  /** The whole exchange (connect, headers, body) within this many ms. */
  timeoutMs: number;
  /** At most this many bytes of body. */
  maxBytes: number;
  /** The Accept header (images by default). */
  accept?: string;
}

export interface CameraAnswer {
  bytes: Buffer;
  /** The camera's Content-Type header, as sent (empty when none). */
  contentType: string;
}

/**
 * GETs exactly the configured address (the camera's own host, no other): never follows a redirect (a 3xx is a
 * failure), gives up after `timeoutMs` for the whole exchange and after `maxBytes` of body. Credentials in the
 * address go as basic auth (node's http does it from the URL) and are never logged or thrown.
 */
export function fetchFromCamera(address: string, limits: FetchLimits): Promise<CameraAnswer> {
  return new Promise((resolve, reject) => {
    let url: URL;
    try {
      url = new URL(address);
    } catch {
      return reject(new CameraFetchError('unreachable'));
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return reject(new CameraFetchError('unreachable'));
    let settled = false;
    const fail = (kind: CameraErrorKind) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      req.destroy();
      reject(new CameraFetchError(kind));
    };
    const client = url.protocol === 'https:' ? https : http;
    // agent: false: a fresh connection each time, so a camera that hangs cannot hold a pooled socket.
    const req = client.request(url, {
      method: 'GET',
      agent: false,
      headers: { accept: limits.accept ?? 'image/jpeg,image/*' },
    });
    const timer = setTimeout(() => fail('timeout'), limits.timeoutMs);
    // Refused, reset, no route, no such host, a TLS failure: the camera cannot be reached.
    req.on('error', () => fail('unreachable'));
    req.on('response', (res) => {
      const status = res.statusCode ?? 0;
      if (status >= 300 && status < 400) return fail('redirect');
      if (status !== 200) return fail('http_status');
      const declared = Number(res.headers['content-length']);
      if (Number.isFinite(declared) && declared > limits.maxBytes) return fail('too_large');
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (c: Buffer) => {
        size += c.length;
        if (size > limits.maxBytes) return fail('too_large');
        chunks.push(c);
      });
      res.on('error', () => fail('unreachable'));
      res.on('end', () => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve({ bytes: Buffer.concat(chunks), contentType: String(res.headers['content-type'] ?? '') });
      });
    });
    req.end();
  });
}

/** Formats a camera may send; anything else (SVG, TIFF, HEIF…) is refused before decoding. */
const IMAGE_FORMATS = new Set(['jpeg', 'png', 'webp']);

/**
 * The image the public sees: decoded (JPEG, PNG or WebP only, bounded pixels), turned upright, shrunk to fit
 * CAMERA_LIMITS and re-encoded as JPEG without metadata (sharp writes none unless asked).
 */
export async function reencodeSnapshot(bytes: Buffer): Promise<Buffer> {
  try {
    const img = sharp(bytes, { limitInputPixels: 40_000_000, failOn: 'error' });
    const meta = await img.metadata();
    if (!meta.format || !IMAGE_FORMATS.has(meta.format)) throw new CameraFetchError('not_image');
    return await img
      .rotate()
      .resize({
        width: CAMERA_LIMITS.snapshotWidth,
        height: CAMERA_LIMITS.snapshotHeight,
        fit: 'inside',
        withoutEnlargement: true,
      })
      .jpeg({ quality: 78, progressive: true })
      .toBuffer();
  } catch (e) {
    if (e instanceof CameraFetchError) throw e;
    throw new CameraFetchError('not_image');
  }
}

/** Reads a camera's snapshot and re-encodes it (the health check and the snapshot cache share this). */
export async function readSnapshot(address: string, limits: FetchLimits): Promise<Buffer> {
  return reencodeSnapshot((await fetchFromCamera(address, limits)).bytes);
}
