import { eq, or, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { rowsOf } from '../../db/rows.js';
import { feedbackCategories as c, reportMapCells as m, reports as r } from '../../db/schema/index.js';
import { type PublicFilters, publicWhere } from './repo.js';

/** Zoom levels whose grid cells report_map_cells counts (the trigger of migration 0007 lists the same). */
export const MAP_CELL_LEVELS = [13, 15, 17] as const;
/** Grid cell size at a zoom level, in degrees: a quarter of a 256 px tile (exact in binary). */
export const cellDegrees = (zoom: number) => 90 / 2 ** zoom;
/** Cells nearer than this to the viewport's edge are not taken as wholly inside it (float rounding of floor()). */
const EDGE = 1e-9;
/** The most clusters one answer carries (a screen shows a few hundred). */
const MAX_CELLS = 5000;

export interface Viewport {
  minLng: number;
  minLat: number;
  maxLng: number;
  maxLat: number;
}
/** Cells [y0..y1] × [x0..x1] of one level. */
interface CellRange {
  level: number;
  y0: number;
  y1: number;
  x0: number;
  x1: number;
}
export interface MapCell {
  count: number;
  lat: number;
  lng: number;
  pending: number;
  distributed: number;
  resolved: number;
  cancelled: number;
  /** Of the one report when count is 1. */
  publicCode: string;
  status: string;
  categoryCode: string;
}
interface Group {
  gy: number;
  gx: number;
  distributed: number;
  resolved: number;
  cancelled: number;
  latSum: number;
  lngSum: number;
  fromRollup: boolean;
  one?: { publicCode: string; status: string; categoryCode: string };
}

/** The cells of a level lying wholly inside the viewport: every position that floor()s into them is inside it. */
function cellsInside(level: number, v: Viewport): CellRange | null {
  const s = cellDegrees(level);
  const y0 = Math.ceil((v.minLat + EDGE) / s);
  const y1 = Math.floor((v.maxLat - EDGE) / s) - 1;
  const x0 = Math.ceil((v.minLng + EDGE) / s);
  const x1 = Math.floor((v.maxLng - EDGE) / s) - 1;
  return y0 <= y1 && x0 <= x1 ? { level, y0, y1, x0, x1 } : null;
}

/** A finer range without the cells a coarser range (wholly inside it) already counts: up to four strips. */
function around(fine: CellRange, coarse: CellRange | null): CellRange[] {
  if (!coarse) return [fine];
  const k = 2 ** (fine.level - coarse.level);
  const p = { y0: coarse.y0 * k, y1: (coarse.y1 + 1) * k - 1, x0: coarse.x0 * k, x1: (coarse.x1 + 1) * k - 1 };
  return [
    { ...fine, y1: p.y0 - 1 },
    { ...fine, y0: p.y1 + 1 },
    { ...fine, y0: p.y0, y1: p.y1, x1: p.x0 - 1 },
    { ...fine, y0: p.y0, y1: p.y1, x0: p.x1 + 1 },
  ].filter((q) => q.y0 <= q.y1 && q.x0 <= q.x1);
}

const contains = (a: CellRange, b: CellRange) => {
  const k = 2 ** (a.level - b.level);
  return b.y0 * k >= a.y0 && (b.y1 + 1) * k - 1 <= a.y1 && b.x0 * k >= a.x0 && (b.x1 + 1) * k - 1 <= a.x1;
};
const span = (a: number, b: number) => Array.from({ length: b - a + 1 }, (_, i) => a + i);

/**
 * Map of a viewport: public reports grouped on the grid of the zoom level (cells of `cellDegrees(zoom)`, by their
 * public position, sensitive ones snapped first so that moving the viewport reveals nothing finer). Without a
 * commune, period or text filter, the cells wholly inside the viewport are summed from report_map_cells (coarse
 * cells in the middle, finer ones towards the edges) and only the thin frame left at the edges is read report by
 * report; otherwise every report in the viewport is. Both give the same clusters and counts.
 */
export async function mapCells(exec: Executor, f: PublicFilters, v: Viewport, zoom: number): Promise<MapCell[]> {
  const rollup = !f.commune && !f.fromAt && !f.toAt && !f.words?.length;
  const ranges: CellRange[] = [];
  if (rollup)
    for (const level of MAP_CELL_LEVELS.filter((l) => l >= zoom)) {
      const inside = cellsInside(level, v);
      if (inside && ranges.every((q) => contains(inside, q))) ranges.push(inside);
    }
  const groups = new Map<string, Group>();
  const group = (gy: number, gx: number) => {
    const key = `${gy}:${gx}`;
    let g = groups.get(key);
    if (!g) {
      g = { gy, gx, distributed: 0, resolved: 0, cancelled: 0, latSum: 0, lngSum: 0, fromRollup: false };
      groups.set(key, g);
    }
    return g;
  };
  const [fromCells, fromReports] = await Promise.all([
    rollupCells(exec, f, ranges, zoom),
    frameReports(exec, f, v, zoom, ranges.at(-1) ?? null),
  ]);
  for (const [rows, fromRollup] of [
    [fromCells, true],
    [fromReports, false],
  ] as const)
    for (const row of rows) {
      const g = group(row.gy, row.gx);
      g.fromRollup ||= fromRollup;
      g.distributed += row.distributed;
      g.resolved += row.resolved;
      g.cancelled += row.cancelled;
      g.latSum += row.latSum;
      g.lngSum += row.lngSum;
      if ('publicCode' in row && row.publicCode)
        g.one = { publicCode: row.publicCode, status: row.status, categoryCode: row.categoryCode };
    }
  const cells = [...groups.values()]
    .map((g) => ({ ...g, count: g.distributed + g.resolved + g.cancelled }))
    .filter((g) => g.count > 0)
    .slice(0, MAX_CELLS);
  // A cell with one report shows that report: found by its cell when the rollup counted it.
  const single = cells.filter((g) => g.count === 1 && g.fromRollup);
  const found = new Map(
    (await singleReports(exec, f, v, zoom, single)).map((row) => [`${row.gy}:${row.gx}`, row] as const),
  );
  return cells.map((g) => {
    const probed = g.count === 1 && g.fromRollup ? found.get(`${g.gy}:${g.gx}`) : undefined;
    const one = g.count === 1 ? (probed ?? g.one) : undefined;
    return {
      count: g.count,
      lat: probed?.lat ?? g.latSum / g.count,
      lng: probed?.lng ?? g.lngSum / g.count,
      pending: 0,
      distributed: g.distributed,
      resolved: g.resolved,
      cancelled: g.cancelled,
      publicCode: one?.publicCode ?? '',
      status: one?.status ?? '',
      categoryCode: one?.categoryCode ?? '',
    };
  });
}

/** Counts and position sums of the rollup's cells in the ranges, each range without the coarser one before it. */
async function rollupCells(exec: Executor, f: PublicFilters, ranges: CellRange[], zoom: number) {
  if (ranges.length === 0) return [];
  const parts: SQL[] = [];
  ranges.forEach((range, i) => {
    for (const q of around(range, ranges[i - 1] ?? null)) {
      // Few rows: one index descent per row of cells (one array parameter, cheap to plan); many: one range of rows.
      const rows =
        q.y1 - q.y0 < 256
          ? sql`${m.cy} = any(${sql.param(span(q.y0, q.y1))}::int[])`
          : sql`${m.cy} between ${q.y0} and ${q.y1}`;
      parts.push(sql`(${m.level} = ${q.level} and ${rows} and ${m.cx} between ${q.x0} and ${q.x1})`);
    }
  });
  // The statuses asked for, summed in SQL: every value handed back costs (PGlite parses each one in JavaScript).
  const statuses = (['distributed', 'resolved', 'cancelled'] as const).filter((s) => !f.status || f.status === s);
  const columns = {
    distributed: [m.distributed, m.latDistributed, m.lngDistributed],
    resolved: [m.resolved, m.latResolved, m.lngResolved],
    cancelled: [m.cancelled, m.latCancelled, m.lngCancelled],
  } as const;
  const count = (s: keyof typeof columns) =>
    statuses.includes(s) ? sql<number>`sum(${columns[s][0]})::int` : sql<number>`0`;
  const total = (i: 1 | 2) =>
    sql<number>`sum(${sql.join(
      statuses.map((s) => columns[s][i]),
      sql` + `,
    )})::float8`;
  const query = exec
    .select({
      gy: sql<number>`(${m.cy} >> (${m.level} - ${zoom}))`,
      gx: sql<number>`(${m.cx} >> (${m.level} - ${zoom}))`,
      distributed: count('distributed'),
      resolved: count('resolved'),
      cancelled: count('cancelled'),
      latSum: total(1),
      lngSum: total(2),
    })
    .from(m);
  const where = or(...parts);
  const rows = f.category
    ? await query
        .innerJoin(c, eq(c.id, m.categoryId))
        .where(sql`${where} and ${c.code} = ${f.category}`)
        .groupBy(byPosition)
    : await query.where(where).groupBy(byPosition);
  return rows.map((row) => ({
    gy: Number(row.gy),
    gx: Number(row.gx),
    distributed: Number(row.distributed),
    resolved: Number(row.resolved),
    cancelled: Number(row.cancelled),
    latSum: Number(row.latSum),
    lngSum: Number(row.lngSum),
  }));
}

/** GROUP BY the first two columns (the cell): the same expression written twice would carry its own parameters. */
const byPosition = sql.raw('1, 2');

const cellOf = (col: typeof r.mapLat | typeof r.mapLng, zoom: number) =>
  sql<number>`floor(${col} / ${cellDegrees(zoom)})::int`;
const inViewport = (v: Viewport) =>
  sql`${r.mapLat} between ${v.minLat} and ${v.maxLat} and ${r.mapLng} between ${v.minLng} and ${v.maxLng}`;

/**
 * Reports of the viewport outside the cells the rollup counted (`inner`, all of them without it), grouped by cell.
 * The frame is given as four boxes, each a narrow range of the (map_lat, map_lng) index (south and north) or of
 * the (map_lng, map_lat) one (west and east); the exact test is on the same floor() the rollup's trigger computes.
 */
async function frameReports(exec: Executor, f: PublicFilters, v: Viewport, zoom: number, inner: CellRange | null) {
  const extra: SQL[] = [inViewport(v)];
  if (inner) {
    const s = cellDegrees(inner.level);
    const [south, north] = [inner.y0 * s + EDGE, (inner.y1 + 1) * s - EDGE];
    const [west, east] = [inner.x0 * s + EDGE, (inner.x1 + 1) * s - EDGE];
    const box = (lat0: number, lat1: number, lng0: number, lng1: number) =>
      sql`(${r.mapLat} between ${lat0} and ${lat1} and ${r.mapLng} between ${lng0} and ${lng1})`;
    extra.push(
      sql`(${box(v.minLat, south, v.minLng, v.maxLng)} or ${box(north, v.maxLat, v.minLng, v.maxLng)}
        or ${box(south, north, v.minLng, west)} or ${box(south, north, east, v.maxLng)})`,
      sql`not (${cellOf(r.mapLat, inner.level)} between ${inner.y0} and ${inner.y1}
        and ${cellOf(r.mapLng, inner.level)} between ${inner.x0} and ${inner.x1})`,
    );
  }
  const n = (s: string) => sql<number>`(count(*) filter (where ${r.status} = ${s}))::int`;
  const gy = cellOf(r.mapLat, zoom);
  const gx = cellOf(r.mapLng, zoom);
  return exec
    .select({
      gy,
      gx,
      distributed: n('distributed'),
      resolved: n('resolved'),
      cancelled: n('cancelled'),
      latSum: sql<number>`sum(${r.mapLat})::float8`,
      lngSum: sql<number>`sum(${r.mapLng})::float8`,
      // The report itself when it is alone in its cell (null for a cluster: nothing to hand back).
      publicCode: sql<string | null>`case when count(*) = 1 then min(${r.publicCode}) end`,
      status: sql<string>`case when count(*) = 1 then min(${r.status}) end`,
      categoryCode: sql<string>`case when count(*) = 1 then min(${c.code}) end`,
    })
    .from(r)
    .innerJoin(c, eq(c.id, r.categoryId))
    .where(publicWhere(f, extra))
    .groupBy(byPosition)
    .limit(MAX_CELLS);
}

/** The one report of each of these cells (cells the rollup counted one report in), by an index probe per cell. */
async function singleReports(exec: Executor, f: PublicFilters, v: Viewport, zoom: number, cells: Group[]) {
  if (cells.length === 0) return [];
  const s = cellDegrees(zoom);
  const values = sql.join(
    cells.map((g) => sql`(${g.gy}::int, ${g.gx}::int)`),
    sql`, `,
  );
  const result = await exec.execute(sql`select g.gy, g.gx, p.* from (values ${values}) as g(gy, gx)
    cross join lateral (
      select ${r.publicCode} as "publicCode", ${r.status} as status, ${c.code} as "categoryCode",
        ${r.mapLat} as lat, ${r.mapLng} as lng
      from ${r} inner join ${c} on ${c.id} = ${r.categoryId}
      where ${publicWhere(f, [
        inViewport(v),
        sql`${r.mapLat} between g.gy * ${s}::float8 - ${EDGE}::float8 and (g.gy + 1) * ${s}::float8 + ${EDGE}::float8`,
        sql`${r.mapLng} between g.gx * ${s}::float8 - ${EDGE}::float8 and (g.gx + 1) * ${s}::float8 + ${EDGE}::float8`,
        sql`${cellOf(r.mapLat, zoom)} = g.gy and ${cellOf(r.mapLng, zoom)} = g.gx`,
      ])}
      limit 1) p`);
  type Row = {
    gy: number;
    gx: number;
    publicCode: string;
    status: string;
    categoryCode: string;
    lat: number;
    lng: number;
  };
  return rowsOf<Row>(result).map((row) => ({
    ...row,
    gy: Number(row.gy),
    gx: Number(row.gx),
    lat: Number(row.lat),
    lng: Number(row.lng),
  }));
}
