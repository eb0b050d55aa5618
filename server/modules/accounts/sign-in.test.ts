import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createUser, TEST_PASSWORD } from '../../test/factories.js';
import { createTestApp, type TestApp } from '../../test/harness.js';
import * as repo from './repo.js';
import { browserFrom, freshPhone, lastCode, passwordSignIn, pinClock } from './test-support.js';
import { currentTotp, newTotpSecret } from './totp.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ RATE_LIMIT_PER_MINUTE: '100000' });
});
afterAll(() => t.close());
afterEach(() => {
  vi.useRealTimers();
});

const requestCode = (phone: string, remoteAddress = '10.0.0.1') =>
  t.app.inject({ method: 'POST', url: '/api/auth/otp/request', payload: { phone }, remoteAddress });
const verify = (phone: string, code: string) =>
  t.app.inject({ method: 'POST', url: '/api/auth/otp/verify', payload: { phone, code } });
const wrong = (code: string) => (code === '000000' ? '111111' : '000000');

describe('phone numbers', () => {
  it('accepts the usual ways of writing a mobile number and stores the national form', async () => {
    for (const written of ['0912 345 601', '+84912345602', '84912345603']) {
      const res = await requestCode(written, `10.1.0.${written.length}`);
      expect(res.statusCode, written).toBe(202);
    }
    expect(t.sms.sent.slice(-3).map((s) => s.phone)).toEqual(['0912345601', '0912345602', '0912345603']);
  });

  it('refuses what is not a Vietnamese mobile number with a 400 naming phone, in both languages', async () => {
    for (const phone of ['0212345678', '091234567', 'abc', '+1 555 0100', '']) {
      const res = await requestCode(phone);
      expect(res.statusCode, phone).toBe(400);
      expect(Object.keys(res.json().error.fields)).toEqual(['phone']);
      expect(res.json().error.fields.phone).toContain('Số điện thoại');
    }
    const en = await t.app.inject({
      method: 'POST',
      url: '/api/auth/otp/request',
      payload: { phone: '123' },
      headers: { 'accept-language': 'en' },
    });
    expect(en.json().error.fields.phone).toContain('Vietnamese mobile number');
  });
});

describe('sign-in by one-time code', () => {
  it('sends a 6-digit code, signs a new citizen in and creates the account on success', async () => {
    const phone = freshPhone();
    const res = await requestCode(phone, '10.2.0.1');
    expect(res.statusCode).toBe(202);
    expect(res.json()).toEqual({ expiresInSeconds: 300, resendAfterSeconds: 60 });
    const sms = t.sms.sent.at(-1)!;
    expect(sms.phone).toBe(phone);
    expect(sms.text).toMatch(
      /^Mã đăng nhập Xã Số của bạn là \d{6}\. Mã có hiệu lực trong 5 phút\. Không chia sẻ mã này cho bất kỳ ai\.$/,
    );
    const code = lastCode(t, phone);
    const stored = await t.database.query<{ code_hash: string }>(
      'select code_hash from otp_challenges where phone = $1',
      [phone],
    );
    expect(stored[0].code_hash).not.toContain(code);
    expect(await repo.findUserByPhone(t.db, phone)).toBeNull();

    const ok = await verify(phone, code);
    expect(ok.statusCode).toBe(200);
    const body = ok.json();
    expect(body.user.phone).toBe(phone);
    expect(body.assignments.map((a: { role: string }) => a.role)).toEqual(['citizen']);
    expect(body.mustSetUpTotp).toBe(false);
    const cookie = browserFrom(ok).setCookie;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).toMatch(/Path=\//);
    expect(cookie).toMatch(/Max-Age=2592000/);
    expect(cookie).not.toMatch(/Secure/);
    const me = await t.app.inject({ url: '/api/auth/me', headers: { cookie: browserFrom(ok).cookie } });
    expect(me.json().user.id).toBe(body.user.id);

    // The code is single-use.
    expect((await verify(phone, code)).json().error.code).toBe('otp_not_requested');
  });

  it('answers an existing and an unknown phone identically', async () => {
    const known = await createUser(t.db, { role: 'citizen', phone: freshPhone() });
    const a = await requestCode(known.phone!, '10.3.0.1');
    const b = await requestCode(freshPhone(), '10.3.0.2');
    expect([a.statusCode, a.body]).toEqual([b.statusCode, b.body]);
    const ok = await verify(known.phone!, lastCode(t, known.phone!));
    expect(ok.json().user.id).toBe(known.id);
  });

  it('counts wrong codes down, and the 6th try finds the code dead even when right', async () => {
    const phone = freshPhone();
    await requestCode(phone, '10.4.0.1');
    const code = lastCode(t, phone);
    for (let left = 4; left >= 1; left--) {
      const res = await verify(phone, wrong(code));
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe('otp_wrong');
      expect(res.json().error.message).toBe(`Mã không đúng. Bạn còn ${left} lần thử.`);
      expect(res.json().error.fields.code).toBeDefined();
    }
    const fifth = await verify(phone, wrong(code));
    expect(fifth.json().error.code).toBe('otp_exhausted');
    const sixth = await verify(phone, code);
    expect(sixth.statusCode).toBe(400);
    expect(sixth.json().error.code).toBe('otp_exhausted');
    expect(sixth.headers['set-cookie']).toBeUndefined();
  });

  it('refuses an expired code with a clear message', async () => {
    const phone = freshPhone();
    await requestCode(phone, '10.5.0.1');
    await t.database.query(`update otp_challenges set expires_at = now() - interval '1 second' where phone = $1`, [
      phone,
    ]);
    const res = await verify(phone, lastCode(t, phone));
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'otp_expired', message: 'Mã đã hết hạn. Hãy yêu cầu mã mới.' });
  });

  it('refuses a resend within 60 seconds with 429 and Retry-After', async () => {
    const phone = freshPhone();
    expect((await requestCode(phone, '10.6.0.1')).statusCode).toBe(202);
    const again = await requestCode(phone, '10.6.0.2');
    expect(again.statusCode).toBe(429);
    expect(again.json().error.code).toBe('rate_limited');
    expect(again.json().error.message).toMatch(/^Vui lòng đợi \d+ giây/);
    expect(Number(again.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(again.headers['retry-after'])).toBeLessThanOrEqual(60);
  });

  it('allows at most 5 codes per phone per hour', async () => {
    const phone = freshPhone();
    for (let i = 0; i < 5; i++) {
      expect((await requestCode(phone, `10.7.0.${i}`)).statusCode).toBe(202);
      // Age the request past the resend pause, as if a minute had gone by.
      await t.database.query(
        `update otp_challenges set created_at = created_at - interval '61 seconds' where phone = $1`,
        [phone],
      );
    }
    const sixth = await requestCode(phone, '10.7.0.9');
    expect(sixth.statusCode).toBe(429);
    expect(sixth.json().error.message).toContain('quá nhiều mã trong một giờ');
  });

  it('allows at most 20 codes per hour from one IP, whatever the phones', async () => {
    const ip = '10.8.0.1';
    for (let i = 0; i < 20; i++) expect((await requestCode(freshPhone('058'), ip)).statusCode).toBe(202);
    const res = await requestCode(freshPhone('058'), ip);
    expect(res.statusCode).toBe(429);
    expect(res.json().error.message).toContain('từ mạng của bạn');
    expect(res.headers['retry-after']).toBeDefined();
    expect((await requestCode(freshPhone('058'), '10.8.0.2')).statusCode).toBe(202);
    const rows = await t.database.query<{ ip_hash: string }>('select distinct ip_hash from otp_challenges');
    expect(rows.map((r) => r.ip_hash).join()).not.toContain('10.8.0.1');
  });

  it('sends staff to password sign-in', async () => {
    const officer = await createUser(t.db, {
      role: 'handling_officer',
      handlingUnitCode: 'ubnd-05569',
      phone: freshPhone(),
    });
    await requestCode(officer.phone!, '10.9.0.1');
    const res = await verify(officer.phone!, lastCode(t, officer.phone!));
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('password_sign_in_required');
  });
});

describe('sign-in by password', () => {
  it('signs in by phone in any form or by username, and answers every failure the same way', async () => {
    const user = await createUser(t.db, {
      role: 'team_member',
      unitCode: '05569',
      phone: '0976 000 111'.replace(/ /g, ''),
    });
    for (const login of ['0976000111', '+84 976 000 111', user.username!.toUpperCase()]) {
      const res = await passwordSignIn(t, login, TEST_PASSWORD);
      expect(res.statusCode, login).toBe(200);
      expect(res.json().user.id).toBe(user.id);
    }
    const wrongPassword = await passwordSignIn(t, '0976000111', 'not-the-password');
    const noSuchUser = await passwordSignIn(t, 'nobody.here', 'not-the-password');
    expect(wrongPassword.statusCode).toBe(401);
    expect(wrongPassword.body).toBe(noSuchUser.body);
    expect(wrongPassword.json().error.message).toBe('Sai tài khoản hoặc mật khẩu.');
    const rows = await t.database.query<{ login: string }>('select login from sign_in_failures');
    expect(rows.length).toBeGreaterThanOrEqual(2);
    expect(JSON.stringify(rows)).not.toContain('0976000111');
  });

  it('throttles a login after 10 failures in 15 minutes, even with the right password', async () => {
    const user = await createUser(t.db, { role: 'citizen' });
    for (let i = 0; i < 10; i++)
      expect((await passwordSignIn(t, user.username!, `wrong-${i}-password`)).statusCode).toBe(401);
    const res = await passwordSignIn(t, user.username!, TEST_PASSWORD);
    expect(res.statusCode).toBe(429);
    expect(res.json().error.message).toMatch(/^Đăng nhập sai quá nhiều lần/);
    expect(res.headers['retry-after']).toBeDefined();
  });

  it('throttles an IP after 30 failures across logins', async () => {
    const signInFrom = (login: string, password: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/auth/password',
        payload: { login, password },
        remoteAddress: '10.20.0.1',
      });
    for (let i = 0; i < 30; i++) expect((await signInFrom(`guess${i}`, 'wrong-password')).statusCode).toBe(401);
    const user = await createUser(t.db, { role: 'citizen' });
    expect((await signInFrom(user.username!, TEST_PASSWORD)).statusCode).toBe(429);
  });

  it('does not sign in a disabled account', async () => {
    const user = await createUser(t.db, { role: 'citizen' });
    await repo.updateUser(t.db, user.id, { status: 'disabled' });
    const res = await passwordSignIn(t, user.username!, TEST_PASSWORD);
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('invalid_credentials');
  });

  it('requires a valid authenticator code once TOTP is on (clock pinned)', async () => {
    const now = pinClock();
    const user = await createUser(t.db, { role: 'commune_admin', unitCode: '05569' });
    const { secret } = await newTotpSecret('test');
    await repo.updateUser(t.db, user.id, { totpSecret: secret, totpEnabled: true });
    const missing = await passwordSignIn(t, user.username!, TEST_PASSWORD);
    expect(missing.statusCode).toBe(401);
    expect(missing.json().error.code).toBe('totp_required');
    expect(missing.headers['set-cookie']).toBeUndefined();
    const bad = await passwordSignIn(t, user.username!, TEST_PASSWORD, {
      totp: '000000' === currentTotp(secret) ? '111111' : '000000',
    });
    expect(bad.json().error.code).toBe('totp_invalid');
    const wrongPassword = await passwordSignIn(t, user.username!, 'wrong-password', { totp: currentTotp(secret) });
    expect(wrongPassword.json().error.code).toBe('invalid_credentials');
    const code = currentTotp(secret);
    const ok = await passwordSignIn(t, user.username!, TEST_PASSWORD, { totp: code });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().user.totpEnabled).toBe(true);
    // The same code again (someone watched it typed, within its 30 seconds): refused; the next code works.
    const replay = await passwordSignIn(t, user.username!, TEST_PASSWORD, { totp: code });
    expect(replay.statusCode).toBe(401);
    expect(replay.json().error.code).toBe('totp_invalid');
    const next = await passwordSignIn(t, user.username!, TEST_PASSWORD, { totp: currentTotp(secret, now + 30_000) });
    expect(next.statusCode).toBe(200);
  });

  it('accepts a code one 30-second step either side of now, not two (clock pinned)', async () => {
    const now = pinClock();
    const user = await createUser(t.db, { role: 'commune_admin', unitCode: '05569' });
    const { secret } = await newTotpSecret('test');
    await repo.updateUser(t.db, user.id, { totpSecret: secret, totpEnabled: true });
    const at = (offsetSteps: number) => currentTotp(secret, now + offsetSteps * 30_000);
    const valid = new Set([at(-1), at(0), at(1)]);
    const withCode = (totp: string) => passwordSignIn(t, user.username!, TEST_PASSWORD, { totp });
    for (const far of [-2, 2]) {
      if (valid.has(at(far))) continue; // one chance in a few hundred thousand: the far code equals a near one
      const res = await withCode(at(far));
      expect(res.json().error?.code, `step ${far}`).toBe('totp_invalid');
    }
    for (const near of [-1, 0, 1]) expect((await withCode(at(near))).statusCode, `step ${near}`).toBe(200);
    // Both sides of a step boundary: in the pinned step's last millisecond the code two steps ahead is refused, in
    // the next step's first it is accepted.
    if (!valid.has(at(2))) {
      vi.setSystemTime(now + 19_999);
      expect((await withCode(at(2))).json().error?.code).toBe('totp_invalid');
    }
    vi.setSystemTime(now + 20_000);
    expect((await withCode(at(2))).statusCode).toBe(200);
  });

  it('sets a Secure cookie when the public address is https', async () => {
    const secure = await createTestApp({ PUBLIC_URL: 'https://xaso.example.vn', SESSION_DAYS: '7' });
    try {
      const user = await createUser(secure.db, { role: 'citizen' });
      const res = await passwordSignIn(secure, user.username!, TEST_PASSWORD);
      expect(browserFrom(res).setCookie).toMatch(/Secure/);
      expect(browserFrom(res).setCookie).toMatch(/Max-Age=604800/);
    } finally {
      await secure.close();
    }
  });
});
