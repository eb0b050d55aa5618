import { once } from 'node:events';
import { PassThrough, type Readable, type Writable } from 'node:stream';
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
      if (++n % 200 === 0) await zipCaughtUp(ws);
    }
    ws.commit();
    await wb.commit();
  })().catch((e) => out.destroy(e as Error));
  return out;
}

type Drainable = { _writableState?: { needDrain?: boolean }; writableNeedDrain?: boolean; once: Writable['once'] };

/**
 * exceljs writes a committed row into the zip entry's stream without waiting (its StreamBuf ignores backpressure),
 * so a fast producer piles up uncompressed XML while deflate runs behind (≈ 300 MB for a million rows). This waits
 * until that entry stream (the archiver's PassThrough, an exceljs 4 internal) has drained; where the internals differ
 * it only yields to the event loop.
 */
async function zipCaughtUp(ws: unknown) {
  const entry = (ws as { stream?: { pipes?: Drainable[] } }).stream?.pipes?.[0];
  if (entry && (entry.writableNeedDrain ?? entry._writableState?.needDrain))
    await new Promise<void>((resolve) => entry.once('drain', () => resolve()));
  else await new Promise((r) => setImmediate(r));
}
