/**
 * Live training sessions on a phone, in Vietnamese: the commune's administrator creates a session with a main and a
 * remote site; a resident registers at the remote site; the projector page shows the site's QR; the resident opens
 * the URL the QR encodes and is checked in; the administrator sees 1 attended at that site. Then a team member checks
 * in through the in-browser scanner, fed the QR by Chromium's fake camera.
 */
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import QRCode from 'qrcode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../server/seed/demo.js';
import { type E2E, expectAccessible, PHONE, phonePage, shot, signInWithPassword, startE2E } from './harness.js';

let e: E2E;
beforeAll(async () => {
  e = await startE2E();
});
afterAll(() => e?.close());

const TOPIC = 'Tập huấn sử dụng trợ lý AI cho cán bộ xã';
const REMOTE = 'Điểm cầu xóm Bãi Á';
/** A datetime-local value in Vietnam's time, `hours` from now. */
const vnLocal = (hours: number) => new Date(Date.now() + (hours + 7) * 3600_000).toISOString().slice(0, 16);

/** A Y4M video (4:2:0) showing `text` as a QR code, for Chromium's fake camera. */
function qrVideo(text: string) {
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const n = qr.modules.size;
  const W = 640;
  const H = 480;
  const scale = Math.floor((H - 40) / (n + 8));
  const side = (n + 8) * scale;
  const x0 = Math.floor((W - side) / 2);
  const y0 = Math.floor((H - side) / 2);
  const y = Buffer.alloc(W * H, 235);
  for (let r = 0; r < n; r++)
    for (let c = 0; c < n; c++)
      if (qr.modules.get(r, c))
        for (let dy = 0; dy < scale; dy++)
          y.fill(
            16,
            (y0 + (r + 4) * scale + dy) * W + x0 + (c + 4) * scale,
            (y0 + (r + 4) * scale + dy) * W + x0 + (c + 5) * scale,
          );
  const chroma = Buffer.alloc((W / 2) * (H / 2) * 2, 128);
  const frame = Buffer.concat([Buffer.from('FRAME\n'), y, chroma]);
  const file = join(tmpdir(), `xaso-qr-${process.pid}.y4m`);
  writeFileSync(
    file,
    Buffer.concat([Buffer.from(`YUV4MPEG2 W${W} H${H} F5:1 Ip A1:1 C420jpeg\n`), frame, frame, frame]),
  );
  return file;
}

describe('training sessions', () => {
  it('create → register → projector QR → check in by the URL → the officer sees 1 attended; then by the camera', async () => {
    const admin = await phonePage(e);
    const resident = await phonePage(e);
    try {
      // The commune's administrator creates a session with a main and a remote site.
      await signInWithPassword(admin.page, 'admin.dinhhoa', DEMO_PASSWORD);
      await admin.page.goto('/tap-huan/quan-ly');
      await admin.page.getByRole('heading', { level: 1, name: 'Quản lý tập huấn' }).waitFor();
      await admin.page.getByRole('link', { name: 'Tạo buổi tập huấn' }).click();
      await admin.page.getByRole('heading', { level: 1, name: 'Tạo buổi tập huấn' }).waitFor();
      await admin.page.getByLabel('Tên đơn vị tổ chức (hiển thị)').fill('UBND xã Định Hoá phối hợp Mobifone');
      await admin.page.getByLabel('Chủ đề').fill(TOPIC);
      await admin.page.getByLabel('Bắt đầu').fill(vnLocal(-1));
      await admin.page.getByLabel('Kết thúc').fill(vnLocal(3));
      await admin.page.getByLabel('Trạng thái').selectOption('published');
      const main = admin.page.getByRole('group', { name: 'Điểm cầu chính' });
      await main.getByLabel('Tên điểm cầu').fill('Hội trường UBND xã Định Hoá');
      await main.getByLabel('Xã, phường').selectOption('05569');
      await admin.page.getByRole('button', { name: 'Thêm điểm cầu' }).click();
      const remote = admin.page.getByRole('group', { name: 'Điểm cầu 1' });
      await remote.getByLabel('Tên điểm cầu').fill(REMOTE);
      await remote.getByLabel('Địa điểm').fill('Nhà văn hóa xóm Bãi Á');
      await remote.getByLabel('Sức chứa (để trống nếu không giới hạn)').fill('30');
      await expectAccessible(admin.page, '/tap-huan/moi');
      await shot(admin.page, 'training-edit');
      await admin.page.getByRole('button', { name: 'Lưu' }).click();
      await admin.page.getByRole('heading', { level: 1, name: TOPIC }).waitFor();
      const sessionUrl = new URL(admin.page.url()).pathname;

      // A resident finds it in the public list and registers at the remote site.
      await signInWithPassword(resident.page, 'dan.minh', DEMO_PASSWORD);
      await resident.page.goto('/tap-huan');
      await resident.page.getByRole('heading', { level: 1, name: 'Tập huấn Bình dân học vụ số' }).waitFor();
      await expectAccessible(resident.page);
      await shot(resident.page, 'training-list');
      await resident.page.getByRole('link', { name: new RegExp(TOPIC) }).click();
      await resident.page.getByRole('heading', { level: 1, name: TOPIC }).waitFor();
      await resident.page.getByLabel('Điểm cầu', { exact: true }).selectOption({ label: REMOTE });
      await resident.page.getByLabel('Bạn là').selectOption('resident');
      await resident.page.getByRole('button', { name: 'Đăng ký' }).click();
      await resident.page.getByText(`Bạn đã đăng ký tại: ${REMOTE}`).waitFor();
      await expectAccessible(resident.page, '/tap-huan/:id');
      await shot(resident.page, 'training-session');

      // The projector page of the remote site shows a QR code of the app's check-in URL.
      await admin.page.goto(sessionUrl);
      await admin.page.getByRole('link', { name: 'Mã QR điểm danh' }).nth(1).click();
      await admin.page.getByRole('heading', { level: 1, name: `Mã QR: ${REMOTE}` }).waitFor();
      const qr = admin.page.getByRole('img', { name: 'Mã QR điểm danh' });
      const encoded = (await qr.getAttribute('data-check-in-url'))!;
      expect(encoded).toMatch(/\/tap-huan\/diem-danh\?c=/);
      expect(await qr.evaluate((img: HTMLImageElement) => img.naturalWidth > 0)).toBe(true);
      await expectAccessible(admin.page, '/tap-huan/:id/sites/:siteId/qr');
      await shot(admin.page, 'training-projector');

      // The resident opens what the QR encodes (on this server) and confirms.
      const { pathname, search } = new URL(encoded);
      await resident.page.goto(pathname + search);
      await resident.page.getByRole('heading', { level: 1, name: 'Điểm danh' }).waitFor();
      await resident.page.getByText(REMOTE).waitFor();
      await expectAccessible(resident.page, '/tap-huan/diem-danh');
      await resident.page.getByRole('button', { name: 'Xác nhận có mặt' }).click();
      await resident.page
        .getByRole('status')
        .filter({ hasText: `Đã điểm danh tại ${REMOTE}` })
        .waitFor();
      await shot(resident.page, 'training-checked-in');

      // The officer sees 1 attended at that site.
      await admin.page.goto(`${sessionUrl}/diem-danh`);
      await admin.page.getByRole('heading', { level: 1, name: 'Danh sách điểm danh' }).waitFor();
      const site = admin.page.getByRole('region', { name: REMOTE });
      await site.getByText('1 đăng ký · 1 có mặt').waitFor();
      expect(await site.getByRole('checkbox', { name: /Có mặt: / }).isChecked()).toBe(true);
      await expectAccessible(admin.page, '/tap-huan/:id/diem-danh');
      await shot(admin.page, 'training-attendance');

      // A team member checks in with the in-browser scanner, the QR fed by Chromium's fake camera.
      const video = qrVideo(encoded);
      const camBrowser = await chromium.launch({
        executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
        args: [
          '--headless',
          '--no-sandbox',
          '--disable-gpu',
          '--use-fake-device-for-media-stream',
          '--use-fake-ui-for-media-stream',
          `--use-file-for-fake-video-capture=${video}`,
        ],
      });
      try {
        const context = await camBrowser.newContext({ viewport: PHONE, locale: 'vi-VN', baseURL: e.baseUrl });
        await context.grantPermissions(['camera'], { origin: e.baseUrl });
        const page = await context.newPage();
        await signInWithPassword(page, 'to.trungkien', DEMO_PASSWORD);
        await page.goto('/tap-huan/quet');
        await page.getByRole('heading', { level: 1, name: 'Quét mã điểm danh' }).waitFor();
        await expectAccessible(page, '/tap-huan/quet');
        await page.getByRole('button', { name: 'Bật camera' }).click();
        await page.waitForURL((u) => u.pathname === '/tap-huan/diem-danh', { timeout: 20_000 });
        await page.getByLabel('Bạn là').selectOption('team_member');
        await page.getByRole('button', { name: 'Xác nhận có mặt' }).click();
        await page
          .getByRole('status')
          .filter({ hasText: `Đã điểm danh tại ${REMOTE}` })
          .waitFor();
      } finally {
        await camBrowser.close();
      }
      await admin.page.reload();
      await admin.page.getByRole('region', { name: REMOTE }).getByText('2 đăng ký · 2 có mặt').waitFor();
      expect(admin.errors).toEqual([]);
      expect(resident.errors).toEqual([]);
    } finally {
      await admin.context.close();
      await resident.context.close();
    }
  }, 180_000);
});
