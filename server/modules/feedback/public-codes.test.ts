import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
    const id = randomUUID();
    const responses = await Promise.all([
      ...citizens.map((c, i) => submit(t, c, report(i))),
      submit(t, citizens[0], report(99, { id })),
      submit(t, citizens[0], report(99, { id })),
    ]);
    const created = responses.filter((r) => r.statusCode === 201).map((r) => r.json().publicCode as string);
    expect(responses.map((r) => r.statusCode).sort()).toEqual([200, ...Array(13).fill(201)]);
    expect(new Set(created).size).toBe(13);
    const yy = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(2, 4);
    for (const code of created) expect(code).toMatch(new RegExp(`^PA-${yy}-\\d{6}$`));
    const [retry] = await t.database.query<{ n: number }>('select count(*)::int as n from reports where id = $1', [id]);
    expect(retry.n).toBe(1);
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
