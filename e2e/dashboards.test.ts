/**
 * The indicators dashboard on a phone, in Vietnamese: the province administrator opens it from the admin home, changes
 * the period, picks an indicator for the choropleth, drills down to a commune (on the map) and to a hamlet (in the
 * table), downloads a table and the monthly PDF.
 */

import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../server/seed/demo.js';
import { type E2E, expectAccessible, phonePage, shot, signInWithPassword, startE2E } from './harness.js';

let e: E2E;
beforeAll(async () => {
  e = await startE2E();
});
afterAll(() => e?.close());

const h1 = (name: RegExp | string) => ({ level: 1 as const, name });

describe('the indicators dashboard', () => {
  it('province → commune → hamlet, another period and indicator, a table and the monthly report downloaded', async () => {
    const { page, context, errors } = await phonePage(e);
    try {
      await signInWithPassword(page, 'admin.tinh', DEMO_PASSWORD);
      await page.goto('/admin');
      await page.getByRole('link', { name: 'Bảng chỉ tiêu chuyển đổi số' }).click();
      await page.getByRole('heading', h1('Chỉ tiêu: Tỉnh Thái Nguyên')).waitFor();
      // This month by default, dd/mm/yyyy.
      await page.getByText(/^Từ 01\/\d{2}\/\d{4} đến \d{2}\/\d{2}\/\d{4}, so với/).waitFor();
      expect(await page.locator('.dash-tile').count()).toBeGreaterThan(3);
      await page.locator('.choropleth-map path').first().waitFor();
      expect(await page.locator('.choropleth-map path.leaflet-interactive').count()).toBe(92);
      await page.locator('.dash-table tbody tr').first().waitFor();
      expect(await page.locator('.dash-table tbody tr').count()).toBe(92);
      await expectAccessible(page, '/dashboard (province)');
      await shot(page, 'dashboard-province');

      // Another period: a quarter.
      await page.getByLabel('Xem theo').selectOption('quarter');
      await page.getByText(/^Từ 01\/(01|04|07|10)\/\d{4} đến (31\/03|30\/06|30\/09|31\/12)\/\d{4}/).waitFor();
      expect(page.url()).toContain('p=quarter');

      // Another indicator on the map, charts and table.
      const select = page.getByLabel('Chỉ tiêu hiển thị trên bản đồ, biểu đồ và bảng');
      const options = await select.locator('option').allTextContents();
      expect(options.length).toBeGreaterThan(1);
      await select.selectOption({ label: options[1] });
      await page.getByRole('heading', { level: 2, name: `Bản đồ: ${options[1]} theo xã, phường` }).waitFor();
      await page.getByRole('img', { name: `${options[1]} theo tháng` }).waitFor();
      await expectAccessible(page, '/dashboard (quarter, another indicator)');

      // The table downloads as CSV, with Vietnamese headers.
      const csvDownload = page.waitForEvent('download');
      await page
        .locator('.dash-downloads', { hasText: 'Tải bảng theo đơn vị' })
        .getByRole('link', { name: 'CSV' })
        .click();
      const csv = readFileSync((await (await csvDownload).path())!, 'utf8');
      expect(csv.replace(/^\uFEFF/, '').split('\n')[0]).toBe(
        'Mã đơn vị,Đơn vị,Giá trị,Tử số,Mẫu số,Chỉ tiêu giao,Đạt chỉ tiêu',
      );
      expect(csv.trimEnd().split('\n')).toHaveLength(1 + 92 + 1);

      // Drill down from the table: Xã Định Hoá.
      const dinhHoa = page.locator('.dash-table tbody tr', { hasText: 'Xã Định Hoá' }).getByRole('link');
      await dinhHoa.click();
      await page.getByRole('heading', h1('Chỉ tiêu: Xã Định Hoá')).waitFor();
      const crumbs = page.getByRole('navigation', { name: 'Đơn vị' });
      await crumbs.getByRole('link', { name: 'Tỉnh Thái Nguyên' }).waitFor();
      expect(page.url()).toContain('p=quarter');
      await expectAccessible(page, '/dashboard/05569');
      await shot(page, 'dashboard-commune');

      // Back to the province by the breadcrumb, then a commune by tapping the map.
      await crumbs.getByRole('link', { name: 'Tỉnh Thái Nguyên' }).click();
      await page.getByRole('heading', h1('Chỉ tiêu: Tỉnh Thái Nguyên')).waitFor();
      // A tap on a commune's shape: the click is sent to the shape itself, since the centre of a commune's box may lie
      // in a neighbour or outside the map while the map is still fitting the province (both seen under load).
      const commune = page.locator('.choropleth-map path.leaflet-interactive').nth(40);
      await commune.scrollIntoViewIfNeeded();
      await commune.dispatchEvent('click');
      await page.getByRole('heading', h1(/^Chỉ tiêu: (Xã|Phường) /)).waitFor();
      await page.goBack();
      await page.goto('/dashboard/05569?p=quarter');
      await page.getByRole('heading', h1('Chỉ tiêu: Xã Định Hoá')).waitFor();

      // A hamlet of the commune, from its table.
      const hamlet = page.locator('.dash-table tbody tr').first().getByRole('link');
      const hamletName = (await hamlet.textContent())!;
      await hamlet.click();
      await page.getByRole('heading', h1(`Chỉ tiêu: ${hamletName}`)).waitFor();
      await page.getByRole('navigation', { name: 'Đơn vị' }).getByRole('link', { name: 'Xã Định Hoá' }).waitFor();
      // Still the quarter.
      await page.getByText(/^Từ 01\/(01|04|07|10)\/\d{4} đến (31\/03|30\/06|30\/09|31\/12)\/\d{4}/).waitFor();
      await expectAccessible(page, '/dashboard (hamlet)');
      await shot(page, 'dashboard-hamlet');

      // The province's monthly report as a PDF.
      await page.goto('/dashboard');
      await page.getByRole('heading', h1('Chỉ tiêu: Tỉnh Thái Nguyên')).waitFor();
      const pdfDownload = page.waitForEvent('download');
      await page.getByRole('link', { name: /^Lập báo cáo tháng \d{2}\/\d{4} \(PDF\)$/ }).click();
      const download = await pdfDownload;
      expect(download.suggestedFilename()).toMatch(/^Báo cáo tháng \d{2}-\d{4} Tỉnh Thái Nguyên\.pdf$/);
      const pdf = readFileSync((await download.path())!);
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  }, 180_000);
});
