/**
 * The services catalog on a phone (390 px, Vietnamese): a citizen opens the catalog, a service with its official
 * links (each marked verified or not), a guide, and its print link answers a one-page PDF; a province administrator
 * edits a step and the public guide shows it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../server/seed/demo.js';
import { type E2E, expectAccessible, phonePage, shot, signInWithPassword, startE2E } from './harness.js';

let e: E2E;
beforeAll(async () => {
  e = await startE2E();
}, 120_000);
afterAll(() => e?.close());

describe('services catalog (390 px, Vietnamese)', { timeout: 120_000 }, () => {
  it('a citizen opens the catalog, a service, a guide, and prints it as a PDF', async () => {
    const { context, page, errors } = await phonePage(e);
    await signInWithPassword(page, 'dan.minh', DEMO_PASSWORD);
    await page.goto('/');
    await page.getByRole('link', { name: /Dịch vụ số và hướng dẫn/ }).click();
    await page.waitForURL('**/catalog');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Dịch vụ số');
    for (const pillar of ['Chính quyền số', 'Kinh tế số', 'Xã hội số'])
      await expect.poll(() => page.getByRole('heading', { name: pillar, level: 2 }).isVisible()).toBe(true);
    await shot(page, 'catalog-list');
    await expectAccessible(page);

    // Searching without diacritics finds the service.
    await page.getByLabel('Tìm dịch vụ (gõ không dấu cũng được)').fill('bao hiem xa hoi');
    await expect.poll(() => page.locator('main .list-link').count()).toBe(1);
    await page.getByRole('link', { name: /VssID/ }).click();
    await page.waitForURL('**/catalog/vssid');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toMatch(/VssID/);
    // Seeded links were not checked on an official page: the page says so for each one.
    await expect.poll(() => page.locator('.badge-unverified').count()).toBe(3);
    expect(await page.getByText('Chưa kiểm chứng').count()).toBe(3);
    await shot(page, 'catalog-service');
    await expectAccessible(page);

    await page.getByRole('link', { name: /Cài đặt và đăng nhập VssID/ }).click();
    await page.waitForURL('**/catalog/guides/**');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Cài đặt và đăng nhập VssID');
    await expect.poll(() => page.locator('.catalog-steps > li').count()).toBeGreaterThan(4);
    await shot(page, 'catalog-guide');
    await expectAccessible(page);

    const print = page.getByRole('link', { name: 'In hướng dẫn (PDF)' });
    const href = await print.getAttribute('href');
    expect(href).toMatch(/\.pdf$/);
    const pdf = await page.request.get(href!);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    const bytes = await pdf.body();
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('a province administrator edits a step and sees it on the guide', async () => {
    const { context, page, errors } = await phonePage(e);
    await signInWithPassword(page, 'admin.tinh', DEMO_PASSWORD);
    await page.goto('/admin/catalog');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Danh mục dịch vụ số');
    await expectAccessible(page);
    await page.getByRole('link', { name: /VNeID/ }).first().click();
    await page.waitForURL('**/admin/catalog/vneid');
    await expect.poll(() => page.getByRole('heading', { name: 'Liên kết chính thức' }).isVisible()).toBe(true);
    await shot(page, 'catalog-admin-service');
    await expectAccessible(page);
    await page.getByRole('link', { name: /Kích hoạt tài khoản định danh điện tử mức 2/ }).click();
    await page.waitForURL('**/admin/catalog/guides/**');
    const step = page.getByRole('textbox', { name: 'Bước 2', exact: true });
    await expect.poll(() => step.isVisible()).toBe(true);
    const text = 'Tải ứng dụng VNeID từ Google Play hoặc App Store; xem kỹ nhà phát hành (Bộ Công an).';
    await step.fill(text);
    await page.getByRole('button', { name: 'Lưu', exact: true }).click();
    await expect.poll(() => page.getByText('Đã lưu.').isVisible()).toBe(true);
    await shot(page, 'catalog-admin-guide');
    await expectAccessible(page);
    await page.getByRole('link', { name: 'Xem trang công khai' }).click();
    await page.waitForURL('**/catalog/guides/**');
    await expect.poll(() => page.locator('.catalog-steps > li').nth(1).textContent()).toBe(text);
    await expectAccessible(page);
    expect(errors).toEqual([]);
    await context.close();
  });
});
