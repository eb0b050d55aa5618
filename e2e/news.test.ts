/**
 * Official news and alerts on a phone, in Vietnamese: a resident follows Xã Định Hoá's news; the commune's
 * administrator writes a flood warning (Markdown with a preview) and publishes it; the alert's job runs (called, not
 * waited for); the resident finds it in their notifications and at the top of the home page's "Tin tức – thông báo".
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../server/seed/demo.js';
import { type E2E, expectAccessible, phonePage, shot, signInWithPassword, startE2E } from './harness.js';

let e: E2E;
beforeAll(async () => {
  e = await startE2E();
});
afterAll(() => e?.close());

const TITLE = 'Lũ trên sông Chu dâng cao, sơ tán các hộ ven suối';

describe('news and alerts', () => {
  it('a resident follows the commune; its administrator publishes a flood alert; the resident is told and sees it', async () => {
    const resident = await phonePage(e);
    const admin = await phonePage(e);
    try {
      // The resident follows Xã Định Hoá's news from the news page.
      await signInWithPassword(resident.page, 'dan.minh', DEMO_PASSWORD);
      await resident.page.goto('/news?unit=05569');
      await resident.page.getByRole('heading', { level: 1, name: 'Tin tức – thông báo' }).waitFor();
      // The demo's posts: Định Hoá's pinned flood warning is first, marked by word and icon.
      await resident.page.getByRole('link', { name: 'Lịch tiếp công dân định kỳ của UBND xã Định Hoá' }).waitFor();
      await resident.page.getByRole('button', { name: /^Theo dõi tin của Xã Định Ho/ }).click();
      await resident.page.getByRole('status').filter({ hasText: 'Bạn đang theo dõi tin của' }).waitFor();
      await expectAccessible(resident.page, '/news');
      await shot(resident.page, 'news-list');

      // The commune's administrator writes the warning, previews it and publishes it.
      await signInWithPassword(admin.page, 'admin.dinhhoa', DEMO_PASSWORD);
      await admin.page.goto('/news/manage');
      await admin.page.getByRole('heading', { level: 1, name: 'Đăng tin, thông báo' }).waitFor();
      await admin.page.getByRole('button', { name: 'Tin mới' }).click();
      await admin.page.getByLabel('Loại tin').selectOption('disaster_alert');
      await admin.page.getByLabel('Loại thiên tai').selectOption('flood');
      await admin.page.getByLabel('Tiêu đề').fill(TITLE);
      await admin.page
        .getByLabel('Nội dung')
        .fill('Nước sông Chu đang lên nhanh.\n\n- **Không** đi qua ngầm, tràn.\n- Di chuyển tài sản lên chỗ cao.');
      await admin.page.getByRole('button', { name: 'Xem trước' }).click();
      await admin.page.getByRole('region', { name: 'Xem trước' }).getByText('Không').first().waitFor();
      expect(await admin.page.locator('.news-preview strong').first().textContent()).toBe('Không');
      await expectAccessible(admin.page, '/news/manage');
      await shot(admin.page, 'news-manage');
      await admin.page.getByRole('button', { name: 'Đăng tin' }).click();
      await admin.page.getByRole('heading', { level: 2, name: TITLE }).waitFor();

      // The alert's fan-out job runs (tests call it; the server's worker would within seconds).
      await e.t.runJobs();

      // The resident's notifications say so, and the link opens the post.
      await resident.page.goto('/notifications');
      await resident.page.getByRole('heading', { level: 1, name: 'Thông báo' }).waitFor();
      const note = resident.page.getByText(`Cảnh báo lũ, ngập lụt: ${TITLE}`);
      await note.waitFor();
      await expectAccessible(resident.page, '/notifications');
      await shot(resident.page, 'news-notification');

      // The home page's news section shows it, marked "CẢNH BÁO" in words, after the pinned posts and before the
      // province's older notice.
      await resident.page.goto('/');
      const section = resident.page.getByRole('region', { name: 'Tin tức – thông báo' });
      await section.getByRole('link', { name: TITLE }).waitFor();
      const titles = await section.locator('.news-item-title').allTextContents();
      expect(titles.slice(0, 2)).toContain('Cảnh báo mưa lớn, nguy cơ lũ và ngập úng vùng trũng');
      expect(titles.indexOf(TITLE)).toBeLessThan(titles.indexOf('Lịch tiếp công dân định kỳ của UBND xã Định Hoá'));
      const item = section.locator('.news-item').filter({ hasText: TITLE });
      expect(await item.textContent()).toContain('CẢNH BÁO');
      await expectAccessible(resident.page, '/');
      await shot(resident.page, 'news-home');

      await section.getByRole('link', { name: TITLE }).click();
      await resident.page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
      await expectAccessible(resident.page, '/news/:id');
      await shot(resident.page, 'news-post');
      expect(resident.errors).toEqual([]);
      expect(admin.errors).toEqual([]);
    } finally {
      await resident.context.close();
      await admin.context.close();
    }
  });
});
