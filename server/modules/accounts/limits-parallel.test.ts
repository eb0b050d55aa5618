import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { OTP_MAX_ATTEMPTS } from '../../../common/accounts.js';
import { buildApp } from '../../app.js';
import { type Database, openDatabase } from '../../db/client.js';
import { createUser, TEST_PASSWORD } from '../../test/factories.js';
import { createTestApp, type TestApp } from '../../test/harness.js';
import { OWN_PROOF_LIMITS } from './profile.js';
import * as repo from './repo.js';
import { SIGN_IN_LIMITS } from './sign-in.js';
import { browserFrom, freshPhone, lastCode, pinClock } from './test-support.js';
import { currentTotp, newTotpSecret, totpSecretBox } from './totp.js';

/*
 * Every failure budget must hold when the guesses arrive all at once: a slot is taken atomically before the secret
 * is checked. Each test fires N requests with Promise.all; on PostgreSQL the pool runs them really in parallel.
 * The old code (count, check, then record) let every one of them through to the check.
 */

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ RATE_LIMIT_PER_MINUTE: '1000000' });
});
afterAll(() => t.close());
afterEach(() => {
  vi.useRealTimers();
});

const tally = (codes: (number | string)[]) =>
  codes.reduce<Record<string, number>>((acc, c) => {
    acc[c] = (acc[c] ?? 0) + 1;
    return acc;
  }, {});

const signIn = (payload: Record<string, string>, remoteAddress: string) =>
  t.app.inject({ method: 'POST', url: '/api/auth/password', payload, remoteAddress });

const outcome = (res: { statusCode: number; json(): { error?: { code: string } } }) =>
  res.statusCode === 200 ? '200' : `${res.statusCode} ${res.json().error?.code}`;

describe('password sign-in under parallel guesses', () => {
  it('checks at most 10 guesses for one login, from 100 addresses at once; the right one, last, is refused', async () => {
    const user = await createUser(t.db, { role: 'citizen' });
    const n = 100;
    const results = await Promise.all(
      Array.from({ length: n }, (_, i) =>
        signIn(
          { login: user.username!, password: i === n - 1 ? TEST_PASSWORD : `wrong-guess-${i}` },
          `10.100.${Math.floor(i / 200)}.${i % 200}`,
        ),
      ),
    );
    const codes = results.map(outcome);
    expect(tally(codes)).toEqual({
      '401 invalid_credentials': SIGN_IN_LIMITS.failuresPerLogin,
      '429 rate_limited': n - SIGN_IN_LIMITS.failuresPerLogin,
    });
    expect(codes.at(-1)).toBe('429 rate_limited');
    expect(results.at(-1)!.headers['set-cookie']).toBeUndefined();
    // Afterwards, too: the budget is spent for the window.
    expect(outcome(await signIn({ login: user.username!, password: TEST_PASSWORD }, '10.100.9.9'))).toBe(
      '429 rate_limited',
    );
  });

  it('checks exactly 30 guesses from one address across logins; the other 20 get 429 with Retry-After', async () => {
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) => signIn({ login: `guesser${i}`, password: 'wrong-password' }, '10.101.0.1')),
    );
    expect(tally(results.map(outcome))).toEqual({
      '401 invalid_credentials': SIGN_IN_LIMITS.failuresPerIp,
      '429 rate_limited': 50 - SIGN_IN_LIMITS.failuresPerIp,
    });
    for (const r of results.filter((x) => x.statusCode === 429))
      expect(Number(r.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('a right password gives its slot back: successes never use up the budget of failures', async () => {
    const user = await createUser(t.db, { role: 'citizen' });
    const at = (i: number) => `10.102.0.${i}`;
    const right = () => signIn({ login: user.username!, password: TEST_PASSWORD }, at(0));
    const rights = await Promise.all(Array.from({ length: SIGN_IN_LIMITS.failuresPerLogin }, right));
    expect(tally(rights.map(outcome))).toEqual({ '200': SIGN_IN_LIMITS.failuresPerLogin });
    const wrongs = await Promise.all(
      Array.from({ length: SIGN_IN_LIMITS.failuresPerLogin - 1 }, (_, i) =>
        signIn({ login: user.username!, password: `wrong-${i}` }, at(i + 1)),
      ),
    );
    expect(tally(wrongs.map(outcome))).toEqual({ '401 invalid_credentials': SIGN_IN_LIMITS.failuresPerLogin - 1 });
    expect(outcome(await right())).toBe('200');
    expect(outcome(await signIn({ login: user.username!, password: 'wrong-last' }, at(20)))).toBe(
      '401 invalid_credentials',
    );
    expect(outcome(await right())).toBe('429 rate_limited');
  });

  it('checks at most 10 authenticator codes for one login, the password being right', async () => {
    pinClock();
    const user = await createUser(t.db, { role: 'commune_admin', unitCode: '05569' });
    const { secret } = await newTotpSecret('test');
    await repo.updateUser(t.db, user.id, {
      totpSecret: totpSecretBox(t.config.secret).seal(secret),
      totpEnabled: true,
    });
    const right = currentTotp(secret);
    const wrongCodes = Array.from({ length: 29 }, (_, i) => String(100000 + i)).filter((c) => c !== right);
    const results = await Promise.all(
      [...wrongCodes.slice(0, 28), right].map((totp, i) =>
        signIn({ login: user.username!, password: TEST_PASSWORD, totp }, `10.103.0.${i}`),
      ),
    );
    const codes = results.map(outcome);
    expect(tally(codes)).toEqual({
      '401 totp_invalid': SIGN_IN_LIMITS.failuresPerLogin,
      '429 rate_limited': 29 - SIGN_IN_LIMITS.failuresPerLogin,
    });
    expect(codes.at(-1)).toBe('429 rate_limited');
  });
});

describe('one-time codes under parallel requests', () => {
  it('sends exactly 20 codes from one address at once, whatever the phones', async () => {
    const results = await Promise.all(
      Array.from({ length: 40 }, () =>
        t.app.inject({
          method: 'POST',
          url: '/api/auth/otp/request',
          payload: { phone: freshPhone('056') },
          remoteAddress: '10.110.0.1',
        }),
      ),
    );
    expect(tally(results.map((r) => r.statusCode))).toEqual({
      202: SIGN_IN_LIMITS.otpPerIpPerHour,
      429: 40 - SIGN_IN_LIMITS.otpPerIpPerHour,
    });
    expect(
      results.filter((r) => r.statusCode === 429).every((r) => r.json().error.message.includes('mạng của bạn')),
    ).toBe(true);
  });

  it('sends one code to a phone asked for from 10 addresses at once (the resend pause holds)', async () => {
    const phone = freshPhone('057');
    const before = t.sms.sent.length;
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        t.app.inject({
          method: 'POST',
          url: '/api/auth/otp/request',
          payload: { phone },
          remoteAddress: `10.111.0.${i}`,
        }),
      ),
    );
    expect(tally(results.map((r) => r.statusCode))).toEqual({ 202: 1, 429: 9 });
    expect(t.sms.sent.slice(before).filter((s) => s.phone === phone)).toHaveLength(1);
  });

  it('compares at most 5 guesses of a code sent at once; the right code, last, finds it dead', async () => {
    const phone = freshPhone('059');
    await t.app.inject({
      method: 'POST',
      url: '/api/auth/otp/request',
      payload: { phone },
      remoteAddress: '10.112.0.1',
    });
    const code = lastCode(t, phone);
    const guesses = Array.from({ length: 30 }, (_, i) => String(200000 + i)).filter((c) => c !== code);
    const results = await Promise.all(
      [...guesses.slice(0, 29), code].map((c) =>
        t.app.inject({ method: 'POST', url: '/api/auth/otp/verify', payload: { phone, code: c } }),
      ),
    );
    const codes = results.map(outcome);
    expect(tally(codes)).toEqual({
      '400 otp_wrong': OTP_MAX_ATTEMPTS - 1,
      '400 otp_exhausted': 30 - (OTP_MAX_ATTEMPTS - 1),
    });
    expect(codes.at(-1)).toBe('400 otp_exhausted');
    expect(await repo.findUserByPhone(t.db, phone)).toBeNull();
  });
});

describe("a signed-in person's own proofs under parallel guesses", () => {
  async function signedIn(role: Parameters<typeof createUser>[1]) {
    const user = await createUser(t.db, role);
    const res = await signIn({ login: user.username!, password: TEST_PASSWORD }, '10.120.0.1');
    const b = browserFrom(res);
    return { user, headers: { cookie: b.cookie, 'x-csrf-token': b['x-csrf-token'] } };
  }
  const own = OWN_PROOF_LIMITS.failures;

  it('checks exactly 5 wrong current passwords of 30 sent at once; the right one then waits too', async () => {
    const { user, headers } = await signedIn({ role: 'citizen' });
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        t.app.inject({
          method: 'POST',
          url: '/api/auth/password/change',
          headers,
          payload: { currentPassword: `not-it-${i}`, newPassword: 'Mat-khau-moi-2026' },
        }),
      ),
    );
    expect(tally(results.map(outcome))).toEqual({ '400 invalid_input': own, '429 rate_limited': 30 - own });
    for (const r of results.filter((x) => x.statusCode === 400))
      expect(Object.keys(r.json().error.fields)).toEqual(['currentPassword']);
    const right = await t.app.inject({
      method: 'POST',
      url: '/api/auth/password/change',
      headers,
      payload: { currentPassword: TEST_PASSWORD, newPassword: 'Mat-khau-moi-2026' },
    });
    expect(outcome(right)).toBe('429 rate_limited');
    // Nothing changed: the old password still signs in, the new one does not.
    expect(outcome(await signIn({ login: user.username!, password: 'Mat-khau-moi-2026' }, '10.120.0.2'))).toBe(
      '401 invalid_credentials',
    );
    expect(outcome(await signIn({ login: user.username!, password: TEST_PASSWORD }, '10.120.0.3'))).toBe('200');
  });

  it('checks exactly 5 wrong authenticator codes when turning TOTP off, and when turning it on', async () => {
    pinClock();
    const { user, headers } = await signedIn({ role: 'commune_admin', unitCode: '05569' });
    const setup = await t.app.inject({ method: 'POST', url: '/api/auth/totp/setup', headers });
    const { secret } = setup.json();
    const right = currentTotp(secret);
    const wrongCodes = Array.from({ length: 31 }, (_, i) => String(300000 + i)).filter((c) => c !== right);
    const enable = await Promise.all(
      [...wrongCodes.slice(0, 29), right].map((code) =>
        t.app.inject({ method: 'POST', url: '/api/auth/totp/enable', headers, payload: { code } }),
      ),
    );
    expect(tally(enable.map(outcome))).toEqual({ '400 invalid_input': own, '429 rate_limited': 30 - own });
    expect((await repo.findUserById(t.db, user.id))!.totpEnabled).toBe(false);

    // A second person, TOTP on: 30 wrong codes at once to turn it off.
    const other = await signedIn({ role: 'commune_admin', unitCode: '05569' });
    await repo.updateUser(t.db, other.user.id, {
      totpSecret: totpSecretBox(t.config.secret).seal(secret),
      totpEnabled: true,
    });
    const disable = await Promise.all(
      [...wrongCodes.slice(0, 29), right].map((code) =>
        t.app.inject({ method: 'POST', url: '/api/auth/totp/disable', headers: other.headers, payload: { code } }),
      ),
    );
    expect(tally(disable.map(outcome))).toEqual({ '400 invalid_input': own, '429 rate_limited': 30 - own });
    expect((await repo.findUserById(t.db, other.user.id))!.totpEnabled).toBe(true);
  });
});

describe('two app processes behind one address', () => {
  it('share the budgets: 50 guesses from one IP split over two apps, exactly 30 checked', async () => {
    // On PostgreSQL the second app has its own connection pool, as another process would; PGlite belongs to one
    // process, so there the second app shares its database.
    let second: Database = t.database;
    if (t.database.kind === 'postgres') {
      const [{ name }] = await t.database.query<{ name: string }>('select current_database() as name');
      const url = new URL(process.env.TEST_DATABASE_URL!);
      url.pathname = `/${name}`;
      second = await openDatabase({ kind: 'postgres', url: url.toString(), poolSize: 5 });
    }
    const other = await buildApp({ config: t.config, database: second, logger: false });
    try {
      await other.ready();
      const results = await Promise.all(
        Array.from({ length: 50 }, (_, i) =>
          (i % 2 ? other : t.app).inject({
            method: 'POST',
            url: '/api/auth/password',
            payload: { login: `two-apps-${i}`, password: 'wrong-password' },
            remoteAddress: '10.130.0.1',
          }),
        ),
      );
      expect(tally(results.map(outcome))).toEqual({
        '401 invalid_credentials': SIGN_IN_LIMITS.failuresPerIp,
        '429 rate_limited': 50 - SIGN_IN_LIMITS.failuresPerIp,
      });
    } finally {
      await other.close();
      if (second !== t.database) await second.close();
    }
  });
});
