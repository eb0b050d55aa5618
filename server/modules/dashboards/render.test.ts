import { buffer } from 'node:stream/consumers';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { csvStream, xlsxStream } from './export-streams.js';
import { renderMonthlyPdf, TABLE_ROWS, tablePages, tableRows } from './pdf.js';
import { monthlyFixture } from './test-support.js';

const pageCount = (pdf: Buffer) => (pdf.toString('latin1').match(/\/Type\s*\/Page(?!s)/g) ?? []).length;
const utf16be = (s: string) => {
  const le = Buffer.from(s, 'utf16le');
  for (let i = 0; i < le.length; i += 2) [le[i], le[i + 1]] = [le[i + 1], le[i]];
  return le;
};

describe('the monthly report PDF', () => {
  it('is an A4 PDF: the table, then a page per charted indicator, in Be Vietnam Pro with its Vietnamese title', async () => {
    const data = monthlyFixture({ communes: 92, indicators: 24 });
    const { pdf, pages } = await renderMonthlyPdf(data, { compress: false });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const expected = tablePages(tableRows(data).length) + data.charts.length;
    expect(pages).toBe(expected);
    expect(pageCount(pdf)).toBe(expected);
    const text = pdf.toString('latin1');
    // A4 in points, every page.
    expect(text.match(/\/MediaBox \[0 0 595\.28 841\.89\]/g)?.length).toBe(expected);
    // The bundled font, embedded as a subset; never a standard (system) font.
    expect(text).toMatch(/\/BaseFont \/[A-Z]{6}\+BeVietnamPro-Regular/);
    expect(text).toMatch(/\/BaseFont \/[A-Z]{6}\+BeVietnamPro-Bold/);
    expect(text).not.toMatch(/\/BaseFont \/Helvetica/);
    expect(pdf.includes(utf16be('Báo cáo tháng 11/2026 — Tỉnh Thái Nguyên'))).toBe(true);
    // The charts are vector: no image in the file.
    expect(text).not.toMatch(/\/Subtype \/Image/);
  });

  it('a long table runs onto further pages, each counted', async () => {
    // 73 indicators + 7 domain headings: exactly a full first page and a full second one.
    const data = monthlyFixture({ communes: 5, indicators: 73 });
    const rows = tableRows(data).length;
    expect(rows).toBe(TABLE_ROWS.first + TABLE_ROWS.next);
    const { pdf, pages } = await renderMonthlyPdf(data);
    expect(tablePages(rows)).toBe(2);
    expect(pages).toBe(2 + data.charts.length);
    expect(pageCount(pdf)).toBe(pages);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
  });
});

describe('the streamed exports', () => {
  const headers = ['Đơn vị', 'Giá trị', 'Đạt chỉ tiêu'];
  async function* rows() {
    yield ['Xã Định Hoá', 12, 'Đạt'];
    yield ['Phường Phan Đình Phùng, "trung tâm"', null, 'Chưa đạt'];
  }

  it('CSV: UTF-8 with a BOM, a header row, quoted where needed', async () => {
    const csv = (await buffer(csvStream({ sheet: 'x', headers, rows: rows() }))).toString('utf8');
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv.slice(1).split('\n')).toEqual([
      'Đơn vị,Giá trị,Đạt chỉ tiêu',
      'Xã Định Hoá,12,Đạt',
      '"Phường Phan Đình Phùng, ""trung tâm""",,Chưa đạt',
      '',
    ]);
  });

  it('XLSX: one sheet, the header row then the rows, numbers as numbers', async () => {
    const file = await buffer(xlsxStream({ sheet: 'Theo đơn vị', headers, rows: rows() }));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('Theo đơn vị');
    expect(ws?.getRow(1).values).toEqual([undefined, ...headers]);
    expect(ws?.getRow(2).values).toEqual([undefined, 'Xã Định Hoá', 12, 'Đạt']);
    expect(ws?.getRow(3).getCell(1).value).toBe('Phường Phan Đình Phùng, "trung tâm"');
    expect(ws?.rowCount).toBe(3);
  });

  it('a failing row source ends the stream with its error (the client sees a cut download, not a short file)', async () => {
    async function* broken() {
      yield ['a', 1, null];
      throw new Error('boom');
    }
    await expect(buffer(csvStream({ sheet: 'x', headers, rows: broken() }))).rejects.toThrow('boom');
  });
});
