import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/harness.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('GET /api/units/:code/boundary', () => {
  it("answers one commune's outline, a small part of the province's file", async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/units/05569/boundary' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/geo\+json/);
    const f = res.json();
    expect(f.type).toBe('Feature');
    expect(f.id).toBe('05569');
    expect(['Polygon', 'MultiPolygon']).toContain(f.geometry.type);
    const province = await t.app.inject({ method: 'GET', url: '/api/units/boundaries/19' });
    expect(res.rawPayload.length * 20).toBeLessThan(province.rawPayload.length);
    // Revalidation: the same ETag gets 304 with no body.
    const again = await t.app.inject({
      method: 'GET',
      url: '/api/units/05569/boundary',
      headers: { 'if-none-match': String(res.headers.etag) },
    });
    expect(again.statusCode).toBe(304);
    expect(again.rawPayload.length).toBe(0);
  });

  it('is 404 with the error shape for a unit that is not a commune or does not exist', async () => {
    for (const code of ['19', '99999']) {
      const res = await t.app.inject({ method: 'GET', url: `/api/units/${code}/boundary` });
      expect(res.statusCode).toBe(404);
      expect(res.json().error.code).toMatch(/not_found|no_boundaries/);
    }
  });
});
