/**
 * Feedback settings in the browser at phone width, in Vietnamese: the province administrator manages categories
 * (with an extra field), routing rules and public holidays; a commune administrator neither sees nor reaches them.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DEMO_PASSWORD } from '../server/seed/demo.js';
import { type E2E, expectAccessible, phonePage, shot, signInWithPassword, startE2E } from './harness.js';

// Every page is also checked by axe-core: on a busy machine a test takes longer (not a speed check).
vi.setConfig({ testTimeout: 120_000 });
let e: E2E;
const nextYear = new Date().getUTCFullYear() + 1;

beforeAll(async () => {
  e = await startE2E();
});
afterAll(() => e?.close());

interface Category {
  id: string;
  code: string;
  active: boolean;
  deadlineWorkingDays: number | null;
  deadlineHours: number | null;
  defaultHandlingUnitId: string | null;
  extraFields: {
    code: string;
    label: { vi: string; en: string };
    datatype: string;
    required: boolean;
    values?: unknown;
  }[];
}

/** What the API says now, read with the page's own session. */
async function apiGet<T>(page: Page, path: string): Promise<{ status: number; body: T }> {
  const res = await page.request.get(path);
  return { status: res.status(), body: (await res.json().catch(() => null)) as T };
}

async function openFromAdminHome(page: Page, name: string) {
  await page.goto('/admin');
  await page.getByRole('link', { name }).click();
  await expect.poll(() => page.getByRole('heading', { level: 1, name }).isVisible()).toBe(true);
}

describe('feedback settings: the province administrator, at phone width', () => {
  let page: Page;
  let errors: string[];
  let close: () => Promise<void>;
  let categoryId = '';

  beforeAll(async () => {
    const p = await phonePage(e);
    page = p.page;
    errors = p.errors;
    close = () => p.context.close();
    await signInWithPassword(page, 'admin.tinh', DEMO_PASSWORD);
  });
  afterAll(() => close?.());

  it('creates a category with one extra field (a list); a bad code is named next to its field', async () => {
    await page.goto('/admin');
    await expect.poll(() => page.getByRole('link', { name: 'Ngày nghỉ lễ' }).isVisible()).toBe(true);
    await shot(page, 'fb-admin-home');
    await expectAccessible(page);
    await openFromAdminHome(page, 'Lĩnh vực phản ánh');
    await expect.poll(() => page.getByText('Điện chiếu sáng').isVisible()).toBe(true);
    await shot(page, 'fb-admin-categories');
    await expectAccessible(page);
    await page.getByRole('link', { name: 'Thêm lĩnh vực' }).click();
    await page.getByLabel('Tên lĩnh vực').fill('Cây xanh đô thị');
    expect(await page.getByLabel('Mã lĩnh vực').inputValue()).toBe('cay-xanh-do-thi');
    await page.getByLabel('Tên tiếng Anh').fill('Urban trees');
    await page.getByText('Rác thải', { exact: true }).click();
    await page
      .getByLabel('Cơ quan xử lý mặc định')
      .selectOption({ label: 'Sở Nông nghiệp và Môi trường tỉnh Thái Nguyên' });
    await page.getByLabel('Số ngày làm việc').fill('5');
    await page.getByRole('button', { name: 'Thêm trường' }).click();
    const field = page.getByRole('group', { name: 'Trường 1' });
    await field.getByLabel('Nhãn', { exact: true }).fill('Loại cây');
    await field.getByLabel('Nhãn tiếng Anh').fill('Tree species');
    expect(await field.getByLabel('Mã trường').inputValue()).toBe('loai_cay');
    await field.getByLabel('Kiểu dữ liệu').selectOption({ label: 'Chọn một trong danh sách' });
    await field.getByLabel('Lựa chọn 1', { exact: true }).fill('Cây bàng');
    await field.getByRole('button', { name: 'Thêm lựa chọn' }).click();
    await field.getByLabel('Lựa chọn 2', { exact: true }).fill('Cây phượng');
    await field.getByLabel('Bắt buộc điền').check();
    // A second field with the same code is caught before sending; moved up, then removed: one field stays.
    await page.getByRole('button', { name: 'Thêm trường' }).click();
    const second = page.getByRole('group', { name: 'Trường 2' });
    await second.getByLabel('Nhãn', { exact: true }).fill('Loại cây');
    await second.getByLabel('Nhãn tiếng Anh').fill('Species');
    await page.getByRole('button', { name: 'Tạo lĩnh vực' }).click();
    await expect.poll(() => second.getByText('Mã này đã dùng cho một trường khác.').isVisible()).toBe(true);
    await second.getByLabel('Nhãn', { exact: true }).fill('Số cây bị ảnh hưởng');
    expect(await second.getByLabel('Mã trường').inputValue()).toBe('so_cay_bi_anh_huong');
    await page.getByRole('button', { name: 'Đưa trường 2 lên trên' }).click();
    expect(await page.getByRole('group', { name: 'Trường 1' }).getByLabel('Nhãn', { exact: true }).inputValue()).toBe(
      'Số cây bị ảnh hưởng',
    );
    await page.getByRole('button', { name: 'Bỏ trường 1' }).click();
    expect(await page.getByRole('group', { name: /^Trường \d$/ }).count()).toBe(1);
    // A code the server refuses: its message, in Vietnamese, sits under the code.
    await page.getByLabel('Mã lĩnh vực').fill('Cây Xanh');
    await page.getByRole('button', { name: 'Tạo lĩnh vực' }).click();
    const codeError = page.locator('.field', { has: page.getByLabel('Mã lĩnh vực') }).locator('.field-error');
    await expect.poll(() => codeError.textContent()).toBe('Mã chỉ gồm a-z, 0-9, -.');
    await shot(page, 'fb-admin-category-error');
    await expectAccessible(page);
    await page.getByLabel('Mã lĩnh vực').fill('cay-xanh-do-thi');
    await page.getByRole('button', { name: 'Tạo lĩnh vực' }).click();
    await page.waitForURL(/\/admin\/categories\/[0-9a-f-]{36}$/);
    await expect.poll(() => page.getByText('Đã tạo lĩnh vực.').isVisible()).toBe(true);
    await expect.poll(() => page.getByRole('heading', { level: 1, name: 'Cây xanh đô thị' }).isVisible()).toBe(true);
    await shot(page, 'fb-admin-category-created');
    await expectAccessible(page);
    categoryId = page.url().split('/').at(-1)!;

    const { body: c } = await apiGet<Category>(page, `/api/feedback/categories/${categoryId}`);
    const units = await apiGet<{ items: { id: string; code: string }[] }>(page, '/api/handling-units?q=nong nghiep');
    expect(c).toMatchObject({
      code: 'cay-xanh-do-thi',
      active: true,
      deadlineWorkingDays: 5,
      deadlineHours: null,
      defaultHandlingUnitId: units.body.items.find((u) => u.code === 'so-nnmt-19')!.id,
      extraFields: [
        {
          code: 'loai_cay',
          label: { vi: 'Loại cây', en: 'Tree species' },
          datatype: 'singlevaluelist',
          required: true,
          values: [
            { key: 'cay_bang', name: 'Cây bàng' },
            { key: 'cay_phuong', name: 'Cây phượng' },
          ],
        },
      ],
    });
    expect(errors).toEqual([]);
  });

  it('edits its deadline to hours: a value over the limit is refused next to the field, then saved', async () => {
    await page.getByText('Theo giờ (việc khẩn cấp)').click();
    await page.getByLabel('Số giờ').fill('1000');
    await page.getByRole('button', { name: 'Lưu thay đổi' }).click();
    const hoursError = page.locator('.field', { has: page.getByLabel('Số giờ') }).locator('.field-error');
    await expect.poll(() => hoursError.textContent()).toContain('Giá trị lớn nhất là 720.');
    await page.getByLabel('Số giờ').fill('48');
    await page.getByRole('button', { name: 'Lưu thay đổi' }).click();
    await expect.poll(() => page.getByText('Đã lưu.').isVisible()).toBe(true);
    const { body: c } = await apiGet<Category>(page, `/api/feedback/categories/${categoryId}`);
    expect([c.deadlineWorkingDays, c.deadlineHours]).toEqual([null, 48]);
    expect(c.extraFields).toHaveLength(1);
    expect(errors).toEqual([]);
  });

  it('deactivates it: residents no longer get it; the list shows it under "Ngừng sử dụng"', async () => {
    await page.getByRole('button', { name: 'Ngừng sử dụng' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Ngừng sử dụng' }).click();
    await expect
      .poll(() => page.getByText('Ngừng sử dụng: người dân không chọn được lĩnh vực này.').isVisible())
      .toBe(true);
    const pub = await (await fetch(`${e.baseUrl}/api/feedback/categories`)).json();
    expect(pub.items.map((c: Category) => c.code)).not.toContain('cay-xanh-do-thi');
    const { body: c } = await apiGet<Category>(page, `/api/feedback/categories/${categoryId}`);
    expect(c.active).toBe(false);
    await page.getByRole('link', { name: 'Danh sách lĩnh vực' }).click();
    const inactive = page.locator('section', { has: page.getByRole('heading', { name: 'Ngừng sử dụng (1)' }) });
    await expect.poll(() => inactive.getByText('Cây xanh đô thị').isVisible()).toBe(true);
    await shot(page, 'fb-admin-categories-after');
    await expectAccessible(page);
    expect(errors).toEqual([]);
  });

  it('adds a routing rule (category + commune → unit) and sees it listed, with the unit used when no rule matches', async () => {
    await openFromAdminHome(page, 'Quy tắc phân phối');
    await expect.poll(() => page.getByText('Chưa có quy tắc nào', { exact: false }).isVisible()).toBe(true);
    await page.getByRole('button', { name: 'Thêm quy tắc' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Lĩnh vực').selectOption({ label: 'Điện chiếu sáng' });
    await dialog.getByLabel('Xã, phường').selectOption({ label: 'Xã Định Hoá' });
    await expect
      .poll(() => dialog.getByRole('status').textContent())
      .toContain('UBND Xã Định Hoá (không có quy tắc nào)');
    // No unit chosen: the server's message shows under the unit list.
    await dialog.getByRole('button', { name: 'Lưu quy tắc' }).click();
    const unitError = dialog.locator('.field', { has: page.getByLabel('Cơ quan xử lý nhận phản ánh') });
    await expect.poll(() => unitError.locator('.field-error').textContent()).toContain('Vui lòng nhập thông tin này.');
    await dialog.getByLabel('Cơ quan xử lý nhận phản ánh').selectOption({ label: 'Công ty Điện lực Thái Nguyên' });
    await shot(page, 'fb-admin-rule-form');
    await expectAccessible(page);
    await dialog.getByRole('button', { name: 'Lưu quy tắc' }).click();
    await expect.poll(() => page.getByText('Đã lưu quy tắc.').isVisible()).toBe(true);
    const item = page.getByRole('list', { name: 'Quy tắc phân phối' }).getByRole('listitem');
    await expect
      .poll(() => item.first().textContent())
      .toBe('Điện chiếu sángXã Định Hoá→ Công ty Điện lực Thái NguyênĐổi cơ quanXóa');
    await page.getByLabel('Lĩnh vực').selectOption({ label: 'Điện chiếu sáng' });
    await expect
      .poll(() =>
        page
          .getByText(
            'Khi không có quy tắc nào khớp, phản ánh lĩnh vực “Điện chiếu sáng” đến: UBND xã, phường nơi xảy ra.',
          )
          .isVisible(),
      )
      .toBe(true);
    await shot(page, 'fb-admin-rules');
    await expectAccessible(page);
    const { body } = await apiGet<{
      items: { communeCode: string; categoryCode: string; handlingUnit: { code: string } }[];
    }>(page, '/api/feedback/routing-rules');
    expect(body.items.map((r) => [r.categoryCode, r.communeCode, r.handlingUnit.code])).toEqual([
      ['dien-chieu-sang', '05569', 'dien-luc-19'],
    ]);
    expect(errors).toEqual([]);
  });

  it('fills a year that has no holidays yet with the statutory ones (Tết by the lunar calendar)', async () => {
    const year = nextYear + 4;
    await openFromAdminHome(page, 'Ngày nghỉ lễ');
    for (let y = nextYear - 1; y < year; y++) await page.getByRole('button', { name: `Năm sau (${y + 1})` }).click();
    await expect.poll(() => page.getByRole('heading', { name: `Năm ${year}` }).isVisible()).toBe(true);
    await expect.poll(() => page.getByText('Năm này chưa có ngày nghỉ nào.').isVisible()).toBe(true);
    await page.getByRole('button', { name: `Thêm các ngày nghỉ theo quy định của năm ${year}` }).click();
    // The page says it is done before the holidays are read back (a read right after the tap can beat the write).
    await page.getByText(/^Đã thêm \d+ ngày nghỉ của năm/).waitFor();
    const { body } = await apiGet<{ items: { date: string; nameVi: string }[] }>(page, `/api/holidays?year=${year}`);
    expect(body.items.filter((h) => h.nameVi === 'Tết Nguyên đán').length).toBeGreaterThanOrEqual(4);
    await expect
      .poll(() => page.getByText(`Đã thêm ${body.items.length} ngày nghỉ của năm ${year}.`).isVisible())
      .toBe(true);
    expect(await page.getByText('Tết Nguyên đán', { exact: true }).count()).toBe(
      body.items.filter((h) => h.nameVi === 'Tết Nguyên đán').length,
    );
    expect(errors).toEqual([]);
  });

  it("adds a holiday for next year, typed as dd/mm/yyyy, and sees it in next year's list", async () => {
    await openFromAdminHome(page, 'Ngày nghỉ lễ');
    await page.getByRole('button', { name: `Năm sau (${nextYear})` }).click();
    await expect.poll(() => page.getByRole('heading', { name: `Năm ${nextYear}` }).isVisible()).toBe(true);
    await expect.poll(() => page.getByText('Giỗ Tổ Hùng Vương', { exact: true }).isVisible()).toBe(true);
    const date = page.getByLabel('Ngày', { exact: true });
    // Not a date: said at once, in Vietnamese.
    await date.pressSequentially(`3102${nextYear}`);
    expect(await date.inputValue()).toBe(`31/02/${nextYear}`);
    await page.getByLabel('Tên ngày nghỉ').click();
    await expect.poll(() => page.getByText('Ngày không hợp lệ.', { exact: false }).isVisible()).toBe(true);
    // Already a holiday: said next to the date.
    await date.fill(`01/05/${nextYear}`);
    await page.getByLabel('Tên ngày nghỉ').fill('Ngày Quốc tế Lao động');
    await page.getByLabel('Tên tiếng Anh').fill('Labour Day');
    await page.getByRole('button', { name: 'Thêm ngày nghỉ' }).click();
    await expect.poll(() => page.getByText(`Ngày 01/05/${nextYear} đã là ngày nghỉ.`).isVisible()).toBe(true);
    await date.fill('');
    await date.pressSequentially(`0306${nextYear}`);
    await page.getByLabel('Tên ngày nghỉ').fill('Nghỉ bù ngày thành lập tỉnh');
    await page.getByLabel('Tên tiếng Anh').fill('In lieu of Province Day');
    await page.getByLabel('Là ngày nghỉ bù').check();
    await shot(page, 'fb-admin-holiday-form');
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Thêm ngày nghỉ' }).click();
    await expect.poll(() => page.getByText(`Đã thêm ngày nghỉ 03/06/${nextYear}.`).isVisible()).toBe(true);
    const row = page.getByRole('listitem').filter({ hasText: 'Nghỉ bù ngày thành lập tỉnh' });
    await expect.poll(() => row.textContent()).toContain(`03/06/${nextYear}`);
    expect(await row.textContent()).toContain('Nghỉ bù');
    await shot(page, 'fb-admin-holidays');
    await expectAccessible(page);
    const { body } = await apiGet<{ items: { date: string; nameVi: string; compensatory: boolean }[] }>(
      page,
      `/api/holidays?year=${nextYear}`,
    );
    expect(body.items).toContainEqual(
      expect.objectContaining({ date: `${nextYear}-06-03`, nameVi: 'Nghỉ bù ngày thành lập tỉnh', compensatory: true }),
    );
    expect(errors).toEqual([]);
  });

  it('shows the three pages in English after the language switch', async () => {
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1, name: 'Public holidays' }).isVisible()).toBe(true);
    expect(await page.getByRole('button', { name: 'Add holiday' }).isVisible()).toBe(true);
    expect(await page.getByText(`Holiday 03/06/${nextYear} added.`).isVisible()).toBe(true);
    const weekday = new Intl.DateTimeFormat('en-GB', { weekday: 'long', timeZone: 'UTC' }).format(
      Date.UTC(nextYear, 5, 3),
    );
    expect(await page.getByText(`${weekday}, 03/06/${nextYear}`).isVisible()).toBe(true);
    expect(await page.getByText('Day/month/year, e.g. 30/04/2026').isVisible()).toBe(true);
    await shot(page, 'fb-admin-holidays-en');
    await expectAccessible(page);
    await page.goto('/admin/routing-rules');
    await expect.poll(() => page.getByRole('heading', { level: 1, name: 'Routing rules' }).isVisible()).toBe(true);
    const rules = page.getByRole('list', { name: 'Routing rules' });
    await expect.poll(() => rules.getByText('Street lighting').isVisible()).toBe(true);
    await shot(page, 'fb-admin-rules-en');
    await expectAccessible(page);
    await page.goto(`/admin/categories/${categoryId}`);
    await expect.poll(() => page.getByRole('heading', { level: 1, name: 'Urban trees' }).isVisible()).toBe(true);
    expect(await page.getByText('Extra fields', { exact: true }).isVisible()).toBe(true);
    await shot(page, 'fb-admin-category-en');
    await expectAccessible(page);
    expect(errors).toEqual([]);
  });
});

describe('feedback settings: a commune administrator', () => {
  it('does not see the links, gets the refusal page by URL, and the server refuses the API', async () => {
    const { context, page, errors } = await phonePage(e);
    await signInWithPassword(page, 'admin.dinhhoa', DEMO_PASSWORD);
    await page.goto('/admin');
    await expect.poll(() => page.getByRole('link', { name: 'Tài khoản người dùng' }).first().isVisible()).toBe(true);
    for (const name of ['Lĩnh vực phản ánh', 'Quy tắc phân phối', 'Ngày nghỉ lễ'])
      expect(await page.getByRole('link', { name }).count()).toBe(0);
    for (const path of ['/admin/categories', '/admin/categories/new', '/admin/routing-rules', '/admin/holidays']) {
      await page.goto(path);
      await expect
        .poll(() => page.getByRole('heading', { level: 1, name: 'Bạn không có quyền xem trang này.' }).isVisible())
        .toBe(true);
    }
    await shot(page, 'fb-admin-commune-refused');
    await expectAccessible(page);
    expect((await page.request.get('/api/feedback/routing-rules')).status()).toBe(403);
    expect((await page.request.get('/api/feedback/categories?includeInactive=1')).status()).toBe(403);
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe('statistics page dates', () => {
  it('takes dd/mm/yyyy and asks the server for that day', async () => {
    const { context, page, errors } = await phonePage(e);
    await page.goto('/feedback/stats');
    const from = page.getByLabel('Từ ngày');
    await expect.poll(() => from.isVisible()).toBe(true);
    const asked = page.waitForRequest(
      (r) => r.url().includes('/api/feedback/stats') && r.url().includes('from=2025-01-02'),
    );
    await from.pressSequentially('02012025');
    expect(await from.inputValue()).toBe('02/01/2025');
    await asked;
    // The calendar button's picker (the device's own) fills the same field, shown as dd/mm/yyyy.
    const untilAsked = page.waitForRequest((r) => r.url().includes('to=2025-03-04'));
    await page
      .locator('.date-field', { has: page.getByLabel('Đến ngày') })
      .locator('input[type="date"]')
      .fill('2025-03-04');
    expect(await page.getByLabel('Đến ngày').inputValue()).toBe('04/03/2025');
    await untilAsked;
    await shot(page, 'fb-stats-dates');
    await expectAccessible(page);
    expect(errors).toEqual([]);
    await context.close();
  });
});
