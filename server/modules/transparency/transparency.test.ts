import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommuneTransparency } from '../../../common/transparency.js';
import { createUser } from '../../test/factories.js';
import { createTestApp, type TestApp } from '../../test/harness.js';
import { insertActivityRow } from '../activities/activity-factory.js';
import { type FakeReport, insertCategory, insertReports } from '../feedback-stats/report-factory.js';
import { publishTestCourse, testCourseContent } from '../learning/test-support.js';
import { insertHamlet } from '../units/test-support.js';
import { periodOf } from './service.js';

/**
 * The public transparency page of a commune: its figures from data made by the factories, the province's rates
 * beside them, nothing personal in the answer, 404 for what is not a commune, a hamlet sent to its commune, bad
 * periods named, no sign-in.
 */
let t: TestApp;
let hamletA: { code: string; path: string };
let citizenHeaders: Record<string, string>;

/** Every personal string the fixtures hold: none may appear in a public answer. */
const PERSONAL = [
  'Hoàng Thị Bí Mật',
  '0987650001',
  'Ma Văn Kiên',
  '0912345000',
  'Lò Thị Hoa',
  '0912345001',
  'Vi Văn Công',
  '0912345002',
  'Trần Học Viên',
  '0977000001',
];

const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url, headers });
const url = (code: string, query = '?from=2026-03&to=2026-06') => `/api/public/communes/${code}/transparency${query}`;
const at = (day: string) => new Date(`${day}T05:00:00Z`);

beforeAll(async () => {
  t = await createTestApp();
  hamletA = await insertHamlet(t.db, '05569', 'Trung Kiên');
  const hamletB = await insertHamlet(t.db, '05569', 'Bãi Á');
  await insertHamlet(t.db, '05569', 'Nà Mòn');
  await insertHamlet(t.db, '05611', 'Phú Nam');
  const admin = await createUser(t.db, { role: 'commune_admin', unitCode: '05569' });
  const adminHeaders = await t.sessionHeaders(admin.id);
  citizenHeaders = await t.sessionHeaders((await createUser(t.db, { role: 'citizen' })).id);

  // Reports: the commune's (one filed for a hamlet, counted in its commune), its neighbour's, one after the period.
  const cat = await insertCategory(t.db, { code: 'minh-bach-gt', nameVi: 'Giao thông' });
  const here = { categoryId: cat.id, communeCode: '05569', unitPath: '19/05569' };
  const who = { reporterName: 'Hoàng Thị Bí Mật', reporterPhone: '0987650001', address: 'Số 7 ngõ 3' };
  const rows: FakeReport[] = [
    { ...here, ...who, status: 'resolved', createdAt: at('2026-03-05'), resolvedOnTime: true, rating: 5 },
    { ...here, status: 'resolved', createdAt: at('2026-03-06'), resolvedOnTime: true, rating: 4 },
    { ...here, status: 'resolved', createdAt: at('2026-03-07'), resolvedOnTime: true, rating: 4 },
    { ...here, status: 'resolved', createdAt: at('2026-03-08'), resolvedOnTime: false, rating: 2 },
    { ...here, status: 'distributed', createdAt: at('2026-03-09') },
    { ...here, status: 'pending', createdAt: at('2026-03-10') },
    { ...here, status: 'cancelled', cancelReason: 'spam', createdAt: at('2026-03-11') },
    { ...here, status: 'resolved', createdAt: at('2026-04-02'), resolvedOnTime: true, rating: 5 },
    {
      ...here,
      unitPath: hamletA.path,
      status: 'resolved',
      createdAt: at('2026-04-03'),
      resolvedOnTime: true,
      rating: 3,
    },
    { ...here, status: 'resolved', createdAt: at('2026-07-01'), resolvedOnTime: true, rating: 1 },
    {
      ...here,
      communeCode: '05611',
      unitPath: '19/05611',
      status: 'resolved',
      createdAt: at('2026-04-09'),
      resolvedOnTime: false,
    },
    { ...here, communeCode: '05611', unitPath: '19/05611', status: 'distributed', createdAt: at('2026-05-09') },
    { ...here, communeCode: '05611', unitPath: '19/05611', status: 'distributed', createdAt: at('2026-05-10') },
  ];
  await insertReports(t.db, rows);

  // Teams: hamlets A and B have one (A: two members, B: one), the third hamlet none; Phú Lương's hamlet none.
  const team = async (hamletCode: string, name: string) =>
    (
      await t.app.inject({ method: 'POST', url: '/api/teams', headers: adminHeaders, payload: { hamletCode, name } })
    ).json().id as string;
  const member = async (teamId: string, payload: object) => {
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/teams/${teamId}/members`,
      headers: adminHeaders,
      payload,
    });
    expect(res.statusCode).toBe(201);
    return res.json().members as { id: string; fullName: string }[];
  };
  const teamA = await team(hamletA.code, 'Tổ Trung Kiên');
  const membersA = await member(teamA, {
    fullName: 'Ma Văn Kiên',
    phone: '0912345000',
    organisation: 'doan_thanh_nien',
    role: 'leader',
  });
  await member(teamA, { fullName: 'Lò Thị Hoa', phone: '0912345001', organisation: 'hoi_phu_nu', role: 'member' });
  const teamB = await team(hamletB.code, 'Tổ Bãi Á');
  await member(teamB, { fullName: 'Vi Văn Công', phone: '0912345002', organisation: 'cong_an', role: 'leader' });

  // Activities of team A: two in the period, one after it.
  const base = {
    teamId: teamA,
    memberId: membersA.find((m) => m.fullName === 'Ma Văn Kiên')!.id,
    authorUserId: admin.id,
    communeCode: '05569',
    hamletCode: hamletA.code,
    unitPath: hamletA.path,
  };
  await insertActivityRow(t.db, {
    ...base,
    id: '30000000-0000-4000-8000-000000000001',
    on: '2026-03-12',
    households: 3,
    people: 4,
  });
  await insertActivityRow(t.db, {
    ...base,
    id: '30000000-0000-4000-8000-000000000002',
    on: '2026-04-20',
    households: 2,
    people: 2,
  });
  await insertActivityRow(t.db, {
    ...base,
    id: '30000000-0000-4000-8000-000000000003',
    on: '2026-07-02',
    households: 9,
    people: 9,
  });

  // Learners: three of the commune enrol (two finish the one-lesson course and get its certificate), one of Phú Lương.
  const content = testCourseContent({ lessons: 1, quiz: null });
  const courseId = await publishTestCourse(t.db, content);
  const learner = async (unitCode: string, finish: boolean, fullName?: string, phone?: string) => {
    const user = await createUser(t.db, { role: 'citizen', fullName, phone });
    const h = await t.sessionHeaders(user.id);
    const enrolled = await t.app.inject({
      method: 'POST',
      url: `/api/courses/${courseId}/enrolment`,
      headers: h,
      payload: { category: 'resident', unitCode },
    });
    expect(enrolled.statusCode).toBeLessThan(300);
    if (finish) {
      const done = await t.app.inject({
        method: 'PUT',
        url: `/api/courses/${courseId}/lessons/${content.lessons[0].id}/done`,
        headers: h,
      });
      expect(done.statusCode).toBe(200);
    }
  };
  await learner(hamletA.code, true, 'Trần Học Viên', '0977000001');
  await learner('05569', true);
  await learner('05569', false);
  await learner('05611', true);
  // Enrolled, completed and certified in April 2026 (the triggers count the move as any change).
  await t.db.execute(sql`update learners set first_enrolled_at = '2026-04-10T03:00:00Z'`);
  await t.db.execute(sql`update course_enrolments set enrolled_at = '2026-04-10T03:00:00Z',
    completed_at = case when completed_at is null then null else '2026-04-15T03:00:00Z'::timestamptz end`);
  await t.db.execute(sql`update certificates set issued_at = '2026-04-15T03:00:00Z', issued_on = '2026-04-15'`);
}, 120_000);
afterAll(() => t.close());

/** Every key of a JSON value, as dotted paths (array items as []). */
function keysOf(v: unknown, prefix = ''): string[] {
  if (Array.isArray(v)) return [...new Set(v.flatMap((x) => keysOf(x, `${prefix.slice(0, -1)}[].`)))];
  if (v && typeof v === 'object')
    return Object.entries(v).flatMap(([k, x]) => [`${prefix}${k}`, ...keysOf(x, `${prefix}${k}.`)]);
  return [];
}

describe('GET /api/public/communes/:code/transparency', () => {
  it("counts the commune's reports, teams and learners of the period, beside the province's rates; the same after a fold", async () => {
    const check = async () => {
      const res = await get(url('05569'));
      expect(res.statusCode).toBe(200);
      const s: CommuneTransparency = res.json();
      expect(s.commune).toEqual({
        code: '05569',
        name: 'Xã Định Hoá',
        nameEn: 'Dinh Hoa Commune',
        province: { code: '19', name: 'Tỉnh Thái Nguyên' },
      });
      expect(s.period).toEqual({ from: '2026-03', to: '2026-06', year: null });
      // 9 received = 6 resolved + 1 + 1 + 1; 5 of 6 on time; 6 ratings (5, 4, 4, 2, 5, 3): 23 / 6.
      expect(s.reports).toEqual({
        received: 9,
        resolved: 6,
        distributed: 1,
        pending: 1,
        cancelled: 1,
        onTime: 5,
        ratings: 6,
        satisfaction: 3.83,
        resolvedRate: 0.6667,
        onTimeRate: 0.8333,
      });
      expect(s.teams).toEqual({
        hamlets: 3,
        hamletsWithTeam: 2,
        coverage: 0.6667,
        teams: 2,
        members: 3,
        membersByOrganisation: {
          doan_thanh_nien: 1,
          hoi_phu_nu: 1,
          hoi_nong_dan: 0,
          cong_an: 1,
          truong_thon: 0,
          tinh_nguyen_vien: 0,
          khac: 0,
        },
        activities: 2,
        households: 5,
        people: 6,
      });
      expect(s.learning).toEqual({ learners: 3, enrolments: 3, completions: 2, certificates: 2 });
      // The province: 12 received, 7 resolved, 5 on time, the same 6 ratings; 2 of its 4 hamlets have a team.
      expect(s.province).toEqual({ resolvedRate: 0.5833, onTimeRate: 0.7143, satisfaction: 3.83, coverage: 0.5 });
      expect(s.byMonth.map((m) => m.month)).toEqual(['2026-03', '2026-04', '2026-05', '2026-06']);
      const [march, april, may] = s.byMonth;
      // Four ratings in March: too few to publish their mean.
      expect(march).toMatchObject({ received: 7, resolved: 4, onTime: 3, ratings: 4, satisfaction: null });
      expect(march).toMatchObject({ activities: 1, people: 4, learners: 0, completions: 0 });
      expect(april).toMatchObject({ received: 2, resolved: 2, onTime: 2, ratings: 2, satisfaction: null });
      expect(april).toMatchObject({ activities: 1, people: 2, learners: 3, completions: 2 });
      expect(may).toMatchObject({ received: 0, resolved: 0, activities: 0, learners: 0, satisfaction: null });
    };
    await check();
    await t.app.ctx.aggregates.foldAll();
    await check();
  });

  it('by year: the calendar year (so far, for this one), the July report and activity included', async () => {
    const s: CommuneTransparency = (await get(url('05569', '?year=2026'))).json();
    expect(s.period.from).toBe('2026-01');
    expect(s.period.year).toBe(2026);
    expect(s.reports.received).toBe(10);
    expect(s.reports.ratings).toBe(7);
    expect(s.teams.activities).toBe(3);
    expect(s.byMonth[0].month).toBe('2026-01');
  });

  it('holds no personal data: only these keys, and no name, phone or address of a reporter, member or learner', async () => {
    const res = await get(url('05569', '?year=2026'));
    const body = res.body;
    for (const s of [...PERSONAL, 'Số 7 ngõ 3', 'Tổ Trung Kiên', 'Thôn Trung Kiên', 'BDHVS-'])
      expect(body, `"${s}" in the public answer`).not.toContain(s);
    expect(keysOf(res.json()).sort()).toEqual(
      [
        'commune',
        'commune.code',
        'commune.name',
        'commune.nameEn',
        'commune.province',
        'commune.province.code',
        'commune.province.name',
        'period',
        'period.from',
        'period.to',
        'period.year',
        'reports',
        ...[
          'received',
          'resolved',
          'distributed',
          'pending',
          'cancelled',
          'onTime',
          'ratings',
          'satisfaction',
          'resolvedRate',
          'onTimeRate',
        ].map((k) => `reports.${k}`),
        'teams',
        ...[
          'hamlets',
          'hamletsWithTeam',
          'coverage',
          'teams',
          'members',
          'membersByOrganisation',
          'activities',
          'households',
          'people',
        ].map((k) => `teams.${k}`),
        ...['doan_thanh_nien', 'hoi_phu_nu', 'hoi_nong_dan', 'cong_an', 'truong_thon', 'tinh_nguyen_vien', 'khac'].map(
          (k) => `teams.membersByOrganisation.${k}`,
        ),
        'learning',
        ...['learners', 'enrolments', 'completions', 'certificates'].map((k) => `learning.${k}`),
        'province',
        ...['resolvedRate', 'onTimeRate', 'satisfaction', 'coverage'].map((k) => `province.${k}`),
        'byMonth',
        ...[
          'month',
          'received',
          'resolved',
          'distributed',
          'pending',
          'cancelled',
          'onTime',
          'ratings',
          'satisfaction',
          'activities',
          'people',
          'learners',
          'completions',
        ].map((k) => `byMonth[].${k}`),
      ].sort(),
    );
  });

  it('needs no sign-in, answers a signed-in person the same, and may be cached by anyone for five minutes', async () => {
    const anonymous = await get(url('05569'));
    const signedIn = await get(url('05569'), citizenHeaders);
    expect(anonymous.statusCode).toBe(200);
    expect(signedIn.json()).toEqual(anonymous.json());
    expect(anonymous.headers['cache-control']).toBe('public, max-age=300');
    expect(anonymous.headers['set-cookie']).toBeUndefined();
  });

  it('a hamlet code sends the reader to its commune, the period kept', async () => {
    const res = await get(url(hamletA.code, '?year=2026'));
    expect(res.statusCode).toBe(302);
    expect(res.headers.location).toBe('/api/public/communes/05569/transparency?year=2026');
    expect((await get(res.headers.location as string)).json().commune.code).toBe('05569');
  });

  it('404 with a clear message for what is not a commune of the province (unknown, the province, Ba Đình in Hà Nội)', async () => {
    for (const code of ['99999', '19', '00004']) {
      const res = await get(url(code), { 'accept-language': 'vi' });
      expect(res.statusCode, code).toBe(404);
      expect(res.json().error.code).toBe('not_a_commune');
      expect(res.json().error.message).toContain(`Không có xã, phường nào của tỉnh mang mã "${code}"`);
      expect(res.headers['cache-control']).toBeUndefined();
    }
    const en = await get(url('99999'), { 'accept-language': 'en' });
    expect(en.json().error.message).toMatch(/^No commune or ward of the province has the code "99999"/);
    expect((await get(url('<script>'))).statusCode).toBe(400);
  });

  it('a bad period is a 400 naming its field', async () => {
    const thisYear = Number(new Date().toISOString().slice(0, 4));
    const cases: [string, string][] = [
      ['?year=abcd', 'year'],
      ['?year=26', 'year'],
      ['?year=1999', 'year'],
      [`?year=${thisYear + 2}`, 'year'],
      ['?year=2026&from=2026-01', 'year'],
      ['?from=2026-13', 'from'],
      ['?from=2026-06&to=2026-03', 'to'],
      [`?to=${thisYear + 2}-01`, 'to'],
      ['?from=2024-01&to=2026-06', 'from'],
      ['?month=2026-01', 'month'],
    ];
    for (const [query, field] of cases) {
      const res = await get(url('05569', query), { 'accept-language': 'vi' });
      expect(res.statusCode, query).toBe(400);
      expect(Object.keys(res.json().error.fields ?? {}).join(), query).toContain(field);
    }
  });
});

describe('periodOf', () => {
  it('defaults to the last 12 months in Vietnam; a year is so far for this one, whole for others', () => {
    const now = new Date('2026-12-31T18:00:00Z'); // 1 January 2027, 01:00 in Vietnam
    expect(periodOf({}, now)).toEqual({ from: '2026-02', to: '2027-01', year: null });
    expect(periodOf({ year: '2027' }, now)).toEqual({ from: '2027-01', to: '2027-01', year: 2027 });
    expect(periodOf({ year: '2025' }, now)).toEqual({ from: '2025-01', to: '2025-12', year: 2025 });
    expect(periodOf({ to: '2026-06' }, now)).toEqual({ from: '2025-07', to: '2026-06', year: null });
    expect(periodOf({ from: '2026-11' }, now)).toEqual({ from: '2026-11', to: '2027-01', year: null });
  });
});
