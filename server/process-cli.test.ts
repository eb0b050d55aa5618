/**
 * The command line on a database nothing has used yet (issue 9.4): it prepares the database as `serve` does.
 * On PostgreSQL when TEST_DATABASE_URL is set (a new empty database), else on a new PGlite data folder.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freshPgDatabase, pgUrl, run, stopAll } from './test/processes.js';

afterAll(stopAll);

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** Where a new, empty database lives, as the environment of a process. */
async function newDatabase(): Promise<Record<string, string>> {
  if (pgUrl) return { DATABASE_URL: await freshPgDatabase() };
  const dir = mkdtempSync(join(tmpdir(), 'xaso-cli-'));
  dirs.push(dir);
  return { DATA_DIR: dir };
}

const admin = { XASO_DEMO: '0', XASO_ADMIN_PHONE: '0912000111', XASO_ADMIN_PASSWORD: 'Quan-tri-2026!' };

describe(`CLI on a new ${pgUrl ? 'PostgreSQL database' : 'data folder'}`, { timeout: 180_000 }, () => {
  it('api-key create migrates and seeds first, then creates the key for the province', async () => {
    const db = await newDatabase();
    const create = run(['api-key', 'create', 'Tích hợp thử'], { ...db, ...admin });
    expect(await create.exited).toBe(0);
    expect(create.output()).toContain('new database: migrated and seeded');
    expect(create.output()).toContain('Khóa API "Tích hợp thử" cho Tỉnh Thái Nguyên');
    expect(create.output()).toMatch(/xsk_[A-Za-z0-9_-]{20,}/);
    expect(create.output()).not.toContain('no such unit');

    // The next command finds it prepared: nothing seeded again, the key listed, a commune found by its code.
    const list = run(['api-key', 'list'], { ...db, ...admin });
    expect(await list.exited).toBe(0);
    expect(list.output()).not.toContain('new database');
    expect(list.output()).toMatch(/xsk_[A-Za-z0-9_-]*…\s+Tích hợp thử\s+19\s+active/);
    const commune = run(['api-key', 'create', 'Định Hoá', '05569'], { ...db, ...admin });
    expect(await commune.exited).toBe(0);
    expect(commune.output()).toContain('cho Xã Định Hoá');
  });

  it('says exactly what is missing when it cannot seed (XASO_DEMO=0 without an administrator)', async () => {
    const db = await newDatabase();
    const create = run(['api-key', 'create', 'Tích hợp thử'], { ...db, XASO_DEMO: '0' });
    expect(await create.exited).not.toBe(0);
    expect(create.output()).toContain('XASO_ADMIN_PHONE');
    expect(create.output()).not.toContain('xsk_');
  });

  it('refuses an unknown command without opening the database', async () => {
    const dir = join(tmpdir(), `xaso-never-${process.pid}-${Date.now()}`);
    const p = run(['api-keys', 'list'], { DATA_DIR: dir });
    expect(await p.exited).toBe(2);
    expect(p.output()).toContain('unknown command: api-keys');
    expect(existsSync(dir)).toBe(false);
  });
});
