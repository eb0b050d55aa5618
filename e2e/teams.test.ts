/**
 * Community digital technology teams on a phone, in Vietnamese: a commune administrator sees the commune's coverage,
 * founds a team in the hamlet that has none and adds its members (the size warning comes and goes); the team member
 * of TDP Trung Kiên sees his own team, with the other members' phones masked and no administration buttons.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../server/seed/demo.js';
import { type E2E, expectAccessible, phonePage, shot, signInWithPassword, startE2E } from './harness.js';

let e: E2E;
beforeAll(async () => {
  e = await startE2E();
});
afterAll(() => e?.close());

describe('teams registry', () => {
  it('a commune administrator founds a team in the hamlet without one and adds its members', async () => {
    const { page, errors, context } = await phonePage(e);
    try {
      await signInWithPassword(page, 'admin.dinhhoa', DEMO_PASSWORD);
      await page.goto('/teams');
      await page.getByRole('heading', { name: 'Độ phủ tổ công nghệ số — Xã Định Hoá' }).waitFor();
      expect(await page.getByText('5/6 thôn, tổ dân phố có tổ').isVisible()).toBe(true);
      await expectAccessible(page);
      await shot(page, 'teams-commune');

      await page.getByRole('button', { name: 'Thành lập tổ ở Xóm Khuôn Tát' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel('Số quyết định thành lập').fill('131/QĐ-UBND');
      await dialog.getByLabel('Ngày quyết định').fill('01/12/2026');
      await expectAccessible(page, '/teams (found a team)');
      await dialog.getByRole('button', { name: 'Thành lập tổ' }).click();
      await page.getByRole('heading', { level: 1, name: 'Tổ công nghệ số cộng đồng Xóm Khuôn Tát' }).waitFor();
      expect(await page.getByText('Đã thành lập').isVisible()).toBe(true);

      const add = async (name: string, phone: string, organisation: string, role = 'Thành viên') => {
        await page.getByRole('button', { name: 'Thêm thành viên' }).click();
        const d = page.getByRole('dialog');
        await d.getByLabel('Họ và tên').fill(name);
        await d.getByLabel('Số điện thoại').fill(phone);
        await d.getByLabel('Tổ chức').selectOption({ label: organisation });
        await d.getByLabel('Vai trò').selectOption({ label: role });
        await d.getByRole('button', { name: 'Lưu' }).click();
        await d.waitFor({ state: 'hidden' });
      };
      await add('Ma Thị Duyên', '0977 123 456', 'Đoàn Thanh niên', 'Tổ trưởng');
      expect(await page.getByText('Tổ có 1 thành viên, ít hơn mức thường là 2.').isVisible()).toBe(true);
      // The same person again: refused, the phone field says who has it.
      await page.getByRole('button', { name: 'Thêm thành viên' }).click();
      const d = page.getByRole('dialog');
      await d.getByLabel('Họ và tên').fill('Ma Thị Duyên');
      await d.getByLabel('Số điện thoại').fill('+84977123456');
      await d.getByRole('button', { name: 'Lưu' }).click();
      await d.getByText('Số điện thoại trùng với thành viên "Ma Thị Duyên".').waitFor();
      await expectAccessible(page, '/teams/:id (duplicate member)');
      await d.getByRole('button', { name: 'Hủy' }).click();
      await add('Hà Văn Sơn', '0966 222 333', 'Công an');
      expect(await page.getByText('ít hơn mức thường').count()).toBe(0);
      expect(await page.getByRole('heading', { name: 'Thành viên (2)' }).isVisible()).toBe(true);
      await expectAccessible(page);
      await shot(page, 'teams-team-admin');

      // The leader gets a sign-in account to record the team's work; the one-time password is shown once.
      await page.getByRole('button', { name: 'Tạo tài khoản đăng nhập: Ma Thị Duyên' }).click();
      const acc = page.getByRole('dialog', { name: 'Tài khoản đăng nhập cho Ma Thị Duyên' });
      await acc.getByRole('button', { name: 'Tạo tài khoản đăng nhập' }).click();
      await acc.getByText('Đã tạo tài khoản.').waitFor();
      expect(await acc.locator('code.secret').textContent()).toMatch(/^[A-Za-z0-9]{4}-[A-Za-z0-9]{4}-[A-Za-z0-9]{4}$/);
      await expectAccessible(page, '/teams/:id (account made)');
      await shot(page, 'teams-member-account');
      await acc.getByRole('button', { name: 'Đóng' }).first().click();
      await acc.waitFor({ state: 'hidden' });
      expect(await page.getByText('Có tài khoản').count()).toBe(1);

      await page.getByRole('link', { name: 'Về danh sách tổ' }).click();
      await page.getByText('6/6 thôn, tổ dân phố có tổ').waitFor();
      // The list of hamlets without a team is its own query: it may arrive a moment after the coverage line.
      await page.getByText('Mọi thôn, tổ dân phố đều đã có tổ.').waitFor();
      expect(errors).toEqual([]);
    } catch (err) {
      await shot(page, 'teams-failure');
      throw err;
    } finally {
      await context.close();
    }
  }, 120_000);

  it('a commune administrator imports a team list from a spreadsheet, after fixing what the error report marked', async () => {
    const { page, errors, context } = await phonePage(e);
    try {
      await signInWithPassword(page, 'admin.dinhhoa', DEMO_PASSWORD);
      await page.goto('/teams');
      await page.getByRole('heading', { name: 'Nhập, xuất Excel' }).waitFor();
      const header = 'Thôn, tổ dân phố;Họ và tên;Số điện thoại;Tổ chức;Vai trò';
      const pick = (rows: string[]) =>
        page.getByLabel('Tệp XLSX hoặc CSV').setInputFiles({
          name: 'to-cong-nghe-so.csv',
          mimeType: 'text/csv',
          buffer: Buffer.from([header, ...rows].join('\n')),
        });
      await pick([
        'Xóm Bãi Á;Lò Văn Pấu;0912 88 77 66;Đoàn Thanh niên;',
        'Xóm Làng Mố;Lò Thị Nga;091288;Hội Nông dân;',
      ]);
      await page.getByRole('button', { name: 'Kiểm tra tệp' }).click();
      await page.getByRole('table', { name: 'Các lỗi trong tệp' }).waitFor();
      expect(await page.getByRole('cell', { name: 'Số điện thoại' }).isVisible()).toBe(true);
      await expectAccessible(page, '/teams (import errors)');
      const download = page.waitForEvent('download');
      await page.getByRole('button', { name: 'Tải báo cáo lỗi (Excel)' }).click();
      expect((await download).suggestedFilename()).toBe('loi-nhap-to-cong-nghe-so.xlsx');
      await shot(page, 'teams-import-errors');

      await pick([
        'Xóm Bãi Á;Lò Văn Pấu;0912 88 77 66;Đoàn Thanh niên;',
        'Xóm Làng Mố;Lò Thị Nga;0912 88 77 55;Hội Nông dân;',
      ]);
      await page.getByRole('button', { name: 'Kiểm tra tệp' }).click();
      await page.getByRole('button', { name: 'Nhập 2 thành viên, 0 tổ mới' }).click();
      await page.getByText('Đã nhập: 0 tổ mới, 2 thành viên mới').waitFor();
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  }, 90_000);

  it('the team member sees his own team with phones masked, and no administration', async () => {
    const { page, errors, context } = await phonePage(e);
    try {
      await signInWithPassword(page, 'to.trungkien', DEMO_PASSWORD);
      await page.goto('/teams');
      await page.getByRole('link', { name: /Tổ công nghệ số cộng đồng Tổ dân phố Trung Kiên/ }).click();
      await page.getByRole('heading', { level: 1, name: 'Tổ công nghệ số cộng đồng Tổ dân phố Trung Kiên' }).waitFor();
      expect(await page.getByText('Nguyễn Quang Dũng (demo) — Tổ trưởng').isVisible()).toBe(true);
      expect(await page.getByText('Số điện thoại được che một phần').isVisible()).toBe(true);
      expect(await page.content()).not.toMatch(/0900\d{6}/);
      expect(await page.getByRole('button', { name: 'Thêm thành viên' }).count()).toBe(0);
      await expectAccessible(page);
      await shot(page, 'teams-team-member');
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  }, 60_000);
});
