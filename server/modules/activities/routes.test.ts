/**
 * The activity log's other routes, each with who can and who cannot: one activity online, a unit's list, one
 * activity, edits and corrections, residents' personal data (every read audited) and the XLSX export.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/harness.js';
import { activity, count, get, hamletWithTeam, linkedMember, type Person, person, sync } from './test-support.js';

let t: TestApp;
let teamA: Awaited<ReturnType<typeof hamletWithTeam>>;
let teamB: Awaited<ReturnType<typeof hamletWithTeam>>;
let author: Person;
let otherMember: Person;
let communeAdmin: Person;
let otherCommuneAdmin: Person;
let provinceAdmin: Person;
let citizen: Person;
const RESIDENT = { fullName: 'Hoàng Thị Bích', phone: '0912000111', birthYear: 1950 };
let withResident: ReturnType<typeof activity>;

function inject(who: Person | null, method: 'POST' | 'PATCH', url: string, payload: object) {
  return t.app.inject({ method, url, headers: who?.headers ?? {}, payload });
}
const auditRows = (action: string, resourceId?: string) =>
  count(
    t,
    'select count(*)::int as n from audit_log where action = $1 and ($2::text is null or resource_id = $2::text)',
    [action, resourceId ?? null],
  );

beforeAll(async () => {
  t = await createTestApp();
  teamA = await hamletWithTeam(t, '05569', 'Trung Kiên');
  teamB = await hamletWithTeam(t, '05569', 'Bãi Á');
  author = await linkedMember(t, teamA);
  otherMember = await linkedMember(t, teamB);
  communeAdmin = await person(t, 'commune_admin', '05569');
  otherCommuneAdmin = await person(t, 'commune_admin', '05611');
  provinceAdmin = await person(t, 'province_admin', '19');
  citizen = await person(t, 'citizen');
  withResident = activity(teamA.hamlet.code, {
    occurredAt: '2026-06-15T09:00:00+07:00',
    residents: [{ ...RESIDENT, consent: { given: true, purpose: 'Liên hệ hỗ trợ tiếp' } }],
  });
  expect((await sync(t, author, [withResident])).json().results[0].status).toBe('created');
});
afterAll(() => t.close());

describe('POST /api/activities', () => {
  it('new: 201; the same id again: 200 with the one already there; another author’s id: 409; no membership: 403', async () => {
    const a = activity(teamA.hamlet.code);
    const first = await inject(author, 'POST', '/api/activities', a);
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ id: a.id, version: 1, teamId: teamA.teamId, residentCount: 0 });
    const again = await inject(author, 'POST', '/api/activities', { ...a, households: 99 });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ id: a.id, version: 1, households: a.households });
    const taken = await inject(otherMember, 'POST', '/api/activities', { ...activity(teamB.hamlet.code), id: a.id });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error.code).toBe('id_taken');
    expect((await inject(citizen, 'POST', '/api/activities', activity(teamA.hamlet.code))).statusCode).toBe(403);
    expect((await inject(null, 'POST', '/api/activities', activity(teamA.hamlet.code))).statusCode).toBe(401);
    const wrongHamlet = await inject(author, 'POST', '/api/activities', activity(teamB.hamlet.code));
    expect(wrongHamlet.statusCode).toBe(400);
    expect(Object.keys(wrongHamlet.json().error.fields)).toEqual(['hamletCode']);
    expect(await count(t, 'select count(*)::int as n from activities where id = $1', [a.id])).toBe(1);
  });
});

describe('GET /api/activities/:id', () => {
  it('the author and administrators in scope read it; others are told it does not exist', async () => {
    const url = `/api/activities/${withResident.id}`;
    for (const who of [author, communeAdmin, provinceAdmin]) {
      const res = await get(t, who, url);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ id: withResident.id, residentCount: 1 });
      expect(res.body).not.toContain(RESIDENT.phone);
      expect(res.body).not.toContain(RESIDENT.fullName);
    }
    for (const who of [otherMember, otherCommuneAdmin, citizen]) expect((await get(t, who, url)).statusCode).toBe(404);
    expect((await get(t, null, url)).statusCode).toBe(401);
  });
});

describe('GET /api/activities?unit=', () => {
  it('commune and province administrators list a commune or a hamlet in a period, residents only counted', async () => {
    const june = await get(t, communeAdmin, '/api/activities?unit=05569&from=2026-06-01&to=2026-06-30');
    expect(june.statusCode).toBe(200);
    expect(june.json().activities.map((a: { id: string }) => a.id)).toEqual([withResident.id]);
    expect(june.body).not.toContain(RESIDENT.phone);
    const hamlet = await get(t, provinceAdmin, `/api/activities?unit=${teamA.hamlet.code}`);
    expect(hamlet.statusCode).toBe(200);
    expect(hamlet.json().activities.map((a: { id: string }) => a.id)).toContain(withResident.id);
    const otherHamlet = await get(t, communeAdmin, `/api/activities?unit=${teamB.hamlet.code}`);
    expect(otherHamlet.json().activities.map((a: { id: string }) => a.id)).not.toContain(withResident.id);
    const july = await get(t, communeAdmin, '/api/activities?unit=05569&from=2026-07-01&to=2026-07-31');
    expect(july.json().activities.map((a: { id: string }) => a.id)).not.toContain(withResident.id);
  });

  it('another commune’s administrator, team members and citizens: 403; anonymous: 401; a province: 400 naming unit', async () => {
    for (const who of [otherCommuneAdmin, author, otherMember, citizen])
      expect((await get(t, who, '/api/activities?unit=05569')).statusCode).toBe(403);
    expect((await get(t, null, '/api/activities?unit=05569')).statusCode).toBe(401);
    const province = await get(t, provinceAdmin, '/api/activities?unit=19');
    expect(province.statusCode).toBe(400);
    expect(Object.keys(province.json().error.fields)).toEqual(['unit']);
  });
});

describe('PATCH /api/activities/:id', () => {
  const body = (a: ReturnType<typeof activity>, over: object) => {
    const { id: _id, ...rest } = a;
    return { ...rest, ...over };
  };

  it('the author edits within 7 days with the version they saw; an older version is 409 and nothing changes', async () => {
    const a = activity(teamA.hamlet.code);
    await sync(t, author, [a]);
    const ok = await inject(author, 'PATCH', `/api/activities/${a.id}`, body(a, { households: 6, baseVersion: 1 }));
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ version: 2, households: 6, correctedAt: null });
    const stale = await inject(author, 'PATCH', `/api/activities/${a.id}`, body(a, { households: 2, baseVersion: 1 }));
    expect(stale.statusCode).toBe(409);
    expect(Object.keys(stale.json().error.fields)).toEqual(['baseVersion']);
    expect(await count(t, 'select households as n from activities where id = $1', [a.id])).toBe(6);
  });

  it('an edit that leaves out residents keeps them; named again, they keep their consent record; [] removes them', async () => {
    const resident = { ...RESIDENT, consent: { given: true as const, purpose: 'Liên hệ hỗ trợ tiếp' } };
    const a = activity(teamA.hamlet.code, { residents: [resident] });
    await sync(t, author, [a]);
    const consentAt = async () =>
      (
        await t.database.query<{ at: string }>(
          'select consent_recorded_at::text as at from activity_residents where activity_id = $1',
          [a.id],
        )
      ).map((r) => r.at);
    const recorded = await consentAt();
    const { residents: _r, ...withoutResidents } = body(a, {});
    const kept = await inject(author, 'PATCH', `/api/activities/${a.id}`, { ...withoutResidents, baseVersion: 1 });
    expect(kept.json()).toMatchObject({ version: 2, residentCount: 1 });
    // The offline path too: a sync edit without the field.
    const { residents: _s, ...syncWithout } = a;
    expect((await sync(t, author, [{ ...syncWithout, baseVersion: 2 }])).json().results[0].status).toBe('updated');
    const again = await inject(author, 'PATCH', `/api/activities/${a.id}`, body(a, { baseVersion: 3 }));
    expect(again.json()).toMatchObject({ version: 4, residentCount: 1 });
    expect(await consentAt()).toEqual(recorded);
    const cleared = await inject(
      author,
      'PATCH',
      `/api/activities/${a.id}`,
      body(a, { residents: [], baseVersion: 4 }),
    );
    expect(cleared.json()).toMatchObject({ version: 5, residentCount: 0 });
  });

  it('after 7 days the author may not; the commune administrator corrects with a reason, audited', async () => {
    const a = activity(teamA.hamlet.code);
    await sync(t, author, [a]);
    await t.database.query(`update activities set created_at = now() - interval '8 days' where id = $1`, [a.id]);
    const late = await inject(author, 'PATCH', `/api/activities/${a.id}`, body(a, { people: 9, baseVersion: 1 }));
    expect(late.statusCode).toBe(403);
    expect(late.json().error.code).toBe('edit_window_closed');
    const noReason = await inject(
      communeAdmin,
      'PATCH',
      `/api/activities/${a.id}`,
      body(a, { people: 9, baseVersion: 1 }),
    );
    expect(noReason.statusCode).toBe(400);
    expect(Object.keys(noReason.json().error.fields)).toEqual(['reason']);
    const ok = await inject(
      communeAdmin,
      'PATCH',
      `/api/activities/${a.id}`,
      body(a, { people: 9, baseVersion: 1, reason: 'Tổ báo số người ghi thiếu' }),
    );
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ version: 2, people: 9, correctedAt: expect.any(String) });
    const [audit] = await t.database.query<{ reason: string; actor_id: string }>(
      `select reason, actor_id from audit_log where action = 'activity.correct' and resource_id = $1`,
      [a.id],
    );
    expect(audit).toEqual({ reason: 'Tổ báo số người ghi thiếu', actor_id: communeAdmin.id });
  });

  it('nobody else edits: another team’s member, another commune’s administrator, a citizen (404); the province (403)', async () => {
    const a = activity(teamA.hamlet.code);
    await sync(t, author, [a]);
    const patch = body(a, { people: 1, baseVersion: 1, reason: 'Thử' });
    for (const who of [otherMember, otherCommuneAdmin, citizen])
      expect((await inject(who, 'PATCH', `/api/activities/${a.id}`, patch)).statusCode).toBe(404);
    expect((await inject(provinceAdmin, 'PATCH', `/api/activities/${a.id}`, patch)).statusCode).toBe(403);
    expect((await inject(null, 'PATCH', `/api/activities/${a.id}`, patch)).statusCode).toBe(401);
    expect(await count(t, 'select version as n from activities where id = $1', [a.id])).toBe(1);
  });
});

describe('GET /api/activities/:id/residents', () => {
  it('the author, the commune administrator and an auditor read them, each read audited', async () => {
    const url = `/api/activities/${withResident.id}/residents`;
    const before = await auditRows('activity.read_residents', withResident.id);
    for (const who of [author, communeAdmin, provinceAdmin]) {
      const res = await get(t, who, url);
      expect(res.statusCode).toBe(200);
      expect(res.json().residents).toEqual([
        expect.objectContaining({
          ...RESIDENT,
          consentPurpose: 'Liên hệ hỗ trợ tiếp',
          consentRecordedBy: expect.any(String),
        }),
      ]);
    }
    expect(await auditRows('activity.read_residents', withResident.id)).toBe(before + 3);
  });

  it('nobody else: another team’s member, another commune’s administrator, a citizen (404), anonymous (401); no audit', async () => {
    const url = `/api/activities/${withResident.id}/residents`;
    const before = await auditRows('activity.read_residents');
    for (const who of [otherMember, otherCommuneAdmin, citizen]) {
      const res = await get(t, who, url);
      expect(res.statusCode).toBe(404);
      expect(res.body).not.toContain(RESIDENT.phone);
    }
    expect((await get(t, null, url)).statusCode).toBe(401);
    expect(await auditRows('activity.read_residents')).toBe(before);
  });
});

describe('GET /api/activities/export.xlsx', () => {
  async function sheetText(body: Buffer) {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(body as unknown as ArrayBuffer);
    const out: string[] = [];
    wb.eachSheet((ws) => {
      ws.eachRow((row) => {
        out.push(JSON.stringify(row.values));
      });
    });
    return { names: wb.worksheets.map((w) => w.name), text: out.join('\n') };
  }

  it('without a purpose: activities only, no resident; with one: the residents’ sheet, audited with the purpose', async () => {
    const plain = await get(t, communeAdmin, '/api/activities/export.xlsx?unit=05569&from=2026-06-01&to=2026-06-30');
    expect(plain.statusCode).toBe(200);
    expect(plain.headers['content-type']).toContain('spreadsheetml');
    const p = await sheetText(plain.rawPayload);
    expect(p.names).toEqual(['Hoạt động']);
    expect(p.text).toContain(withResident.id);
    expect(p.text).not.toContain(RESIDENT.phone);
    const purpose = 'Gọi lại người dân cần hỗ trợ tiếp';
    const full = await get(
      t,
      communeAdmin,
      `/api/activities/export.xlsx?unit=05569&purpose=${encodeURIComponent(purpose)}`,
    );
    expect(full.statusCode).toBe(200);
    const f = await sheetText(full.rawPayload);
    expect(f.names).toEqual(['Hoạt động', 'Người dân']);
    expect(f.text).toContain(RESIDENT.phone);
    const [audit] = await t.database.query<{ reason: string }>(
      `select reason from audit_log where action = 'activity.export_residents' and actor_id = $1`,
      [communeAdmin.id],
    );
    expect(audit.reason).toBe(purpose);
  });

  it('another commune’s administrator, team members, citizens: 403; anonymous: 401', async () => {
    for (const who of [otherCommuneAdmin, author, citizen])
      expect((await get(t, who, '/api/activities/export.xlsx?unit=05569')).statusCode).toBe(403);
    expect((await get(t, null, '/api/activities/export.xlsx?unit=05569')).statusCode).toBe(401);
  });
});

describe('the team leader', () => {
  it('reads the team’s activities (list of the hamlet, one activity) but not residents, and edits nothing', async () => {
    const leader = await linkedMember(t, teamA);
    await t.database.query(`update team_members set role = 'leader' where user_id = $1`, [leader.id]);
    const plain = await linkedMember(t, teamA);
    const list = await get(t, leader, `/api/activities?unit=${teamA.hamlet.code}`);
    expect(list.statusCode).toBe(200);
    expect(list.json().activities.map((a: { id: string }) => a.id)).toContain(withResident.id);
    expect(list.body).not.toContain(RESIDENT.phone);
    expect((await get(t, leader, '/api/activities?unit=05569')).statusCode).toBe(403);
    expect((await get(t, leader, `/api/activities?unit=${teamB.hamlet.code}`)).statusCode).toBe(403);
    expect((await get(t, leader, `/api/activities/${withResident.id}`)).statusCode).toBe(200);
    const before = await auditRows('activity.read_residents');
    expect((await get(t, leader, `/api/activities/${withResident.id}/residents`)).statusCode).toBe(403);
    expect(await auditRows('activity.read_residents')).toBe(before);
    const { id: _id, ...rest } = withResident;
    const patch = await inject(leader, 'PATCH', `/api/activities/${withResident.id}`, { ...rest, baseVersion: 1 });
    expect(patch.statusCode).toBe(403);
    // A member who does not lead the team reads only their own.
    expect((await get(t, plain, `/api/activities/${withResident.id}`)).statusCode).toBe(404);
    expect((await get(t, plain, `/api/activities?unit=${teamA.hamlet.code}`)).statusCode).toBe(403);
  });
});
