import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../server/config.js';
import { DEMO_PASSWORD } from '../server/seed/demo.js';
import { seedDemoHistoryIfEmpty } from '../server/seed/index.js';
import { type E2E, expectAccessible, phonePage, shot, signInWithPassword, startE2E } from './harness.js';

const WEB_DIST = join(import.meta.dirname, '../web/dist');

let e: E2E;
let code: string;
let commune: string;
beforeAll(async () => {
  e = await startE2E();
  const config = loadConfig({ XASO_DEMO: '1', DATA_DIR: mkdtempSync(join(tmpdir(), 'xaso-light-')) });
  await seedDemoHistoryIfEmpty(e.t.database, config);
  const [r] = await e.t.database.query<{ public_code: string; commune_code: string }>(
    `select public_code, commune_code from reports where status = 'resolved' and lat is not null
       and category_id in (select id from feedback_categories where not sensitive)
       and exists (select 1 from report_photos p where p.report_id = reports.id and p.kind = 'answer')
     order by public_code limit 1`,
  );
  code = r.public_code;
  commune = r.commune_code;
}, 240_000);
afterAll(() => e?.close());

/** Sums the page's layout shifts (the CLS of Lighthouse, without the session windows) from the first paint on. */
async function watchLayoutShifts(page: Page) {
  await page.addInitScript(() => {
    const w = window as unknown as { __shift: number };
    w.__shift = 0;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries() as unknown as { value: number; hadRecentInput: boolean }[])
        if (!entry.hadRecentInput) w.__shift += entry.value;
    }).observe({ type: 'layout-shift', buffered: true });
  });
  return () => page.evaluate(() => (window as unknown as { __shift: number }).__shift);
}

/** Holds the responses matching a URL pattern until `release()`: a slow network, without any timer. */
async function hold(page: Page, pattern: string | RegExp) {
  let release!: () => void;
  const released = new Promise<void>((r) => {
    release = r;
  });
  await page.route(pattern, async (route) => {
    await released;
    await route.continue();
  });
  return release;
}

describe('citizen pages stay still while they load, and ask only for what they show', { timeout: 120_000 }, () => {
  it('the submit page keeps the category tiles’ space: the description does not move when they arrive', async () => {
    const { context, page, errors } = await phonePage(e);
    await signInWithPassword(page, 'dan.minh', DEMO_PASSWORD);
    const shifts = await watchLayoutShifts(page);
    const release = await hold(page, /\/api\/feedback\/categories/);
    await page.goto('/feedback/new');
    const description = page.getByLabel('Nội dung phản ánh');
    await description.waitFor();
    const before = (await description.boundingBox())!.y;
    release();
    await expect.poll(() => page.getByRole('radio').count()).toBe(12);
    const after = (await description.boundingBox())!.y;
    expect(Math.abs(after - before)).toBeLessThan(40);
    expect(await shifts()).toBeLessThan(0.05);
    await shot(page, 'submit-loaded');
    await expectAccessible(page);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("a public report draws its commune's outline only, and the timeline stays put when the map arrives", async () => {
    const { context, page, errors } = await phonePage(e);
    const asked: string[] = [];
    page.on('request', (r) => {
      if (r.url().includes('/api/units/')) asked.push(new URL(r.url()).pathname);
    });
    const shifts = await watchLayoutShifts(page);
    const release = await hold(page, /\/assets\/MiniMap-[^/]+\.js$/);
    await page.goto(`/public/reports/${code}`);
    const history = page.getByRole('heading', { name: 'Quá trình xử lý' });
    await history.waitFor();
    const before = (await history.boundingBox())!.y;
    release();
    await expect.poll(() => page.locator('.fb-mini-map .leaflet-overlay-pane path').count()).toBe(1);
    expect((await history.boundingBox())!.y).toBe(before);
    expect(await shifts()).toBeLessThan(0.05);
    expect(asked).toContain(`/api/units/${commune}/boundary`);
    expect(asked.filter((p) => p.startsWith('/api/units/boundaries/'))).toEqual([]);
    await shot(page, 'public-report-light');
    await expectAccessible(page);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('the public list asks for the map of reports once on load', async () => {
    const { context, page, errors } = await phonePage(e);
    const mapRequests: string[] = [];
    page.on('request', (r) => {
      if (r.url().includes('/api/public/reports/map')) mapRequests.push(r.url());
    });
    await page.goto('/public/reports');
    await expect.poll(() => page.locator('.fb-cluster').count()).toBeGreaterThan(0);
    await page.waitForLoadState('networkidle');
    expect(mapRequests).toHaveLength(1);
    expect(new URL(mapRequests[0]).searchParams.get('zoom')).toBe('8');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('citizen pages load no zod: they import constants from common/constants/, schemas only as types', async () => {
    const { context, page, errors } = await phonePage(e);
    const scripts = new Set<string>();
    page.on('response', (r) => {
      const path = new URL(r.url()).pathname;
      if (/^\/assets\/[^/]+\.js$/.test(path)) scripts.add(path);
    });
    for (const path of ['/', '/public/reports', `/public/reports/${code}`, '/map']) {
      await page.goto(path);
      await page.waitForLoadState('networkidle');
    }
    await signInWithPassword(page, 'dan.minh', DEMO_PASSWORD);
    await page.goto('/feedback/new');
    await page.getByLabel('Nội dung phản ánh').waitFor();
    await page.waitForLoadState('networkidle');
    expect(scripts.size).toBeGreaterThan(5);
    // "$ZodType" names zod's base class in every build of zod 4 (a string, so minifying keeps it).
    const withZod = [...scripts].filter((s) => readFileSync(join(WEB_DIST, s), 'utf8').includes('$ZodType'));
    expect(withZod).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('API answers travel compressed', async () => {
    const { context, page } = await phonePage(e);
    await page.goto('/');
    const res = await page.request.get('/api/units?parent=19&limit=200', { headers: { 'accept-encoding': 'gzip' } });
    expect(res.headers()['content-encoding']).toBe('gzip');
    await context.close();
  });
});
