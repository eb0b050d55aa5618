import { readFileSync } from 'node:fs';
import type { Writable } from 'node:stream';
import pino from 'pino';
import { inject } from 'vitest';
import { buildApp } from '../app.js';
import { loadConfig } from '../config.js';
import { type Database, openDatabase } from '../db/client.js';
import { migrateDatabase } from '../db/migrate.js';
import { createLogSmsProvider } from '../platform/sms.js';

/**
 * A fresh database for one test file, copied from the run's template (migrated, reference data loaded):
 * PGlite in memory by default, its own PostgreSQL database when TEST_DATABASE_URL is set.
 */
export async function openTestDatabase(): Promise<Database> {
  const url = process.env.TEST_DATABASE_URL;
  const pgTemplate = inject('postgresTemplate');
  if (url && pgTemplate) {
    const name = `xaso_t_${process.ppid}_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
    const admin = await openDatabase({ kind: 'postgres', url, poolSize: 1 });
    // Two files copying the template at the same moment collide ("source database is being accessed"): retry.
    for (let attempt = 0; ; attempt++) {
      try {
        await admin.query(`create database ${name} template ${pgTemplate}`);
        break;
      } catch (e) {
        if (attempt > 20) throw e;
        await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
      }
    }
    await admin.close();
    const target = new URL(url);
    target.pathname = `/${name}`;
    const database = await openDatabase({ kind: 'postgres', url: target.toString(), poolSize: 5 });
    const close = database.close;
    database.close = async () => {
      await close();
      const again = await openDatabase({ kind: 'postgres', url, poolSize: 1 });
      await again.query(`drop database if exists ${name} with (force)`);
      await again.close();
    };
    await migrateDatabase(database); // no-op, keeps the template honest
    return database;
  }
  const template = inject('pgliteTemplate');
  return openDatabase({ kind: 'pglite', loadDataDir: new Blob([readFileSync(template)]) });
}

/**
 * The whole app on a fresh test database; `sms.sent` holds what the development SMS provider "sent". With
 * `logStream`, the app logs through its production logger (serializers, redaction) into that stream, the SMS
 * provider included (pass LOG_LEVEL in `env`, e.g. 'trace').
 */
export async function createTestApp(env: Record<string, string> = {}, opts: { logStream?: Writable } = {}) {
  const database = await openTestDatabase();
  const config = loadConfig({ NODE_ENV: 'test', XASO_DEMO: '0', LOG_LEVEL: 'silent', ...env });
  let sms = createLogSmsProvider(pino({ level: 'silent' }));
  const app = opts.logStream
    ? await buildApp({ config, database, logStream: opts.logStream })
    : await buildApp({ config, database, logger: false, sms });
  if (opts.logStream) sms = app.ctx.sms as typeof sms;
  await app.ready();
  const { sessions } = app.services;
  return {
    app,
    database,
    db: database.db,
    config,
    sms,
    /** Runs every due background job now (deadlines, notifications…). */
    runJobs: () => app.ctx.jobs.runDue(),
    /** Headers of a signed-in browser for a user: session cookie and CSRF token. */
    async sessionHeaders(userId: string) {
      const s = await sessions.start(userId, 'vitest');
      return { cookie: `xs_session=${s.token}`, 'x-csrf-token': s.csrfToken };
    },
    async close() {
      await app.close();
      await database.close();
    },
  };
}

export type TestApp = Awaited<ReturnType<typeof createTestApp>>;
