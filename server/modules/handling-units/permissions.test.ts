/**
 * Permission matrix of every handling-unit write: each role × a handling unit inside the actor's scope
 * (Thái Nguyên, 19) and outside it (Hà Nội, 01). A refused write must leave the data as it was.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/harness.js';
import { describePermissionMatrix, type MatrixActor, type MatrixEndpoint } from '../../test/permission-matrix.js';
import * as repo from './repo.js';

const ACTORS: MatrixActor[] = [
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
  { label: 'commune_admin of 05569', role: 'commune_admin', unitCode: '05569', inside: 403, outside: 403 },
  { label: 'commune_admin of 01840', role: 'commune_admin', unitCode: '01840', inside: 403, outside: 403 },
  { label: 'province_admin of 19', role: 'province_admin', unitCode: '19', inside: 'ok', outside: 403 },
];
const PROVINCE = { inside: '19', outside: '01' } as const;

let t: TestApp;
const communeOf: Record<string, string> = { '19': '05569' };
let n = 0;

/** A fresh agency of the province, written straight to the database. */
async function freshAgency(province: string) {
  n += 1;
  return repo.insertHandlingUnit(t.db, {
    code: `thu-${province}-${n}`,
    name: `Cơ quan thử ${n}`,
    kind: 'agency',
    unitCode: province,
    provinceCode: province,
  });
}
const current = async (id: string) =>
  (
    await t.database.query<{ name: string; active: boolean }>('select name, active from handling_units where id = $1', [
      id,
    ])
  )[0];
const areas = async (id: string) =>
  (
    await t.database.query<{ commune_code: string }>(
      'select commune_code from handling_unit_areas where handling_unit_id = $1',
      [id],
    )
  ).map((r) => r.commune_code);
const countByName = async (name: string) =>
  (await t.database.query<{ n: number }>('select count(*)::int as n from handling_units where name = $1', [name]))[0].n;

const ENDPOINTS: MatrixEndpoint[] = [
  {
    name: 'POST /api/handling-units',
    ok: 201,
    async prepare(province) {
      const name = `Cơ quan mới ${++n}`;
      return {
        method: 'POST',
        url: '/api/handling-units',
        payload: { name, kind: 'agency', unitCode: province },
        written: async () => (await countByName(name)) > 0,
      };
    },
  },
  {
    name: 'PATCH /api/handling-units/:id',
    ok: 200,
    async prepare(province) {
      const h = await freshAgency(province);
      return {
        method: 'PATCH',
        url: `/api/handling-units/${h.id}`,
        payload: { name: 'Tên đã sửa' },
        written: async () => (await current(h.id)).name === 'Tên đã sửa',
      };
    },
  },
  {
    name: 'PUT /api/handling-units/:id/areas',
    ok: 200,
    async prepare(province) {
      const h = await freshAgency(province);
      return {
        method: 'PUT',
        url: `/api/handling-units/${h.id}/areas`,
        payload: { communeCodes: [communeOf[province]] },
        written: async () => (await areas(h.id)).length > 0,
      };
    },
  },
  {
    name: 'POST /api/handling-units/:id/deactivate',
    ok: 200,
    async prepare(province) {
      const h = await freshAgency(province);
      return {
        method: 'POST',
        url: `/api/handling-units/${h.id}/deactivate`,
        written: async () => !(await current(h.id)).active,
      };
    },
  },
  {
    name: 'POST /api/handling-units/:id/activate',
    ok: 200,
    async prepare(province) {
      const h = await freshAgency(province);
      await repo.updateHandlingUnit(t.db, h.id, { active: false });
      return {
        method: 'POST',
        url: `/api/handling-units/${h.id}/activate`,
        written: async () => (await current(h.id)).active,
      };
    },
  },
];

beforeAll(async () => {
  t = await createTestApp();
  [{ code: communeOf['01'] }] = await t.database.query<{ code: string }>(
    "select code from units where province_code = '01' and level = 'commune' order by code limit 1",
  );
});
afterAll(() => t.close());

describePermissionMatrix('handling-unit writes: permission matrix', {
  app: () => t,
  actors: ACTORS,
  endpoints: ENDPOINTS,
  places: () => PROVINCE,
});

describe('handling-unit reads', () => {
  it('reads are public: anonymous lists and opens handling units, with office contacts and no people', async () => {
    const list = await t.app.inject('/api/handling-units?unit=19&limit=200');
    expect(list.statusCode).toBe(200);
    const items = list.json().items as { code: string; provinceCode: string }[];
    expect(items.map((h) => h.code)).toContain('ubnd-05569');
    expect(new Set(items.map((h) => h.provinceCode))).toEqual(new Set(['19']));
    const one = await t.app.inject('/api/handling-units/ubnd-05569');
    expect(one.statusCode).toBe(200);
    expect(one.json()).toMatchObject({
      code: 'ubnd-05569',
      kind: 'commune_committee',
      unitCode: '05569',
      servedCommunes: [expect.objectContaining({ code: '05569' })],
    });
    expect(one.json().name).toMatch(/Định Ho/);
  });
});
