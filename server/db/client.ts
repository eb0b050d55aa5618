import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import { drizzle as drizzleNodePg } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import pg from 'pg';
import { lockDataFolder } from './lock.js';
import * as schema from './schema/index.js';

// pg returns int8/numeric as strings; PGlite as numbers. One parser here makes both drivers agree
// (counts never exceed 2^53 in this product).
pg.types.setTypeParser(20, (v) => Number.parseInt(v, 10));
pg.types.setTypeParser(1700, (v) => Number.parseFloat(v));

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** Repositories take either the database or a transaction. */
export type Executor = Db | Tx;

export interface Database {
  db: Db;
  kind: 'pglite' | 'postgres';
  /** Rows of a raw SQL statement (used by migrations and tests). */
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  ping(): Promise<boolean>;
  /** Runs fn while holding a PostgreSQL advisory lock (cross-process mutual exclusion); PGlite has one process. */
  withAdvisoryLock<T>(key: number, fn: () => Promise<T>): Promise<T>;
  /** PGlite only: the whole database as a tarball (test templates start from it). */
  dumpDataDir?: () => Promise<Blob>;
  close(): Promise<void>;
}

export const pgliteExtensions = { pg_trgm, unaccent, btree_gist };

export type DatabaseTarget =
  | { kind: 'postgres'; url: string; poolSize?: number }
  | { kind: 'pglite'; dataDir?: string /* undefined: in memory */; loadDataDir?: Blob };

/** Opens the embedded database (locking its folder) or a pool on a PostgreSQL server. */
export async function openDatabase(target: DatabaseTarget): Promise<Database> {
  if (target.kind === 'postgres') {
    const pool = new pg.Pool({ connectionString: target.url, max: target.poolSize ?? 10 });
    pool.on('error', () => {
      /* a dropped idle connection is replaced on next use; the request that needs it reports the error */
    });
    const db = drizzleNodePg(pool, { schema }) as unknown as Db;
    return {
      db,
      kind: 'postgres',
      query: async (text, params) => (await pool.query(text, params)).rows,
      ping: async () => {
        try {
          await pool.query('select 1');
          return true;
        } catch {
          return false;
        }
      },
      withAdvisoryLock: async (key, fn) => {
        const conn = await pool.connect(); // session-level locks belong to one connection
        try {
          await conn.query('select pg_advisory_lock($1)', [key]);
          try {
            return await fn();
          } finally {
            await conn.query('select pg_advisory_unlock($1)', [key]);
          }
        } finally {
          conn.release();
        }
      },
      close: () => pool.end(),
    };
  }
  let release = () => {};
  let dataDir: string | undefined;
  if (target.dataDir) {
    release = lockDataFolder(target.dataDir);
    dataDir = join(target.dataDir, 'db');
  }
  let client: PGlite;
  try {
    client = await PGlite.create(dataDir, { extensions: pgliteExtensions, loadDataDir: target.loadDataDir });
  } catch (e) {
    release();
    throw e;
  }
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  return {
    db,
    kind: 'pglite',
    query: async (text, params) => (await client.query(text, params)).rows as never,
    ping: async () => {
      try {
        await client.query('select 1');
        return true;
      } catch {
        return false;
      }
    },
    withAdvisoryLock: (_key, fn) => fn(),
    dumpDataDir: () => client.dumpDataDir('none'),
    close: async () => {
      try {
        await client.close();
      } finally {
        release();
      }
    },
  };
}
