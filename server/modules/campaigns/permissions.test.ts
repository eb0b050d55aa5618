/**
 * Permission matrix of the commune writes of campaigns and households: each role × a place inside the actor's scope
 * (Xã Định Hoá, 05569) and outside it (a commune of Hà Nội). A refused write must leave the data as it was.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll } from 'vitest';
import { queryRows } from '../../db/rows.js';
import { createTestApp, type TestApp } from '../../test/harness.js';
import { multipart } from '../../test/http.js';
import { COMMUNE_WRITE_ACTORS, describePermissionMatrix, type MatrixEndpoint } from '../../test/permission-matrix.js';
import * as catalogRepo from '../catalog/repo.js';
import * as teamsRepo from '../teams/repo.js';
import { insertHamlet } from '../units/test-support.js';
import * as repo from './repo.js';

let t: TestApp;
let outsideCommune: string;
const serviceOf: Record<string, string> = {};

const figureOf = async (hamlet: string) =>
  (
    await queryRows<{ n: number }>(
      t.db,
      sql`select count(*)::int as n from hamlet_households where hamlet_code = ${hamlet}`,
    )
  )[0].n > 0;

/** A published campaign of the commune's province, with a target for the commune, and a team in a fresh hamlet. */
async function campaignIn(commune: string) {
  const province = commune === '05569' ? '19' : '01';
  const id = await repo.insertCampaign(t.db, {
    provinceCode: province,
    title: 'Đợt thử',
    fromMonth: '2026-06-01',
    toMonth: '2026-06-01',
    status: 'published',
  });
  const metric = { serviceId: serviceOf[province], action: 'vneid_level2' };
  await repo.replaceContent(t.db, id, [], [metric], [{ communeCode: commune, ...metric, target: 10 }]);
  const hamlet = await insertHamlet(t.db, commune);
  const team = await teamsRepo.insertTeam(t.db, {
    hamletCode: hamlet.code,
    communeCode: commune,
    unitPath: hamlet.path,
    name: 'Tổ thử',
  });
  return { id, team: team.id, metric };
}

const ENDPOINTS: MatrixEndpoint[] = [
  {
    name: 'PUT /api/households/:hamletCode',
    ok: 200,
    async prepare(commune) {
      const hamlet = await insertHamlet(t.db, commune);
      return {
        method: 'PUT',
        url: `/api/households/${hamlet.code}`,
        payload: { households: 120, asOf: '2026-01-01', source: 'Trưởng thôn' },
        written: () => figureOf(hamlet.code),
      };
    },
  },
  {
    name: 'POST /api/households/import',
    ok: 201,
    async prepare(commune) {
      const hamlet = await insertHamlet(t.db, commune);
      const body = multipart(
        `Thôn, tổ dân phố;Số hộ;Số liệu đến ngày;Nguồn số liệu\r\n${hamlet.code};88;;`,
        'so-ho.csv',
        'text/csv',
      );
      return {
        method: 'POST',
        url: `/api/households/import?unit=${commune}`,
        payload: body.payload,
        extraHeaders: body.headers,
        written: () => figureOf(hamlet.code),
      };
    },
  },
  {
    name: 'PUT /api/campaigns/:id/communes/:code/teams',
    ok: 200,
    async prepare(commune) {
      const c = await campaignIn(commune);
      return {
        method: 'PUT',
        url: `/api/campaigns/${c.id}/communes/${commune}/teams`,
        payload: { targets: [{ teamId: c.team, ...c.metric, target: 7 }] },
        written: async () => (await repo.teamTargetsOf(t.db, c.id, commune)).length > 0,
      };
    },
  },
];

beforeAll(async () => {
  t = await createTestApp();
  [{ code: outsideCommune }] = await t.database.query<{ code: string }>(
    "select code from units where province_code = '01' and level = 'commune' order by code limit 1",
  );
  serviceOf['19'] = (await catalogRepo.findService(t.db, 'vneid', true))!.id;
  serviceOf['01'] = (
    await catalogRepo.insertService(t.db, {
      slug: 'thu-ha-noi-matrix',
      name: 'Ứng dụng Hà Nội',
      publisher: 'Hà Nội',
      pillar: 'society',
      purpose: 'Thử',
      provinceCode: '01',
      published: true,
    } as never)
  ).id;
});
afterAll(() => t.close());

describePermissionMatrix('campaign and household writes of a commune: permission matrix', {
  app: () => t,
  actors: COMMUNE_WRITE_ACTORS,
  endpoints: ENDPOINTS,
  places: () => ({ inside: '05569', outside: outsideCommune }),
});
