import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { processPhoto, storePhotos } from '../../platform/files/photos.js';
import { fileStoreFor } from '../../platform/files/store.js';
import { createUser } from '../../test/factories.js';
import { createTestApp, type TestApp } from '../../test/harness.js';
import { headersFor } from '../../test/http.js';
import { insertCategory, insertPhoto, insertReports } from '../feedback-stats/report-factory.js';
import * as seedRepo from '../handling-units/seed-repo.js';

let t: TestApp;
let dataDir: string;
let reporterHeaders: Record<string, string>;
const ids = {} as Record<'inScope' | 'outScope' | 'pendingReport', string>;
const photos = {} as Record<'approved' | 'waiting' | 'outScope' | 'ofPendingReport', string>;

/** A black-and-white checkerboard: blurring any part of it lowers the contrast there. */
async function checkerboard() {
  const w = 400;
  const h = 300;
  const raw = Buffer.alloc(w * h * 3);
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) raw.fill(((x >> 3) + (y >> 3)) % 2 ? 255 : 0, (y * w + x) * 3, (y * w + x) * 3 + 3);
  return sharp(raw, { raw: { width: w, height: h, channels: 3 } })
    .jpeg()
    .withExif({ IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '21/1 35/1 0/1' } })
    .toBuffer();
}

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'xaso-photos-'));
  t = await createTestApp({ DATA_DIR: dataDir });
  const reporter = await createUser(t.db, { role: 'citizen' });
  reporterHeaders = await t.sessionHeaders(reporter.id);
  const cat = await insertCategory(t.db, { code: 'moi-truong-anh' });
  const committee = async (code: string) => (await seedRepo.findHandlingUnitId(t.db, code))!;
  const base = { categoryId: cat.id, reporterId: reporter.id };
  const [a, b, c] = await insertReports(t.db, [
    {
      ...base,
      communeCode: '05569',
      unitPath: '19/05569',
      status: 'distributed',
      handlingUnitId: await committee('ubnd-05569'),
    },
    {
      ...base,
      communeCode: '05611',
      unitPath: '19/05611',
      status: 'resolved',
      handlingUnitId: await committee('ubnd-05611'),
    },
    { ...base, communeCode: '05569', unitPath: '19/05569', status: 'pending' },
  ]);
  Object.assign(ids, { inScope: a.id, outScope: b.id, pendingReport: c.id });
  const store = fileStoreFor(t.app.ctx);
  const processed = await processPhoto(await checkerboard());
  const stored = await storePhotos(store, [processed, processed, processed, processed]);
  photos.approved = (await insertPhoto(t.db, a.id, stored[0], 'public')).id;
  photos.waiting = (await insertPhoto(t.db, a.id, stored[1], 'pending')).id;
  photos.outScope = (await insertPhoto(t.db, b.id, stored[2], 'pending')).id;
  photos.ofPendingReport = (await insertPhoto(t.db, c.id, stored[3], 'public')).id;
});
afterAll(async () => {
  await t.close();
  await rm(dataDir, { recursive: true, force: true });
});

const url = (report: string, photo: string, suffix = '') => `/api/reports/${report}/photos/${photo}${suffix}`;

describe('serving photos', () => {
  it('gives anyone an approved photo of a public report, as a JPEG without EXIF, and its thumbnail', async () => {
    const res = await t.app.inject(url(ids.inScope, photos.approved));
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('image/jpeg');
    expect(res.headers['cache-control']).toBe('public, max-age=300');
    const meta = await sharp(res.rawPayload).metadata();
    expect([meta.format, meta.width, meta.exif]).toEqual(['jpeg', 400, undefined]);
    const thumb = await t.app.inject(url(ids.inScope, photos.approved, '/thumb'));
    expect((await sharp(thumb.rawPayload).metadata()).width).toBe(320);
  });

  it('hides photos awaiting approval and every photo of an unscreened report from the public (404)', async () => {
    expect((await t.app.inject(url(ids.inScope, photos.waiting))).statusCode).toBe(404);
    expect((await t.app.inject(url(ids.pendingReport, photos.ofPendingReport))).statusCode).toBe(404);
    expect((await t.app.inject(`/api/reports/${ids.pendingReport}/photos`)).statusCode).toBe(404);
    const list = await t.app.inject(`/api/reports/${ids.inScope}/photos`);
    expect(list.json().items.map((p: { id: string }) => p.id)).toEqual([photos.approved]);
  });

  it('shows the reporter all photos of their reports', async () => {
    const res = await t.app.inject({ url: url(ids.pendingReport, photos.ofPendingReport), headers: reporterHeaders });
    expect([res.statusCode, res.headers['cache-control']]).toEqual([200, 'private, no-cache']);
    const list = await t.app.inject({ url: `/api/reports/${ids.inScope}/photos`, headers: reporterHeaders });
    expect(list.json().items).toHaveLength(2);
  });

  it('answers a malformed id with the error shape', async () => {
    const res = await t.app.inject(url('not-a-uuid', photos.approved));
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields).toHaveProperty('params.id');
  });
});

// Every role, inside (commune 05569 / its committee / province 19) and outside (05611 / ubnd-05611 / province 01).
const matrix = [
  { role: 'anonymous', inside: {}, outside: {}, read: [404, 404], write: [401, 401] },
  {
    role: 'citizen',
    inside: { unitCode: '05569' },
    outside: { unitCode: '05611' },
    read: [404, 404],
    write: [403, 403],
  },
  {
    role: 'team_member',
    inside: { unitCode: '05569' },
    outside: { unitCode: '05611' },
    read: [404, 404],
    write: [403, 403],
  },
  {
    role: 'handling_officer',
    inside: { handlingUnitCode: 'ubnd-05569' },
    outside: { handlingUnitCode: 'ubnd-05611' },
    read: [200, 404],
    write: [200, 403],
  },
  {
    role: 'commune_admin',
    inside: { unitCode: '05569' },
    outside: { unitCode: '05611' },
    read: [200, 404],
    write: [200, 403],
  },
  {
    role: 'province_admin',
    inside: { unitCode: '19' },
    outside: { unitCode: '01' },
    read: [200, 404],
    write: [200, 403],
  },
] as const;

describe('who sees unapproved photos and who moderates (permission matrix)', () => {
  for (const m of matrix) {
    for (const [i, where] of (['inside', 'outside'] as const).entries()) {
      it(`${m.role} ${where} its scope: read ${m.read[i]}, publish/hide ${m.write[i]}`, async () => {
        const headers = await headersFor(t, { role: m.role, ...m[where] });
        const read = await t.app.inject({ url: url(ids.inScope, photos.waiting), headers });
        expect(read.statusCode).toBe(m.read[i]);
        const write = await t.app.inject({
          method: 'PATCH',
          url: url(ids.inScope, photos.waiting),
          headers,
          payload: { visibility: 'hidden' },
        });
        expect(write.statusCode).toBe(m.write[i]);
        const blur = await t.app.inject({
          method: 'POST',
          url: url(ids.inScope, photos.waiting, '/blur'),
          headers,
          payload: { x: 0, y: 0, w: 0.1, h: 0.1 },
        });
        expect(blur.statusCode).toBe(m.write[i]);
      });
    }
  }
});

describe('moderation', () => {
  it('publishes a photo (then anyone sees it) and hides it again, recording both in the audit trail', async () => {
    const headers = await headersFor(t, { role: 'handling_officer', handlingUnitCode: 'ubnd-05611' });
    const target = url(ids.outScope, photos.outScope);
    expect((await t.app.inject(target)).statusCode).toBe(404);
    const pub = await t.app.inject({ method: 'PATCH', url: target, headers, payload: { visibility: 'public' } });
    expect([pub.statusCode, pub.json().visibility]).toEqual([200, 'public']);
    expect((await t.app.inject(target)).statusCode).toBe(200);
    await t.app.inject({ method: 'PATCH', url: target, headers, payload: { visibility: 'hidden' } });
    expect((await t.app.inject(target)).statusCode).toBe(404);
    const audit = await t.database.query<{ n: number }>(
      `select count(*)::int as n from audit_log where action = 'report_photo.visibility' and resource_id = $1`,
      [photos.outScope],
    );
    expect(audit[0].n).toBe(2);
  });

  it('blurs a rectangle in the stored file and its thumbnail, leaving the rest sharp', async () => {
    const headers = await headersFor(t, { role: 'commune_admin', unitCode: '05569' });
    const before = await t.app.inject({ url: url(ids.inScope, photos.approved) });
    const res = await t.app.inject({
      method: 'POST',
      url: url(ids.inScope, photos.approved, '/blur'),
      headers,
      payload: { x: 0, y: 0, w: 0.5, h: 0.5 },
    });
    expect(res.statusCode).toBe(200);
    const after = await t.app.inject({ url: url(ids.inScope, photos.approved) });
    expect(after.rawPayload.equals(before.rawPayload)).toBe(false);
    // stats() reads its input, not the pipeline's output: cut the region out first.
    const stdev = async (img: Buffer, left: number, top: number) =>
      (await sharp(await sharp(img).extract({ left, top, width: 100, height: 100 }).toBuffer()).stats()).channels[0]
        .stdev;
    expect(await stdev(after.rawPayload, 50, 50)).toBeLessThan((await stdev(before.rawPayload, 50, 50)) / 4);
    expect(await stdev(after.rawPayload, 250, 180)).toBeGreaterThan(80);
    expect((await sharp(after.rawPayload).metadata()).exif).toBeUndefined();
  });

  it('refuses a rectangle outside the photo and unknown fields (400 naming the field)', async () => {
    const headers = await headersFor(t, { role: 'commune_admin', unitCode: '05569' });
    const bad = await t.app.inject({
      method: 'POST',
      url: url(ids.inScope, photos.approved, '/blur'),
      headers,
      payload: { x: 0.8, y: 0, w: 0.5, h: 0.5 },
    });
    expect([bad.statusCode, Object.keys(bad.json().error.fields)]).toEqual([400, ['w']]);
    const extra = await t.app.inject({
      method: 'PATCH',
      url: url(ids.inScope, photos.approved),
      headers,
      payload: { visibility: 'public', reportId: ids.outScope },
    });
    expect([extra.statusCode, Object.keys(extra.json().error.fields)]).toEqual([400, ['reportId']]);
  });
});
