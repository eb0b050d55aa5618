import { createHash, createHmac, randomBytes } from 'node:crypto';

/** A URL-safe random token with the given number of bytes of entropy. */
export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

/** Tokens (session, API key) are stored only as their SHA-256: a leaked table opens nothing. */
export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** Keyed hash for values we must compare but must not keep (an IP for rate limits). */
export function keyedHash(key: string, text: string): string {
  return createHmac('sha256', key).update(text).digest('hex').slice(0, 32);
}
