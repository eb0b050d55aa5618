import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StatsResponse } from '../../../common/feedback-public.js';
import { foldBatch } from '../../platform/aggregates/index.js';
import { createTestApp, type TestApp } from '../../test/harness.js';
import { headersFor } from '../../test/http.js';
import { reportCounts } from '../feedback/report-counts.js';
import { splitPeriod } from './repo.js';
import { type FakeReport, insertCategory, insertReports } from './report-factory.js';

let t: TestApp;

/** The province's published table (seed 000): 3,709 reports received. */
const FIXTURE = { received: 3709, resolved: 1967, distributed: 224, pending: 926, cancelled: 592 };
const REASONS = { ineligible: 301, outside_jurisdiction: 170, duplicate: 79, spam: 42 };
const ON_TIME = 1500;

beforeAll(async () => {
  t = await createTestApp();
  const cats = [
    await insertCategory(t.db, { code: 'giao-thong-tk', nameVi: 'Giao thông' }),
    await insertCategory(t.db, { code: 'moi-truong-tk', nameVi: 'Môi trường, rác thải' }),
    await insertCategory(t.db, { code: 'an-ninh-tk', nameVi: 'An ninh trật tự', sensitive: true }),
  ];
  const communes = [
    { communeCode: '05569', unitPath: '19/05569' },
    { communeCode: '05611', unitPath: '19/05611' },
    { communeCode: '05443', unitPath: '19/05443' },
  ];
  const statuses: FakeReport['status'][] = [
    ...Array<FakeReport['status']>(FIXTURE.resolved).fill('resolved'),
    ...Array<FakeReport['status']>(FIXTURE.distributed).fill('distributed'),
    ...Array<FakeReport['status']>(FIXTURE.pending).fill('pending'),
    ...Array<FakeReport['status']>(FIXTURE.cancelled).fill('cancelled'),
  ];
  const reasons = Object.entries(REASONS).flatMap(([r, n]) => Array(n).fill(r));
  let cancelIndex = 0;
  const start = Date.UTC(2025, 0, 1);
  // Deterministic spread: 3.5 hours apart from 1 Jan 2025 (about 18 months), round-robin over communes/categories.
  const rows: FakeReport[] = statuses.map((status, i) => ({
    ...communes[i % 3],
    categoryId: cats[(i * 7) % 3].id,
    status,
    cancelReason: status === 'cancelled' ? reasons[cancelIndex++] : null,
    createdAt: new Date(start + i * 3.5 * 3600_000),
    resolvedOnTime: status === 'resolved' ? i < ON_TIME : null,
    rating: status === 'resolved' && i % 4 === 0 ? (i % 5) + 1 : null,
    reopenCount: status === 'resolved' && i % 50 === 0 ? 1 : 0,
  }));
  await insertReports(t.db, rows);
}, 120_000);
afterAll(() => t.close());

async function stats(query = ''): Promise<StatsResponse> {
  const res = await t.app.inject(`/api/feedback/stats${query}`);
  expect(res.statusCode).toBe(200);
  return res.json();
}
const partitions = (s: StatsResponse) => expect(s.pending + s.distributed + s.resolved + s.cancelled).toBe(s.received);

describe('GET /api/feedback/stats — the seed table as a fixture', () => {
  it('returns exactly 3,709 received: 1,967 resolved, 224 distributed, 926 pending, 592 cancelled', async () => {
    const s = await stats('?unit=19');
    expect({
      received: s.received,
      resolved: s.resolved,
      distributed: s.distributed,
      pending: s.pending,
      cancelled: s.cancelled,
    }).toEqual(FIXTURE);
    expect(s.resolved + s.distributed + s.pending + s.cancelled).toBe(3709);
    expect(s.cancelledByReason).toEqual({ ...REASONS, withdrawn: 0 });
    expect(s.onTimeRate).toBe(Math.round((ON_TIME / FIXTURE.resolved) * 10000) / 10000);
    expect(s.meanSatisfaction).toBeGreaterThanOrEqual(1);
    expect(s.reopenings).toBeGreaterThan(0);
    expect(s.unit).toMatchObject({ code: '19', path: '19' });
    // The province is the default unit.
    expect((await stats()).received).toBe(3709);
  });

  it('holds the same with part of the counts folded, and all of them (the fixture is read unfolded above)', async () => {
    const unfolded = async () =>
      (await t.database.query<{ n: number }>('select count(*)::int as n from report_count_deltas'))[0].n;
    const queries = ['?unit=19', '?unit=05611', '?unit=19&from=2025-01-05&to=2025-03-17', '?unit=05443&to=2025-12-31'];
    const want = await Promise.all(queries.map((q) => stats(q)));
    expect(await unfolded()).toBe(FIXTURE.received);
    expect(await foldBatch(t.db, reportCounts, 2000)).toBe(2000);
    expect(await unfolded()).toBe(FIXTURE.received - 2000);
    expect(await Promise.all(queries.map((q) => stats(q)))).toEqual(want);
    await t.app.ctx.aggregates.foldAll();
    expect(await unfolded()).toBe(0);
    expect(await Promise.all(queries.map((q) => stats(q)))).toEqual(want);
    expect(want[0]).toMatchObject(FIXTURE);
  });

  it('partitions by category too', async () => {
    const s = await stats('?unit=19');
    expect(s.byCategory.map((c) => c.nameVi).sort()).toEqual(['An ninh trật tự', 'Giao thông', 'Môi trường, rác thải']);
    for (const key of ['received', 'resolved', 'distributed', 'pending', 'cancelled'] as const)
      expect(s.byCategory.reduce((n, c) => n + c[key], 0)).toBe(s[key]);
    for (const c of s.byCategory) expect(c.pending + c.distributed + c.resolved + c.cancelled).toBe(c.received);
  });

  it('partitions by commune: the three communes add up to the province', async () => {
    const parts = [await stats('?unit=05569'), await stats('?unit=05611'), await stats('?unit=05443')];
    const other = await stats('?unit=05455');
    expect(other.received).toBe(0);
    for (const p of parts) partitions(p);
    for (const key of ['received', 'resolved', 'distributed', 'pending', 'cancelled'] as const)
      expect(parts.reduce((n, p) => n + p[key], 0)).toBe(FIXTURE[key]);
    expect(parts[0].unit.name).toContain('Định');
  });

  it('partitions by period: two halves add up to the whole, each partitioned', async () => {
    const first = await stats('?unit=19&from=2025-01-01&to=2025-09-30');
    const second = await stats('?unit=19&from=2025-10-01&to=2026-12-31');
    const before = await stats('?unit=19&to=2024-12-31');
    expect(before.received).toBe(0);
    partitions(first);
    partitions(second);
    expect(first.received).toBeGreaterThan(0);
    expect(second.received).toBeGreaterThan(0);
    for (const key of ['received', 'resolved', 'distributed', 'pending', 'cancelled'] as const)
      expect(first[key] + second[key]).toBe(FIXTURE[key]);
    const communeHalf = await stats('?unit=05611&from=2025-10-01');
    partitions(communeHalf);
    expect(communeHalf.received).toBeLessThan(second.received);
  });
});

describe('whole months from the monthly rollup, edges from the daily rollup', () => {
  /** Ground truth: count the reports themselves by Vietnamese day of receipt. */
  async function counted(unitPrefix: string, from: string, to: string) {
    const [row] = await t.database.query<{ n: number; resolved: number }>(
      `select count(*)::int as n, (count(*) filter (where status = 'resolved'))::int as resolved from reports
       where (unit_path = $1 or unit_path like $1 || '/%')
         and (created_at at time zone 'Asia/Ho_Chi_Minh')::date between $2::date and $3::date`,
      [unitPrefix, from, to],
    );
    return row;
  }

  it('splits a period into whole months and partial edges', () => {
    expect(splitPeriod('2025-03-17', '2025-11-04')).toEqual({
      months: { from: '2025-04-01', to: '2025-10-01' },
      days: [
        ['2025-03-17', '2025-03-31'],
        ['2025-11-01', '2025-11-04'],
      ],
    });
    expect(splitPeriod('2026-01-01', '2026-12-31')).toEqual({
      months: { from: '2026-01-01', to: '2026-12-01' },
      days: [],
    });
    expect(splitPeriod('2025-02-03', '2025-02-20')).toEqual({ months: null, days: [['2025-02-03', '2025-02-20']] });
    expect(splitPeriod(undefined, '2024-02-29')).toEqual({ months: { from: undefined, to: '2024-02-01' }, days: [] });
    expect(splitPeriod('2025-12-31', undefined)).toEqual({
      months: { from: '2026-01-01', to: undefined },
      days: [['2025-12-31', '2025-12-31']],
    });
  });

  it('matches a count of the reports themselves for odd periods and units', async () => {
    for (const [unit, path, from, to] of [
      ['19', '19', '2025-03-17', '2025-11-04'],
      ['05611', '19/05611', '2025-02-03', '2025-02-20'],
      ['05443', '19/05443', '2025-06-30', '2026-01-01'],
    ]) {
      const s = await stats(`?unit=${unit}&from=${from}&to=${to}`);
      const truth = await counted(path, from, to);
      expect([s.received, s.resolved]).toEqual([truth.n, truth.resolved]);
      partitions(s);
    }
  });

  it('follows every change of a report at once, plain SQL writes included (a report resolved later)', async () => {
    const [report] = await t.database.query<{ id: string; month: string }>(
      `select id, to_char(date_trunc('month', created_at at time zone 'Asia/Ho_Chi_Minh'), 'YYYY-MM-DD') as month
       from reports where status = 'pending' and unit_path = '19/05569' order by created_at limit 1`,
    );
    // The report's month, cut before its last day so that both the monthly and the daily rollup are read.
    const period = `from=${report.month}&to=${report.month.slice(0, 8)}28`;
    const before = await stats(`?unit=19&${period}`);
    await t.database.query(
      `update reports set status = 'resolved', resolved_on_time = true, rating = 4 where id = $1`,
      [report.id],
    );
    const after = await stats(`?unit=19&${period}`);
    expect([after.received, after.pending, after.resolved]).toEqual([
      before.received,
      before.pending - 1,
      before.resolved + 1,
    ]);
    expect(after.ratings).toBe(before.ratings + 1);
    const commune = await stats(`?unit=05569&${period}`);
    partitions(commune);
    await t.database.query(
      `update reports set status = 'pending', resolved_on_time = null, rating = null where id = $1`,
      [report.id],
    );
    expect((await stats(`?unit=19&${period}`)).pending).toBe(before.pending);
    expect((await stats(`?unit=19&from=${report.month}`)).received).toBeGreaterThan(before.received);
  });
});

describe('exports', () => {
  it('CSV: Vietnamese headers, a row per category and the total row', async () => {
    const res = await t.app.inject('/api/feedback/stats.csv?unit=19');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe('attachment; filename="thong-ke-phan-anh-19.csv"');
    expect(res.body.startsWith('\uFEFF')).toBe(true);
    expect(res.body).toContain('Lĩnh vực,Tổng số phản ánh tiếp nhận,Đã xử lý,"Đã phân phối, đang chờ xử lý",Chưa đủ');
    expect(res.body).toContain('"Môi trường, rác thải",');
    expect(res.body).toContain('Tổng cộng,3709,1967,224,926,592,301,170,79,42');
  });

  it('XLSX: the same table, readable back', async () => {
    const res = await t.app.inject('/api/feedback/stats.xlsx?unit=19&from=2025-01-01');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('Thống kê phản ánh')!;
    const rows = ws.getSheetValues().filter(Boolean) as unknown[][];
    const total = rows.find((r) => r[1] === 'Tổng cộng')!;
    expect(total.slice(1, 7)).toEqual(['Tổng cộng', 3709, 1967, 224, 926, 592]);
    expect(rows.some((r) => r[1] === 'Chưa đủ điều kiện tiếp nhận' || r.includes('Chưa đủ điều kiện tiếp nhận'))).toBe(
      true,
    );
  });
});

describe('bad input and access', () => {
  it('answers an unknown unit 404, a reversed period and a malformed date 400 naming the field', async () => {
    expect((await t.app.inject('/api/feedback/stats?unit=99999')).statusCode).toBe(404);
    const reversed = await t.app.inject('/api/feedback/stats?from=2026-02-01&to=2026-01-01');
    expect([reversed.statusCode, Object.keys(reversed.json().error.fields)]).toEqual([400, ['to']]);
    const bad = await t.app.inject('/api/feedback/stats.csv?from=01/02/2026');
    expect([bad.statusCode, Object.keys(bad.json().error.fields)]).toEqual([400, ['querystring.from']]);
    const unknown = await t.app.inject('/api/feedback/stats?unit=19&phone=1');
    expect(unknown.statusCode).toBe(400);
  });

  // Aggregates hold no personal data: every role, in or out of scope, reads the same numbers.
  const roles = [
    { role: 'anonymous' },
    { role: 'citizen', unitCode: '05569' },
    { role: 'team_member', unitCode: '05569' },
    { role: 'handling_officer', handlingUnitCode: 'ubnd-05611' },
    { role: 'commune_admin', unitCode: '05611' },
    { role: 'province_admin', unitCode: '01' },
    { role: 'province_admin', unitCode: '19' },
  ] as const;
  for (const who of roles) {
    it(`is public: ${who.role} ${'unitCode' in who ? who.unitCode : ''} reads commune 05569`, async () => {
      const headers = await headersFor(t, who);
      const res = await t.app.inject({ url: '/api/feedback/stats?unit=05569', headers });
      expect(res.statusCode).toBe(200);
      expect(res.json().received).toBe(1237);
    });
  }
});
