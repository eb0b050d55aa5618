/**
 * Permission matrix of every report endpoint: each role × a report inside and outside the actor's scope (the
 * report is in Xã Định Hoá, 05569; "out" actors hold the same role for Phường Phan Đình Phùng, 05443). A refused
 * transition leaves the report as it was.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/harness.js';
import { act, categoryId, DINH_HOA, get, handlingUnitId, type Person, person, submit } from './test-support.js';

type Who =
  | 'anonymous'
  | 'reporter'
  | 'other_citizen'
  | 'team_in'
  | 'team_out'
  | 'officer_commune'
  | 'officer_other'
  | 'commune_admin_in'
  | 'commune_admin_out'
  | 'province_admin';
const WHO: Who[] = [
  'anonymous',
  'reporter',
  'other_citizen',
  'team_in',
  'team_out',
  'officer_commune',
  'officer_other',
  'commune_admin_in',
  'commune_admin_out',
  'province_admin',
];

let t: TestApp;
const people = {} as Record<Who, Person | null>;
let giaoThong: string;
let agencyId: string;

beforeAll(async () => {
  t = await createTestApp();
  people.anonymous = null;
  people.reporter = await person(t, 'citizen');
  people.other_citizen = await person(t, 'citizen');
  people.team_in = await person(t, 'team_member', { unitCode: '05569' });
  people.team_out = await person(t, 'team_member', { unitCode: '05443' });
  people.officer_commune = await person(t, 'handling_officer', { handlingUnitCode: 'ubnd-05569' });
  people.officer_other = await person(t, 'handling_officer', { handlingUnitCode: 'ubnd-05443' });
  people.commune_admin_in = await person(t, 'commune_admin', { unitCode: '05569' });
  people.commune_admin_out = await person(t, 'commune_admin', { unitCode: '05443' });
  people.province_admin = await person(t, 'province_admin', { unitCode: '19' });
  giaoThong = await categoryId(t, 'giao-thong');
  agencyId = await handlingUnitId(t, 'ubnd-19');
});
afterAll(() => t.close());

type State = 'pending' | 'asked' | 'distributed' | 'resolved';
async function reportIn(state: State): Promise<string> {
  const res = await submit(t, people.reporter, {
    categoryId: giaoThong,
    description: 'Đường ngập nước sau mưa.',
    lat: DINH_HOA.lat,
    lng: DINH_HOA.lng,
  });
  const id = res.json().id as string;
  const screener = people.officer_commune;
  if (state === 'asked') await act(t, screener, id, 'request-information', { question: 'Ở đoạn nào?' });
  if (state === 'distributed' || state === 'resolved') await act(t, screener, id, 'accept');
  if (state === 'resolved') await act(t, screener, id, 'answer', { text: 'Đã khơi thông cống.' });
  return id;
}
const snapshot = async (id: string) =>
  JSON.stringify(
    await t.database.query(
      'select status, handling_unit_id, rating, reopen_count, (select count(*)::int from report_events e where e.report_id = r.id) as events from reports r where id = $1',
      [id],
    ),
  );

const staffIn: Who[] = ['officer_commune', 'commune_admin_in', 'province_admin'];
const workers: Who[] = ['officer_commune', 'province_admin'];
const only = (ok: Who[], okStatus = 200) =>
  Object.fromEntries(WHO.map((w) => [w, w === 'anonymous' ? 401 : ok.includes(w) ? okStatus : 403])) as Record<
    Who,
    number
  >;

const TRANSITIONS: { name: string; state: State; body: () => object; expect: Record<Who, number> }[] = [
  { name: 'accept', state: 'pending', body: () => ({}), expect: only(staffIn) },
  { name: 'request-information', state: 'pending', body: () => ({ question: 'Ảnh rõ hơn?' }), expect: only(staffIn) },
  { name: 'cancel', state: 'pending', body: () => ({ reason: 'ineligible' }), expect: only(staffIn) },
  { name: 'notes', state: 'pending', body: () => ({ text: 'Ghi chú nội bộ.' }), expect: only(staffIn) },
  { name: 'provide-information', state: 'asked', body: () => ({ text: 'Đoạn gần cầu.' }), expect: only(['reporter']) },
  {
    name: 'forward',
    state: 'distributed',
    body: () => ({ handlingUnitId: agencyId, reason: 'Vượt thẩm quyền xã.' }),
    expect: only(workers),
  },
  { name: 'answer', state: 'distributed', body: () => ({ text: 'Đã xử lý.' }), expect: only(workers) },
  { name: 'reopen', state: 'resolved', body: () => ({ reason: 'Chưa xong.' }), expect: only(['reporter']) },
  { name: 'rate', state: 'resolved', body: () => ({ rating: 5 }), expect: only(['reporter']) },
];

describe.each(TRANSITIONS)('POST /api/reports/:id/$name', ({ name, state, body, expect: expected }) => {
  it.each(WHO)('%s', async (who) => {
    const id = await reportIn(state);
    const before = await snapshot(id);
    const res = await act(t, people[who], id, name, body());
    expect(res.statusCode).toBe(expected[who]);
    if (res.statusCode !== 200) expect(await snapshot(id)).toBe(before);
    else expect(res.json().private === null).toBe(who === 'reporter');
  });
});

describe('GET /api/reports/:id', () => {
  const expected: Record<Who, number | 'private'> = {
    ...only([]),
    anonymous: 401,
    reporter: 200,
    other_citizen: 404,
    team_in: 404,
    team_out: 404,
    officer_commune: 'private',
    officer_other: 404,
    commune_admin_in: 'private',
    commune_admin_out: 404,
    province_admin: 'private',
  };
  it.each(WHO)('%s', async (who) => {
    const id = await reportIn('pending');
    const res = await get(t, people[who], `/api/reports/${id}`);
    const want = expected[who];
    expect(res.statusCode).toBe(want === 'private' ? 200 : want);
    if (res.statusCode === 200) expect(res.json().private !== null).toBe(want === 'private');
  });
});

describe('POST /api/reports by channel', () => {
  const body = (channel: string) => ({
    categoryId: giaoThong,
    description: 'Phản ánh qua kênh khác.',
    lat: DINH_HOA.lat,
    lng: DINH_HOA.lng,
    channel,
  });
  const cases: { channel: string; expect: Record<Who, number> }[] = [
    {
      channel: 'app',
      expect: only(
        WHO.filter((w) => w !== 'anonymous'),
        201,
      ),
    },
    { channel: 'assisted', expect: only(['team_in'], 201) },
    { channel: 'hotline', expect: only(['officer_commune', 'commune_admin_in', 'province_admin'], 201) },
    { channel: 'open311', expect: only([], 201) },
  ];
  describe.each(cases)('$channel', ({ channel, expect: expected }) => {
    it.each(WHO)('%s', async (who) => {
      const res = await submit(t, people[who], body(channel));
      expect(res.statusCode).toBe(expected[who]);
    });
  });
});

describe('lists', () => {
  it.each(WHO)('GET /api/reports/inbox?unit=ubnd-05569 as %s', async (who) => {
    const res = await get(t, people[who], '/api/reports/inbox?unit=ubnd-05569');
    expect(res.statusCode).toBe(only(workers)[who]);
  });

  it.each(WHO)('GET /api/reports/screening as %s', async (who) => {
    const id = await reportIn('pending');
    const res = await get(t, people[who], '/api/reports/screening?limit=100');
    const sees = ['officer_commune', 'commune_admin_in', 'province_admin'].includes(who);
    const listsOthers = ['officer_other', 'commune_admin_out'].includes(who);
    expect(res.statusCode).toBe(who === 'anonymous' ? 401 : sees || listsOthers ? 200 : 403);
    if (res.statusCode === 200) expect(res.json().items.some((r: { id: string }) => r.id === id)).toBe(sees);
  });

  it.each(WHO)('GET /api/reports/mine and /duplicates as %s', async (who) => {
    const mine = await get(t, people[who], '/api/reports/mine');
    expect(mine.statusCode).toBe(who === 'anonymous' ? 401 : 200);
    if (who !== 'reporter' && mine.statusCode === 200)
      for (const item of mine.json().items) expect(item).not.toHaveProperty('reporterName');
    const dup = await get(
      t,
      people[who],
      `/api/reports/duplicates?lat=${DINH_HOA.lat}&lng=${DINH_HOA.lng}&categoryId=${giaoThong}`,
    );
    expect(dup.statusCode).toBe(who === 'anonymous' ? 401 : 200);
  });

  it.each(WHO)('POST /api/reports/bulk (accept) as %s', async (who) => {
    const id = await reportIn('pending');
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/reports/bulk',
      headers: people[who]?.headers ?? {},
      payload: { ids: [id], action: 'accept' },
    });
    if (who === 'anonymous') return expect(res.statusCode).toBe(401);
    expect(res.statusCode).toBe(200);
    const ok = staffIn.includes(who);
    expect(res.json().done).toEqual(ok ? [id] : []);
    if (!ok) expect(res.json().failed[0].code).toBe('forbidden');
  });
});
