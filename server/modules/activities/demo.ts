import { sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { queryRows } from '../../db/rows.js';

/** What a demo session did: an action and the catalog service it was with (by slug; null: no one service). */
const DEMO_WORK: [string, string | null][] = [
  ['vneid_level2', 'vneid'],
  ['vneid_level2', 'vneid'],
  ['installed_app', 'vneid'],
  ['installed_app', 'c-thai-nguyen'],
  ['installed_app', 'c-thai-nguyen'],
  ['installed_app', 'thai-nguyen-id'],
  ['created_account', 'thai-nguyen-id'],
  ['installed_app', 'vssid'],
  ['installed_app', 'so-suc-khoe-dien-tu'],
  ['installed_app', 'so-tay-dang-vien'],
  ['online_dossier', 'dich-vu-cong-quoc-gia'],
  ['online_dossier', 'dich-vu-cong-thai-nguyen'],
  ['e_payment', 'thanh-toan-dien-tu'],
  ['e_payment', 'vbsp-smart-banking'],
  ['online_shop', 'thuong-mai-dien-tu'],
  ['scam_awareness', null],
  ['scam_awareness', null],
];

/** The demo team members who have no account yet (the seed gives each one, so they can record activities). */
export async function demoMembersWithoutAccount(exec: Executor) {
  return queryRows<{ id: string; full_name: string; phone: string; hamlet_code: string }>(
    exec,
    sql`select m.id, m.full_name, m.phone, t.hamlet_code from team_members m join teams t on t.id = m.team_id
        where m.user_id is null and m.left_on is null order by m.phone`,
  );
}

/**
 * Six months of activity history for the demo teams (XASO_DEMO=1, a new database: the caller checks), in two
 * set-based statements: every active member with an account records a session about every third day until
 * yesterday (a working hour in Vietnam, synced a little later), each with one to three items of the seeds' services.
 * Deterministic from the member and day (hashtext), so every demo looks alike. Returns how many activities it wrote.
 */
export async function seedDemoActivities(exec: Executor, now: Date, days = 182): Promise<number> {
  const sessions = Math.floor(days / 3);
  const [{ n }] = await queryRows<{ n: number }>(
    exec,
    sql`with s as (
          select m.id as member_id, m.user_id, t.id as team_id, t.commune_code, t.hamlet_code, t.unit_path,
            (((${now.toISOString()}::timestamptz at time zone 'UTC') + interval '7 hours')::date
              - (1 + g * 3 + abs(hashtext(m.id::text || g::text)) % 3)) as day,
            abs(hashtext(m.id::text || '/' || g::text)) as h
          from team_members m
          join teams t on t.id = m.team_id
          cross join generate_series(0, ${sessions - 1}) g
          where m.user_id is not null and m.left_on is null and t.dissolved_on is null
        ), ins as (
          insert into activities (id, team_id, member_id, author_user_id, commune_code, hamlet_code, unit_path,
            occurred_at, occurred_on, duration_minutes, households, people, created_at, updated_at)
          select gen_random_uuid(), team_id, member_id, user_id, commune_code, hamlet_code, unit_path,
            ((day + time '08:00' + make_interval(mins => (h % 540)::int)) - interval '7 hours') at time zone 'UTC',
            day, 30 + (h % 7) * 15, 1 + h % 6, 1 + h % 6 + (h / 7) % 4,
            least(((day + time '08:00' + make_interval(mins => (h % 540)::int + 90)) - interval '7 hours') at time zone 'UTC',
              ${now.toISOString()}::timestamptz),
            least(((day + time '08:00' + make_interval(mins => (h % 540)::int + 90)) - interval '7 hours') at time zone 'UTC',
              ${now.toISOString()}::timestamptz)
          from s
          returning id
        )
        select count(*)::int as n from ins`,
  );
  const work = sql.join(
    DEMO_WORK.map(([action, slug], i) => sql`(${i}::int, ${action}::text, ${slug}::text)`),
    sql`, `,
  );
  await exec.execute(sql`
    insert into activity_items (activity_id, position, service_id, action, procedure, outcome, failure_reason, people)
    select a.id, k, svc.id, w.action,
      case when w.action = 'online_dossier'
        then (array['Đăng ký khai sinh', 'Cấp phiếu lý lịch tư pháp', 'Đăng ký thường trú'])[1 + x.h % 3] end,
      case when x.h % 20 = 0 then 'failed' when x.h % 20 < 4 then 'follow_up' else 'done' end,
      case when x.h % 20 = 0
        then (array['Điện thoại không đủ dung lượng', 'Chưa có căn cước gắn chip', 'Mạng yếu'])[1 + (x.h / 20) % 3] end,
      1 + x.h % 3
    from activities a
    cross join generate_series(0, 2) k
    cross join lateral (select abs(hashtext(a.id::text || '/' || k::text)) as h) x
    join (values ${work}) as w(i, action, slug) on w.i = x.h % ${DEMO_WORK.length}::int
    left join catalog_services svc on svc.slug = w.slug
    where k <= abs(hashtext(a.id::text)) % 3`);
  return n;
}
