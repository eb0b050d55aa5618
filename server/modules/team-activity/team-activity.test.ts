import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../../common/roles.js';
import { queryRows } from '../../db/rows.js';
import { createUser } from '../../test/factories.js';
import { createTestApp, type TestApp } from '../../test/harness.js';
import { insertActivityRow } from '../activities/activity-factory.js';
import { insertHamlet } from '../units/test-support.js';

/** What teams did, counted for a province, a commune and a hamlet: figures, who may read them, the workbook. */
let t: TestApp;
let hamletA: { code: string; path: string };
let hamletB: { code: string; path: string };
let vneid: string;
const headers: Record<string, Record<string, string>> = {};

const person = async (name: string, role: Role, unitCode: string | null) => {
  const user = await createUser(t.db, { role, unitCode });
  headers[name] = await t.sessionHeaders(user.id);
  return user;
};
const get = (url: string, who?: string) => t.app.inject({ method: 'GET', url, headers: who ? headers[who] : {} });

beforeAll(async () => {
  t = await createTestApp();
  hamletA = await insertHamlet(t.db, '05569', 'Trung Kiên');
  hamletB = await insertHamlet(t.db, '05569', 'Bãi Á');
  const admin = await person('communeAdmin', 'commune_admin', '05569');
  await person('provinceAdmin', 'province_admin', '19');
  await person('otherCommuneAdmin', 'commune_admin', '01840');
  await person('memberA', 'team_member', hamletA.code);
  await person('memberB', 'team_member', hamletB.code);
  await person('citizen', 'citizen', null);
  const [svc] = await queryRows<{ id: string }>(t.db, sql`select id from catalog_services where slug = 'vneid'`);
  vneid = svc.id;

  const found = await t.app.inject({
    method: 'POST',
    url: '/api/teams',
    headers: headers.communeAdmin,
    payload: { hamletCode: hamletA.code, name: 'Tổ Trung Kiên' },
  });
  const teamId = found.json().id as string;
  const added = await t.app.inject({
    method: 'POST',
    url: `/api/teams/${teamId}/members`,
    headers: headers.communeAdmin,
    payload: { fullName: 'Ma Văn Kiên', phone: '0912345000', organisation: 'doan_thanh_nien', role: 'leader' },
  });
  const memberId = added.json().members[0].id as string;
  const base = {
    teamId,
    memberId,
    authorUserId: admin.id,
    communeCode: '05569',
    hamletCode: hamletA.code,
    unitPath: hamletA.path,
  };
  await insertActivityRow(t.db, {
    ...base,
    id: '20000000-0000-4000-8000-000000000001',
    on: '2026-06-05',
    households: 3,
    people: 4,
    items: [
      { serviceId: vneid, action: 'vneid_level2', outcome: 'done', people: 2 },
      { serviceId: vneid, action: 'vneid_level2', outcome: 'failed' },
      { serviceId: null, action: 'scam_awareness', outcome: 'done', people: 4 },
    ],
  });
  await insertActivityRow(t.db, {
    ...base,
    id: '20000000-0000-4000-8000-000000000002',
    on: '2026-08-30',
    households: 2,
    people: 2,
    items: [{ serviceId: vneid, action: 'vneid_level2', outcome: 'done', people: 2 }],
  });
  // Outside the period asked for below: never counted in it.
  await insertActivityRow(t.db, {
    ...base,
    id: '20000000-0000-4000-8000-000000000003',
    on: '2026-09-01',
    households: 50,
    items: [{ serviceId: vneid, action: 'vneid_level2', outcome: 'done' }],
  });
});
afterAll(() => t.close());

describe('team activity', () => {
  it('counts a commune by month (zeros included), by service and outcome, and by hamlet; the same after a fold', async () => {
    const check = async () => {
      const res = await get('/api/team-activity?unit=05569&from=2026-06&to=2026-08', 'communeAdmin');
      expect(res.statusCode).toBe(200);
      const s = res.json();
      expect(s.totals).toEqual({ activities: 2, households: 5, people: 6, minutes: 60, items: 4, itemsDone: 3 });
      expect(s.byMonth).toEqual([
        { month: '2026-06', activities: 1, households: 3, people: 4, itemsDone: 2 },
        { month: '2026-07', activities: 0, households: 0, people: 0, itemsDone: 0 },
        { month: '2026-08', activities: 1, households: 2, people: 2, itemsDone: 1 },
      ]);
      expect(s.byService).toEqual([
        { serviceId: vneid, serviceName: 'VNeID', action: 'vneid_level2', done: 2, followUp: 0, failed: 1, people: 4 },
        { serviceId: null, serviceName: null, action: 'scam_awareness', done: 1, followUp: 0, failed: 0, people: 4 },
      ]);
      const a = s.byUnit.find((u: { code: string }) => u.code === hamletA.code);
      const b = s.byUnit.find((u: { code: string }) => u.code === hamletB.code);
      expect(a).toMatchObject({ activities: 2, households: 5, itemsDone: 3 });
      expect(b).toMatchObject({ activities: 0, households: 0, itemsDone: 0 });
    };
    await check();
    await t.app.ctx.aggregates.foldAll();
    await check();
  });

  it('counts the province by commune and a hamlet alone', async () => {
    const province = (await get('/api/team-activity?unit=19&from=2026-06&to=2026-08', 'provinceAdmin')).json();
    expect(province.unit.level).toBe('province');
    expect(province.totals.activities).toBe(2);
    expect(province.byUnit.length).toBeGreaterThan(90);
    expect(province.byUnit.find((u: { code: string }) => u.code === '05569')).toMatchObject({ activities: 2 });
    expect(province.byUnit.find((u: { code: string }) => u.code === '01840')).toMatchObject({ activities: 0 });

    const hamlet = (await get(`/api/team-activity?unit=${hamletA.code}&from=2026-06&to=2026-09`, 'memberA')).json();
    expect(hamlet.totals).toMatchObject({ activities: 3, households: 55 });
    expect(hamlet.byUnit).toEqual([]);
  });

  it('is read by those who read the unit’s teams, and nobody else', async () => {
    const url = (unit: string) => `/api/team-activity?unit=${unit}&from=2026-06&to=2026-08`;
    expect((await get(url('05569'), 'provinceAdmin')).statusCode).toBe(200);
    expect((await get(url(hamletA.code), 'communeAdmin')).statusCode).toBe(200);
    expect((await get(url('05569'), 'otherCommuneAdmin')).statusCode).toBe(403);
    expect((await get(url('05569'), 'memberA')).statusCode).toBe(403);
    expect((await get(url(hamletA.code), 'memberB')).statusCode).toBe(403);
    expect((await get(url('19'), 'communeAdmin')).statusCode).toBe(403);
    expect((await get(url('05569'), 'citizen')).statusCode).toBe(403);
    expect((await get(url('05569'))).statusCode).toBe(401);
    expect((await get(`/api/team-activity/export.xlsx?unit=05569`, 'otherCommuneAdmin')).statusCode).toBe(403);
  });

  it('refuses a bad unit or period naming the field; 36 months is the most', async () => {
    const bad = async (query: string, field: string) => {
      const res = await get(`/api/team-activity?${query}`, 'provinceAdmin');
      expect(res.statusCode).toBe(400);
      // Schema errors name where the field is ("querystring.from"); the service's own, the field alone.
      const named = Object.keys(res.json().error.fields ?? {});
      expect(named.some((k) => k === field || k.endsWith(`.${field}`))).toBe(true);
      expect(res.json().error.message).toMatch(/.+/);
    };
    await bad('unit=00000', 'unit');
    await bad('unit=19&from=2026-13', 'from');
    await bad('unit=19&from=2026-08&to=2026-06', 'to');
    await bad('unit=19&from=2023-01&to=2026-01', 'to');
    expect((await get('/api/team-activity?unit=19&from=2023-02&to=2026-01', 'provinceAdmin')).statusCode).toBe(200);
  });

  it('exports the same tables as a workbook a clerk opens in Excel', async () => {
    const res = await get('/api/team-activity/export.xlsx?unit=05569&from=2026-06&to=2026-08', 'communeAdmin');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toContain('hoat-dong-to-cong-nghe-so-05569-2026-06-2026-08.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Theo tháng', 'Theo dịch vụ', 'Theo đơn vị']);
    const months = wb.getWorksheet('Theo tháng')!;
    expect(months.getRow(2).values).toEqual([undefined, '06/2026', 1, 3, 4, 2]);
    const services = wb.getWorksheet('Theo dịch vụ')!;
    expect(services.getRow(2).values).toEqual([
      undefined,
      'VNeID',
      'Kích hoạt định danh điện tử mức 2 (VNeID)',
      2,
      0,
      1,
      4,
    ]);
  });
});
