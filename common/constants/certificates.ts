/**
 * Certificates (giấy chứng nhận) of Bình dân học vụ số: labels and limits shared by the server and the pages. The
 * kinds live with the learning constants (`CERTIFICATE_KINDS`). No zod here, so pages import them directly.
 */
import type { CertificateKind } from './learning.js';

export { CERTIFICATE_KINDS, type CertificateKind } from './learning.js';

/** What the certificate says its holder did, by kind. */
export const CERTIFICATE_KIND_LABELS: Record<CertificateKind, { vi: string; en: string }> = {
  course: { vi: 'Đã hoàn thành khóa học', en: 'Completed the course' },
  session: { vi: 'Đã tham dự hội nghị tập huấn', en: 'Attended the training conference' },
};

/** The prefix every serial starts with (Bình Dân Học Vụ Số). */
export const CERTIFICATE_SERIAL_PREFIX = 'BDHVS';

export const CERTIFICATE_LIMITS = {
  /** A serial as typed: dashes, spaces and the prefix are allowed, so leave room. */
  serialTyped: 60,
  revokeReasonMin: 3,
  revokeReason: 500,
  q: 100,
  pageSize: 50,
  /** The most certificates one bulk PDF holds. */
  bulk: 20_000,
} as const;

/** What the public page shows for a serial. */
export const CERTIFICATE_VERIFY_STATUSES = ['valid', 'revoked', 'not_found', 'invalid'] as const;
export type CertificateVerifyStatus = (typeof CERTIFICATE_VERIFY_STATUSES)[number];
