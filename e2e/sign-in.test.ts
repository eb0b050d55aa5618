import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, DEMO_PEOPLE } from '../server/seed/demo.js';
import { type E2E, expectAccessible, phonePage, shot, signInWithPassword, startE2E } from './harness.js';

let e: E2E;
beforeAll(async () => {
  e = await startE2E();
});
afterAll(() => e?.close());

const ADMIN_ROLES = new Set(['commune_admin', 'province_admin']);

describe('signing in at phone width, in Vietnamese', () => {
  for (const person of DEMO_PEOPLE) {
    it(`${person.role} (${person.login}) signs in with a password and sees what the role allows`, async () => {
      const { context, page, errors } = await phonePage(e);
      await signInWithPassword(page, person.login, DEMO_PASSWORD);
      await page.goto('/account');
      await expect.poll(() => page.getByText(person.fullName).first().isVisible()).toBe(true);
      const adminLink = page.getByRole('link', { name: 'Quản trị' }).first();
      expect(await adminLink.isVisible()).toBe(ADMIN_ROLES.has(person.role));
      await shot(page, `signed-in-${person.role}-${person.login}`);
      await expectAccessible(page);
      expect(errors).toEqual([]);
      await context.close();
    });
  }

  it('a citizen signs in with a one-time code sent by SMS', async () => {
    const { context, page, errors } = await phonePage(e);
    await page.goto('/sign-in');
    await page.getByLabel('Số điện thoại').first().fill('0981 234 567');
    await page.getByRole('button', { name: 'Gửi mã' }).click();
    await expect.poll(() => e.t.sms.sent.length).toBeGreaterThan(0);
    const code = /\b(\d{6})\b/.exec(e.t.sms.sent.at(-1)!.text)![1];
    await page.getByLabel('Mã xác thực').fill(code);
    await page.getByRole('button', { name: 'Xác nhận' }).click();
    await page.waitForURL((u) => !u.pathname.startsWith('/sign-in'));
    await page.goto('/account');
    await expect
      .poll(() =>
        page
          .getByRole('button', { name: /Đăng xuất/ })
          .first()
          .isVisible(),
      )
      .toBe(true);
    await shot(page, 'signed-in-by-code');
    await expectAccessible(page);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('a wrong password shows a clear message in Vietnamese', async () => {
    const { context, page } = await phonePage(e);
    await page.goto('/sign-in');
    await page.getByRole('tab', { name: 'Mật khẩu' }).click();
    await page.getByLabel('Số điện thoại hoặc tên đăng nhập').fill('admin.tinh');
    await page
      .locator('input')
      .and(page.getByLabel('Mật khẩu', { exact: true }))
      .fill('sai-mat-khau');
    await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
    await expect.poll(() => page.getByRole('alert').first().textContent()).toMatch(/mật khẩu/i);
    expect(page.url()).toContain('/sign-in');
    await context.close();
  });

  it('changes the password on the profile page: a mismatch is caught, then the new one signs in', async () => {
    const { context, page } = await phonePage(e);
    await signInWithPassword(page, 'to.trungkien', DEMO_PASSWORD);
    await page.goto('/account');
    const input = (label: string) => page.locator('input').and(page.getByLabel(label, { exact: true }));
    await input('Mật khẩu hiện tại').fill(DEMO_PASSWORD);
    await input('Mật khẩu mới').fill('Mat-khau-moi-2026');
    await input('Nhập lại mật khẩu mới').fill('Mat-khau-khac-2026');
    await page.getByRole('button', { name: 'Đổi mật khẩu', exact: true }).click();
    await expect.poll(() => page.getByText('Hai mật khẩu không giống nhau.').isVisible()).toBe(true);
    await input('Nhập lại mật khẩu mới').fill('Mat-khau-moi-2026');
    await page.getByRole('button', { name: 'Đổi mật khẩu', exact: true }).click();
    await expect.poll(() => page.getByText('Đã đổi mật khẩu.').isVisible()).toBe(true);
    await context.close();

    const fresh = await phonePage(e);
    await signInWithPassword(fresh.page, 'to.trungkien', 'Mat-khau-moi-2026');
    expect(fresh.page.url()).not.toContain('/sign-in');
    await fresh.context.close();
  });
});
