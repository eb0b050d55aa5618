/**
 * Every query a dashboard page makes, timed on a large database (issue 12's figures: 10,000,000 activities,
 * 1,000,000 reports, 100,000 learners; make them with generate-reports.ts, generate-activities.ts and
 * generate-learners.ts into one PostgreSQL database). For the province, a commune and a hamlet, over a month, a
 * quarter and a year: the indicator values (with the previous period), each indicator by child unit (the
 * choropleth and the table) and month by month (the chart). p50 / p99 / max of `runs` calls each, through the
 * indicators service as the routes call it (no HTTP: the figure is the database's and the service's).
 *
 * Usage: DATABASE_URL=postgres://…/bench_dash npx tsx bench/dashboard-queries.ts [runs=50]
 *   (without DATABASE_URL: a PGlite folder, argv[3], default ./data/bench-db)
 *   BENCH_LEVELS=hamlet (or province,commune) times those levels only; BENCH_CODES=learners. only the indicators
 *   whose code starts so (with BENCH_NOVALUES=1 also without the all-indicators values).
 */
import { performance } from 'node:perf_hooks';
import { buildApp } from '../server/app.js';
import { loadConfig } from '../server/config.js';
import { openDatabase } from '../server/db/client.js';

const runs = Number(process.argv[2] ?? 50);
const url = process.env.DATABASE_URL;
const database = url
  ? await openDatabase({ kind: 'postgres', url, poolSize: 4 })
  : await openDatabase({ kind: 'pglite', dataDir: process.argv[3] ?? './data/bench-db' });
const config = loadConfig({
  NODE_ENV: 'production',
  XASO_SECRET: 'bench-secret-bench-secret-bench-secret-0123',
  XASO_DEMO: '0',
  LOG_LEVEL: 'silent',
});
const app = await buildApp({ config, database, logger: false });
await app.ready();
const { indicators } = app.services;

const [sizes] = await database.query<{ reports: number; activities: number; learners: number }>(
  `select (select count(*)::int from reports) as reports, (select count(*)::int from activities) as activities,
     (select count(*)::int from learners) as learners`,
);
// The commune with the most hamlets (the generated data puts many there) and its first hamlet.
const [place] = await database.query<{ commune: string; hamlet: string }>(
  `select u.parent_code as commune, min(u.code) as hamlet from units u
   where u.level = 'hamlet' and u.path like '19/%'
   group by u.parent_code order by count(*) desc limit 1`,
);
console.log(
  `data: ${sizes.reports.toLocaleString('en')} reports, ${sizes.activities.toLocaleString('en')} activities, ` +
    `${sizes.learners.toLocaleString('en')} learners; ${runs} runs per query; commune ${place?.commune}, hamlet ${place?.hamlet}`,
);

const periods = {
  month: { from: '2026-11-01', to: '2026-11-30' },
  quarter: { from: '2026-07-01', to: '2026-09-30' },
  year: { from: '2026-01-01', to: '2026-12-31' },
};
const units = { province: '19', commune: place?.commune, hamlet: place?.hamlet };
// Nearest rank: of 100 sorted runs, p99 is the 99th (floor(p·n) took the 100th, the maximum, whatever n was).
const pct = (xs: number[], p: number) => xs[Math.max(0, Math.ceil(p * xs.length) - 1)]!;
let worst = { name: '', p99: 0 };

async function time(name: string, f: () => Promise<unknown>) {
  await f(); // warm
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await f();
    ms.push(performance.now() - t);
  }
  ms.sort((a, b) => a - b);
  const p99 = pct(ms, 0.99);
  if (p99 > worst.p99) worst = { name, p99 };
  console.log(
    `  ${name.padEnd(58)} p50 ${pct(ms, 0.5).toFixed(1).padStart(7)} ms  p99 ${p99.toFixed(1).padStart(7)} ms  max ${ms.at(-1)!.toFixed(1).padStart(7)} ms`,
  );
}

const codes = indicators
  .definitions()
  .map((d) => d.code)
  .filter((c) => c.startsWith(process.env.BENCH_CODES ?? ''));
const levels = (process.env.BENCH_LEVELS ?? 'province,commune,hamlet').split(',');
for (const [level, unitCode] of Object.entries(units)) {
  if (!unitCode || !levels.includes(level)) continue;
  for (const [periodName, period] of Object.entries(periods)) {
    const q = { unitCode, ...period };
    if (!process.env.BENCH_NOVALUES)
      await time(`${level} ${periodName}: values (all indicators)`, () => indicators.values(q));
    if (level === 'hamlet') continue;
    for (const code of codes) {
      await time(`${level} ${periodName}: ${code} by unit`, () => indicators.byUnit(code, q));
      if (periodName === 'year') await time(`${level} ${periodName}: ${code} series`, () => indicators.series(code, q));
    }
  }
}
console.log(`slowest p99: ${worst.name} ${worst.p99.toFixed(1)} ms (aim < 100 ms)`);
await app.close();
await database.close();
