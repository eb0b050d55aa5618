import type { Feature, FeatureCollection, Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { buildPointIndex } from './point-index.js';

/** Metres → degrees of latitude (the index's own constant: mean Earth radius). */
const deg = (m: number) => m / ((Math.PI / 180) * 6_371_008.8);

function square(id: string, x0: number, y0: number, x1: number, y1: number): Feature<Polygon> {
  return {
    type: 'Feature',
    id,
    properties: {},
    geometry: {
      type: 'Polygon',
      coordinates: [
        [
          [x0, y0],
          [x1, y0],
          [x1, y1],
          [x0, y1],
          [x0, y0],
        ],
      ],
    },
  };
}

// Two neighbours on the equator with a 20 m sliver between them (what simplifying each one alone leaves).
const gap = deg(20);
const collection: FeatureCollection<Polygon> = {
  type: 'FeatureCollection',
  features: [square('A', 0, 0, 0.01, 0.01), square('B', 0.01 + gap, 0, 0.02, 0.01)],
};
const index = buildPointIndex(collection);

describe('point index', () => {
  it('answers the polygon that contains the point', () => {
    expect(index.locate(0.005, 0.005)).toBe('A');
    expect(index.locate(0.015, 0.005)).toBe('B');
  });

  it('gives a point in the sliver between neighbours the nearer one', () => {
    expect(index.locateExact(0.01 + deg(5), 0.005)).toBeNull();
    expect(index.locate(0.01 + deg(5), 0.005)).toBe('A');
    expect(index.locate(0.01 + deg(15), 0.005)).toBe('B');
    expect(index.nearest(0.01 + deg(5), 0.005, 100)?.metres).toBeCloseTo(5, 3);
  });

  it('takes the nearest area up to 100 m past the edge, and nothing farther', () => {
    expect(index.locate(-deg(99), 0.005)).toBe('A');
    expect(index.locate(-deg(101), 0.005)).toBeNull();
    expect(index.locate(0.005, 0.01 + deg(99))).toBe('A');
    expect(index.locate(0.005, 0.01 + deg(101))).toBeNull();
    // A corner: 80 m east and 80 m north is 113 m away, outside though both offsets are under 100 m.
    expect(index.locate(0.02 + deg(80), 0.01 + deg(80))).toBeNull();
    expect(index.locate(0.02 + deg(60), 0.01 + deg(60))).toBe('B');
  });

  it('measures east–west distance in metres away from the equator too', () => {
    // At 60° N a degree of longitude is half as long: 150 m east is 0.0027° of longitude, still outside.
    const north = buildPointIndex({ type: 'FeatureCollection', features: [square('N', 10, 60, 10.01, 60.01)] });
    expect(north.locate(10.01 + deg(90) * 2, 60.005)).toBe('N');
    expect(north.locate(10.01 + deg(110) * 2, 60.005)).toBeNull();
  });

  it('can be built with another reach', () => {
    const strict = buildPointIndex(collection, 'code', { nearMetres: 1 });
    expect(strict.locate(0.01 + deg(5), 0.005)).toBeNull();
  });
});
