import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { locateCommuneCode } from '../modules/units/boundaries.js';
import { loadReferenceUnits } from '../modules/units/reference-data.js';
import { fileStoreFor } from '../platform/files/store.js';
import { createTestApp, type TestApp } from '../test/harness.js';
import { seedDemoData } from './demo.js';
import { DEMO_HISTORY_TOTAL, seedDemoHistory } from './demo-history.js';
import { seedDemoHistoryIfEmpty } from './index.js';

// The clock is pinned: the demo's year ends on this day wherever and whenever the test runs.
const NOW = new Date('2026-11-20T03:00:00Z');
let t: TestApp;
const q = <T>(text: string, params?: unknown[]) => t.database.query<T>(text, params);

beforeAll(async () => {
  t = await createTestApp({ XASO_DEMO: '1', DATA_DIR: mkdtempSync(join(tmpdir(), 'xaso-demo-')) });
  await seedDemoData(t.db, loadReferenceUnits());
  expect(await seedDemoHistoryIfEmpty(t.database, t.config, { now: NOW })).toBe(DEMO_HISTORY_TOTAL);
}, 180_000);
afterAll(async () => t?.close());

describe('demo history (XASO_DEMO=1)', { timeout: 120_000 }, () => {
  it("the province's statistics show the seed's table exactly: 3,709 = 1,967 + 224 + 926 + 592", async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/feedback/stats?unit=19' });
    expect(res.statusCode).toBe(200);
    const s = res.json();
    expect({
      received: s.received,
      resolved: s.resolved,
      distributed: s.distributed,
      pending: s.pending,
      cancelled: s.cancelled,
    }).toEqual({ received: 3709, resolved: 1967, distributed: 224, pending: 926, cancelled: 592 });
    // Answers were rated and mostly on time; every category and many communes have reports.
    expect(s.ratings).toBeGreaterThan(300);
    expect(s.meanSatisfaction).toBeGreaterThan(3);
    expect(s.onTimeRate).toBeGreaterThan(0.5);
    expect(s.byCategory.filter((c: { received: number }) => c.received > 0).length).toBe(12);
    const [{ communes }] = await q<{ communes: number }>(
      'select count(distinct commune_code)::int as communes from reports',
    );
    expect(communes).toBeGreaterThan(80);
  });

  it('spreads reports over the last 12 months, each at a point inside its own commune', async () => {
    const [span] = await q<{ first: string; last: string; months: number }>(
      `select min(created_at)::text as first, max(created_at)::text as last,
         count(distinct date_trunc('month', created_at at time zone 'Asia/Ho_Chi_Minh'))::int as months from reports`,
    );
    expect(new Date(span.first).getTime()).toBeGreaterThan(NOW.getTime() - 366 * 86_400_000);
    expect(new Date(span.last).getTime()).toBeLessThanOrEqual(NOW.getTime());
    expect(span.months).toBeGreaterThanOrEqual(12);
    const rows = await q<{ lat: number; lng: number; commune_code: string }>(
      'select lat, lng, commune_code from reports',
    );
    const outside = [];
    for (const r of rows) if ((await locateCommuneCode(r.lng, r.lat)) !== r.commune_code) outside.push(r);
    expect(outside).toEqual([]);
  });

  it("keeps the map's cell rollup consistent with the reports the public sees", async () => {
    const [row] = await q<{ cells: number; public: number }>(
      `select (select coalesce(sum(distributed + resolved + cancelled), 0)::int from report_map_cells where level = 13) as cells,
         (select count(*)::int from reports where status in ('distributed', 'resolved')
            or (status = 'cancelled' and cancel_reason is distinct from 'spam')) as public`,
    );
    expect(row.cells).toBe(row.public);
    expect(row.public).toBe(
      1967 +
        224 +
        592 -
        (await q<{ n: number }>("select count(*)::int as n from reports where cancel_reason = 'spam'"))[0].n,
    );
    const list = await t.app.inject({ method: 'GET', url: '/api/public/reports?limit=5' });
    expect(list.statusCode).toBe(200);
    expect(list.json().items.length).toBe(5);
  });

  it('writes the history real use leaves: events, answers, ratings, routing rules and photos on disk', async () => {
    const events = await q<{ type: string; n: number }>(
      'select type, count(*)::int as n from report_events group by type order by type',
    );
    const by = Object.fromEntries(events.map((e) => [e.type, e.n]));
    expect(by.submitted).toBe(3709);
    expect(by.accepted).toBe(1967 + 224);
    expect(by.answered).toBe(1967);
    expect(by.cancelled).toBe(592);
    const [answers] = await q<{ missing: number }>(
      "select count(*)::int as missing from reports where status = 'resolved' and (answer_text is null or resolved_at is null)",
    );
    expect(answers.missing).toBe(0);
    const [rules] = await q<{ n: number }>('select count(*)::int as n from routing_rules');
    expect(rules.n).toBeGreaterThanOrEqual(5);
    const photos = await q<{ storage_key: string; thumb_key: string }>(
      'select distinct storage_key, thumb_key from report_photos',
    );
    expect(photos.length).toBeGreaterThan(0);
    const store = fileStoreFor(t);
    for (const p of photos) {
      expect(await store.exists(p.storage_key)).toBe(true);
      expect(await store.exists(p.thumb_key)).toBe(true);
    }
    // Public codes are unique, and the next real submission continues after them.
    const [codes] = await q<{ max: string; next: string }>(
      `select max(public_code) as max, next_report_code_number('26')::text as next from reports where public_code like 'PA-26-%'`,
    );
    expect(Number(codes.next)).toBe(Number(codes.max.slice(6)) + 1);
  });

  it('a second start adds nothing; nothing is written without the demo accounts or when stopped', async () => {
    expect(await seedDemoHistoryIfEmpty(t.database, t.config, { now: NOW })).toBe(0);
    const [{ n }] = await q<{ n: number }>('select count(*)::int as n from reports');
    expect(n).toBe(3709);
    const other = await createTestApp({ XASO_DEMO: '1', DATA_DIR: mkdtempSync(join(tmpdir(), 'xaso-demo-')) });
    try {
      expect(await seedDemoHistoryIfEmpty(other.database, other.config, { now: NOW })).toBe(0);
      // A shutdown during the seeding stops it and leaves nothing half-written.
      await expect(
        seedDemoHistory(other.db, {
          communes: loadReferenceUnits(),
          store: fileStoreFor(other),
          now: NOW,
          signal: AbortSignal.abort(),
        }),
      ).rejects.toThrow();
      const [{ none }] = await other.database.query<{ none: number }>('select count(*)::int as none from reports');
      expect(none).toBe(0);
      const [{ rules }] = await other.database.query<{ rules: number }>(
        'select count(*)::int as rules from routing_rules',
      );
      expect(rules).toBe(0);
    } finally {
      await other.close();
    }
  });
});
