import type { FastifyBaseLogger } from 'fastify';
import type { Db, Executor } from '../../db/client.js';
import * as repo from './repo.js';

export type { EnqueueOptions } from './repo.js';
export { insertJobsSql } from './repo.js';

export type JobHandler = (payload: any, job: { id: number; attempts: number }) => Promise<void>;

/**
 * Enqueues background work in the caller's transaction: if the transaction rolls back, the job was never there;
 * if it commits, the job will run (at least once: handlers must be idempotent).
 */
export function enqueueJob(exec: Executor, kind: string, payload: unknown, opts?: repo.EnqueueOptions) {
  return repo.insertJob(exec, kind, payload, opts);
}

/**
 * The jobs outbox worker. Modules register a handler per job kind; the server process polls (or a separate worker
 * process does); tests call runDue() to run what is due, deterministically.
 */
export function createJobRunner(db: Db, log: FastifyBaseLogger, opts: { pollMs?: number; batch?: number } = {}) {
  const handlers = new Map<string, JobHandler>();
  const pollMs = opts.pollMs ?? 2000;
  const batch = opts.batch ?? 20;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<number> | null = null;

  async function runDue(): Promise<number> {
    let total = 0;
    for (;;) {
      const claimed = await repo.claimDueJobs(db, batch, 300);
      if (claimed.length === 0) return total;
      // UPDATE … RETURNING does not keep the subquery's order: run them in the order they were enqueued.
      claimed.sort((a, b) => a.id - b.id);
      // Done jobs are marked together after the batch (one statement): a crash before that runs them again, which
      // handlers allow (at least once).
      const done: number[] = [];
      for (const job of claimed) {
        const handler = handlers.get(job.kind);
        try {
          if (!handler) throw new Error(`no handler for job kind ${job.kind}`);
          await handler(job.payload, { id: job.id, attempts: job.attempts });
          done.push(job.id);
        } catch (e) {
          const message = e instanceof Error ? e.message : String(e);
          log.warn({ job: { id: job.id, kind: job.kind, attempts: job.attempts }, err: message }, 'job failed');
          await repo.markJobFailed(db, job, message);
        }
        total += 1;
      }
      await repo.markJobsDone(db, done);
    }
  }

  return {
    register(kind: string, handler: JobHandler) {
      handlers.set(kind, handler);
    },
    /** Runs every due job now (tests; also what each poll does). Concurrent calls share one run. */
    runDue(): Promise<number> {
      running ??= runDue().finally(() => {
        running = null;
      });
      return running;
    },
    start() {
      if (timer) return;
      const tick = async () => {
        try {
          await this.runDue();
        } catch (e) {
          log.error({ err: e instanceof Error ? e.message : String(e) }, 'job poll failed');
        }
        if (timer) timer = setTimeout(tick, pollMs);
      };
      timer = setTimeout(tick, pollMs);
    },
    async stop() {
      if (timer) clearTimeout(timer);
      timer = null;
      await running;
    },
  };
}

export type JobRunner = ReturnType<typeof createJobRunner>;
