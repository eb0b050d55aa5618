import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../../common/roles.js';
import type { Actor } from '../../platform/actor.js';
import { createTestApp, type TestApp } from '../../test/harness.js';
import { act, categoryId, DINH_HOA, get, type Person, person, submit } from './test-support.js';
import { createWorkSummary } from './work-summary.js';

let t: TestApp;
let citizen: Person;
let officer: Person;
let ids: string[];
const URL = '/api/reports/inbox/summary';

// 10:00 in Việt Nam on a Wednesday: "today" ends at 2026-11-19T17:00Z.
const NOW = new Date('2026-11-19T03:00:00Z');
const setDue = (id: string, at: Date) =>
  t.database.query('update reports set due_at = $2 where id = $1', [id, at.toISOString()]);

beforeAll(async () => {
  t = await createTestApp();
  citizen = await person(t, 'citizen');
  officer = await person(t, 'handling_officer', { handlingUnitCode: 'ubnd-05569' });
  const giaoThong = await categoryId(t, 'giao-thong');
  ids = [];
  for (let i = 0; i < 4; i++) {
    const res = await submit(t, citizen, {
      categoryId: giaoThong,
      description: `Mặt đường bị sụt lún sau mưa lớn, đoạn ${i + 1}.`,
      lat: DINH_HOA.lat,
      lng: DINH_HOA.lng,
    });
    expect(res.statusCode).toBe(201);
    ids.push(res.json().id);
  }
  // Three accepted into the Định Hoá committee's inbox, one left awaiting screening.
  for (const id of ids.slice(0, 3)) expect((await act(t, officer, id, 'accept')).statusCode).toBe(200);
  await setDue(ids[0], new Date(NOW.getTime() - 86_400_000)); // overdue
  await setDue(ids[1], new Date(NOW.getTime() + 5 * 3_600_000)); // 15:00 today
  await setDue(ids[2], new Date(NOW.getTime() + 3 * 86_400_000)); // later
});
afterAll(() => t.close());

describe('GET /api/reports/inbox/summary', () => {
  it("splits an officer's open reports by deadline at the end of the Vietnamese day", async () => {
    const summary = createWorkSummary(t.app.ctx, () => NOW);
    const actor: Actor = { kind: 'user', id: officer.id, assignments: await assignmentsOf(officer.id) };
    expect(await summary(actor)).toEqual({ inbox: { open: 3, dueToday: 1, overdue: 1 }, screening: { pending: 1 } });
    // At 23:30 the same day the 15:00 report is overdue; nothing else is due today.
    const late = createWorkSummary(t.app.ctx, () => new Date('2026-11-19T16:30:00Z'));
    expect((await late(actor)).inbox).toEqual({ open: 3, dueToday: 0, overdue: 2 });
  });

  it('answers each staff member with the work of their own units only', async () => {
    const res = await get(t, officer, URL);
    expect(res.statusCode).toBe(200);
    expect(res.json().inbox.open).toBe(3);
    expect(res.json().screening).toEqual({ pending: 1 });

    const elsewhere = await person(t, 'handling_officer', { handlingUnitCode: 'ubnd-05443' });
    expect((await get(t, elsewhere, URL)).json()).toEqual({
      inbox: { open: 0, dueToday: 0, overdue: 0 },
      screening: { pending: 0 },
    });
    const communeAdmin = await person(t, 'commune_admin', { unitCode: '05569' });
    expect((await get(t, communeAdmin, URL)).json()).toEqual({ inbox: null, screening: { pending: 1 } });
    const otherAdmin = await person(t, 'commune_admin', { unitCode: '05443' });
    expect((await get(t, otherAdmin, URL)).json()).toEqual({ inbox: null, screening: { pending: 0 } });
    const provinceAdmin = await person(t, 'province_admin', { unitCode: '19' });
    expect((await get(t, provinceAdmin, URL)).json()).toEqual({ inbox: null, screening: { pending: 1 } });
  });

  it('refuses citizens, team members and anonymous callers', async () => {
    expect((await get(t, citizen, URL)).statusCode).toBe(403);
    const member = await person(t, 'team_member', { unitCode: '05569' });
    expect((await get(t, member, URL)).statusCode).toBe(403);
    const anonymous = await get(t, null, URL);
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json().error.code).toBeTruthy();
  });
});

async function assignmentsOf(userId: string) {
  const rows = await t.database.query<{
    role: Role;
    unit_code: string | null;
    handling_unit_id: string | null;
    unit_path: string | null;
  }>(
    `select a.role, a.unit_code, a.handling_unit_id, u.path as unit_path from role_assignments a
       left join units u on u.code = a.unit_code where a.user_id = $1`,
    [userId],
  );
  return rows.map((r) => ({
    role: r.role,
    unitCode: r.unit_code,
    handlingUnitId: r.handling_unit_id,
    unitPath: r.unit_path,
  }));
}
