import * as OTPAuth from 'otpauth';
import QRCode from 'qrcode';
import type { Executor } from '../../db/client.js';
import { createSecretBox } from '../../platform/secret-box.js';
import { claimTotpStep } from './sign-in-repo.js';

const ISSUER = 'Xã Số';
const PERIOD_SECONDS = 30;

function totpFor(secretBase32: string, label = 'Xã Số') {
  return new OTPAuth.TOTP({
    issuer: ISSUER,
    label,
    algorithm: 'SHA1',
    digits: 6,
    period: PERIOD_SECONDS,
    secret: OTPAuth.Secret.fromBase32(secretBase32),
  });
}

/** A new TOTP secret (160 bits, as authenticator apps expect), its otpauth:// URL and that URL as an SVG QR code. */
export async function newTotpSecret(label: string) {
  const secret = new OTPAuth.Secret({ size: 20 }).base32;
  const otpauthUrl = totpFor(secret, label).toString();
  const qrSvg = await QRCode.toString(otpauthUrl, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  return { secret, otpauthUrl, qrSvg };
}

/** TOTP seeds are stored sealed under XASO_SECRET (see platform/secret-box.ts). */
export const totpSecretBox = (masterSecret: string) => createSecretBox(masterSecret, 'totp-seed');

/**
 * The 30-second step a valid code belongs to (one step of clock drift either way is accepted), or null. Callers
 * claim the step (`claimTotpStep`) so that a code, once used, cannot be used again by someone who saw it.
 */
export function verifyTotpStep(secretBase32: string | null, code: string, now = Date.now()): number | null {
  if (!secretBase32) return null;
  try {
    const delta = totpFor(secretBase32).validate({ token: code, window: 1, timestamp: now });
    return delta === null ? null : Math.floor(now / 1000 / PERIOD_SECONDS) + delta;
  } catch {
    return null;
  }
}

/** True when the code is valid for this person now and has not been used before (it is used up by this call). */
export async function spendTotpCode(exec: Executor, userId: string, secretBase32: string | null, code: string) {
  const step = verifyTotpStep(secretBase32, code);
  return step !== null && (await claimTotpStep(exec, userId, step));
}

/** The current code (tests and the benchmark use it the way an authenticator app would). */
export function currentTotp(secretBase32: string, timestamp = Date.now()): string {
  return totpFor(secretBase32).generate({ timestamp });
}
