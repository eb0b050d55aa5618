import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IndicatorValues } from '../../../common/indicators.js';
import type { Role } from '../../../common/roles.js';
import { queryRows } from '../../db/rows.js';
import { addMonths, lastDayOfMonth, vnDate } from '../../platform/calendar.js';
import { createUser } from '../../test/factories.js';
import { createTestApp, type TestApp } from '../../test/harness.js';
import { scheduleRecurringJobs } from '../index.js';
import { monthlyReportJob, monthlyReportKey } from './jobs.js';
import { tablePages, tableRows } from './pdf.js';

/** The dashboards' exports, monthly PDF and monthly job, read like the indicators (indicator.read on the unit). */
let t: TestApp;
const headers: Record<string, Record<string, string>> = {};
const person = async (name: string, role: Role, unitCode: string | null) => {
  const user = await createUser(t.db, { role, unitCode });
  headers[name] = await t.sessionHeaders(user.id);
};
const get = (url: string, who?: string, extra: Record<string, string> = {}) =>
  t.app.inject({ method: 'GET', url, headers: { ...(who ? headers[who] : {}), ...extra } });

const month = addMonths(vnDate(new Date()).slice(0, 7), -1);
const from = `${month}-01`;
const to = lastDayOfMonth(month);
const period = `from=${from}&to=${to}`;
const pageCount = (pdf: Buffer) => (pdf.toString('latin1').match(/\/Type\s*\/Page(?!s)/g) ?? []).length;
const utf16be = (s: string) => {
  const le = Buffer.from(s, 'utf16le');
  for (let i = 0; i < le.length; i += 2) [le[i], le[i + 1]] = [le[i + 1], le[i]];
  return le;
};
const csvLines = (body: string) =>
  body
    .replace(/^\uFEFF/, '')
    .trimEnd()
    .split('\n');
let province: IndicatorValues;
/** An indicator the communes have (for the by-unit table). */
let communeCode: string;

beforeAll(async () => {
  t = await createTestApp();
  await person('provinceAdmin', 'province_admin', '19');
  await person('communeAdmin', 'commune_admin', '05569');
  await person('otherCommuneAdmin', 'commune_admin', '01840');
  await person('citizen', 'citizen', null);
  province = (await get(`/api/indicators/values?unit=19&${period}`, 'provinceAdmin')).json();
  const defs = await t.app.services.indicators.definitions();
  communeCode = defs.find((d) => d.levels.includes('commune') && province.values.some((v) => v.code === d.code))!.code;
});
afterAll(() => t?.close());

describe('exports of the dashboard tables', () => {
  it('the indicator table as CSV: a BOM, Vietnamese headers, one row per indicator as the page shows, a Vietnamese file name', async () => {
    const res = await get(`/api/dashboards/export.csv?unit=19&${period}&table=values`, 'provinceAdmin');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="chi-tieu-tinh-thai-nguyen-[\d-]+\.csv"/);
    expect(res.headers['content-disposition']).toContain(
      `filename*=UTF-8''${encodeURIComponent('Chỉ tiêu Tỉnh Thái Nguyên')}`,
    );
    expect(res.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const lines = csvLines(res.body);
    expect(lines[0]).toBe(
      'Lĩnh vực,Mã chỉ tiêu,Chỉ tiêu,Đơn vị tính,Giá trị,Tử số,Mẫu số,Kỳ trước,Chỉ tiêu giao,Đạt chỉ tiêu,Số liệu các ngày,Nguồn',
    );
    const subjects = province.values.reduce((n, v) => n + (v.subjects?.length ?? 0), 0);
    expect(lines.length).toBe(1 + province.values.length + subjects);
    // The domain is quoted where its label has a comma ("Phản ánh, kiến nghị"); the code follows it.
    for (const v of province.values)
      expect(res.body).toMatch(new RegExp(`^[^\\n]*,${v.code.replace(/\./g, '\\.')},`, 'm'));
    expect(res.body).toContain('"Phản ánh, kiến nghị",');
  });

  it('in English for an English reader', async () => {
    const res = await get(`/api/dashboards/export.csv?unit=19&${period}&table=values`, 'provinceAdmin', {
      'accept-language': 'en',
    });
    expect(csvLines(res.body)[0]).toMatch(/^Domain,Indicator code,Indicator,Measure,Value,/);
  });

  it('an indicator by commune as XLSX: the 92 communes and the province total, figures as in the JSON', async () => {
    const json = (await get(`/api/indicators/${communeCode}/by-unit?unit=19&${period}`, 'provinceAdmin')).json();
    const res = await get(
      `/api/dashboards/export.xlsx?unit=19&${period}&table=by-unit&code=${communeCode}`,
      'provinceAdmin',
    );
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(res.headers['content-disposition']).toMatch(/\.xlsx"; filename\*=UTF-8''/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('Theo đơn vị')!;
    expect(ws.getRow(1).values).toEqual([
      undefined,
      'Mã đơn vị',
      'Đơn vị',
      'Giá trị',
      'Tử số',
      'Mẫu số',
      'Chỉ tiêu giao',
      'Đạt chỉ tiêu',
    ]);
    expect(json.rows).toHaveLength(92);
    expect(ws.rowCount).toBe(1 + 92 + 1);
    const first = json.rows[0];
    expect(ws.getRow(2).getCell(1).value).toBe(first.code);
    expect(ws.getRow(2).getCell(2).value).toBe(first.name);
    expect(ws.getRow(2).getCell(3).value ?? null).toBe(first.value);
    expect(String(ws.getRow(94).getCell(2).value)).toBe('Tổng: Tỉnh Thái Nguyên');
  });

  it('an indicator month by month as CSV: one row per month of the period', async () => {
    const yearFrom = `${addMonths(month, -11)}-01`;
    const res = await get(
      `/api/dashboards/export.csv?unit=05569&from=${yearFrom}&to=${to}&table=series&code=${communeCode}`,
      'communeAdmin',
    );
    expect(res.statusCode).toBe(200);
    const lines = csvLines(res.body);
    expect(lines[0]).toBe('Tháng,Giá trị,Tử số,Mẫu số,Chỉ tiêu giao,Đạt chỉ tiêu');
    expect(lines).toHaveLength(13);
    expect(lines[12].split(',')[0]).toBe(`${month.slice(5)}/${month.slice(0, 4)}`);
  });

  it('refuses a table that needs an indicator without one, an unknown indicator, a bad table or period — naming the field', async () => {
    const cases: [string, string][] = [
      [`table=by-unit`, 'code'],
      [`table=series&code=khong.co.chi.tieu`, 'code'],
      [`table=everything`, 'table'],
    ];
    for (const [q, field] of cases) {
      const res = await get(`/api/dashboards/export.csv?unit=19&${period}&${q}`, 'provinceAdmin');
      expect(res.statusCode, q).toBe(400);
      expect(JSON.stringify(res.json().error.fields), q).toContain(field);
    }
    const backwards = await get(
      `/api/dashboards/export.xlsx?unit=19&from=${to}&to=${from}&table=values`,
      'provinceAdmin',
    );
    expect(backwards.statusCode).toBe(400);
  });
});

describe('who may read', () => {
  it('every route: anonymous 401, a citizen 403, another commune’s administrator 403, an unknown unit 404', async () => {
    const urls = (unit: string) => [
      `/api/dashboards/export.csv?unit=${unit}&${period}&table=values`,
      `/api/dashboards/export.xlsx?unit=${unit}&${period}&table=values`,
      `/api/dashboards/monthly.pdf?unit=${unit}&month=${month}`,
      `/api/dashboards/reports?unit=${unit}`,
    ];
    for (const url of urls('05569')) {
      expect((await get(url)).statusCode, url).toBe(401);
      expect((await get(url, 'citizen')).statusCode, url).toBe(403);
      expect((await get(url, 'otherCommuneAdmin')).statusCode, url).toBe(403);
      expect((await get(url, 'communeAdmin')).statusCode, url).toBe(200);
    }
    for (const url of urls('19')) expect((await get(url, 'communeAdmin')).statusCode, url).toBe(403);
    for (const url of urls('99999')) expect((await get(url, 'provinceAdmin')).statusCode, url).toBe(404);
  });
});

describe('the monthly report PDF', () => {
  it('an A4 PDF in Vietnamese: the indicator table, then a page per charted indicator', async () => {
    const res = await get(`/api/dashboards/monthly.pdf?unit=19&month=${month}`, 'provinceAdmin');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toContain(
      `filename="bao-cao-thang-${month.slice(5)}-${month.slice(0, 4)}-tinh-thai-nguyen.pdf"`,
    );
    const pdf = res.rawPayload;
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.length).toBeGreaterThan(10_000);
    const data = await t.app.services.dashboards.monthlyData('19', month);
    const expected = tablePages(tableRows(data).length) + data.charts.length;
    expect(pageCount(pdf)).toBe(expected);
    expect(res.headers['x-pdf-pages']).toBe(String(expected));
    expect(pdf.includes(utf16be(`Báo cáo tháng ${month.slice(5)}/${month.slice(0, 4)} — Tỉnh Thái Nguyên`))).toBe(true);
    expect(pdf.toString('latin1')).toMatch(/\/BaseFont \/[A-Z]{6}\+BeVietnamPro-Regular/);
  });

  it('a month not begun yet is refused, naming the month', async () => {
    const res = await get(`/api/dashboards/monthly.pdf?unit=19&month=${addMonths(month, 3)}`, 'provinceAdmin');
    expect(res.statusCode).toBe(400);
    expect(JSON.stringify(res.json().error.fields)).toContain('month');
  });
});

describe('the monthly job', () => {
  const reports = async () =>
    queryRows<{ month: string; n: number }>(
      t.db,
      sql`select month, count(*)::int as n from dashboard_reports where unit_code = '19' group by month order by month`,
    );
  const scheduled = async (m: string) =>
    queryRows<{ n: number }>(
      t.db,
      sql`select count(*)::int as n from jobs where dedupe_key = ${monthlyReportKey('19', m)}`,
    );

  it('keeps one report per unit and month: running again, or twice at once, adds nothing; schedules the next month once', async () => {
    const run = (m: string) => t.app.services.dashboards.runMonthlyJob({ unitCode: '19', month: m });
    expect(await run(month)).toBe(true);
    expect(await run(month)).toBe(false);
    const earlier = addMonths(month, -1);
    const both = await Promise.all([run(earlier), run(earlier)]);
    expect(both.filter(Boolean)).toHaveLength(1);
    expect(await reports()).toEqual([
      { month: earlier, n: 1 },
      { month, n: 1 },
    ]);
    expect((await scheduled(addMonths(month, 1)))[0].n).toBe(1);
  });

  it('a serving process schedules the province’s report of this month, due the 1st of the next at 01:00 in Vietnam, once', async () => {
    const now = vnDate(new Date()).slice(0, 7);
    await scheduleRecurringJobs(t.app.ctx, t.app.services);
    await scheduleRecurringJobs(t.app.ctx, t.app.services);
    const jobs = await queryRows<{ epoch: number; payload: unknown }>(
      t.db,
      sql`select extract(epoch from run_at)::float8 as epoch, payload from jobs where dedupe_key = ${monthlyReportKey('19', now)}`,
    );
    expect(jobs).toHaveLength(1);
    expect(jobs[0].payload).toEqual({ unitCode: '19', month: now });
    expect(jobs[0].epoch * 1000).toBe(Date.parse(`${addMonths(now, 1)}-01T01:00:00+07:00`));
  });

  it('the registered handler runs from the queue; the report is listed and downloads to whoever reads the province', async () => {
    const older = addMonths(month, -2);
    await monthlyReportJob.enqueue(t.db, { unitCode: '19', month: older });
    await t.runJobs();
    expect((await reports()).map((r) => r.month)).toContain(older);
    const list = (await get('/api/dashboards/reports?unit=19', 'provinceAdmin')).json().reports;
    expect(list.map((r: { month: string }) => r.month)).toEqual([month, addMonths(month, -1), older]);
    const file = await get(`/api/dashboards/reports/${list[0].id}/pdf`, 'provinceAdmin');
    expect(file.statusCode).toBe(200);
    expect(file.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pageCount(file.rawPayload)).toBe(list[0].pages);
    // Its existence is not confirmed to anyone else.
    expect((await get(`/api/dashboards/reports/${list[0].id}/pdf`)).statusCode).toBe(401);
    for (const who of ['citizen', 'communeAdmin', 'otherCommuneAdmin'])
      expect((await get(`/api/dashboards/reports/${list[0].id}/pdf`, who)).statusCode, who).toBe(404);
    expect((await get(`/api/dashboards/reports?unit=05569`, 'communeAdmin')).json().reports).toEqual([]);
  });
});
