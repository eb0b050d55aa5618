import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DeleteObjectCommand, GetObjectCommand } from '@aws-sdk/client-s3';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.js';
import { loadConfig } from '../../config.js';
import { categoryId, DINH_HOA, type Person, person } from '../../modules/feedback/test-support.js';
import { createTestApp, type TestApp } from '../../test/harness.js';
import { type S3TestServer, startS3Server } from './s3-test-server.js';

// The whole app with photos in an S3-compatible store (s3rver): submit, serve, blur, and no orphans on failure.
const BUCKET = 'xaso-anh';
const PREFIX = 'tinh-19/anh';

let s3: S3TestServer;
let t: TestApp;
let dataDir: string;
let citizen: Person;
let giaoThong: string;

beforeAll(async () => {
  s3 = await startS3Server([BUCKET]);
  dataDir = await mkdtemp(join(tmpdir(), 'xaso-s3-app-'));
  t = await createTestApp({ DATA_DIR: dataDir, ...s3.env(BUCKET, { S3_PREFIX: PREFIX }) });
  citizen = await person(t, 'citizen');
  giaoThong = await categoryId(t, 'giao-thong');
});
let s3Stopped = false;
afterAll(async () => {
  await t?.close();
  if (!s3Stopped) await s3?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

/** A checkerboard JPEG: blurring part of it visibly lowers the contrast there. */
async function checkerboard(w = 400, h = 300) {
  const raw = Buffer.alloc(w * h * 3);
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) raw.fill(((x >> 3) + (y >> 3)) % 2 ? 255 : 0, (y * w + x) * 3, (y * w + x) * 3 + 3);
  return sharp(raw, { raw: { width: w, height: h, channels: 3 } })
    .jpeg()
    .toBuffer();
}

/** POST /api/reports as multipart: the `report` JSON field and `photos` files. */
function submitWithPhotos(report: object, photos: Buffer[], headers: Record<string, string> = {}) {
  const boundary = `----xaso${randomBytes(8).toString('hex')}`;
  const part = (head: string, body: Buffer | string) => [
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; ${head}\r\n\r\n`),
    Buffer.from(body),
    Buffer.from('\r\n'),
  ];
  const payload = Buffer.concat([
    ...part('name="report"', JSON.stringify(report)),
    ...photos.flatMap((p, i) => part(`name="photos"; filename="${i}.jpg"\r\nContent-Type: image/jpeg`, p)),
    Buffer.from(`--${boundary}--\r\n`),
  ]);
  return t.app.inject({
    method: 'POST',
    url: '/api/reports',
    headers: { ...citizen.headers, ...headers, 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload,
  });
}

const report = (description: string, extra: object = {}) => ({
  categoryId: giaoThong,
  description,
  lat: DINH_HOA.lat,
  lng: DINH_HOA.lng,
  ...extra,
});

async function objectBytes(key: string): Promise<Buffer> {
  const res = await s3.client.send(new GetObjectCommand({ Bucket: BUCKET, Key: `${PREFIX}/${key}` }));
  return Buffer.from(await res.Body!.transformToByteArray());
}

let reportId: string;
let photo: { id: string; url: string; thumbUrl: string; storageKey: string; thumbKey: string };

describe('photos in an S3-compatible store', () => {
  it('stores a submitted photo and its thumbnail in the bucket, under the prefix, and nothing on disk', async () => {
    const id = randomUUID();
    const res = await submitWithPhotos(report('Ổ gà giữa đường, có ảnh.', { id }), [await checkerboard()], {
      'idempotency-key': `s3-${id}`,
    });
    expect(res.statusCode).toBe(201);
    reportId = res.json().id;
    const [row] = await t.database.query<{ id: string; storage_key: string; thumb_key: string }>(
      'select id, storage_key, thumb_key from report_photos where report_id = $1',
      [reportId],
    );
    expect((await s3.keys(BUCKET)).sort()).toEqual(
      [`${PREFIX}/${row.storage_key}`, `${PREFIX}/${row.thumb_key}`].sort(),
    );
    await expect(stat(join(dataDir, 'files'))).rejects.toMatchObject({ code: 'ENOENT' });
    const list = await t.app.inject({ url: `/api/reports/${reportId}/photos`, headers: citizen.headers });
    photo = { ...list.json().items[0], storageKey: row.storage_key, thumbKey: row.thumb_key };
    expect(photo.id).toBe(row.id);
    // A retried submission returns the first report and stores no second copy.
    const again = await submitWithPhotos(report('Ổ gà giữa đường, có ảnh.', { id }), [await checkerboard()], {
      'idempotency-key': `s3-${id}`,
    });
    expect([again.statusCode, again.json().id]).toEqual([200, reportId]);
    expect(await s3.keys(BUCKET)).toHaveLength(2);
  });

  it('serves the photo and its thumbnail through the API, byte for byte what the bucket holds', async () => {
    const full = await t.app.inject({ url: photo.url, headers: citizen.headers });
    expect([full.statusCode, full.headers['content-type']]).toEqual([200, 'image/jpeg']);
    expect(Number(full.headers['content-length'])).toBe(full.rawPayload.length);
    expect(full.rawPayload.equals(await objectBytes(photo.storageKey))).toBe(true);
    expect((await sharp(full.rawPayload).metadata()).width).toBe(400);
    const thumb = await t.app.inject({ url: photo.thumbUrl, headers: citizen.headers });
    expect(thumb.rawPayload.equals(await objectBytes(photo.thumbKey))).toBe(true);
    expect((await sharp(thumb.rawPayload).metadata()).width).toBe(320);
    // Not yet approved: the public does not see it.
    expect((await t.app.inject({ url: photo.url })).statusCode).toBe(404);
  });

  it('blurs a region in place: same keys, the bucket holds only the blurred image', async () => {
    const admin = await person(t, 'commune_admin', { unitCode: DINH_HOA.code });
    const before = await objectBytes(photo.storageKey);
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/reports/${reportId}/photos/${photo.id}/blur`,
      headers: admin.headers,
      payload: { x: 0, y: 0, w: 0.5, h: 0.5 },
    });
    expect(res.statusCode).toBe(200);
    const after = await objectBytes(photo.storageKey);
    expect(after.equals(before)).toBe(false);
    expect(await s3.keys(BUCKET)).toEqual([`${PREFIX}/${photo.storageKey}`, `${PREFIX}/${photo.thumbKey}`].sort());
    const served = await t.app.inject({ url: photo.url, headers: citizen.headers });
    expect(served.rawPayload.equals(after)).toBe(true);
    const stdev = async (img: Buffer, left: number, top: number) =>
      (await sharp(await sharp(img).extract({ left, top, width: 100, height: 100 }).toBuffer()).stats()).channels[0]
        .stdev;
    expect(await stdev(after, 50, 50)).toBeLessThan((await stdev(before, 50, 50)) / 4);
    expect(await stdev(after, 250, 180)).toBeGreaterThan(80);
  });

  it('leaves no object behind when the report cannot be written', async () => {
    const objects = await s3.keys(BUCKET);
    await t.database.query(
      `create or replace function fail_s3_photo() returns trigger language plpgsql as $$ begin raise exception 'forced'; end $$`,
    );
    await t.database.query(
      'create trigger fail_s3_photo before insert on report_photos for each row execute function fail_s3_photo()',
    );
    try {
      const res = await submitWithPhotos(report('Sẽ thất bại khi ghi ảnh.'), [
        await checkerboard(),
        await checkerboard(),
      ]);
      expect(res.statusCode).toBe(500);
      expect(res.json().error.code).toBeTypeOf('string');
    } finally {
      await t.database.query('drop trigger fail_s3_photo on report_photos');
    }
    expect(await s3.keys(BUCKET)).toEqual(objects);
    const [row] = await t.database.query<{ n: number }>(
      "select count(*)::int as n from reports where description = 'Sẽ thất bại khi ghi ảnh.'",
    );
    expect(row.n).toBe(0);
  });

  it('answers 410 with the error shape when the object is gone from the bucket, as on disk', async () => {
    await s3.client.send(new DeleteObjectCommand({ Bucket: BUCKET, Key: `${PREFIX}/${photo.thumbKey}` }));
    const res = await t.app.inject({ url: photo.thumbUrl, headers: { ...citizen.headers, 'accept-language': 'vi' } });
    expect(res.statusCode).toBe(410);
    expect(res.json().error).toMatchObject({ code: 'photo_gone', message: 'Tệp ảnh không còn trên máy chủ.' });
    expect((await t.app.inject({ url: photo.url, headers: citizen.headers })).statusCode).toBe(200);
  });
});

describe('starting with S3 configured', () => {
  it('refuses to start when the bucket does not answer, saying which variable to check', async () => {
    // The check comes before any module touches the database, so the running app's database serves here.
    const config = loadConfig({ LOG_LEVEL: 'silent', XASO_DEMO: '0', DATA_DIR: dataDir, ...s3.env('chua-tao') });
    await expect(buildApp({ config, database: t.database, logger: false })).rejects.toThrow(
      /Không truy cập được kho ảnh S3 "chua-tao".*S3_BUCKET/,
    );
  });
});

describe('when the S3 service is down', () => {
  it('answers 503 "try again later" for a photo, not "gone"', async () => {
    await s3.stop();
    s3Stopped = true;
    const res = await t.app.inject({ url: photo.url, headers: { ...citizen.headers, 'accept-language': 'en' } });
    expect(res.statusCode).toBe(503);
    expect(res.json().error).toEqual({
      code: 'file_store_unavailable',
      message: 'The photo store is unavailable for now. Please try again later.',
    });
  });
});
