import { type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { jobs } from '../../db/schema/index.js';

export interface EnqueueOptions {
  runAt?: Date;
  /** One pending job per key: enqueuing again while one waits does nothing. */
  dedupeKey?: string;
  maxAttempts?: number;
}

export async function insertJob(exec: Executor, kind: string, payload: unknown, opts: EnqueueOptions = {}) {
  await exec
    .insert(jobs)
    .values({
      kind,
      payload: payload as object,
      runAt: opts.runAt ?? sql`now()`,
      dedupeKey: opts.dedupeKey ?? null,
      maxAttempts: opts.maxAttempts ?? 8,
    })
    .onConflictDoNothing({ target: jobs.dedupeKey });
}

export interface ClaimedJob {
  id: number;
  kind: string;
  payload: unknown;
  attempts: number;
  max_attempts: number;
}

/**
 * Claims due jobs for this worker: locked for `lockSeconds` (a crashed worker's jobs come back after that),
 * SKIP LOCKED so several app processes share the queue without blocking each other.
 */
export async function claimDueJobs(exec: Executor, limit: number, lockSeconds: number): Promise<ClaimedJob[]> {
  const result = await exec.execute(sql`
    update ${jobs} set locked_until = now() + make_interval(secs => ${lockSeconds}), attempts = attempts + 1
    where id in (
      select id from ${jobs}
      where done_at is null and run_at <= now() and (locked_until is null or locked_until < now())
      order by run_at, id
      limit ${limit}
      for update skip locked
    )
    returning id, kind, payload, attempts, max_attempts`);
  return (result as unknown as { rows: ClaimedJob[] }).rows;
}

/** Marks jobs done, a whole claimed batch in one statement (the worker's bookkeeping stays off the writers' way). */
export async function markJobsDone(exec: Executor, ids: number[]) {
  if (ids.length === 0) return;
  await exec.execute(
    sql`update ${jobs} set done_at = now(), locked_until = null, dedupe_key = null
      where id = any(${sql.param(ids)}::bigint[])`,
  );
}

/** A failed job runs again after an exponential back-off, or gives up after max attempts. */
export async function markJobFailed(exec: Executor, job: ClaimedJob, error: string) {
  const giveUp = job.attempts >= job.max_attempts;
  const backoffSeconds = Math.min(3600, 2 ** job.attempts * 5);
  await exec.execute(sql`
    update ${jobs} set
      last_error = ${error.slice(0, 1000)},
      locked_until = null,
      run_at = now() + make_interval(secs => ${backoffSeconds}),
      done_at = case when ${giveUp} then now() else null end,
      dedupe_key = case when ${giveUp} then null else dedupe_key end
    where id = ${job.id}`);
}

/**
 * An INSERT of jobs of one kind, one per row of `payloads` (a SELECT with a jsonb column `payload`), for a writer
 * that enqueues inside one statement (a data-modifying WITH): same transaction, no extra round trip.
 */
export function insertJobsSql(kind: string, payloads: SQL): SQL {
  return sql`insert into ${jobs} (kind, payload) select ${kind}, q.payload from (${payloads}) q`;
}
