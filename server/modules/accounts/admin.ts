import { randomInt } from 'node:crypto';
import type { AccountDetail, AccountList } from '../../../common/accounts.js';
import { maskPhone, normalizeVnPhone } from '../../../common/accounts.js';
import type { Role } from '../../../common/roles.js';
import type { Executor } from '../../db/client.js';
import type { Actor } from '../../platform/actor.js';
import { recordAudit } from '../../platform/audit.js';
import type { AppContext } from '../../platform/context.js';
import { decodeCursor, encodeCursor, keyset } from '../../platform/cursor.js';
import { AppError, errors } from '../../platform/errors.js';
import type { Message } from '../../platform/i18n.js';
import { authorize, can, covers, scopesFor } from '../../platform/permissions.js';
import { hashPassword } from './passwords.js';
import * as repo from './repo.js';
import { auditPathFor, canChangeCredentials, canModerateAccount, canReadAccount, grantAction } from './scope.js';
import * as sessionRepo from './session-repo.js';
import { CODE_SIGN_IN_ROLES } from './sign-in.js';
import { iso, toAccountDetail, toAssignmentView } from './views.js';

const ACCOUNT: Message = { vi: 'tài khoản', en: 'Account' };
const fieldError = (status: number, code: string, name: string, m: Message) =>
  new AppError(status, code, m, { [name]: m });

/** A readable one-time password: three groups of four, never digits only ("k7Qm-3xRt-Wp9a"). */
export function temporaryPassword(): string {
  const letters = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ';
  const all = `${letters}23456789`;
  const group = (first: string) => first + Array.from({ length: 3 }, () => all[randomInt(all.length)]).join('');
  return [
    group(letters[randomInt(letters.length)]),
    group(all[randomInt(all.length)]),
    group(all[randomInt(all.length)]),
  ].join('-');
}

interface ScopeInput {
  role: Role;
  unitCode?: string;
  handlingUnitId?: string;
}

const LEVEL_FOR_ROLE: Partial<Record<Role, string[]>> = {
  team_member: ['hamlet', 'commune'],
  commune_admin: ['commune'],
  province_admin: ['province'],
};

/** Accounts administration: lists, audited detail reads, creation, roles, disabling, password resets. */
export function createAccountAdminService(ctx: AppContext) {
  const { db, config } = ctx;
  const home = config.XASO_PROVINCE;

  /** Checks that the role's scope exists and fits the role; returns it with the unit path it covers. */
  async function resolveScope(exec: Executor, input: ScopeInput) {
    if (input.role === 'handling_officer') {
      if (input.unitCode)
        throw fieldError(400, 'invalid_input', 'unitCode', {
          vi: 'Cán bộ xử lý thuộc một cơ quan xử lý, không thuộc đơn vị hành chính.',
          en: 'A handling officer belongs to a handling unit, not to an administrative unit.',
        });
      if (!input.handlingUnitId)
        throw fieldError(400, 'invalid_input', 'handlingUnitId', {
          vi: 'Chọn cơ quan xử lý.',
          en: 'Choose a handling unit.',
        });
      const hu = await repo.findHandlingUnit(exec, input.handlingUnitId);
      if (!hu?.active)
        throw fieldError(400, 'invalid_input', 'handlingUnitId', {
          vi: 'Không có cơ quan xử lý này.',
          en: 'No such handling unit.',
        });
      return { unitCode: null, handlingUnitId: hu.id, path: hu.path as string | null };
    }
    if (input.handlingUnitId)
      throw fieldError(400, 'invalid_input', 'handlingUnitId', {
        vi: 'Chỉ cán bộ xử lý mới thuộc cơ quan xử lý.',
        en: 'Only handling officers belong to a handling unit.',
      });
    if (!input.unitCode) {
      if (input.role === 'citizen') return { unitCode: null, handlingUnitId: null, path: null };
      throw fieldError(400, 'invalid_input', 'unitCode', { vi: 'Chọn đơn vị.', en: 'Choose a unit.' });
    }
    const unit = await repo.findUnit(exec, input.unitCode);
    if (unit?.status !== 'active')
      throw fieldError(400, 'invalid_input', 'unitCode', { vi: 'Không có đơn vị này.', en: 'No such unit.' });
    const levels = LEVEL_FOR_ROLE[input.role];
    if (levels && !levels.includes(unit.level))
      throw fieldError(400, 'invalid_input', 'unitCode', {
        vi: 'Vai trò này không gán được cho cấp đơn vị đã chọn.',
        en: 'This role cannot be given at the chosen unit level.',
      });
    return { unitCode: unit.code, handlingUnitId: null, path: unit.path as string | null };
  }

  /** The account and its roles, or 404; 403 when the actor may not see it. */
  async function loadReadable(exec: Executor, actor: Actor, id: string) {
    const user = await repo.findUserById(exec, id);
    if (!user) throw errors.notFound(ACCOUNT);
    const assignments = await repo.assignmentsOf(exec, [id]);
    if (!canReadAccount(actor, id, assignments, home)) throw errors.forbidden();
    return { user, assignments };
  }

  /** For renaming, disabling, enabling (see `canModerateAccount`). */
  async function loadModeratable(exec: Executor, actor: Actor, id: string) {
    const loaded = await loadReadable(exec, actor, id);
    if (!canModerateAccount(actor, loaded.user, loaded.assignments, home)) throw errors.forbidden();
    return loaded;
  }

  /** For password resets and ending sessions: staff accounts only (see `canChangeCredentials`). */
  async function loadCredentialsChangeable(exec: Executor, actor: Actor, id: string) {
    const loaded = await loadReadable(exec, actor, id);
    if (!canChangeCredentials(actor, loaded.user, loaded.assignments, home)) throw credentialsNotYours();
    return loaded;
  }

  /** Only the roles the reader may see: a commune administrator does not learn someone's roles elsewhere. */
  function visibleAssignments(actor: Actor, rows: repo.AssignmentRow[]) {
    const scopes = scopesFor(actor, 'account.read');
    return rows.filter((a) => !a.path || scopes.some((s) => covers(s, a.path)));
  }

  async function detail(exec: Executor, actor: Actor, id: string): Promise<AccountDetail> {
    const user = (await repo.findUserById(exec, id))!;
    const assignments = await repo.assignmentsOf(exec, [id]);
    const shown = actor.id === id ? assignments : visibleAssignments(actor, assignments);
    return toAccountDetail(user, shown, await repo.countLiveSessions(exec, id), {
      canChangeCredentials: actor.id !== id && canChangeCredentials(actor, user, assignments, home),
    });
  }

  function audit(exec: Executor, actor: Actor, requestId: string, e: Parameters<typeof recordAudit>[2]) {
    return recordAudit(exec, actor, e, requestId);
  }

  const service = {
    /** Accounts in the actor's scope, by name; phones masked. */
    async list(
      actor: Actor,
      query: { unit?: string; role?: Role; q?: string; cursor?: string; limit: number },
    ): Promise<AccountList> {
      const scopes = scopesFor(actor, 'account.read');
      const includeUnscoped = can(actor, 'account.read', { unitPath: home });
      if (scopes.length === 0 && !includeUnscoped) throw errors.forbidden();
      let unitPath: string | undefined;
      if (query.unit) {
        const unit = await repo.findUnit(db, query.unit);
        if (!unit) throw fieldError(400, 'invalid_input', 'unit', { vi: 'Không có đơn vị này.', en: 'No such unit.' });
        if (!can(actor, 'account.read', { unitPath: unit.path })) throw errors.forbidden();
        unitPath = unit.path;
      }
      let q: repo.AccountListFilter['q'];
      if (query.q) {
        const phone = normalizeVnPhone(query.q);
        const digits = query.q.replace(/\D/g, '');
        q = phone
          ? { digits: phone }
          : /^[\d\s+.()-]+$/.test(query.q) && digits.length >= 3
            ? { digits }
            : { name: query.q };
      }
      const after = query.cursor ? decodeCursor(query.cursor, keyset()) : undefined;
      const rows = await repo.listAccounts(db, {
        scopes,
        includeUnscoped,
        unitPath,
        role: query.role,
        q,
        after: after ? { key: after[0], id: after[1] } : undefined,
        limit: query.limit + 1,
      });
      const page = rows.slice(0, query.limit);
      const assignments = await repo.assignmentsOf(
        db,
        page.map((r) => r.id),
      );
      const last = page[page.length - 1];
      return {
        items: page.map((r) => ({
          id: r.id,
          fullName: r.fullName,
          phoneMasked: maskPhone(r.phone),
          username: r.username,
          status: r.status,
          assignments: visibleAssignments(
            actor,
            assignments.filter((a) => a.userId === r.id),
          ).map(toAssignmentView),
          createdAt: iso(r.createdAt),
        })),
        nextCursor: rows.length > query.limit && last ? encodeCursor([last.sortKey, last.id]) : null,
      };
    },

    /** Full details with the phone: a read of personal data, recorded with its reason. */
    async read(actor: Actor, id: string, reason: string, requestId: string): Promise<AccountDetail> {
      return db.transaction(async (tx) => {
        const { assignments } = await loadReadable(tx, actor, id);
        if (actor.id !== id)
          await audit(tx, actor, requestId, {
            action: 'account.read_personal',
            resourceType: 'user',
            resourceId: id,
            unitPath: auditPathFor(actor, assignments, home),
            reason,
            details: { fields: ['fullName', 'phone', 'email'] },
          });
        return detail(tx, actor, id);
      });
    },

    /** Creates an account holding one role; a staff account without a password gets a one-time password. */
    async create(
      actor: Actor,
      input: ScopeInput & { fullName: string; phone: string; username?: string; email?: string; password?: string },
      requestId: string,
    ) {
      const scope = await resolveScope(db, input);
      authorize(actor, grantAction(input.role), { unitPath: scope.path ?? home });
      const temp = !input.password && input.role !== 'citizen' ? temporaryPassword() : null;
      const secret = input.password ?? temp;
      const passwordHash = secret ? await hashPassword(secret) : null;
      try {
        return await db.transaction(async (tx) => {
          if (await repo.findUserByPhone(tx, input.phone)) throw duplicate('phone');
          if (input.username && (await repo.findUserByUsername(tx, input.username))) throw duplicate('username');
          const user = await repo.insertUser(tx, {
            fullName: input.fullName,
            phone: input.phone,
            username: input.username ?? null,
            email: input.email ?? null,
            passwordHash,
            // A staff account is the administration's to reset; a citizen account made here is the person's own.
            managedByAdmin: input.role !== 'citizen',
          });
          await repo.insertAssignment(tx, {
            userId: user.id,
            role: input.role,
            unitCode: scope.unitCode,
            handlingUnitId: scope.handlingUnitId,
            createdBy: actor.kind === 'user' ? actor.id : null,
          });
          await audit(tx, actor, requestId, {
            action: 'account.create',
            resourceType: 'user',
            resourceId: user.id,
            unitPath: scope.path ?? home,
            details: { role: input.role, unitCode: scope.unitCode, handlingUnitId: scope.handlingUnitId },
          });
          return { account: await detail(tx, actor, user.id), temporaryPassword: temp };
        });
      } catch (e) {
        throw uniqueViolationToConflict(e);
      }
    },

    /** Renames, disables or re-enables an account; disabling ends all its sessions at once. */
    async update(
      actor: Actor,
      id: string,
      patch: { fullName?: string; status?: 'active' | 'disabled' },
      requestId: string,
    ) {
      return db.transaction(async (tx) => {
        const { user, assignments } = await loadModeratable(tx, actor, id);
        if (patch.status === 'disabled' && actor.id === id)
          throw fieldError(400, 'cannot_disable_self', 'status', {
            vi: 'Bạn không thể tự khóa tài khoản của mình.',
            en: 'You cannot disable your own account.',
          });
        const unitPath = auditPathFor(actor, assignments, home);
        if (patch.fullName !== undefined && patch.fullName !== user.fullName) {
          await repo.updateUser(tx, id, { fullName: patch.fullName });
          await audit(tx, actor, requestId, {
            action: 'account.update',
            resourceType: 'user',
            resourceId: id,
            unitPath,
            details: { fields: ['fullName'] },
          });
        }
        if (patch.status && patch.status !== user.status) {
          await repo.updateUser(tx, id, { status: patch.status });
          const ended = patch.status === 'disabled' ? await sessionRepo.deleteSessionsOfUser(tx, id) : 0;
          await audit(tx, actor, requestId, {
            action: patch.status === 'disabled' ? 'account.disable' : 'account.enable',
            resourceType: 'user',
            resourceId: id,
            unitPath,
            details: patch.status === 'disabled' ? { sessionsEnded: ended } : null,
          });
        }
        return detail(tx, actor, id);
      });
    },

    async grantRole(actor: Actor, id: string, input: ScopeInput, requestId: string) {
      return db.transaction(async (tx) => {
        const user = await repo.findUserById(tx, id);
        if (!user) throw errors.notFound(ACCOUNT);
        const current = await repo.assignmentsOf(tx, [id]);
        // A citizen who signed up by code belongs to no unit yet: a commune may take them into a team.
        const pureCitizen = current.every((a) => a.role === 'citizen' && !a.path);
        if (!pureCitizen && !canReadAccount(actor, id, current, home)) throw errors.forbidden();
        const scope = await resolveScope(tx, input);
        authorize(actor, grantAction(input.role), { unitPath: scope.path ?? home });
        // The person's own account: nobody may reset it, so a role that signs in by password only would lock a
        // person without a password out for good.
        if (!user.managedByAdmin && !user.passwordHash && !CODE_SIGN_IN_ROLES.has(input.role))
          throw new AppError(409, 'password_required_first', {
            vi: 'Người này đăng nhập bằng mã qua điện thoại và chưa đặt mật khẩu; vai trò này cần mật khẩu. Hãy nhờ họ đặt mật khẩu trong trang tài khoản trước.',
            en: 'This person signs in by a code to their phone and has no password yet; this role needs one. Ask them to set a password in their account page first.',
          });
        const assignmentId = await repo.insertAssignmentReturningId(tx, {
          userId: id,
          role: input.role,
          unitCode: scope.unitCode,
          handlingUnitId: scope.handlingUnitId,
          createdBy: actor.kind === 'user' ? actor.id : null,
        });
        if (!assignmentId)
          throw new AppError(409, 'role_exists', {
            vi: 'Tài khoản đã có vai trò này ở đơn vị này.',
            en: 'The account already holds this role in this unit.',
          });
        await audit(tx, actor, requestId, {
          action: 'role.grant',
          resourceType: 'user',
          resourceId: id,
          unitPath: scope.path ?? home,
          details: { assignmentId, role: input.role, unitCode: scope.unitCode, handlingUnitId: scope.handlingUnitId },
        });
        const rows = await repo.assignmentsOf(tx, [id]);
        return toAssignmentView(rows.find((a) => a.id === assignmentId)!);
      });
    },

    async revokeRole(actor: Actor, id: string, assignmentId: string, requestId: string) {
      return db.transaction(async (tx) => {
        const { assignments } = await loadReadable(tx, actor, id);
        const target = assignments.find((a) => a.id === assignmentId);
        if (!target) throw errors.notFound({ vi: 'vai trò', en: 'Role' });
        authorize(actor, grantAction(target.role), { unitPath: target.path ?? home });
        if (actor.id === id && (target.role === 'province_admin' || target.role === 'commune_admin'))
          throw new AppError(409, 'cannot_revoke_own_admin', {
            vi: 'Bạn không thể tự thu hồi quyền quản trị của mình; hãy nhờ một quản trị viên khác.',
            en: 'You cannot revoke your own administrator role; ask another administrator.',
          });
        await repo.deleteAssignment(tx, id, assignmentId);
        await audit(tx, actor, requestId, {
          action: 'role.revoke',
          resourceType: 'user',
          resourceId: id,
          unitPath: target.path ?? home,
          details: {
            assignmentId,
            role: target.role,
            unitCode: target.unitCode,
            handlingUnitId: target.handlingUnitId,
          },
        });
      });
    },

    async signOutEverywhere(actor: Actor, id: string, requestId: string) {
      return db.transaction(async (tx) => {
        const { assignments } = await loadCredentialsChangeable(tx, actor, id);
        const ended = await sessionRepo.deleteSessionsOfUser(tx, id);
        await audit(tx, actor, requestId, {
          action: 'account.sign_out_everywhere',
          resourceType: 'user',
          resourceId: id,
          unitPath: auditPathFor(actor, assignments, home),
          details: { sessionsEnded: ended },
        });
        return { ended };
      });
    },

    /** A new one-time password, returned once; the account's sessions end. TOTP, if on, stays on. */
    async resetPassword(actor: Actor, id: string, requestId: string) {
      const temp = temporaryPassword();
      const passwordHash = await hashPassword(temp);
      await db.transaction(async (tx) => {
        const { assignments } = await loadCredentialsChangeable(tx, actor, id);
        await repo.updateUser(tx, id, { passwordHash });
        const ended = await sessionRepo.deleteSessionsOfUser(tx, id);
        await audit(tx, actor, requestId, {
          action: 'account.reset_password',
          resourceType: 'user',
          resourceId: id,
          unitPath: auditPathFor(actor, assignments, home),
          details: { sessionsEnded: ended },
        });
      });
      return { temporaryPassword: temp };
    },

    /**
     * An account for a person the administration already knows (a team member from the registry): a new account with
     * a one-time password, or the existing account with this phone given the role (kept as it is if it holds it).
     */
    async provision(
      actor: Actor,
      input: ScopeInput & { fullName: string; phone: string },
      requestId: string,
    ): Promise<{ userId: string; created: boolean; temporaryPassword: string | null }> {
      const existing = await repo.findUserByPhone(db, input.phone);
      if (!existing) {
        const made = await service.create(actor, input, requestId);
        return { userId: made.account.id, created: true, temporaryPassword: made.temporaryPassword };
      }
      try {
        await service.grantRole(actor, existing.id, input, requestId);
      } catch (e) {
        if (!(e instanceof AppError && e.code === 'role_exists')) throw e;
      }
      return { userId: existing.id, created: false, temporaryPassword: null };
    },
  };
  return service;
}

function credentialsNotYours() {
  return new AppError(403, 'credentials_not_managed', {
    vi: 'Chỉ đặt lại mật khẩu hoặc đăng xuất được tài khoản cán bộ do cấp quản trị tạo, có mọi vai trò trong phạm vi của bạn. Người dân tự khôi phục tài khoản bằng mã gửi về điện thoại của mình.',
    en: 'You can reset the password or end the sessions only of a staff account made by an administration, with every role inside your scope. Citizens recover their accounts by a code sent to their own phone.',
  });
}

function duplicate(name: 'phone' | 'username') {
  const m: Message =
    name === 'phone'
      ? { vi: 'Số điện thoại này đã có tài khoản.', en: 'This phone number already has an account.' }
      : { vi: 'Tên đăng nhập này đã được dùng.', en: 'This username is taken.' };
  return fieldError(409, `duplicate_${name}`, name, m);
}

/** Two administrators creating the same person at once: the database's unique index decides, reported as a 409. */
function uniqueViolationToConflict(e: unknown) {
  const err = e as {
    code?: string;
    constraint?: string;
    message?: string;
    cause?: { code?: string; constraint?: string; message?: string };
  };
  const pgErr = err?.code === '23505' ? err : err?.cause?.code === '23505' ? err.cause : null;
  if (!pgErr) return e;
  const text = `${pgErr.constraint ?? ''} ${pgErr.message ?? ''}`;
  return duplicate(text.includes('username') ? 'username' : 'phone');
}

export type AccountAdminService = ReturnType<typeof createAccountAdminService>;
