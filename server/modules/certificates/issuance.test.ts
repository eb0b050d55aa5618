/**
 * Certificates issued by the other domains' rules, through the composition root's wiring: completing a course
 * (every lesson and the quiz passed) issues exactly one certificate with the course's title, however often and
 * concurrently the last steps arrive; it verifies as valid, then as revoked once an administrator revokes it.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../test/factories.js';
import { createTestApp, type TestApp } from '../../test/harness.js';
import { publishTestCourse, quizAnswers, testCourseContent } from '../learning/test-support.js';

let t: TestApp;
const count = async (sql: string, params: unknown[]) => (await t.database.query<{ n: number }>(sql, params))[0].n;
const certificatesOf = (userId: string, sourceId: string) =>
  t.database.query<{ serial: string; title: string; unit_code: string; kind: string }>(
    'select serial, title, unit_code, kind from certificates where user_id = $1 and source_id = $2',
    [userId, sourceId],
  );

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('completing a course', () => {
  it('issues one certificate with the course title; repeats add none; it verifies, then shows revoked', async () => {
    const { learning } = t.app.services;
    const c = testCourseContent({ lessons: 2, quiz: { maxAttempts: null }, title: 'Nộp hồ sơ trên Cổng Dịch vụ công' });
    const courseId = await publishTestCourse(t.db, c);
    const user = await createUser(t.db, { fullName: 'Lý Thị Dung' });
    const actor = { kind: 'user' as const, id: user.id, assignments: [] };
    await learning.enrol(actor, courseId, { category: 'youth_union', unitCode: '05569' });
    await learning.markLessonDone(actor, courseId, c.lessons[0].id);
    await learning.markLessonDone(actor, courseId, c.lessons[1].id);
    expect(await certificatesOf(user.id, courseId)).toHaveLength(0); // the quiz is still to pass
    await learning.submitAttempt(actor, courseId, { attemptId: randomUUID(), answers: quizAnswers(c, false) });
    expect(await certificatesOf(user.id, courseId)).toHaveLength(0); // failed
    await learning.submitAttempt(actor, courseId, { attemptId: randomUUID(), answers: quizAnswers(c, true) });
    const [cert] = await certificatesOf(user.id, courseId);
    expect(cert).toMatchObject({ kind: 'course', title: 'Nộp hồ sơ trên Cổng Dịch vụ công', unit_code: '05569' });

    // Again: another passing attempt, a lesson marked again: still one.
    await learning.submitAttempt(actor, courseId, { attemptId: randomUUID(), answers: quizAnswers(c, true) });
    await learning.markLessonDone(actor, courseId, c.lessons[0].id);
    expect(await certificatesOf(user.id, courseId)).toHaveLength(1);

    const verify = () => t.app.inject({ method: 'GET', url: `/api/verify/${cert.serial}` }).then((r) => r.json());
    expect(await verify()).toMatchObject({ status: 'valid', holderName: 'Lý Thị Dung', title: c.title });
    const admin = await createUser(t.db, { role: 'commune_admin', unitCode: '05569' });
    const revoked = await t.app.inject({
      method: 'POST',
      url: `/api/certificates/${cert.serial}/revoke`,
      headers: await t.sessionHeaders(admin.id),
      payload: { reason: 'Làm bài hộ' },
    });
    expect(revoked.statusCode).toBe(200);
    expect(await verify()).toMatchObject({ status: 'revoked', holderName: 'Lý Thị Dung' });
  });

  it('concurrent last steps from several devices: exactly one certificate', async () => {
    const { learning } = t.app.services;
    const c = testCourseContent({ lessons: 3, quiz: { maxAttempts: null } });
    const courseId = await publishTestCourse(t.db, c);
    const user = await createUser(t.db);
    const actor = { kind: 'user' as const, id: user.id, assignments: [] };
    await learning.enrol(actor, courseId, { category: 'official', unitCode: '05569' });
    await Promise.all([
      ...c.lessons.flatMap((l) => [
        learning.markLessonDone(actor, courseId, l.id),
        learning.markLessonDone(actor, courseId, l.id),
      ]),
      learning.submitAttempt(actor, courseId, { attemptId: randomUUID(), answers: quizAnswers(c, true) }),
      learning.submitAttempt(actor, courseId, { attemptId: randomUUID(), answers: quizAnswers(c, true) }),
    ]);
    expect(await certificatesOf(user.id, courseId)).toHaveLength(1);
    expect(await count('select count(*)::int as n from certificates where source_id = $1', [courseId])).toBe(1);
  });

  it('a course without a quiz: the last lesson issues it; two learners, two certificates', async () => {
    const { learning } = t.app.services;
    const c = testCourseContent({ lessons: 1, quiz: null, title: 'Nhận diện lừa đảo trực tuyến' });
    const courseId = await publishTestCourse(t.db, c);
    for (const unitCode of ['05569', '05443']) {
      const user = await createUser(t.db);
      const actor = { kind: 'user' as const, id: user.id, assignments: [] };
      await learning.enrol(actor, courseId, { category: 'resident', unitCode });
      await learning.markLessonDone(actor, courseId, c.lessons[0].id);
      expect(await certificatesOf(user.id, courseId)).toMatchObject([{ unit_code: unitCode }]);
    }
    expect(await count('select count(*)::int as n from certificates where source_id = $1', [courseId])).toBe(2);
  });
});
