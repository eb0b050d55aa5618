import type { LightMyRequestResponse } from 'fastify';
import type { TestApp } from '../../test/harness.js';

/** The browser's view of a sign-in response: the session cookie to send back and the CSRF token for writes. */
export function browserFrom(res: LightMyRequestResponse) {
  const raw = res.headers['set-cookie'];
  const line = (Array.isArray(raw) ? raw : [raw ?? '']).find((c) => c.startsWith('xs_session='));
  if (!line) throw new Error(`no session cookie in ${res.statusCode} ${res.body}`);
  const token = line.split(';')[0].slice('xs_session='.length);
  return { cookie: `xs_session=${token}`, 'x-csrf-token': res.json().csrfToken as string, setCookie: line };
}

/** Signs in by password through the API, as a browser would. */
export async function passwordSignIn(t: TestApp, login: string, password: string, extra: { totp?: string } = {}) {
  return t.app.inject({
    method: 'POST',
    url: '/api/auth/password',
    payload: { login, password, ...extra },
  });
}

/** The code in the last SMS sent to a phone by the development provider. */
export function lastCode(t: TestApp, phone: string): string {
  const sms = [...t.sms.sent].reverse().find((s) => s.phone === phone);
  const code = sms?.text.match(/là (\d{6})\./)?.[1];
  if (!code) throw new Error(`no code sent to ${phone}`);
  return code;
}

/** A different made-up mobile number on each call (never a real subscriber's, as far as tests go). */
let seq = 0;
export function freshPhone(prefix = '039'): string {
  seq += 1;
  return `${prefix}${String((process.pid * 37 + seq) % 10_000_000).padStart(7, '0')}`;
}
