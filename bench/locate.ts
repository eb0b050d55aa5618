/**
 * Point → commune lookup, in process: `npx tsx bench/locate.ts`.
 * Builds the flatbush + point-in-polygon index from data/boundaries/19.locate.geojson, then times
 * 100,000 random points in Thái Nguyên's bounding box (many fall outside every commune: each of those also
 * pays for the nearest-boundary search within 100 m before it is called outside), 100,000 points known to be
 * inside a commune, and 100,000 points 5 m off a boundary vertex (where the slivers between simplified
 * neighbours are; some take the nearest-boundary path). Prints p50/p99/mean per lookup in microseconds and
 * lookups per second.
 */
import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon';
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { BOUNDARIES_DIR } from '../server/modules/units/boundaries.js';
import { buildPointIndex } from '../server/platform/geo/point-index.js';
import { seededRandom as rng } from '../server/platform/seeded-random.js';

const N = 100_000;

const t0 = performance.now();
const fc = JSON.parse(readFileSync(join(BOUNDARIES_DIR, '19.locate.geojson'), 'utf8')) as FeatureCollection<
  Polygon | MultiPolygon
>;
const t1 = performance.now();
const index = buildPointIndex(fc);
const t2 = performance.now();
const [minX, minY, maxX, maxY] = index.bbox;

const random = rng(19);
const inBox: [number, number][] = Array.from({ length: N }, () => [
  minX + random() * (maxX - minX),
  minY + random() * (maxY - minY),
]);

// Points known inside: random points in a random commune's box, kept when exactly inside its polygon
// (checked here, outside the timing).
const inside: [number, number, string][] = [];
const bboxes = fc.features.map((f) => {
  const coords = (f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates).flatMap(
    (p) => p[0],
  );
  const xs = coords.map((c) => c[0]);
  const ys = coords.map((c) => c[1]);
  return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
});
while (inside.length < N) {
  const i = Math.floor(random() * fc.features.length);
  const [x0, y0, x1, y1] = bboxes[i];
  const p: [number, number] = [x0 + random() * (x1 - x0), y0 + random() * (y1 - y0)];
  if (booleanPointInPolygon(p, fc.features[i])) inside.push([p[0], p[1], String(fc.features[i].id)]);
}

// Points 5 m off a random boundary vertex, in one of four directions.
const vertices = fc.features.flatMap((f) =>
  (f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates).flat(2),
);
const d = 5 / 111_195;
const nearEdges: [number, number][] = Array.from({ length: N }, () => {
  const [x, y] = vertices[Math.floor(random() * vertices.length)];
  const [dx, dy] = [
    [d, 0],
    [-d, 0],
    [0, d],
    [0, -d],
  ][Math.floor(random() * 4)];
  return [x + dx, y + dy];
});
const sliver = nearEdges.filter(([x, y]) => index.locateExact(x, y) === null).length;

function run(label: string, points: [number, number, string?][]) {
  // Warm up the JIT on a slice first, as a long-running server would be.
  for (let i = 0; i < 5000; i++) index.locate(points[i][0], points[i][1]);
  const times = new Float64Array(points.length);
  let found = 0;
  let wrong = 0;
  const start = process.hrtime.bigint();
  for (let i = 0; i < points.length; i++) {
    const [lng, lat, expected] = points[i];
    const a = process.hrtime.bigint();
    const code = index.locate(lng, lat);
    times[i] = Number(process.hrtime.bigint() - a) / 1000;
    if (code) found++;
    if (expected && code !== expected) wrong++;
  }
  const totalMs = Number(process.hrtime.bigint() - start) / 1e6;
  times.sort();
  const pct = (p: number) => times[Math.min(times.length - 1, Math.floor(p * times.length))];
  const mean = times.reduce((s, v) => s + v, 0) / times.length;
  console.log(
    `${label.padEnd(34)} p50 ${pct(0.5).toFixed(1).padStart(5)} µs · p99 ${pct(0.99).toFixed(1).padStart(5)} µs · ` +
      `mean ${mean.toFixed(1).padStart(5)} µs · ${Math.round(points.length / (totalMs / 1000)).toLocaleString('en')} lookups/s` +
      ` · in a commune: ${((found / points.length) * 100).toFixed(1)}%` +
      (points[0][2] ? ` · wrong commune: ${wrong}` : ''),
  );
}

console.log(`machine: ${cpus()[0]?.model ?? 'unknown'} × ${cpus().length}, Node ${process.version}`);
console.log(
  `index: ${index.size.areas} communes, ${index.size.parts} polygons; parse ${(t1 - t0).toFixed(0)} ms, build ${(t2 - t1).toFixed(1)} ms`,
);
run(`${N.toLocaleString('en')} random points in the bbox`, inBox);
run(`${N.toLocaleString('en')} points inside communes`, inside);
run(`${N.toLocaleString('en')} points 5 m off a boundary`, nearEdges);
console.log(
  `  of which in no simplified polygon (nearest-boundary path): ${((sliver / N) * 100).toFixed(1)}%; ` +
    `random points that missed every polygon: ${((inBox.filter(([x, y]) => index.locateExact(x, y) === null).length / N) * 100).toFixed(1)}%`,
);
