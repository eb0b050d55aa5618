import { createHmac, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { normalizeVnPhone, OTP_MAX_ATTEMPTS, OTP_RESEND_SECONDS, OTP_TTL_SECONDS } from '../../../common/accounts.js';
import type { AppContext } from '../../platform/context.js';
import { AppError, RateLimited } from '../../platform/errors.js';
import type { Message } from '../../platform/i18n.js';
import { keyedHash } from '../../platform/tokens.js';
import { hashPassword, verifyPassword } from './passwords.js';
import * as repo from './repo.js';
import type { SessionService } from './sessions.js';
import * as limits from './sign-in-repo.js';
import { spendTotpCode, totpSecretBox } from './totp.js';

/** Budgets (stored in the database, shared by every app process). */
export const SIGN_IN_LIMITS = {
  otpPerPhonePerHour: 5,
  otpPerIpPerHour: 20,
  failuresPerLogin: 10,
  failuresPerIp: 30,
  failureWindowSeconds: 15 * 60,
} as const;

/** The key of the keyed hashes under which rate-limit rows are counted (no phone or IP is stored in clear). */
export const rateLimitKey = (secret: string) => `${secret}/rate-limit/v1`;

const invalidCredentials = () =>
  new AppError(401, 'invalid_credentials', {
    vi: 'Sai tài khoản hoặc mật khẩu.',
    en: 'Wrong account or password.',
  });

const minutes = (s: number) => Math.max(1, Math.ceil(s / 60));

export function otpSmsText(code: string) {
  return `Mã đăng nhập Xã Số của bạn là ${code}. Mã có hiệu lực trong 5 phút. Không chia sẻ mã này cho bất kỳ ai.`;
}

/** The code is kept only as an HMAC under a per-challenge salt: "salt:hmac". */
function hashCode(code: string): string {
  const salt = randomBytes(16).toString('hex');
  return `${salt}:${createHmac('sha256', salt).update(code).digest('hex')}`;
}

function codeMatches(stored: string, code: string): boolean {
  const [salt, expected] = stored.split(':');
  if (!salt || !expected) return false;
  const actual = createHmac('sha256', salt).update(code).digest();
  const want = Buffer.from(expected, 'hex');
  return want.length === actual.length && timingSafeEqual(actual, want);
}

/** Roles that may sign in by a code sent to the phone; officers and administrators use password (+ TOTP). */
export const CODE_SIGN_IN_ROLES: ReadonlySet<string> = new Set(['citizen', 'team_member']);

// A fixed hash to verify against when the login is unknown, so a wrong login costs the same time as a wrong password.
let dummyHash: Promise<string> | null = null;

export interface Started {
  userId: string;
  token: string;
  csrfToken: string;
}

/** Sign-in by one-time code and by password. Knows no HTTP: the routes pass the client's IP and user agent. */
export function createSignInService(ctx: AppContext, sessions: SessionService) {
  const { db } = ctx;
  // Keyed hashes of IPs and logins in the rate-limit tables: those rows are only compared, never read back,
  // and deleted after a day; the key is the installation's secret, so a copy of the table names no IP.
  const RATE_KEY = rateLimitKey(ctx.config.secret);
  const totpBox = totpSecretBox(ctx.config.secret);
  const ipHash = (ip: string) => keyedHash(RATE_KEY, `ip:${ip}`);

  async function cleanUpNowAndThen() {
    if (Math.random() < 0.01) await limits.deleteOldRateLimitRows(db);
  }

  return {
    /**
     * Sends a 6-digit code to the phone. Answers the same whether or not the phone has an account (the account
     * is created when the code is verified), so the endpoint reveals nothing about who uses the service.
     */
    async requestOtp(phone: string, ip: string) {
      const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
      const ipKey = ipHash(ip);
      await db.transaction(async (tx) => {
        // Both budgets are locked before either is counted: parallel requests for one phone or from one IP queue here.
        await limits.lockKeys(tx, [`otp:${phone}`, `otp-ip:${ipKey}`]);
        const recent = await limits.countOtpForPhone(tx, phone, OTP_RESEND_SECONDS);
        if (recent.count > 0)
          throw new RateLimited(recent.waitSeconds, {
            vi: `Vui lòng đợi ${recent.waitSeconds} giây trước khi yêu cầu mã mới.`,
            en: `Please wait ${recent.waitSeconds} seconds before asking for a new code.`,
          });
        const hour = await limits.countOtpForPhone(tx, phone, 3600);
        if (hour.count >= SIGN_IN_LIMITS.otpPerPhonePerHour)
          throw new RateLimited(hour.waitSeconds, {
            vi: `Số điện thoại này đã yêu cầu quá nhiều mã trong một giờ. Vui lòng thử lại sau ${minutes(hour.waitSeconds)} phút.`,
            en: `Too many codes were requested for this number in an hour. Try again in ${minutes(hour.waitSeconds)} minutes.`,
          });
        const fromIp = await limits.countOtpForIp(tx, ipKey, 3600);
        if (fromIp.count >= SIGN_IN_LIMITS.otpPerIpPerHour)
          throw new RateLimited(fromIp.waitSeconds, {
            vi: `Có quá nhiều yêu cầu mã từ mạng của bạn. Vui lòng thử lại sau ${minutes(fromIp.waitSeconds)} phút.`,
            en: `Too many codes were requested from your network. Try again in ${minutes(fromIp.waitSeconds)} minutes.`,
          });
        await limits.insertOtpChallenge(tx, {
          phone,
          codeHash: hashCode(code),
          ipHash: ipKey,
          ttlSeconds: OTP_TTL_SECONDS,
        });
      });
      await cleanUpNowAndThen();
      try {
        await ctx.sms.send(phone, otpSmsText(code));
      } catch (e) {
        // A gateway's error may quote the number: no run of digits long enough to be a phone reaches the log.
        const message = String((e as Error)?.message ?? e).replace(/\+?\d[\d\s.()-]{6,}\d/g, '[số đã ẩn]');
        ctx.log.error({ err: { message }, provider: ctx.sms.name }, 'SMS provider failed');
        throw new AppError(503, 'sms_unavailable', {
          vi: 'Chưa gửi được tin nhắn. Vui lòng thử lại sau ít phút.',
          en: 'The text message could not be sent. Please try again in a few minutes.',
        });
      }
      return { expiresInSeconds: OTP_TTL_SECONDS, resendAfterSeconds: OTP_RESEND_SECONDS };
    },

    /** Checks the code (5 tries, 5 minutes); signs the person in, creating a citizen account on first use. */
    async verifyOtp(phone: string, code: string, userAgent: string | undefined): Promise<Started> {
      const challenge = await limits.latestOtpChallenge(db, phone);
      const codeField = (m: Message) => ({ code: m });
      if (!challenge || challenge.consumedAt) {
        const m = {
          vi: 'Chưa có mã nào đang chờ cho số này. Hãy yêu cầu mã mới.',
          en: 'There is no pending code for this number. Ask for a new one.',
        };
        throw new AppError(400, 'otp_not_requested', m, codeField(m));
      }
      if (challenge.expired) {
        const m = { vi: 'Mã đã hết hạn. Hãy yêu cầu mã mới.', en: 'The code has expired. Ask for a new one.' };
        throw new AppError(400, 'otp_expired', m, codeField(m));
      }
      const exhausted = {
        vi: 'Bạn đã nhập sai quá 5 lần; mã này không còn dùng được. Hãy yêu cầu mã mới.',
        en: 'Too many wrong tries; this code can no longer be used. Ask for a new one.',
      };
      const tries = await limits.countOtpAttempt(db, challenge.id, OTP_MAX_ATTEMPTS);
      if (tries === null) throw new AppError(400, 'otp_exhausted', exhausted, codeField(exhausted));
      if (!codeMatches(challenge.codeHash, code)) {
        const left = OTP_MAX_ATTEMPTS - tries;
        if (left <= 0) throw new AppError(400, 'otp_exhausted', exhausted, codeField(exhausted));
        const m = {
          vi: `Mã không đúng. Bạn còn ${left} lần thử.`,
          en: `Wrong code. ${left} ${left === 1 ? 'try' : 'tries'} left.`,
        };
        throw new AppError(400, 'otp_wrong', m, codeField(m));
      }
      const user = await db.transaction(async (tx) => {
        if (!(await limits.consumeOtpChallenge(tx, challenge.id))) return null;
        return repo.insertCitizenByPhone(tx, phone);
      });
      if (!user) {
        const m = {
          vi: 'Mã này đã được dùng. Hãy yêu cầu mã mới.',
          en: 'This code was already used. Ask for a new one.',
        };
        throw new AppError(400, 'otp_not_requested', m, codeField(m));
      }
      if (user.status !== 'active') throw accountDisabled();
      const roles = await repo.assignmentsOf(db, [user.id]);
      if (user.totpEnabled || roles.some((a) => !CODE_SIGN_IN_ROLES.has(a.role)))
        throw new AppError(403, 'password_sign_in_required', {
          vi: 'Tài khoản cán bộ đăng nhập bằng mật khẩu (và mã xác thực hai lớp nếu đã bật).',
          en: 'Staff accounts sign in with their password (and authenticator code when enabled).',
        });
      return { userId: user.id, ...(await sessions.start(user.id, userAgent)) };
    },

    /**
     * Password sign-in by phone (any accepted form) or username. Any failure answers the same
     * "wrong account or password"; failures are counted per login and per IP, both in the database.
     */
    async signInWithPassword(
      input: { login: string; password: string; totp?: string },
      ip: string,
      userAgent: string | undefined,
    ): Promise<Started> {
      const phone = normalizeVnPhone(input.login);
      const loginKey = keyedHash(RATE_KEY, `login:${phone ?? input.login.toLowerCase()}`);
      const ipKey = ipHash(ip);
      // The attempt takes its slot before anything is checked; it stays counted as a failure unless released.
      const slot = await limits.claimAttempt(db, {
        login: loginKey,
        ipHash: ipKey,
        perLogin: SIGN_IN_LIMITS.failuresPerLogin,
        perIp: SIGN_IN_LIMITS.failuresPerIp,
        windowSeconds: SIGN_IN_LIMITS.failureWindowSeconds,
      });
      if (slot.blocked)
        throw new RateLimited(slot.blocked.waitSeconds, {
          vi: `Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau ${minutes(slot.blocked.waitSeconds)} phút.`,
          en: `Too many failed sign-ins. Try again in ${minutes(slot.blocked.waitSeconds)} minutes.`,
        });
      const fail = async (e: AppError) => {
        await cleanUpNowAndThen();
        return e;
      };

      const user = phone ? await repo.findUserByPhone(db, phone) : await repo.findUserByUsername(db, input.login);
      dummyHash ??= hashPassword('not-a-real-password');
      const ok = await verifyPassword(user?.passwordHash ?? (await dummyHash), input.password);
      if (!user?.passwordHash || !ok || user.status !== 'active') throw await fail(invalidCredentials());
      if (user.totpEnabled) {
        const totpField = (m: Message) => ({ totp: m });
        if (!input.totp) {
          // The password was right: being asked for the second factor is no failure.
          await limits.releaseAttempt(db, slot.claimed);
          const m = {
            vi: 'Nhập mã 6 số từ ứng dụng xác thực.',
            en: 'Enter the 6-digit code from your authenticator app.',
          };
          throw new AppError(401, 'totp_required', m, totpField(m));
        }
        if (!(await spendTotpCode(db, user.id, user.totpSecret && totpBox.open(user.totpSecret), input.totp))) {
          const m = { vi: 'Mã xác thực không đúng.', en: 'Wrong authenticator code.' };
          throw await fail(new AppError(401, 'totp_invalid', m, totpField(m)));
        }
      }
      await limits.releaseAttempt(db, slot.claimed);
      return { userId: user.id, ...(await sessions.start(user.id, userAgent)) };
    },
  };
}

function accountDisabled() {
  return new AppError(403, 'account_disabled', {
    vi: 'Tài khoản đã bị khóa. Hãy liên hệ quản trị viên xã hoặc tỉnh.',
    en: 'This account is disabled. Contact your commune or province administrator.',
  });
}

export type SignInService = ReturnType<typeof createSignInService>;
