/**
 * Issue 7 in the browser, at phone width, in Vietnamese (points 2–6, 14–16): each role sees only the work lists it can
 * open; a file that is not a photo is refused in the picker by name; an officer's answer photo is public at once; the
 * officer reads the rating; a reopening shows a new deadline, the earlier answer as earlier, and appears in the
 * public timeline; words and dates people understand; anonymous pages log no error; axe finds nothing serious.
 */
import { eq } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { reports } from '../server/db/schema/feedback.js';
import { users } from '../server/db/schema/index.js';
import { insertReports } from '../server/modules/feedback-stats/report-factory.js';
import { DEMO_PASSWORD } from '../server/seed/demo.js';
import { type E2E, expectAccessible, phonePage, shot, signInWithPassword, startE2E } from './harness.js';

// Every page is also checked by axe-core: on a busy machine a test takes longer (not a speed check).
vi.setConfig({ testTimeout: 120_000 });
let e: E2E;
let citizenId = '';
let categoryId = '';
let committeeId = '';
const nextYear = new Date().getUTCFullYear() + 1;
/** The report the answer/rating/reopen journey walks (public once answered). */
let report: { id: string; publicCode: string };

beforeAll(async () => {
  e = await startE2E();
  const [u] = await e.t.db.select({ id: users.id }).from(users).where(eq(users.username, 'dan.minh'));
  citizenId = u.id;
  const [c] = await e.t.database.query<{ id: string }>("select id from feedback_categories where code = 'giao-thong'");
  categoryId = c.id;
  const [h] = await e.t.database.query<{ id: string }>("select id from handling_units where code = 'ubnd-05569'");
  committeeId = h.id;
}, 60_000);
afterAll(() => e?.close());

/** A signed-in phone page; every API answer of 403 is recorded (a tab the role cannot open shows as one). */
async function signedIn(login: string) {
  const p = await phonePage(e);
  const refused: string[] = [];
  p.page.on('response', (r) => {
    if (r.status() === 403 && r.url().includes('/api/')) refused.push(r.url());
  });
  await signInWithPassword(p.page, login, DEMO_PASSWORD);
  return { ...p, refused, close: () => p.context.close() };
}

/** A report of dan.minh, already with Xã Định Hoá's committee, due at the end of 16/12 next year. */
async function reportOfDanMinh(description: string, status: 'pending' | 'distributed' = 'distributed') {
  const [r] = await insertReports(e.t.db, [
    {
      categoryId,
      communeCode: '05569',
      unitPath: '19/05569',
      status,
      description,
      reporterId: citizenId,
      handlingUnitId: status === 'distributed' ? committeeId : null,
    },
  ]);
  // Working-day deadlines end at 24:00 Vietnam time, stored as 00:00 of the next day (17/12 00:00 = 16/12 17:00 UTC).
  if (status === 'distributed')
    await e.t.db
      .update(reports)
      .set({ dueAt: new Date(`${nextYear}-12-16T17:00:00Z`), acceptedAt: new Date() })
      .where(eq(reports.id, r.id));
  return r;
}

const jpeg = (shade: string) =>
  sharp({ create: { width: 800, height: 600, channels: 3, background: shade } })
    .jpeg()
    .toBuffer();

async function timelineTexts(page: Page) {
  return page.locator('.fb-timeline > li').allTextContents();
}

describe('the work page shows only the lists the role can open (7.2)', () => {
  it('a commune administrator screens: no "Đơn vị xử lý" tab and no 403', async () => {
    const { page, errors, refused, close } = await signedIn('admin.dinhhoa');
    await page.goto('/work');
    await expect
      .poll(() => page.getByRole('heading', { level: 2, name: 'Chờ tiếp nhận' }).isVisible(), { timeout: 10_000 })
      .toBe(true);
    expect(await page.getByRole('tab').count()).toBe(0);
    expect(await page.getByText('Đơn vị xử lý', { exact: true }).count()).toBe(0);
    await page.goto('/work?tab=inbox'); // an old link to the inbox falls back to what the role can open
    await expect.poll(() => page.getByRole('heading', { level: 2, name: 'Chờ tiếp nhận' }).isVisible()).toBe(true);
    await shot(page, 'i7-work-commune-admin');
    await expectAccessible(page);
    expect(refused).toEqual([]);
    expect(errors).toEqual([]);
    await close();
  });

  it("a department's officer has the unit inbox only; the commune committee's officer has both tabs", async () => {
    const dept = await signedIn('canbo.soxaydung');
    await dept.page.goto('/work');
    await expect
      .poll(() => dept.page.getByRole('heading', { level: 2, name: 'Đơn vị xử lý' }).isVisible(), { timeout: 10_000 })
      .toBe(true);
    expect(await dept.page.getByRole('tab').count()).toBe(0);
    await shot(dept.page, 'i7-work-department');
    await expectAccessible(dept.page);
    expect(dept.refused).toEqual([]);
    await dept.close();

    const officer = await signedIn('canbo.dinhhoa');
    await officer.page.goto('/work');
    await expect.poll(() => officer.page.getByRole('tab').count(), { timeout: 10_000 }).toBe(2);
    await officer.page.getByRole('tab', { name: 'Đơn vị xử lý' }).click();
    await expect.poll(() => officer.page.getByLabel('Hiển thị').isVisible()).toBe(true);
    await expectAccessible(officer.page);
    expect(officer.refused).toEqual([]);
    expect(officer.errors).toEqual([]);
    await officer.close();
  });
});

describe('the photo picker checks the file, not its name (7.3)', () => {
  it('refuses a text file named fake.jpg by name, keeps no broken thumbnail, and takes a real photo', async () => {
    const { page, errors, close } = await signedIn('dan.minh');
    await page.goto('/feedback/new');
    const input = page.locator('input[type="file"]');
    await expect.poll(() => input.count(), { timeout: 10_000 }).toBe(1);
    await input.setInputFiles({
      name: 'fake.jpg',
      mimeType: 'image/jpeg',
      buffer: Buffer.from('Đây là một tệp văn bản, không phải ảnh.\n'),
    });
    const alert = page.locator('.fb-fieldset .field-error[role="alert"]');
    await expect
      .poll(() => alert.textContent(), { timeout: 10_000 })
      .toBe('“fake.jpg” không phải là ảnh JPEG, PNG, WebP hoặc HEIC. Hãy chọn ảnh khác.');
    expect(await page.getByRole('img', { name: 'Ảnh 1' }).count()).toBe(0);
    // A JPEG cut short: the right first bytes, but the browser cannot open it.
    const cut = (await jpeg('#556677')).subarray(0, 200);
    await input.setInputFiles({ name: 'hong.jpg', mimeType: 'image/jpeg', buffer: cut });
    await expect
      .poll(() => alert.textContent(), { timeout: 10_000 })
      .toBe('“hong.jpg” bị hỏng hoặc không mở được. Hãy chọn ảnh khác.');
    await shot(page, 'i7-picker-not-a-photo');
    await expectAccessible(page);
    await input.setInputFiles({ name: 'that.jpg', mimeType: 'image/jpeg', buffer: await jpeg('#7a6a55') });
    await expect.poll(() => page.getByRole('img', { name: 'Ảnh 1' }).isVisible(), { timeout: 10_000 }).toBe(true);
    expect(await alert.count()).toBe(0);
    expect(errors).toEqual([]);
    await close();
  });
});

describe('answer, rating and reopening, seen by the officer, the reporter and the public (7.4, 7.5, 7.6, 14)', () => {
  it('the officer sees the last day to act, answers with a photo, and the photo is public at once', async () => {
    report = await reportOfDanMinh('Cống thoát nước trước chợ bị tắc, nước tràn ra đường khi mưa.');
    const { page, errors, close } = await signedIn('canbo.dinhhoa');
    await page.goto(`/reports/${report.id}`);
    await expect
      .poll(() => page.locator('.fb-status').first().textContent(), { timeout: 10_000 })
      .toBe('Đã phân phối, đang chờ xử lý');
    expect(await page.getByText(`Hạn 16/12/${nextYear}`, { exact: true }).isVisible()).toBe(true);
    await page.getByRole('button', { name: 'Trả lời', exact: true }).click();
    const dialog = page.getByRole('dialog');
    // The disabled button says what is missing.
    expect(await dialog.getByRole('button', { name: 'Đăng kết quả xử lý' }).isDisabled()).toBe(true);
    expect(await dialog.getByText('Vui lòng nhập kết quả xử lý.').isVisible()).toBe(true);
    await expectAccessible(page, 'answer dialog');
    await dialog.getByLabel('Kết quả xử lý').fill('Xã đã nạo vét cống ngày 28/11, nước đã thoát.');
    await dialog
      .locator('input[type="file"]')
      .setInputFiles({ name: 'da-nao-vet.jpg', mimeType: 'image/jpeg', buffer: await jpeg('#445566') });
    await expect.poll(() => dialog.getByRole('img', { name: 'Ảnh 1' }).isVisible()).toBe(true);
    await dialog.getByRole('button', { name: 'Đăng kết quả xử lý' }).click();
    await expect.poll(() => page.locator('.fb-status').first().textContent(), { timeout: 10_000 }).toBe('Đã xử lý');
    const answer = page.locator('section.fb-answer');
    await expect.poll(() => answer.getByText('Công khai', { exact: true }).isVisible(), { timeout: 10_000 }).toBe(true);
    expect(await answer.getByText('Chờ duyệt').count()).toBe(0);
    expect(await answer.getByRole('button', { name: 'Ẩn ảnh' }).isVisible()).toBe(true);
    await shot(page, 'i7-officer-answered');
    await expectAccessible(page);
    expect(errors).toEqual([]);
    await close();

    const anon = await phonePage(e);
    await anon.page.goto(`/public/reports/${report.publicCode}`);
    const publicAnswer = anon.page.locator('section.fb-answer');
    await expect
      .poll(() => publicAnswer.getByRole('img', { name: 'Ảnh 1' }).isVisible(), { timeout: 10_000 })
      .toBe(true);
    await anon.context.close();
  });

  it('the reporter rates it, then reopens it: a new deadline, the earlier answer shown as earlier', async () => {
    const { page, errors, close } = await signedIn('dan.minh');
    await page.goto(`/reports/${report.id}`);
    await expect
      .poll(() => page.getByRole('button', { name: 'Gửi đánh giá' }).isVisible(), { timeout: 10_000 })
      .toBe(true);
    expect(await page.getByText('Chọn số sao (từ 1 đến 5) để gửi đánh giá.').isVisible()).toBe(true);
    await page.locator('label.fb-star').nth(1).click();
    await page.getByLabel('Nhận xét').fill('Mới nạo vét một đoạn, đoạn gần chợ vẫn tắc.');
    await page.getByRole('button', { name: 'Gửi đánh giá' }).click();
    await expect.poll(() => page.getByText('Bạn đã đánh giá 2/5.', { exact: false }).isVisible()).toBe(true);
    await page.getByText('Chưa hài lòng? Mở lại phản ánh').click();
    await page.getByLabel('Lý do mở lại').fill('Nhà tôi ở số 12 cạnh chợ, cống vẫn tắc sau trận mưa hôm qua.');
    await page.getByRole('button', { name: 'Mở lại phản ánh' }).click();
    await expect
      .poll(() => page.locator('.fb-status').first().textContent(), { timeout: 10_000 })
      .toBe('Đã phân phối, đang chờ xử lý');
    const [row] = await e.t.db.select({ dueAt: reports.dueAt }).from(reports).where(eq(reports.id, report.id));
    const lastDay = new Intl.DateTimeFormat('vi-VN', {
      day: '2-digit',
      month: '2-digit',
      year: 'numeric',
      timeZone: 'Asia/Ho_Chi_Minh',
    }).format(new Date(row.dueAt!.getTime() - 1));
    expect(lastDay).not.toBe(`16/12/${nextYear}`);
    await expect.poll(() => page.getByText(`Hạn ${lastDay}`, { exact: true }).isVisible()).toBe(true);
    const answer = page.locator('section.fb-answer');
    expect(await answer.getByRole('heading').textContent()).toBe('Kết quả xử lý trước khi mở lại');
    expect(await answer.locator('.item-meta').textContent()).toMatch(/^\d{2}:\d{2} \d{2}\/\d{2}\/\d{4}$/);
    const history = (await timelineTexts(page)).join('\n');
    expect(history).toContain('Người phản ánh mở lại phản ánh');
    expect(history).toContain(`Hạn xử lý: ${lastDay}`);
    await shot(page, 'i7-reporter-reopened');
    await expectAccessible(page);
    expect(errors).toEqual([]);
    await close();
  });

  it('the officer reads the stars and the comment; the rating and the reopening are not called internal notes', async () => {
    const { page, errors, close } = await signedIn('canbo.dinhhoa');
    await page.goto(`/reports/${report.id}`);
    const rated = page.locator('.fb-timeline > li', { hasText: 'Người phản ánh đã đánh giá' });
    await expect.poll(() => rated.textContent(), { timeout: 10_000 }).toContain('2/5 sao');
    expect(await rated.textContent()).toContain('Mới nạo vét một đoạn, đoạn gần chợ vẫn tắc.');
    expect(await rated.textContent()).toContain('Không công khai');
    const reopened = page.locator('.fb-timeline > li', { hasText: 'Người phản ánh mở lại phản ánh' });
    expect(await reopened.textContent()).toContain('Lý do không công khai');
    expect(await page.locator('.fb-timeline').getByText('Ghi chú nội bộ').count()).toBe(0);
    // An internal note is one, and says so.
    await page.getByRole('button', { name: 'Ghi chú nội bộ' }).click();
    await page.getByRole('dialog').getByLabel('Ghi chú').fill('Đã hẹn đội vệ sinh môi trường sáng mai.');
    await page.getByRole('dialog').getByRole('button', { name: 'Lưu ghi chú' }).click();
    const note = page.locator('.fb-timeline > li', { hasText: 'Đã hẹn đội vệ sinh' });
    await expect.poll(() => note.textContent(), { timeout: 10_000 }).toContain('Ghi chú nội bộ');
    expect(await note.textContent()).toContain('Chỉ cán bộ xem');
    await shot(page, 'i7-officer-timeline');
    await expectAccessible(page);
    expect(errors).toEqual([]);
    await close();
  });

  it('the public timeline shows the reopening after the answer, without its reason', async () => {
    const { page, errors, consoleErrors, context } = await phonePage(e);
    await page.goto(`/public/reports/${report.publicCode}`);
    await expect.poll(async () => (await timelineTexts(page)).length, { timeout: 10_000 }).toBeGreaterThan(0);
    const heads = await page.locator('.fb-timeline .fb-tl-head strong').allTextContents();
    expect(heads.slice(-2)).toEqual(['Đã trả lời', 'Người phản ánh mở lại phản ánh']);
    const text = (await page.locator('main').textContent()) ?? '';
    expect(text).not.toContain('số 12 cạnh chợ');
    expect(text).not.toContain('Mới nạo vét một đoạn');
    await shot(page, 'i7-public-reopened');
    await expectAccessible(page);
    expect(errors).toEqual([]);
    expect(consoleErrors).toEqual([]);
    await context.close();
  });
});

describe('words people read (7.14)', () => {
  it("the reporter's own report waiting to be accepted reads “Đang chờ tiếp nhận”; statistics keep the seed's term", async () => {
    const waiting = await reportOfDanMinh('Biển báo giao thông ở ngã ba bị đổ.', 'pending');
    const { page, errors, close } = await signedIn('dan.minh');
    await page.goto('/reports/mine');
    const row = page.getByRole('listitem').filter({ hasText: waiting.publicCode });
    await expect.poll(() => row.textContent(), { timeout: 10_000 }).toContain('Đang chờ tiếp nhận');
    expect(await row.textContent()).not.toContain('Chưa đủ điều kiện');
    await shot(page, 'i7-mine-waiting');
    await expectAccessible(page);
    await page.goto('/feedback/stats');
    const table = page.locator('table.fb-stats-table').first();
    await expect
      .poll(() => table.getByRole('rowheader', { name: 'Chưa đủ điều kiện tiếp nhận' }).count(), { timeout: 10_000 })
      .toBe(1);
    expect(await table.getByRole('rowheader', { name: 'Hủy', exact: true }).count()).toBe(1);
    // Both sections named by what they show: one table, one chart.
    expect(await page.getByText('Theo lĩnh vực', { exact: true }).count()).toBeLessThanOrEqual(1);
    // A period that ends before it starts is named as such.
    await page.getByLabel('Từ ngày').pressSequentially('10032025');
    await page.getByLabel('Đến ngày').pressSequentially('01032025');
    await expect
      .poll(() => page.getByText('“Đến ngày” phải cùng hoặc sau “Từ ngày”.').isVisible(), { timeout: 10_000 })
      .toBe(true);
    await shot(page, 'i7-stats-backwards');
    await expectAccessible(page);
    expect(errors).toEqual([]);
    await close();
  });

  it('a cancelled report reads “Đã hủy”; the English page translates the fixed words', async () => {
    const [cancelled] = await insertReports(e.t.db, [
      {
        categoryId,
        communeCode: '05569',
        unitPath: '19/05569',
        status: 'cancelled',
        cancelReason: 'outside_jurisdiction',
        reporterId: citizenId,
        description: 'Xin cấp lại sổ đỏ.',
      },
    ]);
    const { page, errors, close } = await signedIn('dan.minh');
    await page.goto(`/reports/${cancelled.id}`);
    await expect.poll(() => page.locator('.fb-status').first().textContent(), { timeout: 10_000 }).toBe('Đã hủy');
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await expect.poll(() => page.locator('.fb-status').first().textContent()).toBe('Cancelled');
    await page.goto(`/public/reports/${report.publicCode}`); // the answered report of the journey above
    await expect.poll(() => page.getByText('A resident', { exact: true }).isVisible(), { timeout: 10_000 }).toBe(true);
    expect(await page.getByText('Người dân', { exact: true }).count()).toBe(0);
    await shot(page, 'i7-public-report-en');
    await expectAccessible(page);
    expect(errors).toEqual([]);
    await close();
  });
});

describe('anonymous pages are quiet and accessible (7.15, 7.16)', () => {
  it('the home page, public reports, statistics and sign-in log no error and never ask /api/auth/me', async () => {
    const { page, errors, consoleErrors, context } = await phonePage(e);
    const asked: string[] = [];
    page.on('request', (r) => {
      if (new URL(r.url()).pathname === '/api/auth/me') asked.push(r.url());
    });
    for (const path of ['/', '/public/reports', '/feedback', '/feedback/stats', '/sign-in', '/map']) {
      await page.goto(path);
      await expectAccessible(page);
    }
    expect(asked).toEqual([]);
    expect(consoleErrors).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
    // Six pages, each checked by axe: slow on a busy machine, not a speed check.
  }, 120_000);
});
