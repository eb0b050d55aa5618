import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/harness.js';
import { categoryId, countRows, DINH_HOA, type Person, person } from './test-support.js';

let t: TestApp;
let dataDir: string;
let citizen: Person;
let giaoThong: string;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'xaso-submit-'));
  t = await createTestApp({ DATA_DIR: dataDir });
  citizen = await person(t, 'citizen');
  giaoThong = await categoryId(t, 'giao-thong');
});
afterAll(async () => {
  await t.close();
  await rm(dataDir, { recursive: true, force: true });
});

/** A PNG of random pixels (does not compress: about 3 bytes per pixel). */
const png = (w: number, h: number) =>
  sharp(randomBytes(w * h * 3), { raw: { width: w, height: h, channels: 3 } })
    .png()
    .toBuffer();

async function storedFiles(): Promise<number> {
  try {
    return (await readdir(join(dataDir, 'files'), { recursive: true, withFileTypes: true })).filter((e) => e.isFile())
      .length;
  } catch {
    return 0;
  }
}

/** A multipart body with a `report` JSON field and `photos` files. */
function form(report: object, files: { bytes: Buffer; name: string; field?: string }[], jsonField = 'report') {
  const boundary = `----xaso${randomBytes(8).toString('hex')}`;
  const parts: Buffer[] = [
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="${jsonField}"\r\n\r\n${JSON.stringify(report)}\r\n`,
    ),
  ];
  for (const f of files)
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${f.field ?? 'photos'}"; filename="${f.name}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
      ),
      f.bytes,
      Buffer.from('\r\n'),
    );
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

const report = (extra: object = {}) => ({
  categoryId: giaoThong,
  description: 'Cột điện nghiêng sát đường.',
  lat: DINH_HOA.lat,
  lng: DINH_HOA.lng,
  ...extra,
});
const post = (body: ReturnType<typeof form>) =>
  t.app.inject({
    method: 'POST',
    url: '/api/reports',
    headers: { ...citizen.headers, ...body.headers },
    payload: body.payload,
  });

describe('POST /api/reports with photos (multipart)', () => {
  it('stores the report and its photos together; a 3 MB photo is fine; a retry stores nothing more', async () => {
    const big = await png(1000, 1000);
    expect(big.length).toBeGreaterThan(2_900_000);
    const id = randomUUID();
    const res = await post(
      form(report({ id }), [
        { bytes: big, name: 'a.png' },
        { bytes: await png(64, 48), name: 'b.png' },
      ]),
    );
    expect(res.statusCode).toBe(201);
    const rows = await t.database.query<{ visibility: string; width: number; position: number }>(
      'select visibility, width, position from report_photos where report_id = $1 order by position',
      [id],
    );
    expect(rows).toEqual([
      { visibility: 'pending', width: 1000, position: 0 },
      { visibility: 'pending', width: 64, position: 1 },
    ]);
    expect(await storedFiles()).toBe(4); // two photos, two thumbnails
    const again = await post(form(report({ id }), [{ bytes: await png(64, 48), name: 'b.png' }]));
    expect(again.statusCode).toBe(200);
    expect(await storedFiles()).toBe(4);
    expect(await countRows(t, 'report_photos', id)).toBe(2);
  });

  it('refuses what is not an image, too many photos or unknown fields, storing nothing', async () => {
    const reports = await countRows(t, 'reports');
    const files = await storedFiles();
    const notImage = await post(form(report(), [{ bytes: Buffer.from('%PDF-1.4 not an image'), name: 'x.jpg' }]));
    expect(notImage.statusCode).toBe(415);
    const six = await Promise.all(Array.from({ length: 6 }, () => png(8, 8)));
    const tooMany = await post(
      form(
        report(),
        six.map((bytes, i) => ({ bytes, name: `${i}.png` })),
      ),
    );
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.json().error.fields).toHaveProperty('photos');
    const odd = await post(form(report(), [{ bytes: await png(8, 8), name: 'a.png', field: 'file' }]));
    expect(odd.statusCode).toBe(400);
    const badJson = await post(form(report({ lat: 200 }), []));
    expect(badJson.statusCode).toBe(400);
    expect(badJson.json().error.fields).toHaveProperty('lat');
    expect(await countRows(t, 'reports')).toBe(reports);
    expect(await storedFiles()).toBe(files);
  });

  it('removes the files when the report cannot be written', async () => {
    const files = await storedFiles();
    await t.database.query(
      `create or replace function fail_photo() returns trigger language plpgsql as $$ begin raise exception 'forced'; end $$`,
    );
    await t.database.query(
      'create trigger fail_photo before insert on report_photos for each row execute function fail_photo()',
    );
    try {
      const res = await post(
        form(report({ description: 'Sẽ thất bại' }), [{ bytes: await png(32, 32), name: 'a.png' }]),
      );
      expect(res.statusCode).toBe(500);
    } finally {
      await t.database.query('drop trigger fail_photo on report_photos');
    }
    expect(await storedFiles()).toBe(files);
    const [row] = await t.database.query<{ n: number }>(
      "select count(*)::int as n from reports where description = 'Sẽ thất bại'",
    );
    expect(row.n).toBe(0);
  });

  it('an officer answers with photos (kind answer); someone else’s answer stores nothing', async () => {
    const created = await post(form(report({ description: 'Đèn tín hiệu hỏng.' }), []));
    const id = created.json().id;
    const officer = await person(t, 'handling_officer', { handlingUnitCode: 'ubnd-05569' });
    const stranger = await person(t, 'handling_officer', { handlingUnitCode: 'ubnd-05443' });
    await t.app.inject({ method: 'POST', url: `/api/reports/${id}/accept`, headers: officer.headers, payload: {} });
    const body = form({ text: 'Đã thay đèn mới.' }, [{ bytes: await png(40, 30), name: 'after.png' }], 'answer');
    const files = await storedFiles();
    const refused = await t.app.inject({
      method: 'POST',
      url: `/api/reports/${id}/answer`,
      headers: { ...stranger.headers, ...body.headers },
      payload: body.payload,
    });
    expect(refused.statusCode).toBe(403);
    expect(await storedFiles()).toBe(files);
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/reports/${id}/answer`,
      headers: { ...officer.headers, ...body.headers },
      payload: body.payload,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'resolved', answerText: 'Đã thay đèn mới.' });
    const rows = await t.database.query<{ kind: string }>('select kind from report_photos where report_id = $1', [id]);
    expect(rows).toEqual([{ kind: 'answer' }]);
    expect(await storedFiles()).toBe(files + 2);
  });
});
