/**
 * Command line of Xã Số:
 *   serve                  open the database, migrate, seed an empty one, serve the API and the web app
 *   migrate                apply migrations only
 *   seed                   seed an empty database (reference data, demo data unless XASO_DEMO=0)
 *   api-key create NAME [UNIT_CODE]   create an integration key (printed once)
 *   api-key list | api-key revoke ID
 * Every command but `migrate` first prepares the database exactly as `serve` does (migrate, seed an empty one),
 * so a command on a new data folder finds the units it names.
 */
import { type Config, loadConfig } from './config.js';
import { type Database, openDatabase } from './db/client.js';
import { DataFolderInUseError } from './db/lock.js';
import { migrateDatabase } from './db/migrate.js';
import { runApiKeyCommand } from './modules/accounts/api-key-cli.js';
import { ensureDefaultHolidayYears } from './modules/calendar/service.js';
import { openFileStore } from './platform/files/store.js';
import { releaseLeasesOfDeadWorkers } from './platform/jobs/index.js';
import { DEMO_PASSWORD, DEMO_PEOPLE } from './seed/demo.js';
import { seedDemoHistoryIfEmpty, seedIfEmpty } from './seed/index.js';

export async function openConfiguredDatabase(config: Config): Promise<Database> {
  return config.DATABASE_URL
    ? openDatabase({ kind: 'postgres', url: config.DATABASE_URL })
    : openDatabase({ kind: 'pglite', dataDir: config.dataDir });
}

function printDemoAccounts(config: Config) {
  const lines = DEMO_PEOPLE.map((p) => `  ${p.login.padEnd(16)} ${p.phone}  ${p.role.padEnd(17)} ${p.scope}`);
  console.log(
    [
      '',
      'Tài khoản DEMO (chỉ dùng thử) / DEMO accounts (for trying out only):',
      `  mật khẩu / password: ${DEMO_PASSWORD}  (hoặc đăng nhập bằng mã OTP: mã in ra nhật ký / or sign in by code: it is logged)`,
      ...lines,
      `Mở / open ${config.PUBLIC_URL}`,
      '',
    ].join('\n'),
  );
}

/**
 * What a database needs before anything uses it, the same for the server and every CLI command: migrations, the
 * reference data (and demo data or the first administrator) on an empty one, this year's and next year's holidays.
 */
async function prepareDatabase(database: Database, config: Config) {
  await migrateDatabase(database);
  const seed = await seedIfEmpty(database, config);
  // A long-lived installation reaches years it was not seeded for: their default holidays are written now.
  const filledYears = await ensureDefaultHolidayYears(database.db, config.XASO_PROVINCE);
  return { seed, filledYears };
}

async function serve(config: Config) {
  const started = Date.now();
  // A wrong S3 setting fails now, not after minutes of migrating and seeding; the app closes the client it reuses.
  await openFileStore({ config });
  const database = await openConfiguredDatabase(config);
  const { seed, filledYears } = await prepareDatabase(database, config);
  // The embedded database belongs to this process alone: a lease still held is a killed process's, free it now.
  const jobsFreed = database.kind === 'pglite' ? await releaseLeasesOfDeadWorkers(database.db) : 0;
  const { buildApp } = await import('./app.js');
  const app = await buildApp({ config, database, runJobs: true });
  let closing = false;
  // The demo's year of reports, written after the server answers; a shutdown lets it finish (or fail) first.
  let demoHistory: Promise<unknown> = Promise.resolve();
  const stopDemo = new AbortController();
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down: finishing requests in flight');
    const force = setTimeout(() => process.exit(1), 15_000);
    force.unref();
    try {
      stopDemo.abort();
      await app.close();
      await demoHistory;
    } finally {
      await database.close();
    }
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
  await app.listen({ port: config.PORT, host: config.HOST });
  app.log.info(
    {
      ms: Date.now() - started,
      database: database.kind,
      seeded: seed.seeded,
      holidayYearsFilled: filledYears,
      jobsFreed,
    },
    `Xã Số ready in ${Date.now() - started} ms`,
  );
  if (config.XASO_DEMO) printDemoAccounts(config);
  const demoStarted = Date.now();
  demoHistory = seedDemoHistoryIfEmpty(database, config, { signal: stopDemo.signal }).then(
    (n) => n && app.log.info({ reports: n, ms: Date.now() - demoStarted }, `demo history: ${n} reports`),
    (e) => closing || app.log.error({ err: e }, 'demo history failed'),
  );
}

const COMMANDS = new Set(['migrate', 'seed', 'api-key']);

async function main(argv: string[]) {
  const config = loadConfig();
  const [command = 'serve', ...rest] = argv;
  if (command === 'serve') return serve(config);
  if (!COMMANDS.has(command)) {
    console.error(`Lệnh không rõ / unknown command: ${command}\nCách dùng / usage: serve | migrate | seed | api-key …`);
    process.exitCode = 2;
    return;
  }
  const database = await openConfiguredDatabase(config);
  try {
    if (command === 'migrate') {
      await migrateDatabase(database);
      console.log('Đã áp dụng migration / migrations applied');
      return;
    }
    const { seed } = await prepareDatabase(database, config);
    if (command === 'seed') {
      await seedDemoHistoryIfEmpty(database, config);
      console.log(seed.seeded ? 'Đã nạp dữ liệu / seeded' : 'Cơ sở dữ liệu đã có dữ liệu / database already seeded');
      if (seed.seeded && config.XASO_DEMO) printDemoAccounts(config);
      return;
    }
    if (seed.seeded) {
      console.log('Cơ sở dữ liệu mới: đã áp dụng migration và nạp dữ liệu / new database: migrated and seeded');
      if (config.XASO_DEMO) printDemoAccounts(config);
    }
    await runApiKeyCommand(database, config, rest);
  } finally {
    await database.close();
  }
}

main(process.argv.slice(2)).catch((e) => {
  if (e instanceof DataFolderInUseError) {
    console.error(e.message);
    process.exit(3);
  }
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
