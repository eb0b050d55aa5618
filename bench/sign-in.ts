/**
 * Sign-in throughput over real HTTP (autocannon against the app listening on 127.0.0.1):
 *  - password sign-ins per second (argon2id verify + session insert),
 *  - one-time-code requests per second (rate-limit checks, challenge insert, SMS provider),
 *  - one-time-code verifications per second (attempt count, consume, account lookup/creation, session insert).
 * On PGlite in memory, and also on PostgreSQL when DATABASE_URL is set (in a scratch database created on that
 * server and dropped afterwards; the database named in the URL is not touched).
 * Usage: npx tsx bench/sign-in.ts [seconds=10] [connections=16]
 */

import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { cpus, totalmem } from 'node:os';
import { buildApp } from '../server/app.js';
import { loadConfig } from '../server/config.js';
import { type Database, openDatabase } from '../server/db/client.js';
import { migrateDatabase } from '../server/db/migrate.js';
import { hashPassword } from '../server/modules/accounts/passwords.js';
import * as accounts from '../server/modules/accounts/repo.js';
import type { SmsProvider } from '../server/platform/sms.js';
import type { CannonRequest, CannonResult } from './cannon-types.js';
import { scratchPostgres } from './scratch-postgres.js';

type Autocannon = (opts: {
  url: string;
  connections: number;
  duration?: number;
  amount?: number;
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  requests?: CannonRequest[];
}) => Promise<CannonResult>;
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

const seconds = Number(process.argv[2] ?? 10);
const connections = Number(process.argv[3] ?? 16);
const PASSWORD = 'Bench-mat-khau-2026';
const USERS = 20;
const OTP_PHONES = 2000;

/** Keeps every code (the development provider keeps only the last 100). */
function capturingSms(): SmsProvider & { codes: Map<string, string> } {
  const codes = new Map<string, string>();
  return {
    name: 'bench',
    codes,
    async send(phone, text) {
      codes.set(phone, /là (\d{6})\./.exec(text)![1]);
    },
  };
}

const fmt = (r: CannonResult) =>
  `${r.requests.average.toFixed(1).padStart(8)} req/s   p50 ${String(r.latency.p50).padStart(4)} ms   p99 ${String(
    r.latency.p99,
  ).padStart(4)} ms   (${r.requests.total} requests, non-2xx ${r.non2xx}, errors ${r.errors})`;

async function run(kind: 'pglite' | 'postgres', database: Database) {
  await migrateDatabase(database);
  const passwordHash = await hashPassword(PASSWORD);
  for (let i = 0; i < USERS; i++) {
    const user = await accounts.insertUser(database.db, {
      phone: `0390${String(i).padStart(6, '0')}`,
      username: `bench${i}`,
      fullName: `Người dùng đo ${i}`,
      passwordHash,
    });
    await accounts.insertAssignment(database.db, { userId: user.id, role: 'citizen' });
  }
  const config = loadConfig({
    NODE_ENV: 'production',
    XASO_SECRET: 'bench-secret-bench-secret-bench-secret-0123',
    XASO_DEMO: '0',
    LOG_LEVEL: 'silent',
    RATE_LIMIT_PER_MINUTE: '100000000',
  });
  const sms = capturingSms();
  const app = await buildApp({ config, database, logger: false, sms });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const json = { 'content-type': 'application/json' };

  // Warm up (JIT, connection pool, argon2 threads).
  await autocannon({
    url: `${url}/api/auth/password`,
    connections: 4,
    amount: 40,
    method: 'POST',
    headers: json,
    body: JSON.stringify({ login: 'bench0', password: PASSWORD }),
  });

  let n = 0;
  const password = await autocannon({
    url,
    connections,
    duration: seconds,
    requests: [
      {
        method: 'POST',
        path: '/api/auth/password',
        headers: json,
        setupRequest: (req) => ({
          ...req,
          body: JSON.stringify({ login: `bench${n++ % USERS}`, password: PASSWORD }),
        }),
      },
    ],
  });

  // Distinct phones; 20 codes per hour per IP, so each group of 20 phones comes from its own (forwarded) address.
  let r = 0;
  const phones = Array.from({ length: OTP_PHONES }, (_, i) => `0391${String(i).padStart(6, '0')}`);
  const request = await autocannon({
    url,
    connections,
    amount: OTP_PHONES,
    requests: [
      {
        method: 'POST',
        path: '/api/auth/otp/request',
        setupRequest: (req) => {
          const i = r++;
          return {
            ...req,
            headers: {
              ...json,
              'x-forwarded-for': `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${Math.floor(i / 20) & 255}`,
            },
            body: JSON.stringify({ phone: phones[i % OTP_PHONES] }),
          };
        },
      },
    ],
  });

  let v = 0;
  const verify = await autocannon({
    url,
    connections,
    amount: sms.codes.size,
    requests: [
      {
        method: 'POST',
        path: '/api/auth/otp/verify',
        headers: json,
        setupRequest: (req) => {
          const phone = phones[v++ % OTP_PHONES];
          return { ...req, body: JSON.stringify({ phone, code: sms.codes.get(phone) ?? '000000' }) };
        },
      },
    ],
  });

  console.log(`\n${kind}:`);
  console.log(`  password sign-in   ${fmt(password)}`);
  console.log(`  OTP request        ${fmt(request)}`);
  console.log(`  OTP verify         ${fmt(verify)}`);
  await app.close();
}

console.log(
  `Sign-in benchmark: ${seconds} s of password sign-ins, ${OTP_PHONES} OTP requests then verifications, ` +
    `${connections} connections; Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ` +
    `${Math.round(totalmem() / 2 ** 30)} GiB`,
);
const pglite = await openDatabase({ kind: 'pglite' });
try {
  await run('pglite', pglite);
} finally {
  await pglite.close();
}
if (process.env.DATABASE_URL) {
  const pg = await scratchPostgres(process.env.DATABASE_URL, 'xaso_bench_signin');
  try {
    await run('postgres', pg);
  } finally {
    await pg.close();
  }
}
