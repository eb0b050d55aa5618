/**
 * Bình dân học vụ số on phones, in Vietnamese (issue 11, points 1–2): the province's administrator writes a course
 * with two lessons (one with an image) and a two-question quiz, previews and publishes it; a visitor reads the list
 * and the outline and is asked to sign in to enrol; a youth union member and a resident enrol with their category and
 * unit, read the lessons, fail the quiz once, pass it and see "Hoàn thành". An opened lesson reads offline after a
 * reload; two administrators saving the same draft: the second is told someone else saved.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../server/seed/demo.js';
import { type E2E, expectAccessible, phonePage, shot, signInWithPassword, startE2E } from './harness.js';

let e: E2E;
beforeAll(async () => {
  e = await startE2E();
});
afterAll(() => e?.close());

const TITLE = 'Dùng VNeID an toàn trên điện thoại';
const LESSON_1 = 'Kích hoạt tài khoản định danh điện tử';
const LESSON_2 = 'Nhận biết cuộc gọi giả danh công an';
const BODY_1 =
  '## Chuẩn bị\n\n- Căn cước gắn chip\n- Điện thoại có số thuê bao chính chủ\n\nMở ứng dụng **VNeID**, chọn *Kích hoạt tài khoản* và làm theo hướng dẫn.';
const BODY_2 =
  'Công an **không bao giờ** gọi điện yêu cầu cài ứng dụng lạ hay chuyển tiền. Gặp cuộc gọi như vậy, hãy cúp máy và báo công an xã.';
const Q1 = 'Ứng dụng nào dùng để định danh điện tử?';
const Q2 = 'Khi có cuộc gọi tự xưng công an yêu cầu chuyển tiền, nên làm gì?';

async function pngOf(width: number, height: number) {
  return sharp({ create: { width, height, channels: 3, background: { r: 11, g: 74, b: 143 } } })
    .png()
    .toBuffer();
}

/** The administrator writes the course in the editor (a phone, as everyone else). */
async function authorCourse(page: Page) {
  await signInWithPassword(page, 'admin.tinh', DEMO_PASSWORD);
  await page.goto('/learn/manage');
  await page.getByRole('heading', { level: 1, name: 'Soạn khóa học' }).waitFor();
  await expectAccessible(page);
  await shot(page, 'learn-manage');
  await page.getByLabel('Tên khóa học').fill(TITLE);
  await page.getByRole('button', { name: 'Tạo bản nháp' }).click();
  await page.getByRole('heading', { level: 1, name: `Soạn: ${TITLE}` }).waitFor();

  await page.getByLabel('Giới thiệu').fill('Kích hoạt VNeID và tránh các cuộc gọi lừa đảo, trong 15 phút.');
  await page.getByLabel('Thời gian học ước tính (phút)').fill('15');
  await page.getByRole('checkbox', { name: 'Đoàn viên thanh niên' }).check();
  await page.getByRole('checkbox', { name: 'Người dân' }).check();
  await page.getByRole('checkbox', { name: 'VNeID', exact: true }).check();

  await page.getByRole('button', { name: 'Thêm bài học' }).click();
  const l1 = page.getByRole('region', { name: /^Bài 1/ });
  await l1.getByLabel('Tên bài').fill(LESSON_1);
  await l1.getByLabel('Nội dung (Markdown)').fill(BODY_1);
  // An image, uploaded and resized by the server, goes in as Markdown at the end of the text.
  await l1.getByLabel('Chèn ảnh').setInputFiles({
    name: 'vneid.png',
    mimeType: 'image/png',
    buffer: await pngOf(1600, 1000),
  });
  await expect.poll(() => l1.getByLabel('Nội dung (Markdown)').inputValue()).toMatch(/!\[[^\]]*\]\(\S+\)/);
  await l1.getByRole('button', { name: 'Thêm video' }).click();
  await l1.getByLabel('Tên video').fill('Hướng dẫn kích hoạt VNeID');
  await l1.getByLabel('Địa chỉ (https://…)').fill('https://www.youtube.com/watch?v=vneid-demo');

  await page.getByRole('button', { name: 'Thêm bài học' }).click();
  const l2 = page.getByRole('region', { name: /^Bài 2/ });
  await l2.getByLabel('Tên bài').fill(LESSON_2);
  await l2.getByLabel('Số phút').fill('5');
  await l2.getByLabel('Nội dung (Markdown)').fill(BODY_2);

  await page.getByRole('button', { name: 'Thêm bài kiểm tra' }).click();
  await page.getByLabel('Tỷ lệ đúng để đạt (%)').fill('100');
  await page.getByLabel('Số lần làm tối đa').fill('3');
  const q1 = page.getByRole('region', { name: 'Câu 1' });
  await q1.getByLabel('Câu hỏi', { exact: true }).fill(Q1);
  await q1.getByLabel('Phương án 1', { exact: true }).fill('VNeID');
  await q1.getByLabel('Phương án 2', { exact: true }).fill('Zalo');
  await q1.getByRole('checkbox', { name: 'Phương án 1 là đáp án đúng' }).check();
  await q1.getByLabel('Giải thích (hiện sau khi nộp bài)').fill('VNeID là ứng dụng định danh điện tử của Bộ Công an.');

  await page.getByRole('button', { name: 'Thêm câu hỏi' }).click();
  const q2 = page.getByRole('region', { name: 'Câu 2' });
  await q2.getByLabel('Câu hỏi', { exact: true }).fill(Q2);
  await q2.getByLabel('Kiểu câu hỏi').selectOption({ label: 'Nhiều đáp án đúng' });
  await q2.getByLabel('Phương án 1', { exact: true }).fill('Cúp máy');
  await q2.getByLabel('Phương án 2', { exact: true }).fill('Chuyển tiền ngay');
  await q2.getByRole('button', { name: 'Thêm phương án' }).click();
  await q2.getByLabel('Phương án 3', { exact: true }).fill('Báo công an xã');
  await q2.getByRole('checkbox', { name: 'Phương án 1 là đáp án đúng' }).check();
  await q2.getByRole('checkbox', { name: 'Phương án 3 là đáp án đúng' }).check();
  await q2
    .getByLabel('Giải thích (hiện sau khi nộp bài)')
    .fill('Công an không yêu cầu chuyển tiền qua điện thoại: cúp máy và báo công an xã.');

  await expectAccessible(page, '/learn/manage/:id');
  await shot(page, 'learn-editor');
  await page.getByRole('button', { name: 'Lưu bản nháp' }).click();
  await page.getByText('Đã lưu bản nháp.').waitFor();

  await page.getByRole('link', { name: 'Xem trước' }).click();
  await page.getByRole('heading', { level: 1, name: `Xem trước: ${TITLE}` }).waitFor();
  await page.getByRole('heading', { name: LESSON_2 }).waitFor();
  await expectAccessible(page, '/learn/manage/:id/preview');
  await shot(page, 'learn-preview');
  await page.getByRole('link', { name: '← Về trang soạn' }).click();

  await page.getByRole('button', { name: 'Xuất bản' }).click();
  const dialog = page.getByRole('dialog');
  await expectAccessible(page, '/learn/manage/:id (publish)');
  await dialog.getByRole('button', { name: 'Xuất bản' }).click();
  await page.getByText('Đã xuất bản phiên bản 1.').waitFor();
  return page.url();
}

/**
 * A learner enrols, reads both lessons, fails the quiz once, passes it, sees "Hoàn thành" and downloads the
 * certificate (a PDF); returns its serial.
 */
async function learn(
  page: Page,
  who: { login: string; category: string; hamlet?: string },
  name: string,
): Promise<string> {
  await signInWithPassword(page, who.login, DEMO_PASSWORD);
  await page.goto('/learn');
  await page.getByRole('link', { name: new RegExp(TITLE) }).click();
  await page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
  await page.getByLabel('Bạn là').selectOption({ label: who.category });
  await page.getByLabel('Xã, phường nơi bạn công tác hoặc sinh sống').selectOption({ label: 'Xã Định Hoá' });
  if (who.hamlet) await page.getByLabel('Thôn, tổ dân phố').selectOption({ label: who.hamlet });
  await expectAccessible(page, '/learn/:id (enrol)');
  await shot(page, `learn-enrol-${name}`);
  await page.getByRole('button', { name: 'Đăng ký và bắt đầu học' }).click();

  await page.getByRole('heading', { level: 1, name: LESSON_1 }).waitFor();
  await page.getByText('Đã học 0/2 bài').waitFor();
  await expect.poll(() => page.locator('.learn-lesson img').count()).toBe(1);
  expect(await page.locator('.learn-lesson img').getAttribute('loading')).toBe('lazy');
  await expectAccessible(page, '/learn/:id/lessons/:lessonId');
  await shot(page, `learn-lesson-${name}`);
  await page.getByRole('button', { name: 'Đánh dấu đã học' }).click();

  await page.getByRole('heading', { level: 1, name: LESSON_2 }).waitFor();
  await page.getByText('Đã học 1/2 bài').waitFor();
  // "Khóa học của tôi" carries on where the learner stopped: the second lesson.
  await page.goto('/learn/mine');
  await page.getByRole('heading', { level: 1, name: 'Khóa học của tôi' }).waitFor();
  await page.getByText('Đã học 1/2 bài').waitFor();
  await expectAccessible(page, '/learn/mine (in progress)');
  await shot(page, `learn-mine-progress-${name}`);
  await page.getByRole('link', { name: new RegExp(TITLE) }).click();
  await page.getByRole('heading', { level: 1, name: LESSON_2 }).waitFor();
  await page.getByRole('button', { name: 'Đánh dấu đã học' }).click();

  // The quiz: wrong first (Zalo; only one of the two right answers), then right.
  await page.getByRole('heading', { level: 1, name: `Bài kiểm tra: ${TITLE}` }).waitFor();
  await page.getByText('Còn 3 lần làm bài.').waitFor();
  await page.getByRole('radio', { name: 'Zalo' }).check();
  await page.getByRole('checkbox', { name: 'Cúp máy' }).check();
  await expectAccessible(page, '/learn/:id/quiz');
  await shot(page, `learn-quiz-${name}`);
  await page.getByRole('button', { name: 'Nộp bài' }).click();
  await page.getByRole('heading', { name: 'Chưa đạt' }).waitFor();
  await page.getByText('Đúng 0/2 câu (0%)').waitFor();
  await page.getByText('VNeID là ứng dụng định danh điện tử của Bộ Công an.').waitFor();
  await page.getByText('Còn 2 lần làm bài.').waitFor();
  await expectAccessible(page, '/learn/:id/quiz (failed)');
  await shot(page, `learn-quiz-failed-${name}`);
  await page.getByRole('button', { name: 'Làm lại' }).click();
  await page.getByRole('radio', { name: 'VNeID' }).check();
  await page.getByRole('checkbox', { name: 'Cúp máy' }).check();
  await page.getByRole('checkbox', { name: 'Báo công an xã' }).check();
  await page.getByRole('button', { name: 'Nộp bài' }).click();
  await page.getByRole('heading', { name: 'Đạt' }).waitFor();
  await page.getByText('Đúng 2/2 câu (100%)').waitFor();
  await shot(page, `learn-quiz-passed-${name}`);

  await page.getByRole('link', { name: 'Về trang khóa học' }).click();
  await page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
  await page.getByText('Hoàn thành', { exact: true }).waitFor();
  // The certificate was issued as the quiz completed the course: a PDF to download, a serial to verify.
  const downloading = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Tải giấy chứng nhận (PDF)' }).click();
  const pdf = readFileSync((await (await downloading).path())!);
  expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
  const serial = (await page.locator('.learn-certificate strong').textContent())!;
  expect(serial).toMatch(/^BDHVS-[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);
  await expectAccessible(page, '/learn/:id (completed)');
  await shot(page, `learn-completed-${name}`);

  await page.goto('/learn/mine');
  await page.getByRole('heading', { level: 1, name: 'Khóa học của tôi' }).waitFor();
  await page
    .getByRole('link', { name: new RegExp(TITLE) })
    .getByText('Hoàn thành')
    .waitFor();
  await expectAccessible(page);
  await shot(page, `learn-mine-${name}`);
  return serial;
}

describe('Bình dân học vụ số', () => {
  it('an administrator publishes a course; a youth union member and a resident complete it on phones', async () => {
    const admin = await phonePage(e);
    const visitor = await phonePage(e);
    const youth = await phonePage(e);
    const resident = await phonePage(e);
    try {
      await authorCourse(admin.page);

      // Anyone reads the list and the outline; enrolling asks to sign in and comes back.
      await visitor.page.goto('/learn');
      await visitor.page.getByRole('heading', { level: 1, name: 'Bình dân học vụ số' }).waitFor();
      const card = visitor.page.getByRole('link', { name: new RegExp(TITLE) });
      await card.waitFor();
      expect(await card.textContent()).toContain('2 bài');
      expect(await card.textContent()).toContain('15 phút');
      expect(await card.textContent()).toContain('Đoàn viên thanh niên');
      expect(await card.textContent()).toContain('VNeID');
      await expectAccessible(visitor.page);
      await shot(visitor.page, 'learn-list');
      await card.click();
      await visitor.page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
      await visitor.page.getByRole('link', { name: new RegExp(LESSON_2) }).waitFor();
      await expectAccessible(visitor.page);
      await shot(visitor.page, 'learn-course-visitor');
      const courseUrl = visitor.page.url();
      await visitor.page.getByRole('link', { name: 'Đăng nhập để đăng ký học' }).click();
      await visitor.page.waitForURL(/\/sign-in\?next=/);
      await visitor.page.getByRole('tab', { name: 'Mật khẩu' }).click();
      await visitor.page.getByLabel('Số điện thoại hoặc tên đăng nhập').fill('dan.minh');
      await visitor.page
        .locator('input')
        .and(visitor.page.getByLabel('Mật khẩu', { exact: true }))
        .fill(DEMO_PASSWORD);
      await visitor.page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
      await visitor.page.waitForURL(courseUrl);
      await visitor.page.getByRole('heading', { name: 'Đăng ký học' }).waitFor();

      const serials = [
        await learn(
          youth.page,
          { login: 'to.trungkien', category: 'Đoàn viên thanh niên', hamlet: 'Tổ dân phố Trung Kiên' },
          'youth',
        ),
        await learn(resident.page, { login: 'dan.minh', category: 'Người dân' }, 'resident'),
      ];
      // Anyone, signed out, checks each certificate at /verify/<serial> (the address its QR code holds).
      const checker = await phonePage(e);
      try {
        for (const [serial, holder] of [
          [serials[0], 'Nguyễn Quang Dũng'],
          [serials[1], 'Nguyễn Thị Minh'],
        ]) {
          await checker.page.goto(`/verify/${serial}`);
          const result = checker.page.getByRole('status').filter({ hasText: 'Hợp lệ' });
          await result.waitFor();
          expect(await result.textContent()).toContain(holder);
          expect(await result.textContent()).toContain(TITLE);
        }
        await expectAccessible(checker.page, '/verify/:serial');
        await shot(checker.page, 'learn-certificate-verified');
      } finally {
        await checker.context.close();
      }

      expect([...admin.errors, ...visitor.errors, ...youth.errors, ...resident.errors]).toEqual([]);
    } catch (err) {
      for (const [p, n] of [
        [admin.page, 'admin'],
        [youth.page, 'youth'],
        [resident.page, 'resident'],
      ] as const)
        await shot(p, `learn-failure-${n}`).catch(() => {});
      throw err;
    } finally {
      for (const p of [admin, visitor, youth, resident]) await p.context.close();
    }
  }, 240_000);

  it('a lesson once opened reads offline after a reload', async () => {
    const { page, context, errors } = await phonePage(e);
    try {
      await signInWithPassword(page, 'dan.minh', DEMO_PASSWORD);
      await page.goto('/learn');
      await page.waitForFunction(() => navigator.serviceWorker?.controller !== null, null, { timeout: 30_000 });
      // Once the worker holds the page, a reload online keeps who is signed in, as any later visit would.
      await page.reload();
      await page.getByRole('link', { name: new RegExp(TITLE) }).click();
      await page.getByRole('link', { name: new RegExp(LESSON_2) }).click();
      await page.getByRole('heading', { level: 1, name: LESSON_2 }).waitFor();
      await page.getByText('không bao giờ').waitFor();
      await page.waitForLoadState('networkidle');

      await context.setOffline(true);
      await page.reload();
      await page.getByRole('heading', { level: 1, name: LESSON_2 }).waitFor();
      await page.getByText('không bao giờ').waitFor();
      await page.getByText('Đang không có mạng: bạn đang đọc bản đã lưu trên máy.').waitFor();
      // Still the learner's own lesson: signed in, progress as last seen.
      await page.getByText('Đã học 2/2 bài').waitFor();
      await page.getByText('✓ Đã học bài này').waitFor();
      await expectAccessible(page, '/learn/:id/lessons/:lessonId (offline)');
      await shot(page, 'learn-lesson-offline');
      await context.setOffline(false);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  }, 90_000);

  it('two administrators save the same draft: the second is told someone else saved', async () => {
    const a = await phonePage(e);
    const b = await phonePage(e);
    try {
      await signInWithPassword(a.page, 'admin.tinh', DEMO_PASSWORD);
      await signInWithPassword(b.page, 'admin.tinh', DEMO_PASSWORD);
      await a.page.goto('/learn/manage');
      await a.page.getByRole('link', { name: new RegExp(TITLE) }).click();
      await a.page.getByRole('heading', { level: 1, name: `Soạn: ${TITLE}` }).waitFor();
      await b.page.goto(a.page.url());
      await b.page.getByRole('heading', { level: 1, name: `Soạn: ${TITLE}` }).waitFor();

      await a.page.getByLabel('Thời gian học ước tính (phút)').fill('20');
      await a.page.getByRole('button', { name: 'Lưu bản nháp' }).click();
      await a.page.getByText('Đã lưu bản nháp.').waitFor();

      await b.page.getByLabel('Giới thiệu').fill('Một mô tả khác.');
      await b.page.getByRole('button', { name: 'Lưu bản nháp' }).click();
      await b.page.getByText(/Người khác vừa lưu khóa học này/).waitFor();
      await expectAccessible(b.page, '/learn/manage/:id (409)');
      await shot(b.page, 'learn-editor-stale');
      await b.page.getByRole('button', { name: 'Tải lại bản mới nhất' }).click();
      await expect.poll(() => b.page.getByLabel('Thời gian học ước tính (phút)').inputValue()).toBe('20');
      expect([...a.errors, ...b.errors]).toEqual([]);
    } finally {
      await a.context.close();
      await b.context.close();
    }
  }, 90_000);
});
