/**
 * Course reading over real HTTP (autocannon against the app on 127.0.0.1), on the five seeded courses:
 *  - the public course list (`GET /api/courses`),
 *  - one lesson page (`GET /api/courses/:id/lessons/:lessonId`, the lessons of every course in turn).
 * On PGlite in memory, and also on PostgreSQL when DATABASE_URL is set (a scratch database, dropped afterwards).
 * Usage: npx tsx bench/courses-read.ts [seconds=10] [connections=16]
 */
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { cpus } from 'node:os';
import { buildApp } from '../server/app.js';
import { loadConfig } from '../server/config.js';
import { type Database, openDatabase } from '../server/db/client.js';
import { migrateDatabase } from '../server/db/migrate.js';
import { seedReferenceData } from '../server/seed/reference.js';
import type { CannonRequest, CannonResult } from './cannon-types.js';
import { scratchPostgres } from './scratch-postgres.js';

type Autocannon = (opts: {
  url: string;
  connections: number;
  duration?: number;
  requests?: CannonRequest[];
}) => Promise<CannonResult>;
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

const seconds = Number(process.argv[2] ?? 10);
const connections = Number(process.argv[3] ?? 16);
const fmt = (r: CannonResult) =>
  `${r.requests.average.toFixed(1).padStart(8)} req/s   p50 ${String(r.latency.p50).padStart(4)} ms   p99 ${String(
    r.latency.p99,
  ).padStart(4)} ms   (${r.requests.total} requests, non-2xx ${r.non2xx}, errors ${r.errors})`;

async function run(kind: string, database: Database) {
  await migrateDatabase(database);
  await seedReferenceData(database.db);
  const config = loadConfig({
    NODE_ENV: 'production',
    XASO_SECRET: 'bench-secret-bench-secret-bench-secret-0123',
    XASO_DEMO: '0',
    LOG_LEVEL: 'silent',
    RATE_LIMIT_PER_MINUTE: '100000000',
  });
  const app = await buildApp({ config, database, logger: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const list = (await (await fetch(`${base}/api/courses`)).json()) as { items: { id: string }[] };
  const lessons: string[] = [];
  for (const c of list.items) {
    const r = (await (await fetch(`${base}/api/courses/${c.id}`)).json()) as { lessons: { id: string }[] };
    for (const l of r.lessons) lessons.push(`/api/courses/${c.id}/lessons/${l.id}`);
  }
  console.log(
    `${kind}: ${list.items.length} courses, ${lessons.length} lessons; ${connections} connections, ${seconds} s`,
  );
  const listResult = await autocannon({ url: `${base}/api/courses`, connections, duration: seconds });
  console.log(`  course list   ${fmt(listResult)}`);
  let i = 0;
  const lessonResult = await autocannon({
    url: base,
    connections,
    duration: seconds,
    requests: [{ method: 'GET', setupRequest: (req) => ({ ...req, path: lessons[i++ % lessons.length] }) }],
  });
  console.log(`  lesson page   ${fmt(lessonResult)}`);
  await app.close();
}

console.log(`${cpus().length} CPUs (${cpus()[0]?.model ?? '?'}), Node ${process.version}`);
{
  const database = await openDatabase({ kind: 'pglite' });
  await run('PGlite', database);
  await database.close();
}
if (process.env.DATABASE_URL) {
  const database = await scratchPostgres(process.env.DATABASE_URL, 'bench_courses');
  await run('PostgreSQL', database);
  await database.close();
}
