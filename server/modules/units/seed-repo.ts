import { sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { units } from '../../db/schema/index.js';
import type { UnitRow } from './reference-data.js';

export async function countUnits(exec: Executor): Promise<number> {
  const [row] = await exec.select({ n: sql<number>`count(*)::int` }).from(units);
  return row.n;
}

/** Inserts units in batches; existing codes are left as they are (re-running the seed changes nothing). */
export async function insertUnits(exec: Executor, rows: UnitRow[]) {
  for (let i = 0; i < rows.length; i += 500) {
    await exec
      .insert(units)
      .values(rows.slice(i, i + 500))
      .onConflictDoNothing();
  }
}
