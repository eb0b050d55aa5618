import { and, asc, between, eq, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { holidays } from '../../db/schema/index.js';

export type HolidayRow = typeof holidays.$inferSelect;

export async function listHolidays(exec: Executor, provinceCode: string, from: string, to: string) {
  return exec
    .select()
    .from(holidays)
    .where(and(eq(holidays.provinceCode, provinceCode), between(holidays.date, from, to)))
    .orderBy(asc(holidays.date));
}

/** Inserts holidays; a date already there is kept as it is (the province may have renamed it). */
export async function insertHolidays(exec: Executor, rows: (typeof holidays.$inferInsert)[]): Promise<number> {
  if (rows.length === 0) return 0;
  const inserted = await exec.insert(holidays).values(rows).onConflictDoNothing().returning({ date: holidays.date });
  return inserted.length;
}

export async function deleteHoliday(exec: Executor, provinceCode: string, date: string): Promise<boolean> {
  const deleted = await exec
    .delete(holidays)
    .where(and(eq(holidays.provinceCode, provinceCode), eq(holidays.date, date)))
    .returning({ date: holidays.date });
  return deleted.length > 0;
}

/** How many holidays a province has in a year (none: its defaults were never written). */
export async function countHolidaysInYear(exec: Executor, provinceCode: string, year: number): Promise<number> {
  const [row] = await exec
    .select({ n: sql<number>`count(*)::int` })
    .from(holidays)
    .where(and(eq(holidays.provinceCode, provinceCode), between(holidays.date, `${year}-01-01`, `${year}-12-31`)));
  return row.n;
}
