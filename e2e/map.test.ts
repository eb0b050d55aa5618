import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type E2E, expectAccessible, phonePage, shot, startE2E } from './harness.js';

let e: E2E;
beforeAll(async () => {
  e = await startE2E();
});
afterAll(() => e?.close());

describe('the map of Thái Nguyên', () => {
  it('draws the 92 communes from our own boundaries, with no tile server, and shows a commune on click', async () => {
    const { context, page, errors } = await phonePage(e);
    await page.goto('/map');
    await expect.poll(() => page.locator('.leaflet-overlay-pane path').count(), { timeout: 15_000 }).toBe(92);
    await shot(page, 'map-phone');
    await expectAccessible(page);
    // Click the commune of Định Hoá through its list entry (keyboard-accessible alternative to the map).
    await page.getByRole('searchbox').first().fill('dinh hoa');
    await page
      .getByRole('button', { name: /Định Hoá/ })
      .first()
      .click();
    await expect.poll(() => page.getByText('Xã Định Hoá').first().isVisible()).toBe(true);
    await shot(page, 'map-commune-selected');
    await expectAccessible(page);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('switches to English and back', async () => {
    const { context, page } = await phonePage(e);
    await page.goto('/');
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('vi');
    await page
      .getByRole('button', { name: /English|Tiếng Anh/i })
      .first()
      .click();
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('en');
    await shot(page, 'home-english');
    await expectAccessible(page);
    await context.close();
  });
});
