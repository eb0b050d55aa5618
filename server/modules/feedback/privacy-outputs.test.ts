import { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../test/factories.js';
import { createTestApp, type TestApp } from '../../test/harness.js';
import { createApiKeyService } from '../accounts/api-keys.js';
import { ANONYMOUS_REPORTER } from '../feedback-public/service.js';
import { act, categoryId, DINH_HOA, get, type Person, person, submit } from './test-support.js';

/**
 * Personal data on every way out, for every channel a report comes in by (app, assisted by a team member, hotline,
 * Zalo, e-mail and walk-in typed by an operator, Open311), with "show my name" on and off: the public report page,
 * the public list and map, Open311 GET (JSON and XML), the statistics exports, duplicate hints, and the log of the
 * server's own logger. Names show only on the public report page and only when the person chose so; phones never;
 * exact points of sensitive categories never (nor, in the log, any point).
 */
const lines: string[] = [];
const logStream = new Writable({
  write(chunk, _enc, done) {
    lines.push(String(chunk));
    done();
  },
});

let t: TestApp;
let admin: Person;
let team: Person;
let operator: Person;
let neighbours: Person[];
let giaoThong: string;
let anNinh: string;
let apiKey: string;

const CHANNELS = ['app', 'assisted', 'hotline', 'zalo', 'email', 'walk_in', 'open311'] as const;
type Channel = (typeof CHANNELS)[number];

interface Sent {
  channel: Channel;
  showName: boolean;
  sensitive: boolean;
  /** Whose name would show on the public page with "show my name" (null: no name was given). */
  name: string | null;
  phone: string;
  lat: number;
  lng: number;
  publicCode: string;
}
const sent: Sent[] = [];

let serial = 0;
/** A name and a phone nobody else has, so finding them anywhere means they leaked. */
function identity() {
  serial += 1;
  const n = String(serial).padStart(2, '0');
  return { name: `Lò Văn Riêngtư${n}`, phone: `0356${String(process.pid % 10000).padStart(4, '0')}${n}` };
}
/** A point with many decimals: non-sensitive reports at x.xx1…, sensitive ones ~1 km away. */
function point(sensitive: boolean) {
  const k = serial;
  return {
    lat: Number((DINH_HOA.lat + (sensitive ? 0.0101 : 0) + k * 0.000137 + 0.0000123).toFixed(7)),
    lng: Number((DINH_HOA.lng + (sensitive ? 0.0087 : 0) + k * 0.000113 + 0.0000456).toFixed(7)),
  };
}
/** How a coordinate would appear if it leaked: its first 6 decimals (~0.1 m). */
const coordText = (x: number) => x.toFixed(6);

async function send(channel: Channel, showName: boolean, sensitive: boolean, withName = true) {
  const who = identity();
  const at = point(sensitive);
  const categoryIdOf = sensitive ? anNinh : giaoThong;
  const description = `Phản ánh thử quyền riêng tư số ${serial} (${channel}).`;
  let publicCode: string;
  let name: string | null = who.name;
  if (channel === 'open311') {
    const res = await t.app.inject({
      method: 'POST',
      url: '/open311/v2/requests.json',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({
        api_key: apiKey,
        service_code: sensitive ? 'an-ninh-trat-tu' : 'giao-thong',
        lat: String(at.lat),
        long: String(at.lng),
        description,
        ...(withName ? { first_name: who.name.split(' ').at(-1)!, last_name: 'Lò Văn' } : {}),
        phone: who.phone,
      }).toString(),
    });
    expect(res.statusCode, res.body).toBe(200);
    publicCode = res.json()[0].service_request_id;
    showName = false; // Open311 has no such choice
  } else if (channel === 'app') {
    const user = await createUser(t.db, { fullName: who.name, phone: who.phone });
    const reporter = { id: user.id, headers: await t.sessionHeaders(user.id) };
    const res = await submit(t, reporter, { categoryId: categoryIdOf, description, ...at, showName });
    expect(res.statusCode, res.body).toBe(201);
    publicCode = res.json().publicCode;
  } else {
    const res = await submit(t, channel === 'assisted' ? team : operator, {
      categoryId: categoryIdOf,
      description,
      ...at,
      showName,
      channel,
      ...(withName ? { reporterName: who.name } : {}),
      reporterPhone: who.phone,
      consent: true,
    });
    expect(res.statusCode, res.body).toBe(201);
    publicCode = res.json().publicCode;
  }
  if (!withName) name = null;
  const [row] = await t.database.query<{ id: string }>('select id from reports where public_code = $1', [publicCode]);
  expect((await act(t, admin, row.id, 'accept')).statusCode).toBe(200);
  // Half are answered, half stay open (duplicate hints show open reports).
  if (serial % 2 === 0) expect((await act(t, admin, row.id, 'answer', { text: 'Đã xử lý.' })).statusCode).toBe(200);
  sent.push({ channel, showName, sensitive, name, phone: who.phone, ...at, publicCode });
}

beforeAll(async () => {
  t = await createTestApp({ LOG_LEVEL: 'trace' }, { logStream });
  admin = await person(t, 'province_admin', { unitCode: '19' });
  team = await person(t, 'team_member', { unitCode: '05569' });
  operator = await person(t, 'commune_admin', { unitCode: '05569' });
  neighbours = [await person(t, 'citizen'), await person(t, 'citizen'), await person(t, 'citizen')];
  giaoThong = await categoryId(t, 'giao-thong');
  anNinh = await categoryId(t, 'an-ninh-trat-tu');
  apiKey = (await createApiKeyService(t.db).create(null, { name: 'Ứng dụng 311', unitCode: '19', unitPath: '19' })).key;
  for (const channel of CHANNELS)
    for (const showName of [false, true])
      for (const sensitive of [false, true]) {
        await send(channel, showName, sensitive);
        // A contact who gave only a phone number, with "show my name": the page must not show the number instead.
        if (showName && channel !== 'app') await send(channel, showName, sensitive, false);
      }
  await t.runJobs(); // notifications log too
}, 300_000);
afterAll(() => t.close());

/** Every piece of personal data of a report that `text` holds. */
function leaks(text: string, r: Sent, allow: { name?: boolean; exactPoint?: boolean } = {}) {
  const found: string[] = [];
  if (r.name && !allow.name && text.includes(r.name)) found.push(`name of ${r.publicCode} (${r.channel})`);
  if (text.includes(r.phone) || text.includes(r.phone.slice(1))) found.push(`phone of ${r.publicCode} (${r.channel})`);
  if (!allow.exactPoint && (text.includes(coordText(r.lat)) || text.includes(coordText(r.lng))))
    found.push(`exact point of ${r.publicCode} (${r.channel})`);
  return found;
}
/** Exact points are public for ordinary categories (the map shows them), never for sensitive ones. */
const publicPoint = (r: Sent) => !r.sensitive;

describe('personal data on every way out', () => {
  it('covers every channel with "show my name" on and off', () => {
    for (const channel of CHANNELS) {
      expect(sent.some((r) => r.channel === channel && !r.showName)).toBe(true);
      if (channel !== 'open311') expect(sent.some((r) => r.channel === channel && r.showName)).toBe(true);
    }
  });

  it('the public report page: the name only by choice, never a phone, no exact point in sensitive categories', async () => {
    for (const r of sent) {
      const res = await get(t, null, `/api/public/reports/${r.publicCode}`);
      expect(res.statusCode).toBe(200);
      const page = res.json();
      const expected = r.showName && r.name ? r.name : ANONYMOUS_REPORTER;
      expect(page.reporterName, `${r.channel} showName=${r.showName} name=${!!r.name}`).toBe(expected);
      expect(leaks(res.body, r, { name: r.showName, exactPoint: publicPoint(r) })).toEqual([]);
      if (r.sensitive) expect(page.coarsened).toBe(true);
    }
  });

  it('the public list and map', async () => {
    const list = await get(t, null, '/api/public/reports?limit=100&commune=05569');
    expect(list.statusCode).toBe(200);
    const codes = list.json().items.map((i: { publicCode: string }) => i.publicCode);
    for (const r of sent) expect(codes).toContain(r.publicCode);
    const bbox = [DINH_HOA.lng - 0.05, DINH_HOA.lat - 0.05, DINH_HOA.lng + 0.05, DINH_HOA.lat + 0.05].join(',');
    const outputs = [list.body];
    for (const zoom of [13, 15, 17, 18]) {
      const map = await get(t, null, `/api/public/reports/map?bbox=${bbox}&zoom=${zoom}`);
      expect(map.statusCode, map.body).toBe(200);
      outputs.push(map.body);
    }
    for (const body of outputs)
      for (const r of sent) expect(leaks(body, r, { exactPoint: publicPoint(r) })).toEqual([]);
  });

  it('Open311 GET, JSON and XML, every request and one by one', async () => {
    const outputs: string[] = [];
    for (const format of ['json', 'xml']) {
      const all = await t.app.inject(`/open311/v2/requests.${format}`);
      expect(all.statusCode).toBe(200);
      outputs.push(all.body);
      for (const r of sent) {
        expect(all.body).toContain(r.publicCode);
        const one = await t.app.inject(`/open311/v2/requests/${r.publicCode}.${format}`);
        expect(one.statusCode).toBe(200);
        expect(leaks(one.body, r, { exactPoint: publicPoint(r) })).toEqual([]);
      }
    }
    for (const body of outputs)
      for (const r of sent) expect(leaks(body, r, { exactPoint: publicPoint(r) })).toEqual([]);
  });

  it('a sensitive report shows one public position everywhere: the same on the page, the map and Open311', async () => {
    for (const r of sent.filter((x) => x.sensitive)) {
      const page = (await get(t, null, `/api/public/reports/${r.publicCode}`)).json();
      const [o311] = (await t.app.inject(`/open311/v2/requests/${r.publicCode}.json`)).json();
      expect([o311.lat, o311.long], r.publicCode).toEqual([page.lat, page.lng]);
    }
  });

  it('the statistics exports (CSV and XLSX)', async () => {
    const csv = await t.app.inject('/api/feedback/stats.csv?unit=05569');
    expect(csv.statusCode).toBe(200);
    const xlsx = await t.app.inject('/api/feedback/stats.xlsx?unit=05569');
    expect(xlsx.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const cells: string[] = [];
    book.eachSheet((sheet) =>
      sheet.eachRow((row) => {
        row.eachCell((cell) => {
          cells.push(String(cell.value));
        });
      }),
    );
    expect(cells.length).toBeGreaterThan(10);
    for (const body of [csv.body, cells.join('\n')])
      for (const r of sent) expect(leaks(body, r, { exactPoint: true })).toEqual([]);
  });

  it('duplicate hints near each report', async () => {
    for (const r of sent) {
      const res = await t.app.inject({
        method: 'GET',
        url: `/api/reports/duplicates?lat=${r.lat + 0.0004}&lng=${r.lng}&categoryId=${r.sensitive ? anNinh : giaoThong}`,
        // Several neighbours and addresses: the look-ups stay under the rate limits.
        headers: neighbours[sent.indexOf(r) % neighbours.length].headers,
        remoteAddress: `10.9.0.${sent.indexOf(r)}`,
      });
      expect(res.statusCode).toBe(200);
      for (const s of sent) expect(leaks(res.body, s, { exactPoint: true })).toEqual([]);
      if (r.sensitive) expect(res.json().items).toEqual([]);
    }
  });

  it('the log: no name, phone or point of any report, whatever the channel', async () => {
    // Some failures too: a refused contact (no consent) and a refused Open311 request both carry personal data.
    const who = identity();
    const at = point(false);
    const refused = await submit(t, operator, {
      categoryId: giaoThong,
      description: 'Thiếu đồng ý.',
      ...at,
      channel: 'hotline',
      reporterName: who.name,
      reporterPhone: who.phone,
    });
    expect(refused.statusCode).toBe(400);
    const refused311 = await t.app.inject({
      method: 'POST',
      url: '/open311/v2/requests.json',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({
        api_key: apiKey,
        service_code: 'khong-co',
        lat: String(at.lat),
        long: String(at.lng),
        first_name: who.name,
        phone: who.phone,
      }).toString(),
    });
    expect(refused311.statusCode).toBe(404);
    await t.runJobs();
    const log = lines.join('');
    // The logger did write (requests, jobs): an empty log would prove nothing.
    expect(lines.length).toBeGreaterThan(sent.length * 3);
    expect(log).toContain('"statusCode":201');
    // Residents reached by phone (assisted, operator and Open311 reports) were sent SMS and Zalo messages, which the
    // development providers write to the log: masked.
    expect(log).toContain('SMS (development provider');
    expect(log).toMatch(/zalo/i);
    const all: Sent[] = [
      ...sent,
      {
        channel: 'hotline',
        showName: false,
        sensitive: false,
        name: who.name,
        phone: who.phone,
        ...at,
        publicCode: '-',
      },
    ];
    for (const r of all) expect(leaks(log, r)).toEqual([]);
  });
});
