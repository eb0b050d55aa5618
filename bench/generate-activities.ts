/**
 * National-scale activity-log data for the benchmarks (issue 10's aim: 100,000 teams, 500,000 members, 10,000,000
 * activities). The scale argument is the number of activities; teams = activities / 100 and five members each (the
 * aim's ratios), one generated hamlet per team spread over every commune of the reference data. All set-based SQL
 * (generate_series), in chunks of teams, each chunk one transaction. The count triggers are switched off for the
 * bulk insert (session_replication_role = replica) and the folded rollups written from the rows with GROUP BY, then
 * checked against the rows: exactly what the triggers and the fold would have written, in a fraction of the time.
 * Afterwards it times the commune and province count queries on the folded views (p50/p99 of 50 runs each).
 *
 * Usage: npx tsx bench/generate-activities.ts [activities=1000000] [pglite dir=./data/bench-activities]
 *   DATABASE_URL=… generates into that PostgreSQL database instead (migrated and seeded first if empty).
 *   BENCH_TIME_ONLY=1 only times the count queries on what is there.
 */
import { performance } from 'node:perf_hooks';
import { type Database, openDatabase } from '../server/db/client.js';
import { prepareDatabase } from './generate-reports.js';

const CHUNK_TEAMS = 2000;

export interface Generated {
  tag: string;
  teams: number;
  members: number;
  activities: number;
  seconds: number;
}

/** Hamlets, teams, members with accounts, and `activities` activities (with 1–2 items each) over the last year. */
export async function generateActivities(
  database: Database,
  activities: number,
  opts: { membersPerTeam?: number; log?: (s: string) => void } = {},
): Promise<Generated> {
  const log = opts.log ?? ((s: string) => console.log(s));
  const perTeam = opts.membersPerTeam ?? 5;
  const teams = Math.max(1, Math.round(activities / 100));
  const members = teams * perTeam;
  const perMember = Math.max(1, Math.round(activities / members));
  const tag = Date.now().toString(36);
  const start = performance.now();
  const q = (text: string, params?: unknown[]) => database.query(text, params);

  await q(
    `with c as (
       select code, path, province_code, row_number() over (order by code) - 1 as ci, count(*) over () as nc
       from units where level = 'commune' and status = 'active')
     insert into units (code, parent_code, level, kind, name, full_name, path, province_code)
     select c.code || '-g${tag}x' || g, c.code, 'hamlet', 'thon', 'Gen ' || g, 'Thôn Gen ' || g,
       c.path || '/' || c.code || '-g${tag}x' || g, c.province_code
     from generate_series(0, $1::int - 1) g join c on c.ci = g % c.nc`,
    [teams],
  );
  await q(
    `insert into teams (hamlet_code, commune_code, unit_path, name)
     select code, parent_code, path, 'Tổ công nghệ số ' || full_name from units where code like '%-g${tag}x%'`,
  );
  log(`  ${teams.toLocaleString('en')} hamlets and teams: ${((performance.now() - start) / 1000).toFixed(1)} s`);
  await q(
    `with t as (
       select id, row_number() over (order by id) - 1 as ti from teams where hamlet_code like '%-g${tag}x%'),
     u as (
       insert into users (username, full_name, managed_by_admin)
       select 'gen${tag}x' || g, 'Thành viên ' || g, true from generate_series(0, $1::int - 1) g
       returning id, username, full_name)
     insert into team_members (team_id, full_name, phone, organisation, role, joined_on, user_id)
     select t.id, u.full_name, '09' || lpad(substring(u.username from ${`gen${tag}x`.length + 1}), 8, '0'),
       'doan_thanh_nien',
       case when substring(u.username from ${`gen${tag}x`.length + 1})::int % ${perTeam} = 0 then 'leader' else 'member' end,
       '2025-01-01', u.id
     from u join t on t.ti = substring(u.username from ${`gen${tag}x`.length + 1})::int / ${perTeam}`,
    [members],
  );
  log(`  ${members.toLocaleString('en')} members with accounts: ${((performance.now() - start) / 1000).toFixed(1)} s`);

  const teamIds = (
    await database.query<{ id: string }>(`select id from teams where hamlet_code like '%-g${tag}x%' order by id`)
  ).map((r) => r.id);
  let written = 0;
  for (let i = 0; i < teamIds.length; i += CHUNK_TEAMS) {
    const chunk = teamIds.slice(i, i + CHUNK_TEAMS);
    await database.db.transaction(async (tx) => {
      const { sql } = await import('drizzle-orm');
      await tx.execute(sql.raw('set local session_replication_role = replica'));
      const res = await tx.execute(
        sql`with s as (
              select m.id as member_id, m.user_id, t.id as team_id, t.commune_code, t.hamlet_code, t.unit_path,
                abs(hashtext(m.id::text || '/' || g::text)) as h
              from team_members m join teams t on t.id = m.team_id
              cross join generate_series(1, ${perMember}::int) g
              where t.id = any(${`{${chunk.join(',')}}`}::uuid[])
            ), a as (
              insert into activities (id, team_id, member_id, author_user_id, commune_code, hamlet_code, unit_path,
                occurred_at, occurred_on, duration_minutes, households, people, created_at, updated_at)
              select gen_random_uuid(), team_id, member_id, user_id, commune_code, hamlet_code, unit_path,
                (current_date - (h % 365)::int) + time '08:00' + make_interval(mins => (h % 540)::int),
                current_date - (h % 365)::int, 30 + (h % 7) * 15, 1 + h % 6, 1 + h % 9, now(), now()
              from s
              returning id, (abs(hashtext(id::text)))::bigint as h
            ), i as (
              insert into activity_items (activity_id, position, service_id, action, outcome, people)
              select a.id, k, null,
                (array['installed_app','created_account','vneid_level2','online_dossier','e_payment','online_shop',
                  'scam_awareness','other'])[1 + (a.h + k) % 8],
                (array['done','done','done','done','follow_up'])[1 + (a.h / 8 + k) % 5],
                1 + (a.h + k) % 3
              from a cross join generate_series(0, 1) k where k <= a.h % 2
              returning 1
            )
            select (select count(*)::int from a) as n`,
      );
      written += (res as unknown as { rows: { n: number }[] }).rows[0].n;
    });
    if ((i / CHUNK_TEAMS) % 10 === 0 || i + CHUNK_TEAMS >= teamIds.length)
      log(`  ${written.toLocaleString('en')} activities: ${((performance.now() - start) / 1000).toFixed(1)} s`);
  }

  // The rollups the triggers and the fold would have written, from the rows (generated teams only).
  const gen = `team_id in (select id from teams where hamlet_code like '%-g${tag}x%')`;
  await q(
    `insert into activity_team_months_folded (team_id, month, commune_code, hamlet_code, activities, households, people, minutes)
     select team_id, date_trunc('month', occurred_on::timestamp)::date, min(commune_code), min(hamlet_code), count(*),
       sum(households), sum(people), sum(coalesce(duration_minutes, 0))
     from activities where ${gen} group by 1, 2`,
  );
  await q(
    `insert into activity_team_services_folded (team_id, month, service_id, action, outcome, commune_code, hamlet_code,
       items, item_people)
     select a.team_id, date_trunc('month', a.occurred_on::timestamp)::date, coalesce(i.service_id::text, ''), i.action,
       i.outcome, min(a.commune_code), min(a.hamlet_code), count(*), sum(i.people)
     from activities a join activity_items i on i.activity_id = a.id where a.${gen} group by 1, 2, 3, 4, 5`,
  );
  await q(
    `insert into activity_commune_months_folded as f (commune_code, month, activities, households, people, minutes)
     select commune_code, month, sum(activities), sum(households), sum(people), sum(minutes)
     from activity_team_months_folded where ${gen} group by 1, 2
     on conflict (commune_code, month) do update set activities = f.activities + excluded.activities,
       households = f.households + excluded.households, people = f.people + excluded.people,
       minutes = f.minutes + excluded.minutes`,
  );
  await q(
    `insert into activity_commune_services_folded as f (commune_code, month, service_id, action, outcome, items, item_people)
     select commune_code, month, service_id, action, outcome, sum(items), sum(item_people)
     from activity_team_services_folded where ${gen} group by 1, 2, 3, 4, 5
     on conflict (commune_code, month, service_id, action, outcome) do update set items = f.items + excluded.items,
       item_people = f.item_people + excluded.item_people`,
  );
  // The provinces' rollups (migration 0019) from the communes' rows of this run, as the fold would add them.
  await q(
    `insert into activity_province_months_folded as f (province_code, month, activities, households, people, minutes)
     select u.province_code, m.month, sum(m.activities), sum(m.households), sum(m.people), sum(m.minutes)
     from activity_team_months_folded m join units u on u.code = m.commune_code where m.${gen} group by 1, 2
     on conflict (province_code, month) do update set activities = f.activities + excluded.activities,
       households = f.households + excluded.households, people = f.people + excluded.people,
       minutes = f.minutes + excluded.minutes`,
  );
  await q(
    `insert into activity_province_services_folded as f (province_code, month, service_id, action, outcome, items,
       item_people)
     select u.province_code, m.month, m.service_id, m.action, m.outcome, sum(m.items), sum(m.item_people)
     from activity_team_services_folded m join units u on u.code = m.commune_code where m.${gen} group by 1, 2, 3, 4, 5
     on conflict (province_code, month, service_id, action, outcome) do update set items = f.items + excluded.items,
       item_people = f.item_people + excluded.item_people`,
  );
  await q('analyze');
  const seconds = (performance.now() - start) / 1000;
  log(`  rollups written, analyzed: ${seconds.toFixed(1)} s`);
  return { tag, teams, members, activities: written, seconds };
}

/** p50/p99 (ms) of `runs` runs of a query. */
async function timeQuery(database: Database, text: string, params: unknown[], runs = 50) {
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await database.query(text, params);
    ms.push(performance.now() - t0);
  }
  ms.sort((a, b) => a - b);
  return { p50: ms[Math.floor(runs / 2)], p99: ms[Math.min(runs - 1, Math.floor(runs * 0.99))] };
}

/** The count queries the commune and province pages run, timed on the folded views. */
export async function timeCountQueries(database: Database) {
  const [busiest] = await database.query<{ commune_code: string; province_code: string }>(
    `select m.commune_code, u.province_code from activity_commune_months m join units u on u.code = m.commune_code
     group by 1, 2 order by sum(m.activities) desc limit 1`,
  );
  const commune = busiest?.commune_code ?? '05569';
  const province = busiest?.province_code ?? '19';
  const inProvince = `commune_code in (select code from units where province_code = $1 and level = 'commune')`;
  const queries: [string, string, unknown[]][] = [
    [
      `province ${province}: activities per commune, 12 months`,
      `select commune_code, sum(activities)::int as activities, sum(households)::int as households
       from activity_commune_months where ${inProvince}
         and month >= date_trunc('month', current_date) - interval '11 months'
       group by commune_code`,
      [province],
    ],
    [
      `province ${province}: items per service and action, 12 months`,
      `select service_id, action, outcome, sum(items)::int as items from activity_commune_services
       where ${inProvince} and month >= date_trunc('month', current_date) - interval '11 months' group by 1, 2, 3`,
      [province],
    ],
    [
      `province ${province}: items per service and action, 12 months (the page: province rollup)`,
      `select service_id, action, outcome, sum(items)::int as items from activity_province_services
       where province_code = $1 and month >= date_trunc('month', current_date) - interval '11 months' group by 1, 2, 3`,
      [province],
    ],
    [
      `province ${province}: activities per month, 12 months (the page: province rollup)`,
      `select month, sum(activities)::int as activities, sum(households)::int as households from activity_province_months
       where province_code = $1 and month >= date_trunc('month', current_date) - interval '11 months' group by 1`,
      [province],
    ],
    [
      'country: activities per month, 12 months',
      `select month, sum(activities)::int as activities from activity_commune_months
       where month >= date_trunc('month', current_date) - interval '11 months' group by 1`,
      [],
    ],
    [
      `commune ${commune}: per team and month`,
      `select team_id, month, sum(activities)::int as activities from activity_team_months
       where commune_code = $1 group by 1, 2`,
      [commune],
    ],
    [
      `commune ${commune}: per service and month`,
      `select month, service_id, action, outcome, sum(items)::int as items from activity_commune_services
       where commune_code = $1 group by 1, 2, 3, 4`,
      [commune],
    ],
  ];
  const out: { label: string; p50: number; p99: number }[] = [];
  for (const [label, text, params] of queries) out.push({ label, ...(await timeQuery(database, text, params)) });
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const n = Number(process.argv[2] ?? 1_000_000);
  const url = process.env.DATABASE_URL;
  const database = url
    ? await openDatabase({ kind: 'postgres', url })
    : await openDatabase({ kind: 'pglite', dataDir: process.argv[3] ?? './data/bench-activities' });
  await prepareDatabase(database);
  if (process.env.BENCH_TIME_ONLY) {
    for (const r of await timeCountQueries(database))
      console.log(
        `${r.label.padEnd(52)} p50 ${r.p50.toFixed(1).padStart(7)} ms   p99 ${r.p99.toFixed(1).padStart(7)} ms`,
      );
    await database.close();
    process.exit(0);
  }
  console.log(`Generating ${n.toLocaleString('en')} activities on ${url ? 'PostgreSQL' : 'PGlite'}…`);
  const g = await generateActivities(database, n);
  const [check] = await database.query<{
    rows: number;
    counted: number;
    items: number;
    counted_items: number;
    province_rows: number;
    province_items: number;
  }>(
    `select (select count(*)::int from activities) as rows,
       (select coalesce(sum(activities), 0)::int from activity_commune_months) as counted,
       (select count(*)::int from activity_items) as items,
       (select coalesce(sum(items), 0)::int from activity_commune_services) as counted_items,
       (select coalesce(sum(activities), 0)::int from activity_province_months) as province_rows,
       (select coalesce(sum(items), 0)::int from activity_province_services) as province_items`,
  );
  console.log(
    `${g.teams.toLocaleString('en')} teams, ${g.members.toLocaleString('en')} members, ${g.activities.toLocaleString('en')} activities in ${g.seconds.toFixed(1)} s`,
  );
  console.log(
    `check: ${check.rows} activity rows, ${check.counted} counted (${check.province_rows} by province); ${check.items} items, ${check.counted_items} counted (${check.province_items} by province): ${
      check.rows === check.counted &&
      check.items === check.counted_items &&
      check.province_rows === check.rows &&
      check.province_items === check.items
        ? 'exact'
        : 'MISMATCH'
    }`,
  );
  const [size] = await database.query<{ size: string }>(
    `select pg_size_pretty(sum(pg_total_relation_size(c.oid))) as size from pg_class c
     where c.relname like 'activit%' and c.relkind = 'r'`,
  );
  console.log(`activity tables on disk (with indexes): ${size.size}`);
  for (const r of await timeCountQueries(database))
    console.log(
      `${r.label.padEnd(52)} p50 ${r.p50.toFixed(1).padStart(7)} ms   p99 ${r.p99.toFixed(1).padStart(7)} ms`,
    );
  await database.close();
}
