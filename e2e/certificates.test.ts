/**
 * Certificates on a phone, in Vietnamese: a resident (Nguyễn Thị Minh) who completed a course downloads her
 * certificate from "Chứng nhận của tôi"; anyone checks its serial at /verify, typed in lower case without dashes, and
 * reads "Hợp lệ" with only her name, the course and the day; the commune's administrator revokes another of hers with
 * a reason, and its page then says "Đã thu hồi" and when; a forged and an unknown serial are told apart.
 */
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newSerial, serialKey } from '../server/modules/certificates/serial.js';
import { DEMO_PASSWORD } from '../server/seed/demo.js';
import { type E2E, expectAccessible, phonePage, shot, signInWithPassword, startE2E } from './harness.js';

let e: E2E;
const COURSE = 'Sử dụng ứng dụng VNeID';
const SESSION = 'Hội nghị tập huấn chuyển đổi số cấp xã';
const HOLDER = 'Nguyễn Thị Minh (demo)';
let courseSerial: string;
let sessionSerial: string;

const utf16be = (text: string) => Buffer.from(`\ufeff${text}`, 'utf16le').swap16();

beforeAll(async () => {
  e = await startE2E();
  const [minh] = await e.t.database.query<{ id: string }>("select id from users where username = 'dan.minh'");
  const issue = (kind: 'course' | 'session', title: string) =>
    e.t.db.transaction((tx) =>
      e.t.app.services.certificates.issue(tx, {
        kind,
        sourceId: randomUUID(),
        userId: minh.id,
        title,
        unitCode: '05569',
      }),
    );
  courseSerial = (await issue('course', COURSE)).serial;
  sessionSerial = (await issue('session', SESSION)).serial;
});
afterAll(() => e?.close());

describe('certificates', () => {
  it('the holder downloads her PDF; anyone verifies it, typed loosely: Hợp lệ, name, course, day only', async () => {
    const holder = await phonePage(e);
    const visitor = await phonePage(e);
    try {
      await signInWithPassword(holder.page, 'dan.minh', DEMO_PASSWORD);
      // From the account menu.
      await holder.page.getByRole('button', { name: /Nguyễn Thị Minh/ }).click();
      await holder.page.getByRole('link', { name: 'Chứng nhận của tôi' }).click();
      await holder.page.getByRole('heading', { level: 1, name: 'Chứng nhận của tôi' }).waitFor();
      await holder.page.getByText(COURSE).waitFor();
      await expectAccessible(holder.page);
      await shot(holder.page, 'certificates-mine');
      const download = holder.page.waitForEvent('download');
      await holder.page.getByRole('link', { name: `Tải PDF ${courseSerial}` }).click();
      const file = await (await download).path();
      const pdf = await readFile(file);
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      // The holder's name and the course are in the document (its subject; the page text is in the embedded font).
      // (Its subject starts with her name: "Nguyễn Thị Minh (demo) — …"; PDF strings escape the parentheses.)
      expect(pdf.includes(utf16be('Nguyễn Thị Minh'))).toBe(true);

      // Anyone, signed out: the box at /verify, the serial typed in lower case without dashes.
      await visitor.page.goto('/verify');
      await visitor.page.getByRole('heading', { level: 1, name: 'Kiểm tra giấy chứng nhận' }).waitFor();
      await expectAccessible(visitor.page);
      await visitor.page.getByLabel('Số hiệu giấy chứng nhận').fill(courseSerial.replace(/-/g, '').toLowerCase());
      await visitor.page.getByRole('button', { name: 'Kiểm tra' }).click();
      const result = visitor.page.getByRole('status').filter({ hasText: 'Hợp lệ' });
      await result.waitFor();
      const text = (await result.textContent()) ?? '';
      expect(text).toContain(HOLDER);
      expect(text).toContain(COURSE);
      expect(text).toContain(courseSerial);
      expect(text).toMatch(/\d{2}\/\d{2}\/\d{4}/);
      // Nothing else: no unit, no phone.
      expect(text).not.toContain('Định Hoá');
      expect(text).not.toContain('0912345678');
      await expectAccessible(visitor.page, '/verify/:serial');
      await shot(visitor.page, 'certificates-verify-valid');
      expect(holder.errors).toEqual([]);
      expect(visitor.errors).toEqual([]);
    } finally {
      await holder.context.close();
      await visitor.context.close();
    }
  });

  it('the commune administrator revokes with a reason; the page then says Đã thu hồi and when', async () => {
    const admin = await phonePage(e);
    const visitor = await phonePage(e);
    try {
      await signInWithPassword(admin.page, 'admin.dinhhoa', DEMO_PASSWORD);
      await admin.page.goto('/admin/certificates');
      await admin.page.getByRole('heading', { level: 1, name: 'Giấy chứng nhận đã cấp' }).waitFor();
      await admin.page.getByLabel('Tìm kiếm').fill('hoi nghi tap huan');
      const item = admin.page.getByRole('listitem').filter({ hasText: sessionSerial });
      // The search (debounced) leaves the course's certificate out.
      await admin.page.getByRole('listitem').filter({ hasText: courseSerial }).waitFor({ state: 'detached' });
      await item.waitFor();
      await expectAccessible(admin.page);
      await shot(admin.page, 'certificates-admin');
      await item.getByRole('button', { name: 'Thu hồi' }).click();
      const dialog = admin.page.getByRole('dialog');
      await dialog.waitFor();
      // No reason: refused, the field says why.
      await dialog.getByRole('button', { name: 'Thu hồi' }).click();
      await dialog.getByText('Cần nêu lý do thu hồi.').waitFor();
      await expectAccessible(admin.page, '/admin/certificates (revoke)');
      await dialog.getByLabel('Lý do thu hồi').fill('Cấp nhầm người tham dự');
      await dialog.getByRole('button', { name: 'Thu hồi' }).click();
      await dialog.waitFor({ state: 'hidden' });
      await item.getByText(/Đã thu hồi ngày/).waitFor();

      await visitor.page.goto(`/verify/${sessionSerial}`);
      const revoked = visitor.page.getByRole('status').filter({ hasText: 'Đã thu hồi ngày' });
      await revoked.waitFor();
      expect(await revoked.textContent()).toMatch(/Đã thu hồi ngày \d{2}\/\d{2}\/\d{4}/);
      expect(await revoked.textContent()).not.toContain('Cấp nhầm');
      await expectAccessible(visitor.page, '/verify/:serial (revoked)');
      await shot(visitor.page, 'certificates-verify-revoked');
      expect(admin.errors).toEqual([]);
      expect(visitor.errors).toEqual([]);
    } finally {
      await admin.context.close();
      await visitor.context.close();
    }
  });

  it('a forged serial is Số hiệu không hợp lệ; a well-signed unknown one is Không tìm thấy', async () => {
    const visitor = await phonePage(e);
    try {
      const last = courseSerial.at(-1)!;
      const forged = courseSerial.slice(0, -1) + (last === 'Z' ? 'Y' : 'Z');
      await visitor.page.goto(`/verify/${forged}`);
      await visitor.page.getByRole('status').filter({ hasText: 'Số hiệu không hợp lệ' }).waitFor();
      expect(await visitor.page.getByText(HOLDER).count()).toBe(0);
      await expectAccessible(visitor.page, '/verify/:serial (forged)');
      await shot(visitor.page, 'certificates-verify-invalid');
      await visitor.page.goto(`/verify/${newSerial(serialKey(e.t.config.secret))}`);
      await visitor.page.getByRole('status').filter({ hasText: 'Không tìm thấy' }).waitFor();
      await expectAccessible(visitor.page, '/verify/:serial (unknown)');
      expect(visitor.errors).toEqual([]);
    } finally {
      await visitor.context.close();
    }
  });
});
