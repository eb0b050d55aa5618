import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon';
import type { FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';
import { BOUNDARIES_DIR, provincesWithBoundaries } from '../units/boundaries.js';

/** Area and centroid of a ring (shoelace formula; degrees are fine at a commune's scale). */
function ringCentroid(ring: Position[]): { area: number; lng: number; lat: number } {
  let a = 0;
  let x = 0;
  let y = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const f = ring[j][0] * ring[i][1] - ring[i][0] * ring[j][1];
    a += f;
    x += (ring[j][0] + ring[i][0]) * f;
    y += (ring[j][1] + ring[i][1]) * f;
  }
  if (a === 0) return { area: 0, lng: ring[0][0], lat: ring[0][1] };
  return { area: Math.abs(a / 2), lng: x / (3 * a), lat: y / (3 * a) };
}

export interface CommuneCentre {
  lat: number;
  lng: number;
  /** The commune's unit path ("19/05569"). */
  path: string;
}

async function load(): Promise<Map<string, CommuneCentre>> {
  const out = new Map<string, CommuneCentre>();
  for (const province of provincesWithBoundaries()) {
    const fc = JSON.parse(await readFile(join(BOUNDARIES_DIR, `${province}.web.geojson`), 'utf8')) as FeatureCollection<
      Polygon | MultiPolygon
    >;
    for (const f of fc.features) {
      const parts = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
      const largest = parts.map((p) => ({ p, c: ringCentroid(p[0]) })).sort((a, b) => b.c.area - a.c.area)[0];
      if (!largest) continue;
      let { lng, lat } = largest.c;
      // A crescent-shaped commune's centroid can fall outside it: use its first vertex's neighbour mean instead.
      if (!booleanPointInPolygon([lng, lat], { type: 'Polygon', coordinates: largest.p })) {
        const ring = largest.p[0];
        const k = Math.floor(ring.length / 2);
        lng = (ring[0][0] + ring[k][0]) / 2;
        lat = (ring[0][1] + ring[k][1]) / 2;
      }
      const code = String(f.id ?? f.properties?.code);
      out.set(code, { lat, lng, path: `${province}/${code}` });
    }
  }
  return out;
}

let cached: Promise<Map<string, CommuneCentre>> | null = null;

/** A representative point of every commune with boundaries (markers of commune-level map clusters). */
export function communeCentroids() {
  cached ??= load().catch((e) => {
    cached = null;
    throw e;
  });
  return cached;
}
