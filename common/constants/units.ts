/** Unit levels and kinds, their screen names, name folding and import limits (no zod: the web app imports this file). */

export const UNIT_LEVELS = ['province', 'commune', 'hamlet'] as const;

export const PROVINCE_KINDS = ['tinh', 'thanh_pho'] as const;
export const COMMUNE_KINDS = ['xa', 'phuong', 'dac_khu'] as const;
export const HAMLET_KINDS = ['thon', 'xom', 'ban', 'to_dan_pho', 'khu', 'ap', 'lang', 'other'] as const;

/** What every kind of unit is called on screen (also the word put before a hamlet's name in its full name). */
export const UNIT_KIND_LABELS: Record<string, { vi: string; en: string }> = {
  tinh: { vi: 'Tỉnh', en: 'Province' },
  thanh_pho: { vi: 'Thành phố', en: 'City' },
  xa: { vi: 'Xã', en: 'Commune' },
  phuong: { vi: 'Phường', en: 'Ward' },
  dac_khu: { vi: 'Đặc khu', en: 'Special zone' },
  thon: { vi: 'Thôn', en: 'Village' },
  xom: { vi: 'Xóm', en: 'Hamlet' },
  ban: { vi: 'Bản', en: 'Village' },
  to_dan_pho: { vi: 'Tổ dân phố', en: 'Residential group' },
  khu: { vi: 'Khu', en: 'Quarter' },
  ap: { vi: 'Ấp', en: 'Hamlet' },
  lang: { vi: 'Làng', en: 'Village' },
  other: { vi: 'Khác', en: 'Other' },
};

/**
 * Folds Vietnamese text the way the database's vn_fold() does: NFC, no diacritics, đ→d, lower case, single
 * spaces. "Định Hóa", "Định Hoá" (and their NFD forms) and "DINH HOA" all become "dinh hoa".
 */
export function foldVn(input: string): string {
  return input
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** Page size of every unit list: default 100, at most 200. */
export const UNIT_PAGE_DEFAULT = 100;
export const UNIT_PAGE_MAX = 200;

/** Columns of the hamlet import file (XLSX or CSV, first row = headers; matched without diacritics). */
export const HAMLET_IMPORT_COLUMNS = [
  { field: 'name', header: 'Tên', required: true },
  { field: 'kind', header: 'Loại', required: true },
  { field: 'households', header: 'Số hộ', required: false },
  { field: 'population', header: 'Số dân', required: false },
] as const;
export const HAMLET_IMPORT_MAX_ROWS = 2000;
export const HAMLET_IMPORT_MAX_BYTES = 5 * 1024 * 1024;
