/**
 * Training sessions under a crowd, at the service (no HTTP): a session with 8 sites of 30 seats and a main site with
 * no limit. (1) 240 people register at once, 30 per capacity site, then 80 more try the full sites (all refused);
 * (2) 240 people register at the unlimited site at once (no lock taken); (3) everyone checks in with their site's QR
 * code, each scanning twice at the same moment. Prints the time and p50/p99 per call of each phase and checks the
 * counts (each site exactly at capacity, each person attended once).
 *
 * Usage: npx tsx bench/training-check-in.ts
 *   DATABASE_URL=…  PostgreSQL too, in a scratch database dropped afterwards. BENCH_ONLY=pglite|postgres.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import pino from 'pino';
import { buildApp } from '../server/app.js';
import { loadConfig } from '../server/config.js';
import { type Database, openDatabase } from '../server/db/client.js';
import * as accountsRepo from '../server/modules/accounts/repo.js';
import { codeFor } from '../server/modules/training/check-in-code.js';
import * as repo from '../server/modules/training/repo.js';
import type { Actor } from '../server/platform/actor.js';
import { createLogSmsProvider } from '../server/platform/sms.js';
import { prepareDatabase } from './generate-reports.js';
import { scratchPostgres } from './scratch-postgres.js';

const SITES = 8;
const SEATS = 30;
const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];

async function timed<T>(label: string, calls: (() => Promise<T>)[]) {
  const ms: number[] = [];
  const start = performance.now();
  const results = await Promise.all(
    calls.map(async (c) => {
      const t0 = performance.now();
      try {
        return await c();
      } catch (e) {
        return e as Error;
      } finally {
        ms.push(performance.now() - t0);
      }
    }),
  );
  const total = performance.now() - start;
  ms.sort((a, b) => a - b);
  console.log(
    `  ${label}: ${calls.length} calls in ${total.toFixed(0)} ms (${((calls.length / total) * 1000).toFixed(0)}/s), ` +
      `p50 ${pct(ms, 0.5).toFixed(1)} ms, p99 ${pct(ms, 0.99).toFixed(1)} ms`,
  );
  return results;
}

async function run(kind: string, database: Database) {
  await prepareDatabase(database);
  const config = loadConfig({ NODE_ENV: 'test', XASO_DEMO: '0', LOG_LEVEL: 'silent' });
  const app = await buildApp({ config, database, logger: false, sms: createLogSmsProvider(pino({ level: 'silent' })) });
  await app.ready();
  const training = app.services.training;
  const people: Actor[] = [];
  for (let i = 0; i < SITES * SEATS * 2 + 80; i++) {
    const u = await accountsRepo.insertUser(database.db, {
      phone: `09${String(10_000_000 + i).slice(-8)}`,
      username: `bench.training.${i}`,
      fullName: `Học viên ${i}`,
      passwordHash: null,
    } as never);
    people.push({ kind: 'user', id: u.id, assignments: [] });
  }
  const admin: Actor = {
    kind: 'user',
    id: people[0].id,
    assignments: [{ role: 'province_admin', unitCode: '19', unitPath: '19', handlingUnitId: null }],
  };
  const s = await training.create(admin, {
    unitCode: '19',
    organizerName: 'Sở KH&CN',
    topic: 'Bench',
    description: '',
    startsAt: new Date(Date.now() - 3600_000).toISOString(),
    endsAt: new Date(Date.now() + 3600_000).toISOString(),
    status: 'published',
    certificateOnAttendance: false,
    mainSite: { name: 'Hội trường', place: '', communeCode: null, capacity: null },
    remoteSites: Array.from({ length: SITES }, (_, i) => ({
      name: `Điểm cầu ${i + 1}`,
      place: '',
      communeCode: null,
      capacity: SEATS,
    })),
    materials: [],
  });
  const main = s.sites.find((x) => x.main)!.id;
  const remote = s.sites.filter((x) => !x.main).map((x) => x.id);
  console.log(`${kind} (${cpus().length} cores):`);
  const reg = (p: Actor, siteId: string) => () =>
    training.register(p, s.id, { siteId, learnerCategory: 'official', unitCode: null });
  const capped = people.slice(0, SITES * SEATS);
  await timed(
    `register at ${SITES} sites of ${SEATS} seats`,
    capped.map((p, i) => reg(p, remote[i % SITES])),
  );
  const over = await timed(
    'register at the full sites',
    people.slice(SITES * SEATS * 2, SITES * SEATS * 2 + 80).map((p, i) => reg(p, remote[i % SITES])),
  );
  const free = people.slice(SITES * SEATS, SITES * SEATS * 2);
  await timed(
    'register at the unlimited site',
    free.map((p) => reg(p, main)),
  );
  const now = new Date();
  const code = (siteId: string) => codeFor(config.secret, siteId, now).code;
  const scans = [...capped.map((p, i) => [p, remote[i % SITES]] as const), ...free.map((p) => [p, main] as const)];
  const results = await timed(
    'check in, every person scanning twice at once',
    scans.flatMap(([p, site]) => [0, 1].map(() => () => training.checkIn(p, { code: code(site) }))),
  );
  const sites = await repo.sitesOf(database.db, s.id);
  const first = results.filter((r) => !(r instanceof Error) && r.firstTime).length;
  const errors = results.filter((r) => r instanceof Error).length;
  console.log(
    `  sites: ${sites.map((x) => `${x.registered}/${x.capacity ?? '∞'}`).join(' ')}; refused when full: ` +
      `${over.filter((r) => r instanceof Error).length}/80; first check-ins ${first} of ${scans.length}, errors ${errors}`,
  );
  await app.close();
}

const only = process.env.BENCH_ONLY;
if (only !== 'postgres') {
  const dir = mkdtempSync(join(tmpdir(), 'xaso-bench-training-'));
  const pglite = await openDatabase({ kind: 'pglite', dataDir: dir });
  try {
    await run('pglite', pglite);
  } finally {
    await pglite.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
if (process.env.DATABASE_URL && only !== 'pglite') {
  const pg = await scratchPostgres(process.env.DATABASE_URL, 'xaso_bench_training');
  try {
    await run('postgres', pg);
  } finally {
    await pg.close();
  }
}
