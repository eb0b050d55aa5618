/**
 * Permission matrix of the training writes: each role × a session organised inside the actor's scope (Xã Định Hoá,
 * 05569) and outside it (a commune of Hà Nội). A refused write must leave the data as it was.
 */

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll } from 'vitest';
import { queryRows } from '../../db/rows.js';
import { createTestApp, type TestApp } from '../../test/harness.js';
import { multipart } from '../../test/http.js';
import { COMMUNE_WRITE_ACTORS, describePermissionMatrix, type MatrixEndpoint } from '../../test/permission-matrix.js';
import * as repo from './repo.js';

let t: TestApp;
let outsideCommune: string;
const HOUR = 3600_000;
let seq = 0;

const pathOf = async (code: string) =>
  (await queryRows<{ path: string }>(t.db, sql`select path from units where code = ${code}`))[0].path;

async function sessionIn(commune: string) {
  seq += 1;
  const id = await repo.insertSession(t.db, {
    unitCode: commune,
    unitPath: await pathOf(commune),
    organizerName: 'UBND xã',
    topic: `Buổi thử ${seq}`,
    startsAt: new Date(Date.now() - HOUR),
    endsAt: new Date(Date.now() + HOUR),
    status: 'published',
  });
  await repo.replaceSites(t.db, id, [
    { main: true, position: 0, name: 'Hội trường', place: '', communeCode: commune, capacity: null },
  ]);
  const [site] = await repo.sitesOf(t.db, id);
  return { id, site: site.id };
}

const body = (commune: string, topic: string) => ({
  unitCode: commune,
  organizerName: 'UBND xã',
  topic,
  startsAt: new Date(Date.now() + HOUR).toISOString(),
  endsAt: new Date(Date.now() + 2 * HOUR).toISOString(),
  status: 'published',
  mainSite: { name: 'Hội trường' },
});

const topicExists = async (topic: string) =>
  (
    await queryRows<{ n: number }>(t.db, sql`select count(*)::int as n from training_sessions where topic = ${topic}`)
  )[0].n > 0;

const ENDPOINTS: MatrixEndpoint[] = [
  {
    name: 'POST /api/training/sessions',
    ok: 201,
    async prepare(commune) {
      seq += 1;
      const topic = `Tạo thử ${seq}`;
      return {
        method: 'POST',
        url: '/api/training/sessions',
        payload: body(commune, topic),
        written: () => topicExists(topic),
      };
    },
  },
  {
    name: 'PUT /api/training/sessions/:id',
    ok: 200,
    async prepare(commune) {
      const s = await sessionIn(commune);
      seq += 1;
      const topic = `Sửa thử ${seq}`;
      return {
        method: 'PUT',
        url: `/api/training/sessions/${s.id}`,
        payload: { ...body(commune, topic), mainSite: { id: s.site, name: 'Hội trường' } },
        written: () => topicExists(topic),
      };
    },
  },
  {
    name: 'PUT /api/training/registrations/:id/attendance',
    ok: 200,
    async prepare(commune) {
      const s = await sessionIn(commune);
      await repo.insertListedParticipants(
        t.db,
        s.id,
        { id: s.site, communeCode: commune, count: 1, firstOfficials: 1 },
        new Date(),
        null,
      );
      const [row] = await repo.attendanceRows(t.db, s.id);
      return {
        method: 'PUT',
        url: `/api/training/registrations/${row.id}/attendance`,
        payload: { attended: true },
        written: async () => !!(await repo.findRegistrationById(t.db, row.id))?.attendedAt,
      };
    },
  },
  {
    name: 'POST /api/training/sessions/:id/materials',
    ok: 201,
    async prepare(commune) {
      const s = await sessionIn(commune);
      const file = multipart('%PDF-1.4\n%%EOF\n', 'tai-lieu.pdf', 'application/pdf', 'file');
      return {
        method: 'POST',
        url: `/api/training/sessions/${s.id}/materials?title=T%C3%A0i%20li%E1%BB%87u`,
        payload: file.payload,
        extraHeaders: file.headers,
        written: async () => (await repo.countMaterials(t.db, s.id)) > 0,
      };
    },
  },
];

beforeAll(async () => {
  t = await createTestApp({ DATA_DIR: mkdtempSync(join(tmpdir(), 'xaso-training-')) });
  [{ code: outsideCommune }] = await t.database.query<{ code: string }>(
    "select code from units where province_code = '01' and level = 'commune' order by code limit 1",
  );
});
afterAll(() => t.close());

describePermissionMatrix('training writes of a commune: permission matrix', {
  app: () => t,
  actors: COMMUNE_WRITE_ACTORS,
  endpoints: ENDPOINTS,
  places: () => ({ inside: '05569', outside: outsideCommune }),
});
