import type { Executor } from '../../db/client.js';
import type { CategoryRow } from './category-repo.js';
import type { FeedbackCore } from './core.js';
import { type DeadlineJob, deadlineOverdueJob, deadlineReminderJob } from './jobs.js';
import * as repo from './report-repo.js';

const HOUR_MS = 3_600_000;
const DEFAULT_WORKING_DAYS = 10;

export interface Deadline {
  dueAt: Date;
  /** When the handling unit is reminded: one working day before (or with a quarter of the hours left). */
  remindAt: Date;
}

/**
 * The deadline of work starting at `from`: the category's hours for emergencies, else its working days on the
 * province's calendar (weekends and the holidays table, Tết included).
 */
export async function computeDeadline(
  core: FeedbackCore,
  exec: Executor,
  provinceCode: string,
  category: CategoryRow,
  from: Date,
): Promise<Deadline> {
  if (category.deadlineHours) {
    const ms = category.deadlineHours * HOUR_MS;
    return { dueAt: new Date(from.getTime() + ms), remindAt: new Date(from.getTime() + ms * 0.75) };
  }
  const days = category.deadlineWorkingDays ?? DEFAULT_WORKING_DAYS;
  const cal = await core.calendar.workingCalendar(exec, provinceCode, from);
  return { dueAt: cal.addWorkingDays(from, days), remindAt: cal.addWorkingDays(from, days - 1) };
}

/**
 * Enqueues the reminder and the overdue check of a deadline (in the caller's transaction). Keys carry the due
 * time: a new deadline (after reopening) gets its own jobs, and jobs of an old one find it changed and do nothing.
 */
export async function scheduleDeadline(exec: Executor, reportId: string, d: Deadline) {
  const due = d.dueAt.toISOString();
  await deadlineReminderJob.enqueue(
    exec,
    { reportId, dueAt: due },
    {
      runAt: d.remindAt,
      dedupeKey: `${deadlineReminderJob.kind}:${reportId}:${d.dueAt.getTime()}`,
    },
  );
  await deadlineOverdueJob.enqueue(
    exec,
    { reportId, dueAt: due },
    {
      runAt: d.dueAt,
      dedupeKey: `${deadlineOverdueJob.kind}:${reportId}:${d.dueAt.getTime()}`,
    },
  );
}

const stillDue = (r: repo.ReportRow | null, dueAt: string): r is repo.ReportRow =>
  !!r && r.status === 'distributed' && !!r.dueAt && r.dueAt.getTime() === Date.parse(dueAt);

/**
 * Job `feedback.reminder`: the handling unit is reminded of a report still open at its deadline (a `reminder`
 * event, whose `feedback.event` job tells the unit's officers). Nothing if the deadline changed or it was answered.
 */
export async function remindOfDeadline(core: FeedbackCore, p: DeadlineJob) {
  await core.db.transaction(async (tx) => {
    const r = await repo.lockReport(tx, p.reportId);
    if (!stillDue(r, p.dueAt)) return;
    await core.record(
      tx,
      'system',
      r,
      {},
      {
        type: 'reminder',
        public: false,
        details: { dueAt: p.dueAt, handlingUnitId: r.handlingUnitId },
      },
    );
  });
}

/**
 * Job `feedback.overdue`: a report still open past its deadline is marked escalated, to the handling unit's parent
 * (an `escalated` event: the unit's officers and those above are told). `now` is the clock (tests pin it).
 */
export async function escalateOverdue(core: FeedbackCore, p: DeadlineJob, now: Date = new Date()) {
  await core.db.transaction(async (tx) => {
    const r = await repo.lockReport(tx, p.reportId);
    if (!stillDue(r, p.dueAt) || r.escalatedAt) return;
    // A job may run a little early on a clock that drifts; the deadline must really have passed.
    if (r.dueAt!.getTime() > now.getTime()) throw new Error('not yet due');
    const [unit] = await repo.handlingUnitBriefs(tx, r.handlingUnitId ? [r.handlingUnitId] : []);
    await core.record(
      tx,
      'system',
      r,
      { escalatedAt: now },
      {
        type: 'escalated',
        public: false,
        toHandlingUnitId: unit?.parentId ?? null,
        details: { dueAt: p.dueAt },
      },
    );
  });
}
