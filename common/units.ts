import { z } from 'zod';
import { HAMLET_KINDS, UNIT_LEVELS, UNIT_PAGE_DEFAULT, UNIT_PAGE_MAX } from './constants/units.js';

export * from './constants/units.js';

/**
 * Administrative units, shared by the server and the web app: province → commune (xã, phường, đặc khu) →
 * hamlet (thôn, xóm, bản, tổ dân phố…). Codes are the official ones for provinces ("19") and communes
 * ("05569"); hamlets get `<commune>-NNN` ("05569-001").
 */

export const UnitLevel = z.enum(UNIT_LEVELS);
export type UnitLevel = z.infer<typeof UnitLevel>;
export const HamletKind = z.enum(HAMLET_KINDS);
export type HamletKind = z.infer<typeof HamletKind>;

const flag = z
  .enum(['0', '1', 'true', 'false'])
  .optional()
  .transform((v) => v === '1' || v === 'true');
const unitCode = z.string().trim().min(1).max(40);

/**
 * `GET /api/units` query. Without `q`: the children of `parent` (the 34 provinces when no parent), in
 * Vietnamese alphabetical order. With `q`: a diacritic-insensitive search ranked by relevance, optionally
 * within `parent`, `province` and `level`.
 */
export const UnitListQuery = z.strictObject({
  parent: unitCode.optional(),
  q: z.string().trim().min(1).max(100).optional(),
  province: z
    .string()
    .regex(/^\d{2}$/)
    .optional(),
  level: UnitLevel.optional(),
  includeRetired: flag,
  limit: z.coerce.number().int().min(1).max(UNIT_PAGE_MAX).default(UNIT_PAGE_DEFAULT),
  /** Opaque; pass back `nextCursor` of the previous page. */
  cursor: z.string().max(500).optional(),
});
export type UnitListQuery = z.input<typeof UnitListQuery>;

/** The short form of a unit, used in breadcrumbs and references. */
export const UnitRef = z.object({
  code: z.string(),
  level: UnitLevel,
  kind: z.string(),
  name: z.string(),
  fullName: z.string(),
});
export type UnitRef = z.infer<typeof UnitRef>;

/** One unit as every list and detail shows it (no personal data exists on units). */
export const UnitView = z.object({
  code: z.string(),
  parentCode: z.string().nullable(),
  level: UnitLevel,
  kind: z.string(),
  name: z.string(),
  fullName: z.string(),
  nameEn: z.string().nullable(),
  fullNameEn: z.string().nullable(),
  path: z.string(),
  provinceCode: z.string(),
  status: z.enum(['active', 'retired']),
  /** Set on a hamlet retired by a merge: the hamlet it was merged into. */
  mergedInto: z.string().nullable(),
  households: z.number().int().nullable(),
  population: z.number().int().nullable(),
  /** Full name of the parent unit ("Tỉnh Thái Nguyên" for a commune), handy in search results. */
  parentFullName: z.string().nullable(),
});
export type UnitView = z.infer<typeof UnitView>;

/** Counts by kind, e.g. `{ xa: 77, phuong: 15 }`. */
export const KindCounts = z.record(z.string(), z.number().int());
export type KindCounts = z.infer<typeof KindCounts>;

export const UnitListResponse = z.object({
  items: z.array(UnitView),
  /** null on the last page. */
  nextCursor: z.string().nullable(),
  /** All matching units (every page), and the same split by kind. */
  total: z.number().int(),
  totals: KindCounts,
});
export type UnitListResponse = z.infer<typeof UnitListResponse>;

/** `GET /api/units/<code>`: the unit, its breadcrumb (province first, the unit itself last), child counts. */
export const UnitDetail = UnitView.extend({
  breadcrumb: z.array(UnitRef),
  /** Active children; retired hamlets counted apart. */
  children: z.object({ total: z.number().int(), totals: KindCounts, retired: z.number().int() }),
  /** True when the province of this unit has boundaries loaded (map and locate work there). */
  hasBoundaries: z.boolean(),
});
export type UnitDetail = z.infer<typeof UnitDetail>;

/** A coordinate from the query string: "" is missing (not 0), "abc" is not a number. */
const coordinate = (min: number, max: number) =>
  z.preprocess((v) => (v === '' ? undefined : v), z.coerce.number().min(min).max(max));
export const LocateQuery = z.strictObject({ lat: coordinate(-90, 90), lng: coordinate(-180, 180) });
export type LocateQuery = z.input<typeof LocateQuery>;

/** `GET /api/units/locate`: the commune containing the point, and its province. */
export const LocateResponse = z.object({
  commune: UnitView,
  province: UnitRef,
  point: z.object({ lat: z.number(), lng: z.number() }),
});
export type LocateResponse = z.infer<typeof LocateResponse>;

const hamletName = z
  .string()
  .transform((s) => s.normalize('NFC').replace(/\s+/g, ' ').trim())
  .pipe(z.string().min(1).max(100));
const count = (max: number) => z.number().int().min(0).max(max).nullable();

/** `POST /api/units/<communeCode>/hamlets`. */
export const HamletCreate = z.strictObject({
  name: hamletName,
  kind: HamletKind,
  nameEn: z.string().trim().max(100).nullable().optional(),
  households: count(100_000).optional(),
  population: count(1_000_000).optional(),
});
export type HamletCreate = z.input<typeof HamletCreate>;

/** `PATCH /api/units/<hamletCode>`: any of the fields; null clears an optional one. */
export const HamletUpdate = z
  .strictObject({
    name: hamletName.optional(),
    kind: HamletKind.optional(),
    nameEn: z.string().trim().max(100).nullable().optional(),
    households: count(100_000).optional(),
    population: count(1_000_000).optional(),
  })
  .refine((v) => Object.keys(v).length > 0, {
    message: 'Cần ít nhất một trường để sửa. | At least one field to change.',
  });
export type HamletUpdate = z.input<typeof HamletUpdate>;

/** `POST /api/units/<hamletCode>/retire`. */
export const HamletRetire = z.strictObject({ reason: z.string().trim().max(500).optional() });

/** `POST /api/units/<hamletCode>/merge`: the hamlet is retired into another active hamlet of the same commune. */
export const HamletMerge = z.strictObject({ into: unitCode, reason: z.string().trim().max(500).optional() });
export type HamletMerge = z.input<typeof HamletMerge>;

export const HamletMergeResponse = z.object({ source: UnitView, target: UnitView });

export const HamletImportQuery = z.strictObject({ dryRun: flag });

/** One row the import accepted (`code` is null on a dry run: nothing was written). */
export const HamletImportRow = z.object({
  row: z.number().int(),
  code: z.string().nullable(),
  name: z.string(),
  fullName: z.string(),
  kind: HamletKind,
  households: z.number().int().nullable(),
  population: z.number().int().nullable(),
});

/** 201 after writing every row, 200 on a dry run. */
export const HamletImportResult = z.object({
  ok: z.literal(true),
  dryRun: z.boolean(),
  count: z.number().int(),
  rows: z.array(HamletImportRow),
});
export type HamletImportResult = z.infer<typeof HamletImportResult>;

/** One problem in the file: `row` is the spreadsheet row number (headers are row 1). */
export const HamletImportError = z.object({
  row: z.number().int(),
  field: z.string(),
  column: z.string().optional(),
  message: z.string(),
});
export type HamletImportError = z.infer<typeof HamletImportError>;

/**
 * 422 (some rows are wrong) or 400 (the file has no header/rows): nothing was written. Carries the platform's
 * one error shape too, so generic clients show `error.message`.
 */
export const HamletImportFailure = z.object({
  ok: z.literal(false),
  error: z.object({ code: z.string(), message: z.string() }),
  errors: z.array(HamletImportError),
});
export type HamletImportFailure = z.infer<typeof HamletImportFailure>;
