/**
 * Build-time step (run by hand when the source data changes; the output is committed):
 * simplifies Thái Nguyên's commune boundaries from ../shared/data/vn-admin into two files:
 *  - 19.locate.geojson — fine enough for point-in-polygon (≈ 10 m tolerance), loaded by the server;
 *  - 19.web.geojson    — light enough for a phone map (well under 1 MB for the whole province).
 *
 * Topologically: neighbours in the source share their border vertex for vertex, so each border is cut out once
 * (between junctions, the vertices where three areas meet or the province edge begins), simplified once, and
 * given to both sides. Simplifying each commune alone moved the two copies of a border apart and opened slivers
 * between neighbours (issue 8.6) and overlaps. A border that would collapse a ring is kept unsimplified.
 * Usage: npx tsx scripts/simplify-boundaries.ts [source-folder]
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const source = process.argv[2] ?? join(import.meta.dirname, '../../shared/data/vn-admin/geojson/19_thai_nguyen/wards');
const units = JSON.parse(readFileSync(join(import.meta.dirname, '../data/vn-admin/vn-units-2026-07-25.json'), 'utf8'));
const names = new Map<string, { name: string; fullName: string }>();
for (const p of units) for (const w of p.Wards) names.set(w.Code, { name: w.Name, fullName: w.FullName });

type Position = [number, number];
type Ring = Position[];
interface SourceFeature {
  id: string;
  polygons: Ring[][];
}

const key = (p: Position) => `${p[0]},${p[1]}`;

function readSource(): SourceFeature[] {
  const features: SourceFeature[] = [];
  for (const file of readdirSync(source).sort()) {
    const fc = JSON.parse(readFileSync(join(source, file), 'utf8'));
    for (const f of fc.features) {
      const g = f.geometry;
      const polygons: Ring[][] = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
      // Rings without their closing vertex (added back at the end), and without repeated vertices.
      features.push({
        id: String(f.id),
        polygons: polygons.map((rings) =>
          rings.map((ring) => {
            const open = ring.slice(0, -1).map(([x, y]) => [x, y] as Position);
            return open.filter((p, i) => key(p) !== key(open[(i + open.length - 1) % open.length]));
          }),
        ),
      });
    }
  }
  return features;
}

/**
 * Junctions: a vertex whose neighbours differ between the rings that pass through it (three areas meet, a border
 * reaches the province edge, a ring touches itself). Between two junctions a border is the same chain of vertices
 * in both rings that share it, so it is simplified the same way for both.
 */
function findJunctions(rings: Ring[]): Set<string> {
  const pairs = new Map<string, Set<string>>();
  for (const ring of rings) {
    for (let i = 0; i < ring.length; i++) {
      const prev = key(ring[(i + ring.length - 1) % ring.length]);
      const next = key(ring[(i + 1) % ring.length]);
      const k = key(ring[i]);
      const s = pairs.get(k) ?? new Set<string>();
      pairs.set(k, s);
      s.add(prev < next ? `${prev}|${next}` : `${next}|${prev}`);
    }
  }
  const junctions = new Set<string>();
  for (const [k, s] of pairs) if (s.size > 1) junctions.add(k);
  // A ring with no junction (an island, an enclave and the hole it fills) is cut at its smallest vertex and the
  // vertex farthest from it: both chosen from the vertex set alone, so an enclave and its hole agree.
  for (const ring of rings) {
    if (ring.some((p) => junctions.has(key(p)))) continue;
    const first = ring.reduce((a, b) => (key(b) < key(a) ? b : a));
    const far = ring.reduce((a, b) =>
      (b[0] - first[0]) ** 2 + (b[1] - first[1]) ** 2 > (a[0] - first[0]) ** 2 + (a[1] - first[1]) ** 2 ? b : a,
    );
    junctions.add(key(first));
    junctions.add(key(far));
  }
  return junctions;
}

/** Douglas–Peucker on an open chain (the ends kept), tolerance in degrees, as @turf/simplify's high quality mode. */
function douglasPeucker(points: Position[], tolerance: number): Position[] {
  if (points.length <= 2) return points;
  const keep = new Uint8Array(points.length);
  keep[0] = 1;
  keep[points.length - 1] = 1;
  const sqTol = tolerance * tolerance;
  const stack: [number, number][] = [[0, points.length - 1]];
  while (stack.length) {
    const [first, last] = stack.pop()!;
    const [ax, ay] = points[first];
    const [bx, by] = points[last];
    let maxSq = 0;
    let index = -1;
    for (let i = first + 1; i < last; i++) {
      const [px, py] = points[i];
      let x = ax;
      let y = ay;
      let dx = bx - x;
      let dy = by - y;
      if (dx !== 0 || dy !== 0) {
        const t = ((px - x) * dx + (py - y) * dy) / (dx * dx + dy * dy);
        if (t > 1) {
          x = bx;
          y = by;
        } else if (t > 0) {
          x += dx * t;
          y += dy * t;
        }
      }
      dx = px - x;
      dy = py - y;
      const sq = dx * dx + dy * dy;
      if (sq > maxSq) {
        maxSq = sq;
        index = i;
      }
    }
    if (maxSq > sqTol && index > 0) {
      keep[index] = 1;
      stack.push([first, index], [index, last]);
    }
  }
  return points.filter((_, i) => keep[i]);
}

/** The ring cut at its junctions into chains, each from one junction to the next (ends included). */
function chainsOf(ring: Ring, junctions: Set<string>): Position[][] {
  const start = ring.findIndex((p) => junctions.has(key(p)));
  const rotated = [...ring.slice(start), ...ring.slice(0, start), ring[start]];
  const chains: Position[][] = [];
  let current: Position[] = [rotated[0]];
  for (let i = 1; i < rotated.length; i++) {
    current.push(rotated[i]);
    if (junctions.has(key(rotated[i]))) {
      chains.push(current);
      current = [rotated[i]];
    }
  }
  return chains;
}

/** A border's one name whichever way a ring walks it, and whether this walk is the reverse of that name. */
function orient(chain: Position[]): { canonical: string; reversed: boolean } {
  const forward = chain.map(key).join(';');
  const backward = chain.map(key).reverse().join(';');
  return backward < forward ? { canonical: backward, reversed: true } : { canonical: forward, reversed: false };
}

/** One simplification per border, whichever side asks and in whichever direction it walks it. */
function chainSimplifier(tolerance: number, keepWhole: Set<string>) {
  const cache = new Map<string, Position[]>();
  return (chain: Position[]): Position[] => {
    const { canonical, reversed } = orient(chain);
    let simplified = cache.get(canonical);
    if (!simplified) {
      const points = reversed ? [...chain].reverse() : chain;
      simplified = keepWhole.has(canonical) ? points : douglasPeucker(points, tolerance);
      cache.set(canonical, simplified);
    }
    return reversed ? [...simplified].reverse() : simplified;
  };
}

function ringArea(ring: Position[]): number {
  let a = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++)
    a += (ring[j][0] - ring[i][0]) * (ring[j][1] + ring[i][1]);
  return a / 2;
}

function roundRing(ring: Position[], digits: number): Position[] {
  const out: Position[] = [];
  for (const [x, y] of ring) {
    const p: Position = [Number(x.toFixed(digits)), Number(y.toFixed(digits))];
    if (out.length === 0 || key(out[out.length - 1]) !== key(p)) out.push(p);
  }
  return out;
}

function build(features: SourceFeature[], tolerance: number, digits: number) {
  const allRings = features.flatMap((f) => f.polygons.flat());
  const junctions = findJunctions(allRings);
  // A ring that simplifying would flatten (fewer than 4 vertices, or no area) keeps its borders whole; since a
  // border is shared, that is decided for every ring at once, until none collapses. A ring too small for the
  // rounding even whole (a speck of a few metres) is left out.
  const keepWhole = new Set<string>();
  for (;;) {
    const simplifyChain = chainSimplifier(tolerance, keepWhole);
    let changed = 0;
    let dropped = 0;
    const out = features.map((f) => {
      const n = names.get(f.id);
      const coordinates: Position[][][] = [];
      for (const rings of f.polygons) {
        const polygon: Position[][] = [];
        for (const ring of rings) {
          const chains = chainsOf(ring, junctions);
          const simplified = chains.flatMap((c, i) => {
            const s = simplifyChain(c);
            return i === 0 ? s : s.slice(1);
          });
          const closed = roundRing(simplified, digits);
          if (key(closed[0]) !== key(closed[closed.length - 1])) closed.push(closed[0]);
          if (closed.length >= 4 && Math.abs(ringArea(closed)) > 1e-12) {
            polygon.push(closed);
            continue;
          }
          const keys = chains.map((c) => orient(c).canonical).filter((k) => !keepWhole.has(k));
          for (const k of keys) keepWhole.add(k);
          if (keys.length) changed++;
          else dropped++;
          if (polygon.length === 0) break; // the outer ring is gone: so is the polygon
        }
        if (polygon.length) coordinates.push(polygon);
      }
      return {
        type: 'Feature' as const,
        id: f.id,
        properties: { code: f.id, name: n?.name ?? f.id, fullName: n?.fullName ?? f.id },
        geometry: { type: 'MultiPolygon' as const, coordinates },
      };
    });
    if (changed === 0) {
      if (dropped) console.log(`  ${dropped} ring(s) too small for ${digits} decimals left out`);
      return { type: 'FeatureCollection', features: out };
    }
  }
}

const features = readSource();
const out = join(import.meta.dirname, '../data/boundaries');
for (const [name, tol, digits] of [
  ['19.locate.geojson', 0.0001, 5],
  ['19.web.geojson', 0.0008, 4],
] as const) {
  const text = JSON.stringify(build(features, tol, digits));
  writeFileSync(join(out, name), text);
  console.log(`${name}: ${(text.length / 1024).toFixed(0)} KB`);
}
