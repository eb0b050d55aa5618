import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../../common/roles.js';
import { vnDate } from '../../platform/calendar.js';
import { createUser } from '../../test/factories.js';
import { createTestApp, type TestApp } from '../../test/harness.js';
import * as catalogRepo from '../catalog/repo.js';
import * as teamsRepo from '../teams/repo.js';
import { insertHamlet } from '../units/test-support.js';

/**
 * Campaigns: the province writes them, a commune splits its targets per team, progress counts people helped to the
 * end in the activity log within the period (exact before and after a fold), a member sees this month's focus.
 */
let t: TestApp;
type Headers = Record<string, string>;
const who: Record<string, Headers> = {};
let vneid: string;
let cTn: string;
let hanoiService: string;
let teamA: { id: string; hamlet: string; member: string };
let teamB: { id: string; hamlet: string; member: string };
let otherCommuneTeam: string;
let authorId: string;
const month = vnDate(new Date()).slice(0, 7);
const prevMonth = (() => {
  const [y, m] = month.split('-').map(Number);
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
})();

const person = async (role: Role, unitCode?: string) =>
  t.sessionHeaders((await createUser(t.db, { role, unitCode })).id);
const send = (headers: Headers | null, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) =>
  t.app.inject({ method, url, headers: headers ?? {}, payload });

async function teamIn(commune: string, name: string) {
  const hamlet = await insertHamlet(t.db, commune, name);
  const team = await teamsRepo.insertTeam(t.db, {
    hamletCode: hamlet.code,
    communeCode: commune,
    unitPath: hamlet.path,
    name: `Tổ ${name}`,
  });
  const member = await teamsRepo.insertMember(t.db, {
    teamId: team.id,
    fullName: 'Lò Văn Thành',
    phone: `09${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`,
    organisation: 'doan_thanh_nien',
    role: 'leader',
    joinedOn: '2025-01-01',
  });
  return { id: team.id, hamlet: hamlet.code, member: member.id, path: hamlet.path };
}

let n = 0;
async function activity(
  team: { id: string; hamlet: string; member: string },
  commune: string,
  on: string,
  items: [string, string, string, number][],
) {
  n += 1;
  const id = `20000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
  await t.db.execute(sql`insert into activities (id, team_id, member_id, author_user_id, commune_code, hamlet_code,
      unit_path, occurred_at, occurred_on, duration_minutes, households, people)
    values (${id}, ${team.id}, ${team.member}, ${authorId}, ${commune}, ${team.hamlet},
      ${`19/${commune}/${team.hamlet}`}, ${`${on}T08:00:00+07:00`}, ${on}, 30, 3, 4)`);
  for (const [serviceId, action, outcome, people] of items)
    await t.db.execute(sql`insert into activity_items (activity_id, service_id, action, outcome, people)
      values (${id}, ${serviceId}, ${action}, ${outcome}, ${people})`);
  return id;
}

const base = () => ({
  provinceCode: '19',
  title: 'Tháng này: định danh điện tử mức 2 và C-Thái Nguyên',
  fromMonth: month,
  toMonth: month,
  whatToDo: 'Đến từng ngõ, gõ từng nhà.',
  focusServiceIds: [vneid, cTn],
  metrics: [
    { serviceId: vneid, action: 'vneid_level2' },
    { serviceId: cTn, action: 'installed_app' },
  ],
  communeTargets: [
    { communeCode: '05569', serviceId: vneid, action: 'vneid_level2', target: 100 },
    { communeCode: '05569', serviceId: cTn, action: 'installed_app', target: 50 },
    { communeCode: '05611', serviceId: vneid, action: 'vneid_level2', target: 40 },
  ],
  status: 'published',
});

beforeAll(async () => {
  t = await createTestApp();
  vneid = (await catalogRepo.findService(t.db, 'vneid', true))!.id;
  cTn = (await catalogRepo.findService(t.db, 'c-thai-nguyen', true))!.id;
  const hanoi = await catalogRepo.insertService(t.db, {
    slug: 'thu-ha-noi',
    name: 'Ứng dụng Hà Nội',
    publisher: 'Hà Nội',
    pillar: 'society',
    purpose: 'Thử',
    provinceCode: '01',
    published: true,
  } as never);
  hanoiService = hanoi.id;
  const a = await teamIn('05569', 'Nà Mòn');
  const b = await teamIn('05569', 'Bản Piềng');
  teamA = a;
  teamB = b;
  otherCommuneTeam = (await teamIn('05611', 'Đồng Xe')).id;
  authorId = (await createUser(t.db, { role: 'commune_admin', unitCode: '05569' })).id;
  who.province = await person('province_admin', '19');
  who.otherProvince = await person('province_admin', '01');
  who.commune = await person('commune_admin', '05569');
  who.otherCommune = await person('commune_admin', '01840');
  who.member = await person('team_member', a.hamlet);
  who.officer = await t.sessionHeaders(
    (await createUser(t.db, { role: 'handling_officer', handlingUnitCode: 'ubnd-05569' })).id,
  );
  who.citizen = await person('citizen');
});
afterAll(() => t.close());

describe('campaigns: who writes and reads', () => {
  let draftId: string;
  it('the province creates a draft; nobody else may, and only it sees the draft', async () => {
    for (const [h, status] of [
      [null, 401],
      [who.citizen, 403],
      [who.member, 403],
      [who.officer, 403],
      [who.commune, 403],
      [who.otherProvince, 403],
    ] as const) {
      const res = await send(h, 'POST', '/api/campaigns', { ...base(), status: 'draft' });
      expect(res.statusCode, res.body).toBe(status);
    }
    const [{ count }] = await t.database.query<{ count: number }>('select count(*)::int as count from campaigns');
    expect(count).toBe(0);
    const res = await send(who.province, 'POST', '/api/campaigns', { ...base(), status: 'draft' });
    expect(res.statusCode, res.body).toBe(201);
    draftId = res.json().id;
    expect(res.json()).toMatchObject({ status: 'draft', fromMonth: month, canEdit: true });
    expect(res.json().metrics.map((m: { label: { vi: string } }) => m.label.vi)).toEqual([
      'VNeID: Kích hoạt định danh điện tử mức 2 (VNeID)',
      expect.stringContaining('C-Thái Nguyên: Cài đặt ứng dụng'),
    ]);
    expect((await send(who.commune, 'GET', `/api/campaigns/${draftId}`)).statusCode).toBe(404);
    expect((await send(who.member, 'GET', `/api/campaigns/${draftId}`)).statusCode).toBe(404);
    expect((await send(who.province, 'GET', `/api/campaigns/${draftId}`)).statusCode).toBe(200);
    const list = await send(who.commune, 'GET', '/api/campaigns?province=19');
    expect(list.statusCode).toBe(200);
    expect(list.json()).toEqual({ items: [], canCreate: false });
    expect((await send(who.province, 'GET', '/api/campaigns')).json().items).toHaveLength(1);
    expect((await send(who.citizen, 'GET', '/api/campaigns?province=19')).statusCode).toBe(403);
    expect((await send(who.otherCommune, 'GET', '/api/campaigns?province=01')).statusCode).toBe(403);
    expect((await send(null, 'GET', '/api/campaigns?province=19')).statusCode).toBe(401);
  });

  it('publishing is an edit by the province only; then communes and members read it', async () => {
    for (const h of [who.commune, who.member, who.otherProvince]) {
      const res = await send(h, 'PUT', `/api/campaigns/${draftId}`, base());
      expect([403, 404]).toContain(res.statusCode);
    }
    expect((await send(who.commune, 'GET', `/api/campaigns/${draftId}`)).statusCode).toBe(404);
    const res = await send(who.province, 'PUT', `/api/campaigns/${draftId}`, base());
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().status).toBe('published');
    const seen = await send(who.commune, 'GET', `/api/campaigns/${draftId}`);
    expect(seen.statusCode).toBe(200);
    expect(seen.json()).toMatchObject({ canEdit: false, focus: [{ slug: 'vneid' }, { slug: 'c-thai-nguyen' }] });
    expect((await send(who.member, 'GET', '/api/campaigns')).json().items).toHaveLength(1);
    expect((await send(who.commune, 'PUT', `/api/campaigns/${draftId}`, base())).statusCode).toBe(403);
    await t.database.query(`delete from campaigns where id = '${draftId}'`);
  });

  it('refuses bad input with the field named, at the limits and past them', async () => {
    const bad = async (patch: object, fieldName: string) => {
      const res = await send(who.province, 'POST', '/api/campaigns', { ...base(), ...patch });
      expect(res.statusCode, res.body).toBe(400);
      expect(JSON.stringify(res.json().error.fields ?? res.json())).toContain(fieldName);
    };
    await bad({ toMonth: prevMonth }, 'toMonth');
    await bad({ fromMonth: '2026-13' }, 'fromMonth');
    await bad({ fromMonth: '2024-01', toMonth: '2026-01' }, 'toMonth'); // 25 months
    await bad({ title: 'x'.repeat(201) }, 'title');
    await bad({ title: ' ' }, 'title');
    await bad({ focusServiceIds: [hanoiService] }, 'focusServiceIds');
    await bad({ focusServiceIds: [vneid, vneid] }, 'focusServiceIds');
    await bad({ metrics: [{ serviceId: vneid, action: 'flew' }] }, 'metrics');
    await bad(
      {
        metrics: [
          { serviceId: vneid, action: 'vneid_level2' },
          { serviceId: vneid, action: 'vneid_level2' },
        ],
        communeTargets: [],
      },
      'metrics',
    );
    await bad(
      { communeTargets: [{ communeCode: '05569', serviceId: vneid, action: 'online_dossier', target: 1 }] },
      'communeTargets',
    );
    await bad(
      { communeTargets: [{ communeCode: '00004', serviceId: vneid, action: 'vneid_level2', target: 1 }] },
      'communeTargets',
    );
    await bad(
      { communeTargets: [{ communeCode: '05569', serviceId: vneid, action: 'vneid_level2', target: -1 }] },
      'communeTargets',
    );
    await bad(
      { communeTargets: [{ communeCode: '05569', serviceId: vneid, action: 'vneid_level2', target: 1_000_001 }] },
      'communeTargets',
    );
    await bad({ provinceCode: '05569' }, 'provinceCode');
    // At the limits: 24 months, a 200-character title, a target of 1,000,000.
    const ok = await send(who.province, 'POST', '/api/campaigns', {
      ...base(),
      status: 'draft',
      title: 'y'.repeat(200),
      fromMonth: '2024-02',
      toMonth: '2026-01',
      communeTargets: [{ communeCode: '05569', serviceId: vneid, action: 'vneid_level2', target: 1_000_000 }],
    });
    expect(ok.statusCode, ok.body).toBe(201);
    await t.database.query(`delete from campaigns where id = '${ok.json().id}'`);
  });
});

describe('campaigns: split, progress and this month’s focus', () => {
  let id: string;
  beforeAll(async () => {
    const res = await send(who.province, 'POST', '/api/campaigns', base());
    expect(res.statusCode, res.body).toBe(201);
    id = res.json().id;
  });

  it('a commune splits its targets per team; a different sum is a warning, never a refusal', async () => {
    const split = {
      targets: [
        { teamId: teamA.id, serviceId: vneid, action: 'vneid_level2', target: 60 },
        { teamId: teamB.id, serviceId: vneid, action: 'vneid_level2', target: 30 },
        { teamId: teamA.id, serviceId: cTn, action: 'installed_app', target: 50 },
      ],
    };
    for (const [h, status] of [
      [null, 401],
      [who.member, 403],
      [who.officer, 403],
      [who.otherCommune, 403],
      [who.citizen, 403],
    ] as const) {
      expect((await send(h, 'PUT', `/api/campaigns/${id}/communes/05569/teams`, split)).statusCode).toBe(status);
      expect((await send(h, 'GET', `/api/campaigns/${id}/communes/05569`)).statusCode).toBe(status);
    }
    const res = await send(who.commune, 'PUT', `/api/campaigns/${id}/communes/05569/teams`, split);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.canEdit).toBe(true);
    expect(body.differences).toEqual([
      {
        serviceId: vneid,
        action: 'vneid_level2',
        communeTarget: 100,
        teamsTotal: 90,
        difference: -10,
        message: {
          vi: 'Tổng chỉ tiêu các tổ còn thiếu 10 người so với chỉ tiêu của xã.',
          en: 'The teams’ targets add up to 10 fewer than the commune’s.',
        },
      },
      { serviceId: cTn, action: 'installed_app', communeTarget: 50, teamsTotal: 50, difference: 0, message: null },
    ]);
    // The province may split too; a team of another commune, an uncounted metric, or a repeat are refused.
    expect((await send(who.province, 'GET', `/api/campaigns/${id}/communes/05569`)).statusCode).toBe(200);
    for (const targets of [
      [{ teamId: otherCommuneTeam, serviceId: vneid, action: 'vneid_level2', target: 1 }],
      [{ teamId: teamA.id, serviceId: vneid, action: 'online_dossier', target: 1 }],
      [
        { teamId: teamA.id, serviceId: vneid, action: 'vneid_level2', target: 1 },
        { teamId: teamA.id, serviceId: vneid, action: 'vneid_level2', target: 2 },
      ],
      [{ teamId: teamA.id, serviceId: vneid, action: 'vneid_level2', target: -1 }],
    ]) {
      const r = await send(who.commune, 'PUT', `/api/campaigns/${id}/communes/05569/teams`, { targets });
      expect(r.statusCode, r.body).toBe(400);
    }
    const again = await send(who.commune, 'GET', `/api/campaigns/${id}/communes/05569`);
    expect(again.json().teams.find((x: { id: string }) => x.id === teamA.id).targets).toHaveLength(2);
    expect((await send(who.commune, 'GET', `/api/campaigns/${id}/communes/01840`)).statusCode).toBe(403);
    expect((await send(who.commune, 'GET', `/api/campaigns/${id}/communes/19`)).statusCode).toBe(400);
  });

  it('progress counts people helped to the end within the period, exact before and after a fold', async () => {
    const day1 = `${month}-01`;
    await activity(teamA, '05569', day1, [
      [vneid, 'vneid_level2', 'done', 5],
      [vneid, 'vneid_level2', 'follow_up', 2], // not done: not counted
      [cTn, 'installed_app', 'done', 3],
      [cTn, 'created_account', 'done', 9], // not a metric
    ]);
    await activity(teamB, '05569', day1, [[vneid, 'vneid_level2', 'done', 4]]);
    await activity(teamA, '05569', `${prevMonth}-15`, [[vneid, 'vneid_level2', 'done', 50]]); // before the period

    const check = async () => {
      const res = await send(who.commune, 'GET', `/api/campaigns/${id}/progress?unit=05569`);
      expect(res.statusCode, res.body).toBe(200);
      const p = res.json();
      const row = (teamId: string) => p.rows.find((r: { code: string }) => r.code === teamId).figures;
      expect(row(teamA.id)).toEqual([
        { serviceId: vneid, action: 'vneid_level2', target: 60, done: 5 },
        { serviceId: cTn, action: 'installed_app', target: 50, done: 3 },
      ]);
      expect(row(teamB.id)).toEqual([
        { serviceId: vneid, action: 'vneid_level2', target: 30, done: 4 },
        { serviceId: cTn, action: 'installed_app', target: 0, done: 0 },
      ]);
      expect(p.total).toEqual([
        { serviceId: vneid, action: 'vneid_level2', target: 100, done: 9 },
        { serviceId: cTn, action: 'installed_app', target: 50, done: 3 },
      ]);
      const prov = await send(who.province, 'GET', `/api/campaigns/${id}/progress?unit=19`);
      expect(prov.statusCode).toBe(200);
      expect(
        prov
          .json()
          .rows.map((r: { code: string }) => r.code)
          .sort(),
      ).toEqual(['05569', '05611']);
      expect(prov.json().total).toEqual([
        { serviceId: vneid, action: 'vneid_level2', target: 140, done: 9 },
        { serviceId: cTn, action: 'installed_app', target: 50, done: 3 },
      ]);
    };
    await check();
    await t.app.ctx.aggregates.foldAll();
    await check();

    for (const [h, unit, status] of [
      [null, '05569', 401],
      [who.member, '05569', 403],
      [who.officer, '05569', 403],
      [who.citizen, '05569', 403],
      [who.otherCommune, '05569', 403],
      [who.commune, '19', 403],
      [who.commune, '01840', 403],
      [who.province, '00004', 400],
    ] as const)
      expect((await send(h, 'GET', `/api/campaigns/${id}/progress?unit=${unit}`)).statusCode, `${unit}`).toBe(status);
  });

  it('exports the progress as a workbook a clerk opens', async () => {
    const res = await send(who.commune, 'GET', `/api/campaigns/${id}/progress.xlsx?unit=05569`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    const rows = ws.getSheetValues().filter(Boolean) as unknown[][];
    expect(rows.some((r) => r[1] === 'Tổ Nà Mòn' && r[2] === 60 && r[3] === 5)).toBe(true);
    expect(rows.some((r) => r[1] === 'Tổng' && r[2] === 100 && r[3] === 9)).toBe(true);
    expect((await send(who.member, 'GET', `/api/campaigns/${id}/progress.xlsx?unit=05569`)).statusCode).toBe(403);
  });

  it('a team member sees this month’s focus, their team’s targets and progress; others are refused', async () => {
    const res = await send(who.member, 'GET', '/api/campaigns/current');
    expect(res.statusCode, res.body).toBe(200);
    const focus = res.json();
    expect(focus.month).toBe(month);
    expect(focus.campaign).toMatchObject({ id, whatToDo: 'Đến từng ngõ, gõ từng nhà.' });
    expect(focus.campaign.focus.map((f: { slug: string }) => f.slug)).toEqual(['vneid', 'c-thai-nguyen']);
    expect(focus.campaign.focus[0].guides.length).toBeGreaterThan(0);
    expect(focus.team).toMatchObject({ id: teamA.id });
    expect(focus.metrics.map((m: { target: number; done: number }) => [m.target, m.done])).toEqual([
      [60, 5],
      [50, 3],
    ]);
    for (const [h, status] of [
      [null, 401],
      [who.citizen, 403],
      [who.commune, 403],
      [who.province, 403],
    ] as const)
      expect((await send(h, 'GET', '/api/campaigns/current')).statusCode).toBe(status);
    // A member whose hamlet has no team, in a month with no campaign: an empty answer, not an error.
    const lonely = await person('team_member', (await insertHamlet(t.db, '05569', 'Khuôn Tát')).code);
    const none = await send(lonely, 'GET', '/api/campaigns/current');
    expect(none.statusCode).toBe(200);
    expect(none.json()).toMatchObject({ team: null, campaign: { id } });
    expect(none.json().metrics.every((m: { target: null; done: number }) => m.target === null && m.done === 0)).toBe(
      true,
    );
  });
});
