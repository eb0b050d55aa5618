import type { SQL } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import type { z } from 'zod';
import type { Db, Executor } from '../../db/client.js';
import * as repo from './repo.js';

export type { EnqueueOptions } from './repo.js';

export type JobHandler<P> = (payload: P, job: { id: number; attempts: number }) => Promise<void>;

/** A kind of background job, declared once by the domain that enqueues it: its name and its payload's schema. */
export interface JobDefinition<P> {
  kind: string;
  payload: z.ZodType<P>;
  /**
   * Enqueues the job in the caller's transaction: if the transaction rolls back, the job was never there; if it
   * commits, the job will run (at least once: handlers must be idempotent).
   */
  enqueue(exec: Executor, payload: P, opts?: repo.EnqueueOptions): Promise<void>;
  /**
   * An INSERT of jobs of this kind, one per row of `payloads` (a SELECT with a jsonb column `payload`), for a
   * writer that enqueues inside one statement (a data-modifying WITH): same transaction, no extra round trip.
   */
  insertSql(payloads: SQL): SQL;
}

/** Declares a kind of job (e.g. `defineJob({ kind: 'feedback.reminder', payload: z.object({ … }) })`). */
export function defineJob<P>(d: { kind: string; payload: z.ZodType<P> }): JobDefinition<P> {
  return {
    kind: d.kind,
    payload: d.payload,
    enqueue: (exec, payload, opts) => repo.insertJob(exec, d.kind, payload, opts),
    insertSql: (payloads) => repo.insertJobsSql(d.kind, payloads),
  };
}

/** A claimed job whose payload does not match its kind's schema: it can never succeed, so it is not retried. */
class InvalidPayload extends Error {}

function invalidPayload(kind: string, error: z.ZodError) {
  const where = error.issues.map((i) => `${i.path.join('.') || 'payload'}: ${i.message}`).join('; ');
  return new InvalidPayload(`invalid payload for job kind ${kind}: ${where}`);
}

/**
 * At the start of the only process that can use the database (PGlite: the data folder is locked to one process),
 * every lease still held belongs to a process that died: its jobs are due again now rather than a lease later.
 * Never call it where other workers may be alive (PostgreSQL with several app processes): there, leases run out.
 */
export function releaseLeasesOfDeadWorkers(exec: Executor): Promise<number> {
  return repo.releaseAllLeases(exec);
}

/** How long a claim holds without a heartbeat: a crashed worker's jobs are claimed again this long after. */
export const JOB_LEASE_SECONDS = 30;
/** How often a worker extends the leases of the jobs it still holds (a third of the lease: two may be late). */
export const JOB_HEARTBEAT_MS = 10_000;

/**
 * The jobs outbox worker. Modules register a handler per job kind; the server process polls (or a separate worker
 * process does); tests call runDue() to run what is due, deterministically, and heartbeat() in place of the timer.
 *
 * A claim is a short lease (JOB_LEASE_SECONDS) that a heartbeat extends while the worker holds the job (running
 * or waiting its turn in the claimed batch), so a worker killed mid-job delays its jobs by one lease, not minutes,
 * and a slow job is never taken from a live worker. Stopping gives back the claims not yet started.
 */
export function createJobRunner(
  db: Db,
  log: FastifyBaseLogger,
  opts: { pollMs?: number; batch?: number; leaseSeconds?: number; heartbeatMs?: number } = {},
) {
  /** Per kind: the handler behind its payload's check (a payload that fails it never reaches the handler). */
  const handlers = new Map<string, JobHandler<unknown>>();
  const pollMs = opts.pollMs ?? 2000;
  const batch = opts.batch ?? 20;
  const leaseSeconds = opts.leaseSeconds ?? JOB_LEASE_SECONDS;
  const heartbeatMs = opts.heartbeatMs ?? JOB_HEARTBEAT_MS;
  let timer: NodeJS.Timeout | null = null;
  let heartbeatTimer: NodeJS.Timeout | null = null;
  let running: Promise<number> | null = null;
  let stopping = false;
  /** Claims this worker holds and has not finished: what the heartbeat extends. */
  const held = new Map<number, repo.ClaimedJob>();

  async function runDue(): Promise<number> {
    let total = 0;
    while (!stopping) {
      const claimed = await repo.claimDueJobs(db, batch, leaseSeconds);
      if (claimed.length === 0) return total;
      for (const job of claimed) held.set(job.id, job);
      // UPDATE … RETURNING does not keep the subquery's order: run them in the order they were enqueued.
      claimed.sort((a, b) => a.id - b.id);
      // Done jobs are marked together after the batch (one statement): a crash before that runs them again, which
      // handlers allow (at least once).
      const done: number[] = [];
      for (const job of claimed) {
        if (stopping) break;
        const handler = handlers.get(job.kind);
        try {
          if (!handler) throw new Error(`no handler for job kind ${job.kind}`);
          await handler(job.payload, { id: job.id, attempts: job.attempts });
          done.push(job.id);
        } catch (e) {
          const message = e instanceof Error ? e.message : String(e);
          log.warn({ job: { id: job.id, kind: job.kind, attempts: job.attempts }, err: message }, 'job failed');
          await repo.markJobFailed(db, job, message, e instanceof InvalidPayload);
        } finally {
          held.delete(job.id);
        }
        total += 1;
      }
      await repo.markJobsDone(db, done);
    }
    // Stopping: the claims not started go back to the queue now rather than after their lease.
    const rest = [...held.values()];
    held.clear();
    await repo.releaseClaims(db, rest);
    return total;
  }

  async function heartbeat(): Promise<number> {
    if (held.size === 0) return 0;
    return repo.extendLeases(db, [...held.values()], leaseSeconds);
  }

  return {
    /** The handler of a kind of job (the composition root registers every one). */
    register<P>(definition: JobDefinition<P>, handler: JobHandler<P>) {
      handlers.set(definition.kind, async (raw, job) => {
        const parsed = definition.payload.safeParse(raw);
        if (!parsed.success) throw invalidPayload(definition.kind, parsed.error);
        await handler(parsed.data, job);
      });
    },
    /** Runs every due job now (tests; also what each poll does). Concurrent calls share one run. */
    runDue(): Promise<number> {
      running ??= runDue().finally(() => {
        running = null;
      });
      return running;
    },
    /** Extends the leases of the jobs this worker holds (the timer calls it; tests call it directly). */
    heartbeat,
    start() {
      if (timer) return;
      stopping = false;
      const tick = async () => {
        try {
          await this.runDue();
        } catch (e) {
          log.error({ err: e instanceof Error ? e.message : String(e) }, 'job poll failed');
        }
        if (timer) timer = setTimeout(tick, pollMs);
      };
      timer = setTimeout(tick, pollMs);
      heartbeatTimer = setInterval(() => {
        heartbeat().catch((e) => log.warn({ err: e instanceof Error ? e.message : String(e) }, 'job heartbeat failed'));
      }, heartbeatMs);
      heartbeatTimer.unref();
    },
    async stop() {
      stopping = true;
      if (timer) clearTimeout(timer);
      timer = null;
      // The job in hand finishes (its lease still beats), the rest of the batch is given back.
      await running;
      if (heartbeatTimer) clearInterval(heartbeatTimer);
      heartbeatTimer = null;
    },
  };
}

export type JobRunner = ReturnType<typeof createJobRunner>;
