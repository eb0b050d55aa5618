/**
 * Permission matrix of every news write: each role × a post of a commune inside the actor's scope (Xã Định Hoá,
 * 05569) and of a commune outside it (another province). A refused write must leave the data as it was.
 */
import { randomUUID } from 'node:crypto';
import sharp from 'sharp';
import { afterAll, beforeAll } from 'vitest';
import { createTestApp, type TestApp } from '../../test/harness.js';
import { multipart } from '../../test/http.js';
import { COMMUNE_WRITE_ACTORS, describePermissionMatrix, type MatrixEndpoint } from '../../test/permission-matrix.js';
import { renderPost } from './render.js';
import * as repo from './repo.js';

let t: TestApp;
let outsideCommune: string;
let jpeg: Buffer;

async function postIn(commune: string, title = `Tin ${randomUUID()}`) {
  const [unit] = await t.database.query<{ path: string; province_code: string }>(
    'select path, province_code from units where code = $1',
    [commune],
  );
  const row = await repo.insertPost(t.db, {
    unitCode: commune,
    unitPath: unit.path,
    provinceCode: unit.province_code,
    kind: 'announcement',
    title,
    bodyMd: 'Nội dung',
    bodyHtml: renderPost('Nội dung', new Map()).html,
    summary: 'Nội dung',
    publishAt: new Date(),
  });
  if (!row) throw new Error('not inserted');
  return row;
}
const postNow = async (id: string) => (await repo.findPost(t.db, id))!;
const body = { kind: 'announcement', title: 'Đã sửa', body: 'Nội dung đã sửa.' };

const ENDPOINTS: MatrixEndpoint[] = [
  {
    name: 'POST /api/news/manage',
    ok: 201,
    async prepare(commune) {
      const title = `Tin ${randomUUID()}`;
      return {
        method: 'POST',
        url: '/api/news/manage',
        payload: { unit: commune, kind: 'disaster_alert', hazard: 'flood', title, body: 'Lũ lên nhanh.' },
        written: async () => (await t.database.query('select 1 from news_posts where title = $1', [title])).length > 0,
      };
    },
  },
  {
    name: 'PUT /api/news/manage/:id',
    ok: 200,
    async prepare(commune) {
      const p = await postIn(commune);
      return {
        method: 'PUT',
        url: `/api/news/manage/${p.id}`,
        payload: body,
        written: async () => (await postNow(p.id)).title === 'Đã sửa',
      };
    },
  },
  {
    name: 'POST /api/news/manage/:id/withdraw',
    ok: 200,
    async prepare(commune) {
      const p = await postIn(commune);
      return {
        method: 'POST',
        url: `/api/news/manage/${p.id}/withdraw`,
        payload: { reason: 'Đăng nhầm' },
        written: async () => (await postNow(p.id)).withdrawnAt !== null,
      };
    },
  },
  {
    name: 'POST /api/news/manage/images',
    ok: 201,
    async prepare(commune) {
      const m = multipart(jpeg, 'anh.jpg', 'image/jpeg');
      const before = await t.database.query<{ n: number }>(
        'select count(*)::int as n from news_images where unit_code = $1',
        [commune],
      );
      return {
        method: 'POST',
        url: `/api/news/manage/images?unit=${commune}`,
        payload: m.payload,
        extraHeaders: m.headers,
        written: async () =>
          (
            await t.database.query<{ n: number }>('select count(*)::int as n from news_images where unit_code = $1', [
              commune,
            ])
          )[0].n > before[0].n,
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

describePermissionMatrix('news writes: permission matrix', {
  app: () => t,
  actors: COMMUNE_WRITE_ACTORS,
  endpoints: ENDPOINTS,
  places: () => ({ inside: '05569', outside: outsideCommune }),
});
