import { type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { rowsOf } from '../../db/rows.js';
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
 * Claims due jobs for this worker: leased for `leaseSeconds`, which the worker's heartbeat keeps extending while
 * a job runs, so a crashed worker's jobs come back one short lease after its last heartbeat. SKIP LOCKED so
 * several app processes share the queue without blocking each other. The claim counts an attempt: (id, attempts)
 * names this claim, and the worker's later writes touch the job only while that claim still holds.
 */
export async function claimDueJobs(exec: Executor, limit: number, leaseSeconds: number): Promise<ClaimedJob[]> {
  const result = await exec.execute(sql`
    update ${jobs} set locked_until = now() + make_interval(secs => ${leaseSeconds}), attempts = attempts + 1
    where id in (
      select id from ${jobs}
      where done_at is null and run_at <= now() and (locked_until is null or locked_until < now())
      order by run_at, id
      limit ${limit}
      for update skip locked
    )
    returning id, kind, payload, attempts, max_attempts`);
  return rowsOf<ClaimedJob>(result);
}

/** The (id, attempts) pairs of claims as one array parameter each (cheap to parse, any number of claims). */
function claimArrays(claims: Pick<ClaimedJob, 'id' | 'attempts'>[]) {
  return {
    ids: sql.param(claims.map((c) => c.id)),
    attempts: sql.param(claims.map((c) => c.attempts)),
  };
}

/**
 * The heartbeat: extends the leases of the claims this worker still holds (not finished, not lost to another
 * worker after a lapse); returns how many it extended. It touches only those rows of the jobs table, by key.
 */
export async function extendLeases(
  exec: Executor,
  claims: Pick<ClaimedJob, 'id' | 'attempts'>[],
  leaseSeconds: number,
): Promise<number> {
  if (claims.length === 0) return 0;
  const { ids, attempts } = claimArrays(claims);
  const result = await exec.execute(sql`
    update ${jobs} j set locked_until = now() + make_interval(secs => ${leaseSeconds})
    from unnest(${ids}::bigint[], ${attempts}::int[]) as c(id, attempts)
    where j.id = c.id and j.attempts = c.attempts and j.done_at is null and j.locked_until is not null
    returning j.id`);
  return rowsOf(result).length;
}

/**
 * Gives back claims this worker will not run (it is stopping): the jobs are due again at once, for any worker,
 * and the attempt the claim counted is not counted.
 */
export async function releaseClaims(exec: Executor, claims: Pick<ClaimedJob, 'id' | 'attempts'>[]) {
  if (claims.length === 0) return;
  const { ids, attempts } = claimArrays(claims);
  await exec.execute(sql`
    update ${jobs} j set locked_until = null, attempts = j.attempts - 1
    from unnest(${ids}::bigint[], ${attempts}::int[]) as c(id, attempts)
    where j.id = c.id and j.attempts = c.attempts and j.done_at is null`);
}

/** Marks jobs done, a whole claimed batch in one statement; done is done whoever ran it (a job another worker took over after a lapse is not run again). */
export async function markJobsDone(exec: Executor, ids: number[]) {
  if (ids.length === 0) return;
  await exec.execute(
    sql`update ${jobs} set done_at = now(), locked_until = null, dedupe_key = null
      where id = any(${sql.param(ids)}::bigint[])`,
  );
}

/**
 * A failed job runs again after an exponential back-off, or gives up after max attempts (at once with `final`: it
 * can never succeed). Only while this claim holds: if another worker took the job over after a lapse, its run decides.
 */
export async function markJobFailed(exec: Executor, job: ClaimedJob, error: string, final = false) {
  const giveUp = final || job.attempts >= job.max_attempts;
  const backoffSeconds = Math.min(3600, 2 ** job.attempts * 5);
  await exec.execute(sql`
    update ${jobs} set
      last_error = ${error.slice(0, 1000)},
      locked_until = null,
      run_at = now() + make_interval(secs => ${backoffSeconds}),
      done_at = case when ${giveUp} then now() else null end,
      dedupe_key = case when ${giveUp} then null else dedupe_key end
    where id = ${job.id} and attempts = ${job.attempts} and done_at is null`);
}

/** Ends every lease (see releaseLeasesOfDeadWorkers); returns how many jobs it freed. */
export async function releaseAllLeases(exec: Executor): Promise<number> {
  const result = await exec.execute(sql`
    update ${jobs} set locked_until = null where done_at is null and locked_until is not null returning id`);
  return rowsOf(result).length;
}

/** An INSERT of jobs of one kind, one per row of `payloads` (see JobDefinition.insertSql). */
export function insertJobsSql(kind: string, payloads: SQL): SQL {
  return sql`insert into ${jobs} (kind, payload) select ${kind}, q.payload from (${payloads}) q`;
}
