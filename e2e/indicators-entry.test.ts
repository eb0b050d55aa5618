/**
 * The province administrator enters this period's fully-online dossier figures on a phone, in Vietnamese: each
 * agency's share against the 55% target, a new agency met, a correction that asks its reason and keeps the history.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../server/seed/demo.js';
import { type E2E, expectAccessible, phonePage, shot, signInWithPassword, startE2E } from './harness.js';

let e: E2E;
beforeAll(async () => {
  e = await startE2E({ learners: false });
});
afterAll(() => e?.close());

describe('indicator entry', () => {
  it('shows each agency against 55%, enters a new one and corrects another with a reason', async () => {
    const { page, errors, context } = await phonePage(e);
    try {
      await signInWithPassword(page, 'admin.tinh', DEMO_PASSWORD);
      await page.goto('/admin');
      await page.getByRole('link', { name: 'Nhập số liệu chỉ tiêu' }).click();
      await page.getByRole('heading', { level: 1, name: 'Nhập số liệu chỉ tiêu' }).waitFor();
      const card = page.getByRole('region', { name: 'Hồ sơ thủ tục hành chính trực tuyến toàn trình' });
      // The demo's last month: Sở Xây dựng below the target, Sở Tư pháp above it.
      const row = (name: string) => card.getByRole('listitem').filter({ hasText: name });
      await row('Sở Xây dựng').getByText('Chưa đạt chỉ tiêu').waitFor();
      await row('Sở Tư pháp')
        .getByText(/^Đạt chỉ tiêu/)
        .waitFor();
      await expectAccessible(page, '/indicators/entry');
      await shot(page, 'indicators-entry');

      // A new agency: the share and the target shown while typing, then saved.
      await card.getByLabel('Cơ quan, đơn vị').fill('Sở Tài chính');
      await card.getByLabel('Hồ sơ trực tuyến toàn trình').fill('70');
      await card.getByLabel('Tổng hồ sơ tiếp nhận').fill('100');
      await card.getByText('Tỷ lệ: 70%').waitFor();
      await card.getByRole('button', { name: 'Lưu số liệu' }).click();
      await row('Sở Tài chính')
        .getByText(/^Đạt chỉ tiêu/)
        .waitFor();

      // A correction needs its reason; the earlier figure stays in the history.
      await card.getByRole('button', { name: 'Sửa số của Sở Xây dựng' }).click();
      await card.getByLabel('Hồ sơ trực tuyến toàn trình').fill('260');
      await card.getByRole('button', { name: 'Lưu số liệu' }).click();
      await card
        .getByText(/nhập lý do điều chỉnh/)
        .first()
        .waitFor();
      await card.getByLabel('Lý do điều chỉnh').fill('Số liệu cập nhật từ hệ thống một cửa');
      await card.getByRole('button', { name: 'Lưu số liệu' }).click();
      await row('Sở Xây dựng')
        .getByText(/^Đạt chỉ tiêu/)
        .waitFor();
      await card.getByText(/Lịch sử nhập/).click();
      await card.getByText('đã được thay').first().waitFor();
      expect(await card.getByText('Số liệu cập nhật từ hệ thống một cửa').count()).toBeGreaterThan(0);
      await expectAccessible(page, '/indicators/entry (after a correction)');
      await shot(page, 'indicators-entry-corrected');
      expect(errors).toEqual([]);
    } catch (err) {
      await shot(page, 'indicators-entry-failure');
      throw err;
    } finally {
      await context.close();
    }
  }, 120_000);
});
