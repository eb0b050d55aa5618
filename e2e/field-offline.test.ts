/**
 * The team member's offline app on a phone, in Vietnamese (issue 10, point 6): Nguyễn Quang Dũng (to.trungkien, leader
 * of the TDP Trung Kiên team) opens his area, loses the connection, records three activities, sees "3 hoạt động chờ
 * đồng bộ", reloads the page with no connection and still sees them (service worker + IndexedDB); back online, the
 * first sync's answer is lost on the way (the server wrote, the phone heard nothing), two tabs sync at once, the
 * button is tapped twice fast and once more: the server holds exactly three activities and nothing is pending.
 */
import { eq } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activities, activityResidents } from '../server/db/schema/activities.js';
import { users } from '../server/db/schema/index.js';
import { DEMO_PASSWORD } from '../server/seed/demo.js';
import { type E2E, expectAccessible, phonePage, SCREENSHOTS, shot, signInWithPassword, startE2E } from './harness.js';

let e: E2E;
beforeAll(async () => {
  e = await startE2E();
});
afterAll(() => e?.close());

async function serverRows(login: string) {
  const [u] = await e.t.db.select({ id: users.id }).from(users).where(eq(users.username, login));
  return e.t.db.select({ id: activities.id }).from(activities).where(eq(activities.authorUserId, u.id));
}

const badge = (page: Page) => page.locator('.field-badge');

/** The first screenful (the member's list is long with the demo history): what a phone shows on opening. */
async function screen(page: Page, name: string) {
  await page.getByText('Đang tải…').first().waitFor({ state: 'hidden' });
  await page.screenshot({ path: `${SCREENSHOTS}/${name}.png` });
}

async function record(
  page: Page,
  a: { households: string; people: string; action: string; outcome?: string; reason?: string; resident?: string },
) {
  await page.getByRole('link', { name: 'Ghi hoạt động mới' }).click();
  await page.getByRole('heading', { level: 1, name: 'Ghi hoạt động' }).waitFor();
  await page.getByLabel('Số hộ gia đình').fill(a.households);
  await page.getByLabel('Số người được hỗ trợ').fill(a.people);
  await page.getByLabel('Dịch vụ, ứng dụng').selectOption({ label: 'VNeID' });
  await page.getByLabel('Việc đã làm', { exact: true }).selectOption({ label: a.action });
  if (a.outcome) await page.getByLabel('Kết quả').selectOption({ label: a.outcome });
  if (a.reason) await page.getByLabel('Lý do chưa thành công').fill(a.reason);
  if (a.resident) {
    await page.getByText('Ghi thông tin người dân (không bắt buộc)').click();
    await page.getByRole('button', { name: 'Thêm người dân' }).click();
    await page.getByLabel('Họ và tên').fill(a.resident);
    await page.getByLabel('Người dân đã đồng ý cho ghi các thông tin này').check();
    await page.getByLabel('Mục đích ghi').fill('Để quay lại hỗ trợ nhận mã OTP');
  }
  await page.getByRole('button', { name: 'Lưu hoạt động' }).click();
  // Offline it waits on the device; online it is sent at once (and the server may refuse it).
  await page.getByText(/^Đã lưu (trên máy|và đồng bộ)/).waitFor();
}

describe('team member offline app', () => {
  it('records three activities offline, keeps them across a reload, and syncs them exactly once', async () => {
    const { page, errors, context } = await phonePage(e);
    // The demo gives him a history; what this test records comes on top.
    const before = (await serverRows('to.trungkien')).length;
    try {
      await signInWithPassword(page, 'to.trungkien', DEMO_PASSWORD);
      await page.getByRole('link', { name: /Hoạt động của tổ công nghệ số/ }).click();
      await page.getByRole('heading', { level: 1, name: 'Hoạt động của tôi' }).waitFor();
      await expect.poll(() => badge(page).textContent()).toBe('Đã đồng bộ hết');
      // The service worker takes the page over once installed; a reload online fills its caches (session, activities,
      // catalog) as a member's first day with the app would.
      await page.waitForFunction(() => navigator.serviceWorker?.controller !== null, null, { timeout: 30_000 });
      const manifest = await (await page.request.get('/manifest.webmanifest')).json();
      expect(manifest).toMatchObject({ name: 'Xã Số — Tổ công nghệ số', lang: 'vi', start_url: '/field' });
      await page.reload();
      await page.getByRole('link', { name: 'Ghi hoạt động mới' }).click();
      await page.getByLabel('Dịch vụ, ứng dụng').locator('option', { hasText: 'VNeID' }).waitFor({ state: 'attached' });
      await page.getByText('Ghi thông tin người dân (không bắt buộc)').click();
      await page.getByRole('button', { name: 'Thêm người dân' }).waitFor();
      await expectAccessible(page, '/field/new');
      await shot(page, 'field-record');
      await page.getByRole('link', { name: 'Hủy' }).click();
      await expectAccessible(page);

      await context.setOffline(true);
      await page.getByText('Đang ngoại tuyến').waitFor();
      await record(page, { households: '2', people: '3', action: 'Kích hoạt định danh điện tử mức 2 (VNeID)' });
      await expect.poll(() => badge(page).textContent()).toBe('1 hoạt động chờ đồng bộ');
      await record(page, { households: '1', people: '1', action: 'Cài đặt ứng dụng' });
      await record(page, {
        households: '1',
        people: '2',
        action: 'Tạo tài khoản',
        outcome: 'Chưa thành công',
        reason: 'Điện thoại không nhận được mã OTP',
        resident: 'Hoàng Văn Thái',
      });
      await expect.poll(() => badge(page).textContent()).toBe('3 hoạt động chờ đồng bộ');
      await expectAccessible(page, '/field (offline, 3 pending)');
      await screen(page, 'field-offline-pending');

      // Reload with no connection: the shell comes from the service worker, the activities from IndexedDB.
      await page.reload();
      await page.getByRole('heading', { level: 1, name: 'Hoạt động của tôi' }).waitFor();
      await expect.poll(() => badge(page).textContent()).toBe('3 hoạt động chờ đồng bộ');
      expect(await page.getByRole('heading', { name: 'Chờ đồng bộ (3)' }).isVisible()).toBe(true);
      expect(await page.getByText('Điện thoại không nhận được mã OTP').isVisible()).toBe(true);
      expect(await serverRows('to.trungkien')).toHaveLength(before);

      // Back online. The first sync reaches the server, but its answer is lost (connection reset): the phone keeps
      // the three as pending and sends them again; the server answers "exists" and writes nothing twice.
      let cut = 0;
      await context.route('**/api/activities/sync', async (route) => {
        if (cut++ === 0) {
          await route.fetch();
          return route.abort('connectionreset');
        }
        return route.continue();
      });
      const second = await context.newPage();
      await second.goto('/field');
      await context.setOffline(false);
      await page.getByRole('button', { name: 'Đồng bộ ngay' }).dblclick();
      await page.getByRole('button', { name: 'Đồng bộ ngay' }).click();
      await expect.poll(() => badge(page).textContent(), { timeout: 20_000 }).toBe('Đã đồng bộ hết');
      await expect.poll(() => badge(second).textContent(), { timeout: 20_000 }).toBe('Đã đồng bộ hết');
      expect(cut).toBeGreaterThanOrEqual(2);
      expect(await serverRows('to.trungkien')).toHaveLength(before + 3);
      // The resident named with consent reached the server once, with its purpose.
      const named = await e.t.db
        .select({ purpose: activityResidents.consentPurpose })
        .from(activityResidents)
        .where(eq(activityResidents.fullName, 'Hoàng Văn Thái'));
      expect(named).toEqual([{ purpose: 'Để quay lại hỗ trợ nhận mã OTP' }]);
      await page.getByRole('button', { name: 'Đồng bộ ngay' }).click();
      await expect.poll(() => badge(page).textContent()).toBe('Đã đồng bộ hết');
      expect(await serverRows('to.trungkien')).toHaveLength(before + 3);
      await page.getByRole('heading', { name: /^Chờ đồng bộ/ }).waitFor({ state: 'detached' });
      const failed = page.locator('li.field-card', { hasText: 'Điện thoại không nhận được mã OTP' });
      expect(await failed.locator('.field-status').textContent()).toBe('Đã đồng bộ');
      await expectAccessible(page, '/field (synced)');
      await screen(page, 'field-synced');

      // What the service worker kept of the member: only their own answers, never an administrator's API; and
      // signing out empties it, so the next person on this phone reads nothing of his offline.
      const memberCache = () =>
        page.evaluate(async () => {
          const cache = await caches.open('xaso-member');
          return (await cache.keys()).map((r) => new URL(r.url).pathname);
        });
      const kept = await memberCache();
      expect(kept).toContain('/api/auth/session');
      expect(kept).toContain('/api/activities/mine');
      for (const path of kept)
        expect(path).toMatch(
          /^\/api\/(auth\/session|campaigns\/current|activities\/mine|activities\/[0-9a-f-]{36}|teams)$/,
        );
      await page.getByRole('button', { name: /Tài khoản của/ }).click();
      await page.getByRole('button', { name: 'Đăng xuất' }).click();
      await page.waitForURL((u) => !u.pathname.startsWith('/field'));
      await expect.poll(memberCache).not.toContain('/api/activities/mine');
      expect(errors).toEqual([]);
    } catch (err) {
      await page.screenshot({ path: `${SCREENSHOTS}/field-failure.png`, fullPage: true });
      throw err;
    } finally {
      await context.close();
    }
  }, 180_000);

  it("an edit made offline that meets a newer version on the server keeps the server's, and says so", async () => {
    const phone = await phonePage(e);
    const other = await phonePage(e);
    const { page } = phone;
    const card = (p: Page, households: number) =>
      p.locator('li.field-card', { hasText: `${households} hộ · 59 người` });
    try {
      await signInWithPassword(page, 'to.trungkien', DEMO_PASSWORD);
      await page.goto('/field');
      await record(page, {
        households: '41',
        people: '59',
        action: 'Thiết lập thanh toán điện tử',
        resident: 'Lường Thị Mai',
      });
      await expect.poll(() => badge(page).textContent(), { timeout: 20_000 }).toBe('Đã đồng bộ hết');

      // On this phone, offline, the member corrects the households to 43…
      await phone.context.setOffline(true);
      await card(page, 41).getByRole('link', { name: 'Sửa' }).click();
      await page.getByRole('heading', { level: 1, name: 'Sửa hoạt động' }).waitFor();
      await page.getByLabel('Số hộ gia đình').fill('43');
      await page.getByRole('button', { name: 'Lưu hoạt động' }).click();
      await expect.poll(() => badge(page).textContent()).toBe('1 hoạt động chờ đồng bộ');

      // …while on another device, online, the same activity was changed to 42 first.
      await signInWithPassword(other.page, 'to.trungkien', DEMO_PASSWORD);
      await other.page.goto('/field');
      await card(other.page, 41).getByRole('link', { name: 'Sửa' }).click();
      // That device never held the resident's details: the form says they stay, and the edit leaves them out.
      await other.page.getByText('Thông tin người dân đã ghi cho hoạt động này (không lưu trên máy này)').waitFor();
      await other.page.getByLabel('Số hộ gia đình').fill('42');
      await other.page.getByRole('button', { name: 'Lưu hoạt động' }).click();
      await expect.poll(() => badge(other.page).textContent(), { timeout: 20_000 }).toBe('Đã đồng bộ hết');
      // The badge may read "all synced" a moment before the save is queued: wait for the server to hold 42.
      await expect
        .poll(async () => (await e.t.db.select().from(activities).where(eq(activities.households, 42))).length, {
          timeout: 20_000,
        })
        .toBe(1);
      const mai = () =>
        e.t.db
          .select({ id: activityResidents.activityId })
          .from(activityResidents)
          .where(eq(activityResidents.fullName, 'Lường Thị Mai'));
      expect(await mai()).toHaveLength(1);

      await phone.context.setOffline(false);
      await expect.poll(() => badge(page).textContent(), { timeout: 20_000 }).toBe('Đã đồng bộ hết');
      const alert = page.getByRole('alert').filter({ hasText: 'đã được sửa ở nơi khác' });
      await alert.waitFor();
      expect(await card(page, 42).count()).toBe(1);
      expect(await card(page, 43).count()).toBe(0);
      await expectAccessible(page, '/field (conflict)');
      await alert.scrollIntoViewIfNeeded();
      await screen(page, 'field-conflict');
      await alert.getByRole('button', { name: 'Đã hiểu' }).click();
      await alert.waitFor({ state: 'hidden' });

      // From the form, a report for the resident opens the feedback form already in assisted mode.
      await page.getByRole('link', { name: 'Ghi hoạt động mới' }).click();
      await page.getByRole('link', { name: 'Gửi phản ánh giúp người dân' }).click();
      await expect
        .poll(() => page.getByLabel('Nhận phản ánh qua').locator('option:checked').textContent())
        .toBe('Hỗ trợ người dân (tổ công nghệ số)');
      expect(phone.errors).toEqual([]);
      expect(other.errors).toEqual([]);
    } catch (err) {
      await page.screenshot({ path: `${SCREENSHOTS}/field-conflict-failure.png`, fullPage: true });
      throw err;
    } finally {
      await phone.context.close();
      await other.context.close();
    }
  }, 180_000);
  it('an activity the server refuses (the phone’s clock runs ahead) is kept with the reason, fixed and synced once', async () => {
    const phone = await phonePage(e);
    const { page } = phone;
    const card = (people: string) => page.locator('li.field-card', { hasText: `· ${people} người` });
    try {
      await signInWithPassword(page, 'to.trungkien', DEMO_PASSWORD);
      const before = (await serverRows('to.trungkien')).length;
      // A cheap phone whose clock is three hours fast: the form takes its "now", the server's clock says the future.
      await page.clock.setFixedTime(Date.now() + 3 * 3_600_000);
      await page.goto('/field');
      await record(page, { households: '7', people: '71', action: 'Cài đặt ứng dụng' });
      await page.getByText('Đã lưu trên máy nhưng máy chủ chưa nhận hoạt động này', { exact: false }).waitFor();
      await record(page, { households: '8', people: '72', action: 'Cài đặt ứng dụng' });
      await expect
        .poll(() => badge(page).textContent(), { timeout: 20_000 })
        .toBe('Đã đồng bộ hết · 2 hoạt động cần sửa');
      await page.getByRole('heading', { name: 'Máy chủ chưa nhận — cần sửa' }).waitFor();
      expect(await card('71').getByText('Lý do: Thời điểm không được sau hiện tại.').isVisible()).toBe(true);
      expect(await card('71').getByText('Bị từ chối').isVisible()).toBe(true);
      // Refused is kept on the phone, across a reload; the server holds nothing of either.
      await page.reload();
      await card('72').getByText('Lý do: Thời điểm không được sau hiện tại.').waitFor();
      expect((await serverRows('to.trungkien')).length).toBe(before);
      await expectAccessible(page, '/field (refused)');
      await card('71').scrollIntoViewIfNeeded();
      await screen(page, 'field-refused');

      // The member fixes the time of one: the form shows the server's reason on the field, the fix syncs once.
      await card('71').getByRole('link', { name: 'Sửa' }).click();
      await page.getByRole('heading', { level: 1, name: 'Sửa hoạt động' }).waitFor();
      const anHourAgo = await page.evaluate(() => {
        const d = new Date(Date.now() - 4 * 3_600_000);
        const pad = (n: number) => String(n).padStart(2, '0');
        return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
      });
      await page.getByLabel('Thời điểm').fill(anHourAgo);
      await page.getByRole('button', { name: 'Lưu hoạt động' }).click();
      await expect
        .poll(() => badge(page).textContent(), { timeout: 20_000 })
        .toBe('Đã đồng bộ hết · 1 hoạt động cần sửa');
      await expect.poll(async () => (await serverRows('to.trungkien')).length, { timeout: 20_000 }).toBe(before + 1);
      expect(await card('71').getByText('Đã đồng bộ').first().isVisible()).toBe(true);

      // The other is discarded: gone from the phone, never on the server.
      page.once('dialog', (d) => void d.accept());
      await card('72').getByRole('button', { name: 'Bỏ hoạt động này' }).click();
      await expect.poll(() => badge(page).textContent(), { timeout: 20_000 }).toBe('Đã đồng bộ hết');
      expect(await card('72').count()).toBe(0);
      await page.getByRole('button', { name: 'Đồng bộ ngay' }).click();
      await page.getByText('Không có gì cần đồng bộ.').waitFor();
      expect((await serverRows('to.trungkien')).length).toBe(before + 1);
      expect(phone.errors).toEqual([]);
    } catch (err) {
      await page.screenshot({ path: `${SCREENSHOTS}/field-refused-failure.png`, fullPage: true });
      throw err;
    } finally {
      await phone.context.close();
    }
  }, 180_000);
});
