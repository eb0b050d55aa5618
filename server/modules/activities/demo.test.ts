/**
 * The demo's activity history (XASO_DEMO=1 on a new database): six months for every demo team, the demo team
 * member to.trungkien with recent activities of his own, counted exactly by the commune views.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoData } from '../../seed/demo.js';
import { createTestApp, type TestApp } from '../../test/harness.js';
import { loadReferenceUnits } from '../units/reference-data.js';

let t: TestApp;
let seconds = 0;
beforeAll(async () => {
  t = await createTestApp({ XASO_DEMO: '1' });
  const start = Date.now();
  await seedDemoData(t.db, loadReferenceUnits());
  seconds = (Date.now() - start) / 1000;
}, 120_000);
afterAll(() => t.close());

describe('demo activity history', () => {
  it('six months for every demo team, items of the seeded services, counted exactly', async () => {
    const [s] = await t.database.query<{ n: number; teams: number; first: string; last: string; items: number }>(
      `select count(*)::int as n, count(distinct team_id)::int as teams, min(occurred_on)::text as first,
         max(occurred_on)::text as last, (select count(*)::int from activity_items) as items from activities`,
    );
    const [teams] = await t.database.query<{ n: number }>('select count(*)::int as n from teams');
    expect(s.teams).toBe(teams.n);
    expect(s.n).toBeGreaterThan(1000);
    expect(s.items).toBeGreaterThan(s.n);
    const days = (Date.now() - Date.parse(s.first)) / 86_400_000;
    expect(days).toBeGreaterThan(170);
    expect(Date.parse(s.last)).toBeLessThan(Date.now());
    const [named] = await t.database.query<{ n: number }>(
      'select count(*)::int as n from activity_items where service_id is not null',
    );
    expect(named.n).toBeGreaterThan(s.items / 2);
    const [counted] = await t.database.query<{ n: number }>(
      'select sum(activities)::int as n from activity_commune_months',
    );
    expect(counted.n).toBe(s.n);
    expect(seconds).toBeLessThan(60);
  });

  it('to.trungkien signs in and sees his own recent activities, still editable', async () => {
    const [u] = await t.database.query<{ id: string }>("select id from users where username = 'to.trungkien'");
    const headers = await t.sessionHeaders(u.id);
    const res = await t.app.inject({ method: 'GET', url: '/api/activities/mine', headers });
    expect(res.statusCode).toBe(200);
    const list = res.json().activities as { occurredAt: string; editableUntil: string; hamletCode: string }[];
    expect(list.length).toBe(50);
    expect(Date.now() - Date.parse(list[0].occurredAt)).toBeLessThan(4 * 86_400_000);
    expect(Date.parse(list[0].editableUntil)).toBeGreaterThan(Date.now());
    expect(list[0].hamletCode).toBe('05569-001');
  });
});
