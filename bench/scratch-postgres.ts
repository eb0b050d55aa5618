import { type Database, openDatabase } from '../server/db/client.js';

/**
 * A throwaway database on the PostgreSQL server at `url` (a copy of `template` when given), dropped when the
 * returned Database is closed: benchmarks never touch the databases they read from.
 */
export async function scratchPostgres(url: string, prefix: string, template?: string): Promise<Database> {
  const name = `${prefix}_${process.pid}`;
  const admin = await openDatabase({ kind: 'postgres', url, poolSize: 1 });
  await admin.query(`drop database if exists ${name}`);
  await admin.query(`create database ${name}${template ? ` template ${template}` : ''}`);
  await admin.close();
  const target = new URL(url);
  target.pathname = `/${name}`;
  const database = await openDatabase({ kind: 'postgres', url: target.toString(), poolSize: 10 });
  const close = database.close;
  database.close = async () => {
    await close();
    const again = await openDatabase({ kind: 'postgres', url, poolSize: 1 });
    await again.query(`drop database if exists ${name} with (force)`);
    await again.close();
  };
  return database;
}
