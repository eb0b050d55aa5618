import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../db/client.js';
import { migrateDatabase } from '../db/migrate.js';
import { seedReferenceData } from '../seed/reference.js';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplate: string;
    postgresTemplate: string;
  }
}

/**
 * Builds one migrated database with the reference data (all units and committees) once per run; every test
 * file then starts from a copy of it: a PGlite data-dir dump, or `CREATE DATABASE … TEMPLATE` on PostgreSQL.
 */
export default async function setup(project: TestProject) {
  const url = process.env.TEST_DATABASE_URL;
  if (url) {
    const name = `xaso_tpl_${process.pid}`;
    const admin = await openDatabase({ kind: 'postgres', url, poolSize: 1 });
    await admin.query(`drop database if exists ${name}`);
    await admin.query(`create database ${name}`);
    const tplUrl = new URL(url);
    tplUrl.pathname = `/${name}`;
    const tpl = await openDatabase({ kind: 'postgres', url: tplUrl.toString(), poolSize: 2 });
    await migrateDatabase(tpl);
    await seedReferenceData(tpl.db);
    await tpl.close();
    project.provide('postgresTemplate', name);
    project.provide('pgliteTemplate', '');
    return async () => {
      const leftovers = await admin.query<{ datname: string }>(
        `select datname from pg_database where datname like 'xaso_t_${process.pid}_%' or datname = '${name}'`,
      );
      for (const { datname } of leftovers) await admin.query(`drop database if exists ${datname} with (force)`);
      await admin.close();
    };
  }
  const db = await openDatabase({ kind: 'pglite' });
  await migrateDatabase(db);
  await seedReferenceData(db.db);
  const dir = join(import.meta.dirname, '../../.xaso');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `test-template-${process.pid}.tar`);
  const dump = await db.dumpDataDir!();
  writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  await db.close();
  project.provide('pgliteTemplate', file);
  project.provide('postgresTemplate', '');
}
