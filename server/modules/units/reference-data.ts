import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The shipped list of Vietnam's 34 provinces and 3,321 communes (data/vn-admin, MIT). */
export const UNITS_FILE = join(import.meta.dirname, '../../../data/vn-admin/vn-units-2026-07-25.json');

interface SourceCommune {
  Code: string;
  Name: string;
  NameEn: string;
  FullName: string;
  FullNameEn: string;
  AdministrativeUnitShortName: string;
}
interface SourceProvince extends SourceCommune {
  Wards: SourceCommune[];
}

export interface UnitRow {
  code: string;
  parentCode: string | null;
  level: 'province' | 'commune' | 'hamlet';
  kind: string;
  name: string;
  fullName: string;
  nameEn: string | null;
  fullNameEn: string | null;
  path: string;
  provinceCode: string;
  households?: number | null;
}

const COMMUNE_KIND: Record<string, string> = { Xã: 'xa', Phường: 'phuong', 'Đặc khu': 'dac_khu' };
const PROVINCE_KIND: Record<string, string> = { Tỉnh: 'tinh', 'Thành phố': 'thanh_pho' };

/** Provinces and communes as unit rows, names in NFC. */
export function loadReferenceUnits(file = UNITS_FILE): UnitRow[] {
  const provinces = JSON.parse(readFileSync(file, 'utf8')) as SourceProvince[];
  const rows: UnitRow[] = [];
  const nfc = (s: string) => s.normalize('NFC');
  for (const p of provinces) {
    rows.push({
      code: p.Code,
      parentCode: null,
      level: 'province',
      kind: PROVINCE_KIND[p.AdministrativeUnitShortName] ?? 'tinh',
      name: nfc(p.Name),
      fullName: nfc(p.FullName),
      nameEn: p.NameEn,
      fullNameEn: p.FullNameEn,
      path: p.Code,
      provinceCode: p.Code,
    });
    for (const w of p.Wards) {
      const kind = COMMUNE_KIND[w.AdministrativeUnitShortName];
      if (!kind) throw new Error(`Unknown commune type ${w.AdministrativeUnitShortName} for ${w.Code}`);
      rows.push({
        code: w.Code,
        parentCode: p.Code,
        level: 'commune',
        kind,
        name: nfc(w.Name),
        fullName: nfc(w.FullName),
        nameEn: w.NameEn,
        fullNameEn: w.FullNameEn,
        path: `${p.Code}/${w.Code}`,
        provinceCode: p.Code,
      });
    }
  }
  return rows;
}
