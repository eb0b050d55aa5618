import ExcelJS from 'exceljs';
import {
  foldVn,
  HAMLET_IMPORT_COLUMNS,
  HAMLET_IMPORT_MAX_ROWS,
  HAMLET_KINDS,
  type HamletKind,
  UNIT_KIND_LABELS,
} from '../../../common/units.js';
import type { Message } from '../../platform/i18n.js';
import { fileProblem, type RowError, type Table } from '../../platform/spreadsheet.js';

/** A commune clerk's hamlet list (platform/spreadsheet reads it), checked row by row. Nothing here touches the database. */

type Field = (typeof HAMLET_IMPORT_COLUMNS)[number]['field'];
export interface ImportRow {
  row: number;
  name: string;
  kind: HamletKind;
  households: number | null;
  population: number | null;
}

const HEADER_ALIASES: Record<Field, string[]> = {
  name: ['ten', 'ten thon', 'ten thon xom', 'ten thon, xom', 'name'],
  kind: ['loai', 'loai thon', 'kind', 'type'],
  households: ['so ho', 'households'],
  population: ['so dan', 'so nhan khau', 'dan so', 'population'],
};

/** Words a clerk writes in "Loại", folded: "Tổ dân phố", "TDP", "to dan pho" → to_dan_pho. */
const KIND_WORDS: Record<string, HamletKind> = {
  thon: 'thon',
  xom: 'xom',
  ban: 'ban',
  'to dan pho': 'to_dan_pho',
  tdp: 'to_dan_pho',
  to: 'to_dan_pho',
  khu: 'khu',
  'khu pho': 'khu',
  ap: 'ap',
  lang: 'lang',
  khac: 'other',
  other: 'other',
  ...Object.fromEntries(HAMLET_KINDS.map((k) => [k, k])),
};

const ALLOWED_KINDS = HAMLET_KINDS.map((k) => UNIT_KIND_LABELS[k].vi).join(', ');

function parseCount(v: string | number | null, max: number): number | null | Message {
  if (v === null) return null;
  let n: number;
  if (typeof v === 'number') n = v;
  else {
    const s = v.replace(/\s/g, '');
    if (s === '') return null;
    // "1.234" and "1,234" are thousands in Vietnamese and English spreadsheets.
    if (!/^\d+$/.test(s) && !/^\d{1,3}([.,]\d{3})+$/.test(s))
      return { vi: `"${v}" không phải là số nguyên.`, en: `"${v}" is not a whole number.` };
    n = Number(s.replace(/[.,]/g, ''));
  }
  if (!Number.isInteger(n) || n < 0) return { vi: 'Phải là số nguyên không âm.', en: 'Must be a whole number ≥ 0.' };
  if (n > max) return { vi: `Tối đa ${max.toLocaleString('vi')}.`, en: `At most ${max.toLocaleString('en')}.` };
  return n;
}

/**
 * Checks every row: name present (≤ 100 characters), kind recognised, counts whole numbers. Returns the good
 * rows and one error per bad cell; duplicates are checked by the caller against the database too.
 */
export function validateRows(table: Table): { rows: ImportRow[]; errors: RowError[] } {
  const col: Partial<Record<Field, number>> = {};
  const folded = table.headers.cells.map((h) => foldVn(String(h)).replace(/[*:]/g, '').trim());
  for (const c of HAMLET_IMPORT_COLUMNS) {
    const i = folded.findIndex((h) => HEADER_ALIASES[c.field].includes(h));
    if (i >= 0) col[c.field] = i;
    else if (c.required)
      throw fileProblem(
        c.field,
        {
          vi: `Thiếu cột "${c.header}" ở dòng tiêu đề. Các cột: ${HAMLET_IMPORT_COLUMNS.map((x) => x.header).join(', ')}.`,
          en: `Missing column "${c.header}" in the header row. Columns: ${HAMLET_IMPORT_COLUMNS.map((x) => x.header).join(', ')}.`,
        },
        c.header,
      );
  }
  const data = table.rows.filter((r) => r.cells.some((c) => c !== null && String(c).trim() !== ''));
  if (data.length === 0)
    throw fileProblem('file', { vi: 'Tệp không có dòng dữ liệu nào.', en: 'The file has no data rows.' });
  if (data.length > HAMLET_IMPORT_MAX_ROWS)
    throw fileProblem('file', {
      vi: `Tệp có ${data.length} dòng; tối đa ${HAMLET_IMPORT_MAX_ROWS} dòng mỗi lần.`,
      en: `The file has ${data.length} rows; at most ${HAMLET_IMPORT_MAX_ROWS} per upload.`,
    });

  const rows: ImportRow[] = [];
  const errors: RowError[] = [];
  const header = (f: Field) => HAMLET_IMPORT_COLUMNS.find((c) => c.field === f)!.header;
  for (const r of data) {
    const get = (f: Field) => (col[f] === undefined ? null : (r.cells[col[f]!] ?? null));
    const fail = (field: Field, message: Message) => errors.push({ row: r.row, field, column: header(field), message });
    const before = errors.length;
    const name = String(get('name') ?? '')
      .normalize('NFC')
      .replace(/\s+/g, ' ')
      .trim();
    if (!name) fail('name', { vi: 'Thiếu tên.', en: 'Name is missing.' });
    else if (name.length > 100) fail('name', { vi: 'Tên tối đa 100 ký tự.', en: 'Name: at most 100 characters.' });
    else if (/[\0<>]/.test(name))
      fail('name', { vi: 'Tên chứa ký tự không hợp lệ.', en: 'Name has invalid characters.' });
    const kindText = String(get('kind') ?? '').trim();
    const kind = KIND_WORDS[foldVn(kindText)];
    if (!kindText) fail('kind', { vi: `Thiếu loại (${ALLOWED_KINDS}).`, en: `Kind is missing (${ALLOWED_KINDS}).` });
    else if (!kind)
      fail('kind', {
        vi: `Loại "${kindText}" không hợp lệ; dùng một trong: ${ALLOWED_KINDS}.`,
        en: `Unknown kind "${kindText}"; use one of: ${ALLOWED_KINDS}.`,
      });
    const households = parseCount(get('households'), 100_000);
    if (typeof households === 'object' && households !== null) fail('households', households);
    const population = parseCount(get('population'), 1_000_000);
    if (typeof population === 'object' && population !== null) fail('population', population);
    if (errors.length === before)
      rows.push({
        row: r.row,
        name,
        kind: kind!,
        households: households as number | null,
        population: population as number | null,
      });
  }
  return { rows, errors };
}

/** The XLSX a commune clerk fills in: the right headers, a list of kinds on "Loại", and a help sheet. */
export async function buildImportTemplate(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Xã Số';
  const ws = wb.addWorksheet('Thôn, xóm');
  ws.columns = HAMLET_IMPORT_COLUMNS.map((c) => ({
    header: c.header,
    key: c.field,
    width: c.field === 'name' ? 32 : 16,
  }));
  ws.getRow(1).font = { bold: true };
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  const kinds = HAMLET_KINDS.map((k) => UNIT_KIND_LABELS[k].vi);
  (ws as unknown as { dataValidations: { add(range: string, v: ExcelJS.DataValidation): void } }).dataValidations.add(
    `B2:B${HAMLET_IMPORT_MAX_ROWS + 1}`,
    {
      type: 'list',
      allowBlank: true,
      formulae: [`"${kinds.join(',')}"`],
      showErrorMessage: true,
      errorTitle: 'Loại không hợp lệ',
      error: `Chọn một trong: ${kinds.join(', ')}`,
    },
  );
  const help = wb.addWorksheet('Hướng dẫn');
  help.columns = [{ width: 24 }, { width: 80 }];
  help.addRows([
    ['Cột', 'Cách điền'],
    ['Tên', 'Tên thôn, xóm, tổ dân phố (ví dụ: Bãi Á, Trung Kiên, Tổ 8b). Bắt buộc.'],
    ['Loại', `Một trong: ${kinds.join(', ')}. Bắt buộc.`],
    ['Số hộ', 'Số hộ gia đình (số nguyên). Không bắt buộc.'],
    ['Số dân', 'Số nhân khẩu (số nguyên). Không bắt buộc.'],
    ['', `Mỗi lần tải lên tối đa ${HAMLET_IMPORT_MAX_ROWS} dòng. Nếu có dòng sai, không dòng nào được ghi.`],
    ['Ví dụ', 'Bãi Á | Xóm | 131 | 520'],
  ]);
  help.getRow(1).font = { bold: true };
  return Buffer.from(await wb.xlsx.writeBuffer());
}
