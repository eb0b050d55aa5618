import { desc, eq, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { apiKeys, units } from '../../db/schema/index.js';
import { pathCoveredBy } from '../../platform/unit-scope-sql.js';

export async function insertApiKey(exec: Executor, row: typeof apiKeys.$inferInsert) {
  const [inserted] = await exec.insert(apiKeys).values(row).returning();
  return inserted;
}

const VIEW = {
  id: apiKeys.id,
  name: apiKeys.name,
  prefix: apiKeys.prefix,
  unitCode: apiKeys.unitCode,
  unitName: units.fullName,
  unitPath: units.path,
  createdAt: apiKeys.createdAt,
  lastUsedAt: apiKeys.lastUsedAt,
  revokedAt: apiKeys.revokedAt,
  /** Full-precision creation time for keyset cursors (a JS Date keeps only milliseconds). */
  createdAtExact: sql<string>`${apiKeys.createdAt}::text`,
};

/** Every key (the command line lists them all; there are a handful per installation). */
export async function listApiKeys(exec: Executor) {
  return exec
    .select(VIEW)
    .from(apiKeys)
    .leftJoin(units, eq(units.code, apiKeys.unitCode))
    .orderBy(desc(apiKeys.createdAt))
    .limit(500);
}

/** Keys whose unit is under one of the scope paths, newest first, after a (createdAt, id) keyset cursor. */
export async function listApiKeysIn(
  exec: Executor,
  scopes: string[],
  after: { createdAt: string; id: string } | undefined,
  limit: number,
) {
  const where: SQL[] = [pathCoveredBy(units.path, scopes)];
  if (after)
    where.push(sql`(${apiKeys.createdAt}, ${apiKeys.id}) < (${after.createdAt}::timestamptz, ${after.id}::uuid)`);
  return exec
    .select(VIEW)
    .from(apiKeys)
    .innerJoin(units, eq(units.code, apiKeys.unitCode))
    .where(sql.join(where, sql` and `))
    .orderBy(desc(apiKeys.createdAt), desc(apiKeys.id))
    .limit(limit);
}

export async function revokeApiKey(exec: Executor, id: string) {
  const rows = await exec
    .update(apiKeys)
    .set({ revokedAt: sql`now()` })
    .where(sql`${apiKeys.id} = ${id} and ${apiKeys.revokedAt} is null`)
    .returning({ id: apiKeys.id, unitCode: apiKeys.unitCode });
  return rows[0] ?? null;
}

/** One key with its unit's name and path (for the permission check), or null. */
export async function findApiKey(exec: Executor, id: string) {
  const [row] = await exec
    .select(VIEW)
    .from(apiKeys)
    .leftJoin(units, eq(units.code, apiKeys.unitCode))
    .where(eq(apiKeys.id, id));
  return row ?? null;
}
