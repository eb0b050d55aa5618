/**
 * Certificates issued by the other domains' rules, through the composition root's wiring: completing a course
 * (every lesson and the quiz passed) issues exactly one certificate with the course's title, however often and
 * concurrently the last steps arrive; it verifies as valid, then as revoked once an administrator revokes it.
 * Attending a training session issues one only when its organiser says so (certificateOnAttendance), once however
 * many scans, titled with the session's topic.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../../common/roles.js';
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

describe('attending a training session', () => {
  const HOUR = 3600_000;
  const as = async (role: Role, unitCode?: string) => {
    const u = await createUser(t.db, { role, unitCode });
    return { id: u.id, headers: await t.sessionHeaders(u.id) };
  };
  const call = (
    method: 'GET' | 'POST' | 'PUT',
    url: string,
    who: { headers: Record<string, string> },
    payload?: object,
  ) => t.app.inject({ method, url, headers: who.headers, ...(payload ? { payload } : {}) });

  async function session(certificateOnAttendance: boolean, admin: { headers: Record<string, string> }) {
    const res = await call('POST', '/api/training/sessions', admin, {
      unitCode: '05569',
      organizerName: 'UBND xã Định Hoá phối hợp Mobifone',
      topic: certificateOnAttendance ? 'Kỹ năng số cho cán bộ cấp xã' : 'Giới thiệu chuyển đổi số',
      description: 'Thực hành trên điện thoại.',
      startsAt: new Date(Date.now() - HOUR).toISOString(),
      endsAt: new Date(Date.now() + 3 * HOUR).toISOString(),
      status: 'published',
      certificateOnAttendance,
      mainSite: { name: 'Hội trường UBND xã Định Hoá', place: 'Chợ Chu', communeCode: '05569', capacity: null },
      remoteSites: [{ name: 'Điểm cầu Phú Lương', place: 'Nhà văn hóa', communeCode: '05611', capacity: null }],
    });
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json() as { id: string; sites: { id: string; main: boolean }[] };
    return { id: body.id, main: body.sites.find((x) => x.main)!.id };
  }

  it('issues one certificate per attendee, once however many scans, only when the session says so', async () => {
    const admin = await as('commune_admin', '05569');
    const withCert = await session(true, admin);
    const without = await session(false, admin);
    const learner = await as('citizen');
    for (const s of [withCert, without]) {
      const { code } = (await call('GET', `/api/training/sites/${s.main}/code`, admin)).json();
      const scans = await Promise.all(
        Array.from({ length: 4 }, () =>
          call('POST', '/api/training/check-in', learner, { code, learnerCategory: 'official' }),
        ),
      );
      for (const r of scans) expect(r.statusCode, r.body).toBe(200);
    }
    const certs = await certificatesOf(learner.id, withCert.id);
    expect(certs).toMatchObject([{ kind: 'session', title: 'Kỹ năng số cho cán bộ cấp xã' }]);
    expect(await certificatesOf(learner.id, without.id)).toHaveLength(0);
    const verify = (await t.app.inject({ method: 'GET', url: `/api/verify/${certs[0].serial}` })).json();
    expect(verify).toMatchObject({ status: 'valid', kind: 'session', title: 'Kỹ năng số cho cán bộ cấp xã' });
    // The holder finds it among theirs.
    const mine = (await call('GET', '/api/certificates/mine', learner)).json();
    expect(mine.items.map((c: { serial: string }) => c.serial)).toContain(certs[0].serial);
  });

  it('an officer’s tick issues it too (and untick then tick again does not make a second)', async () => {
    const admin = await as('commune_admin', '05569');
    const s = await session(true, admin);
    const learner = await as('citizen');
    const reg = await call('POST', `/api/training/sessions/${s.id}/registration`, learner, {
      siteId: s.main,
      learnerCategory: 'resident',
    });
    expect(reg.statusCode, reg.body).toBe(201);
    const [{ id: registrationId }] = await t.database.query<{ id: string }>(
      'select id from training_registrations where session_id = $1 and user_id = $2',
      [s.id, learner.id],
    );
    expect(registrationId).toBeTruthy();
    for (const attended of [true, false, true]) {
      const tick = await call('PUT', `/api/training/registrations/${registrationId}/attendance`, admin, { attended });
      expect(tick.statusCode, tick.body).toBe(200);
    }
    expect(await certificatesOf(learner.id, s.id)).toHaveLength(1);
  });
});

describe('the learner statistics', () => {
  it('count the certificates issued in the unit by kind, and the revoked ones', async () => {
    const admin = await createUser(t.db, { role: 'commune_admin', unitCode: '05569' });
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/learning/stats?unit=05569',
      headers: await t.sessionHeaders(admin.id),
    });
    expect(res.statusCode, res.body).toBe(200);
    const sessions = await count(
      "select count(*)::int as n from certificates where kind = 'session' and unit_path like '19/05569%'",
      [],
    );
    expect(res.json().certificates).toEqual({
      issued: 3 + sessions,
      revoked: 1,
      byKind: [
        { kind: 'course', issued: 3, revoked: 1 },
        { kind: 'session', issued: sessions, revoked: 0 },
      ],
    });
    expect(sessions).toBeGreaterThan(0);
  });
});
