import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { buildPointIndex, type PointIndex } from '../../platform/geo/point-index.js';

/**
 * Commune boundaries shipped in data/boundaries: `<province>.locate.geojson` (~10 m tolerance, for point →
 * commune) and `<province>.web.geojson` (simplified for maps). Both are read lazily, once per process, and
 * kept: they never change while the process runs.
 */
export const BOUNDARIES_DIR = join(import.meta.dirname, '../../../data/boundaries');

let provinces: Set<string> | null = null;
let indexPromise: Promise<PointIndex | null> | null = null;
const webCache = new Map<string, Promise<WebBoundaries | null>>();

/** Province codes that have boundaries (a file `<code>.locate.geojson`). */
export function provincesWithBoundaries(dir = BOUNDARIES_DIR): Set<string> {
  if (provinces) return provinces;
  let files: string[] = [];
  try {
    files = readdirSync(dir);
  } catch {
    files = [];
  }
  provinces = new Set(files.map((f) => /^(\d{2})\.locate\.geojson$/.exec(f)?.[1]).filter((c): c is string => !!c));
  return provinces;
}

async function loadIndex(dir: string): Promise<PointIndex | null> {
  const features: FeatureCollection<Polygon | MultiPolygon>['features'] = [];
  for (const code of provincesWithBoundaries(dir)) {
    const fc = JSON.parse(await readFile(join(dir, `${code}.locate.geojson`), 'utf8')) as FeatureCollection<
      Polygon | MultiPolygon
    >;
    features.push(...fc.features);
  }
  return features.length ? buildPointIndex({ type: 'FeatureCollection', features }) : null;
}

/** The process-wide point → commune index over every province with boundaries (built on first use). */
export function getLocateIndex(dir = BOUNDARIES_DIR): Promise<PointIndex | null> {
  indexPromise ??= loadIndex(dir).catch((e) => {
    indexPromise = null; // a failed read is retried on the next request rather than cached
    throw e;
  });
  return indexPromise;
}

/** The code of the commune containing the point, or null outside every loaded boundary. */
export async function locateCommuneCode(lng: number, lat: number): Promise<string | null> {
  const index = await getLocateIndex();
  return index?.locate(lng, lat) ?? null;
}

export interface WebBoundaries {
  body: Buffer;
  gzip: Buffer;
  etag: string;
}

/** The map GeoJSON of a province, with its gzip form and a content hash for ETag; null without boundaries. */
export function getWebBoundaries(provinceCode: string, dir = BOUNDARIES_DIR): Promise<WebBoundaries | null> {
  if (!provincesWithBoundaries(dir).has(provinceCode)) return Promise.resolve(null);
  let cached = webCache.get(provinceCode);
  if (!cached) {
    cached = readFile(join(dir, `${provinceCode}.web.geojson`)).then(
      (body) => ({
        body,
        gzip: gzipSync(body, { level: 9 }),
        etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`,
      }),
      () => null,
    );
    webCache.set(provinceCode, cached);
  }
  return cached;
}

const communeCache = new Map<string, Promise<Map<string, { body: string; etag: string }>>>();

/**
 * One commune's map boundary (a GeoJSON Feature from the province's web file), for a map that shows one place: a
 * report page draws ~2 KB instead of the whole province. Null when the province has no boundaries or no such
 * commune.
 */
export async function getCommuneBoundary(
  provinceCode: string,
  communeCode: string,
  dir = BOUNDARIES_DIR,
): Promise<{ body: string; etag: string } | null> {
  let cached = communeCache.get(provinceCode);
  if (!cached) {
    cached = getWebBoundaries(provinceCode, dir).then((web) => {
      const byCode = new Map<string, { body: string; etag: string }>();
      if (!web) return byCode;
      const fc = JSON.parse(web.body.toString('utf8')) as FeatureCollection;
      for (const f of fc.features) {
        const body = JSON.stringify(f);
        const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
        byCode.set(String(f.id ?? f.properties?.code), { body, etag });
      }
      return byCode;
    });
    communeCache.set(provinceCode, cached);
  }
  return (await cached).get(communeCode) ?? null;
}
