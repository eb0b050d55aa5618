/**
 * The demo's figures from elsewhere (seeds 000 and 001) and its illustrative fully-online dossiers: what the
 * dashboard reads from them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMonths, lastDayOfMonth, vnDate } from '../../platform/calendar.js';
import { createUser } from '../../test/factories.js';
import { createTestApp, type TestApp } from '../../test/harness.js';
import { seedDemoIndicators } from './demo.js';

let t: TestApp;
let headers: Record<string, string>;
beforeAll(async () => {
  t = await createTestApp();
  await t.db.transaction((tx) => seedDemoIndicators(tx, { enteredBy: null, now: new Date() }));
  headers = await t.sessionHeaders((await createUser(t.db, { role: 'province_admin', unitCode: '19' })).id);
});
afterAll(() => t.close());

type V = { code: string; value: number | null } & Record<string, unknown>;
const values = async (from: string, to: string) => {
  const res = await t.app.inject({ url: `/api/indicators/values?unit=19&from=${from}&to=${to}`, headers });
  expect(res.statusCode).toBe(200);
  return new Map((res.json().values as V[]).map((v) => [v.code, v]));
};

describe('demo indicators', () => {
  it('has the seed’s app downloads and accounts (29/8/2025) and 900,000 smartphone users of 1.3 million people', async () => {
    const v = await values('2025-09-01', '2025-09-30');
    expect(v.get('ext.app_downloads')).toMatchObject({ value: 447369, coveredFrom: '2025-08-01' });
    expect(v.get('ext.app_accounts')?.value).toBe(110319);
    expect(v.get('ext.smartphone_users')).toMatchObject({ numerator: 900000, denominator: 1300000, value: 69.23 });
  });

  it('has last month’s fully-online dossiers per agency, some above and some below 55%', async () => {
    const month = addMonths(vnDate(new Date()).slice(0, 7), -1);
    const v = (await values(`${month}-01`, lastDayOfMonth(month))).get('ext.online_dossiers') as V & {
      subjects: { targetMet: boolean; target: number }[];
    };
    expect(v.subjects.length).toBeGreaterThanOrEqual(5);
    expect(v.subjects.every((s) => s.target === 55)).toBe(true);
    expect(v.subjects.some((s) => s.targetMet)).toBe(true);
    expect(v.subjects.some((s) => !s.targetMet)).toBe(true);
    expect(v.previous).not.toBeNull();
  });
});
