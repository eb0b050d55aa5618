import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['server/**/*.test.ts', 'common/**/*.test.ts', 'e2e/**/*.test.ts'],
    globalSetup: ['server/test/global-setup.ts'],
    // Each file opens its own database (PGlite in memory, or its own PostgreSQL database): files run in
    // parallel processes, tests inside a file in order.
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 120_000,
  },
});
