import { existsSync } from 'node:fs';
import { defineConfig } from 'vitest/config';

const onPostgres = !!process.env.TEST_DATABASE_URL;
const hasChromium = existsSync(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium');
if (!hasChromium) console.warn('Chromium not found (apt-get install -y chromium): browser tests in e2e/ are not run.');

export default defineConfig({
  test: {
    include: ['server/**/*.test.ts', 'common/**/*.test.ts', ...(hasChromium ? ['e2e/**/*.test.ts'] : [])],
    // Process-level tests run against the database they are about: the embedded one, or the server.
    exclude: ['**/node_modules/**', onPostgres ? 'server/process-pglite.test.ts' : 'server/process-postgres.test.ts'],
    globalSetup: ['server/test/global-setup.ts'],
    // Each file opens its own database (PGlite in memory, or its own PostgreSQL database): files run in
    // parallel processes, tests inside a file in order.
    pool: 'forks',
    // On PostgreSQL a file's worker waits on the server much of the time, so a third keeps the two cores busy (the
    // run took 11 min with two); PGlite's work is in the worker itself, where two already fill them.
    maxWorkers: onPostgres ? 3 : 2,
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // Browser tests poll for what a person would see; on a loaded CI machine a page can take more than the 1 s
    // vitest waits by default.
    expect: { poll: { timeout: 10_000 } },
  },
});
