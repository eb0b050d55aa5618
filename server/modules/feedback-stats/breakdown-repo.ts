import { and, gte, lte, or, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { reportStatsMonthly as m, reportStatsDaily as s } from '../../db/schema/index.js';
import { pathCoveredBy } from '../../platform/unit-scope-sql.js';
import { splitPeriod } from './repo.js';

/*
 * Statistics by commune (issue 7.13), kept apart from repo.ts: reads the same rollup tables the same way (whole
 * months from the monthly rollup, the period's edge days from the daily one), grouped by commune.
 */

export interface CommuneStatusSum {
  communeCode: string;
  status: string;
  reports: number;
}

/** Commune rows of the monthly rollup (unit paths "province/commune") under a unit, over whole months. */
function monthsByCommune(exec: Executor, unitPath: string, from?: string, to?: string) {
  return exec
    .select({
      communeCode: sql<string>`split_part(${m.unitPath}, '/', 2)`,
      status: m.status,
      reports: sql<number>`sum(${m.reports})::int`,
    })
    .from(m)
    .where(
      and(
        pathCoveredBy(m.unitPath, [unitPath]),
        // The monthly table holds every ancestor path: keep the commune level only, or reports count twice.
        sql`${m.unitPath} ~ '^[^/]+/[^/]+$'`,
        from ? gte(m.month, from) : undefined,
        to ? lte(m.month, to) : undefined,
      ),
    )
    .groupBy(sql`split_part(${m.unitPath}, '/', 2)`, m.status);
}

function daysByCommune(exec: Executor, unitPath: string, ranges: [string, string][]) {
  return exec
    .select({ communeCode: s.communeCode, status: s.status, reports: sql<number>`sum(${s.reports})::int` })
    .from(s)
    .where(and(pathCoveredBy(s.unitPath, [unitPath]), or(...ranges.map(([a, b]) => and(gte(s.day, a), lte(s.day, b))))))
    .groupBy(s.communeCode, s.status);
}

/** Reports received per commune × status under a unit, for an inclusive day period (undefined: unbounded). */
export async function sumByCommune(
  exec: Executor,
  f: { unitPath: string; from?: string; to?: string },
): Promise<CommuneStatusSum[]> {
  const { months, days } = splitPeriod(f.from, f.to);
  const a = months ? await monthsByCommune(exec, f.unitPath, months.from, months.to) : [];
  const b = days.length ? await daysByCommune(exec, f.unitPath, days) : [];
  return [...a, ...b];
}
