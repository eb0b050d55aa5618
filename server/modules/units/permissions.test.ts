/**
 * Permission matrix of every hamlet write: each role × a hamlet/commune inside the actor's scope (Xã Định Hoá,
 * 05569) and outside it (a commune of Hà Nội). A refused write must leave the data as it was.
 */
import { afterAll, beforeAll } from 'vitest';
import { createTestApp, type TestApp } from '../../test/harness.js';
import { COMMUNE_WRITE_ACTORS, describePermissionMatrix, type MatrixEndpoint } from '../../test/permission-matrix.js';
import { insertHamlet, multipart } from './test-support.js';

let t: TestApp;
let outsideCommune: string;
let n = 0;

const hamletStatus = async (code: string) =>
  (
    await t.database.query<{ status: string; households: number | null }>(
      'select status, households from units where code = $1',
      [code],
    )
  )[0];
const hamletCount = async (commune: string) =>
  (
    await t.database.query<{ n: number }>(
      "select count(*)::int as n from units where parent_code = $1 and level = 'hamlet'",
      [commune],
    )
  )[0].n;

const ENDPOINTS: MatrixEndpoint[] = [
  {
    name: 'POST /api/units/:commune/hamlets',
    ok: 201,
    async prepare(commune) {
      const before = await hamletCount(commune);
      return {
        method: 'POST',
        url: `/api/units/${commune}/hamlets`,
        payload: { name: `Mới ${++n}`, kind: 'thon' },
        written: async () => (await hamletCount(commune)) > before,
      };
    },
  },
  {
    name: 'PATCH /api/units/:hamlet',
    ok: 200,
    async prepare(commune) {
      const h = await insertHamlet(t.db, commune);
      return {
        method: 'PATCH',
        url: `/api/units/${h.code}`,
        payload: { households: 77 },
        written: async () => (await hamletStatus(h.code)).households === 77,
      };
    },
  },
  {
    name: 'POST /api/units/:hamlet/retire',
    ok: 200,
    async prepare(commune) {
      const h = await insertHamlet(t.db, commune);
      return {
        method: 'POST',
        url: `/api/units/${h.code}/retire`,
        written: async () => (await hamletStatus(h.code)).status === 'retired',
      };
    },
  },
  {
    name: 'POST /api/units/:hamlet/merge',
    ok: 200,
    async prepare(commune) {
      const [a, b] = [await insertHamlet(t.db, commune), await insertHamlet(t.db, commune)];
      return {
        method: 'POST',
        url: `/api/units/${a.code}/merge`,
        payload: { into: b.code },
        written: async () => (await hamletStatus(a.code)).status === 'retired',
      };
    },
  },
  {
    name: 'POST /api/units/:commune/hamlets/import',
    ok: 201,
    async prepare(commune) {
      const before = await hamletCount(commune);
      const body = multipart(`Tên,Loại,Số hộ\nNhập ${++n},Xóm,10\n`, 'thon.csv', 'text/csv');
      return {
        method: 'POST',
        url: `/api/units/${commune}/hamlets/import`,
        payload: body.payload,
        extraHeaders: body.headers,
        written: async () => (await hamletCount(commune)) > before,
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

describePermissionMatrix('hamlet writes: permission matrix', {
  app: () => t,
  actors: COMMUNE_WRITE_ACTORS,
  endpoints: ENDPOINTS,
  places: () => ({ inside: '05569', outside: outsideCommune }),
});
