/**
 * What a citizen can do with their own report (issue 7, point 12): answer a request for more information with
 * photos, and withdraw the report while it is not yet accepted; nobody else may, and a withdrawn report keeps the
 * statistics partitioned (it counts as cancelled) without ever becoming public.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/harness.js';
import {
  act,
  categoryId,
  countRows,
  DINH_HOA,
  get,
  type Person,
  person,
  statsByStatus,
  submit,
} from './test-support.js';

let t: TestApp;
let dataDir: string;
let citizen: Person;
let other: Person;
let officer: Person;
let giaoThong: string;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'xaso-citizen-'));
  t = await createTestApp({ DATA_DIR: dataDir });
  citizen = await person(t, 'citizen');
  other = await person(t, 'citizen');
  officer = await person(t, 'handling_officer', { handlingUnitCode: 'ubnd-05569' });
  giaoThong = await categoryId(t, 'giao-thong');
});
afterAll(async () => {
  await t.close();
  await rm(dataDir, { recursive: true, force: true });
});

const png = (w: number, h: number) =>
  sharp(randomBytes(w * h * 3), { raw: { width: w, height: h, channels: 3 } })
    .png()
    .toBuffer();

/** multipart/form-data with one JSON field and `photos` files. */
function form(field: string, json: object, files: Buffer[]) {
  const boundary = `----xaso${randomBytes(8).toString('hex')}`;
  const parts: Buffer[] = [
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${field}"\r\n\r\n${JSON.stringify(json)}\r\n`),
  ];
  files.forEach((bytes, i) => {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="photos"; filename="anh-${i + 1}.png"\r\nContent-Type: image/png\r\n\r\n`,
      ),
      bytes,
      Buffer.from('\r\n'),
    );
  });
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

async function newReport(who = citizen) {
  const res = await submit(t, who, {
    categoryId: giaoThong,
    description: 'Ổ gà sâu giữa đường liên xóm.',
    lat: DINH_HOA.lat,
    lng: DINH_HOA.lng,
  });
  expect(res.statusCode).toBe(201);
  return res.json() as { id: string; publicCode: string };
}

const photosOf = (id: string) =>
  t.database.query<{ kind: string; visibility: string; position: number }>(
    'select kind, visibility, position from report_photos where report_id = $1 order by position',
    [id],
  );

describe('answering a request for more information with photos', () => {
  it('the reporter adds photos to their answer; they wait for an officer before anyone else sees them', async () => {
    const r = await newReport();
    expect((await act(t, officer, r.id, 'request-information', { question: 'Xin ảnh ổ gà rõ hơn.' })).statusCode).toBe(
      200,
    );
    const body = form('information', { text: 'Ảnh chụp sáng nay, ổ gà rộng khoảng 1 m.' }, [
      await png(64, 48),
      await png(48, 64),
    ]);
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/reports/${r.id}/provide-information`,
      headers: { ...citizen.headers, ...body.headers },
      payload: body.payload,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().events.at(-1)).toMatchObject({ type: 'information_provided', by: 'reporter' });
    expect(await photosOf(r.id)).toEqual([
      { kind: 'report', visibility: 'pending', position: 0 },
      { kind: 'report', visibility: 'pending', position: 1 },
    ]);
    // The screening officer sees them in the report's photos.
    const staffPhotos = await get(t, officer, `/api/reports/${r.id}/photos`);
    expect(staffPhotos.statusCode).toBe(200);
    expect(staffPhotos.json().items ?? staffPhotos.json()).toHaveLength(2);
  });

  it('JSON without photos still works; someone else may not answer, nor add photos', async () => {
    const r = await newReport();
    await act(t, officer, r.id, 'request-information', { question: 'Địa chỉ cụ thể ở đâu?' });
    const body = form('information', { text: 'Tôi cũng thấy ổ gà này.' }, [await png(16, 16)]);
    const intruder = await t.app.inject({
      method: 'POST',
      url: `/api/reports/${r.id}/provide-information`,
      headers: { ...other.headers, ...body.headers },
      payload: body.payload,
    });
    expect(intruder.statusCode).toBe(403);
    expect(await countRows(t, 'report_photos', r.id)).toBe(0);
    expect((await act(t, citizen, r.id, 'provide-information', { text: 'Trước cổng trường.' })).statusCode).toBe(200);
  });

  it('a file that is not an image is refused, naming the field, and nothing is kept', async () => {
    const r = await newReport();
    await act(t, officer, r.id, 'request-information', { question: 'Xin ảnh.' });
    const body = form('information', { text: 'Ảnh đây.' }, [Buffer.from('not an image at all')]);
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/reports/${r.id}/provide-information`,
      headers: { ...citizen.headers, ...body.headers },
      payload: body.payload,
    });
    expect(res.statusCode).toBeGreaterThanOrEqual(400);
    expect(res.statusCode).toBeLessThan(500);
    expect(await countRows(t, 'report_photos', r.id)).toBe(0);
    expect((await get(t, citizen, `/api/reports/${r.id}`)).json().events.at(-1).type).toBe('information_requested');
  });
});

describe('withdrawing a report', () => {
  it('the reporter withdraws a report not yet accepted: cancelled as "withdrawn", counted, never public', async () => {
    const before = await statsByStatus(t, DINH_HOA.code);
    const r = await newReport();
    const res = await act(t, citizen, r.id, 'withdraw', { note: 'Đã tự sửa xong.' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'cancelled', cancelReason: 'withdrawn' });
    expect(res.json().events.at(-1)).toMatchObject({ type: 'withdrawn', by: 'reporter' });
    // The statistics still partition what was received: one more received, one more cancelled.
    const after = await statsByStatus(t, DINH_HOA.code);
    expect(after.cancelled ?? 0).toBe((before.cancelled ?? 0) + 1);
    expect(after.pending ?? 0).toBe(before.pending ?? 0);
    const stats = (await t.app.inject('/api/feedback/stats?unit=05569')).json();
    expect(stats.pending + stats.distributed + stats.resolved + stats.cancelled).toBe(stats.received);
    expect(stats.cancelledByReason.withdrawn).toBeGreaterThanOrEqual(1);
    // It was never screened: not on the public page, the public list or Open311.
    expect((await t.app.inject(`/api/public/reports/${r.publicCode}`)).statusCode).toBe(404);
    const list = (await t.app.inject('/api/public/reports?status=cancelled&limit=100')).json();
    expect(JSON.stringify(list)).not.toContain(r.publicCode);
    expect((await t.app.inject(`/open311/v2/requests/${r.publicCode}.json`)).statusCode).toBe(404);
    const followIt = await t.app.inject({ method: 'POST', url: `/api/reports/${r.id}/follow`, headers: other.headers });
    expect(followIt.statusCode).toBe(404);
    const [cells] = await t.database.query<{ n: number }>(
      'select coalesce(sum(cancelled), 0)::int as n from report_map_cells where level = 17',
    );
    expect(cells.n).toBe(0);
  });

  it('after acceptance it is too late (409); someone else’s report is refused (403) and unchanged', async () => {
    const accepted = await newReport();
    expect((await act(t, officer, accepted.id, 'accept')).statusCode).toBe(200);
    const late = await act(t, citizen, accepted.id, 'withdraw', {});
    expect(late.statusCode).toBe(409);
    expect(late.json().error.code).toBe('invalid_transition');

    const theirs = await newReport(other);
    for (const who of [citizen, officer]) expect((await act(t, who, theirs.id, 'withdraw', {})).statusCode).toBe(403);
    expect((await act(t, null, theirs.id, 'withdraw', {})).statusCode).toBe(401);
    expect((await get(t, other, `/api/reports/${theirs.id}`)).json().status).toBe('pending');
  });

  it('an officer may not cancel with the reporter’s reason', async () => {
    const r = await newReport();
    const res = await act(t, officer, r.id, 'cancel', { reason: 'withdrawn' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields).toHaveProperty('reason');
  });
});
