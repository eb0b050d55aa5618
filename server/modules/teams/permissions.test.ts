/**
 * Permission matrix of every team write: each role × a team in a hamlet inside the actor's scope (Xã Định Hoá,
 * 05569) and outside it (a commune of Hà Nội). A refused write must leave the data as it was.
 */
import { afterAll, beforeAll } from 'vitest';
import { createTestApp, type TestApp } from '../../test/harness.js';
import { COMMUNE_WRITE_ACTORS, describePermissionMatrix, type MatrixEndpoint } from '../../test/permission-matrix.js';
import { insertHamlet } from '../units/test-support.js';
import * as repo from './repo.js';

let t: TestApp;
let outsideCommune: string;
let n = 0;

/** A fresh team in a fresh hamlet of the commune, with one member. */
async function teamIn(commune: string) {
  const hamlet = await insertHamlet(t.db, commune);
  const team = await repo.insertTeam(t.db, {
    hamletCode: hamlet.code,
    communeCode: commune,
    unitPath: hamlet.path,
    name: 'Tổ công nghệ số',
  });
  const member = await repo.insertMember(t.db, {
    teamId: team.id,
    fullName: 'Trần Thị Bình',
    phone: `09${String(10_000_000 + ++n).slice(-8)}`,
    organisation: 'hoi_phu_nu',
    role: 'member',
    joinedOn: '2025-06-01',
  });
  return { hamlet, team, member };
}
const teamNow = async (id: string) => (await repo.findTeam(t.db, id))!;
const memberNow = async (id: string) => (await repo.findMember(t.db, id))!;

const ENDPOINTS: MatrixEndpoint[] = [
  {
    name: 'POST /api/teams',
    ok: 201,
    async prepare(commune) {
      const hamlet = await insertHamlet(t.db, commune);
      return {
        method: 'POST',
        url: '/api/teams',
        payload: { hamletCode: hamlet.code, name: 'Tổ mới' },
        written: async () => !!(await repo.findActiveTeamOfHamlet(t.db, hamlet.code)),
      };
    },
  },
  {
    name: 'PATCH /api/teams/:id',
    ok: 200,
    async prepare(commune) {
      const { team } = await teamIn(commune);
      return {
        method: 'PATCH',
        url: `/api/teams/${team.id}`,
        payload: { decisionNumber: '77/QĐ-UBND' },
        written: async () => (await teamNow(team.id)).decisionNumber === '77/QĐ-UBND',
      };
    },
  },
  {
    name: 'POST /api/teams/:id/dissolve',
    ok: 200,
    async prepare(commune) {
      const { team } = await teamIn(commune);
      return {
        method: 'POST',
        url: `/api/teams/${team.id}/dissolve`,
        payload: {},
        written: async () => !!(await teamNow(team.id)).dissolvedOn,
      };
    },
  },
  {
    name: 'POST /api/teams/:id/members',
    ok: 201,
    async prepare(commune) {
      const { team } = await teamIn(commune);
      return {
        method: 'POST',
        url: `/api/teams/${team.id}/members`,
        payload: { fullName: 'Đỗ Văn Cường', phone: '0977123456', organisation: 'cong_an' },
        written: async () => (await teamNow(team.id)).activeMembers === 2,
      };
    },
  },
  {
    name: 'PATCH /api/team-members/:id',
    ok: 200,
    async prepare(commune) {
      const { member } = await teamIn(commune);
      return {
        method: 'PATCH',
        url: `/api/team-members/${member.id}`,
        payload: { role: 'deputy' },
        written: async () => (await memberNow(member.id)).role === 'deputy',
      };
    },
  },
  {
    name: 'POST /api/team-members/:id/leave',
    ok: 200,
    async prepare(commune) {
      const { member } = await teamIn(commune);
      return {
        method: 'POST',
        url: `/api/team-members/${member.id}/leave`,
        payload: {},
        written: async () => !!(await memberNow(member.id)).leftOn,
      };
    },
  },
];

beforeAll(async () => {
  t = await createTestApp();
  [{ code: outsideCommune }] = await t.database.query<{ code: string }>(
    "select code from units where province_code = '01' and level = 'commune' order by code limit 1",
  );
});
afterAll(() => t.close());

describePermissionMatrix('team writes: permission matrix', {
  app: () => t,
  actors: COMMUNE_WRITE_ACTORS,
  endpoints: ENDPOINTS,
  places: () => ({ inside: '05569', outside: outsideCommune }),
});
