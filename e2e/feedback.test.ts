/**
 * The feedback journey of issue 3, in the browser at phone width, in Vietnamese: a citizen reports a problem with a
 * pin (the device's position) → it reaches the right commune → that commune's officer accepts and answers it →
 * the citizen rates it → it shows on the public map and page with no personal data.
 */
import { eq } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { reportPhotos, reports } from '../server/db/schema/feedback.js';
import { type FakeReport, insertCategory, insertReports } from '../server/modules/feedback-stats/report-factory.js';
import { DEMO_PASSWORD, DEMO_PEOPLE } from '../server/seed/demo.js';
import { type E2E, expectAccessible, PHONE, shot, signInWithPassword, startE2E } from './harness.js';

// Every page is also checked by axe-core: on a busy machine a test takes longer (not a speed check).
vi.setConfig({ testTimeout: 120_000 });
let e: E2E;
let point: { lat: number; lng: number };
const citizen = DEMO_PEOPLE.find((p) => p.login === 'dan.minh')!;
const DESCRIPTION =
  'Ổ gà lớn giữa đường liên thôn gần cầu tràn, xe máy đi qua rất nguy hiểm vào buổi tối. Đề nghị xã sớm vá lại.';
let reportId = '';
let publicCode = '';
let secondId = '';

/** A point inside Xã Định Hoá (05569), found through the real locate endpoint. */
async function pointIn(commune: string) {
  const geo = (await (await fetch(`${e.baseUrl}/api/units/boundaries/19`)).json()) as {
    features: { properties: { code: string }; geometry: { coordinates: unknown } }[];
  };
  const f = geo.features.find((x) => x.properties.code === commune)!;
  const flat = (JSON.stringify(f.geometry.coordinates).match(/-?\d+\.\d+/g) ?? []).map(Number);
  const lngs = flat.filter((_, i) => i % 2 === 0);
  const lats = flat.filter((_, i) => i % 2 === 1);
  const [minLng, maxLng, minLat, maxLat] = [Math.min(...lngs), Math.max(...lngs), Math.min(...lats), Math.max(...lats)];
  for (let i = 1; i < 10; i++) {
    for (let j = 1; j < 10; j++) {
      const lat = minLat + ((maxLat - minLat) * i) / 10;
      const lng = minLng + ((maxLng - minLng) * j) / 10;
      const r = await fetch(`${e.baseUrl}/api/units/locate?lat=${lat}&lng=${lng}`);
      if (r.ok && ((await r.json()) as { commune: { code: string } }).commune.code === commune) return { lat, lng };
    }
  }
  throw new Error(`no point found inside ${commune}`);
}

/** A phone page like the harness's, with the device's position set (for "Dùng vị trí của tôi"). */
async function phone(): Promise<{ page: Page; errors: string[]; close: () => Promise<void> }> {
  const context = await e.browser.newContext({
    viewport: PHONE,
    locale: 'vi-VN',
    baseURL: e.baseUrl,
    geolocation: { latitude: point.lat, longitude: point.lng, accuracy: 10 },
    permissions: ['geolocation'],
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(err.message));
  page.on('request', (req) => {
    const url = new URL(req.url());
    if (!['127.0.0.1', 'localhost'].includes(url.hostname) && url.protocol.startsWith('http'))
      errors.push(`outside request: ${req.url()}`);
  });
  return { page, errors, close: () => context.close() };
}

beforeAll(async () => {
  e = await startE2E();
  point = await pointIn('05569');
}, 60_000);
afterAll(() => e?.close());

/** The province's published table (seed 000), written straight into the tables with its rollup. */
async function insertSeedTable() {
  const counts = { resolved: 1967, distributed: 224, pending: 926, cancelled: 592 } as const;
  const reasons = Object.entries({ ineligible: 301, outside_jurisdiction: 170, duplicate: 79, spam: 42 }).flatMap(
    ([r, n]) => Array<string>(n).fill(r),
  );
  const cats = [
    await insertCategory(e.t.db, { code: 'giao-thong-e2e', nameVi: 'Giao thông (bảng số liệu)' }),
    await insertCategory(e.t.db, { code: 'moi-truong-e2e', nameVi: 'Môi trường (bảng số liệu)' }),
  ];
  const statuses = Object.entries(counts).flatMap(([s, n]) =>
    Array<FakeReport['status']>(n).fill(s as FakeReport['status']),
  );
  let c = 0;
  await insertReports(
    e.t.db,
    statuses.map((status, i) => ({
      // Not Định Hoá: its officer's queue then holds only the report of the journey below.
      communeCode: i % 2 ? '05443' : '05611',
      unitPath: i % 2 ? '19/05443' : '19/05611',
      categoryId: cats[i % 2].id,
      status,
      cancelReason: status === 'cancelled' ? (reasons[c++] as FakeReport['cancelReason']) : null,
      createdAt: new Date(Date.UTC(2025, 0, 1) + i * 3.5 * 3600_000),
      resolvedOnTime: status === 'resolved' ? i < 1500 : null,
      rating: status === 'resolved' && i % 4 === 0 ? (i % 5) + 1 : null,
    })),
  );
}

describe('statistics page', () => {
  it("renders the seed table's numbers exactly, with charts and XLSX/CSV downloads", async () => {
    await insertSeedTable();
    const { page, errors, close } = await phone();
    await page.goto('/feedback/stats');
    const table = page.locator('table.fb-stats-table').first();
    await expect.poll(() => table.textContent(), { timeout: 15_000 }).toContain('3.709');
    const cell = (label: string) =>
      table
        .locator('tr', { has: page.getByRole('rowheader', { name: label, exact: true }) })
        .locator('td')
        .first();
    expect(await cell('Tổng số phản ánh tiếp nhận').textContent()).toBe('3.709');
    expect(await cell('Đã xử lý').textContent()).toBe('1.967');
    expect(await cell('Đã phân phối, đang chờ xử lý').textContent()).toBe('224');
    expect(await cell('Chưa đủ điều kiện tiếp nhận').textContent()).toBe('926');
    expect(await cell('Hủy').textContent()).toBe('592');
    await expect.poll(() => page.locator('[role="img"] svg').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    for (const name of ['Tải về Excel (XLSX)', 'Tải về CSV']) {
      const href = await page.getByRole('link', { name }).getAttribute('href');
      const res = await fetch(`${e.baseUrl}${href}`);
      expect(res.status).toBe(200);
    }
    await shot(page, 'feedback-stats');
    await expectAccessible(page);
    expect(errors).toEqual([]);
    await close();
    // Writing 3,709 reports with their rollup takes a while on PGlite when the machine is busy: not a speed check.
  }, 120_000);
});

describe('citizen feedback, end to end at phone width', () => {
  it('a citizen sends a report with a pin from the device position; the commune is found; a public code comes back', async () => {
    const { page, errors, close } = await phone();
    await signInWithPassword(page, citizen.login, DEMO_PASSWORD);
    await page.goto('/feedback/new');
    await page.getByText('Giao thông', { exact: true }).click();
    await page.getByLabel('Nội dung phản ánh').fill(DESCRIPTION);
    await expect.poll(() => page.getByText(`${DESCRIPTION.length}/4000 ký tự`).isVisible()).toBe(true);
    await page.getByRole('button', { name: 'Dùng vị trí của tôi' }).click();
    await expect.poll(() => page.locator('.fb-commune').textContent(), { timeout: 10_000 }).toContain('Xã Định Hoá');
    await page.getByLabel('Địa chỉ').fill('Đường liên thôn, gần cầu tràn');
    // A phone photo (with a GPS position in its EXIF, which the server removes).
    const photo = await sharp({ create: { width: 1600, height: 1200, channels: 3, background: '#7a6a55' } })
      .jpeg({ quality: 80 })
      .withExif({ IFD0: { Make: 'PhoneMaker', Model: 'X1' } })
      .toBuffer();
    await page.locator('input[type="file"]').setInputFiles({ name: 'o-ga.jpg', mimeType: 'image/jpeg', buffer: photo });
    await expect.poll(() => page.getByRole('img', { name: 'Ảnh 1' }).isVisible()).toBe(true);
    await shot(page, 'feedback-submit-filled');
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Gửi phản ánh' }).click();
    await page.waitForURL(/\/feedback\/sent\//);
    reportId = page.url().split('/').at(-1)!;
    publicCode = (await page.locator('.fb-code').textContent())!.trim();
    expect(publicCode).toMatch(/^PA-/);
    await shot(page, 'feedback-sent');
    await expectAccessible(page);
    // The report is the commune's, waiting for screening.
    const [row] = await e.t.db
      .select({ communeCode: reports.communeCode, status: reports.status })
      .from(reports)
      .where(eq(reports.id, reportId));
    expect(row).toEqual({ communeCode: '05569', status: 'pending' });
    const stored = await e.t.db.select().from(reportPhotos).where(eq(reportPhotos.reportId, reportId));
    expect(stored.map((p) => p.kind)).toEqual(['report']);
    await page.goto('/reports/mine');
    await expect.poll(() => page.getByText(publicCode).first().isVisible()).toBe(true);
    await shot(page, 'feedback-mine');
    await expectAccessible(page);
    expect(errors).toEqual([]);
    await close();
  });

  it('a second report at the same place shows the first as a likely duplicate; a dropped answer, retried, makes one report', async () => {
    const { page, errors, close } = await phone();
    await signInWithPassword(page, citizen.login, DEMO_PASSWORD);
    await page.goto('/feedback/new');
    await page.getByText('Giao thông', { exact: true }).click();
    const text = 'Ổ gà giữa đường liên thôn gần cầu tràn vẫn chưa được vá, rất nguy hiểm.';
    await page.getByLabel('Nội dung phản ánh').fill(text);
    await page.getByRole('button', { name: 'Dùng vị trí của tôi' }).click();
    const hints = page.locator('.fb-dupes');
    await expect.poll(() => hints.textContent(), { timeout: 10_000 }).toContain(publicCode);
    await shot(page, 'feedback-duplicate-hint');
    await expectAccessible(page);
    // The server writes the report, but its answer never reaches the phone.
    let dropped = 0;
    await page.route('**/api/reports', async (route) => {
      if (route.request().method() !== 'POST' || dropped > 0) return route.fallback();
      dropped++;
      await route.fetch();
      await route.abort('connectionreset');
    });
    await page.getByRole('button', { name: 'Gửi phản ánh' }).click();
    await expect
      .poll(() => page.getByText('Bạn có thể bấm gửi lại: phản ánh sẽ không bị gửi trùng.').isVisible())
      .toBe(true);
    await page.getByRole('button', { name: 'Gửi phản ánh' }).click();
    await page.waitForURL(/\/feedback\/sent\//);
    const rows = await e.t.db.select({ id: reports.id }).from(reports).where(eq(reports.description, text));
    expect(rows).toHaveLength(1);
    expect(page.url()).toContain(rows[0].id);
    secondId = rows[0].id;
    expect(errors).toEqual([]);
    await close();
  });

  it("the commune's officer screens, accepts and answers it on a phone", async () => {
    const { page, errors, close } = await phone();
    await signInWithPassword(page, 'canbo.dinhhoa', DEMO_PASSWORD);
    await page.goto('/work');
    await expect.poll(() => page.getByText(publicCode).first().isVisible(), { timeout: 10_000 }).toBe(true);
    await shot(page, 'feedback-officer-screening');
    await expectAccessible(page);
    await page.getByRole('link', { name: new RegExp(publicCode) }).click();
    // The photo waits for an officer before the public sees it.
    await expect.poll(() => page.getByText('Chờ duyệt').isVisible(), { timeout: 10_000 }).toBe(true);
    await page.getByRole('button', { name: 'Làm mờ' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: 'Nửa trên' }).click();
    await dialog.getByRole('button', { name: 'Làm mờ' }).click();
    await expect.poll(() => dialog.getByText('Đã làm mờ vùng đã chọn.').isVisible(), { timeout: 10_000 }).toBe(true);
    await shot(page, 'feedback-officer-blur');
    await expectAccessible(page);
    await dialog.getByRole('button', { name: 'Đóng' }).click();
    await page.getByRole('button', { name: 'Công khai ảnh' }).click();
    await expect.poll(() => page.getByText('Công khai', { exact: true }).isVisible()).toBe(true);
    await page.getByRole('button', { name: 'Tiếp nhận', exact: true }).click();
    await page.getByRole('button', { name: 'Tiếp nhận và phân phối' }).click();
    await expect
      .poll(() => page.locator('.fb-status').first().textContent(), { timeout: 10_000 })
      .toBe('Đã phân phối, đang chờ xử lý');
    await shot(page, 'feedback-officer-accepted');
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Trả lời', exact: true }).click();
    await page
      .getByLabel('Kết quả xử lý')
      .fill('UBND xã đã cử tổ công tác vá ổ gà ngày 26/11. Cảm ơn bà con đã phản ánh.');
    const after = await sharp({ create: { width: 800, height: 600, channels: 3, background: '#5a5a5a' } })
      .jpeg()
      .toBuffer();
    await page
      .getByRole('dialog')
      .locator('input[type="file"]')
      .setInputFiles({ name: 'da-va.jpg', mimeType: 'image/jpeg', buffer: after });
    await expect.poll(() => page.getByRole('dialog').getByRole('img', { name: 'Ảnh 1' }).isVisible()).toBe(true);
    await page.getByRole('button', { name: 'Đăng kết quả xử lý' }).click();
    await expect.poll(() => page.locator('.fb-status').first().textContent(), { timeout: 10_000 }).toBe('Đã xử lý');
    await shot(page, 'feedback-officer-answered');
    await expectAccessible(page);
    const kinds = await e.t.db
      .select({ kind: reportPhotos.kind })
      .from(reportPhotos)
      .where(eq(reportPhotos.reportId, reportId));
    expect(kinds.map((p) => p.kind).sort()).toEqual(['answer', 'report']);
    await page.goto('/work?tab=inbox');
    await page.getByLabel('Hiển thị').selectOption('all');
    await expect.poll(() => page.getByText(publicCode).first().isVisible(), { timeout: 10_000 }).toBe(true);
    await shot(page, 'feedback-officer-inbox');
    await expectAccessible(page);
    // The second report needs more detail: the officer asks the reporter.
    await page.goto(`/reports/${secondId}`);
    await page.getByRole('button', { name: 'Đề nghị bổ sung' }).click();
    await page.getByLabel('Nội dung cần bổ sung').fill('Đề nghị cho biết ổ gà cách cầu tràn bao nhiêu mét?');
    await page.getByRole('button', { name: 'Gửi đề nghị' }).click();
    await expect
      .poll(() => page.getByText('Đề nghị bổ sung thông tin').first().isVisible(), { timeout: 10_000 })
      .toBe(true);
    expect(errors).toEqual([]);
    await close();
  });

  it('the citizen is notified, and rates the answer', async () => {
    await e.t.runJobs();
    const { page, errors, close } = await phone();
    await signInWithPassword(page, citizen.login, DEMO_PASSWORD);
    await page.goto('/notifications');
    await expect.poll(() => page.locator('.fb-bell-count').textContent(), { timeout: 10_000 }).toMatch(/^[1-9]/);
    await expect.poll(() => page.locator('.fb-note').count()).toBeGreaterThan(0);
    await shot(page, 'feedback-notifications');
    await expectAccessible(page);
    await page.goto(`/reports/${reportId}`);
    await expect.poll(() => page.getByText('Kết quả xử lý').first().isVisible()).toBe(true);
    await page.locator('label.fb-star').nth(4).click();
    await page.getByLabel('Nhận xét').fill('Xã xử lý nhanh, cảm ơn.');
    await page.getByRole('button', { name: 'Gửi đánh giá' }).click();
    await expect.poll(() => page.getByText('Bạn đã đánh giá 5/5.').isVisible(), { timeout: 10_000 }).toBe(true);
    await shot(page, 'feedback-rated');
    await expectAccessible(page);
    // …and answers the officer's question on the other report, which goes back to screening.
    await page.goto(`/reports/${secondId}`);
    await expect
      .poll(() => page.getByText('Cán bộ đề nghị bổ sung thông tin').isVisible(), { timeout: 10_000 })
      .toBe(true);
    await page.getByLabel('Thông tin bổ sung').fill('Cách cầu tràn khoảng 50 mét về phía thôn Trung Kiên.');
    await page.getByRole('button', { name: 'Gửi thông tin bổ sung' }).click();
    await expect
      .poll(() => page.getByText('Người phản ánh đã bổ sung thông tin').isVisible(), { timeout: 10_000 })
      .toBe(true);
    await shot(page, 'feedback-information-provided');
    await expectAccessible(page);
    expect(errors).toEqual([]);
    await close();
  });

  it('it shows on the public map and page, with no personal data', async () => {
    const { page, errors, close } = await phone();
    await page.goto('/public/reports');
    await expect.poll(() => page.getByText(publicCode).first().isVisible(), { timeout: 10_000 }).toBe(true);
    // Zoomed out, reports are counted per commune; ours is the only public one in Định Hoá.
    await expect
      .poll(() => page.locator('.fb-cluster[title="1 phản ánh ở khu vực này"]').count(), { timeout: 10_000 })
      .toBe(1);
    await shot(page, 'feedback-public-map');
    await expectAccessible(page);
    // A text search (diacritics left out) shows the reports themselves: ours is one green dot where it was pinned.
    await page.getByRole('searchbox').fill('o ga cau tran');
    const dot = page.locator('.fb-public-map path.leaflet-interactive[fill="#14632f"]');
    await expect.poll(() => dot.count(), { timeout: 10_000 }).toBe(1);
    await expect.poll(() => page.getByText(publicCode).first().isVisible(), { timeout: 10_000 }).toBe(true);
    await page.getByRole('link', { name: new RegExp(publicCode) }).click();
    await expect.poll(() => page.getByText('Người dân', { exact: true }).isVisible(), { timeout: 10_000 }).toBe(true);
    const text = (await page.locator('main').textContent()) ?? '';
    expect(text).toContain('Đã xử lý');
    expect(text).not.toContain(citizen.fullName);
    expect(text).not.toContain(citizen.phone);
    // The approved photo is shown, as a JPEG with no EXIF left (the officer's answer photo is public at once too).
    const img = page.getByRole('img', { name: 'Ảnh 1' }).first();
    await expect
      .poll(() => img.evaluate((el) => (el as HTMLImageElement).naturalWidth), { timeout: 10_000 })
      .toBeGreaterThan(0);
    expect(await page.getByRole('region', { name: 'Kết quả xử lý' }).getByRole('img', { name: 'Ảnh 1' }).count()).toBe(
      1,
    );
    const full = await page.getByRole('link', { name: 'Ảnh 1' }).first().getAttribute('href');
    const meta = await sharp(Buffer.from(await (await fetch(`${e.baseUrl}${full}`)).arrayBuffer())).metadata();
    expect(meta.format).toBe('jpeg');
    expect(meta.exif).toBeUndefined();
    await shot(page, 'feedback-public-report');
    await expectAccessible(page);

    // A neighbour follows it from the public page: sign in from the link, come back, follow; it stays followed.
    await page.getByRole('link', { name: 'Đăng nhập để theo dõi phản ánh này' }).click();
    await page.getByRole('tab', { name: 'Mật khẩu' }).click();
    await page.getByLabel('Số điện thoại hoặc tên đăng nhập').fill('to.trungkien');
    await page
      .locator('input')
      .and(page.getByLabel('Mật khẩu', { exact: true }))
      .fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
    await page.waitForURL((u) => u.pathname === `/public/reports/${publicCode}`);
    await page.getByRole('button', { name: 'Theo dõi phản ánh' }).click();
    await expect
      .poll(() => page.getByText('Bạn sẽ nhận thông báo khi phản ánh có tiến triển.').isVisible(), { timeout: 10_000 })
      .toBe(true);
    await page.reload();
    await expect
      .poll(() => page.getByRole('button', { name: 'Bỏ theo dõi' }).isVisible(), { timeout: 10_000 })
      .toBe(true);
    await shot(page, 'feedback-public-follow');
    await expectAccessible(page);
    expect(errors).toEqual([]);
    await close();
  });

  it('a screener sees likely duplicates of a new report and cancels it as a duplicate of one picked from them', async () => {
    const [{ id: categoryId }] = await e.t.database.query<{ id: string }>(
      "select id from feedback_categories where code = 'moi-truong-rac-thai'",
    );
    const near = { lat: point.lat + 0.0004, lng: point.lng, communeCode: '05569', unitPath: '19/05569' };
    const [first, second] = await insertReports(e.t.db, [
      { ...near, categoryId, status: 'pending', description: 'Bãi rác tự phát bốc mùi cạnh nhà văn hoá thôn.' },
      { ...near, categoryId, status: 'pending', description: 'Bãi rác tự phát bốc mùi cạnh nhà văn hoá thôn Bãi Á.' },
    ]);
    const { page, errors, close } = await phone();
    await signInWithPassword(page, 'canbo.dinhhoa', DEMO_PASSWORD);
    await page.goto(`/reports/${second.id}`);
    const panel = page.locator('.fb-dupes');
    await expect.poll(() => panel.textContent(), { timeout: 10_000 }).toContain(first.publicCode);
    await shot(page, 'feedback-officer-duplicates');
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Hủy phản ánh' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Lý do hủy').selectOption({ label: 'Trùng phản ánh khác' });
    const submit = dialog.getByRole('button', { name: 'Hủy phản ánh' });
    expect(await submit.isDisabled()).toBe(true); // not until the report it repeats is picked
    await dialog.getByRole('radio', { name: new RegExp(first.publicCode) }).check();
    await shot(page, 'feedback-officer-cancel-duplicate');
    await expectAccessible(page);
    await submit.click();
    await expect.poll(() => page.locator('.fb-status').first().textContent(), { timeout: 10_000 }).toBe('Đã hủy');
    const [row] = await e.t.db
      .select({ status: reports.status, duplicateOf: reports.duplicateOf })
      .from(reports)
      .where(eq(reports.id, second.id));
    expect(row).toEqual({ status: 'cancelled', duplicateOf: first.id });
    expect(errors).toEqual([]);
    await close();
  });
});

describe('feedback pages in English', () => {
  it('the hub and the submit form follow the language switch; an empty form says what is missing', async () => {
    const { page, errors, close } = await phone();
    await signInWithPassword(page, 'canbo.dinhhoa', DEMO_PASSWORD);
    await page.evaluate(() => localStorage.setItem('xaso.lang', 'en'));
    await page.goto('/feedback');
    await expect.poll(() => page.getByRole('link', { name: /Handle reports/ }).isVisible()).toBe(true);
    await page.goto('/feedback/new');
    await expect.poll(() => page.getByRole('heading', { name: 'Send a report' }).isVisible()).toBe(true);
    await page.getByRole('button', { name: 'Send report' }).click();
    await expect.poll(() => page.getByText('Choose a category.').isVisible()).toBe(true);
    await expect
      .poll(() => page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.name))
      .toBe('category');
    await shot(page, 'feedback-submit-en');
    await expectAccessible(page);
    expect(errors).toEqual([]);
    await close();
  });
});

describe('reports taken by an officer', () => {
  it('a hotline call is recorded with the resident’s consent; their name stays off the public page', async () => {
    const { page, errors, close } = await phone();
    await signInWithPassword(page, 'canbo.dinhhoa', DEMO_PASSWORD);
    await page.goto('/feedback/new');
    await page.getByLabel('Nhận phản ánh qua').selectOption('hotline');
    await page.getByLabel('Họ tên người dân').fill('Lò Văn Páo');
    await page.getByLabel('Số điện thoại người dân').fill('0987 654 321');
    await page.getByText('Điện chiếu sáng', { exact: true }).click();
    await page.getByLabel('Nội dung phản ánh').fill('Đèn đường trước nhà văn hoá thôn bị hỏng ba hôm nay.');
    await page.getByRole('button', { name: 'Dùng vị trí của tôi' }).click();
    await expect.poll(() => page.locator('.fb-commune').textContent(), { timeout: 10_000 }).toContain('Xã Định Hoá');
    await page.getByRole('button', { name: 'Gửi phản ánh' }).click();
    await expect
      .poll(() => page.getByText('Cần người dân đồng ý trước khi ghi họ tên hoặc số điện thoại.').isVisible())
      .toBe(true);
    await page.getByText('Người dân đồng ý cho ghi lại họ tên, số điện thoại').click();
    await shot(page, 'feedback-submit-hotline');
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Gửi phản ánh' }).click();
    await page.waitForURL(/\/feedback\/sent\//);
    const id = page.url().split('/').at(-1)!;
    const [row] = await e.t.db
      .select({ channel: reports.channel, name: reports.reporterName, consent: reports.consentRecordedAt })
      .from(reports)
      .where(eq(reports.id, id));
    expect(row.channel).toBe('hotline');
    expect(row.name).toBe('Lò Văn Páo');
    expect(row.consent).not.toBeNull();
    // Staff in scope see the contact on the report page.
    await page.goto(`/reports/${id}`);
    await expect.poll(() => page.getByText(/Lò Văn Páo/).isVisible(), { timeout: 10_000 }).toBe(true);
    expect(errors).toEqual([]);
    await close();
  });
});
