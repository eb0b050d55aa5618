import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/harness.js';
import { headersFor, multipart } from './test-support.js';

let t: TestApp;
let admin: Record<string, string>;
let province: Record<string, string>;
beforeAll(async () => {
  t = await createTestApp();
  admin = await headersFor(t, { role: 'commune_admin', unitCode: '05569' });
  province = await headersFor(t, { role: 'province_admin', unitCode: '19' });
});
afterAll(() => t.close());

async function xlsx(rows: (string | number | null)[][], sheet = 'Thôn xóm'): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(sheet);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
function upload(commune: string, file: Buffer | string, name: string, query = '', headers = admin) {
  const body = multipart(file, name);
  return t.app.inject({
    method: 'POST',
    url: `/api/units/${commune}/hamlets/import${query}`,
    headers: { ...headers, ...body.headers },
    payload: body.payload,
  });
}
const hamletCount = async (commune: string) =>
  (
    await t.database.query<{ n: number }>(
      "select count(*)::int as n from units where parent_code = $1 and level = 'hamlet'",
      [commune],
    )
  )[0].n;

// A 1×1 PNG: what a clerk uploads when they rename a screenshot to .xlsx.
const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082',
  'hex',
);

describe('importing hamlets', () => {
  it('imports a good XLSX: every row written, codes in order, one audit event', async () => {
    const file = await xlsx([
      ['Tên', 'Loại', 'Số hộ', 'Số dân'],
      ['Bãi Á', 'Xóm', 131, 520],
      ['Trung Kiên', 'Tổ dân phố', 242, null],
      ['Nà Mòn', 'ban', '1.050', null],
      ['Làng Mố', 'XOM', null, null],
    ]);
    const res = await upload('05569', file, 'thon-xom.xlsx');
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body).toMatchObject({ ok: true, dryRun: false, count: 4 });
    expect(body.rows).toEqual([
      {
        row: 2,
        code: '05569-001',
        name: 'Bãi Á',
        fullName: 'Xóm Bãi Á',
        kind: 'xom',
        households: 131,
        population: 520,
      },
      {
        row: 3,
        code: '05569-002',
        name: 'Trung Kiên',
        fullName: 'Tổ dân phố Trung Kiên',
        kind: 'to_dan_pho',
        households: 242,
        population: null,
      },
      {
        row: 4,
        code: '05569-003',
        name: 'Nà Mòn',
        fullName: 'Bản Nà Mòn',
        kind: 'ban',
        households: 1050,
        population: null,
      },
      {
        row: 5,
        code: '05569-004',
        name: 'Làng Mố',
        fullName: 'Xóm Làng Mố',
        kind: 'xom',
        households: null,
        population: null,
      },
    ]);
    expect(await hamletCount('05569')).toBe(4);
    const audit = await t.database.query<{ action: string; details: { count: number; codes: string[] } }>(
      "select action, details from audit_log where action = 'hamlet.import'",
    );
    expect(audit).toHaveLength(1);
    expect(audit[0].details).toMatchObject({ count: 4, codes: ['05569-001', '05569-002', '05569-003', '05569-004'] });
  });

  it('imports a good CSV (UTF-8, comma separated, headers in any order and case)', async () => {
    const csv = 'loai,TEN,so ho\nThôn,Khuôn Tát,96\nto dan pho,Tân Lập,198\n';
    const res = await upload('05611', csv, 'thon.csv', '', province);
    expect(res.statusCode).toBe(201);
    expect(res.json().rows.map((r: { fullName: string }) => r.fullName)).toEqual([
      'Thôn Khuôn Tát',
      'Tổ dân phố Tân Lập',
    ]);
    expect(await hamletCount('05611')).toBe(2);
  });

  it('imports a CSV with a BOM and semicolons (Excel in a Vietnamese locale)', async () => {
    const csv = `\uFEFFTên;Loại;Số hộ;Số dân\r\nTổ 1;Tổ dân phố;210;\r\n"Tổ 2; phía Bắc";TDP;187;700\r\n`;
    const res = await upload('05443', Buffer.from(csv, 'utf8'), 'to-dan-pho.csv', '', province);
    expect(res.statusCode).toBe(201);
    expect(res.json().rows).toMatchObject([
      { code: '05443-001', fullName: 'Tổ 1', households: 210, population: null },
      { code: '05443-002', fullName: 'Tổ 2; phía Bắc', households: 187, population: 700 },
    ]);
  });

  it('writes nothing when one row is bad, and reports every bad cell by row', async () => {
    const before = await hamletCount('05569');
    const file = await xlsx([
      ['Tên', 'Loại', 'Số hộ'],
      ['Đồng Tâm', 'Xóm', 140],
      ['Phú Thành', 'Làng xã', 'nhiều'],
      ['', 'Thôn', 5],
      ['bai a', 'Xóm', 1],
      ['Đồng Xe', 'Xóm', 12],
      ['DONG XE', 'Xom', 3],
    ]);
    const res = await upload('05569', file, 'loi.xlsx');
    expect(res.statusCode).toBe(422);
    const body = res.json();
    expect(body.ok).toBe(false);
    expect(body.error).toEqual({
      code: 'import_rows_invalid',
      message: expect.stringContaining('chưa có dòng nào được ghi'),
    });
    expect(body.errors.map((e: { row: number; field: string }) => [e.row, e.field])).toEqual([
      [3, 'kind'],
      [3, 'households'],
      [4, 'name'],
      [5, 'name'], // same as the existing Xóm Bãi Á
      [7, 'name'], // same as row 6
    ]);
    expect(body.errors[0]).toMatchObject({ column: 'Loại', message: expect.stringContaining('Làng xã') });
    expect(body.errors[3].message).toContain('05569-001');
    expect(await hamletCount('05569')).toBe(before);
    const en = await upload('05569', file, 'loi.xlsx', '', { ...admin, 'accept-language': 'en' });
    expect(en.json().errors[0].message).toContain('Unknown kind');
  });

  it('validates only with ?dryRun=1', async () => {
    const before = await hamletCount('05569');
    const res = await upload('05569', 'Tên,Loại\nĐồng Tâm,Xóm\n', 'thu.csv', '?dryRun=1');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      ok: true,
      dryRun: true,
      count: 1,
      rows: [
        {
          row: 2,
          code: null,
          name: 'Đồng Tâm',
          fullName: 'Xóm Đồng Tâm',
          kind: 'xom',
          households: null,
          population: null,
        },
      ],
    });
    expect(await hamletCount('05569')).toBe(before);
  });

  it('refuses a PNG renamed .xlsx (415) and a broken zip (400), by content not by name', async () => {
    const png = await upload('05569', PNG, 'thon-xom.xlsx');
    expect(png.statusCode).toBe(415);
    expect(png.json().error.code).toBe('unsupported_file');
    const zip = await upload('05569', Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(64, 1)]), 'a.xlsx');
    expect(zip.statusCode).toBe(400);
    expect(zip.json().error.code).toBe('invalid_file');
  });

  it('refuses files without the required columns or rows (400 with the report shape)', async () => {
    const noKind = await upload('05569', 'Tên,Số hộ\nA,1\n', 'a.csv');
    expect(noKind.statusCode).toBe(400);
    expect(noKind.json()).toMatchObject({ ok: false, errors: [{ row: 1, field: 'kind', column: 'Loại' }] });
    const empty = await upload('05569', 'Tên,Loại\n', 'a.csv');
    expect(empty.statusCode).toBe(400);
    expect((await upload('05569', '', 'a.csv')).statusCode).toBe(400);
  });

  it('wants multipart with a file: JSON is 415, a missing file 400, over 5 MB 413', async () => {
    const json = await t.app.inject({
      method: 'POST',
      url: '/api/units/05569/hamlets/import',
      headers: admin,
      payload: { rows: [] },
    });
    expect(json.statusCode).toBe(415);
    const noFile = multipart('x', 'a.csv', 'text/csv', 'note');
    const partOnly = await t.app.inject({
      method: 'POST',
      url: '/api/units/05569/hamlets/import',
      headers: { ...admin, 'content-type': noFile.headers['content-type'] },
      payload: noFile.payload.toString().replace(/; filename="a.csv"/, ''),
    });
    expect(partOnly.statusCode).toBe(400);
    const big = await upload('05569', `Tên,Loại\n${'Tên rất dài,Xóm\n'.repeat(400_000)}`, 'big.csv');
    expect(big.statusCode).toBe(413);
    // 2 MB is over the JSON body limit but within the upload limit: it is read, then refused for its row count.
    const twoMb = await upload('05569', `Tên,Loại\n${'Tên rất dài,Xóm\n'.repeat(120_000)}`, 'many.csv');
    expect(twoMb.statusCode).toBe(400);
    expect(twoMb.json().errors[0].message).toContain('tối đa 2000 dòng');
  });

  it('serves an XLSX template with the right columns, and a filled template imports', async () => {
    const res = await t.app.inject('/api/units/hamlets/import-template.xlsx');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.headers['content-disposition']).toContain('.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect((ws.getRow(1).values as string[]).slice(1)).toEqual(['Tên', 'Loại', 'Số hộ', 'Số dân']);
    ws.addRow(['Khuôn Tát', 'Xóm', 96, 400]);
    const filled = Buffer.from(await wb.xlsx.writeBuffer());
    const imported = await upload('01840', filled, 'mau.xlsx', '', province);
    expect(imported.statusCode).toBe(201);
    expect(imported.json().rows[0]).toMatchObject({ code: '01840-001', fullName: 'Xóm Khuôn Tát', population: 400 });
  });
});
