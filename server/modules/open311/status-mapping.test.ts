import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPORT_STATUSES } from '../../../common/feedback.js';
import { createTestApp, type TestApp } from '../../test/harness.js';
import { act, categoryId, DINH_HOA, type Person, person, submit } from '../feedback/test-support.js';
import { OPEN311_STATUS } from './service.js';
import { parseXml, text } from './test-support.js';

/**
 * Open311's status for every internal state a report can be in, on reports made today through the API (so every
 * one is inside GET requests' default 90-day window): one by one in JSON and XML, and the status filter of the list.
 */
let t: TestApp;
let citizen: Person;
let admin: Person;
let giaoThong: string;

/** The product's rule, written out: pending and distributed are open, resolved and cancelled closed. */
const EXPECTED: Record<string, 'open' | 'closed'> = {
  pending: 'open',
  awaiting_information: 'open',
  distributed: 'open',
  forwarded: 'open',
  reopened: 'open',
  resolved: 'closed',
  rated: 'closed',
  cancelled_ineligible: 'closed',
  cancelled_outside_jurisdiction: 'closed',
  cancelled_duplicate: 'closed',
  cancelled_after_distribution: 'closed',
};
type State = keyof typeof EXPECTED;
const codes = {} as Record<State | 'spam' | 'withdrawn', string>;

beforeAll(async () => {
  t = await createTestApp();
  citizen = await person(t, 'citizen');
  admin = await person(t, 'province_admin', { unitCode: '19' });
  giaoThong = await categoryId(t, 'giao-thong');
  const [other] = await t.database.query<{ id: string }>("select id from handling_units where code = 'ubnd-05443'");
  let first = '';
  for (const state of [...Object.keys(EXPECTED), 'spam', 'withdrawn'] as (State | 'spam' | 'withdrawn')[]) {
    const res = await submit(t, citizen, {
      categoryId: giaoThong,
      description: `Trạng thái ${state}: cống hở nắp trên vỉa hè.`,
      lat: DINH_HOA.lat,
      lng: DINH_HOA.lng,
    });
    expect(res.statusCode).toBe(201);
    const { id, publicCode } = res.json();
    first ||= id;
    const run = async (who: Person, action: string, body: object = {}) =>
      expect((await act(t, who, id, action, body)).statusCode).toBe(200);
    const resolve = async () => {
      await run(admin, 'accept');
      await run(admin, 'answer', { text: 'Đã đậy nắp cống.' });
    };
    switch (state) {
      case 'pending':
        break;
      case 'awaiting_information':
        await run(admin, 'request-information', { question: 'Ở số nhà nào?' });
        break;
      case 'distributed':
        await run(admin, 'accept');
        break;
      case 'forwarded':
        await run(admin, 'accept');
        await run(admin, 'forward', { handlingUnitId: other.id, reason: 'Địa bàn khác.' });
        break;
      case 'reopened':
        await resolve();
        await run(citizen, 'reopen', { reason: 'Nắp lại bị mất.' });
        break;
      case 'resolved':
        await resolve();
        break;
      case 'rated':
        await resolve();
        await run(citizen, 'rate', { rating: 5 });
        break;
      case 'cancelled_ineligible':
        await run(admin, 'cancel', { reason: 'ineligible' });
        break;
      case 'cancelled_outside_jurisdiction':
        await run(admin, 'cancel', { reason: 'outside_jurisdiction' });
        break;
      case 'cancelled_duplicate':
        await run(admin, 'cancel', { reason: 'duplicate', duplicateOf: first });
        break;
      case 'cancelled_after_distribution':
        await run(admin, 'accept');
        await run(admin, 'cancel', { reason: 'ineligible' });
        break;
      case 'spam':
        await run(admin, 'cancel', { reason: 'spam' });
        break;
      case 'withdrawn':
        await run(citizen, 'withdraw');
        break;
    }
    codes[state] = publicCode;
  }
});
afterAll(() => t.close());

describe('Open311 status of every internal state', () => {
  it('the mapping table covers every internal status with the documented word', () => {
    expect(Object.keys(OPEN311_STATUS).sort()).toEqual([...REPORT_STATUSES].sort());
    expect(OPEN311_STATUS).toEqual({ pending: 'open', distributed: 'open', resolved: 'closed', cancelled: 'closed' });
  });

  it.each(Object.entries(EXPECTED))('%s → %s (JSON and XML, one by one)', async (state, status) => {
    const code = codes[state as State];
    const json = await t.app.inject(`/open311/v2/requests/${code}.json`);
    expect(json.statusCode, json.body).toBe(200);
    expect(json.json()[0]).toMatchObject({ service_request_id: code, status });
    const xml = await t.app.inject(`/open311/v2/requests/${code}.xml`);
    expect(xml.statusCode).toBe(200);
    const request = parseXml(xml.body).children[0];
    expect([text(request, 'service_request_id'), text(request, 'status')]).toEqual([code, status]);
  });

  it.each(['open', 'closed'])('GET requests?status=%s lists exactly the reports of that status', async (status) => {
    for (const format of ['json', 'xml']) {
      const res = await t.app.inject(`/open311/v2/requests.${format}?status=${status}`);
      expect(res.statusCode).toBe(200);
      const listed =
        format === 'json'
          ? res.json().map((r: { service_request_id: string }) => r.service_request_id)
          : parseXml(res.body).children.map((r) => text(r, 'service_request_id'));
      const expected = Object.entries(EXPECTED)
        .filter(([, s]) => s === status)
        .map(([state]) => codes[state as State]);
      expect([...listed].sort()).toEqual(expected.sort());
    }
  });

  it('the default list holds every state but spam and withdrawn (never screened), each with its status', async () => {
    const all = (await t.app.inject('/open311/v2/requests.json')).json() as {
      service_request_id: string;
      status: string;
    }[];
    const byCode = new Map(all.map((r) => [r.service_request_id, r.status]));
    for (const [state, status] of Object.entries(EXPECTED)) expect(byCode.get(codes[state as State])).toBe(status);
    for (const hidden of [codes.spam, codes.withdrawn]) {
      expect(byCode.has(hidden)).toBe(false);
      expect((await t.app.inject(`/open311/v2/requests/${hidden}.json`)).statusCode).toBe(404);
    }
  });
});
