import type { FastifyBaseLogger } from 'fastify';
import type { Config } from '../config.js';
import type { Database, Db } from '../db/client.js';
import type { AggregateFolder } from './aggregates/index.js';
import type { JobRunner } from './jobs/index.js';
import type { SmsProvider } from './sms.js';

/** What every module's services are built from: configuration, the database and the outside-world providers. */
export interface AppContext {
  config: Config;
  database: Database;
  db: Db;
  sms: SmsProvider;
  log: FastifyBaseLogger;
  /** Background jobs: modules register handlers for their job kinds at start. */
  jobs: JobRunner;
  /** Folds the deltas of counted aggregates into their rollups (platform/aggregates): modules register theirs. */
  aggregates: AggregateFolder;
}
