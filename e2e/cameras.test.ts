/**
 * Public cameras on a phone (390 px, Vietnamese): two local HTTP servers play the cameras (one answers with a JPEG,
 * one with 500), the health job's handler runs once, and the cameras page shows one up and one down, in words; the
 * camera's page shows the server's snapshot and, on a tap, plays its live video (HLS through the server's proxy). The
 * browser never asks a camera directly.
 */
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as repo from '../server/modules/cameras/repo.js';
import { DEMO_PASSWORD } from '../server/seed/demo.js';
import { type E2E, expectAccessible, phonePage, shot, signInWithPassword, startE2E } from './harness.js';

let e: E2E;
const servers: http.Server[] = [];
const ports: number[] = [];

async function camera(handler: http.RequestListener) {
  const s = http.createServer(handler);
  s.listen(0, '127.0.0.1');
  await once(s, 'listening');
  servers.push(s);
  const port = (s.address() as AddressInfo).port;
  ports.push(port);
  return `http://127.0.0.1:${port}/snapshot.jpg`;
}

beforeAll(async () => {
  e = await startE2E();
  const jpeg = await sharp({ create: { width: 800, height: 600, channels: 3, background: '#4a7c59' } })
    .jpeg()
    .toBuffer();
  // The working camera also streams (the committed 4-second test pattern, H.264 in MPEG-TS).
  const hls = join(import.meta.dirname, 'fixtures/camera-hls');
  const up = await camera((req, res) => {
    const file = req.url?.match(/^\/live\/(index\.m3u8|seg[01]\.m2t)$/)?.[1];
    if (!file) return res.writeHead(200, { 'content-type': 'image/jpeg' }).end(jpeg);
    const type = file.endsWith('.m3u8') ? 'application/vnd.apple.mpegurl' : 'video/mp2t';
    res.writeHead(200, { 'content-type': type }).end(readFileSync(join(hls, file)));
  });
  const down = await camera((_req, res) => res.writeHead(500).end());
  const place = { communeCode: '05443', unitPath: '19/05443', kind: 'traffic' as const, lat: 21.5906, lng: 105.8329 };
  await repo.insertCamera(e.t.db, {
    ...place,
    name: 'Camera thử: đang chạy',
    snapshotUrl: up,
    streamUrl: up.replace('/snapshot.jpg', '/live/index.m3u8'),
  });
  await repo.insertCamera(e.t.db, { ...place, name: 'Camera thử: hỏng', lat: 21.592, snapshotUrl: down });
  // The health job's handler, once (no timers): the demo's cameras on 10.19.x.x are checked too and found down.
  await e.t.app.services.cameras.checkHealth();
}, 120_000);
afterAll(async () => {
  for (const s of servers) s.close();
  await e?.close();
});

describe('public cameras (390 px, Vietnamese)', { timeout: 120_000 }, () => {
  it('the cameras page shows one camera working and one without signal; a camera page shows its snapshot', async () => {
    const { context, page, errors } = await phonePage(e);
    const cameraRequests: string[] = [];
    page.on('request', (r) => {
      if (ports.some((p) => r.url().includes(`:${p}/`))) cameraRequests.push(r.url());
    });
    await page.goto('/');
    await page
      .getByRole('link', { name: /Camera công cộng/ })
      .first()
      .click();
    await page.waitForURL('**/cameras');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Camera công cộng');
    const up = page.locator('main .list-link', { hasText: 'Camera thử: đang chạy' });
    const down = page.locator('main .list-link', { hasText: 'Camera thử: hỏng' });
    await expect.poll(() => up.textContent()).toMatch(/Hoạt động/);
    await expect.poll(() => down.textContent()).toMatch(/Mất tín hiệu từ \d\d:\d\d \d\d\/\d\d/);
    // Filters: by kind (the two are traffic cameras) and by commune.
    await page.getByLabel('Loại camera').selectOption('water_level');
    await expect.poll(() => up.count()).toBe(0);
    await page.getByLabel('Loại camera').selectOption('traffic');
    await page.getByLabel('Xã, phường').selectOption('05443');
    await expect.poll(() => page.locator('main .list-link').count()).toBe(3);
    await page.waitForSelector('.camera-map .leaflet-interactive');
    await shot(page, 'cameras-list');
    await expectAccessible(page);

    await up.click();
    await page.waitForURL(/\/cameras\/[0-9a-f-]{36}$/);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Camera thử: đang chạy');
    const img = page.getByRole('img', { name: /Ảnh chụp từ camera/ });
    await expect
      .poll(() => img.evaluate((el) => (el as HTMLImageElement).complete && (el as HTMLImageElement).naturalWidth))
      .toBe(800);
    expect(await img.getAttribute('src')).toMatch(/^blob:/);
    await expect.poll(() => page.getByText(/Ảnh chụp lúc/).count()).toBe(1);
    await shot(page, 'camera-page');
    await expectAccessible(page);

    // Live video only on request, played through the server.
    await page.getByRole('button', { name: 'Xem video trực tiếp' }).click();
    const video = page.getByLabel('Video trực tiếp từ camera Camera thử: đang chạy');
    await expect
      .poll(() => video.evaluate((el) => (el as HTMLVideoElement).currentTime), { timeout: 20_000 })
      .toBeGreaterThan(0.5);
    await shot(page, 'camera-live');
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Dừng xem' }).click();
    await expect.poll(() => video.count()).toBe(0);
    expect(cameraRequests).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('a commune administrator adds a camera (a wrong address is named), and it is listed', async () => {
    const { context, page, errors } = await phonePage(e);
    await signInWithPassword(page, 'admin.dinhhoa', DEMO_PASSWORD);
    await page.goto('/cameras');
    await page.getByRole('link', { name: 'Quản lý camera' }).click();
    await page.waitForURL('**/cameras/quan-ly');
    await page.getByRole('link', { name: 'Thêm camera' }).click();
    await page.waitForURL('**/cameras/moi');
    await page.getByLabel('Tên camera').fill('Chợ trung tâm Định Hoá');
    await expect.poll(() => page.locator('select').first().locator('option').count()).toBeGreaterThan(50);
    await page.getByLabel('Xã, phường').selectOption('05569');
    await page.getByLabel('Loại camera').selectOption('public_place');
    await page.getByLabel('Vĩ độ').fill('21,9064');
    await page.getByLabel('Kinh độ').fill('105.5939');
    await page.getByLabel('Địa chỉ ảnh chụp (snapshot) của camera').fill('ftp://10.19.2.30/a.jpg');
    await page.getByRole('button', { name: 'Lưu' }).click();
    await expect.poll(() => page.getByText(/phải bắt đầu bằng http:\/\/ hoặc https:\/\//).count()).toBeGreaterThan(0);
    await shot(page, 'camera-edit-error');
    await expectAccessible(page);
    await page.getByLabel('Địa chỉ ảnh chụp (snapshot) của camera').fill('http://10.19.2.30/snapshot.jpg');
    await page.getByRole('button', { name: 'Lưu' }).click();
    await page.waitForURL('**/cameras/quan-ly');
    const row = page.locator('main li', { hasText: 'Chợ trung tâm Định Hoá' });
    await expect.poll(() => row.textContent()).toMatch(/Chưa kiểm tra/);
    await shot(page, 'cameras-manage');
    await expectAccessible(page);
    expect(errors).toEqual([]);
    await context.close();
  });
});
