import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { DUPLICATE_HINT_LIMITS, distanceBand } from '../../../common/feedback.js';
import { createTestApp, type TestApp } from '../../test/harness.js';
import { act, categoryId, DINH_HOA, get, type Person, person, submit } from './test-support.js';

/**
 * Duplicate hints (`GET /api/reports/duplicates` and `possibleDuplicates` of a submission) reveal only what the
 * public map shows: public open reports outside sensitive categories, at their public position, with a distance band
 * — plus the caller's own reports. Issue 8, finding 1.
 */
let t: TestApp;
let owner: Person;
let other: Person;
let screener: Person;
let giaoThong: string;
let anNinh: string;

beforeAll(async () => {
  t = await createTestApp();
  owner = await person(t, 'citizen');
  other = await person(t, 'citizen');
  screener = await person(t, 'handling_officer', { handlingUnitCode: 'ubnd-05569' });
  giaoThong = await categoryId(t, 'giao-thong');
  anNinh = await categoryId(t, 'an-ninh-trat-tu');
});
afterAll(() => t.close());
afterEach(() => {
  vi.useRealTimers();
});

/** Metres between two points (haversine, as the server computes it). */
function metres(a: { lat: number; lng: number }, b: { lat: number; lng: number }) {
  const rad = (x: number) => (x * Math.PI) / 180;
  const h =
    Math.sin(rad(b.lat - a.lat) / 2) ** 2 +
    Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(rad(b.lng - a.lng) / 2) ** 2;
  return 2 * 6_371_000 * Math.asin(Math.sqrt(h));
}

const hints = (who: Person, at: { lat: number; lng: number }, category: string, text?: string, ip?: string) =>
  t.app.inject({
    method: 'GET',
    url: `/api/reports/duplicates?lat=${at.lat}&lng=${at.lng}&categoryId=${category}${text === undefined ? '' : `&text=${encodeURIComponent(text)}`}`,
    headers: who.headers,
    ...(ip ? { remoteAddress: ip } : {}),
  });
const ids = (res: { json: () => { items: { id: string }[] } }) => res.json().items.map((d) => d.id);

/** A point a little off the public grid, so that a snapped position differs from the exact one. */
const at = (dLat: number, dLng: number) => ({ lat: DINH_HOA.lat + 0.00123 + dLat, lng: DINH_HOA.lng + 0.00077 + dLng });
/** Three query points ~100 m around a place (north, south-east, south-west): what trilateration needs. */
const around = (p: { lat: number; lng: number }) => [
  { lat: p.lat + 0.0009, lng: p.lng },
  { lat: p.lat - 0.00045, lng: p.lng + 0.0008 },
  { lat: p.lat - 0.00045, lng: p.lng - 0.0008 },
];

async function accepted(who: Person, body: object) {
  const res = await submit(t, who, body);
  expect(res.statusCode).toBe(201);
  const r = res.json();
  expect((await act(t, screener, r.id, 'accept')).statusCode).toBe(200);
  return r as { id: string; publicCode: string };
}

describe('hints locate nothing the public map does not show', () => {
  it('a report in a sensitive category: three queries around it return nothing; its reporter still finds it', async () => {
    const point = at(0, 0);
    const text = 'Nhóm thanh niên tụ tập đánh bạc ban đêm sau nhà văn hóa';
    const r = await accepted(owner, { categoryId: anNinh, description: text, ...point });
    for (const q of [...around(point), point]) {
      for (const s of [undefined, text, 'đánh bạc']) {
        const res = await hints(other, q, anNinh, s);
        expect(res.statusCode).toBe(200);
        expect(res.json().items).toEqual([]);
      }
    }
    // Nor in the answer to a submission nearby.
    const near = await submit(t, other, { categoryId: anNinh, description: text, ...around(point)[0] });
    expect(near.json().possibleDuplicates).toEqual([]);
    // Its own reporter is told of it (a band, no metres).
    const own = (await hints(owner, around(point)[0], anNinh, text)).json().items;
    expect(own.map((d: { id: string }) => d.id)).toContain(r.id);
    expect(own[0]).not.toHaveProperty('distanceM');
  });

  it('a normal report: bands, measured from its public position, are all three queries learn', async () => {
    const point = at(0.004, 0.004);
    const r = await accepted(owner, {
      categoryId: giaoThong,
      description: 'Cột đèn giao thông ở ngã ba bị nghiêng sắp đổ',
      ...point,
    });
    const pub = (await get(t, null, `/api/public/reports/${r.publicCode}`)).json();
    const queries = [...around(point), { lat: point.lat + 0.0003, lng: point.lng }];
    const bands = [];
    for (const q of queries) {
      const res = await hints(other, q, giaoThong);
      expect(res.statusCode).toBe(200);
      const hint = res.json().items.find((d: { id: string }) => d.id === r.id);
      expect(Object.keys(hint).sort()).toEqual(
        ['createdAt', 'description', 'distanceBand', 'id', 'publicCode', 'similarity', 'status'].sort(),
      );
      expect(hint.distanceBand).toBe(distanceBand(metres(q, pub)));
      bands.push(hint.distanceBand);
    }
    expect(bands).toEqual(['50_200m', '50_200m', '50_200m', 'under_50m']);
    // ~330 m away: not a hint at all.
    expect(ids(await hints(other, { lat: point.lat + 0.003, lng: point.lng }, giaoThong))).not.toContain(r.id);
  });

  it('the staff view of a report keeps metres from the exact point, sensitive and pending reports included', async () => {
    const point = at(0.008, 0);
    const first = await submit(t, owner, {
      categoryId: anNinh,
      description: 'Có người lạ theo dõi nhà dân trong ngõ nhiều đêm',
      ...point,
    });
    const second = await submit(t, other, {
      categoryId: anNinh,
      description: 'Có người lạ theo dõi nhà dân trong ngõ',
      lat: point.lat + 0.0009,
      lng: point.lng,
    });
    const res = await get(t, screener, `/api/reports/${second.json().id}/duplicates`);
    expect(res.statusCode).toBe(200);
    const hint = res.json().items.find((d: { id: string }) => d.id === first.json().id);
    expect(hint).toMatchObject({ status: 'pending', distanceBand: '50_200m' });
    expect(Math.abs(hint.distanceM - metres(point, { lat: point.lat + 0.0009, lng: point.lng }))).toBeLessThan(1);
  });
});

describe('unscreened reports of others take no part', () => {
  it("another's pending report matches no text and no place; the reporter's own does; public once accepted", async () => {
    const point = at(0.012, 0);
    const text = 'Biển báo cấm rẽ trái ở cầu Chợ Chu bị cây che khuất hoàn toàn';
    const pending = (await submit(t, owner, { categoryId: giaoThong, description: text, ...point })).json();
    for (const s of [text, 'biển báo cấm rẽ trái', 'cay che khuat', undefined])
      expect(ids(await hints(other, point, giaoThong, s))).not.toContain(pending.id);
    const second = await submit(t, other, { categoryId: giaoThong, description: text, ...point });
    expect(second.json().possibleDuplicates.map((d: { id: string }) => d.id)).not.toContain(pending.id);
    // The reporter's own, pending, is found with its text.
    const own = (await hints(owner, point, giaoThong, 'bien bao cam re trai cay che')).json().items;
    expect(own.find((d: { id: string }) => d.id === pending.id)).toMatchObject({
      status: 'pending',
      description: text,
      distanceBand: 'under_50m',
    });
    // Accepted, it is public: everyone's hint, text and all.
    expect((await act(t, screener, pending.id, 'accept')).statusCode).toBe(200);
    const now = (await hints(other, point, giaoThong, 'bien bao cam re trai')).json().items;
    expect(now.find((d: { id: string }) => d.id === pending.id)).toMatchObject({ description: text });
    // Cancelled or resolved reports are no longer open: no hint.
    expect((await act(t, screener, pending.id, 'cancel', { reason: 'ineligible' })).statusCode).toBe(200);
    expect(ids(await hints(other, point, giaoThong))).not.toContain(pending.id);
  });
});

describe('rate limits', () => {
  it(`${DUPLICATE_HINT_LIMITS.perAccountPerMinute} look-ups a minute per account, whatever the address`, async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date());
    const who = await person(t, 'citizen');
    const max = DUPLICATE_HINT_LIMITS.perAccountPerMinute;
    for (let i = 0; i < max; i++)
      expect((await hints(who, DINH_HOA, giaoThong, undefined, `10.1.${i}.1`)).statusCode).toBe(200);
    const refused = await hints(who, DINH_HOA, giaoThong, undefined, '10.1.250.1');
    expect(refused.statusCode).toBe(429);
    expect(refused.json().error.code).toBe('rate_limited');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(60);
    // Someone else is not held back; a minute later the account may ask again.
    expect((await hints(other, DINH_HOA, giaoThong, undefined, '10.1.251.1')).statusCode).toBe(200);
    vi.setSystemTime(Date.now() + 60_000);
    expect((await hints(who, DINH_HOA, giaoThong, undefined, '10.1.252.1')).statusCode).toBe(200);
  });

  it(`${DUPLICATE_HINT_LIMITS.perIpPerMinute} look-ups a minute per address, whatever the account`, async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date());
    const { perIpPerMinute, perAccountPerMinute } = DUPLICATE_HINT_LIMITS;
    const accounts = await Promise.all(
      Array.from({ length: Math.ceil(perIpPerMinute / perAccountPerMinute) + 1 }, () => person(t, 'citizen')),
    );
    const ip = '10.2.0.1';
    for (let i = 0; i < perIpPerMinute; i++) {
      const who = accounts[Math.floor(i / perAccountPerMinute)];
      expect((await hints(who, DINH_HOA, giaoThong, undefined, ip)).statusCode).toBe(200);
    }
    const fresh = accounts.at(-1)!;
    const refused = await hints(fresh, DINH_HOA, giaoThong, undefined, ip);
    expect(refused.statusCode).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    // The same account from another address is fine.
    expect((await hints(fresh, DINH_HOA, giaoThong, undefined, '10.2.0.2')).statusCode).toBe(200);
  });

  it('refuses people who are not signed in before counting them', async () => {
    expect((await get(t, null, `/api/reports/duplicates?lat=1&lng=1&categoryId=${giaoThong}`)).statusCode).toBe(401);
  });
});
