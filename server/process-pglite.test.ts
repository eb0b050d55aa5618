/**
 * The platform as an operator runs it: `server/main.ts serve` in its own process, a second process beside it,
 * SIGTERM, and a restart on the same data.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from './db/client.js';
import { migrateDatabase } from './db/migrate.js';
import { freePort, run, stopAll } from './test/processes.js';

afterAll(stopAll);

describe('embedded database (PGlite) in its own process', { timeout: 180_000 }, () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'xaso-proc-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('starts on an empty folder, refuses a second process, stops on SIGTERM and reuses the data', async () => {
    const port = await freePort();
    const first = run(['serve'], { DATA_DIR: dataDir, PORT: String(port), XASO_DEMO: '1' });
    await first.waitFor('Xã Số ready');
    expect(first.output()).toContain('"seeded":true');
    expect(first.output()).toContain('admin.tinh');
    const ready = await fetch(`http://127.0.0.1:${port}/api/ready`);
    expect(await ready.json()).toEqual({ status: 'ready', database: 'pglite' });

    // A second process (the CLI) finds the folder in use: clear message, exit code 3, nothing touched.
    const lockBefore = readFileSync(join(dataDir, 'xaso.lock'), 'utf8');
    const second = run(['api-key', 'create', 'thu-nghiem'], { DATA_DIR: dataDir });
    expect(await second.exited).toBe(3);
    expect(second.output()).toContain('đang được tiến trình');
    expect(second.output()).toContain('is in use by process');
    expect(readFileSync(join(dataDir, 'xaso.lock'), 'utf8')).toBe(lockBefore);
    expect((await fetch(`http://127.0.0.1:${port}/api/ready`)).status).toBe(200);

    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    expect(existsSync(join(dataDir, 'xaso.lock'))).toBe(false);

    const again = run(['serve'], { DATA_DIR: dataDir, PORT: String(port), XASO_DEMO: '1' });
    await again.waitFor('Xã Số ready');
    expect(again.output()).toContain('"seeded":false');
    const units = await fetch(`http://127.0.0.1:${port}/api/ready`);
    expect(units.status).toBe(200);
    again.child.kill('SIGTERM');
    expect(await again.exited).toBe(0);
  });

  it('frees at start the jobs a killed process left leased, so they do not wait for the lease', async () => {
    // What a kill -9 leaves: a job claimed (leased for minutes) and never finished.
    const dir = mkdtempSync(join(tmpdir(), 'xaso-lease-'));
    const database = await openDatabase({ kind: 'pglite', dataDir: dir });
    await migrateDatabase(database);
    await database.query(
      `insert into jobs (kind, payload, attempts, locked_until) values ('test.left-behind', '{}', 1, now() + interval '5 minutes')`,
    );
    await database.close();
    const port = await freePort();
    const server = run(['serve'], {
      DATA_DIR: dir,
      PORT: String(port),
      XASO_DEMO: '0',
      XASO_ADMIN_PHONE: '0912000111',
      XASO_ADMIN_PASSWORD: 'Quan-tri-2026!',
    });
    await server.waitFor('Xã Số ready');
    expect(server.output()).toContain('"jobsFreed":1');
    expect((await fetch(`http://127.0.0.1:${port}/api/ready`)).status).toBe(200);
    server.child.kill('SIGTERM');
    await server.exited;
    rmSync(dir, { recursive: true, force: true });
  });

  it('XASO_DEMO=0 without an administrator refuses to start with a clear message', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'xaso-nodemo-'));
    const p = run(['seed'], { DATA_DIR: dir, XASO_DEMO: '0' });
    expect(await p.exited).not.toBe(0);
    expect(p.output()).toContain('XASO_ADMIN_PHONE');
    rmSync(dir, { recursive: true, force: true });
  });
});
