import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createTestApp, type TestApp } from '../../test/harness.js';
import { createJobRunner, defineJob, JOB_LEASE_SECONDS } from './index.js';

const text = z.object({ text: z.string() });
const empty = (kind: string) => defineJob({ kind: `test.${kind}`, payload: z.object({}) });
const jobs = {
  record: defineJob({ kind: 'test.record', payload: text }),
  flaky: defineJob({ kind: 'test.flaky', payload: text }),
  checked: defineJob({ kind: 'test.checked', payload: z.object({ reportId: z.uuid(), eventId: z.number().int() }) }),
  crash: empty('crash'),
  slow: empty('slow'),
  queued: empty('queued'),
  inhand: empty('inhand'),
  later: empty('later'),
};

let t: TestApp;
const seen: string[] = [];
let failuresLeft = 1;
beforeAll(async () => {
  t = await createTestApp();
  t.app.ctx.jobs.register(jobs.record, async (p) => {
    seen.push(p.text);
  });
  t.app.ctx.jobs.register(jobs.flaky, async (p) => {
    if (failuresLeft-- > 0) throw new Error('temporary failure');
    seen.push(p.text);
  });
});
afterAll(() => t.close());

const pending = async () =>
  (await t.database.query<{ n: number }>('select count(*)::int as n from jobs where done_at is null'))[0].n;

describe('jobs outbox', () => {
  it('runs a job enqueued in a committed transaction, never one from a rolled-back transaction', async () => {
    await t.db.transaction(async (tx) => jobs.record.enqueue(tx, { text: 'committed' }));
    await expect(
      t.db.transaction(async (tx) => {
        await jobs.record.enqueue(tx, { text: 'rolled back' });
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    expect(await t.runJobs()).toBe(1);
    expect(seen).toEqual(['committed']);
    expect(await pending()).toBe(0);
  });

  it('keeps one pending job per dedupe key, and waits for run_at', async () => {
    const later = new Date(Date.now() + 3_600_000);
    await jobs.record.enqueue(t.db, { text: 'reminder' }, { dedupeKey: 'r1', runAt: later });
    await jobs.record.enqueue(t.db, { text: 'reminder again' }, { dedupeKey: 'r1', runAt: later });
    expect(await pending()).toBe(1);
    expect(await t.runJobs()).toBe(0);
    await t.database.query("update jobs set run_at = now() where dedupe_key = 'r1'");
    expect(await t.runJobs()).toBe(1);
    expect(seen).toContain('reminder');
    expect(seen).not.toContain('reminder again');
  });

  it('retries a failed job later with its error recorded', async () => {
    await jobs.flaky.enqueue(t.db, { text: 'second try' });
    await t.runJobs();
    const [row] = await t.database.query<{ attempts: number; last_error: string; done: boolean }>(
      "select attempts, last_error, done_at is not null as done from jobs where kind = 'test.flaky'",
    );
    expect(row).toEqual({ attempts: 1, last_error: 'temporary failure', done: false });
    await t.database.query("update jobs set run_at = now() where kind = 'test.flaky'");
    await t.runJobs();
    expect(seen).toContain('second try');
    expect(await pending()).toBe(0);
  });

  it('fails a job whose payload does not match its kind, at once and with the reason, without running it', async () => {
    let ran = 0;
    t.app.ctx.jobs.register(jobs.checked, async () => {
      ran++;
    });
    // Written by hand (an old release, a repair): the definition's enqueue would not let this through.
    await t.database.query("insert into jobs (kind, payload) values ('test.checked', $1::jsonb)", [
      JSON.stringify({ reportId: 'nope', eventId: '7' }),
    ]);
    expect(await t.runJobs()).toBe(1);
    const [row] = await t.database.query<{ attempts: number; last_error: string; done: boolean }>(
      "select attempts, last_error, done_at is not null as done from jobs where kind = 'test.checked'",
    );
    expect(ran).toBe(0);
    expect(row.done).toBe(true); // given up: it can never succeed
    expect(row.attempts).toBe(1);
    expect(row.last_error).toMatch(/^invalid payload for job kind test\.checked: reportId: .+; eventId: .+/);
    expect(await pending()).toBe(0);
  });
});

describe('leases of a worker that died or is still working (issue 8.7)', () => {
  /** A handler that does not return until the test lets it: a job "running" as long as the test wants. */
  function gate() {
    let open!: () => void;
    let entered!: () => void;
    const opened = new Promise<void>((r) => {
      open = r;
    });
    const enteredP = new Promise<void>((r) => {
      entered = r;
    });
    return {
      open,
      entered: enteredP,
      handler: async () => {
        entered();
        await opened;
      },
    };
  }
  /** The clock of the jobs table moved on: every lease is `seconds` closer to running out. */
  const advance = (seconds: number) =>
    t.database.query(
      `update jobs set locked_until = locked_until - make_interval(secs => ${seconds}) where locked_until is not null`,
    );
  const job = async (kind: string) =>
    (
      await t.database.query<{ attempts: number; done: boolean; leased: boolean }>(
        `select attempts, done_at is not null as done, locked_until is not null as leased from jobs where kind = '${kind}'`,
      )
    )[0];

  it('gives the job of a crashed worker to another worker one short lease after its last heartbeat', async () => {
    expect(JOB_LEASE_SECONDS).toBeLessThanOrEqual(30);
    const crashed = createJobRunner(t.db, t.app.log);
    const other = createJobRunner(t.db, t.app.log);
    const stuck = gate();
    crashed.register(jobs.crash, stuck.handler);
    const ranBy: string[] = [];
    other.register(jobs.crash, async () => {
      ranBy.push('other');
    });
    await jobs.crash.enqueue(t.db, {});
    const first = crashed.runDue(); // claims it and never finishes: the process is gone
    await stuck.entered;
    expect(await other.runDue()).toBe(0); // leased: not taken
    await advance(JOB_LEASE_SECONDS - 5);
    expect(await other.runDue()).toBe(0); // still within the lease
    await advance(10); // no heartbeat came: the lease ran out
    expect(await other.runDue()).toBe(1);
    expect(ranBy).toEqual(['other']);
    expect(await job('test.crash')).toEqual({ attempts: 2, done: true, leased: false });
    // The "dead" worker coming back neither runs it again nor undoes the other's result.
    expect(await crashed.heartbeat()).toBe(0);
    stuck.open();
    await first;
    expect(await job('test.crash')).toEqual({ attempts: 2, done: true, leased: false });
  });

  it('does not take a running job whose worker keeps beating, however long it runs', async () => {
    const slow = createJobRunner(t.db, t.app.log, { batch: 5 });
    const other = createJobRunner(t.db, t.app.log);
    const long = gate();
    slow.register(jobs.slow, long.handler);
    slow.register(jobs.queued, async () => {});
    let stolen = 0;
    other.register(jobs.slow, async () => {
      stolen++;
    });
    other.register(jobs.queued, async () => {
      stolen++;
    });
    await jobs.slow.enqueue(t.db, {});
    await jobs.queued.enqueue(t.db, {}); // claimed in the same batch, waiting its turn behind the slow one
    const run = slow.runDue();
    await long.entered;
    for (let i = 0; i < 6; i++) {
      await advance(JOB_LEASE_SECONDS - 5); // most of a lease passes between beats…
      expect(await slow.heartbeat()).toBe(2); // …and each beat renews both claims
      expect(await other.runDue()).toBe(0);
    }
    expect(stolen).toBe(0);
    long.open();
    expect(await run).toBe(2);
    expect(await job('test.slow')).toEqual({ attempts: 1, done: true, leased: false });
    expect(await job('test.queued')).toEqual({ attempts: 1, done: true, leased: false });
  });

  it('gives back the claims not yet started when it stops, so they run at once elsewhere', async () => {
    const stopping = createJobRunner(t.db, t.app.log, { batch: 5 });
    const other = createJobRunner(t.db, t.app.log);
    const inHand = gate();
    stopping.register(jobs.inhand, inHand.handler);
    const ran: string[] = [];
    other.register(jobs.later, async () => {
      ran.push('later');
    });
    await jobs.inhand.enqueue(t.db, {});
    await jobs.later.enqueue(t.db, {});
    stopping.runDue();
    await inHand.entered;
    expect(await job('test.later')).toMatchObject({ attempts: 1, leased: true });
    const stopped = stopping.stop();
    inHand.open();
    await stopped;
    expect(await job('test.inhand')).toEqual({ attempts: 1, done: true, leased: false });
    expect(await job('test.later')).toEqual({ attempts: 0, done: false, leased: false });
    expect(await other.runDue()).toBe(1);
    expect(ran).toEqual(['later']);
  });
});
