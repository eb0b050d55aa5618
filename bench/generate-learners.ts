/**
 * Learners for the dashboard benchmarks (issue 12's data: 100,000 learners), in the demo's proportions (seed 004:
 * 6,776 officials, 1,624 youth union members, 750 team members of 9,150), each enrolled in one to three of the
 * province's published courses, about half completed: the demo's set-based SQL (`learning/demo.ts`) at scale, its
 * count deltas appended by the triggers as for any learner and then folded into the learning rollups.
 *
 * Usage: npx tsx bench/generate-learners.ts [learners=100000] [pglite dir=./data/bench-learners]
 *   DATABASE_URL=… generates into that PostgreSQL database instead (migrated and seeded first if empty).
 */
import { performance } from 'node:perf_hooks';
import pino from 'pino';
import { openDatabase } from '../server/db/client.js';
import { DEMO_LEARNER_TOTAL, DEMO_LEARNERS, seedDemoLearners } from '../server/modules/learning/demo.js';
import { learningCounts } from '../server/modules/learning/learning-counts.js';
import { createAggregateFolder } from '../server/platform/aggregates/index.js';
import { prepareDatabase } from './generate-reports.js';

const n = Number(process.argv[2] ?? 100_000);
const url = process.env.DATABASE_URL;
const database = url
  ? await openDatabase({ kind: 'postgres', url })
  : await openDatabase({ kind: 'pglite', dataDir: process.argv[3] ?? './data/bench-learners' });
await prepareDatabase(database);

const official = Math.round((n * DEMO_LEARNERS.official) / DEMO_LEARNER_TOTAL);
const youth_union = Math.round((n * DEMO_LEARNERS.youth_union) / DEMO_LEARNER_TOTAL);
const counts = { official, youth_union, team_member: n - official - youth_union };
const start = performance.now();
const written = await database.db.transaction((tx) =>
  seedDemoLearners(tx, new Date(), { counts, days: 365, usernamePrefix: `bl.${Date.now().toString(36)}.` }),
);
const inserted = (performance.now() - start) / 1000;
const folder = createAggregateFolder(database.db, pino({ level: 'silent' }), { batch: 50_000 });
folder.register(learningCounts);
const foldStart = performance.now();
const folded = await folder.foldAll();
const foldSeconds = (performance.now() - foldStart) / 1000;
const [totals] = await database.query<{ learners: number; enrolments: number; completed: number }>(
  `select (select count(*)::int from learners) as learners, (select count(*)::int from course_enrolments) as enrolments,
     (select count(*)::int from course_enrolments where completed_at is not null) as completed`,
);
console.log(
  `${written.toLocaleString('en')} learners (${JSON.stringify(counts)}) in ${inserted.toFixed(1)} s; ` +
    `${folded.toLocaleString('en')} count deltas folded in ${foldSeconds.toFixed(1)} s; now ${totals.learners.toLocaleString('en')} ` +
    `learners, ${totals.enrolments.toLocaleString('en')} enrolments, ${totals.completed.toLocaleString('en')} completed`,
);
await database.close();
