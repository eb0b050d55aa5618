import { once } from 'node:events';
import { PassThrough, type Readable } from 'node:stream';
import { stringify } from 'csv-stringify';
import ExcelJS from 'exceljs';

/** One cell of an exported table: text, a number, or empty. */
export type Cell = string | number | null;

/** A table to export: its headers and its rows, read one at a time (never all in memory). */
export interface ExportTable {
  /** The worksheet's name (≤ 31 characters, as Excel allows). */
  sheet: string;
  headers: string[];
  rows: AsyncIterable<Cell[]> | Iterable<Cell[]>;
}

/**
 * The table as CSV (UTF-8 with a BOM, so Excel opens Vietnamese letters right; a header row), streamed: rows are
 * written as the reader takes them (the writer waits on `drain`), so a million rows never sit in memory.
 */
export function csvStream(table: ExportTable): Readable {
  const out = stringify({ bom: true, header: true, columns: table.headers });
  (async () => {
    for await (const row of table.rows) {
      if (!out.write(row)) await once(out, 'drain');
    }
    out.end();
  })().catch((e) => out.destroy(e as Error));
  return out;
}

/**
 * The table as an XLSX workbook (one sheet, bold frozen header), streamed with exceljs' WorkbookWriter: each row is
 * committed (written to the zip) as it comes, so memory stays flat whatever the number of rows.
 */
export function xlsxStream(table: ExportTable): Readable {
  const out = new PassThrough();
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  wb.creator = 'Xã Số';
  const ws = wb.addWorksheet(table.sheet.slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = table.headers.map((h, i) => ({
    header: h,
    width: i === 0 ? 16 : Math.max(12, Math.min(40, h.length + 4)),
  }));
  ws.getRow(1).font = { bold: true };
  ws.getRow(1).commit();
  (async () => {
    let n = 0;
    for await (const row of table.rows) {
      ws.addRow(row).commit();
      // Let the zip drain into the response now and then: exceljs does not wait for its reader.
      if (++n % 2000 === 0 && out.writableNeedDrain) await once(out, 'drain');
    }
    ws.commit();
    await wb.commit();
  })().catch((e) => out.destroy(e as Error));
  return out;
}
