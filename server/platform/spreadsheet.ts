import { parse as parseCsv } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { AppError } from './errors.js';
import type { Message } from './i18n.js';

/**
 * Reading a clerk's spreadsheet (hamlets, teams and members…): XLSX or CSV, recognised by content (an .xlsx is a zip,
 * "PK\x03\x04"; anything else must be UTF-8 text); the one error shape of a rejected import; and the error report a
 * clerk opens in Excel. Nothing here touches the database.
 */
export interface RowError {
  row: number;
  field: string;
  column?: string;
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
