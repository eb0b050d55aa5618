import type { z } from 'zod';
import type { HolidayCreate, HolidayView } from '../../../common/feedback.js';
import type { Executor } from '../../db/client.js';
import type { Actor } from '../../platform/actor.js';
import { recordAudit } from '../../platform/audit.js';
import { createWorkingCalendar, defaultHolidays, vnDate, type WorkingCalendar } from '../../platform/calendar.js';
import type { AppContext } from '../../platform/context.js';
import { errors } from '../../platform/errors.js';
import * as repo from './repo.js';

const toView = (h: repo.HolidayRow): HolidayView => ({
  provinceCode: h.provinceCode,
  date: h.date,
  nameVi: h.nameVi,
  nameEn: h.nameEn,
  compensatory: h.compensatory,
});

/** A real calendar date ("2026-02-30" is not). */
function validDate(date: string): boolean {
  const d = new Date(`${date}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === date;
}

/** Writes a province's default holidays for a year (Labor Code rules, Tết by the lunar calendar); idempotent. */
export function seedDefaultHolidays(exec: Executor, provinceCode: string, year: number): Promise<number> {
  return repo.insertHolidays(
    exec,
    defaultHolidays(year).map((h) => ({
      provinceCode,
      date: h.date,
      nameVi: h.name.vi,
      nameEn: h.name.en,
      compensatory: !!h.compensatory,
    })),
  );
}

/**
 * At start: a province whose current or next year has no holiday at all gets that year's defaults, so deadlines
 * keep counting Tết after the years seeded at installation. A year the province has edited is left alone.
 */
export async function ensureDefaultHolidayYears(exec: Executor, provinceCode: string, now = new Date()) {
  const year = Number(vnDate(now).slice(0, 4));
  const filled: number[] = [];
  for (const y of [year, year + 1])
    if ((await repo.countHolidaysInYear(exec, provinceCode, y)) === 0) {
      await seedDefaultHolidays(exec, provinceCode, y);
      filled.push(y);
    }
  return filled;
}

/** The province's public holidays (data each province edits per year) and its working-day calendar. */
export function createCalendarService(ctx: AppContext) {
  const db = ctx.db;

  /** Holidays of a province in a year, by date. Public. */
  async function listHolidays(provinceCode: string, year: number): Promise<HolidayView[]> {
    return (await repo.listHolidays(db, provinceCode, `${year}-01-01`, `${year}-12-31`)).map(toView);
  }

  /** Adds a holiday (a day the Government adds, a compensatory day); 409 when the date is already one. */
  async function addHoliday(
    actor: Actor,
    provinceCode: string,
    input: z.output<typeof HolidayCreate>,
    requestId?: string,
  ): Promise<HolidayView> {
    if (!validDate(input.date)) throw errors.invalidField('date', { vi: 'Ngày không tồn tại.', en: 'No such date.' });
    return db.transaction(async (tx) => {
      const row = {
        provinceCode,
        date: input.date,
        nameVi: input.nameVi,
        nameEn: input.nameEn,
        compensatory: input.compensatory,
      };
      if ((await repo.insertHolidays(tx, [row])) === 0)
        throw errors.conflict('holiday_exists', {
          vi: `Ngày ${input.date} đã là ngày nghỉ.`,
          en: `${input.date} is already a holiday.`,
        });
      await recordAudit(
        tx,
        actor,
        {
          action: 'holiday.add',
          resourceType: 'holiday',
          resourceId: null,
          unitPath: provinceCode,
          details: { date: input.date },
        },
        requestId,
      );
      return toView({ ...row, compensatory: row.compensatory });
    });
  }

  /**
   * Writes the default holidays of a year that are not there yet (a province fills next year before it starts);
   * days the province added stay, and so do their names. Returns how many were added and the year's list.
   */
  async function fillDefaultHolidays(actor: Actor, provinceCode: string, year: number, requestId?: string) {
    const added = await db.transaction(async (tx) => {
      const n = await seedDefaultHolidays(tx, provinceCode, year);
      await recordAudit(
        tx,
        actor,
        {
          action: 'holiday.fill_defaults',
          resourceType: 'holiday',
          resourceId: null,
          unitPath: provinceCode,
          details: { year, added: n },
        },
        requestId,
      );
      return n;
    });
    return { added, items: await listHolidays(provinceCode, year) };
  }

  /** Removes a holiday (it becomes a working day again for deadlines computed from now on). */
  async function removeHoliday(actor: Actor, provinceCode: string, date: string, requestId?: string): Promise<void> {
    await db.transaction(async (tx) => {
      if (!(await repo.deleteHoliday(tx, provinceCode, date)))
        throw errors.notFound({ vi: `ngày nghỉ ${date}`, en: `Holiday ${date}` });
      await recordAudit(
        tx,
        actor,
        {
          action: 'holiday.remove',
          resourceType: 'holiday',
          resourceId: null,
          unitPath: provinceCode,
          details: { date },
        },
        requestId,
      );
    });
  }

  /**
   * The working calendar of a province around an instant: holidays of that year and the next two (deadlines are
   * at most a few months away).
   */
  async function workingCalendar(exec: Executor, provinceCode: string, from: Date): Promise<WorkingCalendar> {
    const year = Number(vnDate(from).slice(0, 4));
    const rows = await repo.listHolidays(exec, provinceCode, `${year}-01-01`, `${year + 2}-12-31`);
    return createWorkingCalendar(rows.map((r) => r.date));
  }

  return { listHolidays, addHoliday, fillDefaultHolidays, removeHoliday, workingCalendar };
}

export type CalendarService = ReturnType<typeof createCalendarService>;
