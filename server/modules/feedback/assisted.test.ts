/**
 * Who may file a report for a resident (channel `assisted`): a team member serves one hamlet, so they may file for
 * places in it, and for its commune when the resident's exact hamlet is unknown; not for another hamlet of the
 * same commune, nor for another commune (issue 7, point 1).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { can } from '../../platform/permissions.js';
import { createTestApp, type TestApp } from '../../test/harness.js';
import { insertHamlet } from '../units/test-support.js';
import { categoryId, get, type Person, person, submit } from './test-support.js';

let t: TestApp;
let member: Person;
let citizen: Person;
let ownHamlet: { code: string; path: string };
let otherHamlet: { code: string; path: string };
let otherCommuneHamlet: { code: string; path: string };
let giaoThong: string;

beforeAll(async () => {
  t = await createTestApp();
  ownHamlet = await insertHamlet(t.db, '05569', 'Trung Kiên');
  otherHamlet = await insertHamlet(t.db, '05569', 'Tân Lập');
  otherCommuneHamlet = await insertHamlet(t.db, '05443', 'Tổ 1');
  member = await person(t, 'team_member', { unitCode: ownHamlet.code });
  citizen = await person(t, 'citizen');
  giaoThong = await categoryId(t, 'giao-thong');
});
afterAll(() => t.close());

const report = (place: { communeCode: string; hamletCode?: string }) => ({
  channel: 'assisted',
  categoryId: giaoThong,
  description: 'Đèn đường trước nhà văn hoá bị hỏng, buổi tối rất tối.',
  address: 'Gần nhà văn hoá',
  reporterName: 'Bà Hoàng Thị B',
  reporterPhone: '0987654321',
  consent: true,
  ...place,
});

describe('assisted reports by a hamlet team member', () => {
  it('files for their own hamlet', async () => {
    const res = await submit(t, member, report({ communeCode: '05569', hamletCode: ownHamlet.code }));
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ channel: 'assisted', communeCode: '05569', hamletCode: ownHamlet.code });
    // They follow what they typed in, without the staff's private block.
    const mine = await get(t, member, `/api/reports/${res.json().id}`);
    expect(mine.statusCode).toBe(200);
    expect(mine.json().private).toBeNull();
  });

  it('files for their hamlet’s commune when the resident’s hamlet is unknown', async () => {
    const res = await submit(t, member, report({ communeCode: '05569' }));
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ communeCode: '05569', hamletCode: null });
  });

  it('may not file for another hamlet of the same commune, nor for another commune', async () => {
    const before = await t.database.query<{ n: number }>('select count(*)::int as n from reports');
    const sameCommune = await submit(t, member, report({ communeCode: '05569', hamletCode: otherHamlet.code }));
    expect(sameCommune.statusCode).toBe(403);
    const otherCommune = await submit(t, member, report({ communeCode: '05443' }));
    expect(otherCommune.statusCode).toBe(403);
    const otherCommunesHamlet = await submit(
      t,
      member,
      report({ communeCode: '05443', hamletCode: otherCommuneHamlet.code }),
    );
    expect(otherCommunesHamlet.statusCode).toBe(403);
    const after = await t.database.query<{ n: number }>('select count(*)::int as n from reports');
    expect(after[0].n).toBe(before[0].n);
  });

  it('a citizen without a team role may not file for someone else', async () => {
    expect((await submit(t, citizen, report({ communeCode: '05569', hamletCode: ownHamlet.code }))).statusCode).toBe(
      403,
    );
  });
});

describe('the policy rule report.submit_assisted', () => {
  const actor = (unitPath: string) => ({
    kind: 'user' as const,
    id: 'x',
    assignments: [{ role: 'team_member' as const, unitCode: null, unitPath, handlingUnitId: null }],
  });
  it('a commune-level place is open to its hamlets’ members only when marked as "hamlet unknown"', () => {
    const m = actor('19/05569/05569-t1');
    expect(can(m, 'report.submit_assisted', { unitPath: '19/05569/05569-t1', placeLevel: 'hamlet' })).toBe(true);
    expect(can(m, 'report.submit_assisted', { unitPath: '19/05569', placeLevel: 'commune' })).toBe(true);
    expect(can(m, 'report.submit_assisted', { unitPath: '19/05569' })).toBe(false);
    expect(can(m, 'report.submit_assisted', { unitPath: '19/05569/05569-t2', placeLevel: 'hamlet' })).toBe(false);
    expect(can(m, 'report.submit_assisted', { unitPath: '19/05443', placeLevel: 'commune' })).toBe(false);
    // A member scoped to a whole commune keeps it.
    expect(can(actor('19/05569'), 'report.submit_assisted', { unitPath: '19/05569', placeLevel: 'commune' })).toBe(
      true,
    );
  });
});
