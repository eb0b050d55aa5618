/**
 * Indicators at scale (issue 12): the dashboard's questions answered by the indicators service, timed on PostgreSQL
 * over generated data — R reports (bench/generate-reports.ts), A activities with A/100 teams and 5 members each
 * (bench/generate-activities.ts), L learners with half as many certificates — in a scratch database dropped
 * afterwards. Prints p50/p99 of 30 runs of each question for the province (92 communes) and its busiest commune.
 *
 * Usage: DATABASE_URL=postgres://… npx tsx bench/indicators.ts [reports=1000000] [activities=10000000] [learners=100000]
 */
import { performance } from 'node:perf_hooks';
import pino from 'pino';
import { buildApp } from '../server/app.js';
import { loadConfig } from '../server/config.js';
import { vnDate } from '../server/platform/calendar.js';
import { createLogSmsProvider } from '../server/platform/sms.js';
import { generateActivities } from './generate-activities.js';
import { generateReports, prepareDatabase } from './generate-reports.js';
import { scratchPostgres } from './scratch-postgres.js';

const REPORTS = Number(process.argv[2] ?? 1_000_000);
const ACTIVITIES = Number(process.argv[3] ?? 10_000_000);
const LEARNERS = Number(process.argv[4] ?? 100_000);
const RUNS = 30;
const url = process.env.DATABASE_URL;
if (!url) throw new Error('DATABASE_URL=postgres://… is required (PostgreSQL only)');

const log = (s: string) => console.log(`[indicators] ${s}`);
const database = await scratchPostgres(url, 'xaso_bench_indicators');
try {
  await prepareDatabase(database);
  let t0 = performance.now();
  await generateReports(database, REPORTS, log);
  log(`${REPORTS.toLocaleString('en')} reports: ${((performance.now() - t0) / 1000).toFixed(0)} s`);
  t0 = performance.now();
  const gen = await generateActivities(database, ACTIVITIES, { log });
  log(
    `${gen.activities.toLocaleString('en')} activities, ${gen.teams.toLocaleString('en')} teams, ` +
      `${gen.members.toLocaleString('en')} members: ${((performance.now() - t0) / 1000).toFixed(0)} s`,
  );
  t0 = performance.now();
  // Learners (people at their first enrolment) over the province's communes and the last 24 months, with the count
  // triggers on (the fold below moves their deltas into the rollup), and certificates for half of them.
  await database.query(
    `with c as (select code, path, row_number() over (order by code) - 1 as i, count(*) over () as n
        from units where parent_code = '19' and level = 'commune'),
      u as (insert into users (username, full_name) select 'bench.hv.' || g, 'Học viên ' || g
        from generate_series(1, $1::int) g returning id, username),
      l as (insert into learners (user_id, category, unit_code, commune_code, unit_path, first_enrolled_at)
        select u.id, (array['official','youth_union','team_member','resident','student','other'])[1 + g % 6],
          c.code, c.code, c.path, now() - make_interval(days => g % 730)
        from u join lateral (select substr(u.username, 10)::int as g) x on true join c on c.i = x.g % c.n
        returning user_id, commune_code, unit_path, first_enrolled_at)
      insert into certificates (serial, kind, source_id, user_id, holder_name, title, unit_code, unit_name, unit_path,
        issued_on, issued_at)
      select 'BENCH-' || l.user_id, 'course', gen_random_uuid(), l.user_id, 'Học viên', 'Khóa học', l.commune_code,
        l.commune_code, l.unit_path, (l.first_enrolled_at + interval '7 days')::date,
        l.first_enrolled_at + interval '7 days'
      from l where hashtext(l.user_id::text) % 2 = 0`,
    [LEARNERS],
  );
  const config = loadConfig({ NODE_ENV: 'test', XASO_DEMO: '0', LOG_LEVEL: 'silent' });
  const app = await buildApp({ config, database, logger: false, sms: createLogSmsProvider(pino({ level: 'silent' })) });
  await app.ready();
  while ((await app.ctx.aggregates.foldAll()) > 0);
  await database.query('analyze');
  log(
    `${LEARNERS.toLocaleString('en')} learners and certificates, folded: ${((performance.now() - t0) / 1000).toFixed(0)} s`,
  );

  const [busiest] = await database.query<{ code: string }>(
    `select commune_code as code from activity_commune_months group by 1 order by sum(activities) desc limit 1`,
  );
  const s = app.services.indicators;
  const month = vnDate(new Date()).slice(0, 7);
  const [y, m] = month.split('-').map(Number);
  const lastMonth = m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
  const monthEnd = new Date(Date.UTC(Number(lastMonth.slice(0, 4)), Number(lastMonth.slice(5, 7)), 0))
    .toISOString()
    .slice(0, 10);
  const periods = {
    month: { from: `${lastMonth}-01`, to: monthEnd },
    year: { from: `${Number(lastMonth.slice(0, 4)) - 1}${monthEnd.slice(4, 7)}-01`, to: monthEnd },
    custom: { from: `${lastMonth}-05`, to: `${lastMonth}-20` },
  };
  const questions: [string, () => Promise<unknown>][] = [
    ['values, province, last month', () => s.values({ unitCode: '19', ...periods.month })],
    ['values, province, 12 months', () => s.values({ unitCode: '19', ...periods.year })],
    ['values, province, custom days', () => s.values({ unitCode: '19', ...periods.custom })],
    [`values, commune ${busiest.code}, 12 months`, () => s.values({ unitCode: busiest.code, ...periods.year })],
  ];
  for (const code of [
    'reports.received',
    'reports.on_time_rate',
    'teams.coverage',
    'activities.items_done',
    'learners.total',
    'certificates.issued',
    'ext.online_dossiers',
  ]) {
    questions.push([
      `byUnit ${code}, province (92 communes), 12 months`,
      () => s.byUnit(code, { unitCode: '19', ...periods.year }),
    ]);
    questions.push([`series ${code}, province, 12 months`, () => s.series(code, { unitCode: '19', ...periods.year })]);
  }
  questions.push([
    `byUnit teams.members, commune ${busiest.code} (hamlets), 12 months`,
    () => s.byUnit('teams.members', { unitCode: busiest.code, ...periods.year }),
  ]);
  for (const [name, ask] of questions) {
    await ask(); // warm
    const ms: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const t = performance.now();
      await ask();
      ms.push(performance.now() - t);
    }
    ms.sort((a, b) => a - b);
    const p99 = ms[Math.min(RUNS - 1, Math.floor(RUNS * 0.99))];
    log(`${name}: p50 ${ms[Math.floor(RUNS / 2)].toFixed(1)} ms, p99 ${p99.toFixed(1)} ms`);
  }
  await app.close();
} finally {
  await database.close();
}
