/** Kinds of handling unit, their screen names and list limits (no zod: the web app imports this file). */

export const HANDLING_UNIT_KINDS = [
  'province_committee',
  'commune_committee',
  'department',
  'agency',
  'utility',
] as const;
type HandlingUnitKind = (typeof HANDLING_UNIT_KINDS)[number];

/** The kinds a province administrator creates; committees come with the reference data and cannot be removed. */
export const MANAGED_HANDLING_UNIT_KINDS = ['department', 'agency', 'utility'] as const;

export const HANDLING_UNIT_KIND_LABELS: Record<HandlingUnitKind, { vi: string; en: string }> = {
  province_committee: { vi: 'UBND tỉnh', en: 'Provincial People’s Committee' },
  commune_committee: { vi: 'UBND xã/phường', en: 'Commune People’s Committee' },
  department: { vi: 'Sở, ngành', en: 'Department' },
  agency: { vi: 'Cơ quan', en: 'Agency' },
  utility: { vi: 'Doanh nghiệp dịch vụ công', en: 'Utility' },
};

export const HANDLING_UNIT_PAGE_DEFAULT = 50;
export const HANDLING_UNIT_PAGE_MAX = 200;
export const HANDLING_UNIT_MAX_AREAS = 500;
