import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createUser, TEST_PASSWORD } from '../../test/factories.js';
import { createTestApp, type TestApp } from '../../test/harness.js';
import { OWN_PROOF_LIMITS } from './profile.js';
import * as repo from './repo.js';
import { browserFrom, freshPhone, lastCode, passwordSignIn, pinClock } from './test-support.js';
import { currentTotp, totpSecretBox } from './totp.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ RATE_LIMIT_PER_MINUTE: '100000' });
});
afterAll(() => t.close());
afterEach(() => {
  vi.useRealTimers();
});

async function signedIn(role: Parameters<typeof createUser>[1] = { role: 'citizen' }) {
  const user = await createUser(t.db, role);
  const res = await passwordSignIn(t, user.username!, TEST_PASSWORD);
  expect(res.statusCode).toBe(200);
  return { user, browser: browserFrom(res) };
}
const headers = (b: { cookie: string; 'x-csrf-token': string }) => ({
  cookie: b.cookie,
  'x-csrf-token': b['x-csrf-token'],
});
const me = (b: { cookie: string }) => t.app.inject({ url: '/api/auth/me', headers: { cookie: b.cookie } });

describe('the session', () => {
  it('GET /api/auth/me is 401 without a session and describes the person with one', async () => {
    const anon = await t.app.inject('/api/auth/me');
    expect(anon.statusCode).toBe(401);
    expect(anon.json().error.code).toBe('unauthenticated');
    const { user, browser } = await signedIn({ role: 'team_member', unitCode: '05569', fullName: 'Lò Văn Thử' });
    const res = await me(browser);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      user: {
        id: user.id,
        fullName: 'Lò Văn Thử',
        phone: user.phone,
        username: user.username,
        email: null,
        locale: 'vi',
        totpEnabled: false,
        hasPassword: true,
      },
      assignments: [
        {
          id: expect.any(String),
          role: 'team_member',
          unitCode: '05569',
          unitName: 'Xã Định Hoá',
          handlingUnitId: null,
          handlingUnitName: null,
        },
      ],
      csrfToken: browser['x-csrf-token'],
      mustSetUpTotp: false,
    });
    expect(res.body).not.toContain('passwordHash');
    expect(res.body).not.toContain('$argon2');
  });

  it('refuses a cookie-authenticated write without the CSRF token (403), accepts it with the token', async () => {
    const { browser } = await signedIn();
    const without = await t.app.inject({
      method: 'PATCH',
      url: '/api/auth/me',
      headers: { cookie: browser.cookie },
      payload: { fullName: 'Tên mới' },
    });
    expect(without.statusCode).toBe(403);
    expect(without.json().error.code).toBe('csrf');
    const wrong = await t.app.inject({
      method: 'PATCH',
      url: '/api/auth/me',
      headers: { cookie: browser.cookie, 'x-csrf-token': 'nope' },
      payload: { fullName: 'Tên mới' },
    });
    expect(wrong.statusCode).toBe(403);
    const ok = await t.app.inject({
      method: 'PATCH',
      url: '/api/auth/me',
      headers: headers(browser),
      payload: { fullName: 'Tên mới', locale: 'en' },
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().user).toMatchObject({ fullName: 'Tên mới', locale: 'en' });
    const unknown = await t.app.inject({
      method: 'PATCH',
      url: '/api/auth/me',
      headers: headers(browser),
      payload: { phone: '0912345678' },
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.fields.phone).toBeDefined();
  });

  it('sign-out ends this session and clears the cookie; other sessions go on', async () => {
    const { user, browser } = await signedIn();
    const other = browserFrom(await passwordSignIn(t, user.username!, TEST_PASSWORD));
    const out = await t.app.inject({ method: 'POST', url: '/api/auth/sign-out', headers: headers(browser) });
    expect(out.statusCode).toBe(204);
    expect(String(out.headers['set-cookie'])).toMatch(/xs_session=;.*Expires=Thu, 01 Jan 1970/);
    expect((await me(browser)).statusCode).toBe(401);
    expect((await me(other)).statusCode).toBe(200);
  });

  it('sign-out-everywhere ends every session of the person', async () => {
    const { user, browser } = await signedIn();
    const phone2 = browserFrom(await passwordSignIn(t, user.username!, TEST_PASSWORD));
    const bystander = await signedIn();
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/sign-out-everywhere', headers: headers(browser) });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ ended: 2 });
    expect((await me(browser)).statusCode).toBe(401);
    expect((await me(phone2)).statusCode).toBe(401);
    expect((await me(bystander.browser)).statusCode).toBe(200);
  });

  it('lists own sessions with the current one marked, and ends one by its id', async () => {
    const { user, browser } = await signedIn();
    const other = browserFrom(
      await t.app.inject({
        method: 'POST',
        url: '/api/auth/password',
        payload: { login: user.username, password: TEST_PASSWORD },
        headers: { 'user-agent': 'Điện thoại Android' },
      }),
    );
    const list = await t.app.inject({ url: '/api/auth/sessions', headers: { cookie: browser.cookie } });
    expect(list.statusCode).toBe(200);
    const items = list.json().items as { id: string; current: boolean; userAgent: string | null }[];
    expect(items).toHaveLength(2);
    expect(items.filter((s) => s.current)).toHaveLength(1);
    const otherRow = items.find((s) => !s.current)!;
    expect(otherRow.userAgent).toBe('Điện thoại Android');
    expect(otherRow.id).toMatch(/^[0-9a-f]{16}$/);
    const end = await t.app.inject({
      method: 'DELETE',
      url: `/api/auth/sessions/${otherRow.id}`,
      headers: headers(browser),
    });
    expect(end.json()).toEqual({ ended: 1 });
    expect((await me(other)).statusCode).toBe(401);
    const again = await t.app.inject({
      method: 'DELETE',
      url: `/api/auth/sessions/${otherRow.id}`,
      headers: headers(browser),
    });
    expect(again.statusCode).toBe(404);
  });

  it("a disabled account's session stops working at once", async () => {
    const { user, browser } = await signedIn();
    await repo.updateUser(t.db, user.id, { status: 'disabled' });
    expect((await me(browser)).statusCode).toBe(401);
  });
});

describe('passwords', () => {
  it('changes the password with the current one; the other sessions end, this one stays', async () => {
    const { user, browser } = await signedIn();
    const other = browserFrom(await passwordSignIn(t, user.username!, TEST_PASSWORD));
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/api/auth/password/change',
      headers: headers(browser),
      payload: { currentPassword: 'not-it', newPassword: 'Mat-khau-moi-1' },
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.fields.currentPassword).toBe('Mật khẩu hiện tại không đúng.');
    for (const weak of ['short1', '1234567890']) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/auth/password/change',
        headers: headers(browser),
        payload: { currentPassword: TEST_PASSWORD, newPassword: weak },
      });
      expect(res.statusCode, weak).toBe(400);
      expect(res.json().error.fields.newPassword, weak).toBeDefined();
    }
    const ok = await t.app.inject({
      method: 'POST',
      url: '/api/auth/password/change',
      headers: headers(browser),
      payload: { currentPassword: TEST_PASSWORD, newPassword: 'Mat-khau-moi-1' },
    });
    expect(ok.json()).toEqual({ ended: 1 });
    expect((await me(browser)).statusCode).toBe(200);
    expect((await me(other)).statusCode).toBe(401);
    expect((await passwordSignIn(t, user.username!, TEST_PASSWORD)).statusCode).toBe(401);
    expect((await passwordSignIn(t, user.username!, 'Mat-khau-moi-1')).statusCode).toBe(200);
  });

  it('a stolen session cannot guess the password: after 5 wrong current passwords even the right one waits', async () => {
    const { user, browser } = await signedIn();
    const change = (currentPassword: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/auth/password/change',
        headers: headers(browser),
        payload: { currentPassword, newPassword: 'Mat-khau-moi-2' },
      });
    for (let i = 0; i < OWN_PROOF_LIMITS.failures; i++) expect((await change(`guess-${i}`)).statusCode).toBe(400);
    const blocked = await change(TEST_PASSWORD);
    expect(blocked.statusCode).toBe(429);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    expect(blocked.json().error.message).toMatch(/^Nhập sai quá nhiều lần\. Vui lòng thử lại sau \d+ phút\.$/);
    // Nothing changed: the old password still signs in. Disabling TOTP by password shares the same budget.
    expect((await passwordSignIn(t, user.username!, TEST_PASSWORD)).statusCode).toBe(200);
    // Someone else's budget is their own.
    const other = await signedIn();
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/password/change',
      headers: headers(other.browser),
      payload: { currentPassword: TEST_PASSWORD, newPassword: 'Mat-khau-moi-2' },
    });
    expect(res.statusCode).toBe(200);
  });

  it('lets a citizen who signed up by code set a first password, only soon after signing in', async () => {
    const phone = freshPhone('070');
    await t.app.inject({
      method: 'POST',
      url: '/api/auth/otp/request',
      payload: { phone },
      remoteAddress: '10.30.0.1',
    });
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/otp/verify',
      payload: { phone, code: lastCode(t, phone) },
    });
    expect(res.json().user.hasPassword).toBe(false);
    const browser = browserFrom(res);
    const set = await t.app.inject({
      method: 'POST',
      url: '/api/auth/password/set',
      headers: headers(browser),
      payload: { newPassword: 'Mat-khau-dan-1' },
    });
    expect(set.statusCode).toBe(204);
    expect((await passwordSignIn(t, phone, 'Mat-khau-dan-1')).statusCode).toBe(200);
    const twice = await t.app.inject({
      method: 'POST',
      url: '/api/auth/password/set',
      headers: headers(browser),
      payload: { newPassword: 'Mat-khau-dan-2' },
    });
    expect(twice.statusCode).toBe(409);

    const later = await createUser(t.db, { role: 'citizen' });
    await repo.updateUser(t.db, later.id, { passwordHash: null });
    const old = await t.sessionHeaders(later.id);
    await t.database.query(`update sessions set created_at = now() - interval '1 hour' where user_id = $1`, [later.id]);
    const stale = await t.app.inject({
      method: 'POST',
      url: '/api/auth/password/set',
      headers: old,
      payload: { newPassword: 'Mat-khau-dan-3' },
    });
    expect(stale.statusCode).toBe(403);
    expect(stale.json().error.code).toBe('recent_sign_in_required');
  });
});

describe('TOTP', () => {
  it('sets up (secret, otpauth URL, SVG QR), enables with a code, then requires it, and disables', async () => {
    pinClock();
    const { user, browser } = await signedIn({ role: 'commune_admin', unitCode: '05569' });
    const setup = await t.app.inject({ method: 'POST', url: '/api/auth/totp/setup', headers: headers(browser) });
    expect(setup.statusCode).toBe(200);
    const { secret, otpauthUrl, qrSvg } = setup.json();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(otpauthUrl).toMatch(/^otpauth:\/\/totp\/X%C3%A3%20S%E1%BB%91:/);
    expect(qrSvg).toMatch(/^<svg[\s\S]*<\/svg>\s*$/);
    const bad = await t.app.inject({
      method: 'POST',
      url: '/api/auth/totp/enable',
      headers: headers(browser),
      payload: { code: 'abc' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields.code).toBe('Mã gồm đúng 6 chữ số.');
    const wrongCode = currentTotp(secret) === '123456' ? '654321' : '123456';
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/api/auth/totp/enable',
      headers: headers(browser),
      payload: { code: wrongCode },
    });
    expect(wrong.statusCode).toBe(400);
    const on = await t.app.inject({
      method: 'POST',
      url: '/api/auth/totp/enable',
      headers: headers(browser),
      payload: { code: currentTotp(secret) },
    });
    expect(on.json()).toEqual({ totpEnabled: true });
    expect((await passwordSignIn(t, user.username!, TEST_PASSWORD)).json().error.code).toBe('totp_required');
    const again = await t.app.inject({ method: 'POST', url: '/api/auth/totp/setup', headers: headers(browser) });
    expect(again.statusCode).toBe(409);
    const off = await t.app.inject({
      method: 'POST',
      url: '/api/auth/totp/disable',
      headers: headers(browser),
      payload: { password: TEST_PASSWORD },
    });
    expect(off.json()).toEqual({ totpEnabled: false });
    expect((await passwordSignIn(t, user.username!, TEST_PASSWORD)).statusCode).toBe(200);
    const audit = await t.database.query<{ action: string }>(
      `select action from audit_log where resource_id = $1 order by id`,
      [user.id],
    );
    expect(audit.map((a) => a.action)).toEqual(['auth.totp_enable', 'auth.totp_disable']);
  });
});

describe('TOTP seeds at rest', () => {
  it('are stored sealed under XASO_SECRET: the database alone does not give the seed away', async () => {
    const now = pinClock();
    const { user, browser } = await signedIn({ role: 'commune_admin', unitCode: '05569' });
    const { secret } = (
      await t.app.inject({ method: 'POST', url: '/api/auth/totp/setup', headers: headers(browser) })
    ).json();
    const stored = (await repo.findUserById(t.db, user.id))!.totpSecret!;
    expect(stored).not.toContain(secret);
    expect(stored).toMatch(/^v1\./);
    expect(totpSecretBox(t.config.secret).open(stored)).toBe(secret);
    expect(totpSecretBox('another-deployment-secret-0123456789').open(stored)).toBeNull();
    // The sealed seed works end to end: enable with a code, then sign in with the next one (a code is used once).
    const on = await t.app.inject({
      method: 'POST',
      url: '/api/auth/totp/enable',
      headers: headers(browser),
      payload: { code: currentTotp(secret) },
    });
    expect(on.json()).toEqual({ totpEnabled: true });
    const signIn = await passwordSignIn(t, user.username!, TEST_PASSWORD, {
      totp: currentTotp(secret, now + 30_000),
    });
    expect(signIn.statusCode).toBe(200);
  });
});

describe('production: province administrators must use TOTP', () => {
  let p: TestApp;
  beforeAll(async () => {
    p = await createTestApp({
      NODE_ENV: 'production',
      XASO_SECRET: 'test-secret-test-secret-test-secret-0123',
      RATE_LIMIT_PER_MINUTE: '100000',
    });
  });
  afterAll(() => p.close());

  it('lets them sign in, says mustSetUpTotp, refuses everything else until TOTP is on', async () => {
    pinClock();
    const admin = await createUser(p.db, { role: 'province_admin', unitCode: '19' });
    const res = await passwordSignIn(p, admin.username!, TEST_PASSWORD);
    expect(res.statusCode).toBe(200);
    expect(res.json().mustSetUpTotp).toBe(true);
    const b = browserFrom(res);
    const h = { cookie: b.cookie, 'x-csrf-token': b['x-csrf-token'] };
    expect((await p.app.inject({ url: '/api/auth/me', headers: { cookie: b.cookie } })).json().mustSetUpTotp).toBe(
      true,
    );

    const write = await p.app.inject({ method: 'POST', url: '/api/api-keys', headers: h, payload: { name: 'Thử' } });
    expect(write.statusCode).toBe(403);
    expect(write.json().error.code).toBe('totp_setup_required');
    const profile = await p.app.inject({
      method: 'PATCH',
      url: '/api/auth/me',
      headers: h,
      payload: { fullName: 'X' },
    });
    expect(profile.json().error.code).toBe('totp_setup_required');
    const read = await p.app.inject({ url: '/api/audit', headers: { cookie: b.cookie } });
    expect(read.statusCode).toBe(403);
    expect((await p.app.inject({ url: '/api/config', headers: { cookie: b.cookie } })).statusCode).toBe(200);

    const setup = await p.app.inject({ method: 'POST', url: '/api/auth/totp/setup', headers: h });
    expect(setup.statusCode).toBe(200);
    const enable = await p.app.inject({
      method: 'POST',
      url: '/api/auth/totp/enable',
      headers: h,
      payload: { code: currentTotp(setup.json().secret) },
    });
    expect(enable.statusCode).toBe(200);
    expect((await p.app.inject({ url: '/api/auth/me', headers: { cookie: b.cookie } })).json().mustSetUpTotp).toBe(
      false,
    );
    expect((await p.app.inject({ url: '/api/audit', headers: { cookie: b.cookie } })).statusCode).toBe(200);
    const created = await p.app.inject({ method: 'POST', url: '/api/api-keys', headers: h, payload: { name: 'Thử' } });
    expect(created.statusCode).toBe(201);
  });

  it('does not hold back other roles, and sign-out still works before setup', async () => {
    const commune = await createUser(p.db, { role: 'commune_admin', unitCode: '05569' });
    const c = browserFrom(await passwordSignIn(p, commune.username!, TEST_PASSWORD));
    expect((await p.app.inject({ url: '/api/auth/me', headers: { cookie: c.cookie } })).json().mustSetUpTotp).toBe(
      false,
    );
    expect((await p.app.inject({ url: '/api/audit', headers: { cookie: c.cookie } })).statusCode).toBe(200);

    const admin = await createUser(p.db, { role: 'province_admin', unitCode: '19' });
    const b = browserFrom(await passwordSignIn(p, admin.username!, TEST_PASSWORD));
    const out = await p.app.inject({
      method: 'POST',
      url: '/api/auth/sign-out',
      headers: { cookie: b.cookie, 'x-csrf-token': b['x-csrf-token'] },
    });
    expect(out.statusCode).toBe(204);
  });
});
