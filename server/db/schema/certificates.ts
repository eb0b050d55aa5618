import { sql } from 'drizzle-orm';
import { date, index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { CERTIFICATE_KINDS } from '../../../common/constants/learning.js';
import { users } from './accounts.js';
import { units } from './units.js';

/**
 * Certificates (giấy chứng nhận): one per (kind, source, person), so issuing again (a repeated completion, a retried
 * check-in) finds the first. What the certificate says is copied at issue (the holder's name as on the account, the
 * course title or session topic, the unit): a later rename does not rewrite a certificate already printed. The
 * serial is signed (see certificates/serial.ts); revocation keeps the row and says when, by whom and why.
 */
export const certificates = pgTable(
  'certificates',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** "BDHVS-XXXX-XXXX-XXXX-XXXX": random part + its HMAC, canonical (upper case, dashes). */
    serial: text('serial').notNull(),
    kind: text('kind', { enum: CERTIFICATE_KINDS }).notNull(),
    /** The course (kind 'course') or the training session (kind 'session'). */
    sourceId: uuid('source_id').notNull(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    holderName: text('holder_name').notNull(),
    title: text('title').notNull(),
    unitCode: text('unit_code')
      .notNull()
      .references(() => units.code),
    unitName: text('unit_name').notNull(),
    /** The unit's path at issue: administrators of it (or above) list, download and revoke. */
    unitPath: text('unit_path').notNull(),
    /** The day in Vietnam it was issued (printed dd/mm/yyyy). */
    issuedOn: date('issued_on', { mode: 'string' }).notNull(),
    issuedAt: timestamp('issued_at', { withTimezone: true }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    revokedBy: uuid('revoked_by'),
    revokeReason: text('revoke_reason'),
    /** Holder, title and serial folded for search (vn_fold: no diacritics, lower case). */
    searchFold: text('search_fold').generatedAlwaysAs(sql`vn_fold(holder_name || ' ' || title || ' ' || serial)`),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('certificates_serial_key').on(t.serial),
    uniqueIndex('certificates_source_user_key').on(t.kind, t.sourceId, t.userId),
    index('certificates_user_idx').on(t.userId, t.issuedAt),
    index('certificates_unit_path_idx').using('btree', sql`${t.unitPath} text_pattern_ops`, t.issuedAt),
    index('certificates_fold_trgm_idx').using('gin', sql`${t.searchFold} gin_trgm_ops`),
  ],
);
