import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, TEST_PASSWORD } from '../../test/factories.js';
import { createTestApp, type TestApp } from '../../test/harness.js';
import * as repo from './repo.js';
import { addHamlet, browserFrom, freshPhone, passwordSignIn } from './test-support.js';

let t: TestApp;
let province: Record<string, string>;
let commune: Record<string, string>;
let provinceAdminId: string;
beforeAll(async () => {
  t = await createTestApp({ RATE_LIMIT_PER_MINUTE: '1000000' });
  await addHamlet(t, '05569', 1);
  await addHamlet(t, '05569', 2);
  const p = await createUser(t.db, { role: 'province_admin', unitCode: '19', fullName: 'Nguyễn Văn Tỉnh' });
  provinceAdminId = p.id;
  province = await t.sessionHeaders(p.id);
  const c = await createUser(t.db, { role: 'commune_admin', unitCode: '05569', fullName: 'Hoàng Thị Ngà' });
  commune = await t.sessionHeaders(c.id);
});
afterAll(() => t.close());

const auditRows = (resourceId: string) =>
  t.database.query<{ action: string; reason: string | null; details: unknown; unit_path: string; request_id: string }>(
    'select action, reason, details, unit_path, request_id from audit_log where resource_id = $1 order by id',
    [resourceId],
  );

describe('listing accounts', () => {
  it('masks phones, finds names without diacritics and phones by digits, pages with a cursor', async () => {
    const dinh = await createUser(t.db, {
      role: 'team_member',
      unitCode: '05569-001',
      fullName: 'Đinh Thị Hoà',
      phone: '0911222333',
    });
    const list = await t.app.inject({ url: '/api/accounts?q=dinh%20thi%20hoa', headers: commune });
    expect(list.statusCode).toBe(200);
    expect(list.json().items).toEqual([
      {
        id: dinh.id,
        fullName: 'Đinh Thị Hoà',
        phoneMasked: '0911***333',
        username: dinh.username,
        status: 'active',
        assignments: [expect.objectContaining({ role: 'team_member', unitCode: '05569-001', unitName: 'Thôn thử 1' })],
        createdAt: expect.any(String),
      },
    ]);
    expect(list.body).not.toContain('0911222333');
    const byDigits = await t.app.inject({ url: '/api/accounts?q=222333', headers: commune });
    expect(byDigits.json().items.map((i: { id: string }) => i.id)).toEqual([dinh.id]);
    const byPhone = await t.app.inject({ url: '/api/accounts?q=%2B84%20911%20222%20333', headers: province });
    expect(byPhone.json().items.map((i: { id: string }) => i.id)).toEqual([dinh.id]);

    for (let i = 0; i < 5; i++)
      await createUser(t.db, { role: 'team_member', unitCode: '05569-002', fullName: `Trang ${i}` });
    const seen: string[] = [];
    let url = '/api/accounts?unit=05569-002&limit=2';
    for (;;) {
      const page = (await t.app.inject({ url, headers: commune })).json();
      seen.push(...page.items.map((x: { fullName: string }) => x.fullName));
      if (!page.nextCursor) break;
      url = `/api/accounts?unit=05569-002&limit=2&cursor=${page.nextCursor}`;
    }
    expect(seen).toEqual(['Trang 0', 'Trang 1', 'Trang 2', 'Trang 3', 'Trang 4']);
    const bad = await t.app.inject({ url: '/api/accounts?cursor=bm90LWEtY3Vyc29y', headers: commune });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields.cursor).toBeDefined();
  });

  it('filters by role; citizens who signed up by code are the province’s, not a commune’s', async () => {
    const citizen = await createUser(t.db, { role: 'citizen', fullName: 'Công Dân Tự Do' });
    const asProvince = await t.app.inject({ url: '/api/accounts?q=cong%20dan%20tu%20do', headers: province });
    expect(asProvince.json().items.map((i: { id: string }) => i.id)).toEqual([citizen.id]);
    const asCommune = await t.app.inject({ url: '/api/accounts?q=cong%20dan%20tu%20do', headers: commune });
    expect(asCommune.json().items).toEqual([]);
    const admins = await t.app.inject({ url: '/api/accounts?role=commune_admin', headers: province });
    expect(admins.json().items.map((i: { fullName: string }) => i.fullName)).toContain('Hoàng Thị Ngà');
    expect(
      admins
        .json()
        .items.every((i: { assignments: { role: string }[] }) => i.assignments.some((a) => a.role === 'commune_admin')),
    ).toBe(true);
    const unknownUnit = await t.app.inject({ url: '/api/accounts?unit=99999', headers: province });
    expect(unknownUnit.statusCode).toBe(400);
    expect(unknownUnit.json().error.fields.unit).toBeDefined();
  });

  it("does not show a commune administrator someone's roles elsewhere", async () => {
    const both = await createUser(t.db, { role: 'team_member', unitCode: '05569-001', fullName: 'Hai Nơi Làm' });
    await repo.insertAssignment(t.db, { userId: both.id, role: 'team_member', unitCode: '05611' });
    const item = (await t.app.inject({ url: '/api/accounts?q=hai%20noi%20lam', headers: commune })).json().items[0];
    expect(item.assignments.map((a: { unitCode: string }) => a.unitCode)).toEqual(['05569-001']);
  });
});

describe('reading an account', () => {
  it('needs a reason, shows the full phone, and records the read with its reason and no personal data', async () => {
    const person = await createUser(t.db, {
      role: 'team_member',
      unitCode: '05569-001',
      phone: '0933444555',
      fullName: 'Vi Văn Đọc',
    });
    const noReason = await t.app.inject({ url: `/api/accounts/${person.id}`, headers: commune });
    expect(noReason.statusCode).toBe(400);
    expect(Object.keys(noReason.json().error.fields)).toEqual(['querystring.reason']);
    expect(await auditRows(person.id)).toEqual([]);

    const res = await t.app.inject({
      url: `/api/accounts/${person.id}?reason=X%C3%A1c%20minh%20h%E1%BB%93%20s%C6%A1`,
      headers: commune,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      id: person.id,
      phone: '0933444555',
      fullName: 'Vi Văn Đọc',
      hasPassword: true,
      activeSessions: 0,
    });
    const rows = await auditRows(person.id);
    expect(rows).toEqual([
      {
        action: 'account.read_personal',
        reason: 'Xác minh hồ sơ',
        details: { fields: ['fullName', 'phone', 'email'] },
        unit_path: '19/05569/05569-001',
        request_id: res.headers['x-request-id'],
      },
    ]);
    expect(JSON.stringify(rows)).not.toContain('0933444555');
    expect(JSON.stringify(rows)).not.toContain('Vi Văn Đọc');
  });
});

describe('creating accounts', () => {
  it('creates a staff account with a one-time password that signs in, audited without personal data', async () => {
    const phone = freshPhone('081');
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/accounts',
      headers: commune,
      payload: {
        fullName: 'Ma Thị Mới',
        phone: `+84${phone.slice(1)}`,
        username: 'Ma.Thi.Moi',
        role: 'team_member',
        unitCode: '05569-001',
      },
    });
    expect(res.statusCode).toBe(201);
    const { account, temporaryPassword } = res.json();
    expect(account).toMatchObject({
      fullName: 'Ma Thị Mới',
      phone,
      username: 'ma.thi.moi',
      status: 'active',
      hasPassword: true,
    });
    expect(account.assignments).toEqual([expect.objectContaining({ role: 'team_member', unitCode: '05569-001' })]);
    expect(temporaryPassword).toMatch(/^[A-Za-z][A-Za-z0-9]{3}-[A-Za-z0-9]{4}-[A-Za-z0-9]{4}$/);
    expect((await passwordSignIn(t, 'ma.thi.moi', temporaryPassword)).statusCode).toBe(200);
    const rows = await auditRows(account.id);
    expect(rows.map((r) => r.action)).toEqual(['account.create']);
    expect(rows[0].details).toEqual({ role: 'team_member', unitCode: '05569-001', handlingUnitId: null });
    expect(JSON.stringify(rows)).not.toContain(phone);

    const dupPhone = await t.app.inject({
      method: 'POST',
      url: '/api/accounts',
      headers: commune,
      payload: { fullName: 'Khác', phone, role: 'team_member', unitCode: '05569-001' },
    });
    expect(dupPhone.statusCode).toBe(409);
    expect(dupPhone.json().error).toEqual({
      code: 'duplicate_phone',
      message: 'Số điện thoại này đã có tài khoản.',
      fields: { phone: 'Số điện thoại này đã có tài khoản.' },
    });
    const dupUsername = await t.app.inject({
      method: 'POST',
      url: '/api/accounts',
      headers: commune,
      payload: {
        fullName: 'Khác',
        phone: freshPhone('082'),
        username: 'MA.THI.MOI',
        role: 'team_member',
        unitCode: '05569-001',
      },
    });
    expect(dupUsername.statusCode).toBe(409);
    expect(dupUsername.json().error).toMatchObject({
      code: 'duplicate_username',
      fields: { username: expect.any(String) },
    });
    expect(Object.keys(dupUsername.json().error.fields)).toEqual(['username']);
  });

  it('checks that the scope fits the role, naming the field', async () => {
    const base = { fullName: 'Sai Phạm Vi', phone: freshPhone('083') };
    const cases: [Record<string, unknown>, string][] = [
      [{ role: 'commune_admin', unitCode: '05569-001' }, 'unitCode'],
      [{ role: 'team_member' }, 'unitCode'],
      [{ role: 'team_member', unitCode: 'khong-co' }, 'unitCode'],
      [{ role: 'handling_officer' }, 'handlingUnitId'],
      [{ role: 'handling_officer', unitCode: '05569' }, 'unitCode'],
      [
        { role: 'team_member', unitCode: '05569', handlingUnitId: '00000000-0000-4000-8000-000000000000' },
        'handlingUnitId',
      ],
      [{ role: 'team_member', unitCode: '05569', password: '12345678' }, 'password'],
      [{ role: 'team_member', unitCode: '05569', extra: 1 }, 'extra'],
    ];
    for (const [payload, field] of cases) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/accounts',
        headers: province,
        payload: { ...base, ...payload },
      });
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(Object.keys(res.json().error.fields), JSON.stringify(payload)).toEqual([field]);
    }
  });

  it('lets a commune administrator make officers of their own committee only', async () => {
    const [own] = await t.database.query<{ id: string }>(`select id from handling_units where code = 'ubnd-05569'`);
    const [province19] = await t.database.query<{ id: string }>(`select id from handling_units where code = 'ubnd-19'`);
    const make = (handlingUnitId: string, phone: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/accounts',
        headers: commune,
        payload: { fullName: 'Cán Bộ Mới', phone, role: 'handling_officer', handlingUnitId },
      });
    const ownPhone = freshPhone('084');
    const ok = await make(own.id, ownPhone);
    expect(ok.statusCode).toBe(201);
    expect(ok.json().account).toMatchObject({ phone: ownPhone, staffAccount: true, canChangeCredentials: true });
    expect(ok.json().account.assignments).toEqual([
      expect.objectContaining({ role: 'handling_officer', handlingUnitId: own.id, unitCode: null }),
    ]);
    expect(ok.json().temporaryPassword).toEqual(expect.any(String));
    const otherPhone = freshPhone('084');
    const refused = await make(province19.id, otherPhone);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('forbidden');
    expect(refused.body).not.toContain('temporaryPassword');
    expect(await repo.findUserByPhone(t.db, otherPhone)).toBeNull();
  });
});

describe('changing accounts', () => {
  it('disabling ends the sessions at once; enabling lets the person sign in again', async () => {
    const person = await createUser(t.db, { role: 'team_member', unitCode: '05569-001' });
    const browser = browserFrom(await passwordSignIn(t, person.username!, TEST_PASSWORD));
    const off = await t.app.inject({
      method: 'PATCH',
      url: `/api/accounts/${person.id}`,
      headers: commune,
      payload: { status: 'disabled' },
    });
    expect(off.json()).toMatchObject({ id: person.id, status: 'disabled', activeSessions: 0 });
    const me = await t.app.inject({ url: '/api/auth/me', headers: { cookie: browser.cookie } });
    expect([me.statusCode, me.json().error.code]).toEqual([401, 'unauthenticated']);
    const refused = await passwordSignIn(t, person.username!, TEST_PASSWORD);
    expect([refused.statusCode, refused.json().error.code]).toEqual([401, 'invalid_credentials']);
    const on = await t.app.inject({
      method: 'PATCH',
      url: `/api/accounts/${person.id}`,
      headers: commune,
      payload: { status: 'active' },
    });
    expect(on.json()).toMatchObject({ id: person.id, status: 'active' });
    expect((await passwordSignIn(t, person.username!, TEST_PASSWORD)).statusCode).toBe(200);
    expect((await auditRows(person.id)).map((r) => r.action)).toEqual(['account.disable', 'account.enable']);
  });

  it('refuses to let administrators disable themselves', async () => {
    const res = await t.app.inject({
      method: 'PATCH',
      url: `/api/accounts/${provinceAdminId}`,
      headers: province,
      payload: { status: 'disabled' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('cannot_disable_self');
  });

  it('resets a password to a one-time one, ending the sessions', async () => {
    const person = await createUser(t.db, { role: 'team_member', unitCode: '05569-001' });
    const browser = browserFrom(await passwordSignIn(t, person.username!, TEST_PASSWORD));
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/accounts/${person.id}/reset-password`,
      headers: commune,
    });
    expect(res.statusCode).toBe(200);
    expect(Object.keys(res.json())).toEqual(['temporaryPassword']);
    const { temporaryPassword } = res.json();
    expect(temporaryPassword).toMatch(/^[A-Za-z][A-Za-z0-9]{3}-[A-Za-z0-9]{4}-[A-Za-z0-9]{4}$/);
    expect((await t.app.inject({ url: '/api/auth/me', headers: { cookie: browser.cookie } })).statusCode).toBe(401);
    expect((await passwordSignIn(t, person.username!, TEST_PASSWORD)).statusCode).toBe(401);
    expect((await passwordSignIn(t, person.username!, temporaryPassword)).statusCode).toBe(200);
    const rows = await auditRows(person.id);
    expect(rows.at(-1)?.action).toBe('account.reset_password');
    expect(JSON.stringify(rows)).not.toContain(temporaryPassword);
  });

  it('signs a person out everywhere', async () => {
    const person = await createUser(t.db, { role: 'team_member', unitCode: '05569-001' });
    await passwordSignIn(t, person.username!, TEST_PASSWORD);
    await passwordSignIn(t, person.username!, TEST_PASSWORD);
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/accounts/${person.id}/sign-out-everywhere`,
      headers: commune,
    });
    expect(res.json()).toEqual({ ended: 2 });
  });

  it('grants and revokes roles, refusing duplicates and one’s own administrator role', async () => {
    const person = await createUser(t.db, { role: 'citizen' });
    // A citizen who signed up by code belongs to no commune yet: the commune may take them into a team.
    const grant = await t.app.inject({
      method: 'POST',
      url: `/api/accounts/${person.id}/roles`,
      headers: commune,
      payload: { role: 'team_member', unitCode: '05569-002' },
    });
    expect(grant.statusCode).toBe(201);
    const { assignment } = grant.json();
    expect(assignment).toMatchObject({ role: 'team_member', unitCode: '05569-002', unitName: 'Thôn thử 2' });
    const again = await t.app.inject({
      method: 'POST',
      url: `/api/accounts/${person.id}/roles`,
      headers: commune,
      payload: { role: 'team_member', unitCode: '05569-002' },
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toEqual({
      code: 'role_exists',
      message: 'Tài khoản đã có vai trò này ở đơn vị này.',
    });
    const revoke = await t.app.inject({
      method: 'DELETE',
      url: `/api/accounts/${person.id}/roles/${assignment.id}`,
      headers: commune,
    });
    expect(revoke.statusCode).toBe(204);
    expect(revoke.body).toBe('');
    expect((await repo.assignmentsOf(t.db, [person.id])).map((a) => a.role)).toEqual(['citizen']);
    const gone = await t.app.inject({
      method: 'DELETE',
      url: `/api/accounts/${person.id}/roles/${assignment.id}`,
      headers: province,
    });
    expect(gone.statusCode).toBe(404);
    expect(gone.json().error.code).toBe('not_found');
    expect((await auditRows(person.id)).map((r) => [r.action, r.unit_path])).toEqual([
      ['role.grant', '19/05569/05569-002'],
      ['role.revoke', '19/05569/05569-002'],
    ]);

    const [own] = await repo.assignmentsOf(t.db, [provinceAdminId]);
    const self = await t.app.inject({
      method: 'DELETE',
      url: `/api/accounts/${provinceAdminId}/roles/${own.id}`,
      headers: province,
    });
    expect(self.statusCode).toBe(409);
    expect(self.json().error.code).toBe('cannot_revoke_own_admin');
    expect((await repo.assignmentsOf(t.db, [provinceAdminId])).map((a) => a.id)).toEqual([own.id]);
  });

  it('does not let a commune administrator take over a province administrator who is also on a team there', async () => {
    const boss = await createUser(t.db, { role: 'province_admin', unitCode: '19' });
    await repo.insertAssignment(t.db, { userId: boss.id, role: 'team_member', unitCode: '05569-001' });
    const read = await t.app.inject({ url: `/api/accounts/${boss.id}?reason=ki%E1%BB%83m%20tra`, headers: commune });
    expect(read.statusCode).toBe(200);
    expect(read.json().assignments.map((a: { role: string }) => a.role)).toEqual(['team_member']);
    for (const req of [
      { method: 'POST' as const, url: `/api/accounts/${boss.id}/reset-password` },
      { method: 'POST' as const, url: `/api/accounts/${boss.id}/sign-out-everywhere` },
      { method: 'PATCH' as const, url: `/api/accounts/${boss.id}`, payload: { status: 'disabled' } },
    ]) {
      const res = await t.app.inject({ ...req, headers: commune });
      expect(res.statusCode, req.url).toBe(403);
      expect(res.json().error.code, req.url).toMatch(/^(forbidden|credentials_not_managed)$/);
      expect(res.body).not.toContain('temporaryPassword');
    }
    expect((await repo.findUserById(t.db, boss.id))!.status).toBe('active');
    expect((await passwordSignIn(t, boss.username!, TEST_PASSWORD)).statusCode).toBe(200);
    const [adminRole] = (await repo.assignmentsOf(t.db, [boss.id])).filter((a) => a.role === 'province_admin');
    const revoke = await t.app.inject({
      method: 'DELETE',
      url: `/api/accounts/${boss.id}/roles/${adminRole.id}`,
      headers: commune,
    });
    expect(revoke.statusCode).toBe(403);
    expect(revoke.json().error.code).toBe('forbidden');
    expect((await repo.assignmentsOf(t.db, [boss.id])).map((a) => a.role).sort()).toEqual([
      'province_admin',
      'team_member',
    ]);
  });

  it('answers 404 for an account that does not exist', async () => {
    const res = await t.app.inject({
      url: '/api/accounts/00000000-0000-4000-8000-000000000000?reason=abc',
      headers: province,
    });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.message).toBe('Không tìm thấy tài khoản.');
  });
});
