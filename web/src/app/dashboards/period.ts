/**
 * The dashboard's period: a month, a quarter, a year or custom days, kept in the address (`?p=month&m=2026-12`,
 * `?p=quarter&q=2026-4`, `?p=year&y=2026`, `?p=custom&from=2026-01-05&to=2026-02-20`) so a link shows the same thing.
 */
export const PERIOD_KINDS = ['month', 'quarter', 'year', 'custom'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

export interface PeriodChoice {
  kind: PeriodKind;
  /** month: YYYY-MM; quarter: YYYY-Q (1–4); year: YYYY; custom: unused. */
  key: string;
  from: string;
  to: string;
}

const pad = (n: number) => String(n).padStart(2, '0');
/** Today in Vietnam, "YYYY-MM-DD". */
export function vnToday(now = new Date()): string {
  return new Date(now.getTime() + 7 * 3_600_000).toISOString().slice(0, 10);
}
export function lastDay(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return `${month}-${pad(new Date(Date.UTC(y, m, 0)).getUTCDate())}`;
}
export function addMonths(month: string, n: number): string {
  const i = Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1 + n;
  return `${Math.floor(i / 12)}-${pad((i % 12) + 1)}`;
}

/** The period a choice stands for; a bad or missing key falls back to this month. */
export function periodOf(kind: PeriodKind, key: string | null, from: string | null, to: string | null): PeriodChoice {
  const thisMonth = vnToday().slice(0, 7);
  // A kind without its key: the one running now (this quarter, this year).
  let k = key;
  if (kind === 'quarter' && !k) k = `${thisMonth.slice(0, 4)}-${Math.ceil(Number(thisMonth.slice(5)) / 3)}`;
  if (kind === 'year' && !k) k = thisMonth.slice(0, 4);
  if (kind === 'quarter' && k && /^\d{4}-[1-4]$/.test(k)) {
    const [y, q] = k.split('-').map(Number);
    const first = `${y}-${pad(q * 3 - 2)}`;
    return { kind, key: k, from: `${first}-01`, to: lastDay(`${y}-${pad(q * 3)}`) };
  }
  if (kind === 'year' && k && /^\d{4}$/.test(k)) return { kind, key: k, from: `${k}-01-01`, to: `${k}-12-31` };
  if (kind === 'custom' && from && to && /^\d{4}-\d{2}-\d{2}$/.test(from) && /^\d{4}-\d{2}-\d{2}$/.test(to))
    return { kind, key: '', from, to };
  const m = kind === 'month' && key && /^\d{4}-(0[1-9]|1[0-2])$/.test(key) ? key : thisMonth;
  return { kind: 'month', key: m, from: `${m}-01`, to: lastDay(m) };
}

/** The choices a select offers: the last 24 months, 8 quarters, 5 years (newest first). */
export function monthChoices(n = 24): string[] {
  const now = vnToday().slice(0, 7);
  return Array.from({ length: n }, (_, i) => addMonths(now, -i));
}
export function quarterChoices(n = 8): string[] {
  const now = vnToday();
  let y = Number(now.slice(0, 4));
  let q = Math.ceil(Number(now.slice(5, 7)) / 3);
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    out.push(`${y}-${q}`);
    q -= 1;
    if (q === 0) {
      q = 4;
      y -= 1;
    }
  }
  return out;
}
export function yearChoices(n = 5): string[] {
  const y = Number(vnToday().slice(0, 4));
  return Array.from({ length: n }, (_, i) => String(y - i));
}

/** "30/04/2026" */
export const dmy = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
const ROMAN = ['I', 'II', 'III', 'IV'];
export const quarterLabel = (key: string) => `${ROMAN[Number(key.slice(5)) - 1]}/${key.slice(0, 4)}`;

/**
 * The months a chart shows for a period: the period itself when it spans a year or more, else the twelve months that
 * end with it (a month alone makes no line).
 */
export function seriesPeriod(p: { from: string; to: string }): { from: string; to: string } {
  const start = `${addMonths(p.to.slice(0, 7), -11)}-01`;
  return { from: p.from < start ? p.from : start, to: p.to };
}
