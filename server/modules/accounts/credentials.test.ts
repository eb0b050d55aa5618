/**
 * Who may change someone else's credentials. Every credential-changing administrator endpoint × every kind of
 * target account × a commune and a province administrator: what is allowed, and that a refused call changes
 * nothing (the person's password still signs in, their session survives). A citizen's account is theirs alone, even
 * after an administrator gives them a role: they recover it by a code sent to their own phone.
 */
import { readFileSync } from 'node:fs';
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, TEST_PASSWORD } from '../../test/factories.js';
import { createTestApp, type TestApp } from '../../test/harness.js';
import * as repo from './repo.js';
import { addHamlet, browserFrom, freshPhone, lastCode, passwordSignIn } from './test-support.js';

let t: TestApp;
let admins: Record<Admin, Record<string, string>>;
beforeAll(async () => {
  t = await createTestApp({ RATE_LIMIT_PER_MINUTE: '1000000' });
  for (const c of ['05569', '00004']) await addHamlet(t, c, 1);
  const commune = await createUser(t.db, { role: 'commune_admin', unitCode: '05569' });
  const province = await createUser(t.db, { role: 'province_admin', unitCode: '19' });
  admins = { commune_admin: await t.sessionHeaders(commune.id), province_admin: await t.sessionHeaders(province.id) };
});
afterAll(() => t.close());

type Admin = 'commune_admin' | 'province_admin';
type Kind = 'citizen' | 'citizen_given_a_role_here' | 'staff_inside' | 'staff_with_role_outside';
const KINDS: Kind[] = ['citizen', 'citizen_given_a_role_here', 'staff_inside', 'staff_with_role_outside'];
const ADMINS: Admin[] = ['commune_admin', 'province_admin'];

/** A fresh target account of the kind, signed in once (its session must survive a refused call). */
async function target(kind: Kind) {
  let user: { id: string; username: string | null };
  if (kind === 'citizen' || kind === 'citizen_given_a_role_here') {
    user = await createUser(t.db, { role: 'citizen' });
    // Given a team role in Xã Định Hoá by that commune's administrator: allowed, and hands over nothing.
    if (kind === 'citizen_given_a_role_here') {
      const grant = await t.app.inject({
        method: 'POST',
        url: `/api/accounts/${user.id}/roles`,
        headers: admins.commune_admin,
        payload: { role: 'team_member', unitCode: '05569-001' },
      });
      expect(grant.statusCode).toBe(201);
    }
  } else {
    user = await createUser(t.db, { role: 'team_member', unitCode: '05569-001' });
    // A second role in Hà Nội: outside both administrators' scopes.
    if (kind === 'staff_with_role_outside')
      await repo.insertAssignment(t.db, { userId: user.id, role: 'team_member', unitCode: '00004-001' });
  }
  const session = browserFrom(await passwordSignIn(t, user.username!, TEST_PASSWORD));
  return { ...user, session };
}

const alive = async (session: { cookie: string }) =>
  (await t.app.inject({ url: '/api/auth/me', headers: { cookie: session.cookie } })).statusCode === 200;
const passwordWorks = async (username: string) => (await passwordSignIn(t, username, TEST_PASSWORD)).statusCode === 200;

interface Case {
  name: string;
  request: (id: string) => InjectOptions;
  ok: number;
  allowed: Record<Admin, Kind[]>;
  /** What must hold after an allowed call (the refused ones must leave password and session as they were). */
  effect: (x: Awaited<ReturnType<typeof target>>, res: { json(): Record<string, unknown> }) => Promise<void>;
}

const CREDENTIALS: Case[] = [
  {
    name: 'POST /api/accounts/:id/reset-password',
    request: (id) => ({ method: 'POST', url: `/api/accounts/${id}/reset-password` }),
    ok: 200,
    allowed: { commune_admin: ['staff_inside'], province_admin: ['staff_inside'] },
    effect: async (x, res) => {
      expect(await alive(x.session)).toBe(false);
      expect(await passwordWorks(x.username!)).toBe(false);
      const temp = res.json().temporaryPassword as string;
      expect((await passwordSignIn(t, x.username!, temp)).statusCode).toBe(200);
    },
  },
  {
    name: 'POST /api/accounts/:id/sign-out-everywhere',
    request: (id) => ({ method: 'POST', url: `/api/accounts/${id}/sign-out-everywhere` }),
    ok: 200,
    allowed: { commune_admin: ['staff_inside'], province_admin: ['staff_inside'] },
    effect: async (x, res) => {
      expect(res.json()).toEqual({ ended: 1 });
      expect(await alive(x.session)).toBe(false);
      expect(await passwordWorks(x.username!)).toBe(true);
    },
  },
  {
    // Disabling hands the account to nobody: moderation of citizens is the province's, staff are their managers'.
    name: 'PATCH /api/accounts/:id (disable)',
    request: (id) => ({ method: 'PATCH', url: `/api/accounts/${id}`, payload: { status: 'disabled' } }),
    ok: 200,
    allowed: {
      commune_admin: ['staff_inside'],
      province_admin: ['citizen', 'citizen_given_a_role_here', 'staff_inside'],
    },
    effect: async (x, res) => {
      expect(res.json()).toMatchObject({ id: x.id, status: 'disabled', activeSessions: 0 });
      expect(await alive(x.session)).toBe(false);
      expect(await passwordWorks(x.username!)).toBe(false);
    },
  },
];

describe('changing credentials: endpoint × target × administrator', () => {
  for (const c of CREDENTIALS) {
    it(c.name, async () => {
      const seen: string[] = [];
      const expected: string[] = [];
      for (const admin of ADMINS)
        for (const kind of KINDS) {
          const x = await target(kind);
          const req = c.request(x.id);
          const res = await t.app.inject({ ...req, headers: admins[admin] });
          const allowed = c.allowed[admin].includes(kind);
          seen.push(`${admin} → ${kind}: ${res.statusCode}`);
          expected.push(`${admin} → ${kind}: ${allowed ? c.ok : 403}`);
          if (res.statusCode === c.ok) await c.effect(x, res);
          else {
            expect(res.json().error.code, `${admin} → ${kind}`).toMatch(/^(forbidden|credentials_not_managed)$/);
            expect(await alive(x.session), `${admin} → ${kind}: session survives`).toBe(true);
            expect(await passwordWorks(x.username!), `${admin} → ${kind}: password still works`).toBe(true);
            const [row] = await t.database.query<{ status: string }>('select status from users where id = $1', [x.id]);
            expect(row.status).toBe('active');
            const audit = await t.database.query('select 1 from audit_log where resource_id = $1 and action <> $2', [
              x.id,
              'role.grant',
            ]);
            expect(audit).toEqual([]);
          }
        }
      expect(seen).toEqual(expected);
    });
  }

  it('the account details tell each administrator whether they may change its credentials', async () => {
    const seen: string[] = [];
    for (const admin of ADMINS)
      for (const kind of KINDS) {
        const x = await target(kind);
        const res = await t.app.inject({
          url: `/api/accounts/${x.id}?reason=ki%E1%BB%83m%20tra`,
          headers: admins[admin],
        });
        seen.push(
          res.statusCode === 200
            ? `${admin} → ${kind}: staff=${res.json().staffAccount} may=${res.json().canChangeCredentials}`
            : `${admin} → ${kind}: ${res.statusCode}`,
        );
      }
    expect(seen).toEqual([
      // A commune administrator does not see citizens who belong to no unit of theirs.
      'commune_admin → citizen: 403',
      'commune_admin → citizen_given_a_role_here: staff=false may=false',
      'commune_admin → staff_inside: staff=true may=true',
      'commune_admin → staff_with_role_outside: staff=true may=false',
      'province_admin → citizen: staff=false may=false',
      'province_admin → citizen_given_a_role_here: staff=false may=false',
      'province_admin → staff_inside: staff=true may=true',
      'province_admin → staff_with_role_outside: staff=true may=false',
    ]);
  });
});

describe('the takeover of the probe, step by step', () => {
  it('a commune administrator gives a citizen of elsewhere a role, but cannot reset them or sign in as them', async () => {
    // The citizen signed up by a code on their own phone and set a password.
    const phone = freshPhone('035');
    await t.app.inject({
      method: 'POST',
      url: '/api/auth/otp/request',
      payload: { phone },
      remoteAddress: '10.77.0.1',
    });
    const signedUp = await t.app.inject({
      method: 'POST',
      url: '/api/auth/otp/verify',
      payload: { phone, code: lastCode(t, phone) },
    });
    const own = browserFrom(signedUp);
    const citizenId = signedUp.json().user.id as string;
    const set = await t.app.inject({
      method: 'POST',
      url: '/api/auth/password/set',
      headers: { cookie: own.cookie, 'x-csrf-token': own['x-csrf-token'] },
      payload: { newPassword: 'Mat-khau-cua-toi-1' },
    });
    expect(set.statusCode).toBe(204);
    expect((await repo.findUserById(t.db, citizenId))!.managedByAdmin).toBe(false);

    const grant = await t.app.inject({
      method: 'POST',
      url: `/api/accounts/${citizenId}/roles`,
      headers: admins.commune_admin,
      payload: { role: 'team_member', unitCode: '05569' },
    });
    expect(grant.statusCode).toBe(201);
    for (const admin of ADMINS) {
      const reset = await t.app.inject({
        method: 'POST',
        url: `/api/accounts/${citizenId}/reset-password`,
        headers: admins[admin],
      });
      expect(reset.statusCode).toBe(403);
      expect(reset.json().error).toMatchObject({
        code: 'credentials_not_managed',
        message: expect.stringContaining('Người dân tự khôi phục tài khoản bằng mã gửi về điện thoại'),
      });
      expect(reset.body).not.toContain('temporaryPassword');
    }
    expect(await alive(own)).toBe(true);
    expect((await passwordSignIn(t, phone, 'Mat-khau-cua-toi-1')).statusCode).toBe(200);
  });

  it('will not give a password-only role to a person who signs in by code and has no password yet', async () => {
    const phone = freshPhone('036');
    await t.app.inject({
      method: 'POST',
      url: '/api/auth/otp/request',
      payload: { phone },
      remoteAddress: '10.77.0.2',
    });
    const id = (
      await t.app.inject({ method: 'POST', url: '/api/auth/otp/verify', payload: { phone, code: lastCode(t, phone) } })
    ).json().user.id as string;
    const [committee] = await t.database.query<{ id: string }>(
      `select id from handling_units where code = 'ubnd-05569'`,
    );
    const officer = await t.app.inject({
      method: 'POST',
      url: `/api/accounts/${id}/roles`,
      headers: admins.commune_admin,
      payload: { role: 'handling_officer', handlingUnitId: committee.id },
    });
    expect(officer.statusCode).toBe(409);
    expect(officer.json().error.code).toBe('password_required_first');
    expect(await repo.assignmentsOf(t.db, [id])).toEqual([expect.objectContaining({ role: 'citizen' })]);
    // A team member signs in by code: that role may be given.
    const team = await t.app.inject({
      method: 'POST',
      url: `/api/accounts/${id}/roles`,
      headers: admins.commune_admin,
      payload: { role: 'team_member', unitCode: '05569' },
    });
    expect(team.statusCode).toBe(201);
  });

  it('staff accounts an administrator creates are theirs to reset; citizen accounts they create are not', async () => {
    const make = (role: string, extra: Record<string, string>) =>
      t.app.inject({
        method: 'POST',
        url: '/api/accounts',
        headers: admins.province_admin,
        payload: { fullName: 'Người Được Tạo', phone: freshPhone('037'), role, ...extra },
      });
    const staff = (await make('team_member', { unitCode: '05569-001' })).json().account;
    const citizen = (await make('citizen', {})).json().account;
    expect([staff.staffAccount, staff.canChangeCredentials]).toEqual([true, true]);
    expect([citizen.staffAccount, citizen.canChangeCredentials]).toEqual([false, false]);
    const reset = (id: string) =>
      t.app.inject({ method: 'POST', url: `/api/accounts/${id}/reset-password`, headers: admins.province_admin });
    expect((await reset(staff.id)).statusCode).toBe(200);
    expect((await reset(citizen.id)).statusCode).toBe(403);
  });
});

describe('migration 0009: which existing accounts are staff accounts', () => {
  it('marks accounts made as staff, and leaves a citizen given a role by an administrator theirs', async () => {
    const sql = readFileSync(new URL('../../db/migrations/0009_account_managed_by_admin.sql', import.meta.url), 'utf8');
    const backfill = sql.split('--> statement-breakpoint')[1];
    const grantor = await createUser(t.db, { role: 'province_admin', unitCode: '19' });
    const plain = await createUser(t.db, { role: 'citizen' });
    const given = await createUser(t.db, { role: 'citizen' });
    await repo.insertAssignment(t.db, {
      userId: given.id,
      role: 'team_member',
      unitCode: '05569',
      createdBy: grantor.id,
    });
    const made = await createUser(t.db, { role: 'team_member', unitCode: '05569' });
    const seeded = await createUser(t.db, { role: 'handling_officer', handlingUnitCode: 'ubnd-05569' });
    await repo.insertAssignment(t.db, { userId: seeded.id, role: 'citizen' });
    const ids = [plain.id, given.id, made.id, seeded.id];
    await t.database.query('update users set managed_by_admin = false where id = any($1)', [ids]);
    await t.database.query(backfill);
    const rows = await t.database.query<{ id: string; managed_by_admin: boolean }>(
      'select id, managed_by_admin from users where id = any($1)',
      [ids],
    );
    const managed = Object.fromEntries(rows.map((r) => [r.id, r.managed_by_admin]));
    expect([managed[plain.id], managed[given.id], managed[made.id], managed[seeded.id]]).toEqual([
      false,
      false,
      true,
      true,
    ]);
  });
});
