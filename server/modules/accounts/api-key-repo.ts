import { desc, eq, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { apiKeys } from '../../db/schema/index.js';

export async function insertApiKey(exec: Executor, row: typeof apiKeys.$inferInsert) {
  const [inserted] = await exec.insert(apiKeys).values(row).returning();
  return inserted;
}

export async function listApiKeys(exec: Executor) {
  return exec
    .select({
      id: apiKeys.id,
      name: apiKeys.name,
      prefix: apiKeys.prefix,
      unitCode: apiKeys.unitCode,
      createdAt: apiKeys.createdAt,
      lastUsedAt: apiKeys.lastUsedAt,
      revokedAt: apiKeys.revokedAt,
    })
    .from(apiKeys)
    .orderBy(desc(apiKeys.createdAt))
    .limit(500);
}

export async function revokeApiKey(exec: Executor, id: string) {
  const rows = await exec
    .update(apiKeys)
    .set({ revokedAt: sql`now()` })
    .where(sql`${apiKeys.id} = ${id} and ${apiKeys.revokedAt} is null`)
    .returning({ id: apiKeys.id, unitCode: apiKeys.unitCode });
  return rows[0] ?? null;
}

export async function findApiKey(exec: Executor, id: string) {
  const [row] = await exec.select().from(apiKeys).where(eq(apiKeys.id, id));
  return row ?? null;
}
