import { z } from 'zod';
import { PASSWORD_MIN_LENGTH } from './constants/accounts.js';
import { Role } from './roles.js';

export * from './constants/accounts.js';

/*
 * Accounts, sign-in, sessions, role administration and API keys: the request and response shapes the server
 * validates and the web app imports. Timestamps travel as ISO 8601 strings (UTC).
 */

const VN_MOBILE = /^0[35789]\d{8}$/;

/**
 * Vietnamese mobile number in national form ("0912345678"), or null when the input is not one.
 * Accepts spaces, dots, dashes and brackets, and the +84 / 84 / 0084 prefixes: "0912 345 678",
 * "+84912345678" and "84912345678" all become "0912345678". The server and the web use this one rule.
 */
export function normalizeVnPhone(input: string): string | null {
  const compact = input.normalize('NFKC').replace(/[\s.\-()]/g, '');
  let national = compact;
  if (/^\+84\d{9}$/.test(compact)) national = `0${compact.slice(3)}`;
  else if (/^0084\d{9}$/.test(compact)) national = `0${compact.slice(4)}`;
  else if (/^84\d{9}$/.test(compact)) national = `0${compact.slice(2)}`;
  return VN_MOBILE.test(national) ? national : null;
}

/** "0912345678" → "0912***678": enough for a person to recognise their number, not enough to call it. */
export function maskPhone(phone: string | null): string | null {
  if (!phone) return null;
  return phone.length < 8 ? '***' : `${phone.slice(0, 4)}***${phone.slice(-3)}`;
}

/** Custom messages carry both languages as "vi | en" (the server's error layer splits them). */
const PHONE_MESSAGE =
  'Số điện thoại di động không hợp lệ (10 chữ số, bắt đầu bằng 03, 05, 07, 08 hoặc 09). | ' +
  'Not a valid Vietnamese mobile number (10 digits starting with 03, 05, 07, 08 or 09).';

/** A phone field: validated and normalised to "0912345678". */
export const VnPhone = z
  .string()
  .max(40)
  .transform((value, ctx) => {
    const phone = normalizeVnPhone(value);
    if (!phone) {
      ctx.addIssue({ code: 'custom', message: PHONE_MESSAGE });
      return z.NEVER;
    }
    return phone;
  });

/** A new password: at least 8 characters and not digits only (a phone number or a date is not a password). */
export const NewPassword = z
  .string()
  .min(PASSWORD_MIN_LENGTH)
  .max(128)
  .refine((v) => !/^\d+$/.test(v), {
    message: 'Mật khẩu không được chỉ gồm chữ số. | The password must not be digits only.',
  });

export const Locale = z.enum(['vi', 'en']);
export type Locale = z.infer<typeof Locale>;
export const AccountStatus = z.enum(['active', 'disabled']);
export type AccountStatus = z.infer<typeof AccountStatus>;

const SixDigits = z
  .string()
  .trim()
  .refine((v) => /^\d{6}$/.test(v), { message: 'Mã gồm đúng 6 chữ số. | The code is exactly 6 digits.' });
export const FullName = z.string().trim().min(1).max(120);
const Email = z.email().max(200);
export const Username = z
  .string()
  .trim()
  .toLowerCase()
  .refine((v) => /^[a-z0-9][a-z0-9._-]{2,39}$/.test(v), {
    message:
      'Tên đăng nhập gồm 3–40 ký tự: chữ không dấu, số, dấu chấm, gạch dưới, gạch ngang. | ' +
      'A username has 3–40 characters: letters a–z, digits, dot, underscore, dash.',
  });

// ── Sign-in ────────────────────────────────────────────────────────────────────────────────────────────────

/** POST /api/auth/otp/request */
export const OtpRequestBody = z.strictObject({ phone: VnPhone });
/** 202 from POST /api/auth/otp/request (the same whether or not the phone has an account). */
export const OtpRequestResponse = z.object({
  expiresInSeconds: z.number().int(),
  resendAfterSeconds: z.number().int(),
});
export type OtpRequestResponse = z.infer<typeof OtpRequestResponse>;

/** POST /api/auth/otp/verify */
export const OtpVerifyBody = z.strictObject({ phone: VnPhone, code: SixDigits });

/** POST /api/auth/password — `login` is a phone number (any accepted form) or a username. */
export const PasswordSignInBody = z.strictObject({
  login: z.string().trim().min(1).max(100),
  password: z.string().min(1).max(200),
  totp: SixDigits.optional(),
});

/** One role a person holds, with the names of its scope for display. */
export const AssignmentView = z.object({
  id: z.string(),
  role: Role,
  unitCode: z.string().nullable(),
  unitName: z.string().nullable(),
  handlingUnitId: z.string().nullable(),
  handlingUnitName: z.string().nullable(),
});
export type AssignmentView = z.infer<typeof AssignmentView>;

export const MeUser = z.object({
  id: z.string(),
  /** Empty for a citizen who signed up by code and has not given a name yet. */
  fullName: z.string(),
  phone: z.string().nullable(),
  username: z.string().nullable(),
  email: z.string().nullable(),
  locale: Locale,
  totpEnabled: z.boolean(),
  hasPassword: z.boolean(),
});
export type MeUser = z.infer<typeof MeUser>;

/**
 * GET /api/auth/me, and the 200 of every sign-in. `csrfToken` goes in the `x-csrf-token` header of every
 * write. `mustSetUpTotp`: a province administrator in production without TOTP can do nothing else until
 * TOTP is enabled (every other /api request answers 403 `totp_setup_required`).
 */
export const Me = z.object({
  user: MeUser,
  assignments: z.array(AssignmentView),
  csrfToken: z.string(),
  mustSetUpTotp: z.boolean(),
});
export type Me = z.infer<typeof Me>;

/**
 * GET /api/auth/session: the same as /api/auth/me, but "nobody" is an answer (200 `{ me: null }`), not a 401, so a
 * page opened by someone not signed in logs no failed request. API clients keep using /me.
 */
export const SessionState = z.object({ me: Me.nullable() });
export type SessionState = z.infer<typeof SessionState>;

/** PATCH /api/auth/me */
export const UpdateMeBody = z.strictObject({
  fullName: FullName.optional(),
  email: Email.nullable().optional(),
  locale: Locale.optional(),
});

/** POST /api/auth/password/change — ends the user's other sessions. */
export const ChangePasswordBody = z.strictObject({
  currentPassword: z.string().min(1).max(200),
  newPassword: NewPassword,
});

/** POST /api/auth/password/set — first password of an account that has none, within 15 minutes of signing in. */
export const SetPasswordBody = z.strictObject({ newPassword: NewPassword });

export const SessionView = z.object({
  /** A short public id of the session (not the cookie). */
  id: z.string(),
  createdAt: z.string(),
  lastSeenAt: z.string(),
  userAgent: z.string().nullable(),
  current: z.boolean(),
});
export type SessionView = z.infer<typeof SessionView>;
/** GET /api/auth/sessions (newest first, at most 100). */
export const SessionList = z.object({ items: z.array(SessionView) });

/** {ended: number of sessions ended} from the sign-out-everywhere endpoints and DELETE /api/auth/sessions/:id. */
export const EndedSessions = z.object({ ended: z.number().int() });

/** POST /api/auth/totp/setup — the secret is stored pending until /enable confirms a code. */
export const TotpSetupResponse = z.object({ secret: z.string(), otpauthUrl: z.string(), qrSvg: z.string() });
export type TotpSetupResponse = z.infer<typeof TotpSetupResponse>;
/** POST /api/auth/totp/enable */
export const TotpEnableBody = z.strictObject({ code: SixDigits });
/** POST /api/auth/totp/disable — a current code or the password. */
export const TotpDisableBody = z
  .strictObject({ code: SixDigits.optional(), password: z.string().min(1).max(200).optional() })
  .refine((b) => b.code !== undefined || b.password !== undefined, {
    path: ['code'],
    message: 'Nhập mã xác thực hoặc mật khẩu. | Enter an authenticator code or your password.',
  });
export const TotpStatus = z.object({ totpEnabled: z.boolean() });

// ── Accounts administration ───────────────────────────────────────────────────────────────────────────────

/** GET /api/accounts — `q` matches the name without diacritics, or digits of the phone. */
export const AccountListQuery = z.strictObject({
  unit: z.string().trim().min(1).max(30).optional(),
  role: Role.optional(),
  q: z.string().trim().max(100).optional(),
  cursor: z.string().max(400).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});

export const AccountListItem = z.object({
  id: z.string(),
  fullName: z.string(),
  /** Always masked in lists ("0912***678"); the full number only in the audited detail view. */
  phoneMasked: z.string().nullable(),
  username: z.string().nullable(),
  status: AccountStatus,
  assignments: z.array(AssignmentView),
  createdAt: z.string(),
});
export type AccountListItem = z.infer<typeof AccountListItem>;
export const AccountList = z.object({ items: z.array(AccountListItem), nextCursor: z.string().nullable() });
export type AccountList = z.infer<typeof AccountList>;

/** GET /api/accounts/:id?reason=… — reading someone's personal data needs a reason and is audited. */
export const AccountDetailQuery = z.strictObject({ reason: z.string().trim().min(3).max(500) });

export const AccountDetail = z.object({
  id: z.string(),
  fullName: z.string(),
  phone: z.string().nullable(),
  username: z.string().nullable(),
  email: z.string().nullable(),
  status: AccountStatus,
  locale: Locale,
  totpEnabled: z.boolean(),
  hasPassword: z.boolean(),
  activeSessions: z.number().int(),
  createdAt: z.string(),
  assignments: z.array(AssignmentView),
  /** Made by an administration for a staff member (else the person's own account, made by a code). */
  staffAccount: z.boolean(),
  /** Whether the reader may reset this account's password or end its sessions (staff accounts in their scope only). */
  canChangeCredentials: z.boolean(),
});
export type AccountDetail = z.infer<typeof AccountDetail>;

/**
 * A role and its scope: `unitCode` for citizen (optional), team_member (hamlet or commune), commune_admin
 * (commune), province_admin (province); `handlingUnitId` for handling_officer.
 */
export const RoleScopeBody = z.strictObject({
  role: Role,
  unitCode: z.string().trim().min(1).max(30).optional(),
  handlingUnitId: z.uuid().optional(),
});

/** POST /api/accounts — without a password a staff account gets a temporary one, returned once. */
export const CreateAccountBody = z.strictObject({
  fullName: FullName,
  phone: VnPhone,
  username: Username.optional(),
  email: Email.optional(),
  password: NewPassword.optional(),
  role: Role,
  unitCode: z.string().trim().min(1).max(30).optional(),
  handlingUnitId: z.uuid().optional(),
});
export const CreateAccountResponse = z.object({
  account: AccountDetail,
  /** Shown once; null when a password was given or the account is a citizen's (who signs in by code). */
  temporaryPassword: z.string().nullable(),
});

/** PATCH /api/accounts/:id — disabling ends every session of the account. */
export const UpdateAccountBody = z.strictObject({
  fullName: FullName.optional(),
  status: AccountStatus.optional(),
});

/** 201 of POST /api/accounts/:id/roles */
export const GrantRoleResponse = z.object({ assignment: AssignmentView });

/** POST /api/accounts/:id/reset-password — shown once; the account's sessions end. */
export const TemporaryPassword = z.object({ temporaryPassword: z.string() });

export const AccountIdParams = z.strictObject({ id: z.uuid() });
export const AssignmentParams = z.strictObject({ id: z.uuid(), assignmentId: z.uuid() });

// ── API keys ──────────────────────────────────────────────────────────────────────────────────────────────

export const ApiKeyView = z.object({
  id: z.string(),
  name: z.string(),
  /** First characters of the key ("xsk_AbCdEf"), to recognise it. */
  prefix: z.string(),
  unitCode: z.string(),
  unitName: z.string().nullable(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export type ApiKeyView = z.infer<typeof ApiKeyView>;
/** GET /api/api-keys (newest first, revoked ones included and marked). */
export const ApiKeyListQuery = z.strictObject({
  cursor: z.string().max(400).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});
export const ApiKeyList = z.object({ items: z.array(ApiKeyView), nextCursor: z.string().nullable() });
/** POST /api/api-keys — `unitCode` defaults to the administrator's province. */
export const CreateApiKeyBody = z.strictObject({
  name: z.string().trim().min(1).max(100),
  unitCode: z.string().trim().min(1).max(30).optional(),
});
/** 201 of POST /api/api-keys: `key` is shown this once and never again. */
export const CreatedApiKey = ApiKeyView.extend({ key: z.string() });
export type CreatedApiKey = z.infer<typeof CreatedApiKey>;
export const ApiKeyIdParams = z.strictObject({ id: z.uuid() });
