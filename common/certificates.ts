import { z } from 'zod';
import { CERTIFICATE_VERIFY_STATUSES, CERTIFICATE_LIMITS as L } from './constants/certificates.js';
import { CERTIFICATE_KINDS } from './constants/learning.js';

export * from './constants/certificates.js';

/**
 * Certificates (giấy chứng nhận): issued on completing a course or attending a training session, downloadable as a
 * PDF, verifiable by anyone at `/verify/<serial>`, revocable by administrators. Shared request and response schemas.
 */

/** A serial as someone typed it: checked (and normalised) by the service, so here only its length. */
export const CertificateSerialParam = z.strictObject({
  serial: z.string().trim().min(1).max(L.serialTyped),
});

/** `GET /api/verify/:serial` (public): only the holder's name, the title and the date; nothing else. */
export const CertificateVerification = z.object({
  status: z.enum(CERTIFICATE_VERIFY_STATUSES),
  /** The serial in its canonical form (when it is well formed). */
  serial: z.string().nullable(),
  kind: z.enum(CERTIFICATE_KINDS).nullable(),
  holderName: z.string().nullable(),
  title: z.string().nullable(),
  /** Issue day, YYYY-MM-DD (Vietnam). */
  issuedOn: z.string().nullable(),
  /** When it was revoked (ISO), for a revoked one. */
  revokedAt: z.string().nullable(),
});
export type CertificateVerification = z.infer<typeof CertificateVerification>;

/** A certificate as its holder and administrators see it. */
export const CertificateView = z.object({
  id: z.uuid(),
  serial: z.string(),
  kind: z.enum(CERTIFICATE_KINDS),
  sourceId: z.uuid(),
  holderName: z.string(),
  title: z.string(),
  unitCode: z.string(),
  unitName: z.string(),
  issuedOn: z.string(),
  issuedAt: z.string(),
  revokedAt: z.string().nullable(),
  /** Why it was revoked: administrators only (null for the holder's own list). */
  revokeReason: z.string().nullable(),
});
export type CertificateView = z.infer<typeof CertificateView>;

export const CertificateList = z.object({
  items: z.array(CertificateView),
  nextCursor: z.string().nullable(),
});
export type CertificateList = z.infer<typeof CertificateList>;

export const MyCertificates = z.object({ items: z.array(CertificateView) });
export type MyCertificates = z.infer<typeof MyCertificates>;

/** `GET /api/certificates`: administrators' list, newest first; `q` ignores diacritics (name, title, serial). */
export const CertificateListQuery = z.strictObject({
  /** A unit code (commune or province); default: the caller's widest scope. */
  unit: z.string().trim().min(1).max(40).optional(),
  q: z.string().trim().max(L.q).optional(),
  kind: z.enum(CERTIFICATE_KINDS).optional(),
  /** A course or session id. */
  source: z.uuid({ message: 'Mã không hợp lệ. | Not a valid id.' }).optional(),
  status: z.enum(['valid', 'revoked']).optional(),
  cursor: z.string().max(300).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(L.pageSize),
});
export type CertificateListQuery = z.input<typeof CertificateListQuery>;

/** `GET /api/certificates/bulk.pdf`: every certificate of one course or session within the caller's scope. */
export const CertificateBulkQuery = z.strictObject({
  kind: z.enum(CERTIFICATE_KINDS),
  source: z.uuid({ message: 'Mã không hợp lệ. | Not a valid id.' }),
  unit: z.string().trim().min(1).max(40).optional(),
});
export type CertificateBulkQuery = z.input<typeof CertificateBulkQuery>;

/** `POST /api/certificates/:serial/revoke`. */
export const CertificateRevoke = z.strictObject({
  reason: z
    .string()
    .trim()
    .min(L.revokeReasonMin, { message: 'Cần nêu lý do thu hồi. | Give a reason for revoking.' })
    .max(L.revokeReason),
});
export type CertificateRevoke = z.input<typeof CertificateRevoke>;
