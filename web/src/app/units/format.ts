import { UNIT_KIND_LABELS } from '@common/constants/units';
import { currentLang } from '../../api/client';
import type { Me, Unit, UnitRef } from '../../api/types';

export { foldVn as fold } from '@common/constants/units';

/** What a kind of unit is called ("Xã", "Tổ dân phố"), in the current language. */
export function kindLabel(kind: string) {
  return UNIT_KIND_LABELS[kind]?.[currentLang()] ?? kind;
}

/** The unit's full name in the current language (Vietnamese when no English name is known). */
export function unitName(u: Pick<Unit, 'fullName'> & Partial<Pick<Unit, 'fullNameEn'>>, lang: string) {
  return lang === 'en' && u.fullNameEn ? u.fullNameEn : u.fullName;
}

/** Whether the UI should offer the management screens for a unit; the server decides for real. */
export function canManageUnit(
  me: Me | null | undefined,
  unit: Pick<Unit, 'code' | 'parentCode'> & { breadcrumb?: UnitRef[] },
) {
  if (!me) return false;
  const above = new Set([unit.code, unit.parentCode, ...(unit.breadcrumb ?? []).map((b) => b.code)]);
  return me.assignments.some(
    (a) => (a.role === 'province_admin' || a.role === 'commune_admin') && !!a.unitCode && above.has(a.unitCode),
  );
}
