import { describe, expect, it } from 'vitest';
import { createWorkingCalendar, defaultHolidays, lastDayOfMonth, vnDate } from './calendar.js';

const dates = (year: number) => defaultHolidays(year).map((h) => h.date);

describe('Vietnamese public holidays', () => {
  it('puts Tết on the lunar new year: 10/2/2024, 29/1/2025, 17/2/2026, 6/2/2027', () => {
    expect(dates(2024)).toEqual(expect.arrayContaining(['2024-02-09', '2024-02-10', '2024-02-13']));
    expect(dates(2025)).toContain('2025-01-29');
    expect(dates(2026)).toEqual(
      expect.arrayContaining(['2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20']),
    );
    expect(dates(2027)).toContain('2027-02-06');
  });

  it('puts Giỗ Tổ Hùng Vương on 10/3 lunar: 18/4/2024, 7/4/2025, 26/4/2026', () => {
    const gioTo = (y: number) => defaultHolidays(y).find((h) => h.name.vi === 'Giỗ Tổ Hùng Vương')!.date;
    expect([gioTo(2024), gioTo(2025), gioTo(2026)]).toEqual(['2024-04-18', '2025-04-07', '2026-04-26']);
  });

  it('gives a weekday off in lieu of a holiday on a weekend', () => {
    // 26/4/2026 (Giỗ Tổ) is a Sunday; 27/4 is the day in lieu.
    const lieu = defaultHolidays(2026)
      .filter((h) => h.compensatory)
      .map((h) => h.date);
    expect(lieu).toContain('2026-04-27');
    expect(lieu.every((d) => ![0, 6].includes(new Date(`${d}T00:00:00Z`).getUTCDay()))).toBe(true);
  });
});

describe('working-day deadlines', () => {
  const cal = createWorkingCalendar(dates(2026));

  it('skips the weekend: received Friday 27/11/2026 15:00 (Vietnam), 3 working days → end of Wednesday 2/12', () => {
    const due = cal.addWorkingDays(new Date('2026-11-27T08:00:00Z'), 3);
    expect(due.toISOString()).toBe('2026-12-02T17:00:00.000Z'); // 3/12 00:00 in Vietnam
  });

  it('skips Tết: received 13/2/2026, 3 working days → end of 25/2/2026', () => {
    const due = cal.addWorkingDays(new Date('2026-02-13T03:00:00Z'), 3);
    expect(vnDate(new Date(due.getTime() - 1))).toBe('2026-02-25');
  });

  it('counts working days between two instants', () => {
    expect(cal.workingDaysBetween(new Date('2026-11-27T08:00:00Z'), new Date('2026-12-02T08:00:00Z'))).toBe(3);
    expect(cal.isWorkingDay('2026-09-02')).toBe(false);
    expect(cal.isWorkingDay('2026-11-26')).toBe(true);
  });

  it('reads a Vietnamese day across midnight UTC: 23:30 UTC on 26/11 is 27/11 in Vietnam', () => {
    expect(vnDate(new Date('2026-11-26T23:30:00Z'))).toBe('2026-11-27');
  });

  it('ends a month on its last day: February of a common and of a leap year, December', () => {
    expect(lastDayOfMonth('2026-02')).toBe('2026-02-28');
    expect(lastDayOfMonth('2028-02')).toBe('2028-02-29');
    expect(lastDayOfMonth('2026-12')).toBe('2026-12-31');
  });
});
