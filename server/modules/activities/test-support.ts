import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import type { ActivityInput } from '../../../common/activities.js';
import type { Role } from '../../../common/roles.js';
import { createUser } from '../../test/factories.js';
import type { TestApp } from '../../test/harness.js';
import { insertHamlet } from '../units/test-support.js';

export interface Person {
  id: string;
  headers: Record<string, string>;
}

export async function person(t: TestApp, role: Role, unitCode?: string): Promise<Person> {
  const user = await createUser(t.db, { role, unitCode });
  return { id: user.id, headers: await t.sessionHeaders(user.id) };
}

let phones = 0;
/** A hamlet of `communeCode` with a team founded by its commune administrator. */
export async function hamletWithTeam(t: TestApp, communeCode: string, name: string) {
  const hamlet = await insertHamlet(t.db, communeCode, name);
  const admin = await createUser(t.db, { role: 'commune_admin', unitCode: communeCode });
  const headers = await t.sessionHeaders(admin.id);
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/teams',
    headers,
    payload: { hamletCode: hamlet.code, name: `Tổ ${name}` },
  });
  expect(res.statusCode).toBe(201);
  return { hamlet, teamId: res.json().id as string, adminHeaders: headers };
}

/** A person who signs in (as a citizen account) linked to a new active member of the team. */
export async function linkedMember(
  t: TestApp,
  team: { teamId: string; adminHeaders: Record<string, string>; hamlet: { code: string } },
  opts: { role?: Role } = {},
): Promise<Person & { memberId: string }> {
  phones += 1;
  const res = await t.app.inject({
    method: 'POST',
    url: `/api/teams/${team.teamId}/members`,
    headers: team.adminHeaders,
    payload: {
      fullName: `Thành Viên ${phones}`,
      phone: `09770${String(10000 + phones).slice(-5)}`,
      organisation: 'doan_thanh_nien',
    },
  });
  expect(res.statusCode).toBe(201);
  const members = res.json().members as { id: string; fullName: string }[];
  const memberId = members.find((m) => m.fullName === `Thành Viên ${phones}`)!.id;
  const p = await person(t, opts.role ?? 'team_member', opts.role === 'citizen' ? undefined : team.hamlet.code);
  await t.database.query('update team_members set user_id = $1 where id = $2', [p.id, memberId]);
  return { ...p, memberId };
}

/** A valid activity in `hamletCode` (a fresh id unless given). */
export function activity(hamletCode: string, over: Partial<ActivityInput> = {}): ActivityInput {
  return {
    id: randomUUID(),
    occurredAt: new Date(Date.now() - 3600_000).toISOString(),
    durationMinutes: 45,
    hamletCode,
    households: 3,
    people: 4,
    items: [{ serviceId: null, action: 'scam_awareness', outcome: 'done', people: 4 }],
    ...over,
  };
}

export function sync(t: TestApp, who: Person | null, activities: unknown[], headers: Record<string, string> = {}) {
  return t.app.inject({
    method: 'POST',
    url: '/api/activities/sync',
    headers: { ...(who?.headers ?? {}), ...headers },
    payload: { activities },
  });
}

export function get(t: TestApp, who: Person | null, url: string) {
  return t.app.inject({ method: 'GET', url, headers: who?.headers ?? {} });
}

export async function count(t: TestApp, sqlText: string, params: unknown[] = []): Promise<number> {
  const [row] = await t.database.query<{ n: number }>(sqlText, params);
  return row.n;
}
