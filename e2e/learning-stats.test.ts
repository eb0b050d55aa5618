/**
 * Bình dân học vụ số's figures on a phone, in Vietnamese: the province administrator opens the learner statistics and
 * reads seed 004's table — 9,150 learners = 6,776 officials and public employees + 2,374 youth union and team members
 * — by group, category, month, commune and course, drills down to a commune and downloads the workbook.
 */

import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../server/seed/demo.js';
import { type E2E, expectAccessible, phonePage, shot, signInWithPassword, startE2E } from './harness.js';

let e: E2E;
beforeAll(async () => {
  e = await startE2E({ learners: true });
});
afterAll(() => e?.close());

describe('learner statistics', () => {
  it('the province reads 9,150 = 6,776 + 2,374 by group, drills down to a commune and downloads the workbook', async () => {
    const { page, context, errors } = await phonePage(e);
    try {
      await signInWithPassword(page, 'admin.tinh', DEMO_PASSWORD);
      await page.goto('/learn/stats');
      await page.getByRole('heading', { level: 1, name: /^Thống kê học viên: Tỉnh Thái Nguyên/ }).waitFor();
      const kpi = (label: string) =>
        page.locator('.kpis div', { has: page.getByText(label, { exact: true }) }).locator('dd');
      expect(await kpi('Học viên').textContent()).toBe('9.150');
      // Every completed course of the demo has its certificate.
      expect(await kpi('Giấy chứng nhận đã cấp').textContent()).toBe(await kpi('Lượt hoàn thành').textContent());
      const groups = page.locator('section[aria-labelledby="ls-group"] li');
      const row = async (label: string) =>
        (await groups.filter({ hasText: label }).locator('strong').first().textContent())?.trim();
      expect(await row('Cán bộ, công chức, viên chức, người lao động')).toBe('6.776');
      expect(await row('Đoàn viên, thanh niên và thành viên tổ công nghệ số cộng đồng')).toBe('2.374');
      expect(await row('Tổng cộng')).toBe('9.150');
      // Seed 004's conference: 8 sites (điểm cầu), 154 attended.
      const conference = page
        .locator('section[aria-labelledby="ls-training"] article')
        .filter({ hasText: 'Bình dân học vụ số” năm 2025' });
      expect(await conference.locator('li.stat-row:not(.is-total)').count()).toBe(8);
      expect(await conference.locator('li.is-total strong').textContent()).toBe('154');
      await expectAccessible(page, '/learn/stats (province)');
      await shot(page, 'learn-stats-province');

      // The workbook holds the same figures.
      const downloading = page.waitForEvent('download');
      await page.getByRole('link', { name: 'Tải bảng thống kê (XLSX)' }).click();
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(readFileSync((await (await downloading).path())!) as unknown as ArrayBuffer);
      const cells = wb.worksheets.flatMap((ws) => ws.getSheetValues().flat().map(String));
      expect(cells).toContain('9150');

      // A commune: its own learners only, the province's link back.
      await page.locator('section[aria-labelledby="ls-commune"]').getByRole('link', { name: 'Xã Định Hoá' }).click();
      await page.getByRole('heading', { level: 1, name: 'Thống kê học viên: Xã Định Hoá' }).waitFor();
      const communeLearners = Number((await kpi('Học viên').textContent())!.replace(/\./g, ''));
      expect(communeLearners).toBeGreaterThan(0);
      expect(communeLearners).toBeLessThan(9150);
      await page.getByRole('link', { name: '← Toàn tỉnh' }).waitFor();
      await expectAccessible(page, '/learn/stats (commune)');
      await shot(page, 'learn-stats-commune');
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  }, 180_000);
});
