import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { CERTIFICATE_SERIAL_PREFIX } from '../../../common/constants/certificates.js';

/**
 * Certificate serials people can type and nobody can forge: "BDHVS-RRRR-RRRR-MMMM-MMMM" in Crockford base32 (no
 * I, L, O, U). R is 40 random bits from the system's CSPRNG; M is 40 bits of HMAC-SHA256 over R, keyed by the
 * platform's secret. A serial whose M does not match its R is refused before any database read: guessing one needs
 * 2^40 tries per random part, which the public lookup's rate limit puts out of reach, and the row must exist too.
 * Typed variants are accepted: lower case, spaces or no dashes, the prefix left out, O for 0 and I or L for 1.
 */

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const PART_CHARS = 8; // 8 × 5 bits = 40 bits
const GROUP = 4;

/** The key of the serial MACs: derived from the platform's secret, separate from its other uses. */
export const serialKey = (secret: string) => `${secret}/certificate-serial/v1`;

/** 40 bits (5 bytes) as 8 Crockford characters. */
function encode40(bytes: Buffer): string {
  let n = 0n;
  for (const b of bytes.subarray(0, 5)) n = (n << 8n) | BigInt(b);
  let out = '';
  for (let i = 0; i < PART_CHARS; i++) {
    out = ALPHABET[Number(n & 31n)] + out;
    n >>= 5n;
  }
  return out;
}

const macOf = (key: string, random: string) =>
  encode40(createHmac('sha256', key).update(`certificate:${random}`).digest());

const format = (body: string) =>
  [CERTIFICATE_SERIAL_PREFIX, ...(body.match(new RegExp(`.{${GROUP}}`, 'g')) ?? [])].join('-');

/** A new serial, canonical form. */
export function newSerial(key: string): string {
  const random = encode40(randomBytes(5));
  return format(random + macOf(key, random));
}

/**
 * The canonical form of a typed serial, or null when it is not one of ours: malformed, or its MAC does not match
 * (a forgery or a typo). Pure: no database read.
 */
export function checkSerial(key: string, typed: string): string | null {
  let s = typed
    .toUpperCase()
    .replace(/[\s\-_.]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  if (s.length === CERTIFICATE_SERIAL_PREFIX.length + 2 * PART_CHARS && s.startsWith(CERTIFICATE_SERIAL_PREFIX))
    s = s.slice(CERTIFICATE_SERIAL_PREFIX.length);
  if (s.length !== 2 * PART_CHARS) return null;
  for (const c of s) if (!ALPHABET.includes(c)) return null;
  const random = s.slice(0, PART_CHARS);
  const expected = Buffer.from(macOf(key, random));
  const given = Buffer.from(s.slice(PART_CHARS));
  if (!timingSafeEqual(expected, given)) return null;
  return format(s);
}
