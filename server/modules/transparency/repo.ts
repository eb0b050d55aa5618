import { sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { queryRows } from '../../db/rows.js';

/*
 * A read model: read-only SQL on other domains' count views (folded + not yet folded, so exact at every moment; a
 * row is a summand, every read sums). It writes nothing. Periods are whole months, first days inclusive.
 */

export interface MonthPeriod {
  /** First day of the first month. */
  from: string;
  /** First day of the last month. */
  to: string;
}

export interface ReportMonthRow {
  unitPath: string;
  month: string;
  status: string;
  reports: number;
  onTime: number;
  ratingSum: number;
  ratingCount: number;
}

/**
 * Reports received per month and current status for each unit path asked (the feedback statistics' monthly rollup
 * keeps every ancestor path, so a commune and its province are one equality each on its primary key's first column).
 */
export function reportsByMonth(exec: Executor, unitPaths: string[], p: MonthPeriod) {
  return queryRows<ReportMonthRow>(
    exec,
    sql`select unit_path as "unitPath", to_char(month, 'YYYY-MM') as "month", status,
        sum(reports)::int as "reports", sum(resolved_on_time)::int as "onTime",
        sum(rating_sum)::int as "ratingSum", sum(rating_count)::int as "ratingCount"
      from report_stats_monthly
      where unit_path = any(${sql.param(unitPaths)}::text[]) and month between ${p.from}::date and ${p.to}::date
      group by unit_path, month, status`,
  );
}

/** Sessions, households and people helped per month by a commune's teams (the activity log's commune rollup). */
export function activitiesByMonth(exec: Executor, communeCode: string, p: MonthPeriod) {
  return queryRows<{ month: string; activities: number; households: number; people: number }>(
    exec,
    sql`select to_char(month, 'YYYY-MM') as "month", sum(activities)::int as "activities",
        sum(households)::int as "households", sum(people)::int as "people"
      from activity_commune_months
      where commune_code = ${communeCode} and month between ${p.from}::date and ${p.to}::date
      group by month`,
  );
}

/** New learners (people, at their first enrolment), enrolments and completions per month of a commune. */
export function learningByMonth(exec: Executor, communeCode: string, p: MonthPeriod) {
  return queryRows<{ month: string; learners: number; enrolments: number; completions: number }>(
    exec,
    sql`with l as (
        select month, sum(learners) as learners from learning_learner_months
        where commune_code = ${communeCode} and month between ${p.from}::date and ${p.to}::date group by month),
      c as (
        select month, sum(enrolments) as enrolments, sum(completions) as completions from learning_course_months
        where commune_code = ${communeCode} and month between ${p.from}::date and ${p.to}::date group by month)
      select to_char(coalesce(l.month, c.month), 'YYYY-MM') as "month", coalesce(l.learners, 0)::int as "learners",
        coalesce(c.enrolments, 0)::int as "enrolments", coalesce(c.completions, 0)::int as "completions"
      from l full join c on c.month = l.month`,
  );
}
