import type { Executor } from '../../db/client.js';
import { roleAssignments, users } from '../../db/schema/index.js';

export type NewUser = typeof users.$inferInsert;
export type NewAssignment = typeof roleAssignments.$inferInsert;

export async function insertUser(exec: Executor, user: NewUser) {
  const [row] = await exec.insert(users).values(user).returning();
  return row;
}

export async function insertAssignment(exec: Executor, a: NewAssignment) {
  await exec.insert(roleAssignments).values(a).onConflictDoNothing();
}
