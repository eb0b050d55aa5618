/**
 * Activity-log sync over real HTTP: N team members (each in their own team, signed in with a session cookie and CSRF
 * header) sync batches of 50 activities at once (`POST /api/activities/sync`) against the app listening on
 * 127.0.0.1 (built as `serve` builds it; request rate limit lifted). Prints activities/s and p50/p99 per batch; on
 * PostgreSQL it samples pg_locks and pg_stat_activity every 50 ms on a separate connection during the run (lock
 * waits between members: the aim is none). Afterwards every batch is synced again (a retry): all "exists", and the
 * rows are counted (exactly once). A batch shed by the server's load guard (503) is sent again after a pause, as the
 * web app does; the latency of a batch includes its retries.
 *
 * Usage: npx tsx bench/activities-sync.ts [members=50] [batchesPerMember=20] [batchSize=50]
 *   DATABASE_URL=…  PostgreSQL too, in a scratch database dropped afterwards.
 *   BENCH_ONLY=pglite|postgres runs one of the two.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import pino from 'pino';
import type { ActivityInput } from '../common/activities.js';
import { buildApp } from '../server/app.js';
import { loadConfig } from '../server/config.js';
import { type Database, openDatabase } from '../server/db/client.js';
import { createSessionService } from '../server/modules/accounts/sessions.js';
import { createLogSmsProvider } from '../server/platform/sms.js';
import { generateActivities } from './generate-activities.js';
import { prepareDatabase } from './generate-reports.js';
import { scratchPostgres } from './scratch-postgres.js';

const MEMBERS = Number(process.argv[2] ?? 50);
const BATCHES = Number(process.argv[3] ?? 20);
const BATCH = Number(process.argv[4] ?? 50);

function activityFor(hamletCode: string, services: string[], n: number): ActivityInput {
  return {
    id: randomUUID(),
    occurredAt: new Date(Date.now() - (n % 500) * 3_600_000).toISOString(),
    durationMinutes: 30 + (n % 5) * 15,
    hamletCode,
    households: 1 + (n % 4),
    people: 1 + (n % 6),
    items: [
      { serviceId: services[n % services.length] ?? null, action: 'installed_app', outcome: 'done', people: 1 },
      ...(n % 2
        ? [{ serviceId: null, action: 'scam_awareness' as const, outcome: 'follow_up' as const, people: 2 }]
        : []),
    ],
    residents:
      n % 10 === 0 ? [{ birthYear: 1950 + (n % 40), consent: { given: true as const, purpose: 'Hỗ trợ tiếp' } }] : [],
    note: n % 3 === 0 ? 'Hướng dẫn tại nhà văn hoá thôn' : null,
  };
}

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];

async function run(kind: 'pglite' | 'postgres', database: Database, monitorUrl?: string) {
  await prepareDatabase(database);
  const g = await generateActivities(database, MEMBERS * 100, { membersPerTeam: 1, log: () => {} });
  const members = await database.query<{ user_id: string; hamlet_code: string }>(
    `select m.user_id, t.hamlet_code from team_members m join teams t on t.id = m.team_id
     where t.hamlet_code like '%-g${g.tag}x%' order by m.id`,
  );
  const sessions = createSessionService(database.db, 30);
  const who: { headers: Record<string, string>; hamlet: string }[] = [];
  for (const m of members) {
    const s = await sessions.start(m.user_id, 'bench');
    who.push({
      headers: { cookie: `xs_session=${s.token}`, 'x-csrf-token': s.csrfToken, 'content-type': 'application/json' },
      hamlet: m.hamlet_code,
    });
  }
  const services = (await database.query<{ id: string }>('select id from catalog_services order by sort_order')).map(
    (r) => r.id,
  );
  const filesDir = mkdtempSync(join(tmpdir(), 'xaso-bench-sync-files-'));
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
  const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}/api/activities/sync`;

  // Every batch made up front (the client's work is not measured).
  let n = 0;
  const batches = who.map((w) =>
    Array.from({ length: BATCHES }, () => Array.from({ length: BATCH }, () => activityFor(w.hamlet, services, n++))),
  );
  // A device whose sync is shed (503 overloaded) waits and sends the same batch again, as the web app does.
  let shed = 0;
  const post = async (w: (typeof who)[number], batch: ActivityInput[]): Promise<{ status: string }[]> => {
    for (;;) {
      const res = await fetch(url, { method: 'POST', headers: w.headers, body: JSON.stringify({ activities: batch }) });
      const body = (await res.json()) as { results?: { status: string }[] };
      if (res.status === 503) {
        shed++;
        await new Promise((r) => setTimeout(r, 250 + Math.random() * 250));
        continue;
      }
      if (res.status !== 200) throw new Error(`HTTP ${res.status}: ${JSON.stringify(body).slice(0, 300)}`);
      return body.results!;
    }
  };
  // Warm up: plans, JIT, the pool (one batch per member, counted separately).
  await Promise.all(who.map((w) => post(w, [activityFor(w.hamlet, services, n++)])));

  // pg_locks / pg_stat_activity sampled on a connection of its own (PostgreSQL only).
  const samples = {
    n: 0,
    lockWaits: 0,
    maxLockWaits: 0,
    active: 0,
    maxActive: 0,
    waitEvents: new Map<string, number>(),
  };
  let sampling = false;
  let monitor: Database | null = null;
  let sampler: Promise<void> | null = null;
  if (monitorUrl) {
    monitor = await openDatabase({ kind: 'postgres', url: monitorUrl, poolSize: 1 });
    sampling = true;
    sampler = (async () => {
      while (sampling) {
        const [s] = await monitor!.query<{ waits: number; active: number; events: string | null }>(
          `select (select count(*)::int from pg_locks where not granted) as waits,
             (select count(*)::int from pg_stat_activity where datname = current_database() and state = 'active'
                and pid <> pg_backend_pid()) as active,
             (select string_agg(wait_event_type || ':' || wait_event, ',') from pg_stat_activity
                where datname = current_database() and state = 'active' and wait_event is not null
                and pid <> pg_backend_pid()) as events`,
        );
        samples.n++;
        samples.lockWaits += s.waits;
        samples.maxLockWaits = Math.max(samples.maxLockWaits, s.waits);
        samples.active += s.active;
        samples.maxActive = Math.max(samples.maxActive, s.active);
        for (const e of s.events?.split(',') ?? []) samples.waitEvents.set(e, (samples.waitEvents.get(e) ?? 0) + 1);
        await new Promise((r) => setTimeout(r, 50));
      }
    })();
  }

  const latencies: number[] = [];
  const statuses = new Map<string, number>();
  const load = loadavg()[0].toFixed(1);
  const t0 = performance.now();
  await Promise.all(
    who.map(async (w, i) => {
      for (const batch of batches[i]) {
        const s = performance.now();
        const results = await post(w, batch);
        latencies.push(performance.now() - s);
        for (const r of results) statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
      }
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  sampling = false;
  await sampler;
  await monitor?.close();

  // The same batches again, all members at once: a retry of everything.
  const retried = new Map<string, number>();
  const r0 = performance.now();
  await Promise.all(
    who.map(async (w, i) => {
      for (const batch of batches[i])
        for (const r of await post(w, batch)) retried.set(r.status, (retried.get(r.status) ?? 0) + 1);
    }),
  );
  const retrySeconds = (performance.now() - r0) / 1000;
  await app.close();
  rmSync(filesDir, { recursive: true, force: true });

  const ids = batches.flat(2).map((a) => a.id);
  const [rows] = await database.query<{ n: number }>(
    'select count(*)::int as n from activities where id = any($1::uuid[])',
    [ids],
  );
  latencies.sort((a, b) => a - b);
  const total = MEMBERS * BATCHES * BATCH;
  console.log(
    `\n[${kind}] ${MEMBERS} members × ${BATCHES} batches × ${BATCH} activities = ${total.toLocaleString('en')} ` +
      `(load before ${load}; ${g.activities.toLocaleString('en')} activities generated first)`,
  );
  console.log(
    `[${kind}] ${(total / seconds).toFixed(0)} activities/s over ${seconds.toFixed(1)} s; per batch p50 ` +
      `${pct(latencies, 0.5).toFixed(0)} ms, p99 ${pct(latencies, 0.99).toFixed(0)} ms, max ${latencies.at(-1)!.toFixed(0)} ms`,
  );
  console.log(
    `[${kind}] statuses: ${JSON.stringify(Object.fromEntries(statuses))}; batches shed (503, sent again): ${shed}`,
  );
  console.log(
    `[${kind}] retry of every batch: ${JSON.stringify(Object.fromEntries(retried))} in ${retrySeconds.toFixed(1)} s; ` +
      `rows for the ${ids.length.toLocaleString('en')} ids: ${rows.n.toLocaleString('en')} ${rows.n === ids.length ? '(exactly once)' : '(WRONG)'}`,
  );
  if (monitorUrl)
    console.log(
      `[${kind}] pg_locks sampled ${samples.n}×: lock waits (not granted) total ${samples.lockWaits}, max ${samples.maxLockWaits} ` +
        `at once; active backends mean ${(samples.active / Math.max(1, samples.n)).toFixed(1)}, max ${samples.maxActive}; ` +
        `wait events seen: ${JSON.stringify(Object.fromEntries(samples.waitEvents))}`,
    );
  if (rows.n !== ids.length || (statuses.get('created') ?? 0) !== total) process.exitCode = 1;
}

console.log(
  `Activity sync: Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ` +
    `${Math.round(totalmem() / 2 ** 30)} GiB; load ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
);
const only = process.env.BENCH_ONLY;
if (only !== 'postgres') {
  const dir = mkdtempSync(join(tmpdir(), 'xaso-bench-sync-'));
  const pglite = await openDatabase({ kind: 'pglite', dataDir: dir });
  try {
    await run('pglite', pglite);
  } finally {
    await pglite.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
if (process.env.DATABASE_URL && only !== 'pglite') {
  const pg = await scratchPostgres(process.env.DATABASE_URL, 'xaso_bench_sync');
  const target = new URL(process.env.DATABASE_URL);
  target.pathname = `/xaso_bench_sync_${process.pid}`;
  try {
    await run('postgres', pg, target.toString());
  } finally {
    await pg.close();
  }
}
