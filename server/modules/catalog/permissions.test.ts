/**
 * Permission matrix of every catalog write: each role × a service of the actor's province (Thái Nguyên, 19) and of
 * another (Hà Nội, 01). Only a province administrator of the service's province edits; a refused write changes
 * nothing.
 */
import { afterAll, beforeAll } from 'vitest';
import { createTestApp, type TestApp } from '../../test/harness.js';
import { multipart } from '../../test/http.js';
import { describePermissionMatrix, type MatrixActor, type MatrixEndpoint } from '../../test/permission-matrix.js';
import * as repo from './repo.js';
import { freshService, tinyJpeg } from './test-support.js';

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
  { label: 'province_admin of 19', role: 'province_admin', unitCode: '19', inside: 'ok', outside: 403 },
];

let t: TestApp;
let n = 0;
const one = async <T>(sql: string, params: unknown[]) => (await t.database.query<T>(sql, params))[0];

const ENDPOINTS: MatrixEndpoint[] = [
  {
    name: 'POST /api/catalog/services',
    ok: 201,
    async prepare(province) {
      const slug = `moi-${province}-${++n}`;
      return {
        method: 'POST',
        url: '/api/catalog/services',
        payload: { slug, provinceCode: province, name: 'Mới', publisher: 'Bộ', pillar: 'society', purpose: 'Thử.' },
        written: async () => !!(await one('select 1 from catalog_services where slug = $1', [slug])),
      };
    },
  },
  {
    name: 'PATCH /api/catalog/services/:slug',
    ok: 200,
    async prepare(province) {
      const { service } = await freshService(t, province);
      return {
        method: 'PATCH',
        url: `/api/catalog/services/${service.slug}`,
        payload: { name: 'Tên đã sửa', published: false },
        written: async () =>
          (await one<{ name: string }>('select name from catalog_services where id = $1', [service.id])).name ===
          'Tên đã sửa',
      };
    },
  },
  {
    name: 'PUT /api/catalog/services/:slug/links',
    ok: 200,
    async prepare(province) {
      const { service } = await freshService(t, province);
      return {
        method: 'PUT',
        url: `/api/catalog/services/${service.slug}/links`,
        payload: { links: [{ kind: 'website', url: 'https://example.gov.vn/' }] },
        written: async () => (await repo.listLinks(t.db, service.id)).length === 1,
      };
    },
  },
  {
    name: 'POST /api/catalog/services/:slug/guides',
    ok: 201,
    async prepare(province) {
      const { service } = await freshService(t, province);
      return {
        method: 'POST',
        url: `/api/catalog/services/${service.slug}/guides`,
        payload: { title: 'Hướng dẫn mới', reviewedOn: '2026-12-01', steps: [{ text: 'Mở ứng dụng.' }] },
        written: async () => (await repo.listGuides(t.db, service.id, true)).length === 2,
      };
    },
  },
  {
    name: 'PATCH /api/catalog/guides/:id',
    ok: 200,
    async prepare(province) {
      const { guide, steps } = await freshService(t, province);
      return {
        method: 'PATCH',
        url: `/api/catalog/guides/${guide.id}`,
        payload: { steps: [{ id: steps[0].id, text: 'Bước một, đã sửa.' }] },
        written: async () => (await repo.listSteps(t.db, guide.id))[0].text === 'Bước một, đã sửa.',
      };
    },
  },
  {
    name: 'PUT /api/catalog/steps/:id/image',
    ok: 200,
    async prepare(province) {
      const { steps } = await freshService(t, province);
      const body = multipart(await tinyJpeg(), 'buoc.jpg', 'image/jpeg', 'image');
      return {
        method: 'PUT',
        url: `/api/catalog/steps/${steps[0].id}/image`,
        payload: body.payload,
        extraHeaders: body.headers,
        written: async () => !!(await repo.listSteps(t.db, steps[0].guideId))[0].imageKey,
      };
    },
  },
  {
    name: 'DELETE /api/catalog/steps/:id/image',
    ok: 200,
    async prepare(province) {
      const { steps } = await freshService(t, province);
      await repo.setStepImage(t.db, steps[0].id, {
        imageKey: 'ab/cd/00000000000000000000000000000000.jpg',
        thumbKey: 'ab/cd/00000000000000000000000000000001.jpg',
        imageWidth: 10,
        imageHeight: 10,
      });
      return {
        method: 'DELETE',
        url: `/api/catalog/steps/${steps[0].id}/image`,
        written: async () => !(await repo.listSteps(t.db, steps[0].guideId))[0].imageKey,
      };
    },
  },
];

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describePermissionMatrix('catalog writes: permission matrix', {
  app: () => t,
  actors: ACTORS,
  endpoints: ENDPOINTS,
  places: () => ({ inside: '19', outside: '01' }),
});
