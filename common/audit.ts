import { z } from 'zod';

export * from './constants/audit.js';

/*
 * The audit trail read API: GET /api/audit. Province administrators see their province's entries, commune
 * administrators the entries under their commune; newest first.
 */

/** "2026-11-26" (a whole day in Asia/Ho_Chi_Minh) or a full ISO date-time with offset. */
const DateOrDateTime = z.union([z.iso.date(), z.iso.datetime({ offset: true })]);

/** GET /api/audit */
export const AuditQuery = z.strictObject({
  /** Id of the user or API key that acted. */
  actor: z.string().trim().min(1).max(100).optional(),
  /** Exact action ("account.read_personal") or a prefix ending in a dot ("account."). */
  action: z.string().trim().min(1).max(100).optional(),
  resourceType: z.string().trim().min(1).max(100).optional(),
  resourceId: z.string().trim().min(1).max(200).optional(),
  /** From this moment (a date means the start of that day, Vietnam time). */
  from: DateOrDateTime.optional(),
  /** Up to this moment (a date means the end of that day, Vietnam time). */
  to: DateOrDateTime.optional(),
  cursor: z.string().max(40).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type AuditQuery = z.infer<typeof AuditQuery>;

export const AuditActor = z.object({
  id: z.string().nullable(),
  kind: z.enum(['user', 'api_key', 'system']),
  /** A staff member's name, an API key's name; null for citizens and the system (shown as a label). */
  name: z.string().nullable(),
});

export const AuditEntry = z.object({
  id: z.number().int(),
  at: z.string(),
  actor: AuditActor,
  action: z.string(),
  resourceType: z.string(),
  resourceId: z.string().nullable(),
  unitPath: z.string().nullable(),
  reason: z.string().nullable(),
  /** What changed, by field; never personal data. */
  details: z.record(z.string(), z.unknown()).nullable(),
  requestId: z.string().nullable(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

export const AuditList = z.object({ items: z.array(AuditEntry), nextCursor: z.string().nullable() });
export type AuditList = z.infer<typeof AuditList>;
