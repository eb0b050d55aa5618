/**
 * Command line of Xã Số:
 *   serve                  open the database, migrate, seed an empty one, serve the API and the web app
 *   migrate                apply migrations only
 *   seed                   seed an empty database (reference data, demo data unless XASO_DEMO=0)
 *   api-key create NAME [UNIT_CODE]   create an integration key (printed once)
 *   api-key list | api-key revoke ID
 */
import { type Config, loadConfig } from './config.js';
import { type Database, openDatabase } from './db/client.js';
import { DataFolderInUseError } from './db/lock.js';
import { migrateDatabase } from './db/migrate.js';
import { runApiKeyCommand } from './modules/accounts/api-key-cli.js';
import { ensureDefaultHolidayYears } from './modules/calendar/service.js';
import { openFileStore } from './platform/files/store.js';
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

async function serve(config: Config) {
  const started = Date.now();
  // A wrong S3 setting fails now, not after minutes of migrating and seeding; the app closes the client it reuses.
  await openFileStore({ config });
  const database = await openConfiguredDatabase(config);
  await migrateDatabase(database);
  const seed = await seedIfEmpty(database, config);
  // A long-lived installation reaches years it was not seeded for: their default holidays are written now.
  const filledYears = await ensureDefaultHolidayYears(database.db, config.XASO_PROVINCE);
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
    { ms: Date.now() - started, database: database.kind, seeded: seed.seeded, holidayYearsFilled: filledYears },
    `Xã Số ready in ${Date.now() - started} ms`,
  );
  if (config.XASO_DEMO) printDemoAccounts(config);
  const demoStarted = Date.now();
  demoHistory = seedDemoHistoryIfEmpty(database, config, { signal: stopDemo.signal }).then(
    (n) => n && app.log.info({ reports: n, ms: Date.now() - demoStarted }, `demo history: ${n} reports`),
    (e) => closing || app.log.error({ err: e }, 'demo history failed'),
  );
}

async function main(argv: string[]) {
  const config = loadConfig();
  const [command = 'serve', ...rest] = argv;
  if (command === 'serve') return serve(config);
  const database = await openConfiguredDatabase(config);
  try {
    await migrateDatabase(database);
    if (command === 'migrate') {
      console.log('Đã áp dụng migration / migrations applied');
    } else if (command === 'seed') {
      const result = await seedIfEmpty(database, config);
      await seedDemoHistoryIfEmpty(database, config);
      console.log(result.seeded ? 'Đã nạp dữ liệu / seeded' : 'Cơ sở dữ liệu đã có dữ liệu / database already seeded');
    } else if (command === 'api-key') {
      await runApiKeyCommand(database, config, rest);
    } else {
      console.error(`Lệnh không rõ / unknown command: ${command}`);
      process.exitCode = 2;
    }
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
