/**
 * The public transparency page of a commune (`GET /api/public/communes/:code/transparency`) on PostgreSQL with
 * generated data: N reports over Thái Nguyên's communes (bench/generate-reports.ts, rollups rebuilt from the rows)
 * and M activities (bench/generate-activities.ts: M / 100 teams of five over every commune of the country). Times
 * the whole answer (every rollup read, the teams' coverage of the commune and of the province) through app.inject,
 * for the province's communes in turn: the page uncached, as a crawler or a shared cache's miss would ask it.
 *
 * Usage: DATABASE_URL=postgres://… npx tsx bench/transparency.ts [reports=1000000] [activities=1000000] [runs=200]
 *   (a scratch database is made on that server and dropped afterwards)
 */
import { performance } from 'node:perf_hooks';
import { buildApp } from '../server/app.js';
import { loadConfig } from '../server/config.js';
import { generateActivities } from './generate-activities.js';
import { generateReports, prepareDatabase } from './generate-reports.js';
import { scratchPostgres } from './scratch-postgres.js';

const reports = Number(process.argv[2] ?? 1_000_000);
const activities = Number(process.argv[3] ?? 1_000_000);
const runs = Number(process.argv[4] ?? 200);
const url = process.env.DATABASE_URL;
if (!url) throw new Error('DATABASE_URL: a PostgreSQL server to make a scratch database on');

const database = await scratchPostgres(url, 'xaso_bench_transparency');
try {
  await prepareDatabase(database);
  console.log(
    `${reports.toLocaleString('en')} reports: ${(await generateReports(database, reports, () => {})).toFixed(1)} s`,
  );
  const g = await generateActivities(database, activities, { log: () => {} });
  console.log(
    `${g.activities.toLocaleString('en')} activities, ${g.teams.toLocaleString('en')} teams: ${g.seconds.toFixed(1)} s`,
  );
  await database.query('analyze');
  const [{ teams19 }] = await database.query<{ teams19: number }>(
    `select count(*)::int as teams19 from teams t join units u on u.code = t.commune_code where u.province_code = '19'`,
  );
  const config = loadConfig({
    NODE_ENV: 'production',
    XASO_SECRET: 'bench-secret-bench-secret-bench-secret-0123',
    XASO_DEMO: '0',
    LOG_LEVEL: 'silent',
    RATE_LIMIT_PER_MINUTE: '100000000',
  });
  const app = await buildApp({ config, database, logger: false });
  await app.ready();
  const communes = await database.query<{ code: string }>(
    `select code from units where parent_code = '19' and level = 'commune' and status = 'active' order by code`,
  );
  const time = async (query: string) => {
    const ms: number[] = [];
    for (let i = 0; i < runs; i++) {
      const code = communes[i % communes.length].code;
      const t0 = performance.now();
      const res = await app.inject(`/api/public/communes/${code}/transparency${query}`);
      ms.push(performance.now() - t0);
      if (res.statusCode !== 200) throw new Error(`${code}: ${res.statusCode} ${res.body}`);
    }
    ms.sort((a, b) => a - b);
    const at = (p: number) => ms[Math.min(runs - 1, Math.floor(runs * p))].toFixed(1);
    return `p50 ${at(0.5)} ms   p99 ${at(0.99)} ms   (${runs} requests over ${communes.length} communes)`;
  };
  console.log(`province 19: ${teams19.toLocaleString('en')} teams`);
  console.log(`last 12 months : ${await time('')}`);
  console.log(`year 2026      : ${await time('?year=2026')}`);
  console.log(`24 months      : ${await time('?from=2025-01&to=2026-12')}`);
  await app.close();
} finally {
  await database.close();
}
