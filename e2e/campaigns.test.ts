/**
 * Campaigns and households on a phone, in Vietnamese: the province writes a campaign with a target for Xã Định Hoá
 * and sees the commune's progress from the activity log; the commune splits the target per team (a warning when the
 * split falls short, never a refusal) and sees progress by team; the member of TDP Trung Kiên sees this month's
 * focus first; the commune's households page shows coverage (households with digital skills) and what it measures.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../server/db/rows.js';
import { vnDate } from '../server/platform/calendar.js';
import { DEMO_PASSWORD } from '../server/seed/demo.js';
import { type E2E, expectAccessible, phonePage, shot, signInWithPassword, startE2E } from './harness.js';

let e: E2E;
/** People the demo history helped to VNeID level 2 this month (done): in Xã Định Hoá, and by the Trung Kiên team. */
let communeDone = 0;
let teamDone = 0;
beforeAll(async () => {
  e = await startE2E();
  const month = `${vnDate(new Date()).slice(0, 7)}-01`;
  const done = async (where: ReturnType<typeof sql>) => {
    const [row] = await queryRows<{ n: number }>(
      e.t.db,
      sql`select coalesce(sum(s.item_people), 0)::int as n from activity_team_services s
        join catalog_services c on c.id::text = s.service_id and c.slug = 'vneid'
        join units h on h.code = s.hamlet_code
        where s.month = ${month}::date and s.action = 'vneid_level2' and s.outcome = 'done' and ${where}`,
    );
    return Number(row.n);
  };
  communeDone = await done(sql`s.commune_code = '05569'`);
  teamDone = await done(sql`h.name = 'Trung Kiên' and s.commune_code = '05569'`);
});
const progress = (n: number, target: number) => `${n}/${target} · ${Math.round((100 * n) / target)}%`;
afterAll(() => e?.close());

const METRIC = 'VNeID: Kích hoạt định danh điện tử mức 2 (VNeID)';

describe('campaigns', () => {
  it('province → commune → member: a campaign, its split per team and its progress', async () => {
    const { page, errors, context } = await phonePage(e);
    let campaignUrl = '';
    try {
      await signInWithPassword(page, 'admin.tinh', DEMO_PASSWORD);
      await page.goto('/campaigns');
      await page
        .getByText('Tháng 6/2022: cài đặt và sử dụng C-Thái Nguyên, Thái Nguyên ID và Sổ tay Đảng viên')
        .waitFor();
      expect(await page.getByText('Tháng 7/2022: cổng thông tin điện tử và dịch vụ công trực tuyến').isVisible()).toBe(
        true,
      );
      await expectAccessible(page);
      await shot(page, 'campaigns-list');

      await page.getByRole('link', { name: 'Tạo đợt mới' }).click();
      await page.getByLabel('Tên đợt').fill('Tăng tốc định danh điện tử mức 2');
      await page.getByLabel('Việc cần làm').fill('Mỗi tổ đến từng hộ chưa có tài khoản định danh mức 2.');
      await page.getByRole('checkbox', { name: 'VNeID' }).check();
      await page.getByLabel('Dịch vụ 1').selectOption({ label: 'VNeID' });
      await page.getByLabel('Việc 1').selectOption({ label: 'Kích hoạt định danh điện tử mức 2 (VNeID)' });
      await page.getByLabel('Chọn xã, phường').selectOption({ label: 'Xã Định Hoá' });
      await page.getByRole('button', { name: 'Thêm xã, phường' }).click();
      await page.getByLabel(`Chỉ tiêu ${METRIC} của Xã Định Hoá`).fill('50');
      await page.getByLabel('Trạng thái').selectOption({ label: 'Đã công bố' });
      await expectAccessible(page, '/campaigns/new');
      await page.getByRole('button', { name: 'Lưu' }).click();
      await page.getByRole('heading', { level: 1, name: 'Tăng tốc định danh điện tử mức 2' }).waitFor();
      campaignUrl = new URL(page.url()).pathname;
      await page.getByRole('heading', { name: 'Tiến độ — Tỉnh Thái Nguyên' }).waitFor();
      // What the demo's history says the commune's teams did this month.
      expect(await page.getByText(progress(communeDone, 50)).first().isVisible()).toBe(true);
      await expectAccessible(page, '/campaigns/:id (province)');
      await shot(page, 'campaigns-progress-province');
      // The editor, as the province opens it again (a full-page shot before a tap moves the page under the finger).
      await page.getByRole('link', { name: 'Sửa đợt' }).click();
      await page.getByRole('heading', { level: 1, name: 'Sửa đợt cao điểm' }).waitFor();
      await expectAccessible(page, '/campaigns/:id/edit');
      await shot(page, 'campaigns-editor');
    } catch (err) {
      await shot(page, 'campaigns-failure-province');
      throw err;
    } finally {
      await context.close();
    }

    const commune = await phonePage(e);
    try {
      const p = commune.page;
      await signInWithPassword(p, 'admin.dinhhoa', DEMO_PASSWORD);
      await p.goto(campaignUrl);
      await p.getByRole('heading', { name: 'Tiến độ — Xã Định Hoá' }).waitFor();
      await p.getByRole('heading', { name: 'Giao chỉ tiêu cho các tổ' }).waitFor();
      const trungKien = p.getByRole('group', { name: 'Tổ công nghệ số cộng đồng Tổ dân phố Trung Kiên' });
      await trungKien.getByLabel(METRIC).fill('20');
      await p
        .getByRole('group', { name: 'Tổ công nghệ số cộng đồng Tổ dân phố Tân Lập' })
        .getByLabel(METRIC)
        .fill('15');
      await p.getByRole('button', { name: 'Lưu chỉ tiêu các tổ' }).click();
      await p.getByText('Đã lưu chỉ tiêu các tổ.').waitFor();
      // 35 against the commune's 50: a warning, the targets are saved all the same.
      expect(await p.getByText('Tổng chỉ tiêu các tổ còn thiếu 15 người so với chỉ tiêu của xã.').isVisible()).toBe(
        true,
      );
      await p.getByText(progress(teamDone, 20)).first().waitFor();
      await expectAccessible(p, '/campaigns/:id (commune)');
      await shot(p, 'campaigns-progress-commune');
      await p.goto('/households');
      await p.getByRole('heading', { name: /Độ phủ kỹ năng số/ }).waitFor();
      expect(
        await p.getByText('Một hộ được hỗ trợ nhiều lần thì được đếm nhiều lần', { exact: false }).isVisible(),
      ).toBe(true);
      await p.getByRole('button', { name: 'Nhập số hộ: Xóm Khuôn Tát' }).click();
      const d = p.getByRole('dialog');
      await d.getByLabel('Tổng số hộ').fill('96');
      // More households with skills than households: the field says so, nothing is saved.
      await d.getByLabel('Số hộ có người có kỹ năng số cơ bản').fill('97');
      await d.getByLabel('Nguồn số liệu').fill('Báo cáo của trưởng xóm');
      await d.getByRole('button', { name: 'Lưu' }).click();
      await d.getByText('Không được lớn hơn tổng số hộ.').waitFor();
      await d.getByLabel('Số hộ có người có kỹ năng số cơ bản').fill('60');
      await d.getByLabel('Nguồn số liệu').fill('Báo cáo của trưởng xóm');
      await expectAccessible(p, '/households (dialog)');
      await d.getByRole('button', { name: 'Lưu' }).click();
      await d.waitFor({ state: 'hidden' });
      await p.getByText('6/6 thôn, tổ dân phố đã có số hộ', { exact: false }).waitFor();
      // A file with a hamlet the commune does not have: nothing is written, the row report says where.
      await p.getByLabel('Tệp số hộ').setInputFiles({
        name: 'so-ho.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from('Thôn, tổ dân phố;Số hộ;Số liệu đến ngày;Nguồn số liệu\r\nXóm Không Có;50;;\r\n'),
      });
      await p.getByRole('button', { name: 'Kiểm tra tệp' }).click();
      await p.getByText('Xã không có thôn, tổ dân phố "Xóm Không Có"', { exact: false }).waitFor();
      expect(await p.getByRole('button', { name: 'Tải tệp báo lỗi (mở bằng Excel)' }).isVisible()).toBe(true);
      await expectAccessible(p, '/households');
      await shot(p, 'households-commune');
      expect(commune.errors).toEqual([]);
    } catch (err) {
      await shot(commune.page, 'campaigns-failure-commune');
      throw err;
    } finally {
      await commune.context.close();
    }

    const member = await phonePage(e);
    try {
      const p = member.page;
      await signInWithPassword(p, 'to.trungkien', DEMO_PASSWORD);
      await p.goto('/campaigns');
      await p.getByRole('heading', { name: 'Trọng tâm tháng này' }).waitFor();
      await p.getByText('Tăng tốc định danh điện tử mức 2').first().waitFor();
      await p.getByText(progress(teamDone, 20)).first().waitFor();
      await expectAccessible(p, '/campaigns (member)');
      await shot(p, 'campaigns-member-focus');
      expect(member.errors).toEqual([]);
    } catch (err) {
      await shot(member.page, 'campaigns-failure-member');
      throw err;
    } finally {
      await member.context.close();
    }
    expect(errors).toEqual([]);
  }, 180_000);
});
