/**
 * Learning: who enrols (every signed-in role, once per course), progress only when enrolled and only for lessons of
 * the current version, quiz attempts limited and idempotent with the answers shown only after submitting, completion
 * set once (also under concurrent calls) and kept across versions, progress resumed on another device, statistics
 * for the unit's administrators. Inside: Xã Định Hoá (05569) of Thái Nguyên (19).
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CourseContent } from '../../../common/courses.js';
import type { Role } from '../../../common/roles.js';
import { createUser } from '../../test/factories.js';
import { createTestApp, type TestApp } from '../../test/harness.js';
import { insertHamlet } from '../units/test-support.js';
import { type CourseCompleted, createLearningService } from './service.js';
import { publishTestCourse, quizAnswers, republishTestCourse, testCourseContent } from './test-support.js';

interface Person {
  id: string;
  headers: Record<string, string>;
}

let t: TestApp;
let hamlet: string;
let content: CourseContent;
let courseId: string;

const person = async (role: Role = 'citizen', unitCode?: string): Promise<Person> => {
  const user = await createUser(t.db, { role, unitCode });
  return { id: user.id, headers: await t.sessionHeaders(user.id) };
};
const call = (method: 'GET' | 'POST' | 'PUT', url: string, who: Person | null, payload?: object) =>
  t.app.inject({ method, url, headers: who?.headers ?? {}, ...(payload ? { payload } : {}) });
const enrol = (who: Person, id = courseId, body: object = { category: 'resident', unitCode: hamlet }) =>
  call('POST', `/api/courses/${id}/enrolment`, who, body);
const done = (who: Person, lessonId: string, id = courseId) =>
  call('PUT', `/api/courses/${id}/lessons/${lessonId}/done`, who);
const attempt = (who: Person, answers: Record<string, string[]>, attemptId = randomUUID(), id = courseId) =>
  call('POST', `/api/courses/${id}/quiz/attempts`, who, { attemptId, answers });
const progress = (who: Person, id = courseId) => call('GET', `/api/courses/${id}/progress`, who);
const count = async (q: string, params: unknown[] = []) => (await t.database.query<{ n: number }>(q, params))[0].n;

beforeAll(async () => {
  t = await createTestApp();
  hamlet = (await insertHamlet(t.db, '05569', 'Trung Kiên')).code;
  content = testCourseContent({ lessons: 3, quiz: { maxAttempts: 2 } });
  courseId = await publishTestCourse(t.db, content);
});
afterAll(() => t.close());

describe('enrolment', () => {
  it('every signed-in role enrols once per course; a repeat answers the first enrolment', async () => {
    for (const [role, unit] of [
      ['citizen', undefined],
      ['team_member', hamlet],
      ['commune_admin', '05569'],
      ['province_admin', '19'],
    ] as [Role, string | undefined][]) {
      const p = await person(role, unit);
      const first = await enrol(p, courseId, {
        category: role === 'citizen' ? 'resident' : 'official',
        unitCode: '05569',
      });
      expect(first.statusCode, first.body).toBe(201);
      const again = await enrol(p, courseId, { category: 'other', unitCode: hamlet });
      expect(again.statusCode).toBe(200);
      expect(again.json().id).toBe(first.json().id);
      expect(again.json().category).toBe(first.json().category);
      expect(again.json().unit).toMatchObject({ code: '05569', communeCode: '05569' });
    }
    expect(
      (await call('POST', `/api/courses/${courseId}/enrolment`, null, { category: 'resident', unitCode: hamlet }))
        .statusCode,
    ).toBe(401);
  });

  it('records the hamlet and its commune; a learner is one person whatever their courses', async () => {
    const p = await person();
    const other = await publishTestCourse(t.db, testCourseContent({ quiz: null }));
    expect((await enrol(p, courseId, { category: 'youth_union', unitCode: hamlet })).json().unit).toMatchObject({
      code: hamlet,
      communeCode: '05569',
    });
    // The second course's enrolment keeps its own category; the learner keeps the first.
    expect((await enrol(p, other, { category: 'team_member', unitCode: '05443' })).statusCode).toBe(201);
    expect(await count('select count(*)::int as n from learners where user_id = $1', [p.id])).toBe(1);
    const [learner] = await t.database.query<{ category: string; commune_code: string }>(
      'select category, commune_code from learners where user_id = $1',
      [p.id],
    );
    expect(learner).toEqual({ category: 'youth_union', commune_code: '05569' });
  });

  it('refuses a unit that is not a commune or hamlet, a bad category, and a course not published', async () => {
    const p = await person();
    const province = await enrol(p, courseId, { category: 'resident', unitCode: '19' });
    expect(province.statusCode).toBe(400);
    expect(province.json().error.fields.unitCode).toBeTruthy();
    const missing = await enrol(p, courseId, { category: 'resident', unitCode: 'khong-co' });
    expect(missing.json().error.fields.unitCode).toBeTruthy();
    const category = await enrol(p, courseId, { category: 'alien', unitCode: hamlet });
    expect(category.statusCode).toBe(400);
    expect(category.json().error.fields.category).toBeTruthy();
    expect((await enrol(p, randomUUID())).statusCode).toBe(404);
    expect(await count('select count(*)::int as n from course_enrolments where user_id = $1', [p.id])).toBe(0);
  });
});

describe('progress', () => {
  it('is refused before enrolling, with a clear message, and nothing is written', async () => {
    const p = await person();
    const res = await done(p, content.lessons[0].id);
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('not_enrolled');
    expect(res.json().error.message).toContain('chưa đăng ký');
    const quiz = await attempt(p, quizAnswers(content, true));
    expect(quiz.statusCode).toBe(409);
    expect((await progress(p)).json()).toMatchObject({ enrolment: null, lessonsDone: 0, lessonsTotal: 3 });
    expect(await count('select count(*)::int as n from course_enrolments where user_id = $1', [p.id])).toBe(0);
  });

  it('404 for a lesson not in the current version; marking twice is one row', async () => {
    const p = await person();
    await enrol(p);
    expect((await done(p, randomUUID())).statusCode).toBe(404);
    expect((await done(p, content.lessons[0].id)).json().lessonsDone).toBe(1);
    expect((await done(p, content.lessons[0].id)).json().lessonsDone).toBe(1);
    expect(
      await count(
        'select count(*)::int as n from lesson_progress lp join course_enrolments e on e.id = lp.enrolment_id where e.user_id = $1',
        [p.id],
      ),
    ).toBe(1);
  });

  it('resumes on another device: two sessions of one account see one progress', async () => {
    const user = await createUser(t.db);
    const phone = { id: user.id, headers: await t.sessionHeaders(user.id) };
    const laptop = { id: user.id, headers: await t.sessionHeaders(user.id) };
    expect(phone.headers.cookie).not.toBe(laptop.headers.cookie);
    await enrol(phone);
    await done(phone, content.lessons[0].id);
    await done(laptop, content.lessons[1].id);
    const seen = (await progress(laptop)).json();
    expect(seen.doneLessonIds.sort()).toEqual([content.lessons[0].id, content.lessons[1].id].sort());
    expect((await progress(phone)).json().lessonsDone).toBe(2);
  });
});

describe('quiz', () => {
  it('hides the answers before an attempt and shows them, with explanations, after', async () => {
    const p = await person();
    await enrol(p);
    const before = (await progress(p)).body;
    for (const q of content.quiz!.questions) {
      for (const o of q.correctOptionIds) expect(before).not.toContain(o);
      expect(before).not.toContain(q.explanation!);
    }
    const res = await attempt(p, quizAnswers(content, false));
    expect(res.statusCode, res.body).toBe(201);
    const r = res.json();
    expect(r).toMatchObject({ attemptNo: 1, score: 0, passed: false, maxAttempts: 2, attemptsLeft: 1 });
    expect(r.review[0].correctOptionIds).toEqual(content.quiz!.questions[0].correctOptionIds);
    expect(r.review[1].explanation).toBe('Giải thích câu 2');
  });

  it('allows maxAttempts and refuses the next, naming the limit; a retry answers the same result', async () => {
    const p = await person();
    await enrol(p);
    const id1 = randomUUID();
    const first = await attempt(p, quizAnswers(content, false), id1);
    expect(first.statusCode).toBe(201);
    const retry = await attempt(p, quizAnswers(content, true), id1);
    expect(retry.json()).toMatchObject({ attemptId: id1, attemptNo: 1, score: 0, passed: false });
    const second = await attempt(p, { [content.quiz!.questions[0].id]: content.quiz!.questions[0].correctOptionIds });
    expect(second.json()).toMatchObject({ attemptNo: 2, score: 50, passed: true, attemptsLeft: 0 });
    const third = await attempt(p, quizAnswers(content, true));
    expect(third.statusCode).toBe(409);
    expect(third.json().error.code).toBe('attempts_exhausted');
    expect(third.json().error.message).toContain('2');
    // The first attempt retried after the limit still answers its result.
    expect((await attempt(p, quizAnswers(content, false), id1)).json().attemptNo).toBe(1);
    const mine = (await call('GET', '/api/learning/mine', p)).json().courses[0];
    expect(mine.quiz).toMatchObject({ attempts: 2, attemptsLeft: 0, bestScore: 50, passed: true });
  });

  it('refuses options that are not the question’s, naming the question', async () => {
    const p = await person();
    await enrol(p);
    const q = content.quiz!.questions[0];
    const res = await attempt(p, { [q.id]: [randomUUID()] });
    expect(res.statusCode).toBe(400);
    expect(Object.keys(res.json().error.fields)).toEqual([`answers.${q.id}`]);
    const single = await attempt(p, { [q.id]: q.options.map((o) => o.id) });
    expect(single.statusCode).toBe(400);
    expect(
      await count(
        'select count(*)::int as n from quiz_attempts a join course_enrolments e on e.id = a.enrolment_id where e.user_id = $1',
        [p.id],
      ),
    ).toBe(0);
  });
});

describe('completion', () => {
  it('completes when every lesson is done and the quiz passed, once; a new version with a lesson keeps it', async () => {
    const c = testCourseContent({ lessons: 2, quiz: { maxAttempts: null } });
    const id = await publishTestCourse(t.db, c);
    const a = await person();
    const b = await person();
    for (const p of [a, b]) await enrol(p, id);
    for (const l of c.lessons) await done(a, l.id, id);
    expect((await progress(a, id)).json().completed).toBe(false);
    const passed = await attempt(a, quizAnswers(c, true), randomUUID(), id);
    expect(passed.json()).toMatchObject({ passed: true, completed: true });
    // b did only the first lesson before the new version.
    await done(b, c.lessons[0].id, id);

    const v2: CourseContent = {
      ...c,
      lessons: [...c.lessons, { ...c.lessons[0], id: randomUUID(), title: 'Bài mới' }],
    };
    expect(await republishTestCourse(t.db, id, v2)).toBe(2);
    const pa = (await progress(a, id)).json();
    expect(pa).toMatchObject({ completed: true, version: 2, lessonsDone: 2, lessonsTotal: 3 });
    expect(pa.enrolment.completedVersion).toBe(1);
    const pb = (await progress(b, id)).json();
    expect(pb).toMatchObject({ completed: false, lessonsDone: 1, lessonsTotal: 3 });
    expect(pb.doneLessonIds).toEqual([c.lessons[0].id]);
    // b needs the new lesson too.
    await done(b, c.lessons[1].id, id);
    await attempt(b, quizAnswers(c, true), randomUUID(), id);
    expect((await progress(b, id)).json().completed).toBe(false);
    const last = (await done(b, v2.lessons[2].id, id)).json();
    expect(last.completed).toBe(true);
    expect(last.enrolment.completedVersion).toBe(2);
    expect(
      await count('select count(*)::int as n from learning_count_deltas where course_id = $1 and completions = 1', [
        id,
      ]),
    ).toBe(2);
  });

  it('transitions once under concurrent calls, telling onCourseCompleted once, in the transaction', async () => {
    const events: CourseCompleted[] = [];
    const learning = createLearningService({
      db: t.db,
      units: t.app.services.units,
      courses: t.app.services.courses,
      onCourseCompleted: async (tx, e) => {
        // In the completing transaction: the completion is visible to it.
        const { rows } = (await tx.execute(
          `select completed_at from course_enrolments where id = '${e.enrolmentId}'` as never,
        )) as { rows: { completed_at: unknown }[] };
        expect(rows[0].completed_at).not.toBeNull();
        events.push(e);
      },
    });
    const c = testCourseContent({ lessons: 4, quiz: { maxAttempts: null } });
    const id = await publishTestCourse(t.db, c);
    const user = await createUser(t.db);
    const actor = { kind: 'user' as const, id: user.id, assignments: [] };
    await learning.enrol(actor, id, { category: 'student', unitCode: hamlet });
    // Everything at once, from several devices: each lesson twice and two passing attempts.
    await Promise.all([
      ...c.lessons.flatMap((l) => [learning.markLessonDone(actor, id, l.id), learning.markLessonDone(actor, id, l.id)]),
      learning.submitAttempt(actor, id, { attemptId: randomUUID(), answers: quizAnswers(c, true) }),
      learning.submitAttempt(actor, id, { attemptId: randomUUID(), answers: quizAnswers(c, true) }),
    ]);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ userId: user.id, courseId: id, version: 1, unitCode: hamlet });
    expect((await learning.progress(actor, id)).completed).toBe(true);
    expect(
      await count('select count(*)::int as n from learning_count_deltas where course_id = $1 and completions <> 0', [
        id,
      ]),
    ).toBe(1);
  });

  it('a failing onCourseCompleted rolls the completing write back', async () => {
    const learning = createLearningService({
      db: t.db,
      units: t.app.services.units,
      courses: t.app.services.courses,
      onCourseCompleted: async () => {
        throw new Error('certificate store down');
      },
    });
    const c = testCourseContent({ lessons: 1, quiz: null });
    const id = await publishTestCourse(t.db, c);
    const user = await createUser(t.db);
    const actor = { kind: 'user' as const, id: user.id, assignments: [] };
    await learning.enrol(actor, id, { category: 'other', unitCode: '05569' });
    await expect(learning.markLessonDone(actor, id, c.lessons[0].id)).rejects.toThrow('certificate store down');
    const p = await learning.progress(actor, id);
    expect(p).toMatchObject({ completed: false, lessonsDone: 0 });
  });
});

describe('my courses', () => {
  it('lists mine with lessons done of the current version, best score and attempts left', async () => {
    const p = await person();
    await enrol(p);
    await done(p, content.lessons[2].id);
    await attempt(p, quizAnswers(content, false));
    const res = await call('GET', '/api/learning/mine', p);
    expect(res.statusCode).toBe(200);
    expect(res.json().courses).toEqual([
      expect.objectContaining({
        courseId,
        title: 'Sử dụng ứng dụng VNeID',
        lessonsDone: 1,
        lessonsTotal: 3,
        completed: false,
        quiz: expect.objectContaining({ bestScore: 0, attemptsLeft: 1, passed: false }),
      }),
    ]);
    expect((await call('GET', '/api/learning/mine', null)).statusCode).toBe(401);
  });
});

describe('statistics', () => {
  it('answers the unit’s administrators only, from the rollups, the same before and after a fold', async () => {
    const communeAdmin = await person('commune_admin', '05569');
    const otherAdmin = await person('commune_admin', '01840');
    const provinceAdmin = await person('province_admin', '19');
    const citizen = await person();
    const get = (who: Person | null, unit: string) => call('GET', `/api/learning/stats?unit=${unit}`, who);
    expect((await get(communeAdmin, '05569')).statusCode).toBe(200);
    expect((await get(communeAdmin, '19')).statusCode).toBe(403);
    expect((await get(otherAdmin, '05569')).statusCode).toBe(403);
    expect((await get(citizen, '05569')).statusCode).toBe(403);
    expect((await get(null, '05569')).statusCode).toBe(401);
    expect((await get(provinceAdmin, hamlet)).statusCode).toBe(400);

    const before = (await get(provinceAdmin, '19')).json();
    const learners = await count(
      "select count(*)::int as n from learners where commune_code in (select code from units where parent_code = '19')",
    );
    const enrolments = await count(
      "select count(*)::int as n from course_enrolments where commune_code in (select code from units where parent_code = '19')",
    );
    const completions = await count(
      "select count(*)::int as n from course_enrolments where completed_at is not null and commune_code in (select code from units where parent_code = '19')",
    );
    expect(before.totals).toEqual({ learners, enrolments, completions });
    expect(before.byGroup.reduce((n: number, g: { learners: number }) => n + g.learners, 0)).toBe(learners);
    expect(before.byCommune).toHaveLength(
      await count("select count(*)::int as n from units where parent_code = '19' and status = 'active'"),
    );
    expect(before.byCourse.find((c: { courseId: string }) => c.courseId === courseId).title).toBe(
      'Sử dụng ứng dụng VNeID',
    );
    expect(await t.app.ctx.aggregates.foldAll()).toBeGreaterThan(0);
    expect(await count('select count(*)::int as n from learning_count_deltas')).toBe(0);
    expect((await get(provinceAdmin, '19')).json()).toEqual(before);

    const xlsx = await call('GET', '/api/learning/stats/export.xlsx?unit=05569', communeAdmin);
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    expect((await call('GET', '/api/learning/stats/export.xlsx?unit=05569', citizen)).statusCode).toBe(403);
  });

  it('counts many learners writing at once exactly', async () => {
    const c = testCourseContent({ lessons: 5, quiz: null });
    const id = await publishTestCourse(t.db, c);
    const people = await Promise.all(Array.from({ length: 12 }, () => person()));
    await Promise.all(people.map((p) => enrol(p, id, { category: 'team_member', unitCode: '05443' })));
    const results = await Promise.all(people.flatMap((p) => c.lessons.map((l) => done(p, l.id, id))));
    expect(results.every((r) => r.statusCode === 200)).toBe(true);
    expect(
      await count(
        'select count(*)::int as n from lesson_progress lp join course_enrolments e on e.id = lp.enrolment_id where e.course_id = $1',
        [id],
      ),
    ).toBe(60);
    const admin = await person('commune_admin', '05443');
    const s = (await call('GET', '/api/learning/stats?unit=05443', admin)).json();
    const course = s.byCourse.find((x: { courseId: string }) => x.courseId === id);
    expect(course).toMatchObject({ enrolments: 12, completions: 12 });
    expect(s.byCategory.find((x: { category: string }) => x.category === 'team_member').learners).toBe(12);
  }, 60_000);
});
