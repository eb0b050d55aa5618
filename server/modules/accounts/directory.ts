import { and, eq, inArray, ne, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { apiKeys, roleAssignments, users } from '../../db/schema/index.js';

/*
 * Names other domains may show about the people and keys that act on the platform (the audit trail, histories).
 * Staff names are part of their public duty; a citizen's name is personal data, so it is never returned here.
 */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Display names of the given users who hold a staff role; citizens are left out. */
export async function staffDisplayNames(exec: Executor, userIds: string[]): Promise<Map<string, string>> {
  const ids = [...new Set(userIds.filter((id) => UUID.test(id)))];
  if (ids.length === 0) return new Map();
  const rows = await exec
    .select({ id: users.id, fullName: users.fullName })
    .from(users)
    .where(
      and(
        inArray(users.id, ids),
        sql`exists (select 1 from ${roleAssignments} where ${roleAssignments.userId} = ${users.id} and ${ne(roleAssignments.role, 'citizen')})`,
      ),
    );
  return new Map(rows.map((r) => [r.id, r.fullName]));
}

/** Names of API keys. */
export async function apiKeyNames(exec: Executor, keyIds: string[]): Promise<Map<string, string>> {
  const ids = [...new Set(keyIds.filter((id) => UUID.test(id)))];
  if (ids.length === 0) return new Map();
  const rows = await exec.select({ id: apiKeys.id, name: apiKeys.name }).from(apiKeys).where(inArray(apiKeys.id, ids));
  return new Map(rows.map((r) => [r.id, r.name]));
}

/**
 * The name and phone of one person, for a domain that has authorized the caller to reach them and records the read
 * in the audit trail in the same transaction (the feedback domain's "reveal the reporter's phone").
 */
export async function contactOf(
  exec: Executor,
  userId: string,
): Promise<{ fullName: string; phone: string | null } | null> {
  if (!UUID.test(userId)) return null;
  const [row] = await exec
    .select({ fullName: users.fullName, phone: users.phone })
    .from(users)
    .where(eq(users.id, userId));
  return row ?? null;
}
