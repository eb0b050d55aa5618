/**
 * Start-up time and idle memory of `server/main.ts serve`:
 *  - on an empty data folder (initdb + migrations + reference and demo seed),
 *  - on the seeded folder (second start),
 *  - resident memory (VmRSS) after 5 s idle.
 * On PostgreSQL when DATABASE_URL is set (the database is reused as it is).
 * Usage: npx tsx bench/startup.ts [runs=3]
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const runs = Number(process.argv[2] ?? 3);
const port = 3917;

async function startOnce(dataDir: string) {
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts', 'serve'], {
    cwd: root,
    env: { ...process.env, DATA_DIR: dataDir, PORT: String(port), LOG_LEVEL: 'warn' },
    stdio: 'ignore',
  });
  for (;;) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}/api/ready`);
      if (res.ok) break;
    } catch {
      /* not listening yet */
    }
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    await new Promise((r) => setTimeout(r, 20));
  }
  const ms = performance.now() - started;
  return { child, ms };
}

function rssMiB(pid: number) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return kb / 1024;
}

async function stop(child: ReturnType<typeof spawn>) {
  const exited = new Promise((r) => child.on('exit', r));
  child.kill('SIGTERM');
  await exited;
}

const empty: number[] = [];
const seeded: number[] = [];
const rss: number[] = [];
for (let i = 0; i < runs; i++) {
  const dir = mkdtempSync(join(tmpdir(), 'xaso-bench-'));
  const a = await startOnce(dir);
  empty.push(a.ms);
  await stop(a.child);
  const b = await startOnce(dir);
  seeded.push(b.ms);
  await new Promise((r) => setTimeout(r, 5000));
  rss.push(rssMiB(b.child.pid!));
  await stop(b.child);
  rmSync(dir, { recursive: true, force: true });
}
const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)];
const db = process.env.DATABASE_URL ? 'PostgreSQL (DATABASE_URL)' : 'PGlite (embedded)';
console.log(`start-up on ${db}, ${runs} runs, median (all):`);
console.log(
  `  empty data folder → ready: ${median(empty).toFixed(0)} ms (${empty.map((x) => x.toFixed(0)).join(', ')})`,
);
console.log(
  `  seeded folder     → ready: ${median(seeded).toFixed(0)} ms (${seeded.map((x) => x.toFixed(0)).join(', ')})`,
);
console.log(`  idle RSS after 5 s: ${median(rss).toFixed(0)} MiB (${rss.map((x) => x.toFixed(0)).join(', ')})`);
