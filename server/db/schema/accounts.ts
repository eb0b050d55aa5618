import { sql } from 'drizzle-orm';
import { boolean, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

export const users = pgTable('users', {
  id: uuid('id').primaryKey().defaultRandom(),
  /** E.164-less national form, e.g. 0912345678 (normalised on input). */
  phone: text('phone').unique(),
  username: text('username').unique(),
  fullName: text('full_name').notNull(),
  email: text('email'),
  passwordHash: text('password_hash'),
  totpSecret: text('totp_secret'),
  totpEnabled: boolean('totp_enabled').notNull().default(false),
  status: text('status', { enum: ['active', 'disabled'] })
    .notNull()
    .default('active'),
  locale: text('locale', { enum: ['vi', 'en'] })
    .notNull()
    .default('vi'),
  isDemo: boolean('is_demo').notNull().default(false),
  /**
   * True for a staff account an administration made (or the seed): only then may administrators change its
   * credentials (reset the password, end its sessions). False for an account a person made by a code on their own
   * phone and for citizen accounts: those are the person's alone, whatever roles they are later given.
   */
  managedByAdmin: boolean('managed_by_admin').notNull().default(false),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** (user, role, unit): a scope covers its unit and everything below; officers are scoped to a handling unit. */
export const roleAssignments = pgTable(
  'role_assignments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id').notNull(),
    role: text('role', {
      enum: ['citizen', 'team_member', 'handling_officer', 'commune_admin', 'province_admin'],
    }).notNull(),
    unitCode: text('unit_code'),
    handlingUnitId: uuid('handling_unit_id'),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('role_assignments_user_idx').on(t.userId),
    index('role_assignments_unit_idx').on(t.unitCode),
    uniqueIndex('role_assignments_unique').on(
      t.userId,
      t.role,
      sql`coalesce(${t.unitCode}, '')`,
      sql`coalesce(${t.handlingUnitId}::text, '')`,
    ),
  ],
);

/** Server-side sessions: the cookie holds a random token, the table its SHA-256 (a leaked table opens nothing). */
export const sessions = pgTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    userId: uuid('user_id').notNull(),
    csrfToken: text('csrf_token').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    userAgent: text('user_agent'),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

/** One-time sign-in codes sent by SMS; only the code's hash is kept. */
export const otpChallenges = pgTable(
  'otp_challenges',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    phone: text('phone').notNull(),
    codeHash: text('code_hash').notNull(),
    /** Keyed hash of the requester's IP: enough to rate-limit, not to identify. */
    ipHash: text('ip_hash').notNull(),
    attempts: integer('attempts').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    consumedAt: timestamp('consumed_at', { withTimezone: true }),
  },
  (t) => [index('otp_phone_idx').on(t.phone, t.createdAt), index('otp_ip_idx').on(t.ipHash, t.createdAt)],
);

/** Failed password sign-ins, to slow down guessing per account and per IP across app processes. */
export const signInFailures = pgTable(
  'sign_in_failures',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    login: text('login').notNull(),
    ipHash: text('ip_hash').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('sign_in_failures_login_idx').on(t.login, t.at), index('sign_in_failures_ip_idx').on(t.ipHash, t.at)],
);

/** API keys for integrations (Open311 clients, imports). Only the hash is stored; the key is shown once. */
export const apiKeys = pgTable('api_keys', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  prefix: text('prefix').notNull(),
  keyHash: text('key_hash').notNull().unique(),
  /** The unit whose data the key may touch (the province by default). */
  unitCode: text('unit_code').notNull(),
  createdBy: uuid('created_by'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
  revokedAt: timestamp('revoked_at', { withTimezone: true }),
});
