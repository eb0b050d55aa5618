import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../../common/roles.js';
import { queryRows } from '../../db/rows.js';
import { createTestApp, type TestApp } from '../../test/harness.js';
import { headersFor, multipart } from '../../test/http.js';
import { insertHamlet } from '../units/test-support.js';

/** Entered indicators: entries, corrections with history, targets, the import, idempotency, who may. */
let t: TestApp;
const h: Record<string, Record<string, string>> = {};
let hamletCode: string;

const post = (payload: object, who = 'provinceAdmin', extra: Record<string, string> = {}) =>
  t.app.inject({ method: 'POST', url: '/api/indicators/entries', headers: { ...h[who], ...extra }, payload });
const get = (url: string, who = 'provinceAdmin') => t.app.inject({ method: 'GET', url, headers: h[who] });
const entryCount = async () =>
  (await queryRows<{ n: number }>(t.db, sql`select count(*)::int as n from indicator_entries`))[0].n;
type V = { code: string; value: number | null } & Record<string, unknown>;
const value = async (unit: string, code: string, from = '2026-03-01', to = '2026-03-31') => {
  const res = await get(`/api/indicators/values?unit=${unit}&from=${from}&to=${to}`);
  expect(res.statusCode).toBe(200);
  return res.json().values.find((v: V) => v.code === code) as V;
};
const upload = (file: string | Buffer, who = 'communeAdmin', query = '') => {
  const body = multipart(file, 'chi-tieu.csv', 'text/csv');
  return t.app.inject({
    method: 'POST',
    url: `/api/indicators/import?unit=05569${query}`,
    headers: { ...h[who], ...body.headers },
    payload: body.payload,
  });
};

beforeAll(async () => {
  t = await createTestApp();
  hamletCode = (await insertHamlet(t.db, '05569', 'Trung Kiên')).code;
  const people: [string, Role | 'anonymous', string?, string?][] = [
    ['provinceAdmin', 'province_admin', '19'],
    ['communeAdmin', 'commune_admin', '05569'],
    ['otherCommuneAdmin', 'commune_admin', '01840'],
    ['member', 'team_member', hamletCode],
    ['officer', 'handling_officer', undefined, 'ubnd-05569'],
    ['citizen', 'citizen'],
    ['anonymous', 'anonymous'],
  ];
  for (const [name, role, unitCode, handlingUnitCode] of people)
    h[name] = await headersFor(t, { role, unitCode, handlingUnitCode });
});
afterAll(() => t.close());

describe('entering a figure', () => {
  it('enters the seed’s app downloads for the province and reads them back as at the period’s end', async () => {
    const res = await post({ indicator: 'ext.app_downloads', unitCode: '19', month: '2025-08', value: 447369 });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      indicator: 'ext.app_downloads',
      month: '2025-08',
      value: 447369,
      current: true,
    });
    // A stock: the last month with a figure up to the period's end, and says which month it covers.
    const v = await value('19', 'ext.app_downloads', '2025-10-01', '2025-10-31');
    expect(v).toMatchObject({ value: 447369, coveredFrom: '2025-08-01', coveredTo: '2025-08-31' });
    const before = await value('19', 'ext.app_downloads', '2025-07-01', '2025-07-31');
    expect(before.value).toBeNull();
  });

  it('refuses bad figures with 400 naming the field, writing nothing', async () => {
    const n = await entryCount();
    const bad = async (payload: object, field: string) => {
      const res = await post(payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(JSON.stringify(res.json())).toContain(`"${field}"`);
    };
    const dossiers = { indicator: 'ext.online_dossiers', unitCode: '19', month: '2026-03', subject: 'Sở Tư pháp' };
    await bad({ ...dossiers, numerator: 120, denominator: 100 }, 'numerator');
    await bad({ ...dossiers, numerator: 10 }, 'denominator');
    await bad({ ...dossiers, value: 55 }, 'value');
    await bad({ ...dossiers, subject: undefined, numerator: 1, denominator: 2 }, 'subject');
    await bad({ indicator: 'ext.app_accounts', unitCode: '19', month: '2026-03' }, 'value');
    await bad({ indicator: 'ext.no_such', unitCode: '19', month: '2026-03', value: 1 }, 'indicator');
    await bad({ indicator: 'reports.received', unitCode: '19', month: '2026-03', value: 1 }, 'indicator');
    await bad({ indicator: 'ext.app_accounts', unitCode: '19', month: '2026-3', value: 1 }, 'month');
    await bad({ indicator: 'ext.app_accounts', unitCode: '19', month: '2026-13', value: 1 }, 'month');
    await bad({ indicator: 'ext.app_accounts', unitCode: '19', month: '2099-01', value: 1 }, 'month');
    await bad({ indicator: 'ext.app_accounts', unitCode: '19', month: '2026-03', value: -1 }, 'value');
    await bad({ indicator: 'ext.app_accounts', unitCode: 'nowhere', month: '2026-03', value: 1 }, 'unitCode');
    await bad({ indicator: 'ext.app_accounts', unitCode: hamletCode, month: '2026-03', value: 1 }, 'unitCode');
    expect(await entryCount()).toBe(n);
  });

  it('takes a different figure for the same month only with a reason, keeps the earlier one and audits it', async () => {
    const key = { indicator: 'ext.app_accounts', unitCode: '19', month: '2025-08' };
    const first = await post({ ...key, value: 110000 });
    expect(first.statusCode).toBe(201);
    const again = await post({ ...key, value: 110000 });
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(first.json().id);
    const noReason = await post({ ...key, value: 110319 });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.fields).toHaveProperty('reason');
    const fixed = await post({ ...key, value: 110319, reason: 'Số liệu chính thức của Sở KH&CN' });
    expect(fixed.statusCode).toBe(201);
    const history = (await get('/api/indicators/entries?unit=19&indicator=ext.app_accounts&month=2025-08')).json();
    expect(history.entries.map((e: { value: number; current: boolean }) => [e.value, e.current])).toEqual([
      [110319, true],
      [110000, false],
    ]);
    expect(history.entries[0].reason).toBe('Số liệu chính thức của Sở KH&CN');
    const [audit] = await queryRows<{ reason: string; details: { before: { value: number } } }>(
      t.db,
      sql`select reason, details from audit_log where action = 'indicator.correct' and resource_id = ${fixed.json().id}`,
    );
    expect(audit.reason).toBe('Số liệu chính thức của Sở KH&CN');
    expect(audit.details.before.value).toBe(110000);
    expect((await value('19', 'ext.app_accounts', '2025-08-01', '2025-08-31')).value).toBe(110319);
  });

  it('answers a retry with the same Idempotency-Key with the same entry', async () => {
    const n = await entryCount();
    const body = { indicator: 'ext.vneid_level2', unitCode: '05569', month: '2026-02', value: 1200 };
    const key = { 'idempotency-key': 'vneid-05569-2026-02-a' };
    const a = await post(body, 'communeAdmin', key);
    const b = await post({ ...body, value: 1300 }, 'communeAdmin', key);
    expect(a.statusCode).toBe(201);
    expect(b.statusCode).toBe(200);
    expect(b.json()).toEqual(a.json());
    expect(await entryCount()).toBe(n + 1);
  });
});

describe('fully-online dossiers per agency against the 55% target', () => {
  it('shows each agency’s share and whether it meets 55%, both sides of the limit; the total from the sums', async () => {
    const base = { indicator: 'ext.online_dossiers', unitCode: '19', month: '2026-03' };
    for (const [subject, numerator, denominator] of [
      ['Sở Tư pháp', 55, 100],
      ['Sở Xây dựng', 54, 100],
      ['Sở Nông nghiệp và Môi trường', 90, 100],
    ] as const)
      expect((await post({ ...base, subject, numerator, denominator })).statusCode).toBe(201);
    const v = (await value('19', 'ext.online_dossiers')) as V & {
      subjects: { subject: string; value: number; target: number; targetMet: boolean }[];
    };
    expect(v).toMatchObject({ value: 66.33, numerator: 199, denominator: 300, target: 55, targetMet: true });
    const met = Object.fromEntries(v.subjects.map((s) => [s.subject, [s.value, s.targetMet]]));
    expect(met).toEqual({
      'Sở Tư pháp': [55, true],
      'Sở Xây dựng': [54, false],
      'Sở Nông nghiệp và Môi trường': [90, true],
    });
  });

  it('lets the province set another target for a commune from a month on; only the province', async () => {
    const target = { indicator: 'ext.online_dossiers', unitCode: '05569', fromMonth: '2026-01', value: 60 };
    const put = (payload: object, who: string) =>
      t.app.inject({ method: 'PUT', url: '/api/indicators/targets', headers: h[who], payload });
    expect((await put(target, 'communeAdmin')).statusCode).toBe(403);
    expect((await put({ ...target, value: 160 }, 'provinceAdmin')).statusCode).toBe(400);
    expect((await put({ ...target, subject: 'x', indicator: 'ext.app_accounts' }, 'provinceAdmin')).statusCode).toBe(
      400,
    );
    const ok = await put(target, 'provinceAdmin');
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toEqual({ ...target, subject: null });
    await post(
      {
        indicator: 'ext.online_dossiers',
        unitCode: '05569',
        month: '2026-03',
        subject: 'UBND xã',
        numerator: 58,
        denominator: 100,
      },
      'communeAdmin',
    );
    expect(await value('05569', 'ext.online_dossiers')).toMatchObject({ value: 58, target: 60, targetMet: false });
    // Before the target's first month, the province's 55% applies.
    await post(
      {
        indicator: 'ext.online_dossiers',
        unitCode: '05569',
        month: '2025-12',
        subject: 'UBND xã',
        numerator: 58,
        denominator: 100,
      },
      'communeAdmin',
    );
    expect(await value('05569', 'ext.online_dossiers', '2025-12-01', '2025-12-31')).toMatchObject({
      target: 55,
      targetMet: true,
    });
  });
});

describe('a province from its communes', () => {
  it('sums the communes’ entries when the province has none of its own, and takes its own when it has one', async () => {
    const base = { indicator: 'ext.cashless_payments', month: '2026-04' };
    await post({ ...base, unitCode: '05569', value: 100 }, 'communeAdmin');
    await post({ ...base, unitCode: '01840', value: 50 }, 'otherCommuneAdmin');
    expect((await value('19', 'ext.cashless_payments', '2026-04-01', '2026-04-30')).value).toBe(150);
    const byUnit = (
      await get('/api/indicators/ext.cashless_payments/by-unit?unit=19&from=2026-04-01&to=2026-04-30')
    ).json();
    const row = (code: string) => byUnit.rows.find((r: { code: string }) => r.code === code);
    expect([row('05569').value, row('01840').value]).toEqual([100, 50]);
    expect(byUnit.rows.filter((r: { value: number | null }) => r.value === null).length).toBe(byUnit.rows.length - 2);
    await post({ ...base, unitCode: '19', value: 400 });
    expect((await value('19', 'ext.cashless_payments', '2026-04-01', '2026-04-30')).value).toBe(400);
    const series = await get('/api/indicators/ext.cashless_payments/series?unit=19&from=2026-03-01&to=2026-05-31');
    expect(series.json().points.map((p: { value: number | null }) => p.value)).toEqual([null, 400, null]);
  });
});

describe('who may enter', () => {
  it('lets administrators of the unit enter, and nobody else (refused writes change nothing)', async () => {
    const body = (unitCode: string) => ({ indicator: 'ext.cashless_payments', unitCode, month: '2026-05', value: 7 });
    const n = await entryCount();
    for (const [who, unit, status] of [
      ['anonymous', '05569', 401],
      ['citizen', '05569', 403],
      ['member', '05569', 403],
      ['officer', '05569', 403],
      ['otherCommuneAdmin', '05569', 403],
      ['communeAdmin', '19', 403],
    ] as const)
      expect((await post(body(unit), who)).statusCode, `${who} ${unit}`).toBe(status);
    expect(await entryCount()).toBe(n);
    expect((await post(body('05569'), 'communeAdmin')).statusCode).toBe(201);
    expect((await post(body('01840'), 'provinceAdmin')).statusCode).toBe(201);
    expect((await get('/api/indicators/entries?unit=05569', 'otherCommuneAdmin')).statusCode).toBe(403);
    expect((await get('/api/indicators/entries?unit=05569', 'communeAdmin')).statusCode).toBe(200);
    expect((await upload('x', 'member')).statusCode).toBe(403);
    expect((await get('/api/indicators/import-template.xlsx?unit=05569', 'otherCommuneAdmin')).statusCode).toBe(403);
  });
});

describe('the spreadsheet import', () => {
  it('offers a template with a row per entered indicator of the unit’s level', async () => {
    const res = await get('/api/indicators/import-template.xlsx?unit=05569', 'communeAdmin');
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const codes = wb.worksheets[0].getColumn(1).values.slice(2);
    expect(codes).toContain('ext.online_dossiers');
    expect(codes).toContain('ext.vneid_level2');
  });

  it('writes all rows or none, with a row-by-row report (JSON or the clerk’s workbook)', async () => {
    const n = await entryCount();
    const header = 'Mã chỉ tiêu;Tháng;Cơ quan, đơn vị;Giá trị;Tử số;Mẫu số;Ghi chú;Lý do điều chỉnh';
    const bad = [
      header,
      'ext.vneid_level2;01/2026;;1.250;;;;',
      'ext.online_dossiers;01/2026;Bộ phận một cửa xã;;70;60;;',
      'ext.khong_co;01/2026;;5;;;;',
      'ext.cashless_payments;13/2026;;5;;;;',
    ].join('\n');
    const refused = await upload(bad);
    expect(refused.statusCode).toBe(422);
    expect(refused.json().errors.map((e: { row: number; field: string }) => [e.row, e.field])).toEqual([
      [3, 'numerator'],
      [4, 'indicator'],
      [5, 'month'],
    ]);
    expect(await entryCount()).toBe(n);
    const report = await upload(bad, 'communeAdmin', '&report=xlsx');
    expect(report.statusCode).toBe(422);
    expect(report.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(report.rawPayload as unknown as ArrayBuffer);
    expect(String(wb.worksheets[0].getRow(3).getCell(9).value)).toContain('Tử số');

    const good = [
      header,
      'ext.vneid_level2;01/2026;;1.250;;;;',
      'ext.online_dossiers;01/2026;Bộ phận một cửa xã;;70;100;;',
      'ext.online_dossiers;01/2026;Công an xã;;;;;',
    ].join('\n');
    const done = await upload(good);
    expect(done.statusCode).toBe(201);
    expect(done.json()).toEqual({ ok: true, dryRun: false, entered: 2, corrected: 0, unchanged: 0 });
    const again = await upload(good);
    expect(again.json()).toMatchObject({ entered: 0, corrected: 0, unchanged: 2 });
    expect(await entryCount()).toBe(n + 2);
    // A different figure for a month that has one needs its reason column.
    const change = `${header}\next.vneid_level2;01/2026;;1.300;;;;`;
    const noReason = await upload(change);
    expect(noReason.statusCode).toBe(422);
    expect(noReason.json().errors[0]).toMatchObject({ row: 2, field: 'reason' });
    const withReason = await upload(`${header}\next.vneid_level2;01/2026;;1.300;;;;Cập nhật theo Công an tỉnh`);
    expect(withReason.json()).toMatchObject({ entered: 0, corrected: 1 });
    expect((await value('05569', 'ext.vneid_level2', '2026-01-01', '2026-01-31')).value).toBe(1300);
  });
});
