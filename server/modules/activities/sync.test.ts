/**
 * `POST /api/activities/sync` and `GET /api/activities/mine` (issue 10 points 5–6): who records, every status of a
 * sync, exactly once under retries, double taps, two tabs at once and batches cut off, both sides of each limit, and
 * the counts after a sync.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTIVITY_LIMITS } from '../../../common/constants/activities.js';
import { createTestApp, type TestApp } from '../../test/harness.js';
import { activity, count, get, hamletWithTeam, linkedMember, type Person, person, sync } from './test-support.js';

let t: TestApp;
let teamA: Awaited<ReturnType<typeof hamletWithTeam>>;
let teamB: Awaited<ReturnType<typeof hamletWithTeam>>;
let member: Person;
let other: Person;
let serviceId: string;

const rows = (ids: string[]) => count(t, 'select count(*)::int as n from activities where id = any($1::uuid[])', [ids]);

beforeAll(async () => {
  t = await createTestApp();
  teamA = await hamletWithTeam(t, '05569', 'Trung Kiên');
  teamB = await hamletWithTeam(t, '05569', 'Bãi Á');
  member = await linkedMember(t, teamA);
  other = await linkedMember(t, teamB);
  const [svc] = await t.database.query<{ id: string }>('select id from catalog_services order by sort_order limit 1');
  serviceId =
    svc?.id ??
    (
      await t.database.query<{ id: string }>(
        `insert into catalog_services (slug, province_code, name, publisher, pillar, purpose, published)
         values ('vneid-test', '19', 'VNeID', 'Bộ Công an', 'chinh_quyen_so', 'Định danh', true) returning id`,
      )
    )[0].id;
});
afterAll(() => t.close());

describe('who records activities', () => {
  it('anonymous: 401; a citizen, a team_member role without a linked membership, and a member who left: 403 saying why', async () => {
    expect((await sync(t, null, [activity(teamA.hamlet.code)])).statusCode).toBe(401);
    const citizen = await person(t, 'citizen');
    const unlinked = await person(t, 'team_member', teamA.hamlet.code);
    const left = await linkedMember(t, teamA);
    await t.database.query(`update team_members set left_on = current_date where user_id = $1`, [left.id]);
    for (const who of [citizen, unlinked, left]) {
      const a = activity(teamA.hamlet.code);
      const res = await sync(t, who, [a], { 'accept-language': 'vi' });
      expect(res.statusCode).toBe(403);
      expect(res.json().error.code).toBe('not_a_team_member');
      expect(res.json().error.message).toContain('tổ công nghệ số');
      expect(await rows([a.id])).toBe(0);
    }
  });

  it('a member of a dissolved team no longer records', async () => {
    const team = await hamletWithTeam(t, '05569', 'Làng Mố');
    const m = await linkedMember(t, team);
    expect((await sync(t, m, [activity(team.hamlet.code)])).json().results[0].status).toBe('created');
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/teams/${team.teamId}/dissolve`,
      headers: team.adminHeaders,
      payload: {},
    });
    expect(res.statusCode).toBe(200);
    expect((await sync(t, m, [activity(team.hamlet.code)])).statusCode).toBe(403);
  });

  it("records only in the team's own hamlet: another hamlet of the same commune is refused naming hamletCode", async () => {
    const a = activity(teamB.hamlet.code);
    const res = await sync(t, member, [a]);
    expect(res.statusCode).toBe(200);
    expect(res.json().results[0]).toMatchObject({ id: a.id, status: 'refused', error: { field: 'hamletCode' } });
    expect(await rows([a.id])).toBe(0);
  });
});

describe('sync: created, exists, never twice', () => {
  it('creates a batch, keeps items and residents with consent recorded by the author', async () => {
    const withResident = activity(teamA.hamlet.code, {
      items: [
        { serviceId, action: 'vneid_level2', outcome: 'done', people: 2 },
        { serviceId, action: 'installed_app', outcome: 'failed', failureReason: 'Máy cũ', people: 1 },
      ],
      residents: [
        { fullName: 'Hoàng Thị Bích', birthYear: 1956, consent: { given: true, purpose: 'Liên hệ hỗ trợ tiếp' } },
      ],
    });
    const batch = [withResident, activity(teamA.hamlet.code), activity(teamA.hamlet.code)];
    const res = await sync(t, member, batch);
    expect(res.statusCode).toBe(200);
    expect(res.json().results).toEqual(batch.map((a) => ({ id: a.id, status: 'created', version: 1 })));
    expect(await rows(batch.map((a) => a.id))).toBe(3);
    expect(
      await count(t, 'select count(*)::int as n from activity_items where activity_id = $1', [withResident.id]),
    ).toBe(2);
    const [r] = await t.database.query<{ consent_recorded_by: string; consent_recorded_at: Date }>(
      'select consent_recorded_by, consent_recorded_at from activity_residents where activity_id = $1',
      [withResident.id],
    );
    expect(r.consent_recorded_by).toBe(member.id);
    expect(r.consent_recorded_at).toBeTruthy();
  });

  it('a retry of the same batch answers exists for each, with no second row', async () => {
    const batch = [activity(teamA.hamlet.code), activity(teamA.hamlet.code)];
    await sync(t, member, batch);
    const again = await sync(t, member, batch);
    expect(again.json().results).toEqual(batch.map((a) => ({ id: a.id, status: 'exists', version: 1 })));
    expect(await rows(batch.map((a) => a.id))).toBe(2);
    expect(
      await count(t, 'select count(*)::int as n from activity_items where activity_id = any($1::uuid[])', [
        batch.map((a) => a.id),
      ]),
    ).toBe(2);
  });

  it('two identical syncs at once (two tabs, a double tap) make each activity once', async () => {
    const batch = Array.from({ length: 20 }, () => activity(teamA.hamlet.code));
    const [one, two] = await Promise.all([sync(t, member, batch), sync(t, member, batch)]);
    expect([one.statusCode, two.statusCode]).toEqual([200, 200]);
    for (const [i, a] of batch.entries()) {
      const statuses = [one.json().results[i].status, two.json().results[i].status].sort();
      expect(statuses, a.id).toEqual(['created', 'exists']);
    }
    expect(await rows(batch.map((a) => a.id))).toBe(20);
    expect(
      await count(t, 'select count(*)::int as n from activity_items where activity_id = any($1::uuid[])', [
        batch.map((a) => a.id),
      ]),
    ).toBe(20);
  });

  it('a batch cut off and sent again with more: the first part exists, the rest is created', async () => {
    const all = Array.from({ length: 5 }, () => activity(teamA.hamlet.code));
    await sync(t, member, all.slice(0, 2));
    const res = await sync(t, member, all);
    expect(res.json().results.map((r: { status: string }) => r.status)).toEqual([
      'exists',
      'exists',
      'created',
      'created',
      'created',
    ]);
    expect(await rows(all.map((a) => a.id))).toBe(5);
  });

  it('the same id twice in one batch makes one row', async () => {
    const a = activity(teamA.hamlet.code);
    const res = await sync(t, member, [a, a]);
    expect(res.json().results.map((r: { status: string }) => r.status)).toEqual(['created', 'exists']);
    expect(await rows([a.id])).toBe(1);
  });

  it("an id that is another author's is refused, and nothing of theirs comes back", async () => {
    const theirs = activity(teamB.hamlet.code, { note: 'Ghi chú riêng của tổ Bãi Á' });
    await sync(t, other, [theirs]);
    const mine = { ...activity(teamA.hamlet.code), id: theirs.id };
    for (const item of [mine, { ...mine, baseVersion: 1 }]) {
      const res = await sync(t, member, [item]);
      const [r] = res.json().results;
      expect(r).toMatchObject({ id: theirs.id, status: 'refused', error: { code: 'id_taken', field: 'id' } });
      expect(r.version).toBeUndefined();
      expect(r.activity).toBeUndefined();
      expect(res.body).not.toContain('Bãi Á');
    }
    const [row] = await t.database.query<{ author_user_id: string; version: number }>(
      'select author_user_id, version from activities where id = $1',
      [theirs.id],
    );
    expect(row).toEqual({ author_user_id: other.id, version: 1 });
  });
});

describe('sync: refusals are per item', () => {
  it('one bad item is refused naming its field; the others are created', async () => {
    const good = activity(teamA.hamlet.code);
    const noReason = activity(teamA.hamlet.code, {
      items: [{ serviceId: null, action: 'other', outcome: 'failed' }],
    });
    const noConsent = {
      ...activity(teamA.hamlet.code),
      residents: [{ fullName: 'Lò Văn A', consent: { given: false, purpose: 'x' } }],
    };
    const unknownService = activity(teamA.hamlet.code, {
      items: [{ serviceId: randomUUID(), action: 'installed_app', outcome: 'done' }],
    });
    const unknownReport = activity(teamA.hamlet.code, { reportCode: 'PA-26-999999' });
    const notAnId = { ...activity(teamA.hamlet.code), id: 'abc' };
    const res = await sync(t, member, [good, noReason, noConsent, unknownService, unknownReport, notAnId], {
      'accept-language': 'en',
    });
    expect(res.statusCode).toBe(200);
    const results = res.json().results;
    expect(results[0]).toEqual({ id: good.id, status: 'created', version: 1 });
    expect(results.slice(1).map((r: { error: { field: string } }) => [r.error.field])).toEqual([
      ['items.0.failureReason'],
      ['residents.0.consent.given'],
      ['items.0.serviceId'],
      ['reportCode'],
      ['id'],
    ]);
    expect(results[1]).toMatchObject({ status: 'refused', error: { code: 'invalid_input' } });
    expect(results[1].error.messages.vi).toContain('lý do');
    expect(results[1].error.message).toMatch(/reason/i);
    expect(await rows([good.id, noReason.id, noConsent.id, unknownService.id, unknownReport.id])).toBe(1);
  });

  it('a report the member filed for a resident links; someone else’s report does not', async () => {
    const [cat] = await t.database.query<{ id: string }>(
      "select id from feedback_categories where code = 'giao-thong'",
    );
    const file = async (who: Person, hamletCode: string) => {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/reports',
        headers: who.headers,
        payload: {
          channel: 'assisted',
          categoryId: cat.id,
          description: 'Sóng điện thoại yếu ở nhà văn hoá thôn.',
          address: 'Nhà văn hoá',
          reporterName: 'Bà Hoàng Thị B',
          reporterPhone: '0987654321',
          consent: true,
          communeCode: '05569',
          hamletCode,
        },
      });
      expect(res.statusCode).toBe(201);
      return res.json().publicCode as string;
    };
    const mineCode = await file(member, teamA.hamlet.code);
    const theirsCode = await file(other, teamB.hamlet.code);
    const ok = activity(teamA.hamlet.code, { reportCode: mineCode });
    const bad = activity(teamA.hamlet.code, { reportCode: theirsCode });
    const res = await sync(t, member, [ok, bad]);
    expect(res.json().results[0].status).toBe('created');
    expect(res.json().results[1]).toMatchObject({ status: 'refused', error: { field: 'reportCode' } });
  });

  it(`a time up to ${ACTIVITY_LIMITS.futureToleranceMinutes} minutes ahead is accepted (a fast clock); beyond, refused`, async () => {
    const tol = ACTIVITY_LIMITS.futureToleranceMinutes * 60_000;
    const within = activity(teamA.hamlet.code, { occurredAt: new Date(Date.now() + tol - 30_000).toISOString() });
    const beyond = activity(teamA.hamlet.code, { occurredAt: new Date(Date.now() + tol + 30_000).toISOString() });
    const res = await sync(t, member, [within, beyond]);
    expect(res.json().results[0].status).toBe('created');
    expect(res.json().results[1]).toMatchObject({ status: 'refused', error: { field: 'occurredAt' } });
  });

  it(`${ACTIVITY_LIMITS.syncBatchMax} activities in a batch are taken; ${ACTIVITY_LIMITS.syncBatchMax + 1} are a 400 naming the field`, async () => {
    const max = Array.from({ length: ACTIVITY_LIMITS.syncBatchMax }, () => activity(teamA.hamlet.code));
    const ok = await sync(t, member, max);
    expect(ok.statusCode).toBe(200);
    expect(ok.json().results.filter((r: { status: string }) => r.status === 'created')).toHaveLength(100);
    const over = [...max, activity(teamA.hamlet.code)];
    const res = await sync(t, member, over);
    expect(res.statusCode).toBe(400);
    expect(Object.keys(res.json().error.fields)).toEqual(['activities']);
    expect(await rows([over[100].id])).toBe(0);
  });
});

describe('sync: edits, conflicts and the 7-day window', () => {
  it('an edit based on the server’s version is updated; sent again, it is a conflict returning the server’s copy', async () => {
    const a = activity(teamA.hamlet.code);
    await sync(t, member, [a]);
    const edit = { ...a, households: 9, baseVersion: 1 };
    const res = await sync(t, member, [edit]);
    expect(res.json().results[0]).toEqual({ id: a.id, status: 'updated', version: 2 });
    const again = await sync(t, member, [edit]);
    expect(again.json().results[0]).toMatchObject({
      status: 'conflict',
      version: 2,
      activity: { households: 9, version: 2 },
    });
    // A retry of the first upload (no version) does not undo the edit.
    expect((await sync(t, member, [a])).json().results[0]).toEqual({ id: a.id, status: 'exists', version: 2 });
    expect(await count(t, 'select households as n from activities where id = $1', [a.id])).toBe(9);
  });

  it('an offline edit of a version the commune corrected meanwhile is a conflict; the correction stays', async () => {
    const a = activity(teamA.hamlet.code);
    await sync(t, member, [a]);
    const { id: _id, ...body } = a;
    const corrected = await t.app.inject({
      method: 'PATCH',
      url: `/api/activities/${a.id}`,
      headers: teamA.adminHeaders,
      payload: { ...body, households: 1, baseVersion: 1, reason: 'Số hộ ghi nhầm' },
    });
    expect(corrected.statusCode).toBe(200);
    const res = await sync(t, member, [{ ...a, households: 7, baseVersion: 1 }]);
    expect(res.json().results[0]).toMatchObject({
      status: 'conflict',
      version: 2,
      activity: { households: 1, correctedAt: expect.any(String) },
    });
    expect(await count(t, 'select households as n from activities where id = $1', [a.id])).toBe(1);
  });

  it('the author edits until 7 days after recording, not after', async () => {
    const inside = activity(teamA.hamlet.code);
    const outside = activity(teamA.hamlet.code);
    await sync(t, member, [inside, outside]);
    const days = ACTIVITY_LIMITS.editWindowDays;
    await t.database.query(
      `update activities set created_at = now() - make_interval(days => $1) + interval '1 minute' where id = $2`,
      [days, inside.id],
    );
    await t.database.query(
      `update activities set created_at = now() - make_interval(days => $1) - interval '1 minute' where id = $2`,
      [days, outside.id],
    );
    const res = await sync(t, member, [
      { ...inside, people: 8, baseVersion: 1 },
      { ...outside, people: 8, baseVersion: 1 },
    ]);
    expect(res.json().results[0]).toMatchObject({ status: 'updated', version: 2 });
    expect(res.json().results[1]).toMatchObject({ status: 'refused', error: { code: 'edit_window_closed' } });
    expect(await count(t, 'select people as n from activities where id = $1', [outside.id])).toBe(4);
  });
});

describe('counts after a sync', () => {
  it('the team and commune views count exactly what was synced, retries not twice', async () => {
    const team = await hamletWithTeam(t, '05611', 'Đồng Xe');
    const m = await linkedMember(t, team);
    const batch = [
      activity(team.hamlet.code, {
        occurredAt: '2026-03-10T09:00:00+07:00',
        households: 5,
        people: 7,
        durationMinutes: 60,
        items: [
          { serviceId, action: 'vneid_level2', outcome: 'done', people: 3 },
          { serviceId, action: 'installed_app', outcome: 'done', people: 4 },
        ],
      }),
      activity(team.hamlet.code, {
        occurredAt: '2026-03-31T23:30:00+07:00',
        households: 2,
        people: 2,
        durationMinutes: 30,
        items: [{ serviceId, action: 'vneid_level2', outcome: 'follow_up', people: 2 }],
      }),
      // 2026-03-31 17:30 UTC is 1 April in Vietnam.
      activity(team.hamlet.code, {
        occurredAt: '2026-03-31T17:30:00Z',
        households: 1,
        people: 1,
        durationMinutes: null,
        items: [{ serviceId: null, action: 'scam_awareness', outcome: 'done', people: 1 }],
      }),
    ];
    await sync(t, m, batch);
    await sync(t, m, batch);
    const months = await t.database.query(
      `select month::text as month, sum(activities)::int as activities, sum(households)::int as households,
         sum(people)::int as people, sum(minutes)::int as minutes
       from activity_team_months where team_id = $1 group by month order by month`,
      [team.teamId],
    );
    expect(months).toEqual([
      { month: '2026-03-01', activities: 2, households: 7, people: 9, minutes: 90 },
      { month: '2026-04-01', activities: 1, households: 1, people: 1, minutes: 0 },
    ]);
    await t.app.ctx.aggregates.foldAll();
    const services = await t.database.query(
      `select month::text as month, service_id, action, outcome, sum(items)::int as items,
         sum(item_people)::int as item_people
       from activity_commune_services where commune_code = '05611' group by 1, 2, 3, 4 order by 1, 3, 4`,
    );
    expect(services).toEqual([
      {
        month: '2026-03-01',
        service_id: serviceId,
        action: 'installed_app',
        outcome: 'done',
        items: 1,
        item_people: 4,
      },
      { month: '2026-03-01', service_id: serviceId, action: 'vneid_level2', outcome: 'done', items: 1, item_people: 3 },
      {
        month: '2026-03-01',
        service_id: serviceId,
        action: 'vneid_level2',
        outcome: 'follow_up',
        items: 1,
        item_people: 2,
      },
      { month: '2026-04-01', service_id: '', action: 'scam_awareness', outcome: 'done', items: 1, item_people: 1 },
    ]);
    const communeMonths = await t.database.query(
      `select month::text as month, sum(activities)::int as activities from activity_commune_months
       where commune_code = '05611' group by 1 order by 1`,
    );
    expect(communeMonths).toEqual([
      { month: '2026-03-01', activities: 2 },
      { month: '2026-04-01', activities: 1 },
    ]);
  });
});

describe('GET /api/activities/mine', () => {
  it('lists the member’s own, newest first, page by page, with no resident’s details', async () => {
    const team = await hamletWithTeam(t, '05443', 'Tổ 1');
    const m = await linkedMember(t, team);
    const base = Date.parse('2026-05-01T08:00:00+07:00');
    const batch = Array.from({ length: 60 }, (_, i) =>
      activity(team.hamlet.code, {
        // pairs share a time (the id breaks the tie); the last is the newest
        occurredAt: new Date(base + (i === 59 ? 100 : Math.floor(i / 2)) * 3600_000).toISOString(),
        residents:
          i === 59
            ? [{ phone: '0912345678', fullName: 'Nông Văn C', consent: { given: true, purpose: 'Hỗ trợ' } }]
            : [],
      }),
    );
    await sync(t, m, batch);
    await sync(t, other, [activity(teamB.hamlet.code)]);
    const first = await get(t, m, '/api/activities/mine');
    expect(first.statusCode).toBe(200);
    const p1 = first.json();
    expect(p1.activities).toHaveLength(50);
    expect(first.body).not.toContain('0912345678');
    expect(first.body).not.toContain('Nông Văn C');
    expect(p1.activities[0]).toMatchObject({ id: batch[59].id, residentCount: 1, teamName: 'Tổ Tổ 1' });
    const second = await get(t, m, `/api/activities/mine?cursor=${p1.nextCursor}`);
    const p2 = second.json();
    expect(p2.activities).toHaveLength(10);
    expect(p2.nextCursor).toBeNull();
    const seen = [...p1.activities, ...p2.activities].map((a: { id: string; occurredAt: string }) => a);
    expect(new Set(seen.map((a) => a.id)).size).toBe(60);
    const times = seen.map((a) => a.occurredAt);
    expect([...times].sort().reverse()).toEqual(times);
  });

  it('anonymous: 401; a bad cursor: 400 naming cursor; someone with no activities: an empty list', async () => {
    expect((await get(t, null, '/api/activities/mine')).statusCode).toBe(401);
    const bad = await get(t, member, '/api/activities/mine?cursor=nonsense');
    expect(bad.statusCode).toBe(400);
    expect(Object.keys(bad.json().error.fields)).toEqual(['cursor']);
    const citizen = await person(t, 'citizen');
    expect((await get(t, citizen, '/api/activities/mine')).json()).toEqual({ activities: [], nextCursor: null });
  });
});
