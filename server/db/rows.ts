import type { SQL } from 'drizzle-orm';
import type { Executor } from './client.js';

/**
 * The rows of a raw `execute(sql…)`: both drivers (PGlite, node-postgres) answer `{ rows }`, which drizzle types as
 * unknown. The one place that says so; `T` is what the statement selects (cast counts `::int`, see client.ts).
 */
export function rowsOf<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}

/** Runs a raw statement and returns its rows typed as `T`. */
export async function queryRows<T>(exec: Executor, query: SQL): Promise<T[]> {
  return rowsOf<T>(await exec.execute(query));
}
