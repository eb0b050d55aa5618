/**
 * Permission matrix of learning's writes: enrolling is anyone signed in, in any commune (inside: Xã Định Hoá 05569
 * of Thái Nguyên; outside: Phường Ba Đình 00004 of Hà Nội); anonymous callers are refused and nothing is written.
 * Lessons and attempts are the learner's own (their enrolment): see learning.test.ts.
 */
import { afterAll, beforeAll } from 'vitest';
import { createTestApp, type TestApp } from '../../test/harness.js';
import { describePermissionMatrix, type MatrixActor, type MatrixEndpoint } from '../../test/permission-matrix.js';
import { publishTestCourse, testCourseContent } from './test-support.js';

const ANYONE_SIGNED_IN: MatrixActor[] = [
  { label: 'anonymous', role: 'anonymous', inside: 401, outside: 401 },
  { label: 'citizen', role: 'citizen', inside: 'ok', outside: 'ok' },
  { label: 'team_member of a 05569 hamlet', role: 'team_member', unitCode: 'TEAM_HAMLET', inside: 'ok', outside: 'ok' },
  {
    label: 'handling_officer of UBND 05569',
    role: 'handling_officer',
    handlingUnitCode: 'ubnd-05569',
    inside: 'ok',
    outside: 'ok',
  },
  { label: 'commune_admin of 05569', role: 'commune_admin', unitCode: '05569', inside: 'ok', outside: 'ok' },
  { label: 'province_admin of 19', role: 'province_admin', unitCode: '19', inside: 'ok', outside: 'ok' },
];

let t: TestApp;
const one = async <T>(sql: string, params: unknown[]) => (await t.database.query<T>(sql, params))[0];

const ENDPOINTS: MatrixEndpoint[] = [
  {
    name: 'POST /api/courses/:id/enrolment',
    ok: 201,
    async prepare(commune) {
      const courseId = await publishTestCourse(t.db, testCourseContent());
      return {
        method: 'POST',
        url: `/api/courses/${courseId}/enrolment`,
        payload: { category: 'official', unitCode: commune },
        written: async () =>
          (
            await one<{ n: number }>('select count(*)::int as n from course_enrolments where course_id = $1', [
              courseId,
            ])
          ).n > 0,
      };
    },
  },
];

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describePermissionMatrix('learning: enrolling', {
  app: () => t,
  actors: ANYONE_SIGNED_IN,
  endpoints: ENDPOINTS,
  places: () => ({ inside: '05569', outside: '00004' }),
});
