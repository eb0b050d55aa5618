import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../../common/roles.js';
import { createUser } from '../../test/factories.js';
import { createTestApp, type TestApp } from '../../test/harness.js';
import { findUserByPhone } from '../accounts/repo.js';
import { browserFrom, passwordSignIn } from '../accounts/test-support.js';
import { insertHamlet } from '../units/test-support.js';

interface Person {
  id: string;
  headers: Record<string, string>;
}

let t: TestApp;
let communeAdmin: Person;
let provinceAdmin: Person;
let otherCommuneAdmin: Person;
let officer: Person;
let hamletA: string;
let hamletB: string;
let memberOfA: Person;
let memberOfB: Person;

const person = async (role: Role, scope: { unitCode?: string; handlingUnitCode?: string } = {}): Promise<Person> => {
  const user = await createUser(t.db, { role, ...scope });
  return { id: user.id, headers: await t.sessionHeaders(user.id) };
};
const call = (method: 'GET' | 'POST' | 'PATCH', url: string, who: Person | null, payload?: object) =>
  t.app.inject({ method, url, headers: who?.headers ?? {}, ...(payload ? { payload } : {}) });

let phoneSeq = 0;
/** A fresh valid mobile number each call. */
const phone = () => `098${String(1_000_000 + ++phoneSeq).slice(-7)}`;
const member = (extra: object = {}) => ({
  fullName: 'Nguyễn Văn An',
  phone: phone(),
  organisation: 'doan_thanh_nien',
  ...extra,
});

async function foundTeam(hamletCode: string, who: Person = communeAdmin, name = 'Tổ công nghệ số cộng đồng') {
  const res = await call('POST', '/api/teams', who, { hamletCode, name, decisionNumber: '125/QĐ-UBND' });
  expect(res.statusCode).toBe(201);
  return res.json() as { id: string; members: { id: string; phone: string }[]; warnings: { code: string }[] };
}

beforeAll(async () => {
  t = await createTestApp();
  communeAdmin = await person('commune_admin', { unitCode: '05569' });
  provinceAdmin = await person('province_admin', { unitCode: '19' });
  otherCommuneAdmin = await person('commune_admin', { unitCode: '01840' });
  officer = await person('handling_officer', { handlingUnitCode: 'ubnd-05569' });
  hamletA = (await insertHamlet(t.db, '05569', 'Trung Kiên')).code;
  hamletB = (await insertHamlet(t.db, '05569', 'Bãi Á')).code;
  memberOfA = await person('team_member', { unitCode: hamletA });
  memberOfB = await person('team_member', { unitCode: hamletB });
});
afterAll(() => t.close());

describe('teams registry', () => {
  it('a commune administrator founds one team per hamlet; a second in the same hamlet is refused naming hamletCode', async () => {
    const team = await foundTeam(hamletA);
    expect(team).toMatchObject({ hamletCode: hamletA, communeCode: '05569', activeMembers: 0, dissolvedOn: null });
    const renamed = await call('PATCH', `/api/teams/${team.id}`, communeAdmin, { name: 'Tổ CNS Trung Kiên' });
    expect(renamed.statusCode).toBe(200);
    expect(renamed.json().name).toBe('Tổ CNS Trung Kiên');
    const again = await call('POST', '/api/teams', communeAdmin, { hamletCode: hamletA, name: 'Tổ thứ hai' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.fields.hamletCode).toBeTruthy();
    // Two at once in another hamlet: one team, the other told the same.
    const h = (await insertHamlet(t.db, '05569')).code;
    const both = await Promise.all([
      call('POST', '/api/teams', communeAdmin, { hamletCode: h, name: 'Tổ 1' }),
      call('POST', '/api/teams', provinceAdmin, { hamletCode: h, name: 'Tổ 2' }),
    ]);
    expect(both.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    const list = await call('GET', '/api/teams?unit=05569', communeAdmin);
    expect(list.statusCode).toBe(200);
    expect(list.json().items.filter((x: { hamletCode: string }) => x.hamletCode === h)).toHaveLength(1);
    expect(list.json().hamletsWithoutTeam.map((x: { code: string }) => x.code)).toContain(hamletB);
    expect(list.json().hamletsWithoutTeam.map((x: { code: string }) => x.code)).not.toContain(hamletA);
  });

  it('refuses bad input with the field named, in Vietnamese and English', async () => {
    const cases: [object, string][] = [
      [{ hamletCode: '05569', name: 'Tổ' }, 'hamletCode'],
      [{ hamletCode: 'không-có', name: 'Tổ' }, 'hamletCode'],
      [{ hamletCode: hamletB, name: '' }, 'name'],
      [{ hamletCode: hamletB, name: 'Tổ', decisionDate: '2026-13-01' }, 'decisionDate'],
      [{ hamletCode: hamletB, name: 'Tổ', decisionDate: '2999-01-01' }, 'decisionDate'],
      [{ hamletCode: hamletB, name: 'Tổ', extra: 1 }, 'extra'],
    ];
    for (const [body, name] of cases) {
      const res = await call('POST', '/api/teams', communeAdmin, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(Object.keys(res.json().error.fields ?? {}).join(' '), JSON.stringify(body)).toContain(name);
      const en = await t.app.inject({
        method: 'POST',
        url: '/api/teams',
        headers: { ...communeAdmin.headers, 'accept-language': 'en' },
        payload: body,
      });
      expect(en.json().error.message).not.toBe(res.json().error.message);
    }
    const team = await foundTeam((await insertHamlet(t.db, '05569')).code);
    for (const [body, name] of [
      [member({ phone: '12345' }), 'phone'],
      [member({ organisation: 'hoi_cuu_chien_binh' }), 'organisation'],
      [member({ role: 'chief' }), 'role'],
      [member({ fullName: '' }), 'fullName'],
      [member({ joinedOn: '2999-01-01' }), 'joinedOn'],
    ] as [object, string][]) {
      const res = await call('POST', `/api/teams/${team.id}/members`, communeAdmin, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(Object.keys(res.json().error.fields ?? {})).toContain(name);
    }
    expect((await call('GET', `/api/teams/${team.id}`, communeAdmin)).json().members).toHaveLength(0);
  });

  it('members: the same person twice or a second leader is refused; sizes outside 2–5 only warn', async () => {
    const team = await foundTeam((await insertHamlet(t.db, '05569')).code);
    const add = (body: object) => call('POST', `/api/teams/${team.id}/members`, communeAdmin, body);
    const leader = member({ role: 'leader', fullName: 'Hoàng Thị Hoa', organisation: 'hoi_phu_nu' });
    const first = await add(leader);
    expect(first.statusCode).toBe(201);
    expect(first.json().warnings.map((w: { code: string }) => w.code)).toEqual(['size_below']);
    // The phone in another form is the same person.
    const samePerson = await add(member({ phone: `+84${leader.phone.slice(1)}` }));
    expect(samePerson.statusCode).toBe(409);
    expect(samePerson.json().error.fields.phone).toContain('Hoàng Thị Hoa');
    const secondLeader = await add(member({ role: 'leader' }));
    expect(secondLeader.statusCode).toBe(409);
    expect(secondLeader.json().error.fields.role).toBeTruthy();
    for (let i = 0; i < 5; i++)
      expect((await add(member({ role: i === 0 ? 'deputy' : 'member' }))).statusCode).toBe(201);
    const six = (await call('GET', `/api/teams/${team.id}`, communeAdmin)).json();
    expect(six.activeMembers).toBe(6);
    expect(six.warnings.map((w: { code: string }) => w.code)).toEqual(['size_above']);
    expect(six.members.map((m: { role: string }) => m.role).slice(0, 2)).toEqual(['leader', 'deputy']);
    // The leader leaves: no leader warning; a new leader may then be named.
    const leaderId = six.members[0].id;
    const left = await call('POST', `/api/team-members/${leaderId}/leave`, communeAdmin, {});
    expect(left.statusCode).toBe(200);
    expect(left.json().warnings.map((w: { code: string }) => w.code)).toEqual(['no_leader']);
    expect((await call('POST', `/api/team-members/${leaderId}/leave`, communeAdmin, {})).statusCode).toBe(409);
    const promoted = await call('PATCH', `/api/team-members/${six.members[1].id}`, communeAdmin, { role: 'leader' });
    expect(promoted.statusCode).toBe(200);
    expect(promoted.json().warnings).toEqual([]);
    // The person who left may join again (a new membership), and their history stays.
    expect((await add({ ...leader, role: 'member' })).statusCode).toBe(201);
    const after = (await call('GET', `/api/teams/${team.id}`, communeAdmin)).json();
    expect(after.members.filter((m: { phone: string }) => m.phone === leader.phone)).toHaveLength(2);
    // A member who left is history: not edited.
    expect((await call('PATCH', `/api/team-members/${leaderId}`, communeAdmin, { fullName: 'Khác' })).statusCode).toBe(
      409,
    );
  });

  it('leaving before joining, or after today, is refused naming leftOn', async () => {
    const team = await foundTeam((await insertHamlet(t.db, '05569')).code);
    const added = await call('POST', `/api/teams/${team.id}/members`, communeAdmin, member({ joinedOn: '2025-06-01' }));
    const id = added.json().members[0].id;
    for (const leftOn of ['2025-05-31', '2999-01-01']) {
      const res = await call('POST', `/api/team-members/${id}/leave`, communeAdmin, { leftOn });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.fields.leftOn).toBeTruthy();
    }
    expect(
      (await call('POST', `/api/team-members/${id}/leave`, communeAdmin, { leftOn: '2025-06-01' })).statusCode,
    ).toBe(200);
  });

  it('dissolving a team ends its memberships; its hamlet may found a new team', async () => {
    const hamlet = (await insertHamlet(t.db, '05569')).code;
    const team = await foundTeam(hamlet);
    await call('POST', `/api/teams/${team.id}/members`, communeAdmin, member());
    await call('POST', `/api/teams/${team.id}/members`, communeAdmin, member());
    const gone = await call('POST', `/api/teams/${team.id}/dissolve`, communeAdmin, {});
    expect(gone.statusCode).toBe(200);
    expect(gone.json().dissolvedOn).toBeTruthy();
    expect(gone.json().members.every((m: { leftOn: string | null }) => m.leftOn === gone.json().dissolvedOn)).toBe(
      true,
    );
    expect((await call('POST', `/api/teams/${team.id}/members`, communeAdmin, member())).statusCode).toBe(409);
    expect((await call('PATCH', `/api/teams/${team.id}`, communeAdmin, { name: 'Mới' })).statusCode).toBe(409);
    await foundTeam(hamlet);
    const list = (await call('GET', `/api/teams?unit=${hamlet}&dissolved=1`, communeAdmin)).json();
    expect(list.items.map((x: { dissolvedOn: string | null }) => !!x.dissolvedOn).sort()).toEqual([false, true]);
  });
});

describe('who sees and changes what', () => {
  it("the team's own members read it with phones masked; administrators in scope see them whole; others are refused", async () => {
    const [team] = (await call('GET', `/api/teams?unit=${hamletA}`, communeAdmin)).json().items;
    const added = await call('POST', `/api/teams/${team.id}/members`, communeAdmin, member({ phone: '0987654321' }));
    expect(added.statusCode).toBe(201);
    expect((await call('GET', `/api/teams/${team.id}`, provinceAdmin)).json().members[0].phone).toBe('0987654321');
    const own = await call('GET', `/api/teams/${team.id}`, memberOfA);
    expect(own.statusCode).toBe(200);
    expect(own.json().members[0].phone).toBe('0987***321');
    expect(own.body).not.toContain('0987654321');
    expect((await call('GET', `/api/teams?unit=${hamletA}`, memberOfA)).statusCode).toBe(200);
    for (const [who, status] of [
      [memberOfB, 403],
      [officer, 403],
      [otherCommuneAdmin, 403],
      [null, 401],
    ] as [Person | null, number][]) {
      expect((await call('GET', `/api/teams/${team.id}`, who)).statusCode).toBe(status);
      expect((await call('GET', '/api/teams?unit=05569', who)).statusCode).toBe(status);
    }
    // A team member reads their hamlet, not the whole commune.
    expect((await call('GET', '/api/teams?unit=05569', memberOfA)).statusCode).toBe(403);
  });

  it('the audit trail records each change without names or phones', async () => {
    const rows = await t.database.query<{ action: string; details: string }>(
      "select action, details::text as details from audit_log where action like 'team%'",
    );
    expect(new Set(rows.map((r) => r.action))).toEqual(
      new Set([
        'team.create',
        'team.update',
        'team.dissolve',
        'team_member.add',
        'team_member.update',
        'team_member.leave',
      ]),
    );
    const text = JSON.stringify(rows);
    expect(text).not.toMatch(/098\d{7}/);
    expect(text).not.toContain('Nguyễn Văn An');
    expect(text).not.toContain('Hoàng Thị Hoa');
  });
});

describe('coverage', () => {
  it('answers for a province (a row per commune and the total), a commune (per hamlet) and a hamlet; public', async () => {
    const province = await call('GET', '/api/teams/coverage?unit=19', null);
    expect(province.statusCode).toBe(200);
    const p = province.json();
    const communes = await t.database.query<{ n: number }>(
      "select count(*)::int as n from units where parent_code = '19' and level = 'commune' and status = 'active'",
    );
    expect(p.rows).toHaveLength(communes[0].n);
    const dinhHoa = p.rows.find((r: { code: string }) => r.code === '05569');
    const commune = (await call('GET', '/api/teams/coverage?unit=05569', null)).json();
    const hamlets = await t.database.query<{ n: number; with_team: number }>(
      `select count(*)::int as n, (count(*) filter (where exists (select 1 from teams t
        where t.hamlet_code = u.code and t.dissolved_on is null)))::int as with_team
       from units u where parent_code = '05569' and level = 'hamlet' and status = 'active'`,
    );
    const members = await t.database.query<{ n: number }>(
      `select count(*)::int as n from team_members m join teams t on t.id = m.team_id
       where t.commune_code = '05569' and m.left_on is null and t.dissolved_on is null`,
    );
    expect(commune.total).toMatchObject({
      hamlets: hamlets[0].n,
      hamletsWithTeam: hamlets[0].with_team,
      members: members[0].n,
    });
    expect(dinhHoa).toMatchObject({
      hamlets: hamlets[0].n,
      hamletsWithTeam: hamlets[0].with_team,
      members: members[0].n,
    });
    expect(p.total.members).toBe(dinhHoa.members);
    expect(commune.rows).toHaveLength(hamlets[0].n);
    expect(Object.values(commune.membersByOrganisation).reduce((a: number, b) => a + Number(b), 0)).toBe(members[0].n);
    expect(Object.values(commune.teamSizes).reduce((a: number, b) => a + Number(b), 0)).toBe(commune.total.teams);
    const one = (await call('GET', `/api/teams/coverage?unit=${hamletA}`, null)).json();
    expect(one.rows).toEqual([expect.objectContaining({ code: hamletA, hamlets: 1, hamletsWithTeam: 1, teams: 1 })]);
    const bad = await call('GET', '/api/teams/coverage?unit=khong-co', null);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields.unit).toBeTruthy();
  });

  it('is exact before and after a fold, with many administrators writing at once; a commune at 100% counts', async () => {
    const read = async () => (await call('GET', '/api/teams/coverage?unit=01840', null)).json();
    const before = await read();
    const admin = await person('commune_admin', { unitCode: '01840' });
    const places = [];
    for (let i = 0; i < 6; i++) places.push(await insertHamlet(t.db, '01840', `Tổ ${i + 20}`));
    const created = await Promise.all(
      places.map((h, i) =>
        call('POST', '/api/teams', i % 2 ? admin : provinceAdmin, { hamletCode: h.code, name: `Tổ CNS ${i}` }),
      ),
    );
    expect(created.map((r) => r.statusCode)).toEqual(Array(6).fill(201));
    // Three members to each team, all teams at once; a fold runs in the middle.
    await Promise.all([
      ...created.flatMap((r) =>
        [0, 1, 2].map((k) =>
          call(
            'POST',
            `/api/teams/${r.json().id}/members`,
            k % 2 ? admin : provinceAdmin,
            member({ organisation: 'cong_an' }),
          ),
        ),
      ),
      t.app.ctx.aggregates.foldAll(),
    ]);
    const mid = await read();
    expect(mid.total.teams - before.total.teams).toBe(6);
    expect(mid.total.members - before.total.members).toBe(18);
    expect(mid.membersByOrganisation.cong_an - before.membersByOrganisation.cong_an).toBe(18);
    await t.app.ctx.aggregates.foldAll();
    const folded = await read();
    expect(folded.total).toEqual(mid.total);
    expect(folded.teamSizes['3']).toBe((before.teamSizes['3'] ?? 0) + 6);
    const deltas = await t.database.query<{ n: number }>('select count(*)::int as n from team_count_deltas');
    expect(deltas[0].n).toBe(0);
    // Every hamlet of 01840 covered: the province counts one more commune at 100%.
    const uncovered = (await call('GET', '/api/teams?unit=01840', admin)).json().hamletsWithoutTeam;
    for (const h of uncovered) await call('POST', '/api/teams', admin, { hamletCode: h.code, name: 'Tổ CNS' });
    const province = (await call('GET', '/api/teams/coverage?unit=19', null)).json();
    expect(province.rows.find((r: { code: string }) => r.code === '01840')).toMatchObject({
      hamlets: folded.total.hamlets,
      hamletsWithTeam: folded.total.hamlets,
    });
    const complete = province.rows.filter(
      (r: { hamlets: number; hamletsWithTeam: number }) => r.hamlets > 0 && r.hamletsWithTeam === r.hamlets,
    );
    expect(complete.map((r: { code: string }) => r.code)).toContain('01840');
    expect(province.total.rowsComplete).toBe(complete.length);
  });
});

describe("a member's sign-in account", () => {
  it('an administrator in scope makes one with a one-time password; the member signs in as a team member of the hamlet', async () => {
    const hamlet = (await insertHamlet(t.db, '05569', 'Nà Lạc')).code;
    const team = await foundTeam(hamlet);
    const added = await call(
      'POST',
      `/api/teams/${team.id}/members`,
      communeAdmin,
      member({ fullName: 'Hà Văn Tuấn' }),
    );
    const m = (added.json().members as { id: string; phone: string; hasAccount: boolean }[])[0];
    expect(m.hasAccount).toBe(false);

    for (const who of [memberOfA, otherCommuneAdmin, officer]) {
      expect((await call('POST', `/api/team-members/${m.id}/account`, who)).statusCode).toBe(403);
    }
    expect((await call('POST', `/api/team-members/${m.id}/account`, null)).statusCode).toBe(401);
    // A refusal makes no account on the way.
    expect(await findUserByPhone(t.db, m.phone)).toBeFalsy();

    const res = await call('POST', `/api/team-members/${m.id}/account`, communeAdmin);
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body.created).toBe(true);
    expect(body.temporaryPassword).toMatch(/^[A-Za-z0-9-]{14}$/);
    expect(body.team.members[0].hasAccount).toBe(true);

    const signIn = await passwordSignIn(t, m.phone, body.temporaryPassword);
    expect(signIn.statusCode).toBe(200);
    expect(signIn.json().assignments).toContainEqual(
      expect.objectContaining({ role: 'team_member', unitCode: hamlet }),
    );
    const me = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: browserFrom(signIn) });
    expect(me.statusCode).toBe(200);

    const again = await call('POST', `/api/team-members/${m.id}/account`, provinceAdmin);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('member_has_account');
  });

  it('a resident who already has an account keeps it and gets the role; a member who left gets none', async () => {
    const hamlet = (await insertHamlet(t.db, '05569', 'Bản Quyên')).code;
    const team = await foundTeam(hamlet);
    const resident = await createUser(t.db, { role: 'citizen', unitCode: null, phone: phone() });
    const added = await call('POST', `/api/teams/${team.id}/members`, communeAdmin, member({ phone: resident.phone }));
    const m = (added.json().members as { id: string }[])[0];
    const res = await call('POST', `/api/team-members/${m.id}/account`, communeAdmin);
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ created: false, temporaryPassword: null });
    const me = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: await t.sessionHeaders(resident.id) });
    expect(me.json().assignments).toContainEqual(expect.objectContaining({ role: 'team_member', unitCode: hamlet }));

    const other = await call('POST', `/api/teams/${team.id}/members`, communeAdmin, member());
    const leaver = (other.json().members as { id: string; fullName: string; phone: string }[]).find(
      (x) => x.id !== m.id,
    )!;
    expect((await call('POST', `/api/team-members/${leaver.id}/leave`, communeAdmin, {})).statusCode).toBe(200);
    const refused = await call('POST', `/api/team-members/${leaver.id}/account`, communeAdmin);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('member_left');
  });
});
