import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestApp, type TestApp } from '../../test/harness.js';
import { act, categoryId, DINH_HOA, get, handlingUnitId, type Person, person, submit } from './test-support.js';

let t: TestApp;
let citizen: Person;
let screener: Person;
let admin: Person;
let giaoThong: string;
let dienChieuSang: string;
let agency: { id: string; officer: Person };
let utility: { id: string; officer: Person };

async function insertUnit(code: string, kind: string) {
  const parent = await handlingUnitId(t, 'ubnd-19');
  const [row] = await t.database.query<{ id: string }>(
    `insert into handling_units (code, name, kind, unit_code, province_code, parent_id)
     values ($1, $2, $3, '19', '19', $4) returning id`,
    [code, `Đơn vị ${code}`, kind, parent],
  );
  return { id: row.id, officer: await person(t, 'handling_officer', { handlingUnitCode: code }) };
}

beforeAll(async () => {
  t = await createTestApp();
  citizen = await person(t, 'citizen');
  screener = await person(t, 'handling_officer', { handlingUnitCode: 'ubnd-05569' });
  admin = await person(t, 'province_admin', { unitCode: '19' });
  giaoThong = await categoryId(t, 'giao-thong');
  dienChieuSang = await categoryId(t, 'dien-chieu-sang');
  agency = await insertUnit('so-xd-thu', 'department');
  utility = await insertUnit('dien-luc-thu', 'utility');
});
afterAll(() => t.close());
afterEach(() => {
  vi.useRealTimers();
});

/** Friday 4 December 2026, 15:00 in Vietnam: a pinned clock for the deadline values. */
const FRIDAY = new Date('2026-12-04T08:00:00.000Z');
const pinClock = (at: Date) => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(at);
};

/** The deadline jobs of a report: when each runs. */
async function deadlineJobs(id: string) {
  const rows = await t.database.query<{ kind: string; run_at: Date }>(
    "select kind, run_at from jobs where kind in ('feedback.reminder', 'feedback.overdue') and payload->>'reportId' = $1 order by run_at",
    [id],
  );
  return rows.map((r) => [r.kind, new Date(r.run_at).toISOString()]);
}

async function newReport(extra: object = {}) {
  const res = await submit(t, citizen, {
    categoryId: giaoThong,
    description: 'Mặt đường bị sụt lún sau mưa lớn.',
    lat: DINH_HOA.lat,
    lng: DINH_HOA.lng,
    ...extra,
  });
  expect(res.statusCode).toBe(201);
  return res.json().id as string;
}

describe('routing on acceptance', () => {
  it('goes to the commune committee by default, with a deadline and the history event', async () => {
    pinClock(FRIDAY);
    const id = await newReport();
    const res = await act(t, screener, id, 'accept');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({
      status: 'distributed',
      statusLabel: { vi: 'Đã phân phối, đang chờ xử lý' },
      handlingUnit: { code: 'ubnd-05569' },
    });
    // Giao thông: 10 working days from a Friday afternoon → the end of Friday 18 December (Vietnam time).
    expect(body.dueAt).toBe('2026-12-18T17:00:00.000Z');
    expect(body.acceptedAt).toBe(FRIDAY.toISOString());
    // Reminded one working day before; escalated when it passes.
    expect(await deadlineJobs(id)).toEqual([
      ['feedback.reminder', '2026-12-17T17:00:00.000Z'],
      ['feedback.overdue', '2026-12-18T17:00:00.000Z'],
    ]);
    expect(body.events.at(-1)).toMatchObject({
      type: 'accepted',
      fromStatus: 'pending',
      toStatus: 'distributed',
      by: 'staff',
    });
    expect((await act(t, screener, id, 'accept')).statusCode).toBe(409);
  });

  it('commune rule > province rule > category default; the screener may override', async () => {
    await t.database.query('update feedback_categories set default_handling_unit_id = $1 where id = $2', [
      agency.id,
      dienChieuSang,
    ]);
    const byDefault = await newReport({ categoryId: dienChieuSang });
    expect((await act(t, screener, byDefault, 'accept')).json().handlingUnit.code).toBe('so-xd-thu');

    const rule = (communeCode: string | null, unit: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/feedback/routing-rules',
        headers: admin.headers,
        payload: { categoryId: dienChieuSang, communeCode, handlingUnitId: unit },
      });
    expect((await rule(null, agency.id)).statusCode).toBe(200);
    expect((await rule('05569', utility.id)).statusCode).toBe(200);
    const byCommuneRule = await newReport({ categoryId: dienChieuSang });
    expect((await act(t, screener, byCommuneRule, 'accept')).json().handlingUnit.code).toBe('dien-luc-thu');

    const overridden = await newReport({ categoryId: dienChieuSang });
    const res = await act(t, screener, overridden, 'accept', { handlingUnitId: await handlingUnitId(t, 'ubnd-05569') });
    expect(res.json().handlingUnit.code).toBe('ubnd-05569');
    const bad = await act(t, screener, await newReport(), 'accept', {
      handlingUnitId: await handlingUnitId(t, 'ubnd-01'),
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields).toHaveProperty('handlingUnitId');
  });
});

describe('the life of a report', () => {
  it('question → answer → screening, forward keeps the deadline, answer, rate once, reopen', async () => {
    const id = await newReport();
    expect((await act(t, citizen, id, 'provide-information', { text: 'Thêm ảnh' })).statusCode).toBe(409);
    const asked = await act(t, screener, id, 'request-information', { question: 'Xin cho biết số nhà gần nhất?' });
    expect(asked.json().status).toBe('pending');
    const waiting = (await get(t, screener, '/api/reports/screening?limit=100')).json().items;
    expect(waiting.find((r: { id: string }) => r.id === id).awaitingInformation).toBe(true);
    const answered = await act(t, citizen, id, 'provide-information', { text: 'Gần số nhà 12.' });
    expect(answered.statusCode).toBe(200);
    // Back in the screening queue.
    const queue = (await get(t, screener, '/api/reports/screening?limit=100')).json();
    expect(queue.items.find((r: { id: string }) => r.id === id).awaitingInformation).toBe(false);

    const accepted = (await act(t, screener, id, 'accept')).json();
    const forwarded = await act(t, screener, id, 'forward', {
      handlingUnitId: agency.id,
      reason: 'Thuộc thẩm quyền của Sở.',
    });
    expect(forwarded.statusCode).toBe(200);
    expect(forwarded.json()).toMatchObject({
      status: 'distributed',
      dueAt: accepted.dueAt,
      handlingUnit: { code: 'so-xd-thu' },
    });
    // The committee's officer no longer works it; the agency's officer does.
    expect((await act(t, screener, id, 'answer', { text: 'x' })).statusCode).toBe(403);
    const resolved = await act(t, agency.officer, id, 'answer', { text: 'Đã sửa xong mặt đường.' });
    expect(resolved.json()).toMatchObject({
      status: 'resolved',
      resolvedOnTime: true,
      answerText: 'Đã sửa xong mặt đường.',
    });

    expect((await act(t, citizen, id, 'rate', { rating: 6 })).statusCode).toBe(400);
    expect((await act(t, citizen, id, 'rate', { rating: 2, comment: 'Chậm.' })).json().rating).toBe(2);
    expect((await act(t, citizen, id, 'rate', { rating: 5 })).statusCode).toBe(409);

    const reopened = await act(t, citizen, id, 'reopen', { reason: 'Đường lại lún.' });
    expect(reopened.json()).toMatchObject({
      status: 'distributed',
      reopenCount: 1,
      rating: null,
      handlingUnit: { code: 'so-xd-thu' },
    });
    await act(t, agency.officer, id, 'answer', { text: 'Đã gia cố nền.' });
    expect((await act(t, citizen, id, 'rate', { rating: 4 })).json().rating).toBe(4); // once per resolution

    const history = (await get(t, citizen, `/api/reports/${id}`)).json().events.map((e: { type: string }) => e.type);
    expect(history).toEqual([
      'submitted',
      'information_requested',
      'information_provided',
      'accepted',
      'forwarded',
      'answered',
      'rated',
      'reopened',
      'answered',
      'rated',
    ]);
    const jobs = await t.database.query<{ n: number }>(
      "select count(*)::int as n from jobs where kind = 'feedback.event' and payload->>'reportId' = $1",
      [id],
    );
    expect(jobs[0].n).toBe(history.length);
  });

  it('a resolved report cannot be reopened after 7 days', async () => {
    const id = await newReport();
    await act(t, screener, id, 'accept');
    await act(t, screener, id, 'answer', { text: 'Đã xử lý.' });
    await t.database.query("update reports set resolved_at = now() - interval '8 days' where id = $1", [id]);
    const res = await act(t, citizen, id, 'reopen', { reason: 'Chưa xong.' });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('reopen_window_closed');
  });

  it('an answer after the deadline is not on time', async () => {
    const id = await newReport();
    await act(t, screener, id, 'accept');
    await t.database.query("update reports set due_at = now() - interval '1 hour' where id = $1", [id]);
    expect((await act(t, screener, id, 'answer', { text: 'Muộn.' })).json().resolvedOnTime).toBe(false);
  });

  it('cancels with a reason; a duplicate names the report it repeats', async () => {
    const first = await newReport();
    const dup = await newReport();
    const missing = await act(t, screener, dup, 'cancel', { reason: 'duplicate' });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.fields).toHaveProperty('duplicateOf');
    const res = await act(t, screener, dup, 'cancel', { reason: 'duplicate', duplicateOf: first });
    expect(res.json()).toMatchObject({ status: 'cancelled', cancelReason: 'duplicate', duplicateOf: first });
    expect((await act(t, screener, dup, 'cancel', { reason: 'spam' })).statusCode).toBe(409);
    expect((await act(t, screener, first, 'cancel', { reason: 'bogus' })).statusCode).toBe(400);
  });

  it('internal notes are for staff only', async () => {
    const id = await newReport();
    expect((await act(t, screener, id, 'notes', { text: 'Người này đã gọi điện nhiều lần.' })).statusCode).toBe(200);
    expect((await act(t, citizen, id, 'notes', { text: 'x' })).statusCode).toBe(403);
    const staffView = (await get(t, screener, `/api/reports/${id}`)).json();
    expect(staffView.events.find((e: { type: string }) => e.type === 'note')).toMatchObject({ public: false });
    const own = (await get(t, citizen, `/api/reports/${id}`)).json();
    expect(JSON.stringify(own)).not.toContain('gọi điện');
  });

  it('bulk accepts and cancels, each report on its own', async () => {
    const a = await newReport();
    const b = await newReport();
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/reports/bulk',
      headers: screener.headers,
      payload: { ids: [a, b], action: 'cancel', reason: 'ineligible' },
    });
    expect(res.json()).toEqual({ done: [a, b], failed: [] });
    const again = await t.app.inject({
      method: 'POST',
      url: '/api/reports/bulk',
      headers: screener.headers,
      payload: { ids: [a, await newReport()], action: 'accept' },
    });
    expect(again.json().done).toHaveLength(1);
    expect(again.json().failed).toEqual([expect.objectContaining({ id: a, code: 'invalid_transition' })]);
    const inEnglish = await t.app.inject({
      method: 'POST',
      url: '/api/reports/bulk',
      headers: { ...screener.headers, 'accept-language': 'en' },
      payload: { ids: [a], action: 'accept' },
    });
    const english = inEnglish.json().failed[0].message;
    const vietnamese = again.json().failed[0].message;
    expect(english).not.toBe(vietnamese);
    expect(english).toMatch(/^[ -~]+$/); // English words only, no Vietnamese letters
  });
});

describe('GET /api/reports/inbox', () => {
  it('lists overdue first, then the nearest deadline; paginated', async () => {
    const ids = [await newReport(), await newReport(), await newReport()];
    for (const id of ids) await act(t, screener, id, 'accept', { handlingUnitId: utility.id });
    await t.database.query("update reports set due_at = now() + interval '5 days' where id = $1", [ids[0]]);
    await t.database.query("update reports set due_at = now() - interval '2 days' where id = $1", [ids[1]]);
    await t.database.query("update reports set due_at = now() + interval '1 day' where id = $1", [ids[2]]);
    const first = (await get(t, utility.officer, `/api/reports/inbox?unit=dien-luc-thu&limit=2`)).json();
    expect(first.items.map((r: { id: string }) => r.id)).toEqual([ids[1], ids[2]]);
    expect(first.items[0].overdue).toBe(true);
    const second = (
      await get(t, utility.officer, `/api/reports/inbox?unit=dien-luc-thu&limit=2&cursor=${first.nextCursor}`)
    ).json();
    expect(second.items.map((r: { id: string }) => r.id)).toContain(ids[0]);
    // Without ?unit the officer's own units; another unit's inbox is refused.
    expect((await get(t, utility.officer, '/api/reports/inbox')).json().items.length).toBeGreaterThan(0);
    expect((await get(t, screener, '/api/reports/inbox?unit=dien-luc-thu')).statusCode).toBe(403);
  });
});

describe('deadline values (clock pinned)', () => {
  it('reopening starts a new deadline from the reopening, with its own jobs; the old ones stay keyed to the old', async () => {
    pinClock(FRIDAY);
    const id = await newReport();
    expect((await act(t, screener, id, 'accept')).json().dueAt).toBe('2026-12-18T17:00:00.000Z');
    expect((await act(t, screener, id, 'answer', { text: 'Đã xử lý.' })).json().resolvedOnTime).toBe(true);
    // Tuesday 8 December, 09:00 in Vietnam: 10 working days → the end of Tuesday 22 December.
    vi.setSystemTime(new Date('2026-12-08T02:00:00.000Z'));
    const reopened = await act(t, citizen, id, 'reopen', { reason: 'Vẫn lún.' });
    expect(reopened.json()).toMatchObject({ status: 'distributed', dueAt: '2026-12-22T17:00:00.000Z' });
    expect(await deadlineJobs(id)).toEqual([
      ['feedback.reminder', '2026-12-17T17:00:00.000Z'],
      ['feedback.overdue', '2026-12-18T17:00:00.000Z'],
      ['feedback.reminder', '2026-12-21T17:00:00.000Z'],
      ['feedback.overdue', '2026-12-22T17:00:00.000Z'],
    ]);
  });

  it('forwarding keeps the deadline value and schedules nothing new', async () => {
    pinClock(FRIDAY);
    const id = await newReport();
    await act(t, screener, id, 'accept');
    vi.setSystemTime(new Date('2026-12-09T03:00:00.000Z'));
    const res = await act(t, screener, id, 'forward', { handlingUnitId: agency.id, reason: 'Thuộc Sở.' });
    expect(res.json()).toMatchObject({ dueAt: '2026-12-18T17:00:00.000Z', handlingUnit: { code: 'so-xd-thu' } });
    expect(await deadlineJobs(id)).toHaveLength(2);
  });

  it.each([
    ['exactly at the deadline', true, 0],
    ['1 ms after it', false, 1],
  ])('an answer %s is on time: %s', async (_label, onTime, after) => {
    pinClock(FRIDAY);
    const id = await newReport();
    const due = (await act(t, screener, id, 'accept')).json().dueAt as string;
    expect(due).toBe('2026-12-18T17:00:00.000Z');
    vi.setSystemTime(new Date(Date.parse(due) + after));
    const res = await act(t, screener, id, 'answer', { text: 'Đã xử lý.' });
    expect(res.json()).toMatchObject({
      status: 'resolved',
      resolvedOnTime: onTime,
      resolvedAt: new Date(Date.parse(due) + after).toISOString(),
    });
  });
});
