/**
 * The demo's learners (seed 004): 9,150 learners = 6,776 officials + 2,374 youth union and team members, over the
 * communes of Thái Nguyên, enrolled in the published courses; the statistics answer the same before and after a fold.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/harness.js';
import { DEMO_LEARNER_TOTAL, seedDemoLearners } from './demo.js';
import { publishTestCourse, testCourseContent } from './test-support.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  await publishTestCourse(t.db, testCourseContent({ lessons: 3, quiz: { maxAttempts: 3 } }));
  await publishTestCourse(t.db, testCourseContent({ lessons: 2, quiz: null, title: 'Chữ ký số' }));
  await t.db.transaction((tx) => seedDemoLearners(tx, new Date()));
}, 120_000);
afterAll(() => t.close());

describe('demo learners', () => {
  it('9,150 = 6,776 + 2,374 by group in the statistics, before and after a fold', async () => {
    const { learning } = t.app.services;
    const check = async () => {
      const s = await learning.learnerStats({ unitPath: '19' });
      expect(DEMO_LEARNER_TOTAL).toBe(9150);
      expect(s.totals.learners).toBe(9150);
      const group = Object.fromEntries(s.byGroup.map((g) => [g.group, g.learners]));
      expect(group).toEqual({ officials: 6776, youth_and_teams: 2374, others: 0 });
      const category = Object.fromEntries(s.byCategory.map((c) => [c.category, c.learners]));
      expect(category).toMatchObject({ official: 6776, youth_union: 1624, team_member: 750 });
      // Every commune of the province has learners; the months add up to the total.
      expect(s.byCommune.length).toBeGreaterThanOrEqual(90);
      expect(s.byCommune.every((c) => c.learners > 0)).toBe(true);
      expect(s.byMonth.reduce((n, m) => n + m.learners, 0)).toBe(9150);
      expect(s.totals.enrolments).toBeGreaterThan(9150);
      expect(s.totals.completions).toBeGreaterThan(0);
      // The seeded courses and the two published here: the learners are enrolled across them all.
      const [published] = await t.database.query<{ n: number }>(
        "select count(*)::int as n from courses where status = 'published'",
      );
      expect(published.n).toBeGreaterThanOrEqual(2);
      expect(s.byCourse).toHaveLength(published.n);
      return s;
    };
    const before = await check();
    const [rows] = await t.database.query<{ learners: number; enrolments: number; done: number }>(
      `select (select count(*)::int from learners) as learners, (select count(*)::int from course_enrolments) as enrolments,
         (select count(*)::int from course_enrolments where completed_at is not null) as done`,
    );
    expect(rows.learners).toBe(9150);
    expect(before.totals).toMatchObject({ enrolments: rows.enrolments, completions: rows.done });
    expect(await t.app.ctx.aggregates.foldAll()).toBeGreaterThan(9150);
    expect(await check()).toEqual(before);
  });

  it('completed enrolments have every lesson done and a passing attempt when the course has a quiz', async () => {
    const [r] = await t.database.query<{ missing: number; attempts: number; done: number }>(
      `select (select count(*)::int from course_enrolments e
          where e.completed_at is not null
            and (select count(*) from lesson_progress p where p.enrolment_id = e.id) = 0) as missing,
        (select count(*)::int from quiz_attempts where passed and score = 100) as attempts,
        (select count(*)::int from course_enrolments where completed_at is not null) as done`,
    );
    expect(r.missing).toBe(0);
    expect(r.attempts).toBeGreaterThan(0);
    expect(r.attempts).toBeLessThan(r.done);
  });
});
