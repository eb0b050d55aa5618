import type { AccountDetail, AssignmentView, MeUser } from '../../../common/accounts.js';
import type { AssignmentRow, UserRow } from './repo.js';

/** Timestamps leave the server as ISO 8601 strings (UTC). */
export function iso(d: Date | string): string {
  return (d instanceof Date ? d : new Date(d)).toISOString();
}
export function isoOrNull(d: Date | string | null): string | null {
  return d === null ? null : iso(d);
}

export function toAssignmentView(a: AssignmentRow): AssignmentView {
  return {
    id: a.id,
    role: a.role,
    unitCode: a.unitCode,
    unitName: a.unitName,
    handlingUnitId: a.handlingUnitId,
    handlingUnitName: a.handlingUnitName,
  };
}

/** What a person sees of their own account (never the password hash or the TOTP secret). */
export function toMeUser(u: UserRow): MeUser {
  return {
    id: u.id,
    fullName: u.fullName,
    phone: u.phone,
    username: u.username,
    email: u.email,
    locale: u.locale,
    totpEnabled: u.totpEnabled,
    hasPassword: !!u.passwordHash,
  };
}

export function toAccountDetail(
  u: UserRow,
  assignments: AssignmentRow[],
  activeSessions: number,
  may: { canChangeCredentials: boolean },
): AccountDetail {
  return {
    id: u.id,
    fullName: u.fullName,
    phone: u.phone,
    username: u.username,
    email: u.email,
    status: u.status,
    locale: u.locale,
    totpEnabled: u.totpEnabled,
    hasPassword: !!u.passwordHash,
    activeSessions,
    createdAt: iso(u.createdAt),
    assignments: assignments.map(toAssignmentView),
    staffAccount: u.managedByAdmin,
    canChangeCredentials: may.canChangeCredentials,
  };
}
