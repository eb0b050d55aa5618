import { z } from 'zod';
import {
  HANDLING_UNIT_KINDS,
  HANDLING_UNIT_MAX_AREAS,
  HANDLING_UNIT_PAGE_DEFAULT,
  HANDLING_UNIT_PAGE_MAX,
  MANAGED_HANDLING_UNIT_KINDS,
} from './constants/handling-units.js';

export * from './constants/handling-units.js';

/**
 * Handling units (cơ quan xử lý), shared by the server and the web app: commune and province People's
 * Committees (created with the reference data), provincial departments, agencies and utilities. Each serves
 * a set of communes and has a parent that overdue work escalates to. Names and office contacts of public
 * bodies are public.
 */

export const HandlingUnitKind = z.enum(HANDLING_UNIT_KINDS);
export type HandlingUnitKind = z.infer<typeof HandlingUnitKind>;
export const ManagedHandlingUnitKind = z.enum(MANAGED_HANDLING_UNIT_KINDS);

const flag = z
  .enum(['0', '1', 'true', 'false'])
  .optional()
  .transform((v) => v === '1' || v === 'true');

/**
 * `GET /api/handling-units` query: `unit` = units belonging to that administrative unit or below it
 * ("19" = the whole province), `serves` = units serving that commune, `q` = diacritic-insensitive name search.
 */
export const HandlingUnitListQuery = z.strictObject({
  unit: z.string().trim().min(1).max(40).optional(),
  serves: z.string().trim().min(1).max(40).optional(),
  q: z.string().trim().min(1).max(100).optional(),
  kind: HandlingUnitKind.optional(),
  includeInactive: flag,
  limit: z.coerce.number().int().min(1).max(HANDLING_UNIT_PAGE_MAX).default(HANDLING_UNIT_PAGE_DEFAULT),
  cursor: z.string().max(200).optional(),
});
export type HandlingUnitListQuery = z.input<typeof HandlingUnitListQuery>;

export const HandlingUnitRef = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  kind: HandlingUnitKind,
  active: z.boolean(),
});
export type HandlingUnitRef = z.infer<typeof HandlingUnitRef>;

export const HandlingUnitView = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  nameEn: z.string().nullable(),
  kind: HandlingUnitKind,
  /** The administrative unit it belongs to (its commune, or the province) and that unit's full name. */
  unitCode: z.string(),
  unitName: z.string(),
  provinceCode: z.string(),
  parentId: z.string().nullable(),
  /** Office contacts (public bodies, not people). */
  email: z.string().nullable(),
  phone: z.string().nullable(),
  active: z.boolean(),
  servedCount: z.number().int(),
});
export type HandlingUnitView = z.infer<typeof HandlingUnitView>;

export const HandlingUnitListResponse = z.object({
  items: z.array(HandlingUnitView),
  nextCursor: z.string().nullable(),
  total: z.number().int(),
});
export type HandlingUnitListResponse = z.infer<typeof HandlingUnitListResponse>;

export const ServedCommune = z.object({ code: z.string(), kind: z.string(), fullName: z.string() });

/** `GET /api/handling-units/<id>` (id is the uuid or the code, e.g. "ubnd-05569"). */
export const HandlingUnitDetail = HandlingUnitView.extend({
  /** Where overdue work escalates to. */
  parent: HandlingUnitRef.nullable(),
  /** The communes it serves, in Vietnamese alphabetical order. */
  servedCommunes: z.array(ServedCommune),
  /** Active units escalating to this one. */
  childCount: z.number().int(),
});
export type HandlingUnitDetail = z.infer<typeof HandlingUnitDetail>;

const code = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9-]{1,62}$/, {
    message:
      'Chỉ chữ thường không dấu, số và dấu gạch ngang (2–63 ký tự). | Lower-case letters, digits and dashes (2–63).',
  });
const name = z
  .string()
  .transform((s) => s.normalize('NFC').replace(/\s+/g, ' ').trim())
  .pipe(z.string().min(2).max(200));
const phone = z
  .string()
  .trim()
  .regex(/^[0-9+().\s-]{3,30}$/, { message: 'Số điện thoại không hợp lệ. | Invalid phone number.' });
const communeCodes = z.array(z.string().trim().min(1).max(40)).max(HANDLING_UNIT_MAX_AREAS);

/** `POST /api/handling-units` (province administrator). `unitCode` defaults to the administrator's province. */
export const HandlingUnitCreate = z.strictObject({
  code: code.optional(),
  name,
  nameEn: z.string().trim().max(200).nullable().optional(),
  kind: ManagedHandlingUnitKind,
  unitCode: z.string().trim().min(1).max(40).optional(),
  parentId: z.string().trim().max(100).nullable().optional(),
  email: z.email().max(200).nullable().optional(),
  phone: phone.nullable().optional(),
  communeCodes: communeCodes.optional(),
});
export type HandlingUnitCreate = z.input<typeof HandlingUnitCreate>;

/** `PATCH /api/handling-units/<id>`; committees keep their kind. */
export const HandlingUnitUpdate = z
  .strictObject({
    name: name.optional(),
    nameEn: z.string().trim().max(200).nullable().optional(),
    kind: ManagedHandlingUnitKind.optional(),
    parentId: z.string().trim().max(100).nullable().optional(),
    email: z.email().max(200).nullable().optional(),
    phone: phone.nullable().optional(),
  })
  .refine((v) => Object.keys(v).length > 0, {
    message: 'Cần ít nhất một trường để sửa. | At least one field to change.',
  });
export type HandlingUnitUpdate = z.input<typeof HandlingUnitUpdate>;

/** `PUT /api/handling-units/<id>/areas`: replaces the served communes (all in the unit's province). */
export const HandlingUnitAreas = z.strictObject({ communeCodes });
export type HandlingUnitAreas = z.input<typeof HandlingUnitAreas>;

/** `POST /api/handling-units/<id>/deactivate` and `/activate`. */
export const HandlingUnitStatusChange = z.strictObject({ reason: z.string().trim().max(500).optional() });
