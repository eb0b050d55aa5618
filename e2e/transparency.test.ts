/**
 * A commune's public figures on a phone, in Vietnamese, with no sign-in: from the home page to the commune picker,
 * "dinh hoa" typed without accents finds Xã Định Hoá, whose page shows the same figures as the public API.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommuneTransparency } from '../common/transparency.js';
import { loadConfig } from '../server/config.js';
import { seedDemoHistoryIfEmpty } from '../server/seed/index.js';
import { type E2E, expectAccessible, phonePage, shot, startE2E } from './harness.js';

let e: E2E;
beforeAll(async () => {
  e = await startE2E({ learners: true });
  // The demo's year of reports, so the page has reports to show.
  const config = loadConfig({ XASO_DEMO: '1', DATA_DIR: mkdtempSync(join(tmpdir(), 'xaso-transparency-')) });
  await seedDemoHistoryIfEmpty(e.t.database, config);
}, 240_000);
afterAll(() => e?.close());

describe('public transparency page', { timeout: 120_000 }, () => {
  it("a visitor opens Định Hoá's figures from the home page", async () => {
    const { context, page, errors } = await phonePage(e);
    await page.goto('/');
    await page.getByRole('link', { name: 'Minh bạch số liệu từng xã, phường' }).click();
    await page.waitForURL('**/transparency');
    await page.getByRole('heading', { level: 1, name: 'Minh bạch số liệu xã, phường' }).waitFor();
    await page.getByLabel('Tìm xã, phường').fill('dinh hoa');
    await expect
      .poll(() => page.getByRole('status').filter({ hasText: 'xã, phường' }).textContent())
      .toBe('1 xã, phường');
    await expectAccessible(page, '/transparency');
    await shot(page, 'transparency-picker');
    await page.getByRole('link', { name: 'Xã Định Hoá' }).click();
    await page.waitForURL('**/transparency/05569');
    await page.getByRole('heading', { level: 1, name: 'Minh bạch số liệu: Xã Định Hoá' }).waitFor();

    const api: CommuneTransparency = await page.evaluate(async () =>
      (await fetch('/api/public/communes/05569/transparency')).json(),
    );
    expect(api.reports.received).toBeGreaterThan(0);
    const kpi = (section: string, label: string) =>
      page
        .locator(`section[aria-labelledby="${section}"] .kpis div`, { has: page.getByText(label, { exact: true }) })
        .locator('dd')
        .first()
        .textContent();
    const vn = (n: number) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
    expect(await kpi('tp-reports', 'Phản ánh tiếp nhận')).toBe(vn(api.reports.received));
    expect(await kpi('tp-reports', 'Đã xử lý')).toBe(vn(api.reports.resolved));
    expect(await kpi('tp-teams', 'Số tổ')).toBe(vn(api.teams.teams));
    expect(await kpi('tp-learning', 'Người học mới')).toBe(vn(api.learning.learners));
    // One row per month of the last 12; the province beside the commune.
    expect(await page.locator('ul[aria-labelledby="tp-months"] > li').count()).toBe(12);
    await page.getByRole('heading', { name: 'So với toàn tỉnh' }).waitFor();
    await expectAccessible(page, '/transparency/05569');
    await shot(page, 'transparency-commune');
    expect(errors).toEqual([]);
    await context.close();
  });
});
