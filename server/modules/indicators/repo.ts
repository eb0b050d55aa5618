import { and, asc, desc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { queryRows } from '../../db/rows.js';
import { indicatorEntries, indicatorTargets } from '../../db/schema/index.js';

/*
 * All SQL of the indicators domain. Computed indicators read other domains' rollups (read-only): the feedback
 * statistics (`report_stats_monthly` for whole months, `report_stats_daily` for a period's edge days), the teams
 * tables as at a day (bounded by the unit's hamlets), the activity log's `activity_*` count views, the learning
 * `learning_*_months` count views and the certificates table (its unit-path index). Entered indicators and targets
 * are this domain's own tables.
 */

/** A unit as the questions below need it. */
export interface UnitRef {
  code: string;
  path: string;
  level: 'province' | 'commune' | 'hamlet';
}

/** How a read groups its rows: one total, one row per child unit, or one row per month. */
export type Grouping = 'total' | 'child' | 'month';

const n = (v: unknown) => (v == null ? 0 : Number(v));
const under = (column: SQL, path: string) => sql`(${column} = ${path} or ${column} like ${`${path}/%`})`;
/** The depth of a unit path (1 for a province); its child's code is `split_part(path, '/', depth + 1)`. */
const depthOf = (path: string) => path.split('/').length;

// ----- units -----------------------------------------------------------------------------------------------------

export async function unitsByCodes(exec: Executor, codes: string[]) {
  if (codes.length === 0) return [];
  return queryRows<{ code: string; name: string; level: UnitRef['level'] }>(
    exec,
    sql`select code, full_name as name, level from units where code = any(${sql.param(codes)}::text[])`,
  );
}

/** The active children of a unit (communes of a province, hamlets of a commune), in Vietnamese order. */
export async function childUnits(exec: Executor, unit: UnitRef) {
  return queryRows<{ code: string; name: string; path: string }>(
    exec,
    sql`select code, full_name as name, path from units
      where parent_code = ${unit.code} and status = 'active' order by full_name, code`,
  );
}

// ----- feedback (report statistics rollups) ------------------------------------------------------------------------

export interface ReportSums {
  key: string;
  status: string;
  reports: number;
  onTime: number;
  ratingSum: number;
  ratingCount: number;
}

/**
 * Report counts by status (and on time, ratings) of a unit: whole months `months` from the monthly rollup (one
 * equality on unit_path, which holds every ancestor path), edge days `days` from the daily one. `child` groups by
 * the unit's children (their own paths in the monthly rollup: the paths one level below the unit's, a prefix range
 * the planner estimates well, so 92 communes × 12 months × categories × statuses — ~70,000 rows — are summed by a
 * hash aggregate, not sorted on disk as after a semi-join it underestimates; the path's next code in the daily
 * one), `month` by month (whole months only).
 */
export async function reportSums(
  exec: Executor,
  unit: UnitRef,
  part: { months: [string, string] | null; days: [string, string][] },
  grouping: Grouping,
): Promise<ReportSums[]> {
  const depth = depthOf(unit.path);
  const parts: SQL[] = [];
  if (part.months) {
    const [a, b] = part.months;
    const monthly =
      grouping === 'child'
        ? sql`select split_part(unit_path, '/', ${depth + 1}) as key, status, reports, resolved_on_time, rating_sum,
              rating_count from report_stats_monthly
            where unit_path like ${`${unit.path}/%`} and unit_path not like ${`${unit.path}/%/%`}
              and month between ${a}::date and ${b}::date`
        : sql`select ${grouping === 'month' ? sql`to_char(month, 'YYYY-MM')` : sql`''`} as key, status, reports,
              resolved_on_time, rating_sum, rating_count from report_stats_monthly
            where unit_path = ${unit.path} and month between ${a}::date and ${b}::date`;
    parts.push(monthly);
  }
  if (part.days.length && grouping !== 'month') {
    const ranges = sql.join(
      part.days.map(([a, b]) => sql`(day between ${a}::date and ${b}::date)`),
      sql` or `,
    );
    parts.push(sql`select ${grouping === 'child' ? sql`split_part(unit_path, '/', ${depth + 1})` : sql`''`} as key,
        status, reports, resolved_on_time, rating_sum, rating_count from report_stats_daily
      where ${grouping === 'child' ? sql`unit_path like ${`${unit.path}/%`}` : under(sql`unit_path`, unit.path)}
        and (${ranges})`);
  }
  if (parts.length === 0) return [];
  const rows = await queryRows<Record<string, unknown>>(
    exec,
    sql`select key, status, sum(reports)::float8 as reports, sum(resolved_on_time)::float8 as on_time,
        sum(rating_sum)::float8 as rating_sum, sum(rating_count)::float8 as rating_count
      from (${sql.join(parts, sql` union all `)}) x ${grouping === 'child' ? sql`where key <> ''` : sql``}
      group by key, status`,
  );
  return rows.map((r) => ({
    key: String(r.key),
    status: String(r.status),
    reports: n(r.reports),
    onTime: n(r.on_time),
    ratingSum: n(r.rating_sum),
    ratingCount: n(r.rating_count),
  }));
}

// ----- teams (as at a day) -----------------------------------------------------------------------------------------

export interface TeamFigures {
  /** A commune (when the unit is a province) or a hamlet (a commune or hamlet unit). */
  key: string;
  hamlets: number;
  /** Hamlets with an active team. */
  covered: number;
  teams: number;
  members: number;
}

/** When a team counts from: its founding decision, else the Vietnamese day it was recorded. */
const FOUNDED = sql`coalesce(t.decision_date, (t.created_at at time zone 'Asia/Ho_Chi_Minh')::date)`;

/**
 * Teams, members and hamlets covered under a unit as at the end of `day` (a team counts from its founding until
 * dissolved, a member from joining until leaving), one row per commune of a province or per hamlet of a commune,
 * summed in SQL: a province's answer is its communes' rows, whatever the number of teams.
 */
export async function teamFiguresAt(exec: Executor, unit: UnitRef, day: string): Promise<TeamFigures[]> {
  const key = unit.level === 'province' ? sql`h.parent_code` : sql`h.code`;
  const rows = await queryRows<Record<string, unknown>>(
    exec,
    sql`with h as (
        select code, parent_code from units where level = 'hamlet' and status = 'active' and ${under(sql`path`, unit.path)}),
      t as (
        select t.id, t.hamlet_code from teams t
        where ${under(sql`t.unit_path`, unit.path)} and ${FOUNDED} <= ${day}::date
          and (t.dissolved_on is null or t.dissolved_on > ${day}::date)),
      tc as (select hamlet_code, count(*) as teams from t group by hamlet_code),
      mc as (
        select t.hamlet_code, count(*) as members from team_members m join t on t.id = m.team_id
        where m.joined_on <= ${day}::date and (m.left_on is null or m.left_on > ${day}::date)
        group by t.hamlet_code)
      select ${key} as key, count(*)::int as hamlets, (count(*) filter (where tc.teams > 0))::int as covered,
        coalesce(sum(tc.teams), 0)::int as teams, coalesce(sum(mc.members), 0)::int as members
      from h left join tc on tc.hamlet_code = h.code left join mc on mc.hamlet_code = h.code
      group by 1`,
  );
  return rows.map((r) => ({
    key: String(r.key),
    hamlets: n(r.hamlets),
    covered: n(r.covered),
    teams: n(r.teams),
    members: n(r.members),
  }));
}

/**
 * The same month by month in one read: how teams and members changed each month (founded +1, dissolved −1; joined
 * +1, left −1) per commune of a province or hamlet of a commune, up to `toMonth`; the caller accumulates. A hamlet
 * has at most one active team, so its active teams are its coverage.
 */
export async function teamChangesByMonth(exec: Executor, unit: UnitRef, toMonth: string) {
  const key = unit.level === 'province' ? sql`h.parent_code` : sql`h.code`;
  const end = sql`(${`${toMonth}-01`}::date + interval '1 month')::date`;
  const rows = await queryRows<Record<string, unknown>>(
    exec,
    sql`with h as (
        select code, parent_code from units where level = 'hamlet' and status = 'active' and ${under(sql`path`, unit.path)}),
      t as (
        select t.id, t.hamlet_code, ${FOUNDED} as founded, t.dissolved_on from teams t
        where ${under(sql`t.unit_path`, unit.path)} and ${FOUNDED} < ${end}),
      changes as (
        select hamlet_code, founded as day, 1 as teams, 0 as members from t
        union all select hamlet_code, dissolved_on, -1, 0 from t where dissolved_on < ${end}
        -- A member's joining and leaving from one read of the member (not one read for each).
        union all select t.hamlet_code, e.day, 0, e.delta from team_members m join t on t.id = m.team_id
          cross join lateral (values (m.joined_on, 1), (m.left_on, -1)) e(day, delta) where e.day < ${end}),
      -- Summed per hamlet and month first: the join and the month's label then see hundreds of rows, not every change.
      monthly as (
        select hamlet_code, date_trunc('month', day)::date as month, sum(teams) as teams, sum(members) as members
        from changes group by 1, 2)
      select ${key} as key, to_char(c.month, 'YYYY-MM') as month, sum(c.teams)::int as teams,
        sum(c.members)::int as members
      from monthly c join h on h.code = c.hamlet_code group by 1, c.month`,
  );
  return rows.map((r) => ({ key: String(r.key), month: String(r.month), teams: n(r.teams), members: n(r.members) }));
}

/** The active hamlets under a unit, per commune of a province or per hamlet (1 each) of a commune. */
export async function hamletCounts(exec: Executor, unit: UnitRef) {
  const key = unit.level === 'province' ? sql`parent_code` : sql`code`;
  return (
    await queryRows<{ key: string; hamlets: number }>(
      exec,
      sql`select ${key} as key, count(*)::int as hamlets from units
        where level = 'hamlet' and status = 'active' and ${under(sql`path`, unit.path)} group by 1`,
    )
  ).map((r) => ({ key: String(r.key), hamlets: n(r.hamlets) }));
}

// ----- activities (activity log count views) -----------------------------------------------------------------------

export interface ActivitySums {
  key: string;
  sessions: number;
  people: number;
}
export interface ActivityItemSums {
  key: string;
  serviceId: string;
  serviceName: string | null;
  itemsDone: number;
}

function activityViews(unit: UnitRef, grouping: Grouping) {
  const key =
    grouping === 'month'
      ? sql`to_char(month, 'YYYY-MM')`
      : grouping === 'child'
        ? unit.level === 'province'
          ? sql`commune_code`
          : sql`hamlet_code`
        : sql`''`;
  if (unit.level === 'province' && grouping !== 'child')
    return {
      key,
      months: sql`activity_province_months where province_code = ${unit.code}`,
      services: sql`activity_province_services where province_code = ${unit.code}`,
    };
  if (unit.level === 'province')
    return {
      key,
      months: sql`activity_commune_months where commune_code in (
        select code from units where parent_code = ${unit.code} and level = 'commune')`,
      services: sql`activity_commune_services where commune_code in (
        select code from units where parent_code = ${unit.code} and level = 'commune')`,
    };
  if (unit.level === 'commune' && grouping !== 'child')
    return {
      key,
      months: sql`activity_commune_months where commune_code = ${unit.code}`,
      services: sql`activity_commune_services where commune_code = ${unit.code}`,
    };
  if (unit.level === 'commune')
    return {
      key,
      months: sql`activity_team_months where commune_code = ${unit.code}`,
      services: sql`activity_team_services where commune_code = ${unit.code}`,
    };
  return {
    key,
    months: sql`activity_team_months where hamlet_code = ${unit.code}`,
    services: sql`activity_team_services where hamlet_code = ${unit.code}`,
  };
}

/** Sessions and people helped of a unit over months (first days), grouped. */
export async function activitySums(
  exec: Executor,
  unit: UnitRef,
  months: [string, string],
  grouping: Grouping,
): Promise<ActivitySums[]> {
  const v = activityViews(unit, grouping);
  const rows = await queryRows<Record<string, unknown>>(
    exec,
    sql`select ${v.key} as key, sum(activities)::float8 as sessions, sum(people)::float8 as people
      from ${v.months} and month between ${months[0]}::date and ${months[1]}::date group by 1`,
  );
  return rows.map((r) => ({ key: String(r.key), sessions: n(r.sessions), people: n(r.people) }));
}

/** Items done (outcome "done") of a unit over months, grouped and by catalog service (with its name). */
export async function activityItemSums(
  exec: Executor,
  unit: UnitRef,
  months: [string, string],
  grouping: Grouping,
): Promise<ActivityItemSums[]> {
  const v = activityViews(unit, grouping);
  const rows = await queryRows<Record<string, unknown>>(
    exec,
    sql`with s as (select ${v.key} as key, service_id, sum(items)::float8 as items from ${v.services}
        and outcome = 'done' and month between ${months[0]}::date and ${months[1]}::date group by 1, 2)
      select s.key, s.service_id, cs.name as service_name, s.items
      from s left join catalog_services cs on cs.id::text = s.service_id`,
  );
  return rows.map((r) => ({
    key: String(r.key),
    serviceId: String(r.service_id),
    serviceName: r.service_name == null ? null : String(r.service_name),
    itemsDone: n(r.items),
  }));
}

// ----- learning (count views) and certificates ---------------------------------------------------------------------

const communesOf = (unit: UnitRef) =>
  unit.level === 'province'
    ? sql`commune_code in (select code from units where parent_code = ${unit.code} and level = 'commune')`
    : sql`commune_code = ${unit.code}`;

/**
 * Learners (people, counted in the month of their first enrolment) by category up to and including `toMonth`;
 * `month` grouping gives each month's new learners (the caller accumulates).
 */
export async function learnerSums(exec: Executor, unit: UnitRef, toMonth: string, grouping: Grouping) {
  const key =
    grouping === 'month' ? sql`to_char(month, 'YYYY-MM')` : grouping === 'child' ? sql`commune_code` : sql`''`;
  const rows = await queryRows<Record<string, unknown>>(
    exec,
    sql`select ${key} as key, category, sum(learners)::float8 as learners from learning_learner_months
      where ${communesOf(unit)} and month <= ${toMonth}::date group by 1, 2`,
  );
  return rows.map((r) => ({ key: String(r.key), category: String(r.category), learners: n(r.learners) }));
}

/** Course completions over months (first days), grouped. */
export async function completionSums(exec: Executor, unit: UnitRef, months: [string, string], grouping: Grouping) {
  const key =
    grouping === 'month' ? sql`to_char(month, 'YYYY-MM')` : grouping === 'child' ? sql`commune_code` : sql`''`;
  const rows = await queryRows<Record<string, unknown>>(
    exec,
    sql`select ${key} as key, sum(completions)::float8 as completions from learning_course_months
      where ${communesOf(unit)} and month between ${months[0]}::date and ${months[1]}::date group by 1`,
  );
  return rows.map((r) => ({ key: String(r.key), completions: n(r.completions) }));
}

/** Certificates issued (not revoked) under a unit in [from, to) (instants), grouped. */
export async function certificateSums(exec: Executor, unit: UnitRef, from: Date, to: Date, grouping: Grouping) {
  const key =
    grouping === 'month'
      ? sql`to_char(issued_at at time zone 'Asia/Ho_Chi_Minh', 'YYYY-MM')`
      : grouping === 'child'
        ? sql`split_part(unit_path, '/', ${depthOf(unit.path) + 1})`
        : sql`''`;
  const rows = await queryRows<Record<string, unknown>>(
    exec,
    sql`select ${key} as key, count(*)::float8 as issued from certificates
      where ${grouping === 'child' ? sql`unit_path like ${`${unit.path}/%`}` : under(sql`unit_path`, unit.path)}
        and issued_at >= ${from.toISOString()}::timestamptz and issued_at < ${to.toISOString()}::timestamptz
        and revoked_at is null
      group by 1`,
  );
  return rows.map((r) => ({ key: String(r.key), issued: n(r.issued) }));
}

// ----- entries and targets (this domain's tables) ------------------------------------------------------------------

export type EntryRow = typeof indicatorEntries.$inferSelect;
export type TargetRow = typeof indicatorTargets.$inferSelect;

/**
 * Current entries of indicators for a unit and its children (one level down) over months (first days, inclusive).
 */
export async function currentEntries(
  exec: Executor,
  f: { indicators: string[]; unit: UnitRef; fromMonth: string; toMonth: string },
): Promise<EntryRow[]> {
  if (f.indicators.length === 0) return [];
  return exec
    .select()
    .from(indicatorEntries)
    .where(
      and(
        inArray(indicatorEntries.indicator, f.indicators),
        eq(indicatorEntries.current, true),
        sql`(${indicatorEntries.unitPath} = ${f.unit.path} or (${indicatorEntries.unitPath} like ${`${f.unit.path}/%`}
          and ${indicatorEntries.unitPath} not like ${`${f.unit.path}/%/%`}))`,
        sql`${indicatorEntries.month} between ${f.fromMonth}::date and ${f.toMonth}::date`,
      ),
    );
}

/** Targets of indicators set for a unit's ancestors, the unit itself or its children. */
export async function targetsAround(exec: Executor, indicators: string[], unit: UnitRef): Promise<TargetRow[]> {
  if (indicators.length === 0) return [];
  const ancestors = unit.path.split('/').map((_, i, a) => a.slice(0, i + 1).join('/'));
  return exec
    .select()
    .from(indicatorTargets)
    .where(
      and(
        inArray(indicatorTargets.indicator, indicators),
        sql`(${indicatorTargets.unitPath} = any(${sql.param(ancestors)}::text[])
          or (${indicatorTargets.unitPath} like ${`${unit.path}/%`}
            and ${indicatorTargets.unitPath} not like ${`${unit.path}/%/%`}))`,
      ),
    )
    .orderBy(asc(indicatorTargets.fromMonth));
}

/** The history of a key (every entry, newest first). */
export async function entryHistory(
  exec: Executor,
  f: { indicator?: string; unitCode: string; month?: string; subject?: string },
  limit = 500,
) {
  return exec
    .select()
    .from(indicatorEntries)
    .where(
      and(
        eq(indicatorEntries.unitCode, f.unitCode),
        f.indicator ? eq(indicatorEntries.indicator, f.indicator) : undefined,
        f.month ? eq(indicatorEntries.month, f.month) : undefined,
        f.subject !== undefined ? eq(indicatorEntries.subject, f.subject) : undefined,
      ),
    )
    .orderBy(asc(indicatorEntries.indicator), asc(indicatorEntries.subject), desc(indicatorEntries.enteredAt))
    .limit(limit);
}

/** The current entry of a key, locked for the rest of the transaction (a correction replaces it). */
export async function lockCurrent(
  exec: Executor,
  k: { indicator: string; unitCode: string; month: string; subject: string },
): Promise<EntryRow | null> {
  const [row] = await exec
    .select()
    .from(indicatorEntries)
    .where(
      and(
        eq(indicatorEntries.indicator, k.indicator),
        eq(indicatorEntries.unitCode, k.unitCode),
        eq(indicatorEntries.month, k.month),
        eq(indicatorEntries.subject, k.subject),
        eq(indicatorEntries.current, true),
      ),
    )
    .for('update');
  return row ?? null;
}

export async function entryByIdempotencyKey(exec: Executor, key: string): Promise<EntryRow | null> {
  const [row] = await exec.select().from(indicatorEntries).where(eq(indicatorEntries.idempotencyKey, key));
  return row ?? null;
}

export async function supersede(exec: Executor, id: string, by: string) {
  await exec.update(indicatorEntries).set({ current: false, supersededBy: by }).where(eq(indicatorEntries.id, id));
}

export async function insertEntry(exec: Executor, row: typeof indicatorEntries.$inferInsert): Promise<EntryRow> {
  const [written] = await exec.insert(indicatorEntries).values(row).returning();
  return written;
}

/** Sets a target (one per indicator, unit, first month and subject: a second PUT replaces the value). */
export async function upsertTarget(exec: Executor, row: typeof indicatorTargets.$inferInsert): Promise<TargetRow> {
  const [written] = await exec
    .insert(indicatorTargets)
    .values(row)
    .onConflictDoUpdate({
      target: [
        indicatorTargets.indicator,
        indicatorTargets.unitCode,
        indicatorTargets.fromMonth,
        indicatorTargets.subject,
      ],
      set: { value: row.value, setBy: row.setBy, setAt: sql`now()` },
    })
    .returning();
  return written;
}

/** The names of the units and the people of entries (for the history view). */
export async function enteredByNames(exec: Executor, ids: string[]) {
  if (ids.length === 0) return new Map<string, string>();
  const rows = await queryRows<{ id: string; name: string }>(
    exec,
    sql`select id::text, full_name as name from users where id = any(${sql.param(ids)}::uuid[])`,
  );
  return new Map(rows.map((r) => [r.id, r.name]));
}

// ----- campaigns (the province's monthly roadmap: commune targets against the activity counts) ---------------------

/**
 * Published campaigns running in the months [from, to] (first days): their commune targets (a metric is a catalog
 * service + an action) and the people helped to "done" for each, counted in the campaign's months within the period
 * (`activity_commune_services`, as the campaigns page counts them). Per commune of a province, or the total.
 */
export async function campaignProgressSums(
  exec: Executor,
  unit: UnitRef,
  months: [string, string],
  grouping: 'total' | 'child',
): Promise<{ key: string; done: number; target: number }[]> {
  const province = unit.path.split('/')[0];
  const communes =
    unit.level === 'province'
      ? sql`select code from units where parent_code = ${unit.code} and level = 'commune'`
      : sql`select ${unit.code}::text`;
  const key = grouping === 'child' ? sql`commune_code` : sql`''`;
  const rows = await queryRows<Record<string, unknown>>(
    exec,
    sql`with c as (
        select id, greatest(from_month, ${months[0]}::date) as m0, least(to_month, ${months[1]}::date) as m1
        from campaigns where status = 'published' and province_code = ${province}
          and from_month <= ${months[1]}::date and to_month >= ${months[0]}::date
      ), t as (
        select ct.commune_code, ct.service_id::text as service_id, ct.action, ct.target, c.m0, c.m1
        from campaign_commune_targets ct join c on c.id = ct.campaign_id
        where ct.commune_code in (${communes})
      ), d as (
        select t.commune_code, coalesce((select sum(a.item_people) from activity_commune_services a
            where a.commune_code = t.commune_code and a.service_id = t.service_id and a.action = t.action
              and a.outcome = 'done' and a.month between t.m0 and t.m1), 0) as done, t.target
        from t
      )
      select ${key} as key, sum(done)::float8 as done, sum(target)::float8 as target from d group by 1`,
  );
  return rows.map((r) => ({ key: String(r.key), done: n(r.done), target: n(r.target) }));
}
