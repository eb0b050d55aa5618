import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StatsResponse } from '../../../common/feedback-public.js';
import { foldBatch } from '../../platform/aggregates/index.js';
import { createTestApp, type TestApp } from '../../test/harness.js';
import { reportCounts } from './report-counts.js';
import { act, categoryId, DINH_HOA, handlingUnitId, type Person, person, submit } from './test-support.js';

/**
 * The counts of reports (statistics, public map) are appended as deltas by every writer and folded later: a read
 * must be exact before any fold, after one, and after many writers and several folds at once.
 */
let t: TestApp;
let citizens: Person[];
let officer: Person;
let giaoThong: string;
let committee: string;

beforeAll(async () => {
  t = await createTestApp({ RATE_LIMIT_PER_MINUTE: '100000' });
  citizens = await Promise.all(Array.from({ length: 5 }, () => person(t, 'citizen')));
  officer = await person(t, 'handling_officer', { handlingUnitCode: 'ubnd-05569' });
  giaoThong = await categoryId(t, 'giao-thong');
  committee = await handlingUnitId(t, 'ubnd-05569');
});
afterAll(() => t.close());

let n = 0;
async function newReport(who = citizens[0]): Promise<string> {
  n += 1;
  const res = await submit(t, who, {
    categoryId: giaoThong,
    description: `Ổ gà lớn giữa đường số ${n}, xe máy dễ ngã.`,
    lat: DINH_HOA.lat + (n % 7) * 0.0004,
    lng: DINH_HOA.lng + (n % 5) * 0.0004,
  });
  expect(res.statusCode).toBe(201);
  return res.json().id;
}
const accept = (id: string) => act(t, officer, id, 'accept', { handlingUnitId: committee });
const answer = (id: string) => act(t, officer, id, 'answer', { text: 'Đã vá xong mặt đường.' });

async function stats(unit: string): Promise<StatsResponse> {
  const res = await t.app.inject(`/api/feedback/stats?unit=${unit}`);
  expect(res.statusCode).toBe(200);
  return res.json();
}
const counts = (s: StatsResponse) => ({
  received: s.received,
  pending: s.pending,
  distributed: s.distributed,
  resolved: s.resolved,
  cancelled: s.cancelled,
});

/** The statistics by their definition: a count of the reports themselves. */
async function truth(): Promise<ReturnType<typeof counts>> {
  const rows = await t.database.query<{ status: string; n: number }>(
    'select status, count(*)::int as n from reports group by status',
  );
  const by = Object.fromEntries(rows.map((r) => [r.status, r.n]));
  const c = { pending: 0, distributed: 0, resolved: 0, cancelled: 0, ...by };
  return { received: c.pending + c.distributed + c.resolved + c.cancelled, ...c };
}

/** Reports on the public map by the grid rollup (the finest level: every public report with a position once). */
async function mapTotal() {
  const [row] = await t.database.query<{ n: number; truth: number }>(
    `select (select coalesce(sum(distributed + resolved + cancelled), 0)::int from report_map_cells where level = 17)
       as n,
     (select count(*)::int from reports where map_lat is not null
        and (status in ('distributed', 'resolved') or (status = 'cancelled' and cancel_reason is distinct from 'spam')))
       as truth`,
  );
  return row;
}
const unfolded = async () =>
  (await t.database.query<{ n: number }>('select count(*)::int as n from report_count_deltas'))[0].n;

describe('report counts without shared hot rows', () => {
  it('a submission is in the statistics at once (nothing folded), and the same after a fold', async () => {
    const before = await stats('05569');
    const id = await newReport();
    const now = await stats('05569');
    expect(await unfolded()).toBeGreaterThan(0);
    expect(counts(now)).toEqual({ ...counts(before), received: before.received + 1, pending: before.pending + 1 });
    expect((await accept(id)).statusCode).toBe(200);
    const accepted = await stats('19');
    expect(accepted.distributed).toBe(before.distributed + 1);
    expect(await mapTotal()).toEqual({ n: 1, truth: 1 });

    await t.app.ctx.aggregates.foldAll();
    expect(await unfolded()).toBe(0);
    expect(counts(await stats('19'))).toEqual(counts(accepted));
    expect(await mapTotal()).toEqual({ n: 1, truth: 1 });
    // The folded tables alone now hold it.
    const [folded] = await t.database.query<{ n: number }>(
      `select coalesce(sum(reports), 0)::int as n from report_stats_daily_folded where commune_code = '05569'`,
    );
    expect(folded.n).toBe(accepted.received);
  });

  it('many writers at once (submissions, acceptances, answers): totals exact; two folds at once count nothing twice', async () => {
    const toAccept: string[] = [];
    const toAnswer: string[] = [];
    for (let i = 0; i < 15; i++) toAccept.push(await newReport(citizens[i % 5]));
    for (let i = 0; i < 15; i++) toAnswer.push(await newReport(citizens[i % 5]));
    for (const id of toAnswer) expect((await accept(id)).statusCode).toBe(200);
    await t.app.ctx.aggregates.foldAll(); // some of the counts folded, the writes below not

    const writes = [
      ...Array.from({ length: 50 }, (_, i) =>
        submit(t, citizens[i % 5], {
          categoryId: giaoThong,
          description: `Đèn đường hỏng ở tổ ${i}, trời tối rất nguy hiểm.`,
          lat: DINH_HOA.lat + (i % 9) * 0.0003,
          lng: DINH_HOA.lng + (i % 4) * 0.0003,
        }),
      ),
      ...toAccept.map(accept),
      ...toAnswer.map(answer),
    ];
    const codes = (await Promise.all(writes)).map((r) => r.statusCode);
    expect(codes.filter((c) => c !== 200 && c !== 201)).toEqual([]);

    const want = await truth();
    expect(want).toMatchObject({ received: 81, pending: 50, distributed: 16, resolved: 15 });
    expect(counts(await stats('19'))).toEqual(want);
    expect(counts(await stats('05569'))).toEqual(want);
    const map = await mapTotal();
    expect(map.n).toBe(map.truth);

    // Several folds at once, in small batches so that they run into each other (on PostgreSQL on separate
    // connections): each delta is folded by exactly one of them.
    const folder = async () => {
      let total = 0;
      for (;;) {
        const folded = await foldBatch(t.db, reportCounts, 7);
        total += folded;
        if (folded === 0) return total;
      }
    };
    const deltas = await unfolded();
    const folded = await Promise.all([folder(), folder(), folder(), folder()]);
    expect(folded.reduce((a, b) => a + b, 0)).toBe(deltas);
    expect(await unfolded()).toBe(0);
    expect(counts(await stats('19'))).toEqual(want);
    expect(await mapTotal()).toEqual(map);
    // The folded daily rollup is exactly the reports, row by row.
    const diff = await t.database.query(
      `with want as (
         select report_count_day(created_at) as day, commune_code, category_id, status, coalesce(cancel_reason, '') as cr,
           count(*)::int as n
         from reports group by 1, 2, 3, 4, 5),
       got as (select day, commune_code, category_id, status, cancel_reason as cr, reports as n
         from report_stats_daily_folded where reports <> 0)
       (select * from want except select * from got) union all (select * from got except select * from want)`,
    );
    expect(diff).toEqual([]);
  });
});
