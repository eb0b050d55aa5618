import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/harness.js';
import { seedDefaultHolidays } from '../calendar/service.js';
import * as categoryRepo from './category-repo.js';
import { createFeedbackCore } from './core.js';
import { computeDeadline } from './deadlines.js';
import { act, categoryId, DINH_HOA, handlingUnitId, type Person, person, submit } from './test-support.js';

let t: TestApp;
let citizen: Person;
let screener: Person;
let admin: Person;

beforeAll(async () => {
  t = await createTestApp();
  citizen = await person(t, 'citizen');
  screener = await person(t, 'handling_officer', { handlingUnitCode: 'ubnd-05569' });
  admin = await person(t, 'province_admin', { unitCode: '19' });
});
afterAll(() => t.close());

async function category(code: string) {
  return (await categoryRepo.findCategory(t.db, code))!;
}
const due = async (code: string, from: string) =>
  (
    await computeDeadline(
      createFeedbackCore(t.app.ctx, t.app.services),
      t.db,
      '19',
      await category(code),
      new Date(from),
    )
  ).dueAt.toISOString();

describe('deadlines on the province calendar', () => {
  it('skips the weekend: 3 working days from a Friday afternoon end on Wednesday night', async () => {
    await t.database.query("update feedback_categories set deadline_working_days = 3 where code = 'khac'");
    // Friday 4 December 2026, 15:00 in Vietnam.
    expect(await due('khac', '2026-12-04T08:00:00Z')).toBe('2026-12-09T17:00:00.000Z');
  });

  it('skips Tết from the holidays table, and follows the province’s edits', async () => {
    // The reference seed adds this year and next; 2027 is seeded here so the test does not depend on today's date.
    await seedDefaultHolidays(t.db, '19', 2027);
    const tet = await t.database.query<{ date: string }>(
      "select to_char(date, 'YYYY-MM-DD') as date from holidays where province_code = '19' and name_vi like '%Tết Nguyên đán%' and date between '2027-01-01' and '2027-12-31' order by date",
    );
    expect(tet.map((r) => r.date)).toEqual([
      '2027-02-05',
      '2027-02-06',
      '2027-02-07',
      '2027-02-08',
      '2027-02-09',
      '2027-02-10',
      '2027-02-11',
    ]);
    // Thursday 4 February 2027, 10:00: Fri 5 – Thu 11 are Tết and its compensatory days → Fri 12, Mon 15, Tue 16.
    expect(await due('khac', '2027-02-04T03:00:00Z')).toBe('2027-02-16T17:00:00.000Z');
    // The province gives one more day off: the deadline moves by a working day.
    const added = await t.app.inject({
      method: 'POST',
      url: '/api/holidays',
      headers: admin.headers,
      payload: { date: '2027-02-12', nameVi: 'Nghỉ thêm Tết', nameEn: 'Extra Tết day' },
    });
    expect(added.statusCode).toBe(201);
    expect(await due('khac', '2027-02-04T03:00:00Z')).toBe('2027-02-17T17:00:00.000Z');
  });

  it('counts hours for emergencies', async () => {
    expect(await due('thien-tai-khan-cap', '2027-02-06T03:00:00Z')).toBe('2027-02-07T03:00:00.000Z');
  });
});

describe('reminder and escalation jobs', () => {
  async function accepted() {
    const res = await submit(t, citizen, {
      categoryId: await categoryId(t, 'giao-thong'),
      description: 'Sạt lở taluy dương trên đường vào xã.',
      lat: DINH_HOA.lat,
      lng: DINH_HOA.lng,
    });
    const id = res.json().id as string;
    expect((await act(t, screener, id, 'accept')).statusCode).toBe(200);
    return id;
  }
  const events = async (id: string) =>
    t.database.query<{ type: string; public: boolean; to_handling_unit_id: string | null }>(
      'select type, public, to_handling_unit_id from report_events where report_id = $1 order by id',
      [id],
    );
  const jobOf = async (kind: string, id: string) =>
    (
      await t.database.query<{ run_at: Date; done: boolean }>(
        "select run_at, done_at is not null as done from jobs where kind = $1 and payload->>'reportId' = $2",
        [kind, id],
      )
    )[0];

  it('reminds one working day before, escalates to the parent unit at the deadline, once', async () => {
    const id = await accepted();
    const [report] = await t.database.query<{ due_at: Date }>('select due_at from reports where id = $1', [id]);
    const reminder = await jobOf('feedback.reminder', id);
    const overdue = await jobOf('feedback.overdue', id);
    expect(new Date(overdue.run_at).getTime()).toBe(new Date(report.due_at).getTime());
    expect(new Date(reminder.run_at).getTime()).toBeLessThan(new Date(report.due_at).getTime());

    await t.runJobs();
    expect((await events(id)).map((e) => e.type)).not.toContain('reminder'); // not yet due

    await t.database.query(
      "update jobs set run_at = now() where kind = 'feedback.reminder' and payload->>'reportId' = $1",
      [id],
    );
    await t.runJobs();
    expect((await events(id)).filter((e) => e.type === 'reminder')).toEqual([
      { type: 'reminder', public: false, to_handling_unit_id: null },
    ]);

    // The deadline passes: move it (and its job) into the past.
    const past = new Date(Date.now() - 60_000);
    await t.database.query('update reports set due_at = $2 where id = $1', [id, past]);
    await t.database.query(
      `update jobs set run_at = now(), payload = jsonb_set(payload, '{dueAt}', to_jsonb($2::text))
       where kind = 'feedback.overdue' and payload->>'reportId' = $1`,
      [id, past.toISOString()],
    );
    await t.runJobs();
    const escalated = (await events(id)).filter((e) => e.type === 'escalated');
    expect(escalated).toEqual([
      { type: 'escalated', public: false, to_handling_unit_id: await handlingUnitId(t, 'ubnd-19') },
    ]);
    const [row] = await t.database.query<{ escalated: boolean }>(
      'select escalated_at is not null as escalated from reports where id = $1',
      [id],
    );
    expect(row.escalated).toBe(true);
    // Running the job again (at-least-once delivery) changes nothing.
    await t.database.query(
      "update jobs set run_at = now(), done_at = null where kind = 'feedback.overdue' and payload->>'reportId' = $1",
      [id],
    );
    await t.runJobs();
    expect((await events(id)).filter((e) => e.type === 'escalated')).toHaveLength(1);
    // The escalation is in the officers' inbox view as overdue.
    const inbox = (await t.app.inject({ method: 'GET', url: '/api/reports/inbox', headers: screener.headers })).json();
    expect(inbox.items[0]).toMatchObject({ id, overdue: true });
    // The unit above sees it in its inbox and may read it; an unrelated unit may not.
    const province = await person(t, 'handling_officer', { handlingUnitCode: 'ubnd-19' });
    const above = (await t.app.inject({ method: 'GET', url: '/api/reports/inbox', headers: province.headers })).json();
    expect(above.items.map((r: { id: string; escalated: boolean }) => [r.id, r.escalated])).toEqual([[id, true]]);
    const read = await t.app.inject({ method: 'GET', url: `/api/reports/${id}`, headers: province.headers });
    expect(read.statusCode).toBe(200);
    expect(read.json().private).not.toBeNull();
    const unrelated = await person(t, 'handling_officer', { handlingUnitCode: 'ubnd-05443' });
    expect(
      (await t.app.inject({ method: 'GET', url: `/api/reports/${id}`, headers: unrelated.headers })).statusCode,
    ).toBe(404);
  });

  it('does nothing for a report answered before its reminder', async () => {
    const id = await accepted();
    await act(t, screener, id, 'answer', { text: 'Đã khắc phục.' });
    await t.database.query("update jobs set run_at = now() where payload->>'reportId' = $1", [id]);
    await t.runJobs();
    const types = (await events(id)).map((e) => e.type);
    expect(types).not.toContain('reminder');
    expect(types).not.toContain('escalated');
    expect((await jobOf('feedback.reminder', id)).done).toBe(true);
  });
});
