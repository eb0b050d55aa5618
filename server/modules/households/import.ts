import ExcelJS from 'exceljs';
import type { HouseholdRow } from '../../../common/campaigns.js';
import {
  HOUSEHOLD_COVERAGE_NOTE,
  HOUSEHOLD_IMPORT_COLUMNS,
  HOUSEHOLD_IMPORT_MAX_ROWS,
  HOUSEHOLD_LIMITS,
  type HouseholdImportField,
} from '../../../common/constants/campaigns.js';
import { foldVn } from '../../../common/units.js';
import type { Message } from '../../platform/i18n.js';
import { dataRows, findColumns, parseDay, type RowError, type Table } from '../../platform/spreadsheet.js';

/** A commune clerk's households spreadsheet (one row per hamlet), checked row by row; nothing here writes. */

export interface HouseholdImportRow {
  row: number;
  hamletCode: string;
  households: number;
  skilled: number | null;
  asOf: string;
  source: string;
}

const text = (v: string | number | null) => (v === null ? '' : String(v).normalize('NFC').replace(/\s+/g, ' ').trim());

export function validateHouseholdRows(
  table: Table,
  hamlets: { code: string; name: string }[],
  today: string,
  defaultSource: string,
): { rows: HouseholdImportRow[]; errors: RowError[] } {
  const at = findColumns(table, HOUSEHOLD_IMPORT_COLUMNS);
  const byName = new Map<string, string>();
  for (const h of hamlets) for (const k of [h.code, h.name]) byName.set(foldVn(k), h.code);
  const header = (f: HouseholdImportField) => HOUSEHOLD_IMPORT_COLUMNS.find((c) => c.field === f)!.header;
  const rows: HouseholdImportRow[] = [];
  const errors: RowError[] = [];
  const seen = new Map<string, number>();
  for (const r of dataRows(table, HOUSEHOLD_IMPORT_MAX_ROWS)) {
    const get = (f: HouseholdImportField) => (at[f] === undefined ? null : (r.cells[at[f]!] ?? null));
    const before = errors.length;
    const fail = (field: HouseholdImportField, message: Message) =>
      errors.push({ row: r.row, field, column: header(field), col: at[field], message });

    const hamletText = text(get('hamlet'));
    const code = byName.get(foldVn(hamletText));
    if (!hamletText) fail('hamlet', { vi: 'Thiếu thôn, tổ dân phố.', en: 'The hamlet is missing.' });
    else if (!code)
      fail('hamlet', {
        vi: `Xã không có thôn, tổ dân phố "${hamletText}" (hoặc đã ngừng hoạt động).`,
        en: `The commune has no active hamlet "${hamletText}".`,
      });
    else if (seen.has(code))
      fail('hamlet', {
        vi: `Thôn, tổ dân phố này đã có ở dòng ${seen.get(code)}.`,
        en: `This hamlet is already on row ${seen.get(code)}.`,
      });
    else seen.set(code, r.row);

    const count = (f: 'households' | 'skilled') => {
      const raw = text(get(f)).replace(/[.,\s](?=\d{3}\b)/g, '');
      const n = /^\d+$/.test(raw) ? Number(raw) : Number.NaN;
      if (raw && (!Number.isInteger(n) || n > HOUSEHOLD_LIMITS.householdsMax))
        fail(f, {
          vi: `"${raw}" không phải số hộ (số nguyên từ 0 đến ${HOUSEHOLD_LIMITS.householdsMax.toLocaleString('vi')}).`,
          en: `"${raw}" is not a number of households (a whole number from 0 to ${HOUSEHOLD_LIMITS.householdsMax}).`,
        });
      return raw ? n : null;
    };
    const households = count('households');
    if (households === null) fail('households', { vi: 'Thiếu số hộ.', en: 'The number of households is missing.' });
    const skilled = count('skilled');
    if (skilled !== null && households !== null && skilled <= HOUSEHOLD_LIMITS.householdsMax && skilled > households)
      fail('skilled', {
        vi: `Số hộ có người có kỹ năng số (${skilled}) lớn hơn tổng số hộ (${households}).`,
        en: `Households with digital skills (${skilled}) are more than the households (${households}).`,
      });

    const dayText = text(get('asOf'));
    let asOf = today;
    if (dayText) {
      const iso = parseDay(dayText);
      if (!iso)
        fail('asOf', {
          vi: `"${dayText}" không phải ngày (ngày/tháng/năm).`,
          en: `"${dayText}" is not a date (dd/mm/yyyy).`,
        });
      else if (iso > today) fail('asOf', { vi: 'Ngày không được sau hôm nay.', en: 'The date cannot be after today.' });
      else asOf = iso;
    }
    const source = text(get('source')) || defaultSource;
    if (source.length > HOUSEHOLD_LIMITS.sourceMax)
      fail('source', {
        vi: `Tối đa ${HOUSEHOLD_LIMITS.sourceMax} ký tự.`,
        en: `At most ${HOUSEHOLD_LIMITS.sourceMax} characters.`,
      });
    if (errors.length === before && code)
      rows.push({ row: r.row, hamletCode: code, households: households!, skilled, asOf, source });
  }
  return { rows, errors };
}

const dmy = (iso: string | null) => (iso ? `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}` : null);

/** The commune's households in the import's format, with the household visits and coverage as extra columns. */
export async function buildHouseholdsWorkbook(rows: HouseholdRow[], title: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Xã Số';
  const ws = wb.addWorksheet('Số hộ');
  ws.columns = [
    ...HOUSEHOLD_IMPORT_COLUMNS.map((c) => ({ header: c.header, key: c.field, width: c.field === 'hamlet' ? 32 : 20 })),
    { header: 'Độ phủ kỹ năng số (%)', key: 'coverage', width: 22 },
    { header: 'Lượt hộ được hỗ trợ (nhật ký, tham khảo)', key: 'reached', width: 30 },
  ];
  ws.getRow(1).font = { bold: true };
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  for (const r of rows)
    ws.addRow({
      hamlet: r.name,
      households: r.households,
      skilled: r.skilled,
      asOf: dmy(r.asOf),
      source: r.source,
      reached: r.reached,
      coverage: r.coverage,
    });
  const help = wb.addWorksheet('Ghi chú');
  help.columns = [{ width: 110 }];
  help.addRows([
    [title],
    [HOUSEHOLD_COVERAGE_NOTE.vi],
    [
      'Nhập lại: sửa các cột Số hộ, Số hộ có người có kỹ năng số cơ bản, Số liệu đến ngày, Nguồn số liệu rồi tải lên; hai cột cuối được bỏ qua.',
    ],
    ['Nếu có dòng sai, không dòng nào được ghi.'],
  ]);
  help.getRow(1).font = { bold: true };
  return Buffer.from(await wb.xlsx.writeBuffer());
}
