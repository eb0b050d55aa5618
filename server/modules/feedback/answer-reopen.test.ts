/**
 * Issue 7 (points 3–6, 15), through the API: a refused photo is named; an officer's answer photos are public at
 * once; staff read the rating and its comment in the history; a reopening sets a new deadline and shows in the
 * public timeline without its reason; GET /api/auth/session answers "nobody" with a 200.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/harness.js';
import { act, categoryId, DINH_HOA, get, type Person, person, submit } from './test-support.js';

let t: TestApp;
let dataDir: string;
let citizen: Person;
let officer: Person;
let giaoThong: string;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'xaso-answer-'));
  t = await createTestApp({ DATA_DIR: dataDir });
  citizen = await person(t, 'citizen');
  officer = await person(t, 'handling_officer', { handlingUnitCode: 'ubnd-05569' });
  giaoThong = await categoryId(t, 'giao-thong');
});
afterAll(async () => {
  await t.close();
  await rm(dataDir, { recursive: true, force: true });
});

/** A multipart body with one JSON field and `photos` files. */
function form(jsonField: string, json: object, files: { bytes: Buffer; name: string }[]) {
  const boundary = `----xaso${randomBytes(8).toString('hex')}`;
  const parts: Buffer[] = [
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="${jsonField}"\r\n\r\n${JSON.stringify(json)}\r\n`,
    ),
  ];
  for (const f of files)
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="photos"; filename="${f.name}"\r\nContent-Type: image/jpeg\r\n\r\n`,
      ),
      f.bytes,
      Buffer.from('\r\n'),
    );
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

const jpeg = () =>
  sharp({ create: { width: 64, height: 48, channels: 3, background: '#777' } })
    .jpeg()
    .toBuffer();
const report = () => ({
  categoryId: giaoThong,
  description: 'Mặt đường sụt lún trước cổng trường.',
  lat: DINH_HOA.lat,
  lng: DINH_HOA.lng,
});

async function newReport() {
  const res = await submit(t, citizen, report());
  expect(res.statusCode).toBe(201);
  return res.json() as { id: string; publicCode: string };
}

/** Submitted, accepted and answered with one photo by the commune committee's officer. */
async function answeredReport() {
  const r = await newReport();
  expect((await act(t, officer, r.id, 'accept')).statusCode).toBe(200);
  const body = form('answer', { text: 'Đã san lấp mặt đường.' }, [{ bytes: await jpeg(), name: 'sau.jpg' }]);
  const res = await t.app.inject({
    method: 'POST',
    url: `/api/reports/${r.id}/answer`,
    headers: { ...officer.headers, ...body.headers },
    payload: body.payload,
  });
  expect(res.statusCode).toBe(200);
  return r;
}

describe('a refused photo is named (issue 7.3)', () => {
  it('415 says which photo, by number and file name, in Vietnamese and English, with the field photos[i]', async () => {
    const files = [
      { bytes: await jpeg(), name: 'that.jpg' },
      { bytes: Buffer.from('Đây là một tệp văn bản, không phải ảnh.\n'), name: 'fake.jpg' },
    ];
    const vi = form('report', report(), files);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/reports',
      headers: { ...citizen.headers, ...vi.headers },
      payload: vi.payload,
    });
    expect(res.statusCode).toBe(415);
    expect(res.json().error).toEqual({
      code: 'unsupported_image',
      message: 'Ảnh 2 (fake.jpg): tệp không phải ảnh JPEG, PNG, WebP, HEIC hoặc AVIF.',
      fields: { 'photos[1]': 'Tệp không phải ảnh JPEG, PNG, WebP, HEIC hoặc AVIF.' },
    });
    const en = form('report', report(), files);
    const inEnglish = await t.app.inject({
      method: 'POST',
      url: '/api/reports',
      headers: { ...citizen.headers, ...en.headers, 'accept-language': 'en' },
      payload: en.payload,
    });
    expect(inEnglish.json().error.message).toBe(
      'Photo 2 (fake.jpg): the file is not a JPEG, PNG, WebP, HEIC or AVIF image.',
    );
    expect(inEnglish.json().error.fields).toEqual({
      'photos[1]': 'The file is not a JPEG, PNG, WebP, HEIC or AVIF image.',
    });
  });
});

describe("an officer's answer photos are public at once (issue 7.6)", () => {
  it('the public page shows the answer photo with no approval; staff may still hide it', async () => {
    const r = await answeredReport();
    const pub = (await get(t, null, `/api/public/reports/${r.publicCode}`)).json();
    expect(pub.photos.map((p: { kind: string }) => p.kind)).toEqual(['answer']);
    const staffPhotos = (await get(t, officer, `/api/reports/${r.id}/photos`)).json();
    const answer = staffPhotos.items.find((p: { kind: string }) => p.kind === 'answer');
    expect(answer.visibility).toBe('public');
    const hide = await t.app.inject({
      method: 'PATCH',
      url: `/api/reports/${r.id}/photos/${answer.id}`,
      headers: officer.headers,
      payload: { visibility: 'hidden' },
    });
    expect(hide.statusCode).toBe(200);
    expect((await get(t, null, `/api/public/reports/${r.publicCode}`)).json().photos).toEqual([]);
  });
});

describe('rating and reopening in the history (issue 7.4, 7.5)', () => {
  it('staff read the stars and the comment of a rating, which the public timeline leaves out', async () => {
    const r = await answeredReport();
    const rated = await act(t, citizen, r.id, 'rate', { rating: 2, comment: 'Mới san tạm, vẫn còn lún.' });
    expect(rated.statusCode).toBe(200);
    const seen = (await get(t, officer, `/api/reports/${r.id}`)).json();
    expect(seen.rating).toBe(2);
    expect(seen.events.at(-1)).toMatchObject({
      type: 'rated',
      by: 'reporter',
      rating: 2,
      reason: 'Mới san tạm, vẫn còn lún.',
      public: false,
    });
    const pub = (await get(t, null, `/api/public/reports/${r.publicCode}`)).json();
    expect(pub.timeline.map((e: { type: string }) => e.type)).not.toContain('rated');
    expect(JSON.stringify(pub)).not.toContain('vẫn còn lún');
  });

  it('a reopening sets a new deadline counted from the reopening; the public timeline shows it, not its reason', async () => {
    const r = await answeredReport();
    // The first deadline is long past: the reopened report must not carry it (it would be overdue at once).
    const old = new Date(Date.now() - 30 * 86_400_000);
    await t.database.query('update reports set due_at = $1 where id = $2', [old, r.id]);
    const before = Date.now();
    const res = await act(t, citizen, r.id, 'reopen', { reason: 'Nhà tôi số 12, đường vẫn lún sau mưa.' });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.status).toBe('distributed');
    const due = new Date(body.dueAt).getTime();
    expect(due).toBeGreaterThan(before + 86_400_000); // at least one working day ahead of the reopening
    expect(body.events.at(-1)).toMatchObject({ type: 'reopened', dueAt: body.dueAt, by: 'reporter' });
    const list = (await get(t, officer, '/api/reports/inbox')).json();
    expect(list.items.find((i: { id: string }) => i.id === r.id)).toMatchObject({ overdue: false });

    const pub = (await get(t, null, `/api/public/reports/${r.publicCode}`)).json();
    expect(pub.timeline.map((e: { type: string }) => e.type)).toEqual([
      'submitted',
      'accepted',
      'answered',
      'reopened',
    ]);
    expect(JSON.stringify(pub)).not.toContain('Nhà tôi số 12');
  });
});

describe('GET /api/auth/session (issue 7.15)', () => {
  it('answers 200 { me: null } to someone not signed in, and the person with a session', async () => {
    const anon = await t.app.inject('/api/auth/session');
    expect([anon.statusCode, anon.json()]).toEqual([200, { me: null }]);
    const mine = await get(t, citizen, '/api/auth/session');
    expect(mine.statusCode).toBe(200);
    expect(mine.json().me.user.id).toBe(citizen.id);
    expect(mine.json().me.csrfToken).toEqual(expect.any(String));
    // /api/auth/me keeps its 401 for API clients.
    expect((await t.app.inject('/api/auth/me')).statusCode).toBe(401);
  });
});

describe('GET /api/reports/queues: the lists each role can open (issue 7.2)', () => {
  it('says so for each role, and every list it names answers 200 (the others 403)', async () => {
    await t.database.query(
      `insert into handling_units (code, name, kind, unit_code, province_code, parent_id)
       values ('so-thu-q', 'Sở thử', 'department', '19', '19', (select id from handling_units where code = 'ubnd-19'))`,
    );
    const cases: [string, Person, { screening: boolean; inbox: boolean }][] = [
      ['commune committee officer', officer, { screening: true, inbox: true }],
      [
        'commune administrator',
        await person(t, 'commune_admin', { unitCode: '05569' }),
        { screening: true, inbox: false },
      ],
      [
        "a department's officer",
        await person(t, 'handling_officer', { handlingUnitCode: 'so-thu-q' }),
        { screening: false, inbox: true },
      ],
      [
        'province administrator',
        await person(t, 'province_admin', { unitCode: '19' }),
        { screening: true, inbox: false },
      ],
      ['citizen', citizen, { screening: false, inbox: false }],
    ];
    for (const [who, p, expected] of cases) {
      const res = await get(t, p, '/api/reports/queues');
      expect([res.statusCode, res.json()], who).toEqual([200, expected]);
      for (const list of ['screening', 'inbox'] as const) {
        const opened = await get(t, p, `/api/reports/${list}`);
        expect(opened.statusCode, `${who} ${list}`).toBe(expected[list] ? 200 : 403);
      }
    }
    expect((await get(t, null, '/api/reports/queues')).statusCode).toBe(401);
  });
});

describe('statistics period (issue 7.14)', () => {
  it('a from-date after the to-date is refused on "to", saying so (the web says it before asking)', async () => {
    const res = await get(t, null, '/api/feedback/stats?from=2025-03-10&to=2025-03-01');
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields).toEqual({ to: 'Ngày kết thúc phải sau ngày bắt đầu.' });
    expect((await get(t, null, '/api/feedback/stats?from=2025-03-01&to=2025-03-01')).statusCode).toBe(200);
  });
});

describe('field errors in plain words (issue 7.14)', () => {
  it('a missing field asks for it; a bad e-mail address says so, in Vietnamese and English', async () => {
    const email = await t.app.inject({
      method: 'PATCH',
      url: '/api/auth/me',
      headers: citizen.headers,
      payload: { email: 'minh@' },
    });
    expect(email.statusCode).toBe(400);
    expect(email.json().error.fields).toEqual({ email: 'Email không đúng dạng.' });
    const inEnglish = await t.app.inject({
      method: 'PATCH',
      url: '/api/auth/me',
      headers: { ...citizen.headers, 'accept-language': 'en' },
      payload: { email: 'minh@' },
    });
    expect(inEnglish.json().error.fields).toEqual({ email: 'This is not a valid e-mail address.' });
    const missing = await submit(t, citizen, { lat: DINH_HOA.lat, lng: DINH_HOA.lng });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.fields).toMatchObject({
      categoryId: 'Vui lòng nhập thông tin này.',
      description: 'Vui lòng nhập thông tin này.',
    });
  });
});
