import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportEvents } from '../../db/schema/index.js';
import { processPhoto, storePhotos } from '../../platform/files/photos.js';
import { fileStoreFor } from '../../platform/files/store.js';
import { createUser } from '../../test/factories.js';
import { createTestApp, type TestApp } from '../../test/harness.js';
import { headersFor } from '../../test/http.js';
import { insertCategory, insertPhoto, insertReports } from '../feedback-stats/report-factory.js';
import * as seedRepo from '../handling-units/seed-repo.js';
import { searchTuning } from './repo.js';

let t: TestApp;
let dataDir: string;
const code = {} as Record<'road' | 'tip' | 'pending' | 'spam' | 'dup' | 'trash', string>;
const photo = {} as Record<'approved' | 'waiting', string>;
const PHONE = '0987111222';
const NAME = 'Nguyễn Thị Phản Ánh';
const TIP = { lat: 21.7123456, lng: 105.6234567 };

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'xaso-public-'));
  t = await createTestApp({ DATA_DIR: dataDir });
  const reporter = await createUser(t.db, { fullName: NAME, phone: PHONE });
  const road = await insertCategory(t.db, { code: 'giao-thong-pub', nameVi: 'Giao thông' });
  const tips = await insertCategory(t.db, { code: 'an-ninh-pub', nameVi: 'An ninh trật tự', sensitive: true });
  const committee = (await seedRepo.findHandlingUnitId(t.db, 'ubnd-05569'))!;
  const dh = { communeCode: '05569', unitPath: '19/05569', reporterId: reporter.id, reporterPhone: PHONE };
  const day = (d: string) => new Date(`${d}T09:00:00+07:00`);
  const rows = await insertReports(t.db, [
    {
      ...dh,
      categoryId: road.id,
      status: 'resolved',
      description: 'Đường bị hỏng nặng ở thôn Bản Ca, xe máy hay ngã',
      lat: 21.9001,
      lng: 105.6402,
      address: 'Số 12 ngõ 3 thôn Bản Ca',
      answerText: 'Đã vá xong mặt đường.',
      rating: 5,
      handlingUnitId: committee,
      createdAt: day('2026-03-10'),
    },
    {
      ...dh,
      categoryId: tips.id,
      status: 'distributed',
      description: 'Có nhóm tụ tập đêm khuya',
      ...TIP,
      showName: true,
      createdAt: day('2026-04-02'),
    },
    {
      ...dh,
      categoryId: road.id,
      status: 'pending',
      description: 'Đường hỏng chưa duyệt',
      lat: 21.9,
      lng: 105.64,
      createdAt: day('2026-05-01'),
    },
    {
      ...dh,
      categoryId: road.id,
      status: 'cancelled',
      cancelReason: 'spam',
      description: 'Đường hỏng quảng cáo',
      lat: 21.9,
      lng: 105.64,
      createdAt: day('2026-05-02'),
    },
    {
      ...dh,
      categoryId: road.id,
      status: 'cancelled',
      cancelReason: 'duplicate',
      description: 'Đường hỏng trùng',
      lat: 21.9003,
      lng: 105.6405,
      createdAt: day('2026-05-03'),
    },
    {
      communeCode: '05611',
      unitPath: '19/05611',
      categoryId: road.id,
      status: 'resolved',
      description: 'Rác thải ùn ứ ở chợ',
      lat: 21.68,
      lng: 105.77,
      createdAt: day('2026-06-01'),
    },
  ]);
  [code.road, code.tip, code.pending, code.spam, code.dup, code.trash] = rows.map((r) => r.publicCode);
  const roadId = rows[0].id;
  await t.db.insert(reportEvents).values([
    { reportId: roadId, actorKind: 'user', type: 'submitted', toStatus: 'pending' },
    {
      reportId: roadId,
      actorKind: 'user',
      type: 'accepted',
      fromStatus: 'pending',
      toStatus: 'distributed',
      toHandlingUnitId: committee,
    },
    { reportId: roadId, actorKind: 'user', type: 'note', reason: 'Nội bộ: gọi cho chị Ánh', public: false },
    { reportId: roadId, actorKind: 'system', type: 'reminder', public: true },
    { reportId: roadId, actorKind: 'user', type: 'answered', fromStatus: 'distributed', toStatus: 'resolved' },
  ]);
  const img = await processPhoto(
    await sharp({ create: { width: 64, height: 48, channels: 3, background: '#555' } })
      .jpeg()
      .toBuffer(),
  );
  const [a, b] = await storePhotos(fileStoreFor(t.app.ctx), [img, img]);
  photo.approved = (await insertPhoto(t.db, roadId, a, 'public')).id;
  photo.waiting = (await insertPhoto(t.db, roadId, b, 'pending')).id;
});
afterAll(async () => {
  await t.close();
  await rm(dataDir, { recursive: true, force: true });
});

async function list(query = '') {
  const res = await t.app.inject(`/api/public/reports${query}`);
  expect(res.statusCode).toBe(200);
  return res.json() as {
    items: { publicCode: string; lat: number; lng: number; coarsened: boolean; thumbUrl: string | null }[];
    nextCursor: string | null;
  };
}
const codes = async (query = '') => (await list(query)).items.map((i) => i.publicCode);

/** Nothing personal in a public body: no name (unless chosen), phone, address, or exact sensitive location. */
function expectNoPersonalData(body: string) {
  expect(body).not.toContain(PHONE);
  expect(body).not.toContain('Số 12 ngõ 3');
  expect(body).not.toContain('gọi cho chị');
  expect(body).not.toContain(String(TIP.lat));
  expect(body).not.toContain(String(TIP.lng));
}

describe('GET /api/public/reports', () => {
  it('lists screened reports newest first, without pending or spam, and no personal data', async () => {
    const res = await t.app.inject('/api/public/reports');
    expect(res.json().items.map((i: { publicCode: string }) => i.publicCode)).toEqual([
      code.trash,
      code.dup,
      code.tip,
      code.road,
    ]);
    expectNoPersonalData(res.body);
    expect(res.body).not.toContain(NAME);
    const road = res.json().items.find((i: { publicCode: string }) => i.publicCode === code.road);
    expect(road).toMatchObject({
      status: 'resolved',
      statusLabel: { vi: 'Đã xử lý' },
      communeCode: '05569',
      lat: 21.9001,
      coarsened: false,
    });
    expect(road.thumbUrl).toContain(`/photos/${photo.approved}/thumb`);
  });

  it('coarsens locations in sensitive categories to a ~500 m grid', async () => {
    const tip = (await list()).items.find((i) => i.publicCode === code.tip)!;
    expect(tip.coarsened).toBe(true);
    expect(Math.abs(tip.lat - TIP.lat)).toBeLessThan(0.0025);
    expect(Math.abs(tip.lat / 0.0045 - Math.round(tip.lat / 0.0045))).toBeLessThan(1e-6);
    expect(Math.abs(tip.lng / 0.0045 - Math.round(tip.lng / 0.0045))).toBeLessThan(1e-6);
  });

  it('searches without diacritics, in any case, and with decomposed (NFD) input', async () => {
    expect(await codes('?q=duong%20hong')).toEqual([code.dup, code.road]);
    expect(await codes(`?q=${encodeURIComponent('ĐƯỜNG BỊ HỎNG')}`)).toEqual([code.road]);
    expect(await codes(`?q=${encodeURIComponent('rác thải'.normalize('NFD'))}`)).toEqual([code.trash]);
    expect(await codes('?q=100%25')).toEqual([]);
  });

  it('finds older matches through the trigram index when the newest reports do not fill the page', async () => {
    searchTuning.window = 1;
    try {
      expect(await codes('?q=duong%20hong')).toEqual([code.dup, code.road]);
      expect(await codes('?q=rac&status=resolved')).toEqual([code.trash]);
      expect(await codes('?q=duong&limit=1')).toEqual([code.dup]);
      expect(await codes('?q=duong&commune=05569')).toEqual([code.dup, code.road]);
      expect(await codes('?q=rac&commune=05569')).toEqual([]);
    } finally {
      searchTuning.window = 2000;
    }
  });

  it('filters by category, commune, status and period (days in Vietnam, inclusive)', async () => {
    expect(await codes('?category=an-ninh-pub')).toEqual([code.tip]);
    expect(await codes('?commune=05611')).toEqual([code.trash]);
    expect(await codes('?commune=05569&q=duong')).toEqual([code.dup, code.road]);
    expect(await codes('?commune=99999')).toEqual([]);
    expect(await codes('?status=resolved')).toEqual([code.trash, code.road]);
    expect(await codes('?status=pending')).toEqual([]);
    expect(await codes('?from=2026-04-02&to=2026-05-03')).toEqual([code.dup, code.tip]);
  });

  it('pages with a cursor without repeating or skipping, and refuses a forged cursor', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await list(`?limit=1${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...page.items.map((i) => i.publicCode));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual([code.trash, code.dup, code.tip, code.road]);
    const bad = await t.app.inject('/api/public/reports?cursor=bm9wZQ');
    expect([bad.statusCode, Object.keys(bad.json().error.fields)]).toEqual([400, ['cursor']]);
    const big = await t.app.inject('/api/public/reports?limit=500');
    expect(big.statusCode).toBe(400);
  });
});

describe('GET /api/public/reports/map', () => {
  const bbox = '105.5,21.6,105.9,22.0';
  it('zoomed out, shows one cluster per commune from the statistics rollup (no pending, no spam)', async () => {
    const res = await t.app.inject(`/api/public/reports/map?bbox=${bbox}&zoom=6`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect([body.groupedBy, body.total]).toEqual(['commune', 4]);
    const byCommune = Object.fromEntries(body.clusters.map((c: { communeCode: string }) => [c.communeCode, c]));
    expect(byCommune['05569']).toMatchObject({
      count: 3,
      statuses: { pending: 0, distributed: 1, resolved: 1, cancelled: 1 },
    });
    expect(byCommune['05611']).toMatchObject({ count: 1, statuses: { resolved: 1 } });
    expect(body.points).toEqual([]);
    expectNoPersonalData(res.body);
    const period = (
      await t.app.inject(`/api/public/reports/map?bbox=${bbox}&zoom=6&from=2026-05-01&status=cancelled`)
    ).json();
    expect(period.clusters.map((c: { count: number }) => c.count)).toEqual([1]);
  });

  it('closer, groups reports on a grid in SQL: nearby reports are one cluster with counts by status', async () => {
    const body = (await t.app.inject(`/api/public/reports/map?bbox=${bbox}&zoom=13`)).json();
    expect([body.groupedBy, body.total]).toEqual(['grid', 4]);
    expect(body.clusters).toHaveLength(1);
    expect(body.clusters[0]).toMatchObject({ count: 2, statuses: { resolved: 1, cancelled: 1 } });
    expect(body.points).toHaveLength(2);
    // A text search is answered on the grid even zoomed out (the rollup holds no text).
    const searched = (await t.app.inject(`/api/public/reports/map?bbox=${bbox}&zoom=6&q=rac`)).json();
    expect([searched.groupedBy, searched.total]).toEqual(['grid', 1]);
  });

  it('shows single reports as points when zoomed in, sensitive ones snapped to the grid', async () => {
    const body = (await t.app.inject(`/api/public/reports/map?bbox=${bbox}&zoom=18`)).json();
    expect(body.points.map((p: { publicCode: string }) => p.publicCode).sort()).toEqual(
      [code.road, code.tip, code.trash, code.dup].sort(),
    );
    const tip = body.points.find((p: { publicCode: string }) => p.publicCode === code.tip);
    expect(Math.abs(tip.lat / 0.0045 - Math.round(tip.lat / 0.0045))).toBeLessThan(1e-6);
  });

  it('does not let a narrow viewport locate a sensitive report more finely than the grid', async () => {
    const snappedLat = Math.round(TIP.lat / 0.0045) * 0.0045;
    // A box around the exact position that excludes the snapped one finds nothing.
    const aroundExact = [TIP.lng - 0.0001, TIP.lat - 0.0001, TIP.lng + 0.0001, TIP.lat + 0.0001].join(',');
    expect(Math.abs(snappedLat - TIP.lat)).toBeGreaterThan(0.0001);
    const res = await t.app.inject(`/api/public/reports/map?bbox=${aroundExact}&zoom=18&category=an-ninh-pub`);
    expect(res.json().total).toBe(0);
  });

  it('filters like the list and refuses a malformed viewport', async () => {
    expect((await t.app.inject(`/api/public/reports/map?bbox=${bbox}&zoom=18&commune=05611`)).json().total).toBe(1);
    const bad = await t.app.inject('/api/public/reports/map?bbox=106,22,105,21&zoom=10');
    expect([bad.statusCode, Object.keys(bad.json().error.fields)]).toEqual([400, ['bbox']]);
    const huge = await t.app.inject('/api/public/reports/map?bbox=-180,-80,180,80&zoom=20');
    expect([huge.statusCode, Object.keys(huge.json().error.fields)]).toEqual([400, ['bbox']]);
    const missing = await t.app.inject('/api/public/reports/map?zoom=10');
    expect([missing.statusCode, Object.keys(missing.json().error.fields)]).toEqual([400, ['querystring.bbox']]);
  });
});

describe('GET /api/public/reports/:publicCode', () => {
  it('shows the timeline of public events, the answer, the rating and approved photos only', async () => {
    const res = await t.app.inject(`/api/public/reports/${code.road}`);
    expect(res.statusCode).toBe(200);
    const r = res.json();
    expect(r.reporterName).toBe('Người dân');
    expect(r.timeline.map((e: { type: string }) => e.type)).toEqual(['submitted', 'accepted', 'answered']);
    expect(r.timeline[1].handlingUnitName).toContain('Định');
    expect([r.answerText, r.rating, r.handlingUnitName]).toEqual([
      'Đã vá xong mặt đường.',
      5,
      expect.stringContaining('Định'),
    ]);
    expect(r.photos.map((p: { id: string }) => p.id)).toEqual([photo.approved]);
    expectNoPersonalData(res.body);
    expect(res.body).not.toContain(NAME);
  });

  it('shows the reporter’s name only when they chose so, never their phone', async () => {
    const res = await t.app.inject(`/api/public/reports/${code.tip}`);
    expect(res.json().reporterName).toBe(NAME);
    expectNoPersonalData(res.body);
  });

  it('answers 404 for pending and spam reports and unknown codes, 400 for a malformed code', async () => {
    for (const c of [code.pending, code.spam, 'PA-00-999999'])
      expect((await t.app.inject(`/api/public/reports/${c}`)).statusCode).toBe(404);
    expect((await t.app.inject('/api/public/reports/%20x')).statusCode).toBe(400);
  });
});

// Public endpoints: every role, in or out of scope, gets the same public body, never more.
const roles = [
  { role: 'anonymous' },
  { role: 'citizen', unitCode: '05569' },
  { role: 'team_member', unitCode: '05611' },
  { role: 'handling_officer', handlingUnitCode: 'ubnd-05569' },
  { role: 'handling_officer', handlingUnitCode: 'ubnd-05611' },
  { role: 'commune_admin', unitCode: '05569' },
  { role: 'commune_admin', unitCode: '05611' },
  { role: 'province_admin', unitCode: '19' },
  { role: 'province_admin', unitCode: '01' },
] as const;
describe('permission matrix: public views are the same for everyone', () => {
  for (const who of roles) {
    it(`${who.role} ${'unitCode' in who ? who.unitCode : 'handlingUnitCode' in who ? who.handlingUnitCode : ''}`, async () => {
      const headers = await headersFor(t, who);
      for (const url of [
        '/api/public/reports',
        `/api/public/reports/${code.road}`,
        '/api/public/reports/map?bbox=105,21,106,22&zoom=18',
      ]) {
        const anon = await t.app.inject(url);
        const res = await t.app.inject({ url, headers });
        expect(res.statusCode).toBe(200);
        expect(res.json()).toEqual(anon.json());
      }
      expect((await t.app.inject({ url: `/api/public/reports/${code.pending}`, headers })).statusCode).toBe(404);
    });
  }
});
