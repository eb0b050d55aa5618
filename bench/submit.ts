/**
 * Report submissions through the whole app over real HTTP (autocannon against the app listening on 127.0.0.1, built
 * as `serve` builds it: jobs worker on; request rate limit lifted). Signed-in citizens (a session cookie and CSRF
 * header each), a new client id per report, descriptions and pins over Thái Nguyên's communes (points inside the
 * real boundaries, so locate finds the commune), the duplicate hints computed as in real use:
 *  (a) the most submissions per second without photos (`connections` in flight),
 *  (b) latency at a fixed offered rate of 100 submissions per second,
 *  (c) submissions per second with one ~3 MB JPEG (6 megapixels, re-encoded and thumbnailed: CPU bound).
 * Afterwards every public code written is checked to be unique.
 *
 * Usage: npx tsx bench/submit.ts [seconds=20] [connections=16]
 *   BENCH_PGLITE_DIR=dir   measure on a copy of a generated PGlite database (bench/generate-reports.ts N dir);
 *                          otherwise a new empty one. The source folder is never written.
 *   DATABASE_URL=…         PostgreSQL too, in a scratch database dropped afterwards: a copy of
 *                          BENCH_PG_TEMPLATE=<database> when set (a generated one), else an empty one.
 *   BENCH_ONLY=pglite|postgres runs one of the two.
 */
import { randomUUID } from 'node:crypto';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import sharp from 'sharp';
import { buildApp } from '../server/app.js';
import { loadConfig } from '../server/config.js';
import { type Database, openDatabase } from '../server/db/client.js';
import * as accounts from '../server/modules/accounts/repo.js';
import { createSessionService } from '../server/modules/accounts/sessions.js';
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

const SECONDS = Number(process.argv[2] ?? 20);
const CONNECTIONS = Number(process.argv[3] ?? 16);
const CITIZENS = 200;
const RATE = 100;

/** A ~3 MB, 3000 × 2000 JPEG of blurred noise: as heavy to decode as a phone photo, and as large. */
async function phonePhoto(): Promise<Buffer> {
  const [w, h] = [3000, 2000];
  const raw = Buffer.alloc(w * h * 3);
  const random = rng(3);
  for (let i = 0; i < raw.length; i++) raw[i] = Math.floor(random() * 256);
  return sharp(raw, { raw: { width: w, height: h, channels: 3 } })
    .blur(0.6)
    .jpeg({ quality: 85 })
    .toBuffer();
}

async function run(kind: 'pglite' | 'postgres', database: Database, photo: Buffer) {
  await prepareDatabase(database);
  const [{ before }] = await database.query<{ before: number }>('select count(*)::int as before from reports');
  const sessions = createSessionService(database.db, 30);
  const cookies: { cookie: string; 'x-csrf-token': string }[] = [];
  const stamp = Date.now().toString(36);
  for (let i = 0; i < CITIZENS; i++) {
    const user = await accounts.insertUser(database.db, { fullName: `Người dân đo ${stamp} ${i}` });
    await accounts.insertAssignment(database.db, { userId: user.id, role: 'citizen' });
    const s = await sessions.start(user.id, 'bench');
    cookies.push({ cookie: `xs_session=${s.token}`, 'x-csrf-token': s.csrfToken });
  }
  const categories = (
    await database.query<{ id: string }>(
      `select id from feedback_categories where province_code = '19' and active order by sort_order, code`,
    )
  ).map((c) => c.id);
  const points = communePoints();
  const random = rng(26);
  let n = 0;
  /** A citizen's report: a pin near one of the commune's points, a category, a description, a new client id. */
  const nextReport = () => {
    const p = points[Math.floor(random() * points.length)];
    n++;
    return {
      headers: cookies[n % CITIZENS],
      body: {
        id: randomUUID(),
        categoryId: categories[Math.floor(random() * categories.length)],
        description: `${TEXTS[Math.floor(random() * TEXTS.length)]}. Người dân mong được xử lý sớm (${n}).`,
        lat: p.lat + (random() - 0.5) * 0.0005,
        lng: p.lng + (random() - 0.5) * 0.0005,
        showName: random() < 0.3,
      },
    };
  };

  const filesDir = mkdtempSync(join(tmpdir(), 'xaso-bench-submit-files-'));
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
  const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;

  const json: CannonRequest = {
    method: 'POST',
    path: '/api/reports',
    setupRequest: (req) => {
      const r = nextReport();
      return { ...req, headers: { ...r.headers, 'content-type': 'application/json' }, body: JSON.stringify(r.body) };
    },
  };
  const withPhoto: CannonRequest = {
    method: 'POST',
    path: '/api/reports',
    setupRequest: (req) => {
      const r = nextReport();
      const boundary = `----xasobench${n}`;
      const body = Buffer.concat([
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="report"\r\n\r\n${JSON.stringify(r.body)}\r\n` +
            `--${boundary}\r\nContent-Disposition: form-data; name="photos"; filename="IMG_${n}.jpg"\r\n` +
            'Content-Type: image/jpeg\r\n\r\n',
        ),
        photo,
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]);
      return { ...req, headers: { ...r.headers, 'content-type': `multipart/form-data; boundary=${boundary}` }, body };
    },
  };

  // Warm up: JIT, plans, connection pool, sharp's threads.
  await autocannon({ url, connections: 4, amount: 200, requests: [json] });
  await autocannon({ url, connections: 2, amount: 6, requests: [withPhoto], timeout: 60 });

  const results: [string, CannonResult][] = [];
  const load = () => loadavg()[0].toFixed(1);
  console.log(`[${kind}] load before (a): ${load()}`);
  results.push([
    `(a) max, no photo, ${CONNECTIONS} in flight`,
    await autocannon({ url, connections: CONNECTIONS, duration: SECONDS, requests: [json] }),
  ]);
  console.log(`[${kind}] load before (b): ${load()}`);
  results.push([
    `(b) offered ${RATE}/s, no photo`,
    await autocannon({ url, connections: 32, duration: SECONDS, overallRate: RATE, requests: [json] }),
  ]);
  console.log(`[${kind}] load before (c): ${load()}`);
  const photoConnections = Math.max(2, cpus().length * 2);
  results.push([
    `(c) max, one ${(photo.length / 2 ** 20).toFixed(1)} MB photo, ${photoConnections} in flight`,
    await autocannon({ url, connections: photoConnections, duration: SECONDS, requests: [withPhoto], timeout: 60 }),
  ]);
  await app.close();

  const [check] = await database.query<{ rows: number; codes: number }>(
    'select count(*)::int as rows, count(distinct public_code)::int as codes from reports',
  );
  rmSync(filesDir, { recursive: true, force: true });
  console.log(
    `\n[${kind}] ${before.toLocaleString('en')} reports before; ${(check.rows - before).toLocaleString('en')} submitted; ` +
      `public codes unique: ${check.rows === check.codes ? 'yes' : `NO (${check.rows - check.codes} duplicates)`}`,
  );
  console.log(`[${kind}] ${'case'.padEnd(44)}  reports/s      p50      p99   non-2xx errors`);
  for (const [label, r] of results)
    console.log(
      `[${kind}] ${label.padEnd(44)} ${r.requests.average.toFixed(1).padStart(10)} ${`${r.latency.p50} ms`.padStart(8)} ${`${r.latency.p99} ms`.padStart(8)} ${String(r.non2xx).padStart(9)} ${String(r.errors).padStart(6)}`,
    );
  if (check.rows !== check.codes || results.some(([, r]) => r.non2xx || r.errors)) process.exitCode = 1;
}

async function pgliteCopy(source: string | undefined) {
  const dir = mkdtempSync(join(tmpdir(), 'xaso-bench-submit-'));
  if (source) cpSync(join(source, 'db'), join(dir, 'db'), { recursive: true });
  const database = await openDatabase({ kind: 'pglite', dataDir: dir });
  const close = database.close;
  database.close = async () => {
    await close();
    rmSync(dir, { recursive: true, force: true });
  };
  return database;
}

const photo = await phonePhoto();
console.log(
  `Submissions: ${SECONDS} s per case, ${CONNECTIONS} connections for (a), ${CITIZENS} citizens; photo ` +
    `${photo.length.toLocaleString('en')} bytes; Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ` +
    `${Math.round(totalmem() / 2 ** 30)} GiB; load ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
);
const only = process.env.BENCH_ONLY;
if (only !== 'postgres') {
  const pglite = await pgliteCopy(process.env.BENCH_PGLITE_DIR);
  try {
    await run('pglite', pglite, photo);
  } finally {
    await pglite.close();
  }
}
if (process.env.DATABASE_URL && only !== 'pglite') {
  const pg = await scratchPostgres(process.env.DATABASE_URL, 'xaso_bench_submit', process.env.BENCH_PG_TEMPLATE);
  try {
    await run('postgres', pg, photo);
  } finally {
    await pg.close();
  }
}
