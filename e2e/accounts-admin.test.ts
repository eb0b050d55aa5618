/**
 * The account page of an administrator, at phone width in Vietnamese: the reset-password button appears only where
 * the server will allow it — a staff account in scope — and a citizen's own account says why it has none.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../server/seed/demo.js';
import { type E2E, phonePage, shot, signInWithPassword, startE2E } from './harness.js';

let e: E2E;
beforeAll(async () => {
  e = await startE2E();
});
afterAll(() => e?.close());

describe('account page: whose password an administrator may reset', () => {
  it('shows the button on a staff account, a note instead on a citizen’s own account', async () => {
    const { page, errors, context } = await phonePage(e);
    try {
      await signInWithPassword(page, 'admin.tinh', DEMO_PASSWORD);
      const idOf = async (login: string) =>
        (await e.t.database.query<{ id: string }>('select id from users where username = $1', [login]))[0].id;
      const open = async (login: string) => {
        await page.goto(`/admin/accounts/${await idOf(login)}`);
        await page.getByRole('dialog').getByLabel('Lý do', { exact: true }).fill('Kiểm tra quyền đặt lại mật khẩu');
        await page.getByRole('button', { name: 'Xem thông tin' }).click();
        await page.getByRole('heading', { level: 2, name: 'Trạng thái' }).waitFor();
      };
      const resetButton = () => page.getByRole('button', { name: 'Đặt lại mật khẩu' });

      await open('to.trungkien');
      expect(await resetButton().isVisible()).toBe(true);
      await shot(page, 'admin-account-staff');

      await open('dan.minh');
      expect(await resetButton().count()).toBe(0);
      expect(await page.getByText('Đây là tài khoản người dân tự tạo bằng số điện thoại của mình').isVisible()).toBe(
        true,
      );
      await shot(page, 'admin-account-citizen');
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
