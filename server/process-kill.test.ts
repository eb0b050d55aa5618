/**
 * Durability as an operator meets it: `serve` killed with SIGKILL (a power cut, the OOM killer) while citizens are
 * submitting, then started again on the same data. Every submission the server acknowledged is there, exactly once;
 * every one a phone retries with its own id lands exactly once. On PGlite (a data folder) and on PostgreSQL (a fresh
 * database) when TEST_DATABASE_URL is set.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from './db/client.js';
import { DEMO_PASSWORD } from './seed/demo.js';
import { freePort, freshPgDatabase, pgUrl, run, stopAll } from './test/processes.js';

afterAll(stopAll);

describe('kill -9 under load', { timeout: 300_000 }, () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'xaso-kill-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('loses no acknowledged report and duplicates none; retries land exactly once after the restart', async () => {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const env: Record<string, string> = { PORT: String(port), XASO_DEMO: '1' };
    if (pgUrl) env.DATABASE_URL = await freshPgDatabase();
    else env.DATA_DIR = dataDir;
    const serve = () => run(['serve'], env);

    let server = serve();
    await server.waitFor('Xã Số ready');
    const signIn = await fetch(`${base}/api/auth/password`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ login: 'dan.minh', password: DEMO_PASSWORD }),
    });
    expect(signIn.status).toBe(200);
    const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0];
    const csrf = ((await signIn.json()) as { csrfToken: string }).csrfToken;
    const categories = (await (await fetch(`${base}/api/feedback/categories`)).json()) as { items: { id: string }[] };
    const categoryId = categories.items[0].id;

    const submit = (id: string) =>
      fetch(`${base}/api/reports`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrf },
        body: JSON.stringify({
          id,
          categoryId,
          description: `Đèn đường hỏng trước nhà văn hoá (lần ${id.slice(0, 8)})`,
          lat: 21.9082,
          lng: 105.6394,
        }),
      }).then((r) => r.status);

    // Eight phones submitting at once; the process is killed once 40 are acknowledged, mid-flight.
    const sent: string[] = [];
    const acknowledged: string[] = [];
    let killed = false;
    const phone = async () => {
      while (!killed) {
        const id = randomUUID();
        sent.push(id);
        const status = await submit(id).catch(() => 0);
        if (status === 201 || status === 200) acknowledged.push(id);
        if (acknowledged.length >= 40 && !killed) {
          killed = true;
          server.child.kill('SIGKILL');
        }
      }
    };
    await Promise.all(Array.from({ length: 8 }, phone));
    await server.exited;
    expect(acknowledged.length).toBeGreaterThanOrEqual(40);

    server = serve();
    await server.waitFor('Xã Số ready');
    // Every phone retries what it sent, with the same id: acknowledged ones are already there (200), the rest land.
    const retried = await Promise.all(sent.map(async (id) => ({ id, status: await submit(id) })));
    for (const r of retried) expect([200, 201]).toContain(r.status);
    for (const id of acknowledged) expect(retried.find((r) => r.id === id)?.status).toBe(200);

    server.child.kill('SIGTERM');
    await server.exited;

    const check = await openDatabase(
      env.DATABASE_URL ? { kind: 'postgres', url: env.DATABASE_URL, poolSize: 1 } : { kind: 'pglite', dataDir },
    );
    try {
      const ids = [...new Set(sent)];
      const rows = (await check.query(
        `select id::text, count(*) over (partition by description) as copies from reports where id = any($1::uuid[])`,
        [ids],
      )) as { id: string; copies: number | string }[];
      expect(rows.length).toBe(ids.length);
      expect(rows.every((r) => Number(r.copies) === 1)).toBe(true);
      const total = (await check.query(
        `select count(*)::int as n from reports where description like 'Đèn đường hỏng trước nhà văn hoá (lần %'`,
      )) as { n: number }[];
      expect(Number(total[0].n)).toBe(ids.length);
    } finally {
      await check.close();
    }
  });
});
