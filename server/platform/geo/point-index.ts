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
 */
export interface PointIndex {
  /** The id of the area containing the point, or null outside every area. */
  locate(lng: number, lat: number): string | null;
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

/**
 * Builds the index from a FeatureCollection of Polygon/MultiPolygon features; a feature's id (or its
 * `idProperty`) is what locate() returns. Each part of a MultiPolygon gets its own box: communes with
 * islands or exclaves would otherwise have one huge box.
 */
export function buildPointIndex(
  collection: FeatureCollection<Polygon | MultiPolygon>,
  idProperty = 'code',
): PointIndex {
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

  return {
    bbox: [tree.minX, tree.minY, tree.maxX, tree.maxY],
    size: { areas: ids.size, parts: parts.length },
    locate(lng, lat) {
      if (!Number.isFinite(lng) || !Number.isFinite(lat)) return null;
      const candidates = tree.search(lng, lat, lng, lat);
      // Simplified neighbours may overlap by a few metres; the lowest index (file order) wins, so the
      // answer is the same on every process.
      candidates.sort((a, b) => a - b);
      for (const i of candidates) {
        if (booleanPointInPolygon([lng, lat], parts[i].polygon)) return parts[i].id;
      }
      return null;
    },
  };
}
