import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/harness.js';
import { createApiKeyService } from '../accounts/api-keys.js';
import {
  act,
  categoryId,
  countRows,
  DINH_HOA,
  get,
  handlingUnitId,
  type Person,
  PHAN_DINH_PHUNG,
  person,
  statsByStatus,
  submit,
} from './test-support.js';

let t: TestApp;
let citizen: Person;
let other: Person;
let team: Person;
let officer: Person;
let giaoThong: string;
let moiTruong: string;

beforeAll(async () => {
  t = await createTestApp();
  citizen = await person(t, 'citizen');
  other = await person(t, 'citizen');
  team = await person(t, 'team_member', { unitCode: '05569' });
  officer = await person(t, 'handling_officer', { handlingUnitCode: 'ubnd-05569' });
  giaoThong = await categoryId(t, 'giao-thong');
  moiTruong = await categoryId(t, 'moi-truong-rac-thai');
});
afterAll(() => t.close());

const report = (extra: object = {}) => ({
  categoryId: giaoThong,
  description: 'Ổ gà lớn giữa đường trước chợ Chu, xe máy dễ ngã.',
  lat: DINH_HOA.lat,
  lng: DINH_HOA.lng,
  ...extra,
});

describe('POST /api/reports', () => {
  it('a citizen submits: the commune comes from the pin, a public code, an event, a follower and the rollup', async () => {
    const before = await statsByStatus(t, DINH_HOA.code);
    const res = await submit(t, citizen, report());
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body).toMatchObject({
      status: 'pending',
      statusLabel: { vi: 'Đang chờ tiếp nhận' },
      communeCode: '05569',
      channel: 'app',
      category: { code: 'giao-thong' },
      private: null,
    });
    expect(body.publicCode).toMatch(/^PA-\d{2}-\d{6}$/);
    expect(body.events.map((e: { type: string }) => e.type)).toEqual(['submitted']);
    expect(await countRows(t, 'report_followers', body.id)).toBe(1);
    const [job] = await t.database.query<{ payload: { reportId: string } }>(
      "select payload from jobs where kind = 'feedback.event' and payload->>'reportId' = $1",
      [body.id],
    );
    expect(job.payload.reportId).toBe(body.id);
    expect((await statsByStatus(t, DINH_HOA.code)).pending).toBe((before.pending ?? 0) + 1);
  });

  it('numbers public codes one after another', async () => {
    const a = (await submit(t, citizen, report({ description: 'Đèn đường hỏng ở tổ 3 một tuần nay.' }))).json();
    const b = (await submit(t, citizen, report({ description: 'Cây đổ chắn lối đi vào xóm Bãi Á.' }))).json();
    expect(Number(b.publicCode.slice(6))).toBe(Number(a.publicCode.slice(6)) + 1);
  });

  it('takes an address and a commune code without a pin; a hamlet must be in that commune', async () => {
    const ok = await submit(t, citizen, {
      categoryId: giaoThong,
      description: 'Cống thoát nước bị tắc.',
      address: 'Số 5 đường Hoàng Văn Thụ',
      communeCode: PHAN_DINH_PHUNG.code,
    });
    expect(ok.statusCode).toBe(201);
    expect(ok.json().communeCode).toBe('05443');
    const [hamlet] = await t.database.query<{ code: string }>(
      "insert into units (code, parent_code, level, kind, name, full_name, path, province_code) values ('05569-t90', '05569', 'hamlet', 'xom', 'Bãi Á', 'Xóm Bãi Á', '19/05569/05569-t90', '19') returning code",
    );
    const wrong = await submit(
      t,
      citizen,
      report({ hamletCode: hamlet.code, lat: PHAN_DINH_PHUNG.lat, lng: PHAN_DINH_PHUNG.lng }),
    );
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.fields).toHaveProperty('hamletCode');
    const right = await submit(t, citizen, report({ hamletCode: hamlet.code }));
    expect(right.statusCode).toBe(201);
    expect(right.json().hamletCode).toBe('05569-t90');
  });

  it('refuses bad input with field errors, never a 500', async () => {
    const cases: [object, string][] = [
      [report({ description: 'x'.repeat(4001) }), 'description'],
      [report({ lat: 91 }), 'lat'],
      [report({ lng: undefined }), 'lng'],
      [report({ lat: 21.0285, lng: 105.8542 }), 'lat'], // Hà Nội: outside the boundaries we have
      [{ categoryId: giaoThong, description: 'Không có vị trí' }, 'address'],
      [report({ categoryId: randomUUID() }), 'categoryId'],
      [report({ unknown: 1 }), 'unknown'],
      [report({ reporterName: 'Nguyễn Văn A' }), 'reporterName'],
    ];
    for (const [body, field] of cases) {
      const res = await submit(t, citizen, body);
      expect(res.statusCode, field).toBe(400);
      expect(res.json().error.fields, field).toHaveProperty(field);
    }
    expect((await submit(t, null, report())).statusCode).toBe(401);
  });

  it('an assisted report records the resident only with consent', async () => {
    const refused = await submit(
      t,
      team,
      report({ channel: 'assisted', reporterName: 'Bà Hoàng Thị B', reporterPhone: '0912345678' }),
    );
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.fields).toHaveProperty('consent');
    const res = await submit(
      t,
      team,
      report({ channel: 'assisted', reporterName: 'Bà Hoàng Thị B', reporterPhone: '0912345678', consent: true }),
    );
    expect(res.statusCode).toBe(201);
    const [row] = await t.database.query<{
      reporter_name: string;
      consent: boolean;
      reporter_id: string | null;
      submitted_by: string;
    }>(
      'select reporter_name, consent_recorded_at is not null as consent, reporter_id, submitted_by from reports where id = $1',
      [res.json().id],
    );
    expect(row).toEqual({ reporter_name: 'Bà Hoàng Thị B', consent: true, reporter_id: null, submitted_by: team.id });
    // The team member sees what they typed in, but not as staff: no private block.
    expect((await get(t, team, `/api/reports/${res.json().id}`)).json().private).toBeNull();
    // Outside the team member's commune: refused.
    const outside = await submit(
      t,
      team,
      report({ channel: 'assisted', lat: PHAN_DINH_PHUNG.lat, lng: PHAN_DINH_PHUNG.lng }),
    );
    expect(outside.statusCode).toBe(403);
  });

  it('an operator records a hotline call; a citizen may not use operator channels', async () => {
    const res = await submit(t, officer, report({ channel: 'hotline', reporterPhone: '0912000111', consent: true }));
    expect(res.statusCode).toBe(201);
    expect(res.json().channel).toBe('hotline');
    expect((await submit(t, citizen, report({ channel: 'hotline' }))).statusCode).toBe(403);
    expect((await submit(t, citizen, report({ channel: 'open311' }))).statusCode).toBe(403);
  });

  it('an Open311 client (API key) submits only within its key’s unit, on the open311 channel', async () => {
    const keys = createApiKeyService(t.db);
    const k19 = (await keys.create(null, { name: 'Ứng dụng', unitCode: '19', unitPath: '19' })).key;
    const k01 = (await keys.create(null, { name: 'Hà Nội', unitCode: '01', unitPath: '01' })).key;
    const viaKey = (key: string, body: object) =>
      t.app.inject({ method: 'POST', url: '/api/reports', headers: { authorization: `Bearer ${key}` }, payload: body });
    const ok = await viaKey(k19, report());
    expect(ok.statusCode).toBe(201);
    expect(ok.json().channel).toBe('open311');
    expect((await viaKey(k01, report())).statusCode).toBe(403);
    expect((await viaKey(k19, report({ channel: 'app' }))).statusCode).toBe(403);
  });

  it('a retry with the same id or Idempotency-Key returns the first report with 200, one row', async () => {
    const id = randomUUID();
    const first = await submit(t, citizen, report({ id, description: 'Rác thải đổ trộm bên bờ suối.' }));
    const again = await submit(t, citizen, report({ id, description: 'Rác thải đổ trộm bên bờ suối.' }));
    expect([first.statusCode, again.statusCode]).toEqual([201, 200]);
    expect(again.json().publicCode).toBe(first.json().publicCode);
    expect(
      (await t.database.query<{ n: number }>('select count(*)::int as n from reports where id = $1', [id]))[0].n,
    ).toBe(1);
    expect(await countRows(t, 'report_events', id)).toBe(1);
    // Someone else cannot take that id.
    expect((await submit(t, other, report({ id }))).statusCode).toBe(409);

    const key = { 'idempotency-key': `retry-${randomUUID()}` };
    const k1 = await submit(t, citizen, report({ description: 'Biển báo bị đổ.' }), key);
    const k2 = await submit(t, citizen, report({ description: 'Biển báo bị đổ.' }), key);
    expect([k1.statusCode, k2.statusCode]).toEqual([201, 200]);
    expect(k2.json().id).toBe(k1.json().id);
    // The same key from another person is their own submission.
    expect((await submit(t, other, report({ description: 'Biển báo bị đổ.' }), key)).statusCode).toBe(201);
    // Concurrent retries: still one report.
    const id2 = randomUUID();
    const both = await Promise.all([submit(t, citizen, report({ id: id2 })), submit(t, citizen, report({ id: id2 }))]);
    expect(both.map((r) => r.statusCode).sort()).toEqual([200, 201]);
  });

  it('a retry answers with the first report even when it would not pass today (its category closed since)', async () => {
    const admin = await person(t, 'province_admin', { unitCode: '19' });
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/feedback/categories',
      headers: admin.headers,
      payload: {
        code: `tam-thoi-${randomUUID().slice(0, 8)}`,
        nameVi: 'Lĩnh vực tạm thời',
        nameEn: 'Temporary',
        deadlineWorkingDays: 5,
        defaultHandlingUnitId: await handlingUnitId(t, 'ubnd-19'),
      },
    });
    expect(created.statusCode).toBe(201);
    const categoryId = created.json().id;
    const id = randomUUID();
    const key = { 'idempotency-key': `closed-${randomUUID()}` };
    const first = await submit(t, citizen, report({ id, categoryId }));
    const byKey = await submit(t, citizen, report({ categoryId, description: 'Đèn đường hỏng cả tuần.' }), key);
    expect([first.statusCode, byKey.statusCode]).toEqual([201, 201]);
    const close = await t.app.inject({
      method: 'PATCH',
      url: `/api/feedback/categories/${categoryId}`,
      headers: admin.headers,
      payload: { active: false },
    });
    expect(close.statusCode).toBe(200);
    const again = await submit(t, citizen, report({ id, categoryId }));
    expect(again.statusCode).toBe(200);
    expect(again.json().publicCode).toBe(first.json().publicCode);
    const againByKey = await submit(t, citizen, report({ categoryId, description: 'Đèn đường hỏng cả tuần.' }), key);
    expect(againByKey.statusCode).toBe(200);
    expect(againByKey.json().id).toBe(byKey.json().id);
    // A new report in the closed category is refused, naming the field.
    const fresh = await submit(t, citizen, report({ categoryId }));
    expect(fresh.statusCode).toBe(400);
    expect(fresh.body).toContain('categoryId');
  });

  it('writes nothing when the transaction fails after the insert (no report, no event, no rollup change)', async () => {
    const reportsBefore = await countRows(t, 'reports');
    const statsBefore = await statsByStatus(t, DINH_HOA.code);
    await t.database.query(
      `create or replace function fail_event() returns trigger language plpgsql as $$ begin raise exception 'forced failure'; end $$`,
    );
    await t.database.query(
      'create trigger fail_event before insert on report_events for each row execute function fail_event()',
    );
    try {
      const res = await submit(t, citizen, report({ description: 'Phản ánh sẽ thất bại.' }));
      expect(res.statusCode).toBe(500);
    } finally {
      await t.database.query('drop trigger fail_event on report_events');
    }
    expect(await countRows(t, 'reports')).toBe(reportsBefore);
    expect(
      (
        await t.database.query<{ n: number }>(
          "select count(*)::int as n from reports where description = 'Phản ánh sẽ thất bại.'",
        )
      )[0].n,
    ).toBe(0);
    expect(await statsByStatus(t, DINH_HOA.code)).toEqual(statsBefore);
  });
});

describe('duplicate hints', () => {
  it('finds open reports within 200 m, same category, similar text; also in the submit response', async () => {
    const text = 'Đống rác lớn bốc mùi hôi ở đầu ngõ chợ';
    const first = (await submit(t, citizen, report({ categoryId: moiTruong, description: text }))).json();
    const q = (lat: number, lng: number, cat: string, s: string) =>
      get(t, other, `/api/reports/duplicates?lat=${lat}&lng=${lng}&categoryId=${cat}&text=${encodeURIComponent(s)}`);
    const hint = (res: Awaited<ReturnType<typeof q>>) =>
      res.json().items.find((d: { id: string }) => d.id === first.id);
    // Still being screened: someone else is not told of it at all (duplicate-hints.test.ts has the class).
    const near = await q(DINH_HOA.lat + 0.0009, DINH_HOA.lng, moiTruong, 'dong rac lon boc mui hoi dau ngo cho');
    expect(near.statusCode).toBe(200);
    expect(hint(near)).toBeUndefined();
    // Its reporter is, with the text.
    const mine = await get(
      t,
      citizen,
      `/api/reports/duplicates?lat=${DINH_HOA.lat}&lng=${DINH_HOA.lng}&categoryId=${moiTruong}&text=${encodeURIComponent(text)}`,
    );
    expect(hint(mine)).toMatchObject({ description: text, distanceBand: 'under_50m' });
    expect(hint(mine).similarity).toBeGreaterThan(0.2);
    // Once accepted, it is public: ~100 m north, text without diacritics, it shows to everyone.
    expect((await act(t, officer, first.id, 'accept', {})).statusCode).toBe(200);
    const later = await q(DINH_HOA.lat + 0.0009, DINH_HOA.lng, moiTruong, 'dong rac lon boc mui hoi dau ngo cho');
    expect(hint(later)).toMatchObject({ publicCode: first.publicCode, status: 'distributed', description: text });
    expect(hint(later)).toMatchObject({ distanceBand: '50_200m' });
    // ~330 m away, another category, unrelated text: none.
    expect(hint(await q(DINH_HOA.lat + 0.003, DINH_HOA.lng, moiTruong, text))).toBeUndefined();
    expect(hint(await q(DINH_HOA.lat, DINH_HOA.lng, giaoThong, text))).toBeUndefined();
    expect(hint(await q(DINH_HOA.lat, DINH_HOA.lng, moiTruong, 'Xin cấp giấy phép xây dựng nhà'))).toBeUndefined();
    const second = await submit(
      t,
      other,
      report({ categoryId: moiTruong, description: 'Đống rác lớn bốc mùi hôi ở đầu ngõ chợ Chu' }),
    );
    expect(second.json().possibleDuplicates.find((d: { id: string }) => d.id === first.id)).toMatchObject({
      description: text,
      distanceBand: 'under_50m',
    });
    expect((await get(t, null, `/api/reports/duplicates?lat=1&lng=1&categoryId=${moiTruong}`)).statusCode).toBe(401);
  });

  it("a report's staff see its likely duplicates (itself left out) to cancel it as one; nobody else does", async () => {
    const text = 'Cống thoát nước bị tắc, nước tràn ra đường sau mưa';
    const first = (await submit(t, citizen, report({ categoryId: moiTruong, description: text }))).json();
    const second = (await submit(t, other, report({ categoryId: moiTruong, description: `${text} lớn` }))).json();
    const res = await get(t, officer, `/api/reports/${second.id}/duplicates`);
    expect(res.statusCode).toBe(200);
    const ids = res.json().items.map((d: { id: string }) => d.id);
    expect(ids).toContain(first.id);
    expect(ids).not.toContain(second.id);
    // The officer cancels the second as a duplicate of the first, picked from that list.
    const cancelled = await act(t, officer, second.id, 'cancel', { reason: 'duplicate', duplicateOf: ids[0] });
    expect(cancelled.statusCode).toBe(200);
    const elsewhere = await person(t, 'handling_officer', { handlingUnitCode: 'ubnd-05443' });
    for (const who of [other, citizen, elsewhere])
      expect((await get(t, who, `/api/reports/${first.id}/duplicates`)).statusCode).toBe(404);
    expect((await get(t, null, `/api/reports/${first.id}/duplicates`)).statusCode).toBe(401);
  });
});

describe('GET /api/reports/:id and /mine', () => {
  it('shows the reporter their own report, staff the private fields (audited), and nobody else anything', async () => {
    const created = (await submit(t, citizen, report())).json();
    const mine = await get(t, citizen, `/api/reports/${created.id}`);
    expect(mine.statusCode).toBe(200);
    expect(mine.json().private).toBeNull();
    const staff = await get(t, officer, `/api/reports/${created.id}`);
    expect(staff.json().private).toMatchObject({ reporterId: citizen.id });
    const [audit] = await t.database.query<{ n: number }>(
      "select count(*)::int as n from audit_log where action = 'report.read_personal' and resource_id = $1",
      [created.id],
    );
    expect(audit.n).toBe(0); // an app report's view names no one: no personal-data read (issue 7.7)
    expect((await get(t, other, `/api/reports/${created.id}`)).statusCode).toBe(404);
    expect((await get(t, null, `/api/reports/${created.id}`)).statusCode).toBe(401);
    const list = (await get(t, citizen, '/api/reports/mine?limit=2')).json();
    expect(list.items).toHaveLength(2);
    const next = (await get(t, citizen, `/api/reports/mine?limit=2&cursor=${list.nextCursor}`)).json();
    expect(next.items[0].id).not.toBe(list.items[0].id);
    expect((await get(t, citizen, '/api/reports/mine?cursor=nonsense')).statusCode).toBe(400);
    const stranger = await person(t, 'citizen');
    expect((await get(t, stranger, '/api/reports/mine')).json().items).toEqual([]);
  });
});

describe('statistics rollup', () => {
  it('partitions what was received after a sequence of transitions', async () => {
    const commune = PHAN_DINH_PHUNG.code;
    const screener = await person(t, 'handling_officer', { handlingUnitCode: `ubnd-${commune}` });
    const here = { lat: PHAN_DINH_PHUNG.lat, lng: PHAN_DINH_PHUNG.lng };
    const before = await statsByStatus(t, commune);
    const ids: string[] = [];
    for (let i = 0; i < 6; i++)
      ids.push(
        (await submit(t, citizen, report({ ...here, description: `Phản ánh số ${i} về mặt đường.` }))).json().id,
      );
    for (const id of ids.slice(0, 4)) expect((await act(t, screener, id, 'accept')).statusCode).toBe(200);
    await act(t, screener, ids[0], 'answer', { text: 'Đã vá ổ gà.' });
    await act(t, screener, ids[1], 'answer', { text: 'Đã xử lý.' });
    await act(t, citizen, ids[1], 'rate', { rating: 4 });
    await act(t, citizen, ids[1], 'reopen', { reason: 'Vẫn còn ổ gà.' });
    await act(t, screener, ids[4], 'cancel', { reason: 'spam' });
    await act(t, screener, ids[5], 'cancel', { reason: 'duplicate', duplicateOf: ids[0] });
    const after = await statsByStatus(t, commune);
    const delta = (s: string) => (after[s] ?? 0) - (before[s] ?? 0);
    expect({
      pending: delta('pending'),
      distributed: delta('distributed'),
      resolved: delta('resolved'),
      cancelled: delta('cancelled'),
    }).toEqual({
      pending: 0,
      distributed: 3,
      resolved: 1,
      cancelled: 2,
    });
    const [ratings] = await t.database.query<{ sum: number; reopen: number }>(
      'select sum(rating_count)::int as sum, sum(reopenings)::int as reopen from report_stats_daily where commune_code = $1',
      [commune],
    );
    expect(ratings).toEqual({ sum: 0, reopen: 1 }); // the rating went with the reopening
    // The rollup equals a count of the reports themselves.
    const real = await t.database.query<{ status: string; n: number }>(
      'select status, count(*)::int as n from reports where commune_code = $1 group by status',
      [commune],
    );
    expect(after).toEqual(Object.fromEntries(real.map((r) => [r.status, r.n])));
    expect(await handlingUnitId(t, `ubnd-${commune}`)).toBeTruthy();
  });
});
