import { and, desc, eq, gt, isNull, ne, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { apiKeys, handlingUnits, roleAssignments, sessions, units, users } from '../../db/schema/index.js';
import type { Assignment } from '../../platform/actor.js';

export async function insertSession(
  exec: Executor,
  row: { id: string; userId: string; csrfToken: string; expiresAt: Date; userAgent: string | null },
) {
  await exec.insert(sessions).values(row);
}

/** A role assignment as read: a handling unit's role is scoped by the path of the unit it serves. */
interface AssignmentRow {
  role: Assignment['role'];
  unitCode: string | null;
  unitPath: string | null;
  handlingUnitId: string | null;
  handlingUnitPath: string | null;
}

const handlingUnitPathSql = sql<
  string | null
>`(select u2.path from ${handlingUnits} h join ${units} u2 on u2.code = h.unit_code where h.id = ${roleAssignments.handlingUnitId})`;

export const toAssignment = (r: AssignmentRow): Assignment => ({
  role: r.role,
  unitCode: r.unitCode,
  unitPath: r.unitPath ?? r.handlingUnitPath ?? null,
  handlingUnitId: r.handlingUnitId,
});

/** The session and its active user, if the session is still valid. */
export async function findLiveSession(exec: Executor, id: string) {
  const [row] = await exec
    .select({
      id: sessions.id,
      userId: sessions.userId,
      csrfToken: sessions.csrfToken,
      lastSeenAt: sessions.lastSeenAt,
      createdAt: sessions.createdAt,
      totpEnabled: users.totpEnabled,
      // The roles come in the same round trip: every signed-in request needs them.
      assignments: sql<AssignmentRow[]>`coalesce((select json_agg(json_build_object(
          'role', ${roleAssignments.role}, 'unitCode', ${roleAssignments.unitCode}, 'unitPath', ${units.path},
          'handlingUnitId', ${roleAssignments.handlingUnitId}, 'handlingUnitPath', ${handlingUnitPathSql}))
        from ${roleAssignments} left join ${units} on ${units.code} = ${roleAssignments.unitCode}
        where ${roleAssignments.userId} = ${sessions.userId}), '[]'::json)`,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.id, id), gt(sessions.expiresAt, sql`now()`), eq(users.status, 'active')));
  return row ?? null;
}

export async function touchSession(exec: Executor, id: string) {
  await exec.update(sessions).set({ lastSeenAt: sql`now()` }).where(eq(sessions.id, id));
}

export async function deleteSession(exec: Executor, id: string) {
  await exec.delete(sessions).where(eq(sessions.id, id));
}

export async function deleteSessionsOfUser(exec: Executor, userId: string) {
  const gone = await exec.delete(sessions).where(eq(sessions.userId, userId)).returning({ id: sessions.id });
  return gone.length;
}

/** Every session of the user but one (after a password change, the device that changed it stays signed in). */
export async function deleteOtherSessions(exec: Executor, userId: string, keepId: string) {
  const gone = await exec
    .delete(sessions)
    .where(and(eq(sessions.userId, userId), ne(sessions.id, keepId)))
    .returning({ id: sessions.id });
  return gone.length;
}

/** One session of the user, named by the start of its id (the public id shown in the session list). */
export async function deleteSessionByPublicId(exec: Executor, userId: string, publicId: string) {
  const gone = await exec
    .delete(sessions)
    .where(and(eq(sessions.userId, userId), sql`left(${sessions.id}, ${publicId.length}) = ${publicId}`))
    .returning({ id: sessions.id });
  return gone.length;
}

/** The user's live sessions, newest first. */
export async function listSessionsOfUser(exec: Executor, userId: string, limit = 100) {
  return exec
    .select({
      id: sessions.id,
      createdAt: sessions.createdAt,
      lastSeenAt: sessions.lastSeenAt,
      userAgent: sessions.userAgent,
    })
    .from(sessions)
    .where(and(eq(sessions.userId, userId), gt(sessions.expiresAt, sql`now()`)))
    .orderBy(desc(sessions.lastSeenAt), desc(sessions.createdAt))
    .limit(limit);
}

/** Expired sessions are removed now and then, so the table does not grow forever. */
export async function deleteExpiredSessions(exec: Executor) {
  await exec.delete(sessions).where(sql`${sessions.expiresAt} < now()`);
}

/**
 * A user's role assignments with the path of the unit each covers. An officer's scope is the unit its
 * handling unit belongs to (for reading), and the handling unit itself (for working its inbox).
 */
export async function findAssignments(exec: Executor, userId: string): Promise<Assignment[]> {
  const rows = await exec
    .select({
      role: roleAssignments.role,
      unitCode: roleAssignments.unitCode,
      unitPath: units.path,
      handlingUnitId: roleAssignments.handlingUnitId,
      handlingUnitPath: handlingUnitPathSql,
    })
    .from(roleAssignments)
    .leftJoin(units, eq(units.code, roleAssignments.unitCode))
    .where(eq(roleAssignments.userId, userId));
  return rows.map(toAssignment);
}

export async function findLiveApiKey(exec: Executor, keyHash: string) {
  const [row] = await exec
    .select({ id: apiKeys.id, unitCode: apiKeys.unitCode, unitPath: units.path, lastUsedAt: apiKeys.lastUsedAt })
    .from(apiKeys)
    .innerJoin(units, eq(units.code, apiKeys.unitCode))
    .where(and(eq(apiKeys.keyHash, keyHash), isNull(apiKeys.revokedAt)));
  return row ?? null;
}

export async function touchApiKey(exec: Executor, id: string) {
  await exec.update(apiKeys).set({ lastUsedAt: sql`now()` }).where(eq(apiKeys.id, id));
}
