import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/harness.js';
import { type Person, person } from '../feedback/test-support.js';
import { ensureDefaultHolidayYears } from './service.js';

let t: TestApp;
let admin: Person;

beforeAll(async () => {
  t = await createTestApp();
  admin = await person(t, 'province_admin', { unitCode: '19' });
});
afterAll(() => t.close());

const call = (method: 'GET' | 'POST' | 'DELETE', url: string, who: Person | null, payload?: object) =>
  t.app.inject({ method, url, headers: who?.headers ?? {}, ...(payload ? { payload } : {}) });

describe('holidays', () => {
  it('lists the province’s seeded holidays of this year and the next (Tết by the lunar calendar)', async () => {
    const res = await call('GET', '/api/holidays?year=2026', null);
    expect(res.statusCode).toBe(200);
    const items = res.json().items as { date: string; nameVi: string }[];
    expect(items.find((h) => h.date === '2026-09-02')?.nameVi).toBe('Quốc khánh');
    // Tết Bính Ngọ: 17 February 2026 is the first day of the lunar year.
    expect(items.filter((h) => h.nameVi === 'Tết Nguyên đán').map((h) => h.date)).toContain('2026-02-17');
    expect((await call('GET', '/api/holidays?year=2027&province=19', null)).json().items.length).toBeGreaterThan(8);
    const commune = await call('GET', '/api/holidays?year=2026&province=05569', null);
    expect(commune.statusCode).toBe(400);
    expect(Object.keys(commune.json().error.fields)).toEqual(['querystring.province']);
    const noYear = await call('GET', '/api/holidays', null);
    expect(noYear.statusCode).toBe(400);
    expect(Object.keys(noYear.json().error.fields)).toEqual(['querystring.year']);
  });

  it('a province administrator adds and removes a day', async () => {
    const body = { date: '2026-12-31', nameVi: 'Nghỉ cuối năm', nameEn: 'Year-end day off' };
    const added = await call('POST', '/api/holidays', admin, body);
    expect(added.statusCode).toBe(201);
    expect(added.json()).toMatchObject({ date: '2026-12-31', nameVi: 'Nghỉ cuối năm' });
    const again = await call('POST', '/api/holidays', admin, body);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toMatch(/[À-ỹ]/);
    const bad = await call('POST', '/api/holidays', admin, { ...body, date: '2026-02-30' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields).toHaveProperty('date');
    expect(
      (await call('GET', '/api/holidays?year=2026', null)).json().items.map((h: { date: string }) => h.date),
    ).toContain('2026-12-31');
    expect((await call('DELETE', '/api/holidays/19/2026-12-31', admin)).statusCode).toBe(204);
    const gone = await call('DELETE', '/api/holidays/19/2026-12-31', admin);
    expect(gone.statusCode).toBe(404);
    expect(gone.json().error.code).toBe('not_found');
    const [audit] = await t.database.query<{ n: number }>(
      "select count(*)::int as n from audit_log where action in ('holiday.add', 'holiday.remove')",
    );
    expect(audit.n).toBe(2);
  });
});

describe("a year's default holidays", () => {
  it('a province administrator fills a year not seeded yet; filling again adds nothing; added days stay', async () => {
    const year = (n: number) => call('GET', `/api/holidays?year=${n}`, null);
    expect((await year(2031)).json().items).toEqual([]);
    const own = { date: '2031-06-03', nameVi: 'Nghỉ bù ngày thành lập tỉnh', nameEn: 'Province day in lieu' };
    expect((await call('POST', '/api/holidays', admin, own)).statusCode).toBe(201);
    const filled = await call('POST', '/api/holidays/defaults', admin, { year: 2031 });
    expect(filled.statusCode).toBe(200);
    const items = filled.json().items as { date: string; nameVi: string }[];
    expect(filled.json().added).toBe(items.length - 1);
    // Tết Tân Hợi: 23 January 2031 is the first day of the lunar year; Giỗ Tổ (10/3 lunar) is 1 April 2031.
    expect(items.filter((h) => h.nameVi === 'Tết Nguyên đán').map((h) => h.date)).toContain('2031-01-23');
    expect(items.find((h) => h.nameVi === 'Giỗ Tổ Hùng Vương')?.date).toBe('2031-04-01');
    expect(items.find((h) => h.date === '2031-06-03')?.nameVi).toBe(own.nameVi);
    expect((await call('POST', '/api/holidays/defaults', admin, { year: 2031 })).json().added).toBe(0);
    expect((await year(2031)).json().items).toHaveLength(items.length);
    const commune = await person(t, 'commune_admin', { unitCode: '05569' });
    const refused = await call('POST', '/api/holidays/defaults', commune, { year: 2032 });
    expect([refused.statusCode, refused.json().error.code]).toEqual([403, 'forbidden']);
    const anonymous = await call('POST', '/api/holidays/defaults', null, { year: 2032 });
    expect([anonymous.statusCode, anonymous.json().error.code]).toEqual([401, 'unauthenticated']);
    expect((await year(2032)).json().items).toEqual([]);
    const bad = await call('POST', '/api/holidays/defaults', admin, { year: 1999 });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields).toHaveProperty('year');
  });

  it('at start, the current and next year get their defaults when they have none; an edited year is left', async () => {
    await call('POST', '/api/holidays', admin, { date: '2041-03-03', nameVi: 'Một ngày', nameEn: 'One day' });
    const filled = await ensureDefaultHolidayYears(t.db, '19', new Date('2040-12-31T18:00:00Z')); // 1 Jan 2041 in Hà Nội
    expect(filled).toEqual([2042]);
    expect((await call('GET', '/api/holidays?year=2041', null)).json().items).toHaveLength(1);
    expect((await call('GET', '/api/holidays?year=2042', null)).json().items.length).toBeGreaterThan(8);
    expect(await ensureDefaultHolidayYears(t.db, '19', new Date('2040-12-31T18:00:00Z'))).toEqual([]);
  });
});

describe('permission matrix: holidays', () => {
  const ACTORS: { label: string; make: () => Promise<Person | null>; status: number }[] = [
    { label: 'anonymous', make: async () => null, status: 401 },
    { label: 'citizen', make: () => person(t, 'citizen'), status: 403 },
    { label: 'team_member 05569', make: () => person(t, 'team_member', { unitCode: '05569' }), status: 403 },
    {
      label: 'officer ubnd-19',
      make: () => person(t, 'handling_officer', { handlingUnitCode: 'ubnd-19' }),
      status: 403,
    },
    { label: 'commune_admin 05569', make: () => person(t, 'commune_admin', { unitCode: '05569' }), status: 403 },
    { label: 'province_admin 01 (outside)', make: () => person(t, 'province_admin', { unitCode: '01' }), status: 403 },
    { label: 'province_admin 19', make: () => person(t, 'province_admin', { unitCode: '19' }), status: 0 },
  ];
  it.each(ACTORS)('$label', async ({ make, status }) => {
    const who = await make();
    const add = await call('POST', '/api/holidays', who, { date: '2026-11-30', nameVi: 'Thử', nameEn: 'Test' });
    const del = await call('DELETE', '/api/holidays/19/2026-11-30', who);
    const [row] = await t.database.query<{ n: number }>(
      "select count(*)::int as n from holidays where date = '2026-11-30'",
    );
    if (status === 0) {
      expect([add.statusCode, del.statusCode, row.n]).toEqual([201, 204, 0]);
    } else {
      expect([add.statusCode, del.statusCode, row.n]).toEqual([status, status, 0]);
    }
    expect((await call('GET', '/api/holidays?year=2026', who)).statusCode).toBe(200);
  });
});
