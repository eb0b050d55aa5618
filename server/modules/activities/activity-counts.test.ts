import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/rows.js';
import { createUser } from '../../test/factories.js';
import { createTestApp, type TestApp } from '../../test/harness.js';
import { insertHamlet } from '../units/test-support.js';

/**
 * The activity log's counts (migration 0014 triggers + platform/aggregates): every insert, edit, move and delete of
 * an activity or an item is counted exactly, folded or not.
 */
let t: TestApp;
let teamA: string;
let teamB: string;
let memberId: string;
let authorId: string;
let hamletA: string;
let hamletB: string;
const service = '00000000-0000-4000-8000-000000000001';

const exec = (q: ReturnType<typeof sql>) => t.db.execute(q);

async function insertActivity(
  id: string,
  team: string,
  hamlet: string,
  on: string,
  households: number,
  people: number,
) {
  await exec(sql`insert into activities (id, team_id, member_id, author_user_id, commune_code, hamlet_code, unit_path,
      occurred_at, occurred_on, duration_minutes, households, people)
    values (${id}, ${team}, ${memberId}, ${authorId}, '05569', ${hamlet}, '19/05569/' || ${hamlet},
      ${`${on}T08:00:00+07:00`}, ${on}, 30, ${households}, ${people})`);
}
async function insertItem(activityId: string, action: string, outcome: string, people = 1) {
  await exec(sql`insert into activity_items (activity_id, service_id, action, outcome, people)
    values (${activityId}, ${service}, ${action}, ${outcome}, ${people})`);
}

async function teamMonths() {
  return queryRows<{ team_id: string; month: string; activities: number; households: number; minutes: number }>(
    t.db,
    sql`select team_id, month::text as month, sum(activities)::int as activities, sum(households)::int as households,
          sum(minutes)::int as minutes
        from activity_team_months group by team_id, month having sum(activities) <> 0 order by month, team_id`,
  );
}
async function communeServices() {
  return queryRows<{ month: string; action: string; outcome: string; items: number; item_people: number }>(
    t.db,
    sql`select month::text as month, action, outcome, sum(items)::int as items, sum(item_people)::int as item_people
        from activity_commune_services where commune_code = '05569'
        group by month, action, outcome having sum(items) <> 0 order by month, action, outcome`,
  );
}

/** The province's rollups (migration 0019) hold what its one commune with activity holds, folded or not. */
async function expectProvinceEqualsCommune() {
  const province = await queryRows<Record<string, unknown>>(
    t.db,
    sql`select month::text as month, action, outcome, sum(items)::int as items, sum(item_people)::int as item_people
        from activity_province_services where province_code = '19'
        group by month, action, outcome having sum(items) <> 0 order by month, action, outcome`,
  );
  expect(province).toEqual(await communeServices());
  const months = (view: 'activity_province_months' | 'activity_commune_months', key: string, code: string) =>
    queryRows<Record<string, unknown>>(
      t.db,
      sql`select month::text as month, sum(activities)::int as activities, sum(households)::int as households,
            sum(people)::int as people, sum(minutes)::int as minutes
          from ${sql.raw(view)} where ${sql.raw(key)} = ${code} group by month having sum(activities) <> 0 order by month`,
    );
  expect(await months('activity_province_months', 'province_code', '19')).toEqual(
    await months('activity_commune_months', 'commune_code', '05569'),
  );
}

beforeAll(async () => {
  t = await createTestApp();
  hamletA = (await insertHamlet(t.db, '05569', 'Trung Kiên')).code;
  hamletB = (await insertHamlet(t.db, '05569', 'Bãi Á')).code;
  const admin = await createUser(t.db, { role: 'commune_admin', unitCode: '05569' });
  const headers = await t.sessionHeaders(admin.id);
  const found = async (hamletCode: string) => {
    const res = await t.app.inject({ method: 'POST', url: '/api/teams', headers, payload: { hamletCode, name: 'Tổ' } });
    expect(res.statusCode).toBe(201);
    return res.json().id as string;
  };
  teamA = await found(hamletA);
  teamB = await found(hamletB);
  const res = await t.app.inject({
    method: 'POST',
    url: `/api/teams/${teamA}/members`,
    headers,
    payload: { fullName: 'Lò Thị Hoa', phone: '0987000111', organisation: 'doan_thanh_nien' },
  });
  expect(res.statusCode).toBe(201);
  memberId = res.json().members[0].id;
  authorId = admin.id;
});
afterAll(() => t.close());

describe('activity counts', () => {
  it('count inserts, edits, moves and deletes exactly, before and after a fold', async () => {
    const a1 = '10000000-0000-4000-8000-000000000001';
    const a2 = '10000000-0000-4000-8000-000000000002';
    await insertActivity(a1, teamA, hamletA, '2026-06-03', 4, 6);
    await insertItem(a1, 'installed_app', 'done', 3);
    await insertItem(a1, 'vneid_level2', 'failed');
    await insertActivity(a2, teamA, hamletA, '2026-06-20', 2, 2);
    await insertItem(a2, 'installed_app', 'done', 2);

    const expectJune = async () => {
      expect(await teamMonths()).toEqual([
        { team_id: teamA, month: '2026-06-01', activities: 2, households: 6, minutes: 60 },
      ]);
      expect(await communeServices()).toEqual([
        { month: '2026-06-01', action: 'installed_app', outcome: 'done', items: 2, item_people: 5 },
        { month: '2026-06-01', action: 'vneid_level2', outcome: 'failed', items: 1, item_people: 1 },
      ]);
    };
    await expectJune();
    await expectProvinceEqualsCommune();
    await t.app.ctx.aggregates.foldAll();
    await expectJune();
    await expectProvinceEqualsCommune();

    // An edit: the failed item is done after all; a2 moves to July and to team B; a household more on a1.
    await exec(sql`update activity_items set outcome = 'done' where activity_id = ${a1} and action = 'vneid_level2'`);
    await exec(sql`update activities set occurred_on = '2026-07-02', team_id = ${teamB}, hamlet_code = ${hamletB}
      where id = ${a2}`);
    await exec(sql`update activities set households = 5 where id = ${a1}`);
    const expectMoved = async () => {
      expect(await teamMonths()).toEqual([
        { team_id: teamA, month: '2026-06-01', activities: 1, households: 5, minutes: 30 },
        { team_id: teamB, month: '2026-07-01', activities: 1, households: 2, minutes: 30 },
      ]);
      expect(await communeServices()).toEqual([
        { month: '2026-06-01', action: 'installed_app', outcome: 'done', items: 1, item_people: 3 },
        { month: '2026-06-01', action: 'vneid_level2', outcome: 'done', items: 1, item_people: 1 },
        { month: '2026-07-01', action: 'installed_app', outcome: 'done', items: 1, item_people: 2 },
      ]);
    };
    await expectMoved();
    await expectProvinceEqualsCommune();
    await t.app.ctx.aggregates.foldAll();
    await expectMoved();
    await expectProvinceEqualsCommune();

    // Items replaced as a whole (how an edit saves them), then an activity deleted with its items.
    await exec(sql`delete from activity_items where activity_id = ${a1}`);
    await insertItem(a1, 'e_payment', 'follow_up', 2);
    await exec(sql`delete from activities where id = ${a2}`);
    const expectLast = async () => {
      expect(await teamMonths()).toEqual([
        { team_id: teamA, month: '2026-06-01', activities: 1, households: 5, minutes: 30 },
      ]);
      expect(await communeServices()).toEqual([
        { month: '2026-06-01', action: 'e_payment', outcome: 'follow_up', items: 1, item_people: 2 },
      ]);
    };
    await expectLast();
    await expectProvinceEqualsCommune();
    await t.app.ctx.aggregates.foldAll();
    await expectLast();
    await expectProvinceEqualsCommune();
    const left = await queryRows<{ n: number }>(t.db, sql`select count(*)::int as n from activity_count_deltas`);
    expect(left[0]?.n).toBe(0);
  });
});
