import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UnitListResponse } from '../../../common/units.js';
import { createTestApp, type TestApp } from '../../test/harness.js';
import { BOUNDARIES_DIR, getLocateIndex } from './boundaries.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url, headers });
const vi = new Intl.Collator('vi', { numeric: true, sensitivity: 'base' });

describe('GET /api/units (children)', () => {
  it("lists Thái Nguyên's 92 communes: 77 xã and 15 phường", async () => {
    const res = await get('/api/units?parent=19');
    expect(res.statusCode).toBe(200);
    const body = res.json() as UnitListResponse;
    expect(body.total).toBe(92);
    expect(body.totals).toEqual({ xa: 77, phuong: 15 });
    expect(body.items).toHaveLength(92);
    expect(body.nextCursor).toBeNull();
    expect(new Set(body.items.map((u) => u.level))).toEqual(new Set(['commune']));
    expect(body.items.every((u) => u.parentFullName === 'Tỉnh Thái Nguyên' && u.path === `19/${u.code}`)).toBe(true);
    expect(body.items.find((u) => u.code === '05569')?.fullName).toBe('Xã Định Hoá');
  });

  it('orders units the Vietnamese way and pages through them with a cursor', async () => {
    const first = (await get('/api/units?parent=19&limit=50')).json() as UnitListResponse;
    expect(first.items).toHaveLength(50);
    expect(first.total).toBe(92);
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = (await get(`/api/units?parent=19&limit=50&cursor=${first.nextCursor}`)).json() as UnitListResponse;
    expect(second.items).toHaveLength(42);
    expect(second.nextCursor).toBeNull();
    const names = [...first.items, ...second.items].map((u) => u.name);
    expect(new Set([...first.items, ...second.items].map((u) => u.code)).size).toBe(92);
    expect(names).toEqual([...names].sort(vi.compare));
    // Đ comes after D in the Vietnamese alphabet, not among the A's.
    expect(names.findIndex((n) => n.startsWith('Đ'))).toBeGreaterThan(names.findIndex((n) => n.startsWith('D')));
  });

  it('lists the 34 provinces without a parent', async () => {
    const body = (await get('/api/units')).json() as UnitListResponse;
    expect(body.total).toBe(34);
    expect(body.items.every((u) => u.level === 'province' && u.parentCode === null)).toBe(true);
  });

  it('refuses a bad limit, a broken cursor and unknown parameters, naming the field', async () => {
    const big = await get('/api/units?parent=19&limit=500');
    expect(big.statusCode).toBe(400);
    expect(Object.keys(big.json().error.fields).join()).toContain('limit');
    const cursor = await get('/api/units?parent=19&cursor=not-a-cursor');
    expect(cursor.statusCode).toBe(400);
    expect(cursor.json().error.fields).toHaveProperty('cursor');
    expect((await get('/api/units?parnet=19')).statusCode).toBe(400);
  });

  it('answers 404 for an unknown parent', async () => {
    const res = await get('/api/units?parent=99999');
    expect(res.statusCode).toBe(404);
    expect(res.json().error.message).toContain('99999');
  });
});

describe('GET /api/units?q= (diacritic-insensitive search)', () => {
  for (const q of ['dinh hoa', 'Định Hóa', 'Định Hoá', 'Định Hóa'.normalize('NFD'), 'DINH HOA', '  dinh   hoa ']) {
    it(`finds Xã Định Hoá first for "${q.normalize('NFC')}"${q === q.normalize('NFC') ? '' : ' (NFD)'}`, async () => {
      const res = await get(`/api/units?q=${encodeURIComponent(q)}`);
      expect(res.statusCode).toBe(200);
      const body = res.json() as UnitListResponse;
      expect(body.items[0]).toMatchObject({
        code: '05569',
        fullName: 'Xã Định Hoá',
        parentFullName: 'Tỉnh Thái Nguyên',
      });
    });
  }

  it('filters by province and level, and ranks prefixes before similar names', async () => {
    const body = (await get('/api/units?q=phu&province=19&level=commune&limit=200')).json() as UnitListResponse;
    expect(body.items.length).toBeGreaterThan(3);
    expect(body.items.every((u) => u.provinceCode === '19' && u.level === 'commune')).toBe(true);
    expect(body.total).toBe(Object.values(body.totals).reduce((a, b) => a + b, 0));
    // "Phú Lương" starts with the text; it must come before names that merely contain "phu" later on.
    const firstContains = body.items.findIndex(
      (u) =>
        !/^(xa |phuong )?phu/.test(
          u.fullName
            .normalize('NFD')
            .toLowerCase()
            .replace(/[\u0300-\u036f]/g, ''),
        ),
    );
    const lastPrefix = body.items.map((u) => u.name).findLastIndex((n) => /^ph[uú]/i.test(n));
    if (firstContains >= 0) expect(lastPrefix).toBeLessThan(firstContains);
  });

  it('tolerates a typo through trigram similarity', async () => {
    const body = (await get('/api/units?q=dinh hao&province=19')).json() as UnitListResponse;
    expect(body.items.map((u) => u.code)).toContain('05569');
  });

  it('pages search results', async () => {
    const first = (await get('/api/units?q=xa&limit=5')).json() as UnitListResponse;
    expect(first.items).toHaveLength(5);
    const second = (await get(`/api/units?q=xa&limit=5&cursor=${first.nextCursor}`)).json() as UnitListResponse;
    expect(second.items).toHaveLength(5);
    expect(second.items.map((u) => u.code)).not.toContain(first.items[0].code);
  });

  it('handles wildcards and quotes as plain text', async () => {
    for (const q of ['%', '_', "'; drop table units; --", '\\']) {
      const res = await get(`/api/units?q=${encodeURIComponent(q)}`);
      expect(res.statusCode).toBe(200);
    }
    expect((await get('/api/units?q=%25')).json().total).toBe(0);
  });
});

describe('GET /api/units/:code', () => {
  it('returns a commune with its breadcrumb and boundaries flag', async () => {
    const res = await get('/api/units/05569');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      code: '05569',
      fullName: 'Xã Định Hoá',
      level: 'commune',
      kind: 'xa',
      hasBoundaries: true,
      breadcrumb: [
        { code: '19', fullName: 'Tỉnh Thái Nguyên', level: 'province' },
        { code: '05569', fullName: 'Xã Định Hoá', level: 'commune' },
      ],
      children: { total: 0, totals: {}, retired: 0 },
    });
  });

  it('counts a province’s children by kind', async () => {
    expect((await get('/api/units/19')).json().children).toEqual({
      total: 92,
      totals: { xa: 77, phuong: 15 },
      retired: 0,
    });
    expect((await get('/api/units/01')).json().hasBoundaries).toBe(false);
  });

  it('answers 404 in Vietnamese or English for an unknown code, 400 for a malformed one', async () => {
    const vn = await get('/api/units/12345');
    expect(vn.statusCode).toBe(404);
    expect(vn.json().error).toEqual({ code: 'not_found', message: 'Không tìm thấy đơn vị hành chính có mã "12345".' });
    const en = await get('/api/units/12345', { 'accept-language': 'en' });
    expect(en.json().error.message).toBe('Administrative unit "12345" not found.');
    expect((await get(`/api/units/${encodeURIComponent('<b>x')}`)).statusCode).toBe(400);
  });
});

describe('GET /api/units/locate', () => {
  const fc = JSON.parse(readFileSync(join(BOUNDARIES_DIR, '19.locate.geojson'), 'utf8'));
  const dinhHoa = fc.features.find((f: Feature) => f.id === '05569') as Feature<MultiPolygon>;

  /** Every ring (outer and holes) of a Polygon or MultiPolygon. */
  const rings = (f: Feature<Polygon | MultiPolygon>) =>
    f.geometry.type === 'Polygon' ? f.geometry.coordinates : f.geometry.coordinates.flat();

  /** Area centroid of the polygon's outer ring. */
  function centroid(ring: number[][]): [number, number] {
    let a = 0;
    let cx = 0;
    let cy = 0;
    for (let i = 0; i < ring.length - 1; i++) {
      const [x0, y0] = ring[i];
      const [x1, y1] = ring[i + 1];
      const c = x0 * y1 - x1 * y0;
      a += c;
      cx += (x0 + x1) * c;
      cy += (y0 + y1) * c;
    }
    return [cx / (3 * a), cy / (3 * a)];
  }

  it('finds Xã Định Hoá for a point inside it (computed centroid, checked against the polygon)', async () => {
    const [lng, lat] = centroid(dinhHoa.geometry.coordinates[0][0]);
    expect(booleanPointInPolygon([lng, lat], dinhHoa)).toBe(true);
    const res = await get(`/api/units/locate?lat=${lat}&lng=${lng}`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      commune: { code: '05569', fullName: 'Xã Định Hoá', level: 'commune' },
      province: { code: '19', fullName: 'Tỉnh Thái Nguyên' },
      point: { lat, lng },
    });
  });

  it.each([
    [21.91013, 105.59381, '05569'], // centre of Định Hoá
    [21.9067, 105.6406, '05569'], // Chợ Chu, the former district town
    [22.147, 105.834, '01840'], // Phường Đức Xuân (Bắc Kạn town)
    [21.5928, 105.8442, '05443'], // Phường Phan Đình Phùng (Thái Nguyên city centre)
  ])('locates %f, %f in %s', async (lat, lng, code) => {
    expect(
      booleanPointInPolygon(
        [lng, lat],
        fc.features.find((f: Feature) => f.id === code),
      ),
    ).toBe(true);
    const res = await get(`/api/units/locate?lat=${lat}&lng=${lng}`);
    expect(res.json().commune.code).toBe(code);
  });

  it('answers 404 outside_boundaries for Hà Nội, with a clear message', async () => {
    const res = await get('/api/units/locate?lat=21.0285&lng=105.8542');
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('outside_boundaries');
    expect(res.json().error.message).toBe('Vị trí này nằm ngoài ranh giới các xã, phường đã có trên hệ thống.');
  });

  it('resolves the point once refused between Đức Xuân and Bắc Kạn (issue 8.6)', async () => {
    const res = await get('/api/units/locate?lat=22.145141&lng=105.831556');
    expect(res.statusCode).toBe(200);
    expect(['01843', '01840']).toContain(res.json().commune.code);
  });

  it('ships boundaries with no sliver between neighbours: both sides of every border are some commune', async () => {
    // 2 m to each side of every segment's midpoint. A point in no polygon is only allowed on the province's edge:
    // 30 m farther out on that side must not be another commune (it would be, across a sliver between two).
    const index = (await getLocateIndex())!;
    const d = 2 / 111_195;
    let points = 0;
    const slivers: string[] = [];
    for (const f of fc.features as Feature<Polygon | MultiPolygon>[]) {
      for (const ring of rings(f)) {
        for (let i = 0; i + 1 < ring.length; i++) {
          const [[x0, y0], [x1, y1]] = [ring[i], ring[i + 1]];
          const length = Math.hypot(x1 - x0, y1 - y0);
          if (length === 0) continue;
          const [nx, ny] = [-(y1 - y0) / length, (x1 - x0) / length];
          for (const side of [d, -d]) {
            points++;
            const [mx, my] = [(x0 + x1) / 2, (y0 + y1) / 2];
            if (index.locateExact(mx + side * nx, my + side * ny)) continue;
            const beyond = index.locateExact(mx + 15 * side * nx, my + 15 * side * ny);
            if (beyond && beyond !== f.id) slivers.push(`${f.id}|${beyond} at ${my},${mx}`);
          }
        }
      }
    }
    expect(points).toBeGreaterThan(50_000);
    expect(slivers).toEqual([]);
  });

  it('answers 404 for the sea and for a point more than 100 m past the province edge, not for one just past it', async () => {
    expect((await get('/api/units/locate?lat=20.5&lng=107.0')).statusCode).toBe(404); // Gulf of Tonkin
    // The westernmost vertex of the province: every boundary lies east of it, so d metres west is d metres out.
    let west = [Number.POSITIVE_INFINITY, 0];
    let westCode = '';
    for (const f of fc.features as Feature<Polygon | MultiPolygon>[])
      for (const ring of rings(f)) for (const p of ring) if (p[0] < west[0]) [west, westCode] = [p, String(f.id)];
    const metresWest = (m: number) => west[0] - m / (111_195 * Math.cos((west[1] * Math.PI) / 180));
    const near = await get(`/api/units/locate?lat=${west[1]}&lng=${metresWest(60)}`);
    expect(near.statusCode).toBe(200);
    expect(near.json().commune.code).toBe(westCode);
    const far = await get(`/api/units/locate?lat=${west[1]}&lng=${metresWest(140)}`);
    expect(far.statusCode).toBe(404);
    expect(far.json().error.code).toBe('outside_boundaries');
  });

  it('finds no gap along any commune boundary: every point 5 m off a boundary vertex is in a commune', async () => {
    const index = (await getLocateIndex())!;
    const d = 5 / 111_195;
    let points = 0;
    let exactMisses = 0;
    const gaps: string[] = [];
    for (const f of fc.features as Feature<Polygon | MultiPolygon>[]) {
      for (const ring of rings(f)) {
        for (const [x, y] of ring) {
          for (const [dx, dy] of [
            [d, 0],
            [-d, 0],
            [0, d],
            [0, -d],
          ]) {
            points++;
            if (!index.locateExact(x + dx, y + dy)) exactMisses++;
            if (!index.locate(x + dx, y + dy)) gaps.push(`${y + dy},${x + dx}`);
          }
        }
      }
    }
    expect(points).toBeGreaterThan(100_000);
    // The sweep reaches past the province's edge, where the exact test alone misses: the fallback answers there.
    expect(exactMisses).toBeGreaterThan(0);
    expect(gaps).toEqual([]);
  });

  it.each([
    ['lat=abc&lng=105.6', 'lat'],
    ['lat=95&lng=105.6', 'lat'],
    ['lat=21.9&lng=-181', 'lng'],
    ['lat=21.9', 'lng'],
    ['lat=&lng=105', 'lat'],
  ])('answers 400 naming the field for %s', async (query, field) => {
    const res = await get(`/api/units/locate?${query}`);
    expect(res.statusCode).toBe(400);
    expect(Object.keys(res.json().error.fields).some((k) => k.endsWith(field))).toBe(true);
  });
});

describe('GET /api/units/boundaries/:province', () => {
  it('serves the web GeoJSON with long cache headers and an ETag', async () => {
    const res = await get('/api/units/boundaries/19');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('application/geo+json');
    expect(res.headers['cache-control']).toContain('max-age=86400');
    expect(res.headers.etag).toMatch(/^".+"$/);
    const geo = res.json();
    expect(geo.features).toHaveLength(92);
    expect(geo.features.find((f: Feature) => f.id === '05569').properties.fullName).toBe('Xã Định Hoá');
    const again = await get('/api/units/boundaries/19', { 'if-none-match': res.headers.etag as string });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
  });

  it('gzips for clients that accept it', async () => {
    const plain = await get('/api/units/boundaries/19');
    const gz = await get('/api/units/boundaries/19', { 'accept-encoding': 'gzip, deflate, br' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gz.rawPayload.length).toBeLessThan(plain.rawPayload.length / 2);
    expect(gunzipSync(gz.rawPayload).equals(plain.rawPayload)).toBe(true);
  });

  it('answers 404 for a province without boundaries and 400 for a malformed code', async () => {
    const res = await get('/api/units/boundaries/01');
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('no_boundaries');
    expect((await get('/api/units/boundaries/..%2F..%2Fetc')).statusCode).toBeGreaterThanOrEqual(400);
    expect((await get('/api/units/boundaries/abc')).statusCode).toBe(400);
  });
});
