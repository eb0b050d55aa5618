/**
 * The support network (hỏi đáp) on a phone, in Vietnamese: the team member of TDP Trung Kiên asks about VNeID level 2,
 * the commune's officer finds it by searching without diacritics and answers, the member accepts the answer, and the
 * question with its answer shows in the FAQ of VNeID's catalog page, to anyone, naming nobody.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../server/seed/demo.js';
import { type E2E, expectAccessible, phonePage, shot, signInWithPassword, startE2E } from './harness.js';

let e: E2E;
beforeAll(async () => {
  e = await startE2E();
});
afterAll(() => e?.close());

const TITLE = 'Không kích hoạt được VNeID mức 2 cho người cao tuổi';
const ANSWER = 'Mang căn cước gắn chip đến công an xã; cán bộ sẽ thu nhận ảnh chân dung và kích hoạt tại chỗ.';

describe('support network', () => {
  it('ask → answer → accept → the FAQ shows on the catalog service page', async () => {
    const member = await phonePage(e);
    const officer = await phonePage(e);
    const visitor = await phonePage(e);
    try {
      // The team member asks, from the tab bar.
      await signInWithPassword(member.page, 'to.trungkien', DEMO_PASSWORD);
      await member.page
        .getByRole('navigation', { name: 'Điều hướng chính' })
        .last()
        .getByRole('link', { name: 'Hỏi đáp' })
        .click();
      await member.page.getByRole('heading', { level: 1, name: 'Hỏi đáp' }).waitFor();
      await member.page.getByRole('link', { name: /Người dân quên mật khẩu VNeID/ }).waitFor();
      await expectAccessible(member.page);
      await shot(member.page, 'support-home');
      await member.page.getByRole('link', { name: 'Đặt câu hỏi' }).click();
      await member.page.getByRole('heading', { level: 1, name: 'Đặt câu hỏi' }).waitFor();
      await member.page.getByLabel('Câu hỏi', { exact: true }).fill(TITLE);
      await member.page
        .getByLabel('Nội dung chi tiết')
        .fill('Bà cụ đã có tài khoản mức 1 nhưng ứng dụng báo chưa đủ điều kiện nâng mức. Cần làm gì?');
      await member.page.getByRole('checkbox', { name: 'VNeID' }).check();
      await expectAccessible(member.page, '/support/ask');
      await shot(member.page, 'support-ask');
      await member.page.getByRole('button', { name: 'Gửi câu hỏi' }).click();
      await member.page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
      expect(await member.page.getByText('Chưa có câu trả lời.').isVisible()).toBe(true);
      const questionUrl = member.page.url();

      // The officer finds it without diacritics and answers.
      await signInWithPassword(officer.page, 'canbo.dinhhoa', DEMO_PASSWORD);
      await officer.page.goto('/support');
      await officer.page.getByLabel('Tìm câu hỏi').fill('vneid muc 2 cao tuoi');
      const link = officer.page.getByRole('link', { name: new RegExp(TITLE) });
      await link.waitFor();
      await expectAccessible(officer.page);
      await shot(officer.page, 'support-list');
      await link.click();
      await officer.page.getByRole('heading', { level: 1, name: TITLE }).waitFor();
      await officer.page.getByLabel('Câu trả lời của bạn').fill(ANSWER);
      await officer.page.getByRole('button', { name: 'Gửi câu trả lời' }).click();
      await officer.page.getByText(ANSWER).waitFor();
      // An officer may not accept for the asker: no button.
      expect(await officer.page.getByRole('button', { name: 'Chọn câu trả lời này' }).count()).toBe(0);

      // The member is told, opens the question and accepts the answer.
      await member.page.goto(questionUrl);
      await member.page.getByText(ANSWER).waitFor();
      await member.page.getByRole('button', { name: 'Chọn câu trả lời này' }).click();
      await member.page.getByText('✓ Câu trả lời được chọn').waitFor();
      expect(await member.page.getByText('Đã có câu trả lời được chọn').first().isVisible()).toBe(true);
      await expectAccessible(member.page, '/support/:id');
      await shot(member.page, 'support-question');

      // Anyone reads the FAQ on VNeID's page: the question and the answer, nobody's name.
      await visitor.page.goto('/catalog/vneid');
      await visitor.page.getByRole('heading', { name: 'Hỏi đáp thường gặp' }).waitFor();
      const entry = visitor.page.getByText(TITLE);
      await entry.waitFor();
      await entry.click();
      await visitor.page.getByText(ANSWER).waitFor();
      expect(await visitor.page.getByText('Cán bộ trả lời').first().isVisible()).toBe(true);
      const text = (await visitor.page.locator('main').textContent()) ?? '';
      for (const personal of ['Nguyễn Quang Dũng', '0900000006', 'Định Hoá']) expect(text).not.toContain(personal);
      await expectAccessible(visitor.page);
      await shot(visitor.page, 'support-catalog-faq');

      expect([...member.errors, ...officer.errors, ...visitor.errors]).toEqual([]);
    } catch (err) {
      await shot(member.page, 'support-failure-member');
      await shot(officer.page, 'support-failure-officer');
      throw err;
    } finally {
      await member.context.close();
      await officer.context.close();
      await visitor.context.close();
    }
  }, 120_000);

  it('a commune administrator hides an abusive answer with a reason and shows it again', async () => {
    const { page, errors, context } = await phonePage(e);
    try {
      await signInWithPassword(page, 'admin.dinhhoa', DEMO_PASSWORD);
      await page.goto('/support');
      await page.getByLabel('Tìm câu hỏi').fill('khong tuong thich');
      await page.getByRole('link', { name: /Cài C-Thái Nguyên báo/ }).click();
      await page.getByRole('heading', { level: 1, name: /Cài C-Thái Nguyên báo/ }).waitFor();
      await page.getByRole('button', { name: 'Ẩn', exact: true }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByRole('button', { name: 'Ẩn nội dung' }).click();
      await dialog.getByText('Cần nêu lý do ẩn.').waitFor();
      await expectAccessible(page, '/support/:id (hide an answer)');
      await dialog.getByLabel('Lý do ẩn').fill('Thử ẩn nội dung');
      await dialog.getByRole('button', { name: 'Ẩn nội dung' }).click();
      await page.getByText('Đã ẩn: Thử ẩn nội dung').waitFor();
      await expectAccessible(page);
      await shot(page, 'support-moderation');
      await page.getByRole('button', { name: 'Hiện lại' }).click();
      await page.getByText('Đã ẩn: Thử ẩn nội dung').waitFor({ state: 'hidden' });
      expect(errors).toEqual([]);
    } catch (err) {
      await shot(page, 'support-failure-moderation');
      throw err;
    } finally {
      await context.close();
    }
  }, 90_000);
});
