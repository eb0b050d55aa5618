import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/harness.js';
import { enqueueJob } from './index.js';

let t: TestApp;
const seen: string[] = [];
let failuresLeft = 1;
beforeAll(async () => {
  t = await createTestApp();
  t.app.ctx.jobs.register('test.record', async (p: { text: string }) => {
    seen.push(p.text);
  });
  t.app.ctx.jobs.register('test.flaky', async (p: { text: string }) => {
    if (failuresLeft-- > 0) throw new Error('temporary failure');
    seen.push(p.text);
  });
});
afterAll(() => t.close());

const pending = async () =>
  (await t.database.query<{ n: number }>('select count(*)::int as n from jobs where done_at is null'))[0].n;

describe('jobs outbox', () => {
  it('runs a job enqueued in a committed transaction, never one from a rolled-back transaction', async () => {
    await t.db.transaction(async (tx) => enqueueJob(tx, 'test.record', { text: 'committed' }));
    await expect(
      t.db.transaction(async (tx) => {
        await enqueueJob(tx, 'test.record', { text: 'rolled back' });
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    expect(await t.runJobs()).toBe(1);
    expect(seen).toEqual(['committed']);
    expect(await pending()).toBe(0);
  });

  it('keeps one pending job per dedupe key, and waits for run_at', async () => {
    const later = new Date(Date.now() + 3_600_000);
    await enqueueJob(t.db, 'test.record', { text: 'reminder' }, { dedupeKey: 'r1', runAt: later });
    await enqueueJob(t.db, 'test.record', { text: 'reminder again' }, { dedupeKey: 'r1', runAt: later });
    expect(await pending()).toBe(1);
    expect(await t.runJobs()).toBe(0);
    await t.database.query("update jobs set run_at = now() where dedupe_key = 'r1'");
    expect(await t.runJobs()).toBe(1);
    expect(seen).toContain('reminder');
    expect(seen).not.toContain('reminder again');
  });

  it('retries a failed job later with its error recorded', async () => {
    await enqueueJob(t.db, 'test.flaky', { text: 'second try' });
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
});
