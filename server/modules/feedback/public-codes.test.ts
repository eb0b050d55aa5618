import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestApp, type TestApp } from '../../test/harness.js';
import { insertReports } from '../feedback-stats/report-factory.js';
import { categoryId, DINH_HOA, type Person, person, submit } from './test-support.js';

let t: TestApp;
let citizens: Person[];
let giaoThong: string;

beforeAll(async () => {
  t = await createTestApp();
  citizens = await Promise.all(Array.from({ length: 12 }, () => person(t, 'citizen')));
  giaoThong = await categoryId(t, 'giao-thong');
});
afterAll(() => t.close());
afterEach(() => {
  vi.useRealTimers();
});
/** The clock pinned to an instant (Date only: timers and the database run as usual). */
const pinClock = (iso: string) => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date(iso));
};

const report = (n: number, extra: object = {}) => ({
  categoryId: giaoThong,
  description: `Ổ gà số ${n} trên đường liên xã, xe máy dễ ngã.`,
  lat: DINH_HOA.lat,
  lng: DINH_HOA.lng,
  ...extra,
});

const drawNumber = async (yy: string) =>
  (await t.database.query<{ n: number }>('select next_report_code_number($1)::int as n', [yy]))[0].n;

describe('public codes', () => {
  it('parallel submissions each get their own short code of the year, and a concurrent retry still makes one', async () => {
    pinClock('2026-06-15T03:00:00.000Z');
    const id = randomUUID();
    const responses = await Promise.all([
      ...citizens.map((c, i) => submit(t, c, report(i))),
      submit(t, citizens[0], report(99, { id })),
      submit(t, citizens[0], report(99, { id })),
    ]);
    const created = responses.filter((r) => r.statusCode === 201).map((r) => r.json().publicCode as string);
    expect(responses.map((r) => r.statusCode).sort()).toEqual([200, ...Array(13).fill(201)]);
    expect(new Set(created).size).toBe(13);
    for (const code of created) expect(code).toMatch(/^PA-26-\d{6}$/);
    const [retry] = await t.database.query<{ n: number }>('select count(*)::int as n from reports where id = $1', [id]);
    expect(retry.n).toBe(1);
  });

  it.each([
    // Instants before the sessions were made (a pinned clock past their expiry would sign everyone out).
    ['2025-12-31T16:59:59.999Z', 'PA-25-'], // 23:59:59.999 on 31 December in Vietnam
    ['2025-12-31T17:00:00.000Z', 'PA-26-'], // midnight in Vietnam, still 2025 in UTC
    ['2026-01-01T00:00:00.000Z', 'PA-26-'],
  ])('the year of the code is the year in Vietnam: at %s → %s', async (at, prefix) => {
    pinClock(at);
    const res = await submit(t, citizens[2], report(300));
    expect(res.statusCode).toBe(201);
    expect(res.json().publicCode.slice(0, 6)).toBe(prefix);
    expect(res.json().createdAt).toBe(at);
  });

  it('a new year starts at 1, even when many submissions race to start it', async () => {
    const numbers = await Promise.all(Array.from({ length: 8 }, () => drawNumber('37')));
    expect(numbers.sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it('continues after codes of the year written before numbering started (imported reports)', async () => {
    await insertReports(t.db, [
      {
        categoryId: giaoThong,
        communeCode: '05569',
        unitPath: '19/05569',
        status: 'pending',
        publicCode: 'PA-38-000041',
      },
      {
        categoryId: giaoThong,
        communeCode: '05569',
        unitPath: '19/05569',
        status: 'pending',
        publicCode: 'PA-38-000007',
      },
    ]);
    expect(await drawNumber('38')).toBe(42);
    expect(await drawNumber('38')).toBe(43);
  });

  it('a rolled-back submission leaves a gap, never a duplicate', async () => {
    const before = (await submit(t, citizens[1], report(200))).json().publicCode as string;
    await t.database.query(
      `create or replace function fail_code_test() returns trigger language plpgsql as $$ begin raise exception 'forced'; end $$`,
    );
    await t.database.query(
      'create trigger fail_code_test before insert on report_events for each row execute function fail_code_test()',
    );
    try {
      expect((await submit(t, citizens[1], report(201))).statusCode).toBe(500);
    } finally {
      await t.database.query('drop trigger fail_code_test on report_events');
    }
    const after = (await submit(t, citizens[1], report(202))).json().publicCode as string;
    expect(Number(after.slice(6))).toBe(Number(before.slice(6)) + 2);
  });

  it('refuses a malformed year instead of naming a sequence after it', async () => {
    await expect(drawNumber("2'; drop table reports; --")).rejects.toThrow(/invalid year/);
  });
});
