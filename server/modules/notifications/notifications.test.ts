import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notifyProviders } from '../../platform/notify/index.js';
import { maskRecipient } from '../../platform/notify/mask.js';
import { createUser } from '../../test/factories.js';
import { createTestApp, type TestApp } from '../../test/harness.js';
import {
  insertCategory,
  insertEvent,
  insertReport,
  startSmtpServer as smtp,
  type startSmtpServer,
} from './test-support.js';

let t: TestApp;
let mail: Awaited<ReturnType<typeof startSmtpServer>>;
let categoryId: string;
let committeeId: string;
let committeeNameEn: string;

beforeAll(async () => {
  mail = await smtp();
  t = await createTestApp({
    SMTP_URL: mail.url,
    SMTP_FROM: 'UBND tỉnh Thái Nguyên <thongbao@thainguyen.gov.vn>',
    PUBLIC_URL: 'https://xaso.example.vn',
  });
  categoryId = (await insertCategory(t.db)).id;
  const [committee] = await t.database.query<{ id: string; name: string }>(
    "select id, coalesce(name_en, name) as name from handling_units where code = 'ubnd-05569'",
  );
  committeeId = committee.id;
  committeeNameEn = committee.name;
});
afterAll(async () => {
  await t.close();
  await mail.close();
});

async function person(opts: { email?: string; locale?: 'vi' | 'en'; role?: 'citizen' | 'handling_officer' } = {}) {
  const u = await createUser(t.db, {
    role: opts.role ?? 'citizen',
    ...(opts.role === 'handling_officer' ? { handlingUnitCode: 'ubnd-05569' } : { unitCode: '19' }),
  });
  await t.database.query('update users set email = $2, locale = $3 where id = $1', [
    u.id,
    opts.email ?? null,
    opts.locale ?? 'vi',
  ]);
  return u;
}

const notificationsOf = (userId: string) =>
  t.database.query<{ kind: string; title_vi: string; title_en: string; body_vi: string | null; report_id: string }>(
    'select kind, title_vi, title_en, body_vi, report_id from notifications where user_id = $1 order by created_at',
    [userId],
  );

async function follow(userId: string, reportId: string) {
  await t.database.query('insert into report_followers (report_id, user_id) values ($1, $2)', [reportId, userId]);
}

describe('feedback.event job', () => {
  it('tells the reporter and followers when a report is resolved, e-mails in their language, never twice', async () => {
    const reporter = await person({ email: 'nguoidan@example.vn', locale: 'vi' });
    const follower = await person({ email: 'follower@example.org', locale: 'en' });
    const officer = await person({ role: 'handling_officer' });
    const report = await insertReport(t.db, {
      categoryId,
      reporterId: reporter.id,
      status: 'resolved',
      handlingUnitId: committeeId,
      answerText: 'Đã vá ổ gà trong ngày 25/11.',
    });
    await follow(follower.id, report.id);
    const event = await insertEvent(t.db, report.id, { type: 'answered', actorId: officer.id, toStatus: 'resolved' });
    await t.runJobs();

    const mine = await notificationsOf(reporter.id);
    expect(mine).toEqual([
      {
        kind: 'report.answered',
        report_id: report.id,
        title_vi: `Phản ánh ${report.publicCode} đã được xử lý`,
        title_en: `Report ${report.publicCode} has been resolved`,
        body_vi: 'Đã vá ổ gà trong ngày 25/11.',
      },
    ]);
    expect(await notificationsOf(follower.id)).toHaveLength(1);
    expect(await notificationsOf(officer.id)).toEqual([]); // the one who answered

    const toReporter = mail.received.find((m) => m.to.includes('nguoidan@example.vn'))!;
    expect(toReporter.from).toBe('thongbao@thainguyen.gov.vn');
    expect(toReporter.subject).toBe(`[Xã Số] Phản ánh ${report.publicCode} đã được xử lý`);
    expect(toReporter.text).toContain('Đã vá ổ gà trong ngày 25/11.');
    expect(toReporter.text).toContain(`https://xaso.example.vn/reports/${report.id}`);
    expect(toReporter.raw).not.toContain(reporter.phone!);
    expect(toReporter.text).not.toContain(reporter.phone!);
    const toFollower = mail.received.find((m) => m.to.includes('follower@example.org'))!;
    expect(toFollower.subject).toBe(`[Xã Số] Report ${report.publicCode} has been resolved`);

    // The same job again (a retry after a crash, or a duplicate): nobody is told twice.
    const before = mail.received.length;
    await t.database.query("insert into jobs (kind, payload) values ('feedback.event', $1::jsonb)", [
      JSON.stringify({ reportId: report.id, eventId: event.id }),
    ]);
    await t.runJobs();
    expect(await notificationsOf(reporter.id)).toHaveLength(1);
    expect(mail.received.length).toBe(before);
  });

  it('tells the screening officers of the commune about a new report, not the reporter who sent it', async () => {
    const reporter = await person({ email: 'moi@example.vn' });
    const officer = await person({ role: 'handling_officer' });
    const report = await insertReport(t.db, { categoryId, reporterId: reporter.id });
    await insertEvent(t.db, report.id, { type: 'submitted', actorId: reporter.id, toStatus: 'pending' });
    await t.runJobs();
    expect(await notificationsOf(reporter.id)).toEqual([]);
    expect((await notificationsOf(officer.id)).map((n) => n.title_vi)).toEqual([
      `Phản ánh mới ${report.publicCode} cần sàng lọc`,
    ]);
  });

  it('keeps internal events inside the office: notes reach nobody, reminders and reopenings the officers only', async () => {
    const reporter = await person();
    const follower = await person();
    const officer = await person({ role: 'handling_officer' });
    const report = await insertReport(t.db, {
      categoryId,
      reporterId: reporter.id,
      status: 'distributed',
      handlingUnitId: committeeId,
    });
    await t.database.query("update reports set due_at = '2026-12-01T03:00:00Z' where id = $1", [report.id]);
    await follow(follower.id, report.id);
    await insertEvent(t.db, report.id, { type: 'note', actorId: officer.id, public: false, reason: 'Gọi lại sau' });
    await t.runJobs();
    expect(await notificationsOf(officer.id)).toEqual([]);
    await insertEvent(t.db, report.id, { type: 'reminder', public: false });
    await insertEvent(t.db, report.id, {
      type: 'reopened',
      actorId: reporter.id,
      public: false,
      reason: 'Vẫn còn ổ gà',
    });
    await t.runJobs();
    expect(await notificationsOf(reporter.id)).toEqual([]);
    expect(await notificationsOf(follower.id)).toEqual([]);
    expect((await notificationsOf(officer.id)).map((n) => [n.title_vi, n.body_vi])).toEqual([
      [`Phản ánh ${report.publicCode} sắp đến hạn xử lý`, 'Hạn xử lý: 01/12/2026 10:00.'],
      [`Phản ánh ${report.publicCode} được mở lại, cần xử lý lại`, 'Lý do: Vẫn còn ổ gà'],
    ]);
  });

  it("an overdue report escalated to the unit above reaches that unit's officers, and its own", async () => {
    const reporter = await person();
    const here = await person({ role: 'handling_officer' });
    const aboveUser = await createUser(t.db, { role: 'handling_officer', handlingUnitCode: 'ubnd-19' });
    const [above] = await t.database.query<{ id: string; name: string }>(
      "select id, name from handling_units where code = 'ubnd-19'",
    );
    const report = await insertReport(t.db, {
      categoryId,
      reporterId: reporter.id,
      status: 'distributed',
      handlingUnitId: committeeId,
    });
    await insertEvent(t.db, report.id, { type: 'escalated', public: false, toHandlingUnitId: above.id });
    await t.runJobs();
    expect((await notificationsOf(aboveUser.id)).map((n) => n.title_vi)).toEqual([
      `Phản ánh ${report.publicCode} quá hạn, đã chuyển lên ${above.name}`,
    ]);
    // The unit holding the report is told it is overdue too (issue 7.11).
    expect((await notificationsOf(here.id)).map((n) => n.title_vi)).toEqual([
      `Phản ánh ${report.publicCode} quá hạn, đã chuyển lên ${above.name}`,
    ]);
    expect(await notificationsOf(reporter.id)).toEqual([]);
  });

  it('texts a reporter without e-mail when they must act, by Zalo when they came through Zalo', async () => {
    const bySms = await person();
    const byZalo = await person();
    const officer = await person({ role: 'handling_officer' });
    const a = await insertReport(t.db, { categoryId, reporterId: bySms.id });
    const b = await insertReport(t.db, { categoryId, reporterId: byZalo.id, channel: 'zalo' });
    await insertEvent(t.db, a.id, { type: 'information_requested', actorId: officer.id, reason: 'Xin ảnh rõ hơn' });
    await insertEvent(t.db, b.id, { type: 'cancelled', actorId: officer.id, toStatus: 'cancelled' });
    await t.runJobs();
    expect(t.sms.sent.filter((s) => s.phone === bySms.phone)).toEqual([
      {
        phone: bySms.phone,
        text: `Xã Số: Phản ánh ${a.publicCode} cần bổ sung thông tin. https://xaso.example.vn/reports/${a.id}`,
      },
    ]);
    const zalo = (notifyProviders(t.app.ctx).zalo as unknown as { sent: { phone: string; text: string }[] }).sent;
    expect(zalo.map((z) => z.phone)).toEqual([byZalo.phone]);
    expect(zalo[0].text).toContain(`Phản ánh ${b.publicCode} đã bị hủy`);
    expect(t.sms.sent.some((s) => s.phone === byZalo.phone)).toBe(false);
    expect((await notificationsOf(bySms.id))[0].body_vi).toBe('Lý do: Xin ảnh rõ hơn');
  });

  it('masks recipients in development logs', () => {
    expect(maskRecipient('0912345678')).toBe('*******678');
    expect(maskRecipient('nguoidan@example.vn')).toBe('n***@example.vn');
  });
});

describe('notification centre', () => {
  it('lists my notifications newest first with a cursor, counts unread, marks read', async () => {
    const me = await person({ locale: 'en' });
    const other = await person();
    const officer = await person({ role: 'handling_officer' });
    const reports = [];
    for (let i = 0; i < 3; i++) {
      const r = await insertReport(t.db, { categoryId, reporterId: me.id, status: 'distributed' });
      reports.push(r);
      await insertEvent(t.db, r.id, {
        type: 'accepted',
        actorId: officer.id,
        toStatus: 'distributed',
        toHandlingUnitId: committeeId,
      });
    }
    const theirs = await insertReport(t.db, { categoryId, reporterId: other.id, status: 'distributed' });
    await insertEvent(t.db, theirs.id, { type: 'accepted', actorId: officer.id, toStatus: 'distributed' });
    await t.runJobs();
    const headers = await t.sessionHeaders(me.id);

    const first = await t.app.inject({ url: '/api/notifications?limit=2', headers });
    expect(first.statusCode).toBe(200);
    const page1 = first.json();
    expect(page1.unread).toBe(3);
    expect(page1.items).toHaveLength(2);
    expect(page1.items[0]).toMatchObject({
      kind: 'report.accepted',
      reportId: reports[2].id,
      title: `Report ${reports[2].publicCode} accepted`,
      body: `Assigned to ${committeeNameEn}.`,
      link: `/reports/${reports[2].id}`,
      readAt: null,
    });
    const second = (
      await t.app.inject({ url: `/api/notifications?limit=2&cursor=${page1.nextCursor}`, headers })
    ).json();
    expect(second.items.map((n: { reportId: string }) => n.reportId)).toEqual([reports[0].id]);
    expect(second.nextCursor).toBeNull();

    const read = await t.app.inject({ method: 'POST', url: `/api/notifications/${page1.items[0].id}/read`, headers });
    expect(read.statusCode).toBe(200);
    expect(read.json().readAt).not.toBeNull();
    expect((await t.app.inject({ url: '/api/notifications/unread-count', headers })).json()).toEqual({ unread: 2 });
    const unreadOnly = (await t.app.inject({ url: '/api/notifications?unread=1', headers })).json();
    expect(unreadOnly.items).toHaveLength(2);

    const all = await t.app.inject({ method: 'POST', url: '/api/notifications/read-all', headers });
    expect(all.json()).toEqual({ updated: 2, unread: 0 });
  });

  it('refuses a made-up cursor with a 400 naming it', async () => {
    const me = await person();
    const res = await t.app.inject({ url: '/api/notifications?cursor=bm9wZQ', headers: await t.sessionHeaders(me.id) });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields.cursor).toBeTruthy();
  });
});

describe('following reports', () => {
  it('follows and unfollows a public report; a pending report of someone else is not found', async () => {
    const me = await person();
    const reporter = await person();
    const open = await insertReport(t.db, { categoryId, reporterId: reporter.id, status: 'distributed' });
    const pending = await insertReport(t.db, { categoryId, reporterId: reporter.id });
    const spam = await insertReport(t.db, { categoryId, status: 'cancelled', cancelReason: 'spam' });
    const headers = await t.sessionHeaders(me.id);
    const followers = async (id: string) =>
      (
        await t.database.query<{ user_id: string }>('select user_id from report_followers where report_id = $1', [id])
      ).map((r) => r.user_id);

    const res = await t.app.inject({ method: 'POST', url: `/api/reports/${open.id}/follow`, headers });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ reportId: open.id, following: true });
    await t.app.inject({ method: 'POST', url: `/api/reports/${open.id}/follow`, headers }); // twice is once
    expect((await t.app.inject({ url: `/api/reports/${open.id}/follow`, headers })).json()).toEqual({
      reportId: open.id,
      following: true,
    });
    expect(await followers(open.id)).toEqual([me.id]);
    const off = await t.app.inject({ method: 'DELETE', url: `/api/reports/${open.id}/follow`, headers });
    expect(off.json()).toEqual({ reportId: open.id, following: false });
    expect(await followers(open.id)).toEqual([]);
    expect((await t.app.inject({ url: `/api/reports/${open.id}/follow`, headers })).json().following).toBe(false);

    for (const r of [pending, spam])
      expect((await t.app.inject({ method: 'POST', url: `/api/reports/${r.id}/follow`, headers })).statusCode).toBe(
        404,
      );
    const own = await t.app.inject({
      method: 'POST',
      url: `/api/reports/${pending.id}/follow`,
      headers: await t.sessionHeaders(reporter.id),
    });
    expect(own.statusCode).toBe(200);
    const bad = await t.app.inject({ method: 'POST', url: '/api/reports/not-a-uuid/follow', headers });
    expect(bad.statusCode).toBe(400);
  });

  it('follows from the public page by the public code, with the same rule as by id', async () => {
    const me = await person();
    const reporter = await person();
    const open = await insertReport(t.db, { categoryId, reporterId: reporter.id, status: 'resolved' });
    const pending = await insertReport(t.db, { categoryId, reporterId: reporter.id });
    const spam = await insertReport(t.db, { categoryId, status: 'cancelled', cancelReason: 'spam' });
    const headers = await t.sessionHeaders(me.id);
    const url = (code: string) => `/api/public/reports/${code}/follow`;

    expect((await t.app.inject({ url: url(open.publicCode), headers })).json()).toEqual({
      publicCode: open.publicCode,
      following: false,
    });
    const on = await t.app.inject({ method: 'POST', url: url(open.publicCode), headers });
    expect(on.statusCode).toBe(200);
    expect(on.json()).toEqual({ publicCode: open.publicCode, following: true });
    // The follow is the same row as by id: the id route sees it, and a resolution notice would reach this person.
    expect((await t.app.inject({ url: `/api/reports/${open.id}/follow`, headers })).json().following).toBe(true);
    const off = await t.app.inject({ method: 'DELETE', url: url(open.publicCode), headers });
    expect(off.json()).toEqual({ publicCode: open.publicCode, following: false });

    for (const code of [pending.publicCode, spam.publicCode, 'NO-SUCH-CODE']) {
      const res = await t.app.inject({ method: 'POST', url: url(code), headers });
      expect(res.statusCode, code).toBe(404);
    }
    const rows = await t.database.query('select 1 from report_followers where user_id = $1', [me.id]);
    expect(rows).toHaveLength(0);
    const bad = await t.app.inject({ method: 'POST', url: url('a b'), headers });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields['params.publicCode']).toBe('Mã phản ánh không hợp lệ.');
  });
});
