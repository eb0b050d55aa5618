/**
 * Officers are told about their work (issue 7, point 11): a report assigned or forwarded to their unit, one nearing
 * its deadline, one past it. In-app through the notifications domain's outbox jobs, and by e-mail when the officer
 * has an address (a real SMTP server in this process). The deadline jobs are run directly with a pinned clock.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/harness.js';
import { startSmtpServer } from '../notifications/test-support.js';
import { createFeedbackCore } from './core.js';
import { escalateOverdue, remindOfDeadline } from './deadlines.js';
import { act, categoryId, DINH_HOA, handlingUnitId, type Person, person, submit } from './test-support.js';

let t: TestApp;
let mail: Awaited<ReturnType<typeof startSmtpServer>>;
let citizen: Person;
let screener: Person;
let colleague: Person;
let provinceOfficer: Person;
let elsewhere: Person;
let giaoThong: string;
let provinceCommittee: { id: string; name: string };

beforeAll(async () => {
  mail = await startSmtpServer();
  t = await createTestApp({ SMTP_URL: mail.url, PUBLIC_URL: 'https://xaso.example.vn' });
  citizen = await person(t, 'citizen');
  screener = await person(t, 'handling_officer', { handlingUnitCode: 'ubnd-05569' });
  colleague = await person(t, 'handling_officer', { handlingUnitCode: 'ubnd-05569' });
  provinceOfficer = await person(t, 'handling_officer', { handlingUnitCode: 'ubnd-19' });
  elsewhere = await person(t, 'handling_officer', { handlingUnitCode: 'ubnd-05443' });
  await t.database.query("update users set email = 'dong.nghiep@dinhhoa.gov.vn' where id = $1", [colleague.id]);
  giaoThong = await categoryId(t, 'giao-thong');
  const [row] = await t.database.query<{ id: string; name: string }>(
    "select id, name from handling_units where code = 'ubnd-19'",
  );
  provinceCommittee = row;
});
afterAll(async () => {
  await t.close();
  await mail.close();
});

const titles = async (who: Person, reportId: string) =>
  (
    await t.database.query<{ title_vi: string }>(
      'select title_vi from notifications where user_id = $1 and report_id = $2 order by created_at, id',
      [who.id, reportId],
    )
  ).map((n) => n.title_vi);

async function accepted(body: object = {}) {
  const res = await submit(t, citizen, {
    categoryId: giaoThong,
    description: 'Biển báo giao thông bị đổ ở ngã ba.',
    lat: DINH_HOA.lat,
    lng: DINH_HOA.lng,
  });
  const { id, publicCode } = res.json();
  expect((await act(t, screener, id, 'accept', body)).statusCode).toBe(200);
  await t.runJobs();
  const [r] = await t.database.query<{ due_at: Date }>('select due_at from reports where id = $1', [id]);
  return { id: id as string, publicCode: publicCode as string, dueAt: new Date(r.due_at) };
}

describe('officers are told about their work', () => {
  it('a report assigned to their unit: in-app to every officer of the unit but the one who routed it, and by e-mail', async () => {
    const r = await accepted();
    expect(await titles(colleague, r.id)).toEqual([
      `Phản ánh mới ${r.publicCode} cần sàng lọc`,
      `Phản ánh ${r.publicCode} được giao cho đơn vị của bạn`,
    ]);
    expect(await titles(screener, r.id)).toEqual([`Phản ánh mới ${r.publicCode} cần sàng lọc`]);
    expect(await titles(elsewhere, r.id)).toEqual([]);
    const sent = mail.received.filter((m) => m.to.includes('dong.nghiep@dinhhoa.gov.vn'));
    expect(sent.map((m) => m.subject)).toContain(`[Xã Số] Phản ánh ${r.publicCode} được giao cho đơn vị của bạn`);
    const assigned = sent.find((m) => m.subject.includes('được giao'))!;
    expect(assigned.text).toContain(`https://xaso.example.vn/reports/${r.id}`);
    expect(assigned.text).toContain('Hạn xử lý:');
  });

  it('a report forwarded to their unit', async () => {
    const r = await accepted();
    const fwd = await act(t, screener, r.id, 'forward', {
      handlingUnitId: provinceCommittee.id,
      reason: 'Tuyến đường do tỉnh quản lý.',
    });
    expect(fwd.statusCode).toBe(200);
    await t.runJobs();
    expect(await titles(provinceOfficer, r.id)).toEqual([`Phản ánh ${r.publicCode} được chuyển tới đơn vị của bạn`]);
  });

  it('a report nearing its deadline (the reminder job, run directly)', async () => {
    const r = await accepted();
    const core = createFeedbackCore(t.app.ctx, t.app.services);
    await remindOfDeadline(core, { reportId: r.id, dueAt: r.dueAt.toISOString() });
    // A reminder for a deadline that is no longer the report's does nothing.
    await remindOfDeadline(core, { reportId: r.id, dueAt: new Date(r.dueAt.getTime() + 1000).toISOString() });
    await t.runJobs();
    const nearly = `Phản ánh ${r.publicCode} sắp đến hạn xử lý`;
    expect((await titles(colleague, r.id)).filter((x) => x === nearly)).toHaveLength(1);
    expect((await titles(screener, r.id)).filter((x) => x === nearly)).toHaveLength(1);
    expect(await titles(citizen, r.id)).not.toContain(nearly);
  });

  it('a report past its deadline (pinned clock): its own unit and the unit above are told, once', async () => {
    const r = await accepted();
    const core = createFeedbackCore(t.app.ctx, t.app.services);
    const job = { reportId: r.id, dueAt: r.dueAt.toISOString() };
    // Before the deadline the job refuses (it is retried later) and nothing changes.
    await expect(escalateOverdue(core, job, new Date(r.dueAt.getTime() - 60_000))).rejects.toThrow('not yet due');
    await t.runJobs();
    expect(await titles(colleague, r.id)).not.toContain(expect.stringContaining('quá hạn'));
    // One minute after the deadline.
    await escalateOverdue(core, job, new Date(r.dueAt.getTime() + 60_000));
    await escalateOverdue(core, job, new Date(r.dueAt.getTime() + 120_000)); // at least once: no second escalation
    await t.runJobs();
    const overdue = `Phản ánh ${r.publicCode} quá hạn, đã chuyển lên ${provinceCommittee.name}`;
    for (const who of [colleague, screener, provinceOfficer])
      expect((await titles(who, r.id)).filter((x) => x === overdue)).toHaveLength(1);
    expect(await titles(elsewhere, r.id)).toEqual([]);
    expect(await titles(citizen, r.id)).not.toContain(overdue);
    const [row] = await t.database.query<{ escalated_at: Date }>('select escalated_at from reports where id = $1', [
      r.id,
    ]);
    expect(new Date(row.escalated_at).getTime()).toBe(r.dueAt.getTime() + 60_000);
  });

  it('a report past its deadline at a unit with none above: "overdue" to its officers', async () => {
    const r = await accepted({ handlingUnitId: await handlingUnitId(t, 'ubnd-19') });
    expect(await titles(provinceOfficer, r.id)).toEqual([`Phản ánh ${r.publicCode} được giao cho đơn vị của bạn`]);
    await escalateOverdue(
      createFeedbackCore(t.app.ctx, t.app.services),
      { reportId: r.id, dueAt: r.dueAt.toISOString() },
      new Date(r.dueAt.getTime() + 1),
    );
    await t.runJobs();
    expect(await titles(provinceOfficer, r.id)).toContain(`Phản ánh ${r.publicCode} đã quá hạn xử lý`);
  });
});
