import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMPUTED_INDICATORS } from '../../../common/constants/indicators.js';
import type { Role } from '../../../common/roles.js';
import { queryRows } from '../../db/rows.js';
import { createUser } from '../../test/factories.js';
import { createTestApp, type TestApp } from '../../test/harness.js';
import { insertActivityRow } from '../activities/activity-factory.js';
import { insertCategory, insertReports } from '../feedback-stats/report-factory.js';
import { insertHamlet } from '../units/test-support.js';
import { SOURCES } from './computed.js';
import { insertCertificate, insertLearner, insertTeam } from './test-support.js';

/** Computed indicators read from the rollups: values, previous period, by child unit, month by month, who reads. */
let t: TestApp;
type Hamlet = Awaited<ReturnType<typeof insertHamlet>>;
let hamletA: Hamlet;
let hamletB: Hamlet;
const headers: Record<string, Record<string, string>> = {};
const person = async (name: string, role: Role, unitCode: string | null, handlingUnitCode?: string) => {
  const user = await createUser(t.db, { role, unitCode, handlingUnitCode });
  headers[name] = await t.sessionHeaders(user.id);
  return user;
};
const get = (url: string, who = 'provinceAdmin') => t.app.inject({ method: 'GET', url, headers: headers[who] ?? {} });
type V = { code: string; value: number | null; previous: number | null } & Record<string, unknown>;
const valuesOf = async (unit: string, from: string, to: string) => {
  const res = await get(`/api/indicators/values?unit=${unit}&from=${from}&to=${to}`);
  expect(res.statusCode).toBe(200);
  return new Map((res.json().values as V[]).map((v) => [v.code, v]));
};

beforeAll(async () => {
  t = await createTestApp();
  hamletA = await insertHamlet(t.db, '05569', 'Trung Kiên');
  hamletB = await insertHamlet(t.db, '05569', 'Bãi Á');
  const admin = await person('communeAdmin', 'commune_admin', '05569');
  await person('provinceAdmin', 'province_admin', '19');
  await person('otherCommuneAdmin', 'commune_admin', '01840');
  await person('member', 'team_member', hamletA.code);
  await person('citizen', 'citizen', null);
  await person('officer', 'handling_officer', null, 'ubnd-05569');

  const cat = await insertCategory(t.db, { code: 'ind-test' });
  const at = (day: string) => new Date(`${day}T10:00:00+07:00`);
  const inA = { categoryId: cat.id, communeCode: '05569', unitPath: hamletA.path };
  await insertReports(t.db, [
    { ...inA, status: 'resolved', createdAt: at('2026-03-10'), resolvedOnTime: true, rating: 5 },
    { ...inA, status: 'resolved', createdAt: at('2026-03-11'), resolvedOnTime: true, rating: 3 },
    { ...inA, status: 'resolved', createdAt: at('2026-03-12'), resolvedOnTime: false },
    { ...inA, status: 'distributed', createdAt: at('2026-03-13') },
    { ...inA, status: 'pending', createdAt: at('2026-03-20') },
    { ...inA, status: 'cancelled', createdAt: at('2026-03-31') },
    { ...inA, status: 'resolved', createdAt: at('2026-02-03') },
    { ...inA, status: 'resolved', createdAt: at('2026-02-04') },
    // The commune, hamlet unknown: the commune's, in no hamlet's row.
    { categoryId: cat.id, communeCode: '05569', unitPath: '19/05569', status: 'pending', createdAt: at('2026-03-02') },
    { categoryId: cat.id, communeCode: '01840', unitPath: '19/01840', status: 'pending', createdAt: at('2026-03-15') },
  ]);

  // Teams: A's from January with 3 members; B's from January with 2, dissolved on 15 March.
  const teamA = await insertTeam(t.db, hamletA, { members: 3, decisionDate: '2026-01-05' });
  await insertTeam(t.db, hamletB, { members: 2, decisionDate: '2026-01-05', dissolvedOn: '2026-03-15' });

  // Activities of A's team: one in March (2 tasks done, 1 failed), one in February.
  const [vneid] = await queryRows<{ id: string }>(t.db, sql`select id from catalog_services where slug = 'vneid'`);
  const base = {
    teamId: teamA.id,
    memberId: teamA.memberIds[0],
    authorUserId: admin.id,
    communeCode: '05569',
    hamletCode: hamletA.code,
    unitPath: hamletA.path,
  };
  await insertActivityRow(t.db, {
    ...base,
    id: '30000000-0000-4000-8000-000000000001',
    on: '2026-03-05',
    people: 4,
    items: [
      { serviceId: vneid.id, action: 'vneid_level2', outcome: 'done' },
      { serviceId: vneid.id, action: 'vneid_level2', outcome: 'done' },
      { serviceId: null, action: 'scam_awareness', outcome: 'failed' },
    ],
  });
  await insertActivityRow(t.db, { ...base, id: '30000000-0000-4000-8000-000000000002', on: '2026-02-20', people: 1 });

  // Campaigns: a published one in March with targets for Định Hoá (VNeID level 2: 10) and Đức Xuân (5); a draft one,
  // which never counts.
  for (const [id, status, target] of [
    ['40000000-0000-4000-8000-000000000001', 'published', 10],
    ['40000000-0000-4000-8000-000000000002', 'draft', 50],
  ] as const) {
    await t.db.execute(sql`insert into campaigns (id, province_code, title, from_month, to_month, status)
      values (${id}, '19', 'Tháng cao điểm VNeID', '2026-03-01', '2026-03-01', ${status})`);
    await t.db.execute(sql`insert into campaign_metrics (campaign_id, service_id, action)
      values (${id}, ${vneid.id}, 'vneid_level2')`);
    await t.db.execute(sql`insert into campaign_commune_targets (campaign_id, commune_code, service_id, action, target)
      values (${id}, '05569', ${vneid.id}, 'vneid_level2', ${target}),
        (${id}, '01840', ${vneid.id}, 'vneid_level2', ${target / 2})`);
  }

  // Learners: two officials and a youth union member by March, one resident in April; certificates.
  const communeUnit = { code: '05569', path: '19/05569', name: 'Xã Định Hóa' };
  for (const [category, on] of [
    ['official', '2026-01-10'],
    ['official', '2026-03-10'],
    ['youth_union', '2026-03-11'],
    ['resident', '2026-04-02'],
  ] as const) {
    const u = await createUser(t.db, { role: 'citizen' });
    await insertLearner(t.db, u.id, category === 'official' ? communeUnit : hamletA, category, on);
    await insertCertificate(t.db, u.id, communeUnit, on);
  }
  const revoked = await createUser(t.db, { role: 'citizen' });
  await insertCertificate(t.db, revoked.id, communeUnit, '2026-03-15', true);
});
afterAll(() => t.close());

describe('the registry', () => {
  it('lists every indicator; every computed one is read by exactly one source', async () => {
    const res = await get('/api/indicators');
    expect(res.statusCode).toBe(200);
    const codes = res.json().indicators.map((d: { code: string }) => d.code);
    expect(codes).toContain('ext.online_dossiers');
    expect(codes).toContain('reports.received');
    for (const d of COMPUTED_INDICATORS) expect(SOURCES.filter((s) => s.codes.includes(d.code))).toHaveLength(1);
  });
});

describe('computed indicators', () => {
  it('counts reports by status, on time and satisfaction for a province, a commune and a hamlet; previous month', async () => {
    for (const fold of [false, true]) {
      if (fold) await t.app.ctx.aggregates.foldAll();
      const p = await valuesOf('19', '2026-03-01', '2026-03-31');
      expect(p.get('reports.received')).toMatchObject({ value: 8, previous: 2, coveredFrom: '2026-03-01' });
      expect(p.get('reports.resolved')).toMatchObject({ value: 3, previous: 2 });
      expect(p.get('reports.distributed')?.value).toBe(1);
      expect(p.get('reports.pending')?.value).toBe(3);
      expect(p.get('reports.cancelled')?.value).toBe(1);
      // 2 of 3 resolved on time; ratings 5 and 3 of 5 stars each.
      expect(p.get('reports.on_time_rate')).toMatchObject({ value: 66.67, numerator: 2, denominator: 3 });
      expect(p.get('reports.satisfaction')).toMatchObject({ value: 80, numerator: 8, denominator: 10 });
      const c = await valuesOf('05569', '2026-03-01', '2026-03-31');
      expect(c.get('reports.received')?.value).toBe(7);
      const h = await valuesOf(hamletA.code, '2026-03-01', '2026-03-31');
      expect(h.get('reports.received')?.value).toBe(6);
    }
  });

  it('reads the edge days of a period from the daily rollup (a custom range) and compares with as many days before', async () => {
    const res = await get('/api/indicators/values?unit=05569&from=2026-03-11&to=2026-03-20');
    const body = res.json();
    expect(body.previousPeriod).toEqual({ from: '2026-03-01', to: '2026-03-10' });
    const received = body.values.find((v: V) => v.code === 'reports.received');
    // 11, 12, 13 and 20 March; before: 2 and 10 March.
    expect(received).toMatchObject({ value: 4, previous: 2, coveredFrom: '2026-03-11', coveredTo: '2026-03-20' });
  });

  it('counts teams, members and coverage as at the end of the period', async () => {
    const p = await valuesOf('05569', '2026-03-01', '2026-03-31');
    expect(p.get('teams.count')).toMatchObject({ value: 1, previous: 2 });
    expect(p.get('teams.members')).toMatchObject({ value: 3, previous: 5 });
    expect(p.get('teams.coverage')).toMatchObject({ value: 50, numerator: 1, denominator: 2, previous: 100 });
    expect(p.get('teams.coverage')).toMatchObject({ target: 100, targetMet: false });
    expect(p.has('teams.communes_covered')).toBe(false);
    const prov = await valuesOf('19', '2026-02-01', '2026-02-28');
    // Only Định Hóa has hamlets in this database: it was covered in February.
    expect(prov.get('teams.communes_covered')).toMatchObject({ value: 100, target: 100, targetMet: true });
  });

  it('counts activities, people helped and tasks done by service over whole months', async () => {
    const p = await valuesOf('19', '2026-03-05', '2026-03-25');
    expect(p.get('activities.sessions')).toMatchObject({
      value: 1,
      coveredFrom: '2026-03-01',
      coveredTo: '2026-03-31',
    });
    expect(p.get('activities.people')?.value).toBe(4);
    const items = p.get('activities.items_done') as V & { subjects: { subject: string; value: number }[] };
    expect(items.value).toBe(2);
    expect(items.subjects).toEqual([expect.objectContaining({ subject: 'VNeID', value: 2 })]);
  });

  it('measures campaign progress: people helped to done against the published campaigns’ commune targets', async () => {
    const march = await valuesOf('19', '2026-03-01', '2026-03-31');
    expect(march.get('campaigns.progress')).toMatchObject({ numerator: 2, denominator: 15, value: 13.33 });
    expect((await valuesOf('05569', '2026-03-01', '2026-03-31')).get('campaigns.progress')).toMatchObject({
      numerator: 2,
      denominator: 10,
      value: 20,
    });
    // No campaign ran in April: nothing to measure.
    expect((await valuesOf('19', '2026-04-01', '2026-04-30')).get('campaigns.progress')?.value).toBeNull();
    const res = await get('/api/indicators/campaigns.progress/by-unit?unit=19&from=2026-03-01&to=2026-03-31');
    expect(res.statusCode).toBe(200);
    const rows = res.json().rows as { code: string; value: number | null; denominator: number | null }[];
    expect(rows).toHaveLength(92);
    expect(rows.find((r) => r.code === '05569')).toMatchObject({ value: 20, denominator: 10 });
    expect(rows.find((r) => r.code === '01840')).toMatchObject({ value: 0, denominator: 5 });
    expect(rows.filter((r) => r.value != null)).toHaveLength(2);
  });

  it('counts learners so far by group, and certificates issued and not revoked', async () => {
    const p = await valuesOf('19', '2026-03-01', '2026-03-31');
    expect(p.get('learners.total')).toMatchObject({ value: 3, previous: 1 });
    expect(p.get('learners.officials')?.value).toBe(2);
    expect(p.get('learners.youth_and_teams')?.value).toBe(1);
    expect(p.get('certificates.issued')).toMatchObject({ value: 2, previous: 0 });
    const h = await valuesOf(hamletA.code, '2026-03-01', '2026-03-31');
    expect(h.has('learners.total')).toBe(false);
  });
});

describe('by unit and month by month', () => {
  it('gives every commune of the province, zeros included, adding up to the total', async () => {
    const res = await get('/api/indicators/reports.received/by-unit?unit=19&from=2026-03-01&to=2026-03-31');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    const communes = await queryRows<{ n: number }>(
      t.db,
      sql`select count(*)::int as n from units where parent_code = '19' and status = 'active'`,
    );
    expect(body.rows).toHaveLength(communes[0].n);
    const row = (code: string) => body.rows.find((r: { code: string }) => r.code === code);
    expect(row('05569').value).toBe(7);
    expect(row('01840').value).toBe(1);
    expect(body.rows.filter((r: { value: number }) => r.value === 0).length).toBe(communes[0].n - 2);
    expect(body.rows.reduce((s: number, r: { value: number }) => s + r.value, 0)).toBe(body.total.value);
  });

  it('gives the hamlets of a commune for teams and activities', async () => {
    const teams = (await get(`/api/indicators/teams.members/by-unit?unit=05569&from=2026-02-01&to=2026-02-28`)).json();
    expect(teams.rows.map((r: { code: string; value: number }) => [r.code, r.value]).sort()).toEqual(
      [
        [hamletA.code, 3],
        [hamletB.code, 2],
      ].sort(),
    );
    expect(teams.total.value).toBe(5);
    const sessions = (
      await get(`/api/indicators/activities.sessions/by-unit?unit=05569&from=2026-03-01&to=2026-03-31`)
    ).json();
    const a = sessions.rows.find((r: { code: string }) => r.code === hamletA.code);
    const b = sessions.rows.find((r: { code: string }) => r.code === hamletB.code);
    expect([a.value, b.value]).toEqual([1, 0]);
    // Learners are kept by commune: a commune's hamlets have no figure.
    const learners = (
      await get(`/api/indicators/learners.total/by-unit?unit=05569&from=2026-03-01&to=2026-03-31`)
    ).json();
    expect(learners.rows.every((r: { value: null }) => r.value === null)).toBe(true);
    expect(learners.total.value).toBe(3);
  });

  it('gives a series month by month', async () => {
    const res = await get('/api/indicators/reports.received/series?unit=19&from=2026-01-01&to=2026-04-30');
    expect(res.json().points.map((p: { month: string; value: number }) => [p.month, p.value])).toEqual([
      ['2026-01', 0],
      ['2026-02', 2],
      ['2026-03', 8],
      ['2026-04', 0],
    ]);
    const teams = await get('/api/indicators/teams.count/series?unit=05569&from=2026-01-01&to=2026-03-31');
    expect(teams.json().points.map((p: { value: number }) => p.value)).toEqual([2, 2, 1]);
    // B's two members leave with it in March: joining and leaving both counted, each in its month.
    const members = await get('/api/indicators/teams.members/series?unit=05569&from=2026-01-01&to=2026-03-31');
    expect(members.json().points.map((p: { value: number }) => p.value)).toEqual([5, 5, 3]);
    const learners = await get('/api/indicators/learners.total/series?unit=19&from=2026-01-01&to=2026-04-30');
    expect(learners.json().points.map((p: { value: number }) => p.value)).toEqual([1, 1, 3, 4]);
  });
});

describe('reading: bad input and who may', () => {
  it('refuses bad periods and units naming the field, and an unknown indicator', async () => {
    const bad = async (url: string, field: string) => {
      const res = await get(url);
      expect(res.statusCode).toBe(400);
      expect(res.json().fields?.[field] ?? res.json()).toBeTruthy();
      expect(JSON.stringify(res.json())).toContain(field);
    };
    await bad('/api/indicators/values?unit=19&from=2026-03-31&to=2026-03-01', 'to');
    await bad('/api/indicators/values?unit=19&from=2026-02-30&to=2026-03-01', 'from');
    await bad('/api/indicators/values?unit=19&from=2020-01-01&to=2026-03-01', 'to');
    await bad('/api/indicators/values?unit=nowhere&from=2026-03-01&to=2026-03-31', 'unit');
    await bad('/api/indicators/values?unit=19&from=2026-3-1&to=2026-03-31', 'from');
    const unknown = await get('/api/indicators/no.such/series?unit=19&from=2026-03-01&to=2026-03-31');
    expect(unknown.statusCode).toBe(404);
  });

  it('lets administrators of the unit or above read, and nobody else', async () => {
    const url = (unit: string) => `/api/indicators/values?unit=${unit}&from=2026-03-01&to=2026-03-31`;
    expect((await get(url('19'), 'provinceAdmin')).statusCode).toBe(200);
    expect((await get(url('05569'), 'provinceAdmin')).statusCode).toBe(200);
    expect((await get(url('05569'), 'communeAdmin')).statusCode).toBe(200);
    expect((await get(url(hamletA.code), 'communeAdmin')).statusCode).toBe(200);
    expect((await get(url('19'), 'communeAdmin')).statusCode).toBe(403);
    expect((await get(url('05569'), 'otherCommuneAdmin')).statusCode).toBe(403);
    expect((await get(url(hamletA.code), 'member')).statusCode).toBe(403);
    expect((await get(url('05569'), 'officer')).statusCode).toBe(403);
    expect((await get(url('05569'), 'citizen')).statusCode).toBe(403);
    expect((await get(url('05569'), 'nobody')).statusCode).toBe(401);
    const byUnit = `/api/indicators/reports.received/by-unit?unit=19&from=2026-03-01&to=2026-03-31`;
    expect((await get(byUnit, 'communeAdmin')).statusCode).toBe(403);
    const series = `/api/indicators/reports.received/series?unit=05569&from=2026-03-01&to=2026-03-31`;
    expect((await get(series, 'otherCommuneAdmin')).statusCode).toBe(403);
    expect((await get('/api/indicators', 'nobody')).statusCode).toBe(401);
  });
});
