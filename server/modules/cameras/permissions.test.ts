/**
 * Permission matrix of the camera writes: each role × a camera in the actor's commune (Xã Định Hoá, 05569) and in a
 * commune of Hà Nội (outside). A refused write must leave the data as it was.
 */

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll } from 'vitest';
import { queryRows } from '../../db/rows.js';
import { createTestApp, type TestApp } from '../../test/harness.js';
import { COMMUNE_WRITE_ACTORS, describePermissionMatrix, type MatrixEndpoint } from '../../test/permission-matrix.js';
import * as repo from './repo.js';

let t: TestApp;
let outsideCommune: string;
let seq = 0;

/** Hà Nội has no boundaries in data/: any point is accepted there; Định Hoá's is inside it. */
const placeOf = (commune: string) => (commune === '05569' ? { lat: 21.9, lng: 105.62 } : { lat: 21.03, lng: 105.85 });
const pathOf = async (code: string) =>
  (await queryRows<{ path: string }>(t.db, sql`select path from units where code = ${code}`))[0].path;
const named = async (name: string) =>
  (await queryRows<{ n: number }>(t.db, sql`select count(*)::int as n from cameras where name = ${name}`))[0].n > 0;

async function cameraIn(commune: string) {
  seq += 1;
  return repo.insertCamera(t.db, {
    name: `Có sẵn ${seq}`,
    communeCode: commune,
    unitPath: await pathOf(commune),
    kind: 'traffic',
    ...placeOf(commune),
    snapshotUrl: 'http://10.20.0.5/snap.jpg',
  });
}
const body = (commune: string, name: string) => ({
  name,
  communeCode: commune,
  kind: 'water_level',
  ...placeOf(commune),
  snapshotUrl: 'http://10.20.0.6/snap.jpg',
});

const ENDPOINTS: MatrixEndpoint[] = [
  {
    name: 'POST /api/cameras',
    ok: 201,
    async prepare(commune) {
      const name = `Tạo thử ${++seq}`;
      return { method: 'POST', url: '/api/cameras', payload: body(commune, name), written: () => named(name) };
    },
  },
  {
    name: 'PUT /api/cameras/:id',
    ok: 200,
    async prepare(commune) {
      const id = await cameraIn(commune);
      const name = `Sửa thử ${++seq}`;
      return { method: 'PUT', url: `/api/cameras/${id}`, payload: body(commune, name), written: () => named(name) };
    },
  },
  {
    name: 'DELETE /api/cameras/:id',
    ok: 200,
    async prepare(commune) {
      const id = await cameraIn(commune);
      return { method: 'DELETE', url: `/api/cameras/${id}`, written: async () => !(await repo.findCamera(t.db, id)) };
    },
  },
];

beforeAll(async () => {
  t = await createTestApp({ DATA_DIR: mkdtempSync(join(tmpdir(), 'xaso-cameras-')) });
  [{ code: outsideCommune }] = await t.database.query<{ code: string }>(
    "select code from units where province_code = '01' and level = 'commune' order by code limit 1",
  );
});
afterAll(() => t.close());

describePermissionMatrix('camera writes of a commune: permission matrix', {
  app: () => t,
  actors: COMMUNE_WRITE_ACTORS,
  endpoints: ENDPOINTS,
  places: () => ({ inside: '05569', outside: outsideCommune }),
});
