import ExcelJS from 'exceljs';
import { normalizeVnPhone } from '../../../common/accounts.js';
import {
  TEAM_IMPORT_COLUMNS,
  TEAM_IMPORT_MAX_ROWS,
  TEAM_MEMBER_ORGANISATION_LABELS,
  TEAM_MEMBER_ORGANISATIONS,
  TEAM_MEMBER_ROLE_LABELS,
  TEAM_MEMBER_ROLES,
  type TeamImportField,
  type TeamMemberOrganisation,
  type TeamMemberRole,
} from '../../../common/constants/teams.js';
import { foldVn } from '../../../common/units.js';
import type { Message } from '../../platform/i18n.js';
import { dataRows, findColumns, parseDay, type RowError, type Table } from '../../platform/spreadsheet.js';

/**
 * A commune clerk's teams-and-members spreadsheet (one row per member; a team with no member yet: a row with only
 * its hamlet and team cells), checked row by row against the commune's hamlets. Nothing here touches the database:
 * the service checks the rows against the teams already there.
 */

export interface TeamImportRow {
  row: number;
  hamletCode: string;
  hamletName: string;
  teamName: string | null;
  decisionNumber: string | null;
  decisionDate: string | null;
  member: {
    fullName: string;
    phone: string;
    organisation: TeamMemberOrganisation;
    role: TeamMemberRole;
    joinedOn: string | null;
  } | null;
}

/** Words a clerk writes for an organisation or a role, folded: the labels, their keys, and common short forms. */
const ORGANISATION_WORDS: Record<string, TeamMemberOrganisation> = {
  ...Object.fromEntries(TEAM_MEMBER_ORGANISATIONS.map((o) => [o, o])),
  ...Object.fromEntries(TEAM_MEMBER_ORGANISATIONS.map((o) => [foldVn(TEAM_MEMBER_ORGANISATION_LABELS[o].vi), o])),
  'doan thanh nien': 'doan_thanh_nien',
  'doan tn': 'doan_thanh_nien',
  'hoi phu nu': 'hoi_phu_nu',
  'phu nu': 'hoi_phu_nu',
  'hoi nong dan': 'hoi_nong_dan',
  'cong an': 'cong_an',
  'truong thon': 'truong_thon',
  'to truong to dan pho': 'truong_thon',
  'tinh nguyen vien': 'tinh_nguyen_vien',
  'sinh vien': 'tinh_nguyen_vien',
  khac: 'khac',
};
const ROLE_WORDS: Record<string, TeamMemberRole> = {
  ...Object.fromEntries(TEAM_MEMBER_ROLES.map((r) => [r, r])),
  ...Object.fromEntries(TEAM_MEMBER_ROLES.map((r) => [foldVn(TEAM_MEMBER_ROLE_LABELS[r].vi), r])),
  'to truong': 'leader',
  'to pho': 'deputy',
  'thanh vien': 'member',
};
const ORGANISATION_LIST = TEAM_MEMBER_ORGANISATIONS.map((o) => TEAM_MEMBER_ORGANISATION_LABELS[o].vi).join('; ');
const ROLE_LIST = TEAM_MEMBER_ROLES.map((r) => TEAM_MEMBER_ROLE_LABELS[r].vi).join(', ');

const text = (v: string | number | null) => (v === null ? '' : String(v).normalize('NFC').replace(/\s+/g, ' ').trim());

/**
 * Checks every row: a hamlet of the commune (by name, with or without its kind, or by code), a valid team name and
 * dates, and for a member a name, a mobile number, an organisation and a role; the same person twice in the file is
 * refused on the second row. Returns the good rows and one error per bad cell.
 */
export function validateTeamRows(
  table: Table,
  hamlets: { code: string; name: string; fullName: string }[],
  today: string,
): { rows: TeamImportRow[]; errors: RowError[]; columns: Partial<Record<TeamImportField, number>> } {
  const at = findColumns(table, TEAM_IMPORT_COLUMNS);
  const hamletByName = new Map<string, { code: string; fullName: string }>();
  for (const h of hamlets)
    for (const key of [h.code, h.name, h.fullName])
      hamletByName.set(foldVn(key), { code: h.code, fullName: h.fullName });
  const rows: TeamImportRow[] = [];
  const errors: RowError[] = [];
  const seenPhones = new Map<string, number>();
  const header = (f: TeamImportField) => TEAM_IMPORT_COLUMNS.find((c) => c.field === f)!.header;
  for (const r of dataRows(table, TEAM_IMPORT_MAX_ROWS)) {
    const get = (f: TeamImportField) => (at[f] === undefined ? null : (r.cells[at[f]!] ?? null));
    const fail = (field: TeamImportField, message: Message) =>
      errors.push({ row: r.row, field, column: header(field), col: at[field], message });
    const before = errors.length;
    const day = (f: TeamImportField) => {
      const raw = text(get(f));
      if (!raw) return null;
      const iso = parseDay(raw);
      if (!iso)
        fail(f, { vi: `"${raw}" không phải ngày (ngày/tháng/năm).`, en: `"${raw}" is not a date (dd/mm/yyyy).` });
      else if (iso > today) fail(f, { vi: 'Ngày không được sau hôm nay.', en: 'The date cannot be after today.' });
      return iso;
    };

    const hamletText = text(get('hamlet'));
    const hamlet = hamletByName.get(foldVn(hamletText));
    if (!hamletText) fail('hamlet', { vi: 'Thiếu thôn, tổ dân phố.', en: 'The hamlet is missing.' });
    else if (!hamlet)
      fail('hamlet', {
        vi: `Xã không có thôn, tổ dân phố "${hamletText}" (hoặc đã ngừng hoạt động).`,
        en: `The commune has no active hamlet "${hamletText}".`,
      });
    const teamName = text(get('teamName')) || null;
    if (teamName && teamName.length > 150) fail('teamName', { vi: 'Tối đa 150 ký tự.', en: 'At most 150 characters.' });
    const decisionNumber = text(get('decisionNumber')) || null;
    if (decisionNumber && decisionNumber.length > 60)
      fail('decisionNumber', { vi: 'Tối đa 60 ký tự.', en: 'At most 60 characters.' });
    const decisionDate = day('decisionDate');

    const fullName = text(get('fullName'));
    const phoneText = text(get('phone'));
    const organisationText = text(get('organisation'));
    const roleText = text(get('role'));
    let member: TeamImportRow['member'] = null;
    if (fullName || phoneText || organisationText || roleText) {
      if (!fullName) fail('fullName', { vi: 'Thiếu họ và tên.', en: 'The name is missing.' });
      else if (fullName.length > 120) fail('fullName', { vi: 'Tối đa 120 ký tự.', en: 'At most 120 characters.' });
      const phone = normalizeVnPhone(phoneText);
      if (!phoneText) fail('phone', { vi: 'Thiếu số điện thoại.', en: 'The phone is missing.' });
      else if (!phone)
        fail('phone', {
          vi: `"${phoneText}" không phải số di động (10 chữ số, bắt đầu bằng 03, 05, 07, 08 hoặc 09).`,
          en: `"${phoneText}" is not a mobile number (10 digits starting with 03, 05, 07, 08 or 09).`,
        });
      else if (seenPhones.has(phone))
        fail('phone', {
          vi: `Người này đã có ở dòng ${seenPhones.get(phone)} (cùng số điện thoại).`,
          en: `This person is already on row ${seenPhones.get(phone)} (same phone).`,
        });
      else seenPhones.set(phone, r.row);
      const organisation = ORGANISATION_WORDS[foldVn(organisationText)];
      if (!organisation)
        fail('organisation', {
          vi: organisationText
            ? `Tổ chức "${organisationText}" không có trong danh sách: ${ORGANISATION_LIST}.`
            : `Thiếu tổ chức (${ORGANISATION_LIST}).`,
          en: organisationText
            ? `Unknown organisation "${organisationText}"; use one of: ${ORGANISATION_LIST}.`
            : `The organisation is missing (${ORGANISATION_LIST}).`,
        });
      const role = roleText ? ROLE_WORDS[foldVn(roleText)] : 'member';
      if (!role)
        fail('role', {
          vi: `Vai trò "${roleText}" không hợp lệ; dùng: ${ROLE_LIST}.`,
          en: `Unknown role "${roleText}"; use: ${ROLE_LIST}.`,
        });
      const joinedOn = day('joinedOn');
      if (errors.length === before) member = { fullName, phone: phone!, organisation, role, joinedOn };
    }
    if (errors.length === before && hamlet)
      rows.push({
        row: r.row,
        hamletCode: hamlet.code,
        hamletName: hamlet.fullName,
        teamName,
        decisionNumber,
        decisionDate,
        member,
      });
  }
  return { rows, errors, columns: at };
}

type Cell = string | null;

/** The spreadsheet of a commune's teams and members in the import's format (the template when `rows` is empty). */
export async function buildTeamsWorkbook(rows: Cell[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Xã Số';
  const ws = wb.addWorksheet('Tổ công nghệ số');
  ws.columns = TEAM_IMPORT_COLUMNS.map((c) => ({
    header: c.header,
    key: c.field,
    width: c.field === 'hamlet' ? 28 : 22,
  }));
  ws.getRow(1).font = { bold: true };
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  for (const r of rows) ws.addRow(r);
  const list = (col: string, values: string[]) =>
    (ws as unknown as { dataValidations: { add(range: string, v: ExcelJS.DataValidation): void } }).dataValidations.add(
      `${col}2:${col}${TEAM_IMPORT_MAX_ROWS + 1}`,
      { type: 'list', allowBlank: true, formulae: [`"${values.join(',')}"`] },
    );
  list(
    'H',
    TEAM_MEMBER_ROLES.map((r) => TEAM_MEMBER_ROLE_LABELS[r].vi),
  );
  const help = wb.addWorksheet('Hướng dẫn');
  help.columns = [{ width: 22 }, { width: 90 }];
  help.addRows([
    ['Cột', 'Cách điền'],
    ['Thôn, tổ dân phố', 'Tên thôn, xóm, tổ dân phố của xã (ví dụ: Tổ dân phố Trung Kiên, Xóm Bãi Á). Bắt buộc.'],
    ['Tên tổ', 'Không bắt buộc; để trống thì là "Tổ công nghệ số cộng đồng" + tên thôn.'],
    ['Số quyết định, Ngày quyết định', 'Quyết định thành lập tổ (ngày/tháng/năm). Không bắt buộc.'],
    ['Họ và tên, Số điện thoại', 'Một dòng cho mỗi thành viên; số di động 10 chữ số.'],
    ['Tổ chức', ORGANISATION_LIST],
    ['Vai trò', `${ROLE_LIST}. Để trống là Thành viên. Mỗi tổ một tổ trưởng.`],
    ['Ngày vào tổ', 'Ngày/tháng/năm; để trống là hôm nay.'],
    ['', `Mỗi lần tối đa ${TEAM_IMPORT_MAX_ROWS.toLocaleString('vi')} dòng. Nếu có dòng sai, không dòng nào được ghi.`],
    [
      '',
      'Người đã là thành viên của tổ (cùng số điện thoại) được bỏ qua: tải lên lại cùng tệp không tạo bản ghi trùng.',
    ],
  ]);
  help.getRow(1).font = { bold: true };
  return Buffer.from(await wb.xlsx.writeBuffer());
}
