/**
 * Permission matrix of every course write: each role × a course of a commune inside the actor's scope (Xã Định Hoá,
 * 05569) and of a commune outside it (Hà Nội). A refused write must leave the data as it was.
 */
import { randomUUID } from 'node:crypto';
import sharp from 'sharp';
import { afterAll, beforeAll } from 'vitest';
import { CourseDraft } from '../../../common/courses.js';
import { createTestApp, type TestApp } from '../../test/harness.js';
import { multipart } from '../../test/http.js';
import { COMMUNE_WRITE_ACTORS, describePermissionMatrix, type MatrixEndpoint } from '../../test/permission-matrix.js';
import * as repo from './repo.js';
import { sampleDraft } from './test-support.js';

let t: TestApp;
let outsideCommune: string;
let jpeg: Buffer;

/** A draft course of the commune with two lessons and a quiz, written straight to the database. */
async function courseIn(commune: string) {
  const [unit] = await t.database.query<{ path: string }>('select path from units where code = $1', [commune]);
  const row = await repo.insertCourse(t.db, {
    ownerUnitCode: commune,
    ownerUnitPath: unit.path,
    draft: CourseDraft.parse(sampleDraft()),
  });
  if (!row) throw new Error('not inserted');
  return row;
}
const courseNow = async (id: string) => (await repo.findCourse(t.db, id))!;

const ENDPOINTS: MatrixEndpoint[] = [
  {
    name: 'POST /api/courses/manage',
    ok: 201,
    async prepare(commune) {
      const title = `Khóa học ${randomUUID()}`;
      return {
        method: 'POST',
        url: '/api/courses/manage',
        payload: { unit: commune, title },
        written: async () =>
          (await t.database.query(`select 1 from courses where draft->>'title' = $1`, [title])).length > 0,
      };
    },
  },
  {
    name: 'PUT /api/courses/manage/:id',
    ok: 200,
    async prepare(commune) {
      const c = await courseIn(commune);
      return {
        method: 'PUT',
        url: `/api/courses/manage/${c.id}`,
        payload: { draftRevision: c.draftRevision, draft: sampleDraft({ title: 'Đã sửa' }) },
        written: async () => (await courseNow(c.id)).draft.title === 'Đã sửa',
      };
    },
  },
  {
    name: 'POST /api/courses/manage/:id/publish',
    ok: 200,
    async prepare(commune) {
      const c = await courseIn(commune);
      return {
        method: 'POST',
        url: `/api/courses/manage/${c.id}/publish`,
        written: async () => (await courseNow(c.id)).status === 'published',
      };
    },
  },
  {
    name: 'POST /api/courses/manage/:id/archive',
    ok: 200,
    async prepare(commune) {
      const c = await courseIn(commune);
      return {
        method: 'POST',
        url: `/api/courses/manage/${c.id}/archive`,
        written: async () => (await courseNow(c.id)).status === 'archived',
      };
    },
  },
  {
    name: 'POST /api/courses/manage/:id/media',
    ok: 201,
    async prepare(commune) {
      const c = await courseIn(commune);
      const m = multipart(jpeg, 'anh.jpg', 'image/jpeg');
      return {
        method: 'POST',
        url: `/api/courses/manage/${c.id}/media`,
        payload: m.payload,
        extraHeaders: m.headers,
        written: async () => (await repo.listMedia(t.db, c.id)).length > 0,
      };
    },
  },
];

beforeAll(async () => {
  t = await createTestApp();
  jpeg = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#3a7' } })
    .jpeg()
    .toBuffer();
  [{ code: outsideCommune }] = await t.database.query<{ code: string }>(
    "select code from units where province_code = '01' and level = 'commune' order by code limit 1",
  );
});
afterAll(() => t.close());

describePermissionMatrix('course writes: permission matrix', {
  app: () => t,
  actors: COMMUNE_WRITE_ACTORS,
  endpoints: ENDPOINTS,
  places: () => ({ inside: '05569', outside: outsideCommune }),
});
