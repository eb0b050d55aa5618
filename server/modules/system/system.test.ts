import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/harness.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('platform basics', () => {
  it('answers health and readiness with the database kind', async () => {
    expect((await t.app.inject('/api/health')).json()).toEqual({ status: 'ok' });
    const ready = await t.app.inject('/api/ready');
    expect(ready.statusCode).toBe(200);
    expect(ready.json().database).toBe(process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite');
  });

  it('puts a request id on every response, errors included', async () => {
    const ok = await t.app.inject('/api/health');
    const missing = await t.app.inject('/api/does-not-exist');
    expect(ok.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(missing.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(missing.headers['x-request-id']).not.toBe(ok.headers['x-request-id']);
  });

  it('speaks Vietnamese by default and English when asked', async () => {
    const vi = await t.app.inject('/api/does-not-exist');
    const en = await t.app.inject({ url: '/api/does-not-exist', headers: { 'accept-language': 'en-US,en;q=0.9' } });
    expect(vi.statusCode).toBe(404);
    expect(vi.json()).toEqual({ error: { code: 'not_found', message: 'Không tìm thấy địa chỉ này.' } });
    expect(en.json().error.message).toBe('No such address.');
  });

  it('serves the OpenAPI document', async () => {
    const res = await t.app.inject('/api/openapi.json');
    expect(res.statusCode).toBe(200);
    expect(res.json().openapi).toMatch(/^3\./);
  });

  it('has the reference data: 34 provinces and 3,321 communes', async () => {
    const rows = await t.database.query<{ level: string; n: number }>(
      'select level, count(*)::int as n from units group by level order by level',
    );
    expect(rows).toEqual([
      { level: 'commune', n: 3321 },
      { level: 'province', n: 34 },
    ]);
  });
});

describe('the web app', () => {
  it('serves index.html for app routes and compressed, immutable assets', async () => {
    const page = await t.app.inject({ url: '/admin/units', headers: { accept: 'text/html' } });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.headers['cache-control']).toBe('no-cache');
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(page.body)![1];
    const asset = await t.app.inject({ url: script, headers: { 'accept-encoding': 'br, gzip' } });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['content-encoding']).toBe('br');
    expect(asset.headers['cache-control']).toContain('immutable');
  });

  it("names a citizen page's own chunk and stylesheet in its HTML, so they load with the main script", async () => {
    const chunksOf = (body: string) =>
      [...body.matchAll(/rel="modulepreload" crossorigin href="([^"]+)"/g)].map((m) => m[1]);
    const list = await t.app.inject({
      url: '/public/reports',
      headers: { accept: 'text/html', 'accept-encoding': 'gzip' },
    });
    expect(list.statusCode).toBe(200);
    expect(list.headers['content-encoding']).toBe('gzip');
    const report = await t.app.inject({ url: '/public/reports/PA-26-000001?x=1', headers: { accept: 'text/html' } });
    const admin = await t.app.inject({ url: '/admin/units', headers: { accept: 'text/html' } });
    const home = await t.app.inject({ url: '/', headers: { accept: 'text/html' } });
    const base = chunksOf(admin.body);
    const extra = (body: string) => chunksOf(body).filter((f) => !base.includes(f));
    expect(extra(report.body).some((f) => /PublicReportPage-/.test(f))).toBe(true);
    expect(extra(home.body).some((f) => /Home-/.test(f))).toBe(true);
    expect(report.body).toMatch(/rel="preload" as="style" crossorigin href="\/assets\/[^"]+\.css"/);
    for (const file of extra(report.body)) expect((await t.app.inject({ url: file })).statusCode).toBe(200);
  });

  it('keeps JSON 404s for unknown API paths even when HTML is accepted', async () => {
    const res = await t.app.inject({ url: '/api/nope', headers: { accept: 'text/html' } });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('not_found');
  });
});

describe('configuration', () => {
  it('refuses to start in production without XASO_SECRET, naming it', async () => {
    const { loadConfig } = await import('../../config.js');
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/XASO_SECRET/);
    expect(loadConfig({ NODE_ENV: 'production', XASO_SECRET: 'x'.repeat(32) }).secret).toBe('x'.repeat(32));
    expect(() => loadConfig({ PORT: 'abc' })).toThrow(/PORT/);
  });
});
