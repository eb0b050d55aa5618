import type { Me } from '../../../common/accounts.js';
import type { Executor } from '../../db/client.js';
import { recordAudit } from '../../platform/audit.js';
import type { AppContext } from '../../platform/context.js';
import { AppError, errors, RateLimited } from '../../platform/errors.js';
import type { Message } from '../../platform/i18n.js';
import { keyedHash } from '../../platform/tokens.js';
import { hashPassword, verifyPassword } from './passwords.js';
import * as repo from './repo.js';
import { accountPaths } from './scope.js';
import * as sessionRepo from './session-repo.js';
import { SESSION_PUBLIC_ID_LENGTH, type SessionActor } from './sessions.js';
import { rateLimitKey } from './sign-in.js';
import * as limits from './sign-in-repo.js';
import { newTotpSecret, spendTotpCode, totpSecretBox } from './totp.js';
import { iso, toAssignmentView, toMeUser } from './views.js';

/** A first password may be set only this soon after signing in (by code): a forgotten open phone is not enough later. */
const RECENT_SIGN_IN_MS = 15 * 60 * 1000;

/**
 * Wrong proofs (current password, authenticator code) a signed-in person may give in 15 minutes before being made to
 * wait: a stolen session must not become a way to guess the password or brute-force the second factor.
 */
export const OWN_PROOF_LIMITS = { failures: 5, windowSeconds: 15 * 60 } as const;

const field = (name: string, m: Message) => new AppError(400, 'invalid_input', m, { [name]: m });

/** A person's own account: profile, password, TOTP and sessions. */
export function createProfileService(ctx: AppContext) {
  const { db, config } = ctx;
  const home = config.XASO_PROVINCE;
  const totpBox = totpSecretBox(config.secret);
  const totpSecretOf = (user: { totpSecret: string | null }) => user.totpSecret && totpBox.open(user.totpSecret);

  /**
   * Runs a check of the person's own password or code within a budget per account kept in the database. The slot
   * is taken before the check (see `claimAttempt`): parallel wrong proofs cannot get more than the budget checked.
   */
  async function checkOwnProof(userId: string, check: () => Promise<boolean> | boolean, wrong: () => AppError) {
    const key = keyedHash(rateLimitKey(config.secret), `own-proof:${userId}`);
    const slot = await limits.claimAttempt(db, {
      login: key,
      ipHash: null, // these failures belong to no IP's sign-in budget
      perLogin: OWN_PROOF_LIMITS.failures,
      perIp: OWN_PROOF_LIMITS.failures,
      windowSeconds: OWN_PROOF_LIMITS.windowSeconds,
    });
    if (slot.blocked) {
      const wait = Math.max(1, Math.ceil(slot.blocked.waitSeconds / 60));
      throw new RateLimited(slot.blocked.waitSeconds, {
        vi: `Nhập sai quá nhiều lần. Vui lòng thử lại sau ${wait} phút.`,
        en: `Too many wrong attempts. Try again in ${wait} minutes.`,
      });
    }
    if (!(await check())) throw wrong();
    await limits.releaseAttempt(db, slot.claimed);
  }

  async function loadUser(exec: Executor, id: string) {
    const user = await repo.findUserById(exec, id);
    if (!user) throw errors.unauthenticated();
    return user;
  }

  /** Self-service security events are filed under the person's own unit, for their administrators to see. */
  async function auditSelf(exec: Executor, actor: SessionActor, action: string, requestId: string) {
    const assignments = await repo.assignmentsOf(exec, [actor.id]);
    const unitPath = accountPaths(assignments, home).sort((a, b) => b.length - a.length)[0];
    await recordAudit(exec, actor, { action, resourceType: 'user', resourceId: actor.id, unitPath }, requestId);
  }

  return {
    /** What the signed-in person is: profile, roles with names, CSRF token, whether TOTP setup is due. */
    async me(userId: string, csrfToken: string): Promise<Me> {
      const user = await loadUser(db, userId);
      const assignments = await repo.assignmentsOf(db, [userId]);
      return {
        user: toMeUser(user),
        assignments: assignments.map(toAssignmentView),
        csrfToken,
        mustSetUpTotp: mustSetUpTotp(config.production, assignments, user.totpEnabled),
      };
    },

    async updateMe(actor: SessionActor, patch: { fullName?: string; email?: string | null; locale?: 'vi' | 'en' }) {
      const defined = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
      if (Object.keys(defined).length) await repo.updateUser(db, actor.id, defined);
      return this.me(actor.id, actor.session.csrfToken);
    },

    /** Changes the password; every other session of the person ends (a thief's included). */
    async changePassword(actor: SessionActor, currentPassword: string, newPassword: string, requestId: string) {
      const user = await loadUser(db, actor.id);
      if (!user.passwordHash)
        throw new AppError(409, 'no_password', {
          vi: 'Tài khoản chưa có mật khẩu; hãy đặt mật khẩu mới.',
          en: 'This account has no password yet; set one instead.',
        });
      await checkOwnProof(
        user.id,
        () => verifyPassword(user.passwordHash!, currentPassword),
        () => field('currentPassword', { vi: 'Mật khẩu hiện tại không đúng.', en: 'The current password is wrong.' }),
      );
      const passwordHash = await hashPassword(newPassword);
      return db.transaction(async (tx) => {
        await repo.updateUser(tx, actor.id, { passwordHash });
        const ended = await sessionRepo.deleteOtherSessions(tx, actor.id, actor.session.id);
        await auditSelf(tx, actor, 'auth.password_change', requestId);
        return { ended };
      });
    },

    /** First password of an account created by code, within 15 minutes of signing in. */
    async setPassword(actor: SessionActor, newPassword: string, requestId: string) {
      const user = await loadUser(db, actor.id);
      if (user.passwordHash)
        throw new AppError(409, 'password_already_set', {
          vi: 'Tài khoản đã có mật khẩu; hãy dùng chức năng đổi mật khẩu.',
          en: 'This account already has a password; change it instead.',
        });
      if (Date.now() - actor.sessionCreatedAt.getTime() > RECENT_SIGN_IN_MS)
        throw new AppError(403, 'recent_sign_in_required', {
          vi: 'Vì an toàn, hãy đăng nhập lại bằng mã rồi đặt mật khẩu trong vòng 15 phút.',
          en: 'For your safety, sign in again by code and set the password within 15 minutes.',
        });
      const passwordHash = await hashPassword(newPassword);
      await db.transaction(async (tx) => {
        await repo.updateUser(tx, actor.id, { passwordHash });
        await auditSelf(tx, actor, 'auth.password_set', requestId);
      });
    },

    async listSessions(actor: SessionActor) {
      const rows = await sessionRepo.listSessionsOfUser(db, actor.id);
      return rows.map((s) => ({
        id: s.id.slice(0, SESSION_PUBLIC_ID_LENGTH),
        createdAt: iso(s.createdAt),
        lastSeenAt: iso(s.lastSeenAt),
        userAgent: s.userAgent,
        current: s.id === actor.session.id,
      }));
    },

    endSession: (actor: SessionActor, publicId: string) => sessionRepo.deleteSessionByPublicId(db, actor.id, publicId),

    /** A new secret, pending until a code from it is confirmed by enableTotp. */
    async setUpTotp(actor: SessionActor) {
      const user = await loadUser(db, actor.id);
      if (user.totpEnabled)
        throw new AppError(409, 'totp_already_enabled', {
          vi: 'Xác thực hai lớp đang bật. Hãy tắt trước khi thiết lập lại.',
          en: 'Two-factor authentication is on. Turn it off before setting it up again.',
        });
      const created = await newTotpSecret(user.username ?? user.phone ?? 'Xã Số');
      await repo.updateUser(db, actor.id, { totpSecret: totpBox.seal(created.secret) });
      return created;
    },

    async enableTotp(actor: SessionActor, code: string, requestId: string) {
      const user = await loadUser(db, actor.id);
      if (user.totpEnabled) return { totpEnabled: true };
      if (!user.totpSecret)
        throw new AppError(409, 'totp_not_set_up', {
          vi: 'Hãy bắt đầu thiết lập xác thực hai lớp trước.',
          en: 'Start the two-factor setup first.',
        });
      await checkOwnProof(
        user.id,
        () => spendTotpCode(db, user.id, totpSecretOf(user), code),
        () => field('code', { vi: 'Mã xác thực không đúng.', en: 'Wrong authenticator code.' }),
      );
      await db.transaction(async (tx) => {
        await repo.updateUser(tx, actor.id, { totpEnabled: true });
        await auditSelf(tx, actor, 'auth.totp_enable', requestId);
      });
      return { totpEnabled: true };
    },

    async disableTotp(actor: SessionActor, proof: { code?: string; password?: string }, requestId: string) {
      const user = await loadUser(db, actor.id);
      if (!user.totpEnabled) return { totpEnabled: false };
      await checkOwnProof(
        user.id,
        () =>
          proof.code
            ? spendTotpCode(db, user.id, totpSecretOf(user), proof.code)
            : verifyPassword(user.passwordHash, proof.password ?? ''),
        () =>
          proof.code
            ? field('code', { vi: 'Mã xác thực không đúng.', en: 'Wrong authenticator code.' })
            : field('password', { vi: 'Mật khẩu không đúng.', en: 'Wrong password.' }),
      );
      await db.transaction(async (tx) => {
        await repo.updateUser(tx, actor.id, { totpEnabled: false, totpSecret: null });
        await auditSelf(tx, actor, 'auth.totp_disable', requestId);
      });
      return { totpEnabled: false };
    },
  };
}

/** Province administrators must use TOTP in production; until they do, they can only set it up. */
export function mustSetUpTotp(production: boolean, assignments: { role: string }[], totpEnabled: boolean) {
  return production && !totpEnabled && assignments.some((a) => a.role === 'province_admin');
}

export type ProfileService = ReturnType<typeof createProfileService>;
