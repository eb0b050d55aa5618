import { join } from 'node:path';
import { migrate as migrateNodePg } from 'drizzle-orm/node-postgres/migrator';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import type { Database } from './client.js';

const migrationsFolder = join(import.meta.dirname, 'migrations');
/** Any constant: the advisory lock that keeps two app processes from migrating a server at once. */
const MIGRATION_LOCK = 4_202_611;

/** Applies the committed SQL migrations; safe to call at every start and from several processes. */
export async function migrateDatabase(database: Database): Promise<void> {
  if (database.kind === 'pglite') {
    await migratePglite(database.db as never, { migrationsFolder });
    return;
  }
  await database.withAdvisoryLock(MIGRATION_LOCK, () => migrateNodePg(database.db as never, { migrationsFolder }));
}
