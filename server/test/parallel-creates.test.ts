/**
 * Creates that derive or check a unique key (a code from a name, a rule per category and commune, a holiday per
 * date, a phone per account, a role per person and unit) race when the same request arrives several times at once:
 * each parallel copy is a success or a 409 in the one error shape, never a 500, and the rows written match the
 * successes. On PostgreSQL the requests really run side by side; on PGlite they queue, which must hold too.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { categoryId, handlingUnitId } from '../modules/feedback/test-support.js';
import { createUser } from './factories.js';
import { createTestApp, type TestApp } from './harness.js';

let t: TestApp;
let adminId: string;
let communeAdminId: string;

beforeAll(async () => {
  t = await createTestApp();
  adminId = (await createUser(t.db, { role: 'province_admin', unitCode: '19' })).id;
  communeAdminId = (await createUser(t.db, { role: 'commune_admin', unitCode: '05569' })).id;
});
afterAll(() => t.close());

const PARALLEL = 4;

/** The same request PARALLEL times at once (each with its own session: a browser tab each). */
async function race(method: 'POST' | 'PUT', url: string, payload: object, who = adminId) {
  const headers = await Promise.all(Array.from({ length: PARALLEL }, () => t.sessionHeaders(who)));
  const res = await Promise.all(headers.map((h) => t.app.inject({ method, url, headers: h, payload })));
  for (const r of res) {
    expect(r.statusCode, `${method} ${url} → ${r.statusCode} ${r.body.slice(0, 300)}`).toBeLessThan(500);
    if (r.statusCode >= 400) {
      expect(r.statusCode, r.body).toBe(409);
      expect(r.json().error, r.body).toMatchObject({ code: expect.any(String), message: expect.any(String) });
    }
  }
  return res.map((r) => r.statusCode);
}
const successes = (codes: number[]) => codes.filter((c) => c < 300).length;
const count = async (sql: string, params: unknown[] = []) =>
  (await t.database.query<{ n: number }>(`select count(*)::int as n from ${sql}`, params))[0].n;

describe('parallel creates of the same thing: one wins, the others are told why (409), none is a 500', () => {
  it('handling units with the same name (derived code) and with the same fixed code', async () => {
    const name = `Sở Thử Song Song ${randomUUID().slice(0, 6)}`;
    const sameName = await race('POST', '/api/handling-units', { name, kind: 'department' });
    expect(successes(sameName)).toBeGreaterThanOrEqual(1);
    expect(await count('handling_units where name = $1', [name])).toBe(successes(sameName));

    const code = `song-song-${randomUUID().slice(0, 6)}`;
    const fixed = await race('POST', '/api/handling-units', { code, name: `${name} B`, kind: 'agency' });
    expect(fixed.sort()).toEqual([201, 409, 409, 409]);
    expect(await count('handling_units where code = $1', [code])).toBe(1);
  });

  it('hamlets with the same name in one commune', async () => {
    const name = `Thôn Song Song ${randomUUID().slice(0, 4)}`;
    const codes = await race('POST', '/api/units/05569/hamlets', { name, kind: 'thon' }, communeAdminId);
    expect(successes(codes)).toBeGreaterThanOrEqual(1);
    expect(await count("units where parent_code = '05569' and name = $1", [name])).toBe(successes(codes));
  });

  it('feedback categories with the same code', async () => {
    const code = `ss-${randomUUID().slice(0, 8)}`;
    const codes = await race('POST', '/api/feedback/categories', {
      code,
      nameVi: 'Thử song song',
      nameEn: 'Parallel test',
      deadlineWorkingDays: 3,
    });
    expect(codes.sort()).toEqual([201, 409, 409, 409]);
    expect(await count('feedback_categories where code = $1', [code])).toBe(1);
  });

  it('routing rules for the same category and commune', async () => {
    const body = {
      categoryId: await categoryId(t, 'giao-thong'),
      communeCode: '05443',
      handlingUnitId: await handlingUnitId(t, 'ubnd-05443'),
    };
    const before = await count("routing_rules where category_id = $1 and commune_code = '05443'", [body.categoryId]);
    const codes = await race('POST', '/api/feedback/routing-rules', body);
    expect(successes(codes)).toBeGreaterThanOrEqual(1);
    expect(await count("routing_rules where category_id = $1 and commune_code = '05443'", [body.categoryId])).toBe(
      Math.max(before, 1),
    );
  });

  it('holidays on the same date', async () => {
    const body = { date: '2031-08-19', nameVi: 'Ngày thử', nameEn: 'Test day' };
    const codes = await race('POST', '/api/holidays', body);
    expect(successes(codes)).toBeGreaterThanOrEqual(1);
    expect(await count("holidays where date = '2031-08-19'")).toBe(1);
  });

  it('API keys with the same name', async () => {
    const name = `Tích hợp song song ${randomUUID().slice(0, 6)}`;
    const codes = await race('POST', '/api/api-keys', { name });
    expect(successes(codes)).toBeGreaterThanOrEqual(1);
    expect(await count('api_keys where name = $1', [name])).toBe(successes(codes));
  });

  it('accounts with the same phone, and the same role granted to one person', async () => {
    const phone = `09${String(Date.now()).slice(-8)}`;
    const codes = await race('POST', '/api/accounts', {
      fullName: 'Người Thử Song Song',
      phone,
      role: 'team_member',
      unitCode: '05569',
    });
    expect(successes(codes)).toBe(1);
    expect(await count('users where phone = $1', [phone])).toBe(1);

    const citizen = await createUser(t.db, { role: 'citizen' });
    const grants = await race('POST', `/api/accounts/${citizen.id}/roles`, { role: 'team_member', unitCode: '05569' });
    expect(successes(grants)).toBeGreaterThanOrEqual(1);
    expect(
      await count("role_assignments where user_id = $1 and role = 'team_member' and unit_code = '05569'", [citizen.id]),
    ).toBe(1);
  });
});
