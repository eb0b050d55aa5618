/**
 * Learning progress over real HTTP: N learners (each signed in with a session cookie and CSRF header, enrolled in one
 * published course of L lessons) mark their lessons done at once (`PUT /api/courses/:id/lessons/:lessonId/done`, one
 * after another per learner, all learners concurrently; the last lesson completes the course, appending count
 * deltas) against the app listening on 127.0.0.1 (request rate limit lifted). Prints progress updates/s and p50/p99;
 * on PostgreSQL it samples pg_locks (not granted) and pg_stat_activity every 50 ms on a connection of its own: lock
 * waits between learners (the aim is none: each write locks only the learner's own enrolment row). Then checks the
 * rows (exactly N × L) and the completions the statistics count (exactly N, before and after a fold).
 *
 * Usage: npx tsx bench/learning-progress.ts [learners=100] [lessons=20]
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
import { buildApp } from '../server/app.js';
import { loadConfig } from '../server/config.js';
import { type Database, openDatabase } from '../server/db/client.js';
import { createSessionService } from '../server/modules/accounts/sessions.js';
import { publishTestCourse, testCourseContent } from '../server/modules/learning/test-support.js';
import { createLogSmsProvider } from '../server/platform/sms.js';
import { prepareDatabase } from './generate-reports.js';
import { scratchPostgres } from './scratch-postgres.js';

const LEARNERS = Number(process.argv[2] ?? 100);
const LESSONS = Number(process.argv[3] ?? 20);

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];

async function run(kind: 'pglite' | 'postgres', database: Database, monitorUrl?: string) {
  await prepareDatabase(database);
  const content = testCourseContent({ lessons: LESSONS, quiz: null, title: 'Bench: Sử dụng VNeID' });
  const courseId = await publishTestCourse(database.db, content);
  const tag = randomUUID().slice(0, 8);
  const users = await database.query<{ id: string }>(
    `insert into users (username, full_name) select 'bench.${tag}.' || g, 'Người học ' || g
     from generate_series(1, $1::int) g returning id`,
    [LEARNERS],
  );
  const sessions = createSessionService(database.db, 30);
  const who: Record<string, string>[] = [];
  for (const u of users) {
    const s = await sessions.start(u.id, 'bench');
    who.push({ cookie: `xs_session=${s.token}`, 'x-csrf-token': s.csrfToken, 'content-type': 'application/json' });
  }
  const filesDir = mkdtempSync(join(tmpdir(), 'xaso-bench-learning-files-'));
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
    runJobs: false,
    sms: createLogSmsProvider(pino({ level: 'silent' })),
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}/api/courses/${courseId}`;
  let shed = 0;
  const send = async (method: string, url: string, headers: Record<string, string>, body?: object) => {
    for (;;) {
      const res = await fetch(url, { method, headers, body: body ? JSON.stringify(body) : undefined });
      if (res.status === 503) {
        shed++;
        await new Promise((r) => setTimeout(r, 250 + Math.random() * 250));
        continue;
      }
      const json = (await res.json()) as { completed?: boolean };
      if (res.status >= 300) throw new Error(`HTTP ${res.status}: ${JSON.stringify(json).slice(0, 300)}`);
      return json;
    }
  };
  // Enrol everyone (not measured), in the communes of Thái Nguyên.
  const communes = (
    await database.query<{ code: string }>("select code from units where parent_code = '19' and level = 'commune'")
  ).map((r) => r.code);
  await Promise.all(
    who.map((h, i) =>
      send('POST', `${base}/enrolment`, h, {
        category: i % 3 ? 'official' : 'youth_union',
        unitCode: communes[i % communes.length],
      }),
    ),
  );

  const samples = { n: 0, lockWaits: 0, maxLockWaits: 0, active: 0, maxActive: 0, events: new Map<string, number>() };
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
        for (const e of s.events?.split(',') ?? []) samples.events.set(e, (samples.events.get(e) ?? 0) + 1);
        await new Promise((r) => setTimeout(r, 50));
      }
    })();
  }

  const latencies: number[] = [];
  let completed = 0;
  const load = loadavg()[0].toFixed(1);
  const t0 = performance.now();
  await Promise.all(
    who.map(async (h) => {
      for (const lesson of content.lessons) {
        const s = performance.now();
        const p = await send('PUT', `${base}/lessons/${lesson.id}/done`, h);
        latencies.push(performance.now() - s);
        if (lesson === content.lessons.at(-1) && p.completed) completed++;
      }
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  sampling = false;
  await sampler;
  await monitor?.close();

  const [rows] = await database.query<{ n: number }>(
    `select count(*)::int as n from lesson_progress p join course_enrolments e on e.id = p.enrolment_id
     where e.course_id = $1`,
    [courseId],
  );
  const counted = async () => {
    const s = await app.services.learning.learnerStats({ unitPath: '19' });
    return s.byCourse.find((c) => c.courseId === courseId)?.completions ?? 0;
  };
  const before = await counted();
  await app.ctx.aggregates.foldAll();
  const after = await counted();
  await app.close();
  rmSync(filesDir, { recursive: true, force: true });

  latencies.sort((a, b) => a - b);
  const total = LEARNERS * LESSONS;
  console.log(
    `\n[${kind}] ${LEARNERS} learners × ${LESSONS} lessons = ${total.toLocaleString('en')} updates (load before ${load})`,
  );
  console.log(
    `[${kind}] ${(total / seconds).toFixed(0)} progress updates/s over ${seconds.toFixed(1)} s; per update p50 ` +
      `${pct(latencies, 0.5).toFixed(1)} ms, p99 ${pct(latencies, 0.99).toFixed(1)} ms, max ${latencies.at(-1)!.toFixed(0)} ms; shed (503, sent again): ${shed}`,
  );
  console.log(
    `[${kind}] rows ${rows.n.toLocaleString('en')} ${rows.n === total ? '(exact)' : '(WRONG)'}; completed ${completed}; ` +
      `completions counted ${before} before the fold, ${after} after ${before === LEARNERS && after === LEARNERS ? '(exact)' : '(WRONG)'}`,
  );
  if (monitorUrl)
    console.log(
      `[${kind}] pg_locks sampled ${samples.n}×: lock waits (not granted) total ${samples.lockWaits}, max ${samples.maxLockWaits} ` +
        `at once; active backends mean ${(samples.active / Math.max(1, samples.n)).toFixed(1)}, max ${samples.maxActive}; ` +
        `wait events seen: ${JSON.stringify(Object.fromEntries(samples.events))}`,
    );
  if (rows.n !== total || before !== LEARNERS || after !== LEARNERS) process.exitCode = 1;
}

console.log(
  `Learning progress: Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ` +
    `${Math.round(totalmem() / 2 ** 30)} GiB; load ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
);
const only = process.env.BENCH_ONLY;
if (only !== 'postgres') {
  const dir = mkdtempSync(join(tmpdir(), 'xaso-bench-learning-'));
  const pglite = await openDatabase({ kind: 'pglite', dataDir: dir });
  try {
    await run('pglite', pglite);
  } finally {
    await pglite.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
if (process.env.DATABASE_URL && only !== 'pglite') {
  const pg = await scratchPostgres(process.env.DATABASE_URL, 'xaso_bench_learning');
  const target = new URL(process.env.DATABASE_URL);
  target.pathname = `/xaso_bench_learning_${process.pid}`;
  try {
    await run('postgres', pg, target.toString());
  } finally {
    await pg.close();
  }
}
