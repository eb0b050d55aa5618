import { parse as parseCsv } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { foldVn } from '../../common/units.js';
import { contentDisposition } from './content-disposition.js';
import { AppError, errors, requestLang } from './errors.js';
import type { Message } from './i18n.js';
import { requireMultipart } from './uploads.js';

/**
 * Reading a clerk's spreadsheet (hamlets, teams and members…): XLSX or CSV, recognised by content (an .xlsx is a zip,
 * "PK\x03\x04"; anything else must be UTF-8 text); the one error shape of a rejected import; and the error report a
 * clerk opens in Excel. Nothing here touches the database.
 */
export interface RowError {
  row: number;
  field: string;
  /** The column's header as the clerk wrote it. */
  column?: string;
  /** The column's position in the row (0-based), to mark the cell in the error report. */
  col?: number;
  message: Message;
}
export interface Table {
  headers: { row: number; cells: string[] };
  rows: { row: number; cells: (string | number | null)[] }[];
}

const unsupported = () =>
  new AppError(415, 'unsupported_file', {
    vi: 'Tệp phải là bảng tính XLSX hoặc CSV (UTF-8).',
    en: 'The file must be an XLSX spreadsheet or a UTF-8 CSV file.',
  });

/** Raised when rows are wrong: carries the row-by-row report; nothing has been written. */
export class ImportRejected extends AppError {
  constructor(
    status: 400 | 422,
    readonly rowErrors: RowError[],
  ) {
    super(
      status,
      status === 422 ? 'import_rows_invalid' : 'import_file_invalid',
      status === 422
        ? {
            vi: `Tệp có ${rowErrors.length} lỗi; chưa có dòng nào được ghi. Hãy sửa rồi tải lên lại.`,
            en: `The file has ${rowErrors.length} error(s); nothing was written. Fix them and upload again.`,
          }
        : { vi: rowErrors[0].message.vi, en: rowErrors[0].message.en },
    );
  }
}
export const fileProblem = (field: string, message: Message, column?: string) =>
  new ImportRejected(400, [{ row: 1, field, column, message }]);

function cellValue(v: ExcelJS.CellValue): string | number | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number' || typeof v === 'string') return v;
  if (typeof v === 'boolean') return String(v);
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((r) => r.text).join('');
    if ('result' in v) return cellValue(v.result as ExcelJS.CellValue);
    if ('text' in v) return String(v.text);
    if ('error' in v) return null;
  }
  return null;
}

async function readXlsx(file: Buffer): Promise<Table> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(file as unknown as ArrayBuffer);
  } catch {
    throw new AppError(400, 'invalid_file', {
      vi: 'Không đọc được tệp XLSX (tệp hỏng hoặc không phải bảng tính Excel).',
      en: 'Could not read the XLSX file (damaged, or not an Excel workbook).',
    });
  }
  const ws = wb.worksheets[0];
  if (!ws) throw fileProblem('file', { vi: 'Tệp không có trang tính nào.', en: 'The workbook has no sheet.' });
  const rows: Table['rows'] = [];
  let headers: Table['headers'] | null = null;
  ws.eachRow({ includeEmpty: false }, (r, rowNumber) => {
    const raw = r.values as ExcelJS.CellValue[]; // 1-based and sparse
    const values = Array.from({ length: Math.max(0, raw.length - 1) }, (_, i) => cellValue(raw[i + 1]));
    if (!headers) headers = { row: rowNumber, cells: values.map((v) => (v === null ? '' : String(v))) };
    else rows.push({ row: rowNumber, cells: values });
  });
  if (!headers) throw fileProblem('file', { vi: 'Tệp trống.', en: 'The file is empty.' });
  return { headers, rows };
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

function readCsv(file: Buffer): Table {
  let text: string;
  try {
    text = strictUtf8.decode(file);
  } catch {
    throw unsupported(); // binary (an image renamed .xlsx, a legacy .xls) or a non-UTF-8 CSV
  }
  if (text.includes('\0')) throw unsupported();
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  // Excel in Vietnamese locales saves CSV with ";" — take whichever separator the header line uses most.
  const delimiter = [',', ';', '\t'].reduce((best, d) =>
    firstLine.split(d).length > firstLine.split(best).length ? d : best,
  );
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parseCsv(text, {
      delimiter,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
    }) as unknown as typeof records;
  } catch (e) {
    const line = (e as { lines?: number }).lines;
    throw fileProblem('file', {
      vi: `Không đọc được tệp CSV${line ? ` (dòng ${line})` : ''}: kiểm tra dấu ngoặc kép.`,
      en: `Could not read the CSV file${line ? ` (line ${line})` : ''}: check the quotes.`,
    });
  }
  if (records.length === 0) throw fileProblem('file', { vi: 'Tệp trống.', en: 'The file is empty.' });
  const [head, ...rest] = records;
  return {
    headers: { row: head.info.lines, cells: head.record },
    rows: rest.map((r) => ({ row: r.info.lines, cells: r.record.map((c) => (c === '' ? null : c)) })),
  };
}

/** Parses an uploaded file by its content: XLSX (zip signature) or UTF-8 CSV with or without BOM; else 415. */
export async function readTable(file: Buffer): Promise<Table> {
  if (file.length === 0) throw fileProblem('file', { vi: 'Tệp trống.', en: 'The file is empty.' });
  const isZip = file.length >= 4 && file[0] === 0x50 && file[1] === 0x4b && file[2] === 0x03 && file[3] === 0x04;
  return isZip ? readXlsx(file) : readCsv(file);
}

/** A column an import reads: its field, the header of the template, the headers clerks also write (folded). */
export interface ImportColumn<F extends string> {
  field: F;
  header: string;
  aliases: readonly string[];
  required?: boolean;
}

/** Where each column is in the header row (folded, "*" and ":" ignored); a missing required column is a 400. */
export function findColumns<F extends string>(table: Table, columns: readonly ImportColumn<F>[]) {
  const folded = table.headers.cells.map((h) => foldVn(String(h)).replace(/[*:]/g, '').trim());
  const at: Partial<Record<F, number>> = {};
  for (const c of columns) {
    const i = folded.findIndex((h) => h === foldVn(c.header) || c.aliases.includes(h));
    if (i >= 0) at[c.field] = i;
    else if (c.required) {
      const list = columns.map((x) => x.header).join(', ');
      throw fileProblem(
        c.field,
        {
          vi: `Thiếu cột "${c.header}" ở dòng tiêu đề. Các cột: ${list}.`,
          en: `Missing column "${c.header}" in the header row. Columns: ${list}.`,
        },
        c.header,
      );
    }
  }
  return at;
}

/** The rows that hold anything, and at most `max` of them (a 400 past it). */
export function dataRows(table: Table, max: number) {
  const rows = table.rows.filter((r) => r.cells.some((c) => c !== null && String(c).trim() !== ''));
  if (rows.length === 0)
    throw fileProblem('file', { vi: 'Tệp không có dòng dữ liệu nào.', en: 'The file has no data rows.' });
  if (rows.length > max)
    throw fileProblem('file', {
      vi: `Tệp có ${rows.length} dòng; tối đa ${max} dòng mỗi lần.`,
      en: `The file has ${rows.length} rows; at most ${max} per upload.`,
    });
  return rows;
}

/** "30/04/2026", "30-4-2026", "2026-04-30" or a date cell (read as "2026-04-30") → "2026-04-30"; null if no real day. */
export function parseDay(v: string | number | null): string | null {
  if (v === null) return null;
  const s = String(v).trim();
  const dmy = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(s);
  const ymd = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s);
  const parts = dmy ? [dmy[3], dmy[2], dmy[1]] : ymd ? [ymd[1], ymd[2], ymd[3]] : null;
  if (!parts) return null;
  const [y, m, d] = parts;
  const iso = `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
  const date = new Date(`${iso}T00:00:00Z`);
  return Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== iso ? null : iso;
}

/**
 * The error report a clerk opens in Excel: their rows as uploaded, each bad cell filled red with a note saying what
 * is wrong, and a last column with every problem of the row, in the language asked.
 */
export async function buildErrorReport(table: Table, errors: RowError[], lang: 'vi' | 'en'): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Xã Số';
  const ws = wb.addWorksheet(lang === 'vi' ? 'Lỗi' : 'Errors');
  const width = Math.max(table.headers.cells.length, ...table.rows.map((r) => r.cells.length));
  const problemsHeader = lang === 'vi' ? 'Lỗi cần sửa' : 'To fix';
  ws.addRow([...Array.from({ length: width }, (_, i) => table.headers.cells[i] ?? ''), problemsHeader]);
  ws.getRow(1).font = { bold: true };
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  const byRow = new Map<number, RowError[]>();
  for (const e of errors) byRow.set(e.row, [...(byRow.get(e.row) ?? []), e]);
  for (const r of table.rows) {
    const problems = byRow.get(r.row) ?? [];
    const row = ws.addRow([
      ...Array.from({ length: width }, (_, i) => r.cells[i] ?? null),
      problems.map((p) => `${p.column ?? p.field}: ${p.message[lang]}`).join('\n') || null,
    ]);
    for (const p of problems) {
      if (p.col === undefined) continue;
      const cell = row.getCell(p.col + 1);
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFC7CE' } };
      cell.font = { color: { argb: 'FF9C0006' } };
      cell.note = p.message[lang];
    }
    if (problems.length) row.getCell(width + 1).alignment = { wrapText: true, vertical: 'top' };
  }
  ws.getColumn(width + 1).width = 60;
  for (let i = 1; i <= width; i++) ws.getColumn(i).width = 20;
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/**
 * Answers a rejected import with its row report as plain JSON (not the route's 2xx schema):
 * `{ ok: false, error: { code, message }, errors: [{ row, field, column, message }] }` in the caller's language.
 */
export function sendImportRejected(reply: unknown, e: ImportRejected, lang: 'vi' | 'en') {
  return (reply as FastifyReply)
    .code(e.status)
    .type('application/json; charset=utf-8')
    .serializer(JSON.stringify)
    .send({
      ok: false,
      error: { code: e.code, message: e.text[lang] },
      errors: e.rowErrors.map((r) => ({ row: r.row, field: r.field, column: r.column, message: r.message[lang] })),
    });
}

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * The one file of a spreadsheet upload (a route registered with @fastify/multipart and its limits): 415 when the body
 * is not multipart, 400 naming `file` when none was sent, 413 past the size limit (the plugin's).
 */
export async function uploadedSpreadsheet(req: FastifyRequest): Promise<{ file: Buffer; fileName?: string }> {
  requireMultipart(req, { vi: 'tệp', en: 'file' });
  const part = await req.file();
  if (!part) throw errors.invalidField('file', { vi: 'Chưa chọn tệp để tải lên.', en: 'No file was uploaded.' });
  return { file: await part.toBuffer(), fileName: part.filename || undefined };
}

/**
 * Answers a refused import in the caller's language: with `report` (the `?report=xlsx` of an import route) and row
 * errors (422), the clerk's own rows as XLSX with the bad cells marked, named `<reportName>.xlsx`; otherwise the JSON
 * row report.
 */
export async function sendImportRejection(
  req: FastifyRequest,
  reply: unknown,
  e: ImportRejected,
  opts: { file: Buffer; report?: boolean; reportName?: string },
) {
  const lang = requestLang(req);
  if (!opts.report || !opts.reportName || e.status !== 422) return sendImportRejected(reply, e, lang);
  return (reply as FastifyReply)
    .code(422)
    .type(XLSX_TYPE)
    .header('content-disposition', contentDisposition('attachment', opts.reportName, 'xlsx'))
    .serializer((b: unknown) => b as string) // already the workbook's bytes
    .send(await buildErrorReport(await readTable(opts.file), e.rowErrors, lang));
}
