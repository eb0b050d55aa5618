/**
 * Permission matrix of the support network's writes: each role × a question asked in Xã Định Hoá (05569, Thái Nguyên)
 * and one asked in Phường Ba Đình (00004, Hà Nội). The province's whole network answers; only administrators of the
 * asker's commune or province accept for the asker and hide; a refused write changes nothing.
 */
import { afterAll, beforeAll } from 'vitest';
import { createUser } from '../../test/factories.js';
import { createTestApp, type TestApp } from '../../test/harness.js';
import { describePermissionMatrix, type MatrixActor, type MatrixEndpoint } from '../../test/permission-matrix.js';
import * as repo from './repo.js';

const NOBODY_BUT_ADMINS: MatrixActor[] = [
  { label: 'anonymous', role: 'anonymous', inside: 401, outside: 401 },
  { label: 'citizen', role: 'citizen', inside: 403, outside: 403 },
  { label: 'team_member of a 05569 hamlet', role: 'team_member', unitCode: 'TEAM_HAMLET', inside: 403, outside: 403 },
  {
    label: 'handling_officer of UBND 05569',
    role: 'handling_officer',
    handlingUnitCode: 'ubnd-05569',
    inside: 403,
    outside: 403,
  },
  { label: 'commune_admin of 05569', role: 'commune_admin', unitCode: '05569', inside: 'ok', outside: 403 },
  {
    label: 'commune_admin of 01840 (same province)',
    role: 'commune_admin',
    unitCode: '01840',
    inside: 403,
    outside: 403,
  },
  { label: 'province_admin of 19', role: 'province_admin', unitCode: '19', inside: 'ok', outside: 403 },
];

/** Answering: the province's whole network, wherever in the province they work. */
const NETWORK: MatrixActor[] = NOBODY_BUT_ADMINS.map((a) =>
  a.role === 'anonymous' || a.role === 'citizen' ? a : { ...a, inside: 'ok' },
);

let t: TestApp;
const askers = new Map<string, string>();
let n = 0;
const one = async <T>(sql: string, params: unknown[]) => (await t.database.query<T>(sql, params))[0];

/** A question asked in a commune (by a team member of it), and one answer to it. */
async function fresh(commune: string) {
  n += 1;
  const [unit] = await t.database.query<{ path: string }>('select path from units where code = $1', [commune]);
  const authorId = askers.get(commune)!;
  const questionId = await repo.insertQuestion(
    t.db,
    {
      authorId,
      authorRole: 'team_member',
      unitPath: unit.path,
      provinceCode: unit.path.split('/')[0],
      communeCode: commune,
      title: `Câu hỏi ma trận ${n}`,
      body: 'Nội dung câu hỏi ma trận quyền.',
    },
    [],
  );
  const { id: answerId } = await repo.insertAnswer(t.db, {
    questionId,
    authorId,
    authorRole: 'team_member',
    communeCode: commune,
    body: `Câu trả lời ma trận ${n}`,
  });
  return { questionId, answerId };
}

const ANSWER: MatrixEndpoint[] = [
  {
    name: 'POST /api/support/questions/:id/answers',
    ok: 201,
    async prepare(commune) {
      const { questionId } = await fresh(commune);
      return {
        method: 'POST',
        url: `/api/support/questions/${questionId}/answers`,
        payload: { body: 'Một câu trả lời mới.' },
        written: async () =>
          (
            await one<{ n: number }>(
              "select count(*)::int as n from support_answers where question_id = $1 and body = 'Một câu trả lời mới.'",
              [questionId],
            )
          ).n > 0,
      };
    },
  },
];

const ADMIN_WRITES: MatrixEndpoint[] = [
  {
    name: 'POST /api/support/answers/:id/accept (not the asker)',
    ok: 200,
    async prepare(commune) {
      const { answerId } = await fresh(commune);
      return {
        method: 'POST',
        url: `/api/support/answers/${answerId}/accept`,
        written: async () =>
          (await one<{ accepted: boolean }>('select accepted from support_answers where id = $1', [answerId])).accepted,
      };
    },
  },
  {
    name: 'POST /api/support/questions/:id/moderation',
    ok: 200,
    async prepare(commune) {
      const { questionId } = await fresh(commune);
      return {
        method: 'POST',
        url: `/api/support/questions/${questionId}/moderation`,
        payload: { hidden: true, reason: 'Nội dung quảng cáo' },
        written: async () =>
          !!(
            await one<{ hidden_at: Date | null }>('select hidden_at from support_questions where id = $1', [questionId])
          ).hidden_at,
      };
    },
  },
  {
    name: 'POST /api/support/answers/:id/moderation',
    ok: 200,
    async prepare(commune) {
      const { answerId } = await fresh(commune);
      return {
        method: 'POST',
        url: `/api/support/answers/${answerId}/moderation`,
        payload: { hidden: true, reason: 'Nội dung quảng cáo' },
        written: async () =>
          !!(await one<{ hidden_at: Date | null }>('select hidden_at from support_answers where id = $1', [answerId]))
            .hidden_at,
      };
    },
  },
];

beforeAll(async () => {
  t = await createTestApp();
  for (const commune of ['05569', '00004'])
    askers.set(commune, (await createUser(t.db, { role: 'team_member', unitCode: commune })).id);
});
afterAll(() => t.close());

const places = () => ({ inside: '05569', outside: '00004' });
describePermissionMatrix('support network: answering', { app: () => t, actors: NETWORK, endpoints: ANSWER, places });
describePermissionMatrix('support network: accepting for the asker and hiding', {
  app: () => t,
  actors: NOBODY_BUT_ADMINS,
  endpoints: ADMIN_WRITES,
  places,
});
