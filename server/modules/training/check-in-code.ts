import { createHmac, timingSafeEqual } from 'node:crypto';
import { CHECK_IN_WINDOW_SECONDS } from '../../../common/constants/training.js';

/**
 * A site's check-in code: the site's id and an expiry, signed with HMAC-SHA256 under the server's secret.
 * `<payload>.<signature>`: payload = base64url(16-byte site id + 4-byte expiry in Unix seconds), signature = the
 * first 16 bytes of the MAC, base64url. About 50 characters, so the QR stays small enough for a far projector.
 * A new code every window; each is valid until the end of the next window, so one shown just before the change
 * still works while the attendee confirms.
 */

const CONTEXT = 'xaso/training-check-in/v1\0';
const SIG_BYTES = 16;

export type CodeCheck =
  | { ok: true; siteId: string; expiresAt: Date }
  | { ok: false; reason: 'malformed' | 'forged' | 'expired' };

function mac(secret: string, payload: Buffer) {
  return createHmac('sha256', secret).update(CONTEXT).update(payload).digest().subarray(0, SIG_BYTES);
}

const uuidBytes = (id: string) => Buffer.from(id.replace(/-/g, ''), 'hex');
const uuidOf = (b: Buffer) => {
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
};

/** The code shown for a site at `now`, and when it stops being accepted. */
export function codeFor(secret: string, siteId: string, now: Date) {
  const windowStart = Math.floor(now.getTime() / 1000 / CHECK_IN_WINDOW_SECONDS) * CHECK_IN_WINDOW_SECONDS;
  const exp = windowStart + 2 * CHECK_IN_WINDOW_SECONDS;
  const payload = Buffer.alloc(20);
  uuidBytes(siteId).copy(payload, 0);
  payload.writeUInt32BE(exp, 16);
  return {
    code: `${payload.toString('base64url')}.${mac(secret, payload).toString('base64url')}`,
    expiresAt: new Date(exp * 1000),
    /** When this code stops being the newest one (the projector asks again before). */
    rotatesAt: new Date((windowStart + CHECK_IN_WINDOW_SECONDS) * 1000),
  };
}

/** Checks a scanned code at `now`: the signature first (constant time), then the expiry. */
export function checkCode(secret: string, code: string, now: Date): CodeCheck {
  const m = /^([A-Za-z0-9_-]{27})\.([A-Za-z0-9_-]{22})$/.exec(code.trim());
  if (!m) return { ok: false, reason: 'malformed' };
  const payload = Buffer.from(m[1], 'base64url');
  const sig = Buffer.from(m[2], 'base64url');
  // Only the canonical text of the bytes: base64url's last character carries spare bits, and a code differing only
  // in them must not pass as the same code.
  if (
    payload.length !== 20 ||
    sig.length !== SIG_BYTES ||
    payload.toString('base64url') !== m[1] ||
    sig.toString('base64url') !== m[2]
  )
    return { ok: false, reason: 'malformed' };
  if (!timingSafeEqual(sig, mac(secret, payload))) return { ok: false, reason: 'forged' };
  const exp = payload.readUInt32BE(16);
  if (now.getTime() >= exp * 1000) return { ok: false, reason: 'expired' };
  return { ok: true, siteId: uuidOf(payload.subarray(0, 16)), expiresAt: new Date(exp * 1000) };
}
