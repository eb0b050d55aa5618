import * as OTPAuth from 'otpauth';
import QRCode from 'qrcode';
import { createSecretBox } from '../../platform/secret-box.js';

const ISSUER = 'Xã Số';

function totpFor(secretBase32: string, label = 'Xã Số') {
  return new OTPAuth.TOTP({
    issuer: ISSUER,
    label,
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
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

/** True when the code is valid now (one 30-second step of clock drift either way is accepted). */
export function verifyTotp(secretBase32: string | null, code: string): boolean {
  if (!secretBase32) return false;
  try {
    return totpFor(secretBase32).validate({ token: code, window: 1 }) !== null;
  } catch {
    return false;
  }
}

/** The current code (tests and the benchmark use it the way an authenticator app would). */
export function currentTotp(secretBase32: string): string {
  return totpFor(secretBase32).generate();
}
