import { INDICATOR_MAX_DAYS } from '../../../common/indicators.js';
import { addMonths, lastDayOfMonth, vnMidnight } from '../../platform/calendar.js';
import { errors } from '../../platform/errors.js';

/** An inclusive period of days (YYYY-MM-DD). */
export interface Period {
  from: string;
  to: string;
}

const DAY_MS = 86_400_000;
const utc = (d: string) => Date.parse(`${d}T00:00:00Z`);
export const addDays = (d: string, n: number) => new Date(utc(d) + n * DAY_MS).toISOString().slice(0, 10);
const isRealDay = (d: string) => !Number.isNaN(utc(d)) && new Date(utc(d)).toISOString().slice(0, 10) === d;

/** A period asked for, checked: real days, `to` not before `from`, at most INDICATOR_MAX_DAYS days (400 naming the field). */
export function checkPeriod(q: { from: string; to: string }): Period {
  for (const field of ['from', 'to'] as const)
    if (!isRealDay(q[field])) throw errors.invalidField(field, { vi: 'Ngày không có thật.', en: 'Not a real date.' });
  if (q.from > q.to)
    throw errors.invalidField('to', {
      vi: 'Ngày kết thúc phải từ ngày bắt đầu trở đi.',
      en: 'The end date must not be before the start date.',
    });
  if (daysIn({ from: q.from, to: q.to }) > INDICATOR_MAX_DAYS)
    throw errors.invalidField('to', {
      vi: `Mỗi lần xem tối đa ${INDICATOR_MAX_DAYS} ngày.`,
      en: `At most ${INDICATOR_MAX_DAYS} days at a time.`,
    });
  return { from: q.from, to: q.to };
}

export const daysIn = (p: Period) => Math.round((utc(p.to) - utc(p.from)) / DAY_MS) + 1;
const monthOf = (d: string) => d.slice(0, 7);
const isFirst = (d: string) => d.endsWith('-01');
const isLast = (d: string) => d === lastDayOfMonth(monthOf(d));

/**
 * The period of the same length just before: whole months → as many months before (a month, a quarter, a year),
 * anything else → as many days before.
 */
export function previousPeriod(p: Period): Period {
  if (isFirst(p.from) && isLast(p.to)) {
    const span = monthsBetween(monthOf(p.from), monthOf(p.to)).length;
    const fromMonth = addMonths(monthOf(p.from), -span);
    return { from: `${fromMonth}-01`, to: lastDayOfMonth(addMonths(fromMonth, span - 1)) };
  }
  const n = daysIn(p);
  return { from: addDays(p.from, -n), to: addDays(p.from, -1) };
}

/** The months (YYYY-MM) from..to, both included. */
export function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let m = from; m <= to; m = addMonths(m, 1)) out.push(m);
  return out;
}

/** The months a period touches (YYYY-MM). */
export const monthRange = (p: Period): [string, string] => [monthOf(p.from), monthOf(p.to)];
/** The whole months a period touches, as the days they cover (what a source kept by month really counts). */
export const monthCover = (p: Period): Period => ({
  from: `${monthOf(p.from)}-01`,
  to: lastDayOfMonth(monthOf(p.to)),
});

/**
 * Splits a period into whole months (first days of the first and last, for a monthly rollup) and the edge days of
 * partial months (for a daily rollup).
 */
export function splitPeriod(p: Period): { months: [string, string] | null; days: [string, string][] } {
  const firstFull = isFirst(p.from) ? monthOf(p.from) : addMonths(monthOf(p.from), 1);
  const lastFull = isLast(p.to) ? monthOf(p.to) : addMonths(monthOf(p.to), -1);
  if (firstFull > lastFull) return { months: null, days: [[p.from, p.to]] };
  const days: [string, string][] = [];
  if (!isFirst(p.from)) days.push([p.from, addDays(`${firstFull}-01`, -1)]);
  if (!isLast(p.to)) days.push([`${monthOf(p.to)}-01`, p.to]);
  return { months: [`${firstFull}-01`, `${lastFull}-01`], days };
}

/** The instants a period of Vietnamese days spans: [its first midnight, the midnight after its last day). */
export const instants = (p: Period): [Date, Date] => [vnMidnight(p.from), vnMidnight(addDays(p.to, 1))];
