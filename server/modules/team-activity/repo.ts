import { type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { rowsOf } from '../../db/rows.js';

/**
 * A read model over the activity log's count views (activity_province_* per province, activity_commune_* per
 * commune, activity_team_* per team and hamlet: folded + not yet folded, exact at every moment), the units and the catalog's service names. Read-only.
 * Rows of the views are summands: every read sums them.
 */

/** Whose activity a question counts: a province, communes (one commune), or one hamlet. */
export type ActivityScope = { provinceCode: string } | { communeCodes: string[] } | { hamletCode: string };

export interface Period {
  /** First day of the first month. */
  from: string;
  /** First day of the last month. */
  to: string;
}

const int = (v: unknown) => Number(v ?? 0);

function months(scope: ActivityScope): SQL {
  if ('provinceCode' in scope) return sql`activity_province_months where province_code = ${scope.provinceCode}`;
  return 'hamletCode' in scope
    ? sql`activity_team_months where hamlet_code = ${scope.hamletCode}`
    : sql`activity_commune_months where commune_code = any(${sql.param(scope.communeCodes)}::text[])`;
}
function services(scope: ActivityScope): SQL {
  if ('provinceCode' in scope) return sql`activity_province_services where province_code = ${scope.provinceCode}`;
  return 'hamletCode' in scope
    ? sql`activity_team_services where hamlet_code = ${scope.hamletCode}`
    : sql`activity_commune_services where commune_code = any(${sql.param(scope.communeCodes)}::text[])`;
}

/** Sessions, households, people, minutes and items done per month of the period (months with none are absent). */
export async function byMonth(exec: Executor, scope: ActivityScope, p: Period) {
  const result = await exec.execute(sql`with m as (
      select month, sum(activities) as activities, sum(households) as households, sum(people) as people,
        sum(minutes) as minutes
      from ${months(scope)} and month between ${p.from}::date and ${p.to}::date group by month),
    s as (
      select month, sum(items) as items, sum(items) filter (where outcome = 'done') as items_done
      from ${services(scope)} and month between ${p.from}::date and ${p.to}::date group by month)
    select to_char(coalesce(m.month, s.month), 'YYYY-MM') as month,
      coalesce(m.activities, 0)::int as activities, coalesce(m.households, 0)::int as households,
      coalesce(m.people, 0)::int as people, coalesce(m.minutes, 0)::int as minutes,
      coalesce(s.items, 0)::int as items, coalesce(s.items_done, 0)::int as items_done
    from m full join s on s.month = m.month
    order by 1`);
  return rowsOf<Record<string, unknown>>(result).map((r) => ({
    month: String(r.month),
    activities: int(r.activities),
    households: int(r.households),
    people: int(r.people),
    minutes: int(r.minutes),
    items: int(r.items),
    itemsDone: int(r.items_done),
  }));
}

/** Items by catalog service and action, split by outcome, with the service's name (null: no service named). */
export async function byService(exec: Executor, scope: ActivityScope, p: Period) {
  const result = await exec.execute(sql`with s as (
      select service_id, action,
        sum(items) filter (where outcome = 'done') as done,
        sum(items) filter (where outcome = 'follow_up') as follow_up,
        sum(items) filter (where outcome = 'failed') as failed,
        sum(item_people) filter (where outcome = 'done') as people
      from ${services(scope)} and month between ${p.from}::date and ${p.to}::date
      group by service_id, action)
    select s.service_id, cs.name as service_name, s.action, coalesce(s.done, 0)::int as done,
      coalesce(s.follow_up, 0)::int as follow_up, coalesce(s.failed, 0)::int as failed,
      coalesce(s.people, 0)::int as people
    from s left join catalog_services cs on cs.id::text = s.service_id
    where coalesce(s.done, 0) <> 0 or coalesce(s.follow_up, 0) <> 0 or coalesce(s.failed, 0) <> 0
    order by coalesce(s.done, 0) desc, cs.name nulls last, s.action`);
  return rowsOf<Record<string, unknown>>(result).map((r) => ({
    serviceId: r.service_id ? String(r.service_id) : null,
    serviceName: r.service_name == null ? null : String(r.service_name),
    action: String(r.action),
    done: int(r.done),
    followUp: int(r.follow_up),
    failed: int(r.failed),
    people: int(r.people),
  }));
}

/**
 * One row per active commune of a province (from the per-commune views) or per active hamlet of a commune (from the
 * per-team views), zeros included.
 */
export async function byChildUnit(exec: Executor, parent: { code: string; level: 'province' | 'commune' }, p: Period) {
  const byCommune = parent.level === 'province';
  const key = byCommune ? sql.raw('commune_code') : sql.raw('hamlet_code');
  const within = byCommune
    ? sql`commune_code in (select code from units where parent_code = ${parent.code} and level = 'commune')`
    : sql`commune_code = ${parent.code}`;
  const monthsView = byCommune ? sql.raw('activity_commune_months') : sql.raw('activity_team_months');
  const servicesView = byCommune ? sql.raw('activity_commune_services') : sql.raw('activity_team_services');
  const result = await exec.execute(sql`with m as (
      select ${key} as code, sum(activities) as activities, sum(households) as households, sum(people) as people
      from ${monthsView} where ${within} and month between ${p.from}::date and ${p.to}::date group by 1),
    s as (
      select ${key} as code, sum(items) as items_done
      from ${servicesView} where ${within} and outcome = 'done' and month between ${p.from}::date and ${p.to}::date
      group by 1)
    select u.code, u.full_name as name, coalesce(m.activities, 0)::int as activities,
      coalesce(m.households, 0)::int as households, coalesce(m.people, 0)::int as people,
      coalesce(s.items_done, 0)::int as items_done
    from units u left join m on m.code = u.code left join s on s.code = u.code
    where u.parent_code = ${parent.code} and u.level = ${byCommune ? 'commune' : 'hamlet'} and u.status = 'active'
    order by u.full_name, u.code`);
  return rowsOf<Record<string, unknown>>(result).map((r) => ({
    code: String(r.code),
    name: String(r.name),
    activities: int(r.activities),
    households: int(r.households),
    people: int(r.people),
    itemsDone: int(r.items_done),
  }));
}
