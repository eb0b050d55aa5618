import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon';
import Flatbush from 'flatbush';
import type { FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';

/**
 * Point → area lookup over polygons (communes), in process.
 *
 * Why this shape: a commune's polygon has hundreds to thousands of vertices, so testing every polygon for every
 * point is slow; a flatbush R-tree over each polygon's bounding box narrows a point to the one to three
 * polygons whose boxes contain it in about a microsecond, and only those get the exact (ray-casting)
 * point-in-polygon test from @turf/boolean-point-in-polygon. No PostGIS needed (see ENGINEERING.md), and the
 * index is immutable, so one copy per process serves every request.
 *
 * A point no polygon contains (a sliver left between simplified neighbours, a pin just past the province's
 * edge) gets the area with the nearest boundary within NEAR_BOUNDARY_METRES; only farther than that is it
 * outside. Only misses pay for that search, and it reads just the segments in a small box around the point.
 */
export interface PointIndex {
  /**
   * The id of the area containing the point; else the area whose boundary is nearest, if it is within
   * `nearMetres` (the slivers simplification opens between neighbours, a pin dropped just past the edge);
   * else null.
   */
  locate(lng: number, lat: number): string | null;
  /** Only the exact point-in-polygon test, no nearest fallback (benchmarks, tests). */
  locateExact(lng: number, lat: number): string | null;
  /** The area whose boundary is nearest to the point within `maxMetres` (a point inside is not at 0 m unless on an edge). */
  nearest(lng: number, lat: number, maxMetres: number): { id: string; metres: number } | null;
  /** Bounding box of everything indexed: [minLng, minLat, maxLng, maxLat]. */
  bbox: [number, number, number, number];
  /** How many areas (features) and polygon parts are indexed. */
  size: { areas: number; parts: number };
}

interface Part {
  id: string;
  polygon: Polygon;
}

function ringsBbox(rings: Position[][]): [number, number, number, number] {
  let minX = Number.POSITIVE_INFINITY;
  let minY = Number.POSITIVE_INFINITY;
  let maxX = Number.NEGATIVE_INFINITY;
  let maxY = Number.NEGATIVE_INFINITY;
  // The outer ring bounds the polygon; holes lie inside it.
  for (const [x, y] of rings[0]) {
    if (x < minX) minX = x;
    if (y < minY) minY = y;
    if (x > maxX) maxX = x;
    if (y > maxY) maxY = y;
  }
  return [minX, minY, maxX, maxY];
}

/** Metres per degree of latitude (and of longitude at the equator), on the mean Earth radius. */
const METRES_PER_DEGREE = (Math.PI / 180) * 6_371_008.8;

/**
 * How far from every polygon a point may be and still be given the nearest one. Simplifying each commune
 * on its own (≈ 10 m tolerance) leaves slivers up to ~20 m wide between neighbours; 100 m also absorbs
 * the GPS error of a pin dropped on the province's edge, and is far less than any real distance to
 * another province's commune we do not serve.
 */
export const NEAR_BOUNDARY_METRES = 100;

/** Squared distance, in squared degrees of latitude, from (px, py) to segment (ax, ay)–(bx, by); x scaled by k. */
function segmentDistanceSq(px: number, py: number, ax: number, ay: number, bx: number, by: number, k: number) {
  const x = (px - ax) * k;
  const y = py - ay;
  const dx = (bx - ax) * k;
  const dy = by - ay;
  const len = dx * dx + dy * dy;
  const t = len === 0 ? 0 : Math.max(0, Math.min(1, (x * dx + y * dy) / len));
  const ex = x - t * dx;
  const ey = y - t * dy;
  return ex * ex + ey * ey;
}

/**
 * Builds the index from a FeatureCollection of Polygon/MultiPolygon features; a feature's id (or its
 * `idProperty`) is what locate() returns. Each part of a MultiPolygon gets its own box: communes with
 * islands or exclaves would otherwise have one huge box. A second flatbush over every boundary segment
 * answers "which boundary is nearest" from the few segments in a padded box around a point that missed.
 */
export function buildPointIndex(
  collection: FeatureCollection<Polygon | MultiPolygon>,
  idProperty = 'code',
  opts: { nearMetres?: number } = {},
): PointIndex {
  const nearMetres = opts.nearMetres ?? NEAR_BOUNDARY_METRES;
  const parts: Part[] = [];
  const ids = new Set<string>();
  for (const f of collection.features) {
    const id = String(f.id ?? f.properties?.[idProperty] ?? '');
    if (!id) throw new Error('A boundary feature has no id');
    ids.add(id);
    const g = f.geometry;
    if (g.type === 'Polygon') parts.push({ id, polygon: g });
    else if (g.type === 'MultiPolygon')
      for (const coordinates of g.coordinates) parts.push({ id, polygon: { type: 'Polygon', coordinates } });
  }
  if (parts.length === 0) throw new Error('No polygons to index');
  const tree = new Flatbush(parts.length);
  for (const p of parts) {
    const [minX, minY, maxX, maxY] = ringsBbox(p.polygon.coordinates);
    tree.add(minX, minY, maxX, maxY);
  }
  tree.finish();

  // Every ring segment (outer rings and holes), as x0 y0 x1 y1 with the index of its part.
  let segmentCount = 0;
  for (const p of parts) for (const ring of p.polygon.coordinates) segmentCount += Math.max(0, ring.length - 1);
  const segments = new Float64Array(segmentCount * 4);
  const segmentPart = new Uint32Array(segmentCount);
  const segmentTree = new Flatbush(segmentCount);
  let s = 0;
  parts.forEach((p, partIndex) => {
    for (const ring of p.polygon.coordinates) {
      for (let j = 0; j + 1 < ring.length; j++) {
        const [x0, y0] = ring[j];
        const [x1, y1] = ring[j + 1];
        segments[s * 4] = x0;
        segments[s * 4 + 1] = y0;
        segments[s * 4 + 2] = x1;
        segments[s * 4 + 3] = y1;
        segmentPart[s] = partIndex;
        segmentTree.add(Math.min(x0, x1), Math.min(y0, y1), Math.max(x0, x1), Math.max(y0, y1));
        s++;
      }
    }
  });
  segmentTree.finish();

  function locateExact(lng: number, lat: number): string | null {
    if (!Number.isFinite(lng) || !Number.isFinite(lat)) return null;
    const candidates = tree.search(lng, lat, lng, lat);
    // Simplified neighbours may overlap by a few metres; the lowest index (file order) wins, so the
    // answer is the same on every process.
    candidates.sort((a, b) => a - b);
    for (const i of candidates) {
      if (booleanPointInPolygon([lng, lat], parts[i].polygon)) return parts[i].id;
    }
    return null;
  }

  function nearest(lng: number, lat: number, maxMetres: number): { id: string; metres: number } | null {
    if (!Number.isFinite(lng) || !Number.isFinite(lat) || !(maxMetres > 0)) return null;
    // Local equirectangular projection: at this scale (≤ a few hundred metres) its error is far below a metre.
    const k = Math.cos((lat * Math.PI) / 180);
    const padLat = maxMetres / METRES_PER_DEGREE;
    const padLng = padLat / Math.max(k, 1e-6);
    let best = -1;
    let bestSq = padLat * padLat;
    for (const i of segmentTree.search(lng - padLng, lat - padLat, lng + padLng, lat + padLat)) {
      const d = segmentDistanceSq(
        lng,
        lat,
        segments[i * 4],
        segments[i * 4 + 1],
        segments[i * 4 + 2],
        segments[i * 4 + 3],
        k,
      );
      // Ties (a vertex two communes share) go to the lower segment index: the same answer on every process.
      if (d < bestSq || (d === bestSq && best >= 0 && i < best)) {
        bestSq = d;
        best = i;
      }
    }
    if (best < 0) return null;
    return { id: parts[segmentPart[best]].id, metres: Math.sqrt(bestSq) * METRES_PER_DEGREE };
  }

  return {
    bbox: [tree.minX, tree.minY, tree.maxX, tree.maxY],
    size: { areas: ids.size, parts: parts.length },
    locateExact,
    nearest,
    locate(lng, lat) {
      return locateExact(lng, lat) ?? nearest(lng, lat, nearMetres)?.id ?? null;
    },
  };
}
