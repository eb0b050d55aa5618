import { getSolarDate } from '@dqcai/vn-lunar';
import { errors } from './errors.js';

/**
 * The Vietnamese working-day calendar: deadlines count working days (Monday–Friday, not public holidays).
 * Dates here are calendar days in Vietnam (Asia/Ho_Chi_Minh, UTC+7, no daylight saving), written "YYYY-MM-DD".
 */

export interface Holiday {
  date: string;
  name: { vi: string; en: string };
  /** A day off given because a holiday fell on a weekend (Labor Code 2019, art. 112.3). */
  compensatory?: boolean;
}

const VN_OFFSET_MS = 7 * 3_600_000;
const DAY_MS = 86_400_000;

const iso = (y: number, m: number, d: number) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
const addDays = (date: string, n: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
const weekday = (date: string) => new Date(`${date}T00:00:00Z`).getUTCDay();
const isWeekend = (date: string) => [0, 6].includes(weekday(date));

/** A period of days (`yyyy-mm-dd`, `to` inclusive) must not end before it starts: 400 naming `to`. */
export function assertDayRange(q: { from?: string; to?: string }): void {
  if (q.from && q.to && q.from > q.to)
    throw errors.invalidField('to', {
      vi: 'Ngày kết thúc phải sau ngày bắt đầu.',
      en: 'The end date must not be before the start date.',
    });
}

/** The day in Vietnam of an instant. */
export function vnDate(at: Date): string {
  return new Date(at.getTime() + VN_OFFSET_MS).toISOString().slice(0, 10);
}

/** "16/12/2026 14:30": an instant written in Vietnam's time (exports, messages). */
export function vnDateTimeText(at: Date): string {
  const v = new Date(at.getTime() + VN_OFFSET_MS).toISOString();
  return `${v.slice(8, 10)}/${v.slice(5, 7)}/${v.slice(0, 4)} ${v.slice(11, 16)}`;
}

/** A month (`YYYY-MM`) moved by n months. */
export function addMonths(month: string, n: number): string {
  const i = Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1 + n;
  return `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
}

/** How many months a period (`YYYY-MM` to `YYYY-MM`) spans, both ends counted. */
/** The last day of a YYYY-MM month: "2026-02" → "2026-02-28". */
export function lastDayOfMonth(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}

export function monthSpan(from: string, to: string): number {
  return (
    (Number(to.slice(0, 4)) - Number(from.slice(0, 4))) * 12 + Number(to.slice(5, 7)) - Number(from.slice(5, 7)) + 1
  );
}

/** Midnight at the start of a Vietnamese day, as an instant. */
export function vnMidnight(date: string): Date {
  return new Date(Date.parse(`${date}T00:00:00Z`) - VN_OFFSET_MS);
}

/**
 * The public holidays of the Labor Code 2019 (art. 112) for a year, as a default the province edits:
 * Tết Dương lịch; Tết Nguyên đán (the last day of the lunar year and the first four days of the new one — the
 * Government fixes the exact days each year); Giỗ Tổ Hùng Vương (10/3 lunar); 30/4 and 1/5; Quốc khánh 2/9 and the
 * day before; plus a compensatory weekday for each holiday that falls on a weekend.
 */
export function defaultHolidays(year: number): Holiday[] {
  const tet = getSolarDate(1, 1, year);
  const tetDay = iso(tet.year, tet.month, tet.day);
  const gioTo = getSolarDate(10, 3, year);
  const days: Holiday[] = [
    { date: iso(year, 1, 1), name: { vi: 'Tết Dương lịch', en: "New Year's Day" } },
    ...[-1, 0, 1, 2, 3].map((offset) => ({
      date: addDays(tetDay, offset),
      name: { vi: 'Tết Nguyên đán', en: 'Lunar New Year (Tết)' },
    })),
    {
      date: iso(gioTo.year, gioTo.month, gioTo.day),
      name: { vi: 'Giỗ Tổ Hùng Vương', en: 'Hung Kings Commemoration Day' },
    },
    { date: iso(year, 4, 30), name: { vi: 'Ngày Chiến thắng', en: 'Reunification Day' } },
    { date: iso(year, 5, 1), name: { vi: 'Ngày Quốc tế Lao động', en: 'International Labour Day' } },
    { date: iso(year, 9, 1), name: { vi: 'Quốc khánh (ngày liền kề)', en: 'National Day (adjacent day)' } },
    { date: iso(year, 9, 2), name: { vi: 'Quốc khánh', en: 'National Day' } },
  ];
  const taken = new Set(days.map((d) => d.date));
  const compensatory: Holiday[] = [];
  for (const h of days.filter((d) => isWeekend(d.date))) {
    let next = addDays(h.date, 1);
    while (isWeekend(next) || taken.has(next)) next = addDays(next, 1);
    taken.add(next);
    compensatory.push({
      date: next,
      name: { vi: `Nghỉ bù ${h.name.vi}`, en: `In lieu of ${h.name.en}` },
      compensatory: true,
    });
  }
  return [...days, ...compensatory].sort((a, b) => a.date.localeCompare(b.date));
}

export interface WorkingCalendar {
  isWorkingDay(date: string): boolean;
  /**
   * The deadline `days` working days after `from`: the end (24:00 Vietnam time) of the n-th working day after the
   * day of `from`. A report received on Friday afternoon with 3 working days is due at the end of Wednesday.
   */
  addWorkingDays(from: Date, days: number): Date;
  /** Working days between two instants' Vietnamese days (from exclusive, to inclusive). */
  workingDaysBetween(from: Date, to: Date): number;
}

/** A calendar over a set of holiday dates (from the database, where the province keeps them per year). */
export function createWorkingCalendar(holidayDates: Iterable<string>): WorkingCalendar {
  const holidays = new Set(holidayDates);
  const isWorkingDay = (date: string) => !isWeekend(date) && !holidays.has(date);
  return {
    isWorkingDay,
    addWorkingDays(from, days) {
      let date = vnDate(from);
      let left = days;
      while (left > 0) {
        date = addDays(date, 1);
        if (isWorkingDay(date)) left -= 1;
      }
      return vnMidnight(addDays(date, 1));
    },
    workingDaysBetween(from, to) {
      let n = 0;
      for (let d = addDays(vnDate(from), 1); d <= vnDate(to); d = addDays(d, 1)) if (isWorkingDay(d)) n += 1;
      return n;
    },
  };
}
