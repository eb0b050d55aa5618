import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { DESCRIPTION_MAX, MAX_PHOTOS, REOPEN_DAYS, TEXT_MAX } from '../../../common/feedback.js';
import { createTestApp, type TestApp } from '../../test/harness.js';
import { createApiKeyService } from '../accounts/api-keys.js';
import { act, categoryId, countRows, DINH_HOA, type Person, person, submit } from './test-support.js';

/**
 * Every limit of the feedback API, on both sides: the last value allowed and the first one refused (rating, the
 * reopen window on a pinned clock, coordinates, text lengths, photo counts). Refused requests write nothing.
 */
let t: TestApp;
let dataDir: string;
let citizen: Person;
let operator: Person;
let screener: Person;
let giaoThong: string;
let apiKey: string;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'xaso-bounds-'));
  t = await createTestApp({ DATA_DIR: dataDir });
  citizen = await person(t, 'citizen');
  operator = await person(t, 'commune_admin', { unitCode: '05569' });
  screener = await person(t, 'handling_officer', { handlingUnitCode: 'ubnd-05569' });
  giaoThong = await categoryId(t, 'giao-thong');
  apiKey = (await createApiKeyService(t.db).create(null, { name: 'Biên', unitCode: '19', unitPath: '19' })).key;
});
afterAll(async () => {
  await t.close();
  await rm(dataDir, { recursive: true, force: true });
});
afterEach(() => {
  vi.useRealTimers();
});

const report = (extra: object = {}) => ({
  categoryId: giaoThong,
  description: 'Ổ gà sâu trước cổng trường tiểu học.',
  lat: DINH_HOA.lat,
  lng: DINH_HOA.lng,
  ...extra,
});
/** A Vietnamese letter repeated: one UTF-16 unit and three UTF-8 bytes each, so the limit is in characters. */
const letters = (n: number) => 'ệ'.repeat(n);
const reportCount = () => countRows(t, 'reports');

async function newReport(who: Person = citizen) {
  const res = await submit(t, who, report());
  expect(res.statusCode).toBe(201);
  return res.json().id as string;
}
async function resolvedReport() {
  const id = await newReport();
  expect((await act(t, screener, id, 'accept')).statusCode).toBe(200);
  expect((await act(t, screener, id, 'answer', { text: 'Đã vá.' })).statusCode).toBe(200);
  return id;
}
const rowOf = async (id: string) =>
  (await t.database.query<{ r: unknown }>('select to_jsonb(r) as r from reports r where id = $1', [id]))[0].r;

function expectRefused(res: { statusCode: number; body: string; json: () => unknown }, field: string) {
  expect(res.statusCode, res.body).toBe(400);
  expect((res.json() as { error: { fields: Record<string, string> } }).error.fields).toHaveProperty(field);
}

describe('rating 1–5', () => {
  it.each([1, 5])('%i is accepted', async (rating) => {
    const id = await resolvedReport();
    const res = await act(t, citizen, id, 'rate', { rating });
    expect(res.statusCode).toBe(200);
    expect(res.json().rating).toBe(rating);
  });

  it.each([0, 6, -1, 4.5])('%d is refused, naming the field, and nothing is recorded', async (rating) => {
    const id = await resolvedReport();
    const before = await rowOf(id);
    expectRefused(await act(t, citizen, id, 'rate', { rating }), 'rating');
    expect(await rowOf(id)).toEqual(before);
  });
});

describe(`reopening within ${REOPEN_DAYS} days (clock pinned)`, () => {
  const T0 = new Date('2026-12-01T03:00:00.000Z');
  const later = (ms: number) => new Date(T0.getTime() + ms);
  // The product's rule, written out: a change of REOPEN_DAYS must fail here.
  const WINDOW = 7 * 86_400_000;
  expect(REOPEN_DAYS).toBe(7);

  it.each([
    ['right after the answer', 0, 200],
    ['exactly 7 days after', WINDOW, 200],
    ['7 days and 1 second after', WINDOW + 1000, 409],
    ['7 days and 1 millisecond after', WINDOW + 1, 409],
    ['8 days after', WINDOW + 86_400_000, 409],
  ])('%s (+%i ms) → %i', async (_label, elapsed, status) => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(T0);
    const id = await resolvedReport();
    const [row] = await t.database.query<{ at: Date }>('select resolved_at as at from reports where id = $1', [id]);
    expect(new Date(row.at).toISOString()).toBe(T0.toISOString());
    vi.setSystemTime(later(elapsed));
    const before = await rowOf(id);
    const res = await act(t, citizen, id, 'reopen', { reason: 'Ổ gà lại xuất hiện.' });
    expect(res.statusCode, res.body).toBe(status);
    if (status === 200) expect(res.json()).toMatchObject({ status: 'distributed', reopenCount: 1 });
    else {
      expect(res.json().error.code).toBe('reopen_window_closed');
      expect(await rowOf(id)).toEqual(before);
    }
  });
});

describe('coordinates', () => {
  // A pin outside every commune is kept with the commune chosen by hand (gaps between boundaries); past the
  // world's edges it is refused.
  const withCommune = (lat: number, lng: number) =>
    report({ lat, lng, communeCode: '05569', address: 'Thôn Bản Quyên, xã Định Hóa' });

  it.each([
    [90, DINH_HOA.lng],
    [-90, DINH_HOA.lng],
    [DINH_HOA.lat, 180],
    [DINH_HOA.lat, -180],
  ])('lat %d, lng %d: on the edge, accepted', async (lat, lng) => {
    const res = await submit(t, citizen, withCommune(lat, lng));
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ lat, lng, communeCode: '05569' });
  });

  it.each([
    [90.0001, DINH_HOA.lng, 'lat'],
    [-90.0001, DINH_HOA.lng, 'lat'],
    [95, DINH_HOA.lng, 'lat'],
    [DINH_HOA.lat, 180.0001, 'lng'],
    [DINH_HOA.lat, -180.0001, 'lng'],
  ])('lat %d, lng %d: past the edge, refused naming %s; nothing stored', async (lat, lng, field) => {
    const before = await reportCount();
    expectRefused(await submit(t, citizen, withCommune(lat, lng)), field);
    expect(await reportCount()).toBe(before);
  });

  it.each([
    ['90', '105.59381', 200],
    ['-90', '105.59381', 200],
    ['21.9', '180', 200],
    ['21.9', '-180', 200],
    ['90.0001', '105.59381', 400],
    ['-90.0001', '105.59381', 400],
    ['21.9', '180.0001', 400],
    ['21.9', '-180.0001', 400],
  ])('duplicate hints at lat %s, lng %s → %i', async (lat, lng, status) => {
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/reports/duplicates?lat=${lat}&lng=${lng}&categoryId=${giaoThong}`,
      headers: citizen.headers,
    });
    expect(res.statusCode, res.body).toBe(status);
    if (status === 400)
      expect(Object.keys(res.json().error.fields)).toEqual([
        lat.startsWith('21') ? 'querystring.lng' : 'querystring.lat',
      ]);
  });

  it.each([
    ['90', 200, null],
    ['90.0001', 400, 'lat'],
    ['-90.0001', 400, 'lat'],
  ])('Open311 POST at lat %s → %i', async (lat, status, field) => {
    const before = await reportCount();
    const res = await t.app.inject({
      method: 'POST',
      url: '/open311/v2/requests.json',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({
        api_key: apiKey,
        service_code: 'giao-thong',
        lat,
        long: String(DINH_HOA.lng),
        address_string: 'Thôn Bản Quyên',
        address_id: '05569',
        description: 'Cầu tràn bị sạt.',
      }).toString(),
    });
    expect(res.statusCode, res.body).toBe(status);
    if (field) {
      expect(res.json()[0].description).toContain(field);
      expect(await reportCount()).toBe(before);
    } else expect(await reportCount()).toBe(before + 1);
  });
});

describe('text lengths: the maximum is accepted, one more is refused naming the field', () => {
  type Res = { statusCode: number; body: string; json: () => unknown };
  /** [field, max, set-up (a report in the right state, or nothing), the request with a text of n characters] */
  type Case = [string, number, () => Promise<string>, (id: string, n: number) => Promise<Res>];
  const none = async () => '';
  const accepted = async () => {
    const id = await newReport();
    await act(t, screener, id, 'accept');
    return id;
  };
  const hotline = (extra: object) => report({ channel: 'hotline', consent: true, ...extra });
  const cases: Case[] = [
    ['description', DESCRIPTION_MAX, none, (_, n) => submit(t, citizen, report({ description: letters(n) }))],
    ['address', 500, none, (_, n) => submit(t, citizen, report({ address: letters(n) }))],
    ['reporterName', 200, none, (_, n) => submit(t, operator, hotline({ reporterName: letters(n) }))],
    ['reporterPhone', 20, none, (_, n) => submit(t, operator, hotline({ reporterPhone: `09${'1'.repeat(n - 2)}` }))],
    [
      'question',
      TEXT_MAX,
      () => newReport(),
      (id, n) => act(t, screener, id, 'request-information', { question: letters(n) }),
    ],
    [
      'note',
      TEXT_MAX,
      () => newReport(),
      (id, n) => act(t, screener, id, 'cancel', { reason: 'ineligible', note: letters(n) }),
    ],
    ['text', TEXT_MAX, accepted, (id, n) => act(t, screener, id, 'answer', { text: letters(n) })],
    ['reason', TEXT_MAX, resolvedReport, (id, n) => act(t, citizen, id, 'reopen', { reason: letters(n) })],
    ['comment', TEXT_MAX, resolvedReport, (id, n) => act(t, citizen, id, 'rate', { rating: 3, comment: letters(n) })],
  ];

  it.each(cases)('%s: %i characters', async (_field, max, setUp, send) => {
    const ok = await send(await setUp(), max);
    expect(ok.statusCode, ok.body).toBeLessThan(300);
  });

  it.each(cases)('%s: %i + 1 characters refused, nothing written', async (field, max, setUp, send) => {
    const id = await setUp();
    const before = { reports: await reportCount(), events: await countRows(t, 'report_events') };
    expectRefused(await send(id, max + 1), field);
    expect({ reports: await reportCount(), events: await countRows(t, 'report_events') }).toEqual(before);
  });

  it('the reporter phone needs at least 8 characters', async () => {
    expectRefused(await submit(t, operator, hotline({ reporterPhone: '0912345' })), 'reporterPhone');
    expect((await submit(t, operator, hotline({ reporterPhone: '09123456' }))).statusCode).toBe(201);
  });
});

describe(`photos: ${MAX_PHOTOS} at most`, () => {
  const png = () =>
    sharp(randomBytes(8 * 8 * 3), { raw: { width: 8, height: 8, channels: 3 } })
      .png()
      .toBuffer();
  function form(field: string, json: object, files: Buffer[]) {
    const boundary = `----xaso${randomBytes(8).toString('hex')}`;
    const parts: Buffer[] = [
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${field}"\r\n\r\n${JSON.stringify(json)}\r\n`,
      ),
    ];
    for (const [i, bytes] of files.entries())
      parts.push(
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="photos"; filename="${i}.png"\r\nContent-Type: image/png\r\n\r\n`,
        ),
        bytes,
        Buffer.from('\r\n'),
      );
    parts.push(Buffer.from(`--${boundary}--\r\n`));
    return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
  }
  const photos = (n: number) => Promise.all(Array.from({ length: n }, png));

  it.each([
    [MAX_PHOTOS, 201],
    [MAX_PHOTOS + 1, 400],
  ])('a report with %i photos → %i', async (n, status) => {
    const before = { reports: await reportCount(), photos: await countRows(t, 'report_photos') };
    const body = form('report', report(), await photos(n));
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/reports',
      headers: { ...citizen.headers, ...body.headers },
      payload: body.payload,
    });
    expect(res.statusCode, res.body).toBe(status);
    if (status === 201) {
      expect(await countRows(t, 'report_photos', res.json().id)).toBe(n);
    } else {
      expect(Object.keys(res.json().error.fields)).toEqual(['photos']);
      expect({ reports: await reportCount(), photos: await countRows(t, 'report_photos') }).toEqual(before);
    }
  });

  it.each([
    [MAX_PHOTOS, 200],
    [MAX_PHOTOS + 1, 400],
  ])('an answer with %i photos → %i', async (n, status) => {
    const id = await newReport();
    await act(t, screener, id, 'accept');
    const before = await rowOf(id);
    const body = form('answer', { text: 'Đã vá xong.' }, await photos(n));
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/reports/${id}/answer`,
      headers: { ...screener.headers, ...body.headers },
      payload: body.payload,
    });
    expect(res.statusCode, res.body).toBe(status);
    if (status === 200) expect(await countRows(t, 'report_photos', id)).toBe(n);
    else {
      expect(Object.keys(res.json().error.fields)).toEqual(['photos']);
      expect(await countRows(t, 'report_photos', id)).toBe(0);
      expect(await rowOf(id)).toEqual(before);
    }
  });
});
