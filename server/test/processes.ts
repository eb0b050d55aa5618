/** Runs `server/main.ts` as its own process, as an operator would (used by the process tests). */
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { openDatabase } from '../db/client.js';

const root = join(import.meta.dirname, '../..');
export const children: ChildProcess[] = [];
export const pgUrl = process.env.TEST_DATABASE_URL;

export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/**
 * Runs the CLI the way `npm start` does: `node --import tsx server/main.ts`, one process, so a signal reaches the
 * server itself. (The tsx launcher relays SIGTERM but, when the child does not acknowledge it within 30 ms — PGlite
 * keeps the event loop busy for longer —, kills it with SIGKILL and exits 143: a shutdown that never ran.)
 */
export function run(args: string[], env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts', ...args], {
    cwd: root,
    env: { ...process.env, LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let out = '';
  child.stdout!.on('data', (d) => {
    out += d;
  });
  child.stderr!.on('data', (d) => {
    out += d;
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const waitFor = async (text: string, ms = 90_000) => {
    const until = Date.now() + ms;
    while (!out.includes(text)) {
      if (Date.now() > until) throw new Error(`timed out waiting for "${text}"; output:\n${out}`);
      if (child.exitCode !== null) throw new Error(`exited ${child.exitCode} before "${text}"; output:\n${out}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  };
  return { child, exited, waitFor, output: () => out };
}

export const cleanups: (() => Promise<void>)[] = [];

/** Stops what the tests started. */
export async function stopAll() {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  for (const c of cleanups) await c();
}

/** A fresh, empty PostgreSQL database for one server run. */
export async function freshPgDatabase(): Promise<string> {
  const name = `xaso_proc_${process.pid}_${Date.now()}`;
  const admin = await openDatabase({ kind: 'postgres', url: pgUrl!, poolSize: 1 });
  await admin.query(`create database ${name}`);
  await admin.close();
  const u = new URL(pgUrl!);
  u.pathname = `/${name}`;
  cleanups.push(async () => {
    const a = await openDatabase({ kind: 'postgres', url: pgUrl!, poolSize: 1 });
    await a.query(`drop database if exists ${name} with (force)`);
    await a.close();
  });
  return u.toString();
}
