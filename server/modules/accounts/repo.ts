import { and, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { Role } from '../../../common/roles.js';
import type { Executor } from '../../db/client.js';
import { rowsOf } from '../../db/rows.js';
import { handlingUnits, roleAssignments, sessions, units, users } from '../../db/schema/index.js';
import { escapeLike } from '../../platform/like.js';
import { pathCoveredBy } from '../../platform/unit-scope-sql.js';

export type NewUser = typeof users.$inferInsert;
export type NewAssignment = typeof roleAssignments.$inferInsert;
export type UserRow = typeof users.$inferSelect;

export async function insertUser(exec: Executor, user: NewUser) {
  const [row] = await exec.insert(users).values(user).returning();
  return row;
}

/** True when the database holds demo accounts (it was seeded with XASO_DEMO=1). */
export async function hasDemoUsers(exec: Executor): Promise<boolean> {
  const [row] = await exec.select({ id: users.id }).from(users).where(eq(users.isDemo, true)).limit(1);
  return !!row;
}

export async function insertAssignment(exec: Executor, a: NewAssignment) {
  await exec.insert(roleAssignments).values(a).onConflictDoNothing();
}

/** Inserts an assignment; null when the person already holds that role in that scope. */
export async function insertAssignmentReturningId(exec: Executor, a: NewAssignment): Promise<string | null> {
  const rows = await exec.insert(roleAssignments).values(a).onConflictDoNothing().returning({ id: roleAssignments.id });
  return rows[0]?.id ?? null;
}

export async function findUserById(exec: Executor, id: string): Promise<UserRow | null> {
  const [row] = await exec.select().from(users).where(eq(users.id, id));
  return row ?? null;
}

export async function findUserByPhone(exec: Executor, phone: string): Promise<UserRow | null> {
  const [row] = await exec.select().from(users).where(eq(users.phone, phone));
  return row ?? null;
}

/** Usernames compare without case ("Admin.Tinh" signs in as "admin.tinh"). */
export async function findUserByUsername(exec: Executor, username: string): Promise<UserRow | null> {
  const [row] = await exec.select().from(users).where(sql`lower(${users.username}) = lower(${username})`);
  return row ?? null;
}

export async function updateUser(exec: Executor, id: string, patch: Partial<NewUser>) {
  const [row] = await exec
    .update(users)
    .set({ ...patch, updatedAt: sql`now()` })
    .where(eq(users.id, id))
    .returning();
  return row ?? null;
}

/** A new citizen from a verified phone; returns the existing account when another request created it first. */
export async function insertCitizenByPhone(exec: Executor, phone: string): Promise<UserRow> {
  const [created] = await exec.insert(users).values({ phone, fullName: '' }).onConflictDoNothing().returning();
  if (created) {
    await insertAssignment(exec, { userId: created.id, role: 'citizen' });
    return created;
  }
  return (await findUserByPhone(exec, phone))!;
}

/** A role assignment with the names and unit path of its scope (an officer's path is its handling unit's unit). */
export interface AssignmentRow {
  id: string;
  userId: string;
  role: Role;
  unitCode: string | null;
  unitName: string | null;
  handlingUnitId: string | null;
  handlingUnitName: string | null;
  /** Null for an unscoped citizen role. */
  path: string | null;
}

const hu = sql`hu_units`;

export async function assignmentsOf(exec: Executor, userIds: string[]): Promise<AssignmentRow[]> {
  if (userIds.length === 0) return [];
  const rows = await exec
    .select({
      id: roleAssignments.id,
      userId: roleAssignments.userId,
      role: roleAssignments.role,
      unitCode: roleAssignments.unitCode,
      unitName: units.fullName,
      handlingUnitId: roleAssignments.handlingUnitId,
      handlingUnitName: handlingUnits.name,
      path: sql<
        string | null
      >`coalesce(${units.path}, (select ${hu}.path from ${units} ${hu} where ${hu}.code = ${handlingUnits.unitCode}))`,
    })
    .from(roleAssignments)
    .leftJoin(units, eq(units.code, roleAssignments.unitCode))
    .leftJoin(handlingUnits, eq(handlingUnits.id, roleAssignments.handlingUnitId))
    .where(inArray(roleAssignments.userId, userIds))
    .orderBy(roleAssignments.createdAt, roleAssignments.id);
  return rows;
}

export async function deleteAssignment(exec: Executor, userId: string, assignmentId: string) {
  const rows = await exec
    .delete(roleAssignments)
    .where(and(eq(roleAssignments.id, assignmentId), eq(roleAssignments.userId, userId)))
    .returning({ id: roleAssignments.id });
  return rows.length > 0;
}

export async function findUnit(exec: Executor, code: string) {
  const [row] = await exec
    .select({ code: units.code, path: units.path, level: units.level, fullName: units.fullName, status: units.status })
    .from(units)
    .where(eq(units.code, code));
  return row ?? null;
}

export async function findHandlingUnit(exec: Executor, id: string) {
  const [row] = await exec
    .select({
      id: handlingUnits.id,
      name: handlingUnits.name,
      active: handlingUnits.active,
      path: units.path,
    })
    .from(handlingUnits)
    .innerJoin(units, eq(units.code, handlingUnits.unitCode))
    .where(eq(handlingUnits.id, id));
  return row ?? null;
}

export async function countLiveSessions(exec: Executor, userId: string): Promise<number> {
  const [row] = await exec
    .select({ n: sql<number>`count(*)::int` })
    .from(sessions)
    .where(and(eq(sessions.userId, userId), sql`${sessions.expiresAt} > now()`));
  return row.n;
}

const ASSIGNMENT_PATH = sql`coalesce(un.path, hun.path)`;
const ASSIGNMENTS_WITH_PATH = sql`role_assignments ra
  left join units un on un.code = ra.unit_code
  left join handling_units h on h.id = ra.handling_unit_id
  left join units hun on hun.code = h.unit_code`;

export interface AccountListFilter {
  /** Unit paths whose accounts the reader may see. */
  scopes: string[];
  /** Accounts with no scoped role (citizens who signed up by code) belong to the home province. */
  includeUnscoped: boolean;
  unitPath?: string;
  role?: Role;
  /** Name words (folded) or phone digits. */
  q?: { name?: string; digits?: string };
  after?: { key: string; id: string };
  limit: number;
}

export interface AccountListRow {
  id: string;
  fullName: string;
  phone: string | null;
  username: string | null;
  status: 'active' | 'disabled';
  createdAt: Date;
  sortKey: string;
}

/** Accounts in the reader's scope, by folded name then id (keyset pagination). */
export async function listAccounts(exec: Executor, f: AccountListFilter): Promise<AccountListRow[]> {
  const conditions: SQL[] = [];
  const inScope = sql`exists (select 1 from ${ASSIGNMENTS_WITH_PATH} where ra.user_id = u.id and ${pathCoveredBy(ASSIGNMENT_PATH, f.scopes)})`;
  conditions.push(
    f.includeUnscoped
      ? sql`(${inScope} or not exists (select 1 from role_assignments ra where ra.user_id = u.id and (ra.unit_code is not null or ra.handling_unit_id is not null)))`
      : inScope,
  );
  if (f.unitPath || f.role) {
    const parts: SQL[] = [sql`ra.user_id = u.id`];
    if (f.role) parts.push(sql`ra.role = ${f.role}`);
    if (f.unitPath) parts.push(pathCoveredBy(ASSIGNMENT_PATH, [f.unitPath]));
    conditions.push(sql`exists (select 1 from ${ASSIGNMENTS_WITH_PATH} where ${sql.join(parts, sql` and `)})`);
  }
  if (f.q?.name) {
    const like = `%${escapeLike(f.q.name)}%`;
    conditions.push(sql`(vn_fold(u.full_name) like vn_fold(${like}) or u.username like lower(${like}))`);
  }
  if (f.q?.digits) conditions.push(sql`u.phone like ${`%${escapeLike(f.q.digits)}%`}`);
  if (f.after) conditions.push(sql`(vn_fold(u.full_name), u.id) > (${f.after.key}, ${f.after.id}::uuid)`);
  const result = await exec.execute(sql`
    select u.id, u.full_name as "fullName", u.phone, u.username, u.status, u.created_at as "createdAt",
           vn_fold(u.full_name) as "sortKey"
    from users u
    where ${sql.join(conditions, sql` and `)}
    order by vn_fold(u.full_name), u.id
    limit ${f.limit}`);
  return rowsOf<AccountListRow>(result).map((r) => ({ ...r, createdAt: new Date(r.createdAt) }));
}
