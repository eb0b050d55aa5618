import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/harness.js';
import { insertCategory, insertReports } from '../feedback-stats/report-factory.js';
import { cellDegrees, MAP_CELL_LEVELS } from './map-repo.js';

/**
 * The map's grid answered from the report_map_cells rollup must be the grid of every report in the viewport:
 * checked against that definition written out in SQL, over random reports and viewports (cell and viewport edges
 * included), and again after reports change status, place or category and a category becomes sensitive.
 */
let t: TestApp;
const cat = {} as Record<'road' | 'trash' | 'tip', string>;
const STATUSES = ['pending', 'distributed', 'resolved', 'cancelled'] as const;
const REASONS = ['ineligible', 'duplicate', 'spam'] as const;
/** The area the reports are in: about 20 × 20 km around Thái Nguyên city. */
const AREA = { lat: 21.5, lng: 105.7, size: 0.2 };

function rng(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let x = Math.imul(a ^ (a >>> 15), 1 | a);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}
const random = rng(13);
const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)];

beforeAll(async () => {
  // Every viewport is checked before and after a fold: more map requests than the default per-minute limit.
  t = await createTestApp({ RATE_LIMIT_PER_MINUTE: '100000' });
  cat.road = (await insertCategory(t.db, { code: 'map-road', nameVi: 'Giao thông' })).id;
  cat.trash = (await insertCategory(t.db, { code: 'map-trash', nameVi: 'Rác thải' })).id;
  cat.tip = (await insertCategory(t.db, { code: 'map-tip', nameVi: 'An ninh', sensitive: true })).id;
  const s15 = cellDegrees(15);
  const rows = Array.from({ length: 600 }, (_, i) => {
    // Some reports exactly on cell edges of the finest level, some in tight heaps, the rest spread out.
    const onEdge = i % 10 === 0;
    const heap = i % 3 === 0;
    const lat = onEdge
      ? Math.round((AREA.lat + random() * AREA.size) / s15) * s15
      : heap
        ? AREA.lat + 0.1 + random() * 0.004
        : AREA.lat + random() * AREA.size;
    const lng = onEdge
      ? Math.round((AREA.lng + random() * AREA.size) / s15) * s15
      : heap
        ? AREA.lng + 0.1 + random() * 0.004
        : AREA.lng + random() * AREA.size;
    const status = pick(STATUSES);
    return {
      categoryId: pick([cat.road, cat.trash, cat.tip]),
      communeCode: '05443',
      unitPath: '19/05443',
      status,
      cancelReason: status === 'cancelled' ? pick(REASONS) : null,
      lat: i % 50 === 7 ? null : lat,
      lng: i % 50 === 7 ? null : lng,
    };
  });
  await insertReports(t.db, rows);
});
afterAll(() => t.close());

interface Cluster {
  count: number;
  lat: number;
  lng: number;
  statuses: Record<string, number>;
}
interface Point {
  publicCode: string;
  lat: number;
  lng: number;
  status: string;
  categoryCode: string;
}
type Bbox = [number, number, number, number];

/** The grid by its definition: every public report, at its public position, inside the viewport, per cell. */
async function expected(bbox: Bbox, zoom: number, f: { category?: string; status?: string } = {}) {
  const rows = await t.database.query<{
    n: number;
    lat: number;
    lng: number;
    d: number;
    r: number;
    c: number;
    code: string;
    status: string;
    category: string;
  }>(
    `select count(*)::int as n, avg(lat)::float8 as lat, avg(lng)::float8 as lng,
       (count(*) filter (where status = 'distributed'))::int as d, (count(*) filter (where status = 'resolved'))::int as r,
       (count(*) filter (where status = 'cancelled'))::int as c,
       min(public_code) as code, min(status) as status, min(category) as category
     from (select r.public_code, r.status, c.code as category,
             case when c.sensitive then round(r.lat / 0.0045::float8) * 0.0045::float8 else r.lat end as lat,
             case when c.sensitive then round(r.lng / 0.0045::float8) * 0.0045::float8 else r.lng end as lng
           from reports r join feedback_categories c on c.id = r.category_id
           where (r.status in ('distributed', 'resolved') or (r.status = 'cancelled' and r.cancel_reason is distinct from 'spam'))
             and ($6::text is null or c.code = $6) and ($7::text is null or r.status = $7)) p
     where lat between $2 and $4 and lng between $1 and $3
     group by floor(lat / $5::float8), floor(lng / $5::float8)`,
    [...bbox, cellDegrees(zoom), f.category ?? null, f.status ?? null],
  );
  return {
    total: rows.reduce((s, x) => s + x.n, 0),
    clusters: rows
      .filter((x) => x.n > 1)
      .map((x) => ({
        count: x.n,
        lat: x.lat,
        lng: x.lng,
        statuses: { pending: 0, distributed: x.d, resolved: x.r, cancelled: x.c },
      })),
    points: rows
      .filter((x) => x.n === 1)
      .map((x) => ({ publicCode: x.code, lat: x.lat, lng: x.lng, status: x.status, categoryCode: x.category })),
  };
}

async function actual(bbox: Bbox, zoom: number, f: { category?: string; status?: string } = {}) {
  const query = new URLSearchParams({ bbox: bbox.join(','), zoom: String(zoom), ...f });
  const res = await t.app.inject(`/api/public/reports/map?${query}`);
  expect(res.statusCode).toBe(200);
  return res.json() as { groupedBy: string; total: number; clusters: Cluster[]; points: Point[] };
}

const byPlace = <T extends { lat: number; lng: number }>(xs: T[]) =>
  [...xs].sort((a, b) => a.lat - b.lat || a.lng - b.lng);

async function expectSameGrid(bbox: Bbox, zoom: number, f: { category?: string; status?: string } = {}) {
  const [want, got] = await Promise.all([expected(bbox, zoom, f), actual(bbox, zoom, f)]);
  expect(got.groupedBy).toBe('grid');
  expect(got.total).toBe(want.total);
  expect(byPlace(got.points)).toEqual(byPlace(want.points));
  // Each cluster is the one at the same place (within 1e-9°: the centre is summed in another order) with the same
  // counts.
  const left = [...want.clusters];
  for (const x of got.clusters) {
    const i = left.findIndex(
      (y) => Math.abs(y.lat - x.lat) < 1e-9 && Math.abs(y.lng - x.lng) < 1e-9 && y.count === x.count,
    );
    expect(i, `cluster of ${x.count} at ${x.lat},${x.lng}`).toBeGreaterThanOrEqual(0);
    expect(x.statuses).toEqual(left[i].statuses);
    left.splice(i, 1);
  }
  expect(left).toEqual([]);
  return want.total;
}

/** Viewports of a 1024 × 600 screen at a zoom, centred in the area; some with edges exactly on cell edges. */
function viewports(zoom: number, n: number): Bbox[] {
  const w = (1024 / 256) * (360 / 2 ** zoom);
  const h = w * 0.6;
  return Array.from({ length: n }, (_, i) => {
    const lng = AREA.lng + random() * AREA.size;
    const lat = AREA.lat + random() * AREA.size;
    if (i % 4 === 0) {
      const s = cellDegrees(15);
      const [x0, y0] = [Math.round(lng / s) * s, Math.round(lat / s) * s];
      return [x0, y0, x0 + w, y0 + h];
    }
    return [lng - w / 2, lat - h / 2, lng + w / 2, lat + h / 2];
  });
}

const allViewports = [13, 14, 15, 16, 17].flatMap((zoom) => [
  ...viewports(zoom, 6).map((b) => [b, zoom] as const),
  [[AREA.lng + 0.09, AREA.lat + 0.09, AREA.lng + 0.11, AREA.lat + 0.11] as Bbox, zoom] as const,
]);

async function expectAllSame() {
  let seen = 0;
  for (const [bbox, zoom] of allViewports) {
    seen += await expectSameGrid(bbox, zoom);
    await expectSameGrid(bbox, zoom, { category: 'map-tip' });
    await expectSameGrid(bbox, zoom, { status: 'cancelled', category: 'map-road' });
  }
  return seen;
}

/** report_map_cells (folded + unfolded rows, summed) holds exactly the counts of the reports (positions aside). */
async function expectRollupExact() {
  const diff = await t.database.query(
    `with want as (
       select l.level, floor(r.map_lat / map_cell_degrees(l.level))::int as cy,
         floor(r.map_lng / map_cell_degrees(l.level))::int as cx, r.category_id,
         (count(*) filter (where r.status = 'distributed'))::int as d, (count(*) filter (where r.status = 'resolved'))::int as r,
         (count(*) filter (where r.status = 'cancelled'))::int as c
       from reports r cross join unnest($1::int[]) as l(level)
       where r.map_lat is not null
         and (r.status in ('distributed', 'resolved') or (r.status = 'cancelled' and r.cancel_reason is distinct from 'spam'))
       group by 1, 2, 3, 4),
     got as (select level::int, cy, cx, category_id, sum(distributed)::int as d, sum(resolved)::int as r,
         sum(cancelled)::int as c
       from report_map_cells group by 1, 2, 3, 4
       having sum(distributed) <> 0 or sum(resolved) <> 0 or sum(cancelled) <> 0)
     (select 'missing' as what, * from (select * from want except select * from got) a)
     union all (select 'extra', * from (select * from got except select * from want) b)`,
    [MAP_CELL_LEVELS],
  );
  expect(diff).toEqual([]);
}

/** Unfolded deltas left in report_count_deltas. */
async function unfolded() {
  const [row] = await t.database.query<{ n: number }>('select count(*)::int as n from report_count_deltas');
  return row.n;
}

/** The same grid and rollup with the changes not yet folded, then folded. */
async function expectExactBeforeAndAfterFold() {
  expect(await unfolded()).toBeGreaterThan(0);
  await expectRollupExact();
  await expectAllSame();
  await t.app.ctx.aggregates.foldAll();
  expect(await unfolded()).toBe(0);
  await expectRollupExact();
  await expectAllSame();
}

describe('map grid from the rollup', () => {
  it('gives the clusters, counts and single reports of every report in the viewport', async () => {
    // Nothing folded yet: every cell comes from the deltas.
    expect(await expectAllSame()).toBeGreaterThan(200);
    await expectExactBeforeAndAfterFold();
  });

  it('stays exact when reports are screened, cancelled as spam, moved, re-categorised and deleted', async () => {
    await t.database.query(`update reports set status = 'distributed', cancel_reason = null
      where id in (select id from reports where status = 'pending' order by public_code limit 40)`);
    await t.database.query(`update reports set status = 'cancelled', cancel_reason = 'spam'
      where id in (select id from reports where status = 'resolved' order by public_code limit 20)`);
    await t.database.query(`update reports set lat = lat + 0.013, lng = lng - 0.007
      where id in (select id from reports where status = 'distributed' order by public_code limit 30)`);
    await t.database.query(
      `update reports set category_id = $1
      where id in (select id from reports where category_id = $2 order by public_code limit 30)`,
      [cat.tip, cat.road],
    );
    await t.database.query(`update reports set lat = null, lng = null
      where id in (select id from reports where status = 'resolved' order by public_code limit 5)`);
    await t.database.query(`delete from reports
      where id in (select id from reports where status = 'cancelled' order by public_code desc limit 10)`);
    await expectExactBeforeAndAfterFold();
  });

  it('moves a category’s reports when it becomes sensitive, and back', async () => {
    await t.database.query(`update feedback_categories set sensitive = true where id = $1`, [cat.trash]);
    const [snapped] = await t.database.query<{ off: number }>(
      `select count(*)::int as off from reports where category_id = $1 and lat is not null
         and abs(map_lat / 0.0045 - round(map_lat / 0.0045)) > 1e-6`,
      [cat.trash],
    );
    expect(snapped.off).toBe(0);
    await expectExactBeforeAndAfterFold();
    await t.database.query(`update feedback_categories set sensitive = false where id = $1`, [cat.trash]);
    await expectExactBeforeAndAfterFold();
  });
});
