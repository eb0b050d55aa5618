import { sql } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import type { Db, Executor } from '../../db/client.js';
import { rowsOf } from '../../db/rows.js';

/**
 * Aggregates without shared hot rows: counts that many writers change (statistics, map cells, coverage, progress).
 *
 * The convention, in SQL (a domain's migration):
 * - a **deltas** table, `id bigserial primary key` + the columns a change moves, insert-only: writers append to it
 *   in their own transaction (a trigger on the domain's table is the one mechanism: every INSERT/UPDATE/DELETE is
 *   counted, plain SQL included, and no code path can forget it);
 * - for each rollup NAME: `NAME_folded` (a table keyed by `keys`, written only by the fold), `NAME_unfolded` (a view
 *   of the deltas as rows of the rollup, with a `delta_id` column), and `NAME` (a view: `NAME_folded UNION ALL
 *   NAME_unfolded` without delta_id). Readers read `NAME` and always sum (a row is a summand, not a key): every count
 *   is exact at every moment, folded or not.
 *
 * The fold (this module) claims a bounded batch of deltas with `FOR UPDATE SKIP LOCKED`, deletes them and adds them
 * to every `NAME_folded`, all in one statement (one transaction, one snapshot): a delta is counted in the folded
 * table exactly when it is gone from the deltas. Two folds at once take disjoint batches, and add to the folded rows
 * in key order (they may wait for each other, never for a writer, and never deadlock on one aggregate).
 */
export interface Aggregate {
  /** For logs: 'feedback.report_counts'. */
  name: string;
  /** The insert-only deltas table. */
  deltas: string;
  rollups: FoldedRollup[];
}

export interface FoldedRollup {
  /** NAME: the folded table is NAME_folded, the deltas as its rows NAME_unfolded. */
  name: string;
  /** The folded table's primary key. */
  keys: string[];
  /** Columns added up on fold. */
  sums: string[];
  /** Columns set when a folded row is first written (one value per key, e.g. a unit path), never updated. */
  others?: string[];
}

const ident = (name: string) => {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`aggregates: not a plain SQL name: ${name}`);
  return `"${name}"`;
};

/** The one statement that folds up to `limit` deltas of an aggregate into its folded rollups; returns `folded`. */
export function foldStatement(a: Aggregate, limit: number): string {
  const deltas = ident(a.deltas);
  const parts = a.rollups.map((r, i) => {
    const keys = r.keys.map(ident);
    const sums = r.sums.map(ident);
    const others = (r.others ?? []).map(ident);
    const columns = [...keys, ...sums, ...others].join(', ');
    const select = [...keys, ...sums.map((s) => `sum(${s})`), ...others.map((o) => `min(${o})`)].join(', ');
    const update = sums.map((s) => `${s} = t.${s} + excluded.${s}`).join(', ');
    return `r${i} AS (
      INSERT INTO ${ident(`${r.name}_folded`)} AS t (${columns})
      SELECT ${select} FROM ${ident(`${r.name}_unfolded`)}
      WHERE delta_id IN (SELECT id FROM claimed)
      GROUP BY ${keys.join(', ')}
      ORDER BY ${keys.join(', ')}
      ON CONFLICT (${keys.join(', ')}) DO UPDATE SET ${update})`;
  });
  // Every sub-statement sees the snapshot taken before the DELETE: the views still show the claimed deltas.
  return `WITH claimed AS (
      DELETE FROM ${deltas} WHERE id IN (
        SELECT id FROM ${deltas} ORDER BY id LIMIT ${Math.max(1, Math.floor(limit))} FOR UPDATE SKIP LOCKED)
      RETURNING id),
    ${parts.join(',\n    ')}
    SELECT count(*)::int AS folded FROM claimed`;
}

/** Folds one batch (at most `limit` deltas) of the aggregate; returns how many deltas it folded. */
export async function foldBatch(exec: Executor, a: Aggregate, limit: number): Promise<number> {
  const result = await exec.execute(sql.raw(foldStatement(a, limit)));
  const rows = rowsOf<{ folded: number }>(result);
  return Number(rows[0]?.folded ?? 0);
}

/**
 * Folds every registered aggregate: the server runs it on a timer (with the jobs worker); tests and benchmarks call
 * `foldAll()`. Any number of processes may fold at once.
 */
export function createAggregateFolder(
  db: Db,
  log: FastifyBaseLogger,
  opts: { intervalMs?: number; batch?: number } = {},
) {
  const aggregates: Aggregate[] = [];
  const intervalMs = opts.intervalMs ?? 1000;
  const batch = opts.batch ?? 5000;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<number> | null = null;

  async function foldAll(): Promise<number> {
    let total = 0;
    for (const a of aggregates)
      for (;;) {
        const n = await foldBatch(db, a, batch);
        total += n;
        if (n < batch) break;
      }
    return total;
  }

  return {
    register(a: Aggregate) {
      aggregates.push(a);
    },
    /** Folds every delta there is now (in batches); concurrent calls in one process share one run. */
    foldAll(): Promise<number> {
      running ??= foldAll().finally(() => {
        running = null;
      });
      return running;
    },
    start() {
      if (timer) return;
      const tick = async () => {
        try {
          await this.foldAll();
        } catch (e) {
          // Nothing is lost: a failed fold rolled back whole; the deltas wait for the next one.
          log.warn({ err: e instanceof Error ? e.message : String(e) }, 'aggregate fold failed');
        }
        if (timer) timer = setTimeout(tick, intervalMs);
      };
      timer = setTimeout(tick, intervalMs);
    },
    async stop() {
      if (timer) clearTimeout(timer);
      timer = null;
      await running;
    },
  };
}

export type AggregateFolder = ReturnType<typeof createAggregateFolder>;
