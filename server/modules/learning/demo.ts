import { sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { queryRows } from '../../db/rows.js';

/**
 * The province's learner figures (seed 004): 9,150 learners = 6,776 officials and public employees + 2,374 youth
 * union members (1,624) and community digital technology team members (750).
 */
export const DEMO_LEARNERS = { official: 6776, youth_union: 1624, team_member: 750 } as const;
export const DEMO_LEARNER_TOTAL = DEMO_LEARNERS.official + DEMO_LEARNERS.youth_union + DEMO_LEARNERS.team_member;

const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Hà', 'Ma', 'Lương', 'Đặng', 'Nông', 'Triệu', 'Vũ'];
const MIDDLE = ['Văn', 'Thị', 'Đức', 'Thu', 'Minh', 'Ngọc', 'Hữu', 'Thanh'];
const GIVEN = ['An', 'Bình', 'Chi', 'Dũng', 'Giang', 'Hà', 'Hùng', 'Lan', 'Linh', 'Mai', 'Nam', 'Phương', 'Quân'];
const textArray = (xs: string[]) =>
  sql`array[${sql.join(
    xs.map((x) => sql`${x}`),
    sql`, `,
  )}]::text[]`;

/**
 * The demo's learners (XASO_DEMO=1, a new database: the caller checks), set-based: 9,150 accounts (citizens, no
 * password of their own unless `passwordHash` is given: one hash for all, never argon2 per row), each a learner of
 * its category in one of the province's communes, first enrolled over the last `days` days; when the province has
 * published courses, each learner is enrolled in one to three of them, and about half completed theirs (every lesson
 * done, the quiz passed). Deterministic from the row number. Returns how many learners it wrote.
 */
export async function seedDemoLearners(
  exec: Executor,
  now: Date,
  opts: {
    provinceCode?: string;
    days?: number;
    passwordHash?: string | null;
    /** Learners per category (the benchmarks scale the demo's mix); the demo's 9,150 by default. */
    counts?: { official: number; youth_union: number; team_member: number };
    /** Their usernames are the prefix and a zero-padded number ('hv.00001'). */
    usernamePrefix?: string;
  } = {},
): Promise<number> {
  const province = opts.provinceCode ?? '19';
  const days = opts.days ?? 180;
  const at = now.toISOString();
  const { official, youth_union, team_member } = opts.counts ?? DEMO_LEARNERS;
  const total = official + youth_union + team_member;
  const prefix = opts.usernamePrefix ?? 'hv.';
  const width = Math.max(5, String(total).length);
  const [{ n }] = await queryRows<{ n: number }>(
    exec,
    sql`with c as (
          select code, path, (row_number() over (order by code) - 1)::int as i, count(*) over ()::int as n
          from units where parent_code = ${province} and level = 'commune' and status = 'active'
        ), g as (
          select g, case when g <= ${official} then 'official'
              when g <= ${official + youth_union} then 'youth_union' else 'team_member' end as category,
            ${at}::timestamptz - make_interval(days => (g * 7919) % ${days}, mins => (g * 131) % 600) as first_at
          from generate_series(1, ${total}) g
        ), u as (
          insert into users (username, full_name, password_hash, is_demo, managed_by_admin, created_at)
          select ${prefix} || lpad(g::text, ${width}, '0'),
            (${textArray(FAMILY)})[1 + g % ${FAMILY.length}] || ' ' || (${textArray(MIDDLE)})[1 + (g / 7) % ${MIDDLE.length}]
              || ' ' || (${textArray(GIVEN)})[1 + (g / 3) % ${GIVEN.length}],
            ${opts.passwordHash ?? null}::text, true, false, first_at
          from g
          returning id, username
        ), r as (
          insert into role_assignments (user_id, role) select id, 'citizen' from u returning user_id
        ), l as (
          insert into learners (user_id, category, unit_code, commune_code, unit_path, first_enrolled_at)
          select u.id, g.category, c.code, c.code, c.path, g.first_at
          from u join g on u.username = ${prefix} || lpad(g.g::text, ${width}, '0')
          join c on c.i = (g.g * 37) % c.n
          returning user_id
        )
        select (select count(*)::int from l) as n, (select count(*)::int from r) as r`,
  );
  await seedDemoEnrolments(exec, now, prefix);
  return n;
}

/** Enrols the demo learners in the published courses (none: nothing), with progress; about half completed. */
async function seedDemoEnrolments(exec: Executor, now: Date, usernamePrefix: string) {
  const at = now.toISOString();
  await exec.execute(sql`
    with v as (
      select c.id as course_id, v.content, (row_number() over (order by c.created_at, c.id) - 1)::int as k,
        count(*) over ()::int as n, c.published_version as version
      from courses c join course_versions v on v.course_id = c.id and v.version = c.published_version
      where c.status = 'published'
    ), l as (
      select user_id, category, unit_code, commune_code, unit_path, first_enrolled_at,
        abs(hashtext(user_id::text)) as h
      from learners where exists (select 1 from users u where u.id = user_id and u.username like ${`${usernamePrefix}%`})
    )
    insert into course_enrolments (course_id, user_id, category, unit_code, commune_code, unit_path, enrolled_at,
      completed_at, completed_version)
    select v.course_id, l.user_id, l.category, l.unit_code, l.commune_code, l.unit_path,
      l.first_enrolled_at + make_interval(days => j * 3),
      case when (l.h / 11 + j) % 2 = 0
        then least(l.first_enrolled_at + make_interval(days => j * 3 + 1 + l.h % 5), ${at}::timestamptz) end,
      case when (l.h / 11 + j) % 2 = 0 then v.version end
    from l cross join generate_series(0, 2) j
    join v on v.k = (l.h + j) % v.n
    where j <= l.h % 3 and j < v.n and l.first_enrolled_at + make_interval(days => j * 3) <= ${at}::timestamptz
    on conflict (course_id, user_id) do nothing`);
  await exec.execute(sql`
    insert into lesson_progress (enrolment_id, lesson_id, completed_at)
    select e.id, (lesson->>'id')::uuid, e.completed_at
    from course_enrolments e
    join courses c on c.id = e.course_id
    join course_versions v on v.course_id = c.id and v.version = c.published_version
    cross join lateral jsonb_array_elements(v.content->'lessons') lesson
    where e.completed_at is not null
    on conflict do nothing`);
  await exec.execute(sql`
    insert into quiz_attempts (id, enrolment_id, attempt_no, version, answers, score, passed, submitted_at)
    select gen_random_uuid(), e.id, 1, e.completed_version,
      (select coalesce(jsonb_object_agg(q->>'id', q->'correctOptionIds'), '{}'::jsonb)
        from jsonb_array_elements(v.content->'quiz'->'questions') q), 100, true, e.completed_at
    from course_enrolments e
    join courses c on c.id = e.course_id
    join course_versions v on v.course_id = c.id and v.version = c.published_version
    where e.completed_at is not null and jsonb_typeof(v.content->'quiz') = 'object'
    on conflict do nothing`);
}
