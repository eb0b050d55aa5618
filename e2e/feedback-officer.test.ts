/**
 * Issue 7, points 1, 7, 10, 11, 12 and 13 in the browser at phone width, in Vietnamese: a hamlet team member files a
 * report for a resident; an officer reveals an app reporter's phone with a reason (audited); a citizen answers a
 * question with a photo and withdraws another report; the statistics show the communes on a map and by unit.
 */
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../server/seed/demo.js';
import { type E2E, phonePage, shot, signInWithPassword, startE2E } from './harness.js';

let e: E2E;
let giaoThong: string;
let assistedId = '';

async function userId(login: string) {
  const [u] = await e.t.database.query<{ id: string }>('select id from users where username = $1', [login]);
  return u.id;
}

/** POST as a demo person (the API the pages use), for the reports a journey starts from. */
async function asPerson(login: string, url: string, payload: object) {
  const res = await e.t.app.inject({
    method: 'POST',
    url,
    headers: await e.t.sessionHeaders(await userId(login)),
    payload,
  });
  expect(res.statusCode, await res.body).toBeLessThan(300);
  return res.json();
}

const citizenReport = (description: string) =>
  asPerson('dan.minh', '/api/reports', {
    categoryId: giaoThong,
    description,
    communeCode: '05569',
    address: 'Đường vào chợ Chu',
  }) as Promise<{ id: string; publicCode: string }>;

beforeAll(async () => {
  e = await startE2E();
  const [row] = await e.t.database.query<{ id: string }>(
    "select id from feedback_categories where code = 'giao-thong'",
  );
  giaoThong = row.id;
}, 60_000);
afterAll(() => e?.close());

describe('a team member files a report for a resident', () => {
  it('to.trungkien files for a resident of TDP Trung Kiên, Xã Định Hoá', async () => {
    const { context, page, errors } = await phonePage(e);
    await signInWithPassword(page, 'to.trungkien', DEMO_PASSWORD);
    await page.goto('/feedback/new');
    await page.getByLabel('Nhận phản ánh qua').selectOption({ label: 'Hỗ trợ người dân (tổ công nghệ số)' });
    await page.getByLabel('Họ tên người dân').fill('Bà Hoàng Thị Lan');
    await page.getByLabel('Số điện thoại người dân').fill('0987654321');
    await page.getByText('Người dân đồng ý cho ghi lại họ tên, số điện thoại').click();
    await page.getByText('Giao thông', { exact: true }).click();
    await page.getByLabel('Nội dung phản ánh').fill('Đèn đường trước nhà văn hoá tổ dân phố Trung Kiên bị hỏng.');
    await page.getByLabel('Địa chỉ').fill('Trước nhà văn hoá TDP Trung Kiên');
    await page.getByLabel('Xã, phường').selectOption({ label: 'Xã Định Hoá' });
    await page.getByLabel('Thôn, xóm, tổ dân phố').selectOption({ label: 'Trung Kiên' });
    await shot(page, 'officer-assisted-filled');
    await page.getByRole('button', { name: 'Gửi phản ánh' }).click();
    await page.waitForURL(/\/feedback\/sent\//, { timeout: 15_000 });
    const id = page.url().split('/').at(-1)!;
    assistedId = id;
    const [r] = await e.t.database.query<{ channel: string; hamlet_code: string; reporter_phone: string }>(
      'select channel, hamlet_code, reporter_phone from reports where id = $1',
      [id],
    );
    expect(r).toEqual({ channel: 'assisted', hamlet_code: '05569-001', reporter_phone: '0987654321' });
    await shot(page, 'officer-assisted-sent');
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe('an officer reaches the reporter', () => {
  it('no phone until asked; a reason, then the phone; the audit trail keeps who and why', async () => {
    const report = await citizenReport('Cây đổ chắn một nửa đường vào chợ Chu.');
    const { context, page, errors } = await phonePage(e);
    await signInWithPassword(page, 'canbo.dinhhoa', DEMO_PASSWORD);
    await page.goto(`/reports/${report.id}`);
    const reveal = page.getByRole('button', { name: 'Xem số điện thoại người phản ánh' });
    await expect.poll(() => reveal.isVisible(), { timeout: 10_000 }).toBe(true);
    expect(await page.locator('main').textContent()).not.toContain('0912345678');
    await reveal.click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Lý do cần liên hệ').fill('Gọi lại để hỏi vị trí cây đổ chính xác.');
    await shot(page, 'officer-reveal-reason');
    await dialog.getByRole('button', { name: 'Xem số điện thoại', exact: true }).click();
    await expect.poll(() => page.getByRole('link', { name: '0912345678' }).isVisible(), { timeout: 10_000 }).toBe(true);
    expect(await page.getByRole('link', { name: '0912345678' }).getAttribute('href')).toBe('tel:0912345678');
    await shot(page, 'officer-reveal-phone');
    const audit = await e.t.database.query<{ action: string; reason: string }>(
      'select action, reason from audit_log where resource_id = $1 order by id',
      [report.id],
    );
    expect(audit).toEqual([{ action: 'report.reveal_contact', reason: 'Gọi lại để hỏi vị trí cây đổ chính xác.' }]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("the commune administrator's audit page shows the reveal, its reason, in Vietnamese only", async () => {
    // The commune's officer opens the assisted report, which shows the resident's name and phone: a recorded read.
    const read = await e.t.app.inject({
      url: `/api/reports/${assistedId}`,
      headers: await e.t.sessionHeaders(await userId('canbo.dinhhoa')),
    });
    expect(read.json().private.reporterPhone).toBe('0987654321');
    const { context, page, errors } = await phonePage(e);
    await signInWithPassword(page, 'admin.dinhhoa', DEMO_PASSWORD);
    await page.goto('/admin/audit');
    await expect
      .poll(() => page.locator('td', { hasText: 'Xem số điện thoại người phản ánh' }).first().isVisible(), {
        timeout: 10_000,
      })
      .toBe(true);
    const text = (await page.locator('table').textContent()) ?? '';
    expect(text).toContain('Gọi lại để hỏi vị trí cây đổ chính xác.');
    expect(text).toContain('Xem thông tin cá nhân người phản ánh');
    expect(text).toContain('Xử lý phản ánh');
    expect(text).not.toContain('Handling a report');
    expect(text).not.toContain('report.handling');
    await shot(page, 'officer-audit');
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe('officers are told about their work', () => {
  it('a report routed to the Department of Construction shows in its officer’s notifications, with the deadline', async () => {
    const report = await citizenReport('Mặt đường tỉnh lộ bị sụt lún sau mưa lớn.');
    const [unit] = await e.t.database.query<{ id: string }>("select id from handling_units where code = 'so-xd-19'");
    await asPerson('canbo.dinhhoa', `/api/reports/${report.id}/accept`, { handlingUnitId: unit.id });
    await e.t.runJobs();
    const { context, page, errors } = await phonePage(e);
    await signInWithPassword(page, 'canbo.soxaydung', DEMO_PASSWORD);
    await page.goto('/notifications');
    const title = `Phản ánh ${report.publicCode} được giao cho đơn vị của bạn`;
    await expect.poll(() => page.getByText(title).isVisible(), { timeout: 10_000 }).toBe(true);
    expect(await page.locator('main').textContent()).toContain('Hạn xử lý:');
    await shot(page, 'officer-notified');
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe('a citizen answers with a photo and withdraws a report', () => {
  it('answers the officer’s question with a photo', async () => {
    const report = await citizenReport('Rãnh thoát nước bị tắc trước cổng trường.');
    await asPerson('canbo.dinhhoa', `/api/reports/${report.id}/request-information`, {
      question: 'Đề nghị gửi ảnh rãnh bị tắc.',
    });
    const { context, page, errors } = await phonePage(e);
    await signInWithPassword(page, 'dan.minh', DEMO_PASSWORD);
    await page.goto(`/reports/${report.id}`);
    await page.getByLabel('Thông tin bổ sung').fill('Ảnh chụp sáng nay, rác chắn kín miệng rãnh.');
    const photo = await sharp({ create: { width: 800, height: 600, channels: 3, background: '#556b2f' } })
      .jpeg()
      .toBuffer();
    await page.locator('input[type="file"]').setInputFiles({ name: 'ranh.jpg', mimeType: 'image/jpeg', buffer: photo });
    await expect.poll(() => page.getByRole('img', { name: 'Ảnh 1' }).isVisible(), { timeout: 10_000 }).toBe(true);
    await shot(page, 'citizen-provide-photo');
    await page.getByRole('button', { name: 'Gửi thông tin bổ sung' }).click();
    await expect
      .poll(
        async () =>
          (
            await e.t.database.query<{ n: number }>(
              'select count(*)::int as n from report_photos where report_id = $1',
              [report.id],
            )
          )[0].n,
      )
      .toBe(1);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('withdraws a report nobody has accepted yet', async () => {
    const report = await citizenReport('Biển báo bị che khuất, nay đã được người dân tự dọn.');
    const { context, page, errors } = await phonePage(e);
    await signInWithPassword(page, 'dan.minh', DEMO_PASSWORD);
    await page.goto(`/reports/${report.id}`);
    await page.getByRole('button', { name: 'Rút phản ánh' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Lý do rút').fill('Người dân đã tự dọn xong.');
    await shot(page, 'citizen-withdraw-confirm');
    await dialog.getByRole('button', { name: 'Rút phản ánh' }).click();
    // The dialog's own text names the reason, so wait for what only the refreshed report shows: its history line,
    // and no withdraw button (neither the page's nor the dialog's).
    await expect
      .poll(() => page.getByText('Người phản ánh đã rút phản ánh').first().isVisible(), { timeout: 10_000 })
      .toBe(true);
    await expect.poll(() => page.getByRole('button', { name: 'Rút phản ánh' }).count()).toBe(0);
    const [r] = await e.t.database.query<{ status: string; cancel_reason: string }>(
      'select status, cancel_reason from reports where id = $1',
      [report.id],
    );
    expect(r).toEqual({ status: 'cancelled', cancel_reason: 'withdrawn' });
    await shot(page, 'citizen-withdrawn');
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe('statistics by commune and by handling unit', () => {
  it('colours the 92 communes on our boundaries (no tiles) and lists them, with the overdue and the units', async () => {
    const accepted = await citizenReport('Ổ gà trước trạm y tế xã.');
    await asPerson('canbo.dinhhoa', `/api/reports/${accepted.id}/accept`, {});
    await e.t.database.query("update reports set due_at = now() - interval '2 days' where id = $1", [accepted.id]);
    const { context, page, errors } = await phonePage(e);
    await page.goto('/feedback/stats');
    const communeTable = page.locator('table', {
      has: page.locator('caption', { hasText: 'Phản ánh theo xã, phường' }),
    });
    await expect.poll(() => communeTable.locator('tbody tr').count(), { timeout: 15_000 }).toBe(92);
    const dinhHoa = communeTable.locator('tr', {
      has: page.getByRole('rowheader', { name: 'Xã Định Hoá', exact: true }),
    });
    const cells = await dinhHoa.locator('td').allTextContents();
    expect(Number(cells[0])).toBeGreaterThanOrEqual(4);
    expect(cells.at(-1)).toBe('1');
    const map = page.locator('.choropleth-map');
    await expect.poll(() => map.locator('path.leaflet-interactive').count(), { timeout: 15_000 }).toBe(92);
    expect(await map.locator('img.leaflet-tile').count()).toBe(0);
    const unitTable = page.locator('table', { has: page.locator('caption', { hasText: 'đơn vị xử lý' }) });
    await expect.poll(() => unitTable.textContent()).toContain('Định Hoá');
    await map.scrollIntoViewIfNeeded();
    await shot(page, 'stats-by-commune');
    expect(errors).toEqual([]);
    await context.close();
  }, 60_000);
});
