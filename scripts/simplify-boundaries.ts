/**
 * Build-time step (run by hand when the source data changes; the output is committed):
 * simplifies Thái Nguyên's commune boundaries from ../shared/data/vn-admin into two files:
 *  - 19.locate.geojson — fine enough for point-in-polygon (≈ 10 m tolerance), loaded by the server;
 *  - 19.web.geojson    — light enough for a phone map (well under 1 MB for the whole province).
 * Usage: npx tsx scripts/simplify-boundaries.ts [source-folder]
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import simplify from '@turf/simplify';

const source = process.argv[2] ?? join(import.meta.dirname, '../../shared/data/vn-admin/geojson/19_thai_nguyen/wards');
const units = JSON.parse(readFileSync(join(import.meta.dirname, '../data/vn-admin/vn-units-2026-07-25.json'), 'utf8'));
const names = new Map<string, { name: string; fullName: string }>();
for (const p of units) for (const w of p.Wards) names.set(w.Code, { name: w.Name, fullName: w.FullName });

type Feature = {
  type: 'Feature';
  id: string;
  properties: Record<string, unknown>;
  geometry: { type: string; coordinates: unknown };
};

function roundCoords(value: unknown, digits: number): unknown {
  if (typeof value === 'number') return Number(value.toFixed(digits));
  return (value as unknown[]).map((v) => roundCoords(v, digits));
}

function build(tolerance: number, digits: number) {
  const features: Feature[] = [];
  for (const file of readdirSync(source).sort()) {
    const fc = JSON.parse(readFileSync(join(source, file), 'utf8'));
    for (const f of fc.features) {
      const code = String(f.id);
      const s = simplify({ type: 'Feature', properties: {}, geometry: f.geometry }, { tolerance, highQuality: true });
      const n = names.get(code);
      features.push({
        type: 'Feature',
        id: code,
        properties: { code, name: n?.name ?? code, fullName: n?.fullName ?? code },
        geometry: { type: s.geometry.type, coordinates: roundCoords(s.geometry.coordinates, digits) },
      });
    }
  }
  return { type: 'FeatureCollection', features };
}

const out = join(import.meta.dirname, '../data/boundaries');
for (const [name, tol, digits] of [
  ['19.locate.geojson', 0.0001, 5],
  ['19.web.geojson', 0.0008, 4],
] as const) {
  const text = JSON.stringify(build(tol, digits));
  writeFileSync(join(out, name), text);
  console.log(`${name}: ${(text.length / 1024).toFixed(0)} KB`);
}
