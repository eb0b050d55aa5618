/**
 * The write path against the yardstick (../shared/perf/limit-server.mjs: a bare Fastify route + one INSERT), on the
 * same PostgreSQL, with the same client (autocannon) and the same number of connections, in one run:
 *   app, yardstick, app, yardstick — the figure is the ratio of the mean throughputs (a ratio survives a shared,
 *   noisy machine; an absolute number does not);
 *   then the app at 500 submissions/s offered (p99), then state changes on different reports at once (accept, then
 *   answer), all with the jobs worker and the aggregates fold running as `serve` runs them.
 * The app runs in its own process (as the yardstick does), built as `serve` builds it; autocannon runs in this one.
 * During every app phase a separate connection samples pg_stat_activity and pg_locks every 50 ms: sessions waiting on
 * a lock (and on which lock, behind which statement) and sessions idle in a transaction. The same app phases then run
 * on PGlite (its ratio against the same yardstick figures). At the end the statistics are checked against a count of
 * the reports, before and after a fold.
 *
 * Usage: DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npx tsx bench/write-path.ts [seconds=8] [connections=20]
 *   LIMIT_DIR=dir   a folder holding limit-server.mjs with fastify@5.12.8 and pg@8.23.1 installed beside it
 *                   (default /tmp/xaso-limit; see ../shared/perf/README.md), never inside the project.
 *   BENCH_ONLY=pglite|postgres runs one of the two (PGlite alone has no yardstick ratio).
 *   BENCH_CPU_PROF=dir writes a CPU profile of the app process there.
 *   BENCH_NO_JOBS=1 / BENCH_NO_FOLD=1 stop the jobs worker / the aggregates fold in the app (to see their share).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { type AddressInfo, createServer } from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import pino from 'pino';
import { buildApp } from '../server/app.js';
import { loadConfig } from '../server/config.js';
import { type Database, openDatabase } from '../server/db/client.js';
import * as accounts from '../server/modules/accounts/repo.js';
import { createSessionService } from '../server/modules/accounts/sessions.js';
import { reportCounts } from '../server/modules/feedback/report-counts.js';
import { foldBatch } from '../server/platform/aggregates/index.js';
import { seededRandom as rng } from '../server/platform/seeded-random.js';
import { createLogSmsProvider } from '../server/platform/sms.js';
import type { CannonRequest, CannonResult } from './cannon-types.js';
import { communePoints, prepareDatabase, TEXTS } from './generate-reports.js';
import { scratchPostgres } from './scratch-postgres.js';

type Autocannon = (opts: {
  url: string;
  connections: number;
  duration?: number;
  amount?: number;
  overallRate?: number;
  timeout?: number;
  requests?: CannonRequest[];
}) => Promise<CannonResult>;
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

const SECONDS = Number(process.argv[2] ?? 8);
const CONNECTIONS = Number(process.argv[3] ?? 20);
const RATE = 500;
const CITIZENS = 100;
const LIMIT_DIR = process.env.LIMIT_DIR ?? '/tmp/xaso-limit';
const load = () =>
  loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');

interface Row {
  label: string;
  r: CannonResult;
  load: string;
  locks?: LockReport;
}
const rows: Row[] = [];
/** Refused state changes by status and body (a report's state changes must all succeed). */
const refused = new Map<string, number>();

function print(row: Row) {
  const { r } = row;
  const lockText = row.locks
    ? ` | lock-waiting sessions max ${row.locks.maxWaiting}, mean ${row.locks.meanWaiting.toFixed(2)}; idle in tx mean ${row.locks.meanIdleInTx.toFixed(2)}`
    : '';
  console.log(
    `${row.label.padEnd(46)} ${r.requests.average.toFixed(1).padStart(9)}/s  p50 ${`${r.latency.p50}`.padStart(4)} ms  p99 ${`${r.latency.p99}`.padStart(4)} ms  non-2xx ${r.non2xx} err ${r.errors}  load ${row.load}${lockText}`,
  );
  if (row.locks?.waits.size)
    for (const [what, n] of [...row.locks.waits].sort((a, b) => b[1] - a[1]).slice(0, 6))
      console.log(`    lock wait seen in ${n} samples: ${what}`);
}

async function phase(label: string, run: () => Promise<CannonResult>, sampler?: Sampler) {
  const before = load();
  sampler?.start();
  const r = await run();
  const locks = sampler?.stop();
  const row = { label, r, load: before, locks };
  rows.push(row);
  print(row);
  for (const [what, k] of refused) console.log(`    refused ${k}×: ${what}`);
  refused.clear();
  return r;
}

interface LockReport {
  samples: number;
  maxWaiting: number;
  meanWaiting: number;
  meanIdleInTx: number;
  /** "locktype on relation: waiter statement ← blocker statement" → samples it was seen in. */
  waits: Map<string, number>;
}
type Sampler = { start(): void; stop(): LockReport };

/** Samples the app's database sessions (pg_stat_activity) and ungranted locks (pg_locks) every 50 ms. */
function lockSampler(pool: pg.Pool): Sampler {
  let timer: NodeJS.Timeout | null = null;
  let busy = false;
  let report: LockReport;
  const short = (q: string | null) => (q ?? '').replace(/\s+/g, ' ').slice(0, 70);
  const sample = async () => {
    if (busy) return;
    busy = true;
    try {
      const {
        rows: [s],
      } = await pool.query<{
        waiting: number;
        idle_in_tx: number;
        waits: { locktype: string; relation: string | null; waiter: string; blockers: string[] }[] | null;
      }>(`select
          (count(*) filter (where a.wait_event_type = 'Lock'))::int as waiting,
          (count(*) filter (where a.state like 'idle in transaction%'))::int as idle_in_tx,
          (select json_agg(json_build_object('locktype', l.locktype, 'relation', l.relation::regclass::text,
             'waiter', w.query,
             'blockers', (select coalesce(json_agg(b.query), '[]') from pg_stat_activity b
                          where b.pid = any(pg_blocking_pids(w.pid)))))
           from pg_locks l join pg_stat_activity w on w.pid = l.pid
           where not l.granted and w.datname = current_database()) as waits
        from pg_stat_activity a where a.datname = current_database() and a.pid <> pg_backend_pid()`);
      report.samples += 1;
      report.maxWaiting = Math.max(report.maxWaiting, s.waiting);
      report.meanWaiting += s.waiting;
      report.meanIdleInTx += s.idle_in_tx;
      for (const w of s.waits ?? []) {
        const key = `${w.locktype}${w.relation ? ` on ${w.relation}` : ''}: ${short(w.waiter)} ← ${w.blockers.map(short).join(' | ')}`;
        report.waits.set(key, (report.waits.get(key) ?? 0) + 1);
      }
    } finally {
      busy = false;
    }
  };
  return {
    start() {
      report = { samples: 0, maxWaiting: 0, meanWaiting: 0, meanIdleInTx: 0, waits: new Map() };
      timer = setInterval(() => void sample(), 50);
    },
    stop() {
      if (timer) clearInterval(timer);
      timer = null;
      report.meanWaiting /= Math.max(1, report.samples);
      report.meanIdleInTx /= Math.max(1, report.samples);
      return report;
    },
  };
}

/** The app in its own process (as the yardstick is: the load generator never shares its event loop). */
async function serveChild(kind: string, target: string) {
  const database =
    kind === 'postgres'
      ? await openDatabase({ kind: 'postgres', url: target })
      : await openDatabase({ kind: 'pglite', dataDir: target });
  const filesDir = mkdtempSync(join(tmpdir(), 'xaso-bench-write-files-'));
  const config = loadConfig({
    NODE_ENV: 'production',
    XASO_DEMO: '0',
    LOG_LEVEL: 'silent',
    XASO_SECRET: randomUUID() + randomUUID(),
    DATA_DIR: filesDir,
    RATE_LIMIT_PER_MINUTE: '100000000',
  });
  const app = await buildApp({
    config,
    database,
    logger: false,
    runJobs: true,
    sms: createLogSmsProvider(pino({ level: 'silent' })),
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  // Diagnosis: the share of the background work (notifications, deadlines; the fold) in the figures.
  if (process.env.BENCH_NO_JOBS) await app.ctx.jobs.stop();
  if (process.env.BENCH_NO_FOLD) await app.ctx.aggregates.stop();
  console.log(`LISTENING http://127.0.0.1:${(app.server.address() as AddressInfo).port}`);
  process.on('SIGTERM', async () => {
    await app.close();
    await database.close();
    rmSync(filesDir, { recursive: true, force: true });
    process.exit(0);
  });
}

/** Signed-in citizens and an officer of every handling unit (a province administrator would need TOTP). */
async function preparePeople(database: Database) {
  await prepareDatabase(database);
  const sessions = createSessionService(database.db, 30);
  const citizens: { cookie: string; 'x-csrf-token': string }[] = [];
  const stamp = Date.now().toString(36);
  for (let i = 0; i < CITIZENS; i++) {
    const user = await accounts.insertUser(database.db, { fullName: `Người dân đo ${stamp} ${i}` });
    await accounts.insertAssignment(database.db, { userId: user.id, role: 'citizen' });
    const s = await sessions.start(user.id, 'bench');
    citizens.push({ cookie: `xs_session=${s.token}`, 'x-csrf-token': s.csrfToken });
  }
  const officer = await accounts.insertUser(database.db, { fullName: `Cán bộ đo ${stamp}` });
  for (const { id } of await database.query<{ id: string }>(`select id from handling_units where province_code = '19'`))
    await accounts.insertAssignment(database.db, { userId: officer.id, role: 'handling_officer', handlingUnitId: id });
  const s = await sessions.start(officer.id, 'bench');
  const staff = { cookie: `xs_session=${s.token}`, 'x-csrf-token': s.csrfToken };
  const categories = (
    await database.query<{ id: string }>(
      `select id from feedback_categories where province_code = '19' and active order by sort_order, code`,
    )
  ).map((c) => c.id);
  return { citizens, staff, categories };
}

/** Starts the app process on a database (a PostgreSQL URL or a PGlite folder) and resolves with its address. */
async function spawnApp(kind: string, target: string): Promise<{ url: string; stop(): Promise<void> }> {
  const prof = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [];
  const child = spawn(process.execPath, [...prof, '--import', 'tsx', import.meta.filename, '--serve', kind, target], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /LISTENING (\S+)/.exec(out);
      if (m) resolve(m[1]);
    });
    child.on('exit', (code) => reject(new Error(`the app process exited (${code})`)));
  });
  return {
    url,
    stop: () =>
      new Promise<void>((resolve) => {
        child.removeAllListeners('exit');
        child.on('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/**
 * Every app phase on one database; the yardstick runs between the two throughput runs (PostgreSQL). `open` gives
 * the bench's own connection to the database for setting up and checking (PGlite: only while the app is stopped).
 */
async function runApp(
  kind: 'postgres' | 'pglite',
  target: string,
  open: () => Promise<Database>,
  sampler?: Sampler,
  yardstick?: () => Promise<CannonResult>,
) {
  let database = await open();
  const { citizens, staff, categories } = await preparePeople(database);
  if (kind === 'pglite') await database.close();
  const a = await spawnApp(kind, target);

  const points = communePoints();
  const random = rng(26);
  let n = 0;
  /** Reports the app acknowledged (201), for the state changes. */
  const created: string[] = [];
  const submission: CannonRequest = {
    method: 'POST',
    path: '/api/reports',
    setupRequest: (req) => {
      const p = points[Math.floor(random() * points.length)];
      n++;
      const body = {
        id: randomUUID(),
        categoryId: categories[Math.floor(random() * categories.length)],
        description: `${TEXTS[Math.floor(random() * TEXTS.length)]}. Người dân mong được xử lý sớm (${n}).`,
        lat: p.lat + (random() - 0.5) * 0.0005,
        lng: p.lng + (random() - 0.5) * 0.0005,
        showName: random() < 0.3,
      };
      return {
        ...req,
        headers: { ...citizens[n % CITIZENS], 'content-type': 'application/json' },
        body: JSON.stringify(body),
      };
    },
    onResponse: (status, body) => {
      if (status === 201) created.push(JSON.parse(body).id);
    },
  };
  /** One action on each report of `ids` in turn (each request a different report); `done` gets those that took. */
  const onEach = (ids: string[], action: string, body: object, done: string[]): CannonRequest => {
    let i = 0;
    return {
      method: 'POST',
      setupRequest: (req) => ({
        ...req,
        path: `/api/reports/${ids[i++ % ids.length]}/${action}`,
        headers: { ...staff, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      }),
      onResponse: (status, resBody) => {
        if (status === 200) done.push(JSON.parse(resBody).id);
        else
          refused.set(
            `${status} ${resBody.slice(0, 120)}`,
            (refused.get(`${status} ${resBody.slice(0, 120)}`) ?? 0) + 1,
          );
      },
    };
  };

  await autocannon({ url: a.url, connections: 4, amount: 300, requests: [submission] }); // warm up
  const max = () => autocannon({ url: a.url, connections: CONNECTIONS, duration: SECONDS, requests: [submission] });
  const app1 = await phase(`[${kind}] app, ${CONNECTIONS} connections`, max, sampler);
  const limits: CannonResult[] = [];
  if (yardstick) limits.push(await phase(`[${kind}] yardstick, ${CONNECTIONS} connections`, yardstick));
  const app2 = await phase(`[${kind}] app, ${CONNECTIONS} connections`, max, sampler);
  if (yardstick) limits.push(await phase(`[${kind}] yardstick, ${CONNECTIONS} connections`, yardstick));
  await phase(
    `[${kind}] app, ${RATE}/s offered`,
    () =>
      autocannon({
        url: a.url,
        connections: CONNECTIONS,
        duration: SECONDS,
        overallRate: RATE,
        requests: [submission],
      }),
    sampler,
  );
  // State changes on different reports at once: reports submitted above, each accepted once, then answered once.
  const accepted: string[] = [];
  await phase(
    `[${kind}] accept, each a different report`,
    () =>
      autocannon({
        url: a.url,
        connections: CONNECTIONS,
        duration: SECONDS,
        requests: [onEach(created.reverse(), 'accept', {}, accepted)],
      }),
    sampler,
  );
  const answered: string[] = [];
  await phase(
    `[${kind}] answer, each a different report`,
    () =>
      autocannon({
        url: a.url,
        connections: CONNECTIONS,
        duration: SECONDS,
        requests: [onEach([...accepted], 'answer', { text: 'Đã kiểm tra và xử lý xong.' }, answered)],
      }),
    sampler,
  );
  await a.stop();

  // Exact at every moment: the statistics view against the reports themselves, before and after a full fold.
  if (kind === 'pglite') database = await open();
  const check = async () => {
    const [c] = await database.query<{ ok: boolean; unfolded: number }>(
      `select (select array_agg(array[status, n::text] order by status) from
                (select status, count(*) as n from reports group by status) x) is not distinct from
              (select array_agg(array[status, n::text] order by status) from
                (select status, sum(reports) as n from report_stats_daily group by status having sum(reports) <> 0) y)
                as ok,
              (select count(*)::int from report_count_deltas) as unfolded`,
    );
    return c;
  };
  const before = await check();
  while ((await foldBatch(database.db, reportCounts, 5000)) > 0);
  const after = await check();
  console.log(
    `[${kind}] acknowledged ${created.length} submissions, ${accepted.length} acceptances, ${answered.length} answers; ` +
      `statistics = count of reports: ${before.ok ? 'yes' : 'NO'} with ${before.unfolded} deltas unfolded, ` +
      `${after.ok ? 'yes' : 'NO'} after folding them`,
  );
  if (!before.ok || !after.ok) process.exitCode = 1;
  if (kind === 'pglite') await database.close();
  const appMean = (app1.requests.average + app2.requests.average) / 2;
  if (limits.length) {
    const limitMean = limits.reduce((s, r) => s + r.requests.average, 0) / limits.length;
    console.log(
      `[${kind}] throughput ratio app / yardstick: ${(appMean / limitMean).toFixed(2)} (${appMean.toFixed(0)} / ${limitMean.toFixed(0)} per s)`,
    );
  }
  return appMean;
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

/** The yardstick server on the scratch database; resolves once it answers. */
async function startYardstick(databaseUrl: string): Promise<{ url: string; child: ChildProcess }> {
  const script = join(LIMIT_DIR, 'limit-server.mjs');
  if (!existsSync(script) || !existsSync(join(LIMIT_DIR, 'node_modules', 'fastify')))
    throw new Error(
      `no yardstick in ${LIMIT_DIR}: copy ../shared/perf/limit-server.mjs there and run ` +
        '`npm i fastify@5.12.8 pg@8.23.1` in it (see ../shared/perf/README.md)',
    );
  const port = await freePort();
  const child = spawn(process.execPath, [script], {
    cwd: LIMIT_DIR,
    env: { ...process.env, DATABASE_URL: databaseUrl, PORT: String(port) },
    stdio: 'inherit',
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i++) {
    try {
      const res = await fetch(`${url}/reports`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ category: 'x', description: 'khởi động', lat: 21.9, lng: 105.6 }),
      });
      if (res.status === 201) return { url, child };
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGTERM');
  throw new Error('the yardstick did not start');
}

const yardstickRequest: CannonRequest = {
  method: 'POST',
  path: '/reports',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({
    category: 'giao-thong',
    description: 'Đường liên thôn bị sụt lún, nhiều ổ gà nguy hiểm cho xe máy. Người dân mong được xử lý sớm.',
    lat: 21.9,
    lng: 105.6,
  }),
};

if (process.argv[2] === '--serve') {
  await serveChild(process.argv[3], process.argv[4]);
} else {
  console.log(
    `Write path: ${SECONDS} s per phase, ${CONNECTIONS} connections; Node ${process.version}, ${cpus().length} × ` +
      `${cpus()[0]?.model ?? 'CPU'}; load ${load()} (the machine is shared: compare ratios, not absolute figures)`,
  );
  const only = process.env.BENCH_ONLY;
  let limitMean: number | null = null;
  if (process.env.DATABASE_URL && only !== 'pglite') {
    const prefix = 'xaso_bench_write';
    const database = await scratchPostgres(process.env.DATABASE_URL, prefix);
    const target = new URL(process.env.DATABASE_URL);
    target.pathname = `/${prefix}_${process.pid}`;
    const { url: limitUrl, child } = await startYardstick(target.toString());
    process.on('exit', () => child.kill('SIGTERM'));
    const watcher = new pg.Pool({ connectionString: target.toString(), max: 1 });
    try {
      await autocannon({ url: limitUrl, connections: 4, amount: 500, requests: [yardstickRequest] }); // warm up
      const yardstick = () =>
        autocannon({ url: limitUrl, connections: CONNECTIONS, duration: SECONDS, requests: [yardstickRequest] });
      await runApp('postgres', target.toString(), async () => database, lockSampler(watcher), yardstick);
      const limits = rows.filter((r) => r.label.includes('yardstick'));
      limitMean = limits.reduce((s, r) => s + r.r.requests.average, 0) / limits.length;
    } finally {
      child.kill('SIGTERM');
      await watcher.end();
      await database.close();
    }
  }
  if (only !== 'postgres') {
    const dir = mkdtempSync(join(tmpdir(), 'xaso-bench-write-'));
    try {
      const mean = await runApp('pglite', dir, () => openDatabase({ kind: 'pglite', dataDir: dir }));
      if (limitMean)
        console.log(
          `[pglite] throughput ratio app on PGlite / yardstick on PostgreSQL: ${(mean / limitMean).toFixed(2)} (${mean.toFixed(0)} / ${limitMean.toFixed(0)} per s)`,
        );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  console.log(`load after: ${load()}`);
}
