/**
 * Public feedback reads at scale: the clustered map for a viewport, province statistics for a year (from the
 * rollup), search, and the public list. Through the whole app (app.inject: routing, validation, response
 * schemas), on PGlite (file-backed under a temp dir) and, when DATABASE_URL is set, on PostgreSQL (a scratch
 * database created on that server and dropped afterwards).
 * Usage: npx tsx bench/feedback.ts [N=1000000] [runs=50]
 *   BENCH_PGLITE_DIR=dir reuses (or keeps) a generated PGlite database instead of a temp one;
 *   BENCH_ONLY=pglite|postgres runs one of the two; BENCH_REUSE=1 measures the DATABASE_URL database as it is
 *   (filled before with `DATABASE_URL=… npx tsx bench/generate-reports.ts N`); BENCH_CASES=word runs only the cases
 *   whose label contains it.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { buildApp } from '../server/app.js';
import { loadConfig } from '../server/config.js';
import { type Database, openDatabase } from '../server/db/client.js';
import { createLogSmsProvider } from '../server/platform/sms.js';
import { generateReports, prepareDatabase } from './generate-reports.js';

const N = Number(process.argv[2] ?? 1_000_000);
const RUNS = Number(process.argv[3] ?? 50);

/** Deterministic viewports: centres inside the province, width of a 1024 px wide screen at each zoom. */
function viewports(zoom: number, count: number) {
  let seed = zoom * 7919;
  const next = () => {
    seed = (seed * 48271) % 2147483647;
    return seed / 2147483647;
  };
  const w = (1024 / 256) * (360 / 2 ** zoom);
  const h = w * 0.6;
  return Array.from({ length: count }, () => {
    const lng = 105.6 + next() * 0.45;
    const lat = 21.4 + next() * 0.9;
    return `${(lng - w / 2).toFixed(5)},${(lat - h / 2).toFixed(5)},${(lng + w / 2).toFixed(5)},${(lat + h / 2).toFixed(5)}`;
  });
}

async function timeUrls(app: Awaited<ReturnType<typeof buildApp>>, urls: string[], runs: number) {
  for (const url of urls.slice(0, 3)) await app.inject(url); // warm caches and plans
  const times: number[] = [];
  let bytes = 0;
  for (let i = 0; i < runs; i++) {
    const url = urls[i % urls.length];
    const t0 = performance.now();
    const res = await app.inject(url);
    times.push(performance.now() - t0);
    if (res.statusCode !== 200) throw new Error(`${url} → ${res.statusCode} ${res.body.slice(0, 200)}`);
    bytes += res.rawPayload.length;
  }
  times.sort((a, b) => a - b);
  const pct = (p: number) => times[Math.min(times.length - 1, Math.floor(p * times.length))];
  return { p50: pct(0.5), p99: pct(0.99), mean: times.reduce((s, v) => s + v, 0) / times.length, bytes: bytes / runs };
}

async function run(kind: string, database: Database, generate: boolean) {
  await prepareDatabase(database);
  if (generate) {
    console.log(`[${kind}] generating ${N.toLocaleString('en')} reports…`);
    const s = await generateReports(database, N, (m) => console.log(`[${kind}]${m}`));
    console.log(`[${kind}] generated in ${s.toFixed(0)} s`);
  }
  const [size] = await database.query<{ reports: number; daily: number; monthly: number; year: number }>(
    `select (select count(*)::int from reports) as reports, (select count(*)::int from report_stats_daily) as daily,
       (select count(*)::int from report_stats_monthly) as monthly,
       (select count(*)::int from report_stats_monthly where unit_path = '19' and month >= '2026-01-01') as year`,
  );
  console.log(
    `[${kind}] data: ${size.reports.toLocaleString('en')} reports; rollup rows: ${size.daily.toLocaleString('en')} daily, ${size.monthly.toLocaleString('en')} monthly (${size.year} for the province in 2026)`,
  );
  const config = loadConfig({
    NODE_ENV: 'development',
    XASO_DEMO: '0',
    LOG_LEVEL: 'silent',
    DATA_DIR: tmpdir(),
    RATE_LIMIT_PER_MINUTE: '10000000',
  });
  const app = await buildApp({ config, database, logger: false, sms: createLogSmsProvider(pino({ level: 'silent' })) });
  await app.ready();
  const cases: [string, string[]][] = [
    ['map: whole province, zoom 9 (communes)', ['/api/public/reports/map?bbox=105.3,21.3,106.3,22.7&zoom=9']],
    [
      'map: random viewports, zoom 12 (communes)',
      viewports(12, 40).map((b) => `/api/public/reports/map?bbox=${b}&zoom=12`),
    ],
    [
      'map: random viewports, zoom 13 (grid)',
      viewports(13, 40).map((b) => `/api/public/reports/map?bbox=${b}&zoom=13`),
    ],
    [
      'map: random viewports, zoom 14 (grid)',
      viewports(14, 40).map((b) => `/api/public/reports/map?bbox=${b}&zoom=14`),
    ],
    [
      'map: zoom 13, category + status',
      viewports(13, 40).map((b) => `/api/public/reports/map?bbox=${b}&zoom=13&status=resolved&category=giao-thong`),
    ],
    [
      'map: random viewports, zoom 15 (grid)',
      viewports(15, 40).map((b) => `/api/public/reports/map?bbox=${b}&zoom=15`),
    ],
    [
      'map: zoom 12, resolved + category',
      viewports(12, 40).map((b) => `/api/public/reports/map?bbox=${b}&zoom=12&status=resolved&category=giao-thong`),
    ],
    ['stats: province, year 2026', ['/api/feedback/stats?unit=19&from=2026-01-01&to=2026-12-31']],
    ['stats: province, all time', ['/api/feedback/stats?unit=19']],
    ['stats: one commune, year 2026', ['/api/feedback/stats?unit=05569&from=2026-01-01&to=2026-12-31']],
    [
      'search: q (no diacritics), first page',
      ['duong lien thon', 'rac thai', 'den chieu sang', 'ngap ung', 'karaoke', 'sat lo'].map(
        (q) => `/api/public/reports?q=${encodeURIComponent(q)}`,
      ),
    ],
    [
      'search: q + commune',
      ['o ga', 'cong thoat nuoc'].map((q) => `/api/public/reports?q=${encodeURIComponent(q)}&commune=05569`),
    ],
    ['list: first page (30)', ['/api/public/reports']],
    [
      'list: commune + status',
      ['/api/public/reports?commune=05569&status=resolved', '/api/public/reports?commune=05611'],
    ],
  ];
  console.log(`[${kind}] ${'case'.padEnd(38)}      p50       p99      mean   body`);
  const only = process.env.BENCH_CASES; // e.g. "map" or "search": the cases whose label contains it
  for (const [label, urls] of cases.filter(([label]) => !only || label.includes(only))) {
    const r = await timeUrls(app, urls, RUNS);
    console.log(
      `[${kind}] ${label.padEnd(38)} ${r.p50.toFixed(1).padStart(7)} ms ${r.p99.toFixed(1).padStart(7)} ms ${r.mean
        .toFixed(1)
        .padStart(7)} ms ${(r.bytes / 1024).toFixed(1).padStart(6)} KB`,
    );
  }
  await app.close();
}

console.log(
  `feedback reads: N=${N.toLocaleString('en')}, ${RUNS} runs per case, node ${process.version}, ${cpus().length} CPUs (${cpus()[0]?.model}), ${(totalmem() / 2 ** 30).toFixed(0)} GB`,
);

const only = process.env.BENCH_ONLY;
if (only !== 'postgres') {
  const keep = process.env.BENCH_PGLITE_DIR;
  const dir = keep ?? mkdtempSync(join(tmpdir(), 'xaso-bench-feedback-'));
  const reuse = !!keep && existsSync(join(dir, 'db', 'PG_VERSION'));
  const pglite = await openDatabase({ kind: 'pglite', dataDir: dir });
  try {
    await run('pglite', pglite, !reuse);
  } finally {
    await pglite.close();
    if (!keep) rmSync(dir, { recursive: true, force: true });
  }
}

const url = process.env.DATABASE_URL;
if (url && only !== 'pglite' && process.env.BENCH_REUSE) {
  // A database already filled by bench/generate-reports.ts: measure it as it is.
  const pg = await openDatabase({ kind: 'postgres', url, poolSize: 10 });
  try {
    await run('postgres', pg, false);
  } finally {
    await pg.close();
  }
} else if (url && only !== 'pglite') {
  const name = `xaso_bench_feedback_${process.pid}`;
  const admin = await openDatabase({ kind: 'postgres', url, poolSize: 1 });
  await admin.query(`create database ${name}`);
  await admin.close();
  const target = new URL(url);
  target.pathname = `/${name}`;
  const pg = await openDatabase({ kind: 'postgres', url: target.toString(), poolSize: 10 });
  try {
    await run('postgres', pg, true);
  } finally {
    await pg.close();
    const again = await openDatabase({ kind: 'postgres', url, poolSize: 1 });
    await again.query(`drop database if exists ${name} with (force)`);
    await again.close();
  }
}
