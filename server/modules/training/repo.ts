import { sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { queryRows } from '../../db/rows.js';
import { trainingMaterials, trainingRegistrations, trainingSessions, trainingSites } from '../../db/schema/index.js';
import { pathCoveredBy } from '../../platform/unit-scope-sql.js';

/**
 * Training sessions' SQL. Writes only the training tables; reads units and users (a registrant's name) read-only.
 * Counts are read from the registrations of one session (hundreds of rows, one index range per site).
 */

export type NewSession = typeof trainingSessions.$inferInsert;

export interface SessionRecord {
  id: string;
  unitCode: string;
  unitPath: string;
  unitName: string;
  organizerName: string;
  topic: string;
  description: string;
  startsAt: Date | string;
  endsAt: Date | string;
  status: 'draft' | 'published' | 'cancelled';
  certificateOnAttendance: boolean;
}

export interface SummaryRecord extends SessionRecord {
  siteCount: number;
  registered: number;
  attended: number;
}

const sessionColumns = sql`s.id, s.unit_code as "unitCode", s.unit_path as "unitPath", u.full_name as "unitName",
  s.organizer_name as "organizerName", s.topic, s.description, s.starts_at as "startsAt", s.ends_at as "endsAt",
  s.status, s.certificate_on_attendance as "certificateOnAttendance"`;

const countColumns = sql`(select count(*)::int from training_sites x where x.session_id = s.id) as "siteCount",
  (select count(*)::int from training_registrations r where r.session_id = s.id and r.status = 'registered')
    as "registered",
  (select count(*)::int from training_registrations r where r.session_id = s.id and r.attended_at is not null)
    as "attended"`;

export async function findSession(exec: Executor, id: string, lock = false): Promise<SessionRecord | null> {
  const [row] = await queryRows<SessionRecord>(
    exec,
    sql`select ${sessionColumns} from training_sessions s join units u on u.code = s.unit_code where s.id = ${id}
      ${lock ? sql`for update of s` : sql``}`,
  );
  return row ?? null;
}

export async function summaryOf(exec: Executor, id: string): Promise<SummaryRecord | null> {
  const [row] = await queryRows<SummaryRecord>(
    exec,
    sql`select ${sessionColumns}, ${countColumns} from training_sessions s join units u on u.code = s.unit_code
      where s.id = ${id}`,
  );
  return row ?? null;
}

/** Published sessions not yet ended (upcoming) or ended (past), for everyone. */
export async function listPublished(exec: Executor, when: 'upcoming' | 'past', now: Date) {
  const at = now.toISOString();
  return queryRows<SummaryRecord>(
    exec,
    sql`select ${sessionColumns}, ${countColumns} from training_sessions s join units u on u.code = s.unit_code
      where s.status = 'published' and ${when === 'upcoming' ? sql`s.ends_at > ${at}::timestamptz` : sql`s.ends_at <= ${at}::timestamptz`}
      order by ${when === 'upcoming' ? sql`s.starts_at asc` : sql`s.starts_at desc`}, s.id limit 200`,
  );
}

/** Every session (drafts and cancelled ones too) organised inside the scopes, newest first. */
export async function listManaged(exec: Executor, scopes: string[]) {
  if (scopes.length === 0) return [];
  return queryRows<SummaryRecord>(
    exec,
    sql`select ${sessionColumns}, ${countColumns} from training_sessions s join units u on u.code = s.unit_code
      where ${pathCoveredBy(sql`s.unit_path`, scopes)} order by s.starts_at desc, s.id limit 500`,
  );
}

export async function insertSession(exec: Executor, values: NewSession) {
  const [row] = await exec.insert(trainingSessions).values(values).returning({ id: trainingSessions.id });
  return row.id;
}

export async function updateSession(exec: Executor, id: string, values: Partial<NewSession>) {
  await exec
    .update(trainingSessions)
    .set({ ...values, updatedAt: new Date() })
    .where(sql`${trainingSessions.id} = ${id}`);
}

export interface SiteRecord {
  id: string;
  sessionId: string;
  main: boolean;
  position: number;
  name: string;
  place: string;
  communeCode: string | null;
  communeName: string | null;
  capacity: number | null;
  registered: number;
  attended: number;
}

/** A session's sites, the main one first, each with its counts. */
export async function sitesOf(exec: Executor, sessionId: string): Promise<SiteRecord[]> {
  return queryRows<SiteRecord>(
    exec,
    sql`select t.id, t.session_id as "sessionId", t.is_main as "main", t.position, t.name, t.place,
        t.commune_code as "communeCode", u.full_name as "communeName", t.capacity,
        (select count(*)::int from training_registrations r where r.site_id = t.id and r.status = 'registered')
          as "registered",
        (select count(*)::int from training_registrations r where r.site_id = t.id and r.attended_at is not null)
          as "attended"
      from training_sites t left join units u on u.code = t.commune_code
      where t.session_id = ${sessionId} order by t.is_main desc, t.position, t.id`,
  );
}

export interface SiteInsert {
  id?: string;
  main: boolean;
  position: number;
  name: string;
  place: string;
  communeCode: string | null;
  capacity: number | null;
}

/** Writes a session's sites: updates those with an id, inserts the others, deletes those not listed. */
export async function replaceSites(exec: Executor, sessionId: string, sites: SiteInsert[]) {
  const keep = sites.filter((s) => s.id).map((s) => s.id as string);
  await exec.execute(
    sql`delete from training_sites where session_id = ${sessionId}
      ${
        keep.length
          ? sql`and id not in (${sql.join(
              keep.map((id) => sql`${id}::uuid`),
              sql`, `,
            )})`
          : sql``
      }`,
  );
  // The main site moves first to a non-main state, so the one-main index never sees two.
  await exec.execute(sql`update training_sites set is_main = false where session_id = ${sessionId}`);
  for (const s of sites) {
    const values = {
      isMain: s.main,
      position: s.position,
      name: s.name,
      place: s.place,
      communeCode: s.communeCode,
      capacity: s.capacity,
    };
    if (s.id)
      await exec
        .update(trainingSites)
        .set(values)
        .where(sql`${trainingSites.id} = ${s.id} and ${trainingSites.sessionId} = ${sessionId}`);
    else await exec.insert(trainingSites).values({ ...values, sessionId });
  }
}

/** Sites of the session among `ids` that still have registrations (they cannot be removed). */
export async function sitesWithRegistrations(exec: Executor, sessionId: string, ids: string[]) {
  if (ids.length === 0) return [];
  return queryRows<{ id: string; name: string }>(
    exec,
    sql`select t.id, t.name from training_sites t where t.session_id = ${sessionId}
      and t.id in (${sql.join(
        ids.map((id) => sql`${id}::uuid`),
        sql`, `,
      )})
      and exists (select 1 from training_registrations r where r.site_id = t.id)`,
  );
}

export interface MaterialRecord {
  id: string;
  title: string;
  url: string | null;
  fileKey: string | null;
  fileName: string | null;
}

export async function materialsOf(exec: Executor, sessionId: string) {
  return queryRows<MaterialRecord>(
    exec,
    sql`select id, title, url, file_key as "fileKey", file_name as "fileName" from training_materials
      where session_id = ${sessionId} order by position, id`,
  );
}

export async function findMaterial(exec: Executor, id: string) {
  const [row] = await queryRows<MaterialRecord & { sessionId: string; position: number }>(
    exec,
    sql`select id, session_id as "sessionId", position, title, url, file_key as "fileKey", file_name as "fileName"
      from training_materials where id = ${id}`,
  );
  return row ?? null;
}

/**
 * Writes the session's materials from the form: links are replaced; an uploaded file's row is kept (and retitled)
 * when listed by id, removed when not. Returns the keys of removed files (the caller deletes them after commit).
 */
export async function replaceMaterials(
  exec: Executor,
  sessionId: string,
  items: { id?: string; title: string; url: string | null }[],
) {
  const keep = items.filter((m) => m.id).map((m) => m.id as string);
  const removed = await queryRows<{ fileKey: string | null }>(
    exec,
    sql`delete from training_materials where session_id = ${sessionId}
      ${
        keep.length
          ? sql`and id not in (${sql.join(
              keep.map((id) => sql`${id}::uuid`),
              sql`, `,
            )})`
          : sql``
      }
      returning file_key as "fileKey"`,
  );
  let position = 0;
  for (const m of items) {
    position += 1;
    if (m.id)
      await exec
        .update(trainingMaterials)
        .set({ title: m.title, position, ...(m.url ? { url: m.url } : {}) })
        .where(sql`${trainingMaterials.id} = ${m.id} and ${trainingMaterials.sessionId} = ${sessionId}`);
    else if (m.url) await exec.insert(trainingMaterials).values({ sessionId, title: m.title, url: m.url, position });
  }
  return removed.map((r) => r.fileKey).filter((k): k is string => !!k);
}

export async function insertFileMaterial(
  exec: Executor,
  values: { sessionId: string; title: string; fileKey: string; fileName: string; fileBytes: number },
) {
  const [{ n }] = await queryRows<{ n: number }>(
    exec,
    sql`select coalesce(max(position), 0)::int + 1 as n from training_materials where session_id = ${values.sessionId}`,
  );
  const [row] = await exec
    .insert(trainingMaterials)
    .values({ ...values, position: n })
    .returning({ id: trainingMaterials.id });
  return row.id;
}

export async function countMaterials(exec: Executor, sessionId: string) {
  const [{ n }] = await queryRows<{ n: number }>(
    exec,
    sql`select count(*)::int as n from training_materials where session_id = ${sessionId}`,
  );
  return n;
}

export interface SiteOfSession {
  id: string;
  sessionId: string;
  name: string;
  communeCode: string | null;
  capacity: number | null;
}

export async function findSite(exec: Executor, siteId: string): Promise<SiteOfSession | null> {
  const [row] = await queryRows<SiteOfSession>(
    exec,
    sql`select id, session_id as "sessionId", name, commune_code as "communeCode", capacity from training_sites
      where id = ${siteId}`,
  );
  return row ?? null;
}

/**
 * Serialises the registrations of one site with a capacity (a transaction-scoped advisory lock keyed by the site):
 * registrants of other sites, and of sites with no capacity, take no lock and never wait.
 */
export async function lockSite(exec: Executor, siteId: string) {
  await exec.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`training_site:${siteId}`}, 0))`);
}

/** People registered at a site (cancelled ones excluded), `except` one person's row. */
export async function registeredAt(exec: Executor, siteId: string, exceptId?: string) {
  const [{ n }] = await queryRows<{ n: number }>(
    exec,
    sql`select count(*)::int as n from training_registrations where site_id = ${siteId} and status = 'registered'
      ${exceptId ? sql`and id <> ${exceptId}` : sql``}`,
  );
  return n;
}

export interface RegistrationRecord {
  id: string;
  sessionId: string;
  siteId: string;
  userId: string | null;
  fullName: string;
  learnerCategory: string;
  unitCode: string | null;
  status: 'registered' | 'cancelled';
  registeredAt: Date | string;
  attendedAt: Date | string | null;
  attendanceMethod: 'qr' | 'list' | null;
}

const registrationColumns = sql`id, session_id as "sessionId", site_id as "siteId", user_id as "userId",
  full_name as "fullName", learner_category as "learnerCategory", unit_code as "unitCode", status,
  registered_at as "registeredAt", attended_at as "attendedAt", attendance_method as "attendanceMethod"`;

export async function findRegistration(exec: Executor, sessionId: string, userId: string, lock = false) {
  const [row] = await queryRows<RegistrationRecord>(
    exec,
    sql`select ${registrationColumns} from training_registrations where session_id = ${sessionId}
      and user_id = ${userId} ${lock ? sql`for update` : sql``}`,
  );
  return row ?? null;
}

export async function findRegistrationById(exec: Executor, id: string, lock = false) {
  const [row] = await queryRows<RegistrationRecord>(
    exec,
    sql`select ${registrationColumns} from training_registrations where id = ${id} ${lock ? sql`for update` : sql``}`,
  );
  return row ?? null;
}

/**
 * Registers a person at a site: one row per session and person (a retry or a second tab lands on the same row; a
 * new site or category replaces the old; a cancelled registration comes back). An attended row is never moved.
 */
export async function upsertRegistration(
  exec: Executor,
  v: {
    sessionId: string;
    siteId: string;
    userId: string;
    fullName: string;
    learnerCategory: string;
    unitCode: string | null;
  },
) {
  const [row] = await queryRows<RegistrationRecord>(
    exec,
    sql`insert into training_registrations (session_id, site_id, user_id, full_name, learner_category, unit_code)
      values (${v.sessionId}, ${v.siteId}, ${v.userId}, ${v.fullName}, ${v.learnerCategory}, ${v.unitCode})
      on conflict (session_id, user_id) do update set site_id = excluded.site_id,
        learner_category = excluded.learner_category, unit_code = excluded.unit_code, status = 'registered',
        cancelled_at = null,
        registered_at = case when training_registrations.status = 'cancelled' then now()
          else training_registrations.registered_at end
      where training_registrations.attended_at is null
      returning ${registrationColumns}`,
  );
  return row ?? null;
}

export async function cancelRegistration(exec: Executor, id: string) {
  await exec.execute(
    sql`update training_registrations set status = 'cancelled', cancelled_at = now()
      where id = ${id} and attended_at is null`,
  );
}

/** Marks a registration attended once: only the first of concurrent scans or ticks gets the row back. */
export async function markAttended(exec: Executor, id: string, at: Date, method: 'qr' | 'list', by: string | null) {
  const [row] = await queryRows<{ attendedAt: Date | string }>(
    exec,
    sql`update training_registrations set attended_at = ${at.toISOString()}::timestamptz, attendance_method = ${method},
        attendance_by = ${by}
      where id = ${id} and attended_at is null and status = 'registered' returning attended_at as "attendedAt"`,
  );
  return row ?? null;
}

export async function unmarkAttended(exec: Executor, id: string) {
  await exec.execute(
    sql`update training_registrations set attended_at = null, attendance_method = null, attendance_by = null
      where id = ${id}`,
  );
}

/** Registered and attended by learner category for one session. */
export async function byCategory(exec: Executor, sessionId: string) {
  return queryRows<{ category: string; registered: number; attended: number }>(
    exec,
    sql`select learner_category as category,
        count(*) filter (where status = 'registered')::int as registered,
        count(*) filter (where attended_at is not null)::int as attended
      from training_registrations where session_id = ${sessionId}
      group by learner_category order by learner_category`,
  );
}

/** The attendance list of a session (names: the organiser's administrators only). */
export async function attendanceRows(exec: Executor, sessionId: string) {
  return queryRows<RegistrationRecord & { unitName: string | null }>(
    exec,
    sql`select r.id, r.session_id as "sessionId", r.site_id as "siteId", r.user_id as "userId",
        r.full_name as "fullName", r.learner_category as "learnerCategory", r.unit_code as "unitCode", r.status,
        r.registered_at as "registeredAt", r.attended_at as "attendedAt", r.attendance_method as "attendanceMethod",
        u.full_name as "unitName"
      from training_registrations r left join units u on u.code = r.unit_code
      where r.session_id = ${sessionId} and r.status = 'registered'
      order by vn_fold(r.full_name), r.id`,
  );
}

export async function myRegistrations(exec: Executor, userId: string) {
  return queryRows<
    RegistrationRecord & {
      topic: string;
      startsAt: Date | string;
      endsAt: Date | string;
      sessionStatus: string;
      siteName: string;
    }
  >(
    exec,
    sql`select r.id, r.session_id as "sessionId", r.site_id as "siteId", r.user_id as "userId",
        r.full_name as "fullName", r.learner_category as "learnerCategory", r.unit_code as "unitCode", r.status,
        r.registered_at as "registeredAt", r.attended_at as "attendedAt", r.attendance_method as "attendanceMethod",
        s.topic, s.starts_at as "startsAt", s.ends_at as "endsAt", s.status as "sessionStatus", t.name as "siteName"
      from training_registrations r join training_sessions s on s.id = r.session_id
        join training_sites t on t.id = r.site_id
      where r.user_id = ${userId} and s.status <> 'draft'
      order by s.starts_at desc limit 200`,
  );
}

export async function userName(exec: Executor, userId: string) {
  const [row] = await queryRows<{ fullName: string }>(
    exec,
    sql`select full_name as "fullName" from users where id = ${userId}`,
  );
  return row?.fullName ?? null;
}

export async function unitsByCodes(exec: Executor, codes: string[]) {
  if (codes.length === 0) return [];
  return queryRows<{ code: string; path: string; level: string; provinceCode: string | null }>(
    exec,
    sql`select code, path, level, province_code as "provinceCode" from units where code in (${sql.join(
      codes.map((c) => sql`${c}`),
      sql`, `,
    )})`,
  );
}

export { trainingRegistrations };

/**
 * Demo and tests: participants recorded by the organiser without accounts (names made from common Vietnamese
 * family, middle and given names), `count` per site, attended at `attendedAt` (ticked on the list), one set-based
 * insert per site.
 */
export async function insertListedParticipants(
  exec: Executor,
  sessionId: string,
  site: { id: string; communeCode: string | null; count: number; firstOfficials: number },
  registeredAt: Date,
  attendedAt: Date | null,
) {
  await exec.execute(
    sql`insert into training_registrations (session_id, site_id, user_id, full_name, learner_category, unit_code,
        registered_at, attended_at, attendance_method)
      select ${sessionId}, ${site.id}, null,
        (array['Nguyễn','Trần','Hoàng','Nông','Hà','Lý','Triệu','Ma','Đàm','Lục','Bế','Dương'])[1 + (g * 7 + ${site.count}) % 12]
          || ' ' || (array['Văn','Thị','Đức','Thu','Minh','Ngọc','Quang','Thanh'])[1 + (g * 5) % 8]
          || ' ' || (array['An','Bình','Chiến','Dung','Giang','Hạnh','Hùng','Lan','Linh','Mai','Nam','Phương','Quân',
            'Sơn','Thảo','Tuấn','Vân','Yến'])[1 + (g * 11) % 18],
        case when g <= ${site.firstOfficials} then 'official' else 'youth_union' end,
        ${site.communeCode}, ${registeredAt.toISOString()}::timestamptz,
        ${attendedAt ? sql`${attendedAt.toISOString()}::timestamptz` : sql`null`},
        ${attendedAt ? sql`'list'` : sql`null`}
      from generate_series(1, ${site.count}) as g`,
  );
}

/**
 * The published sessions of a unit over a period, site by site, for the learner statistics: sessions organised in the
 * unit or with a site in it, starting between the two days (Vietnam time, open when null), with each site's
 * registrations (not cancelled) and attendees.
 */
export async function sitesOfPeriod(
  exec: Executor,
  q: { unitPath: string; fromDay: string | null; toDay: string | null },
) {
  return queryRows<{
    sessionId: string;
    topic: string;
    organizerName: string;
    startsOn: string;
    siteId: string;
    siteName: string;
    isMain: boolean;
    capacity: number | null;
    registered: number;
    attended: number;
  }>(
    exec,
    sql`select s.id as "sessionId", s.topic, s.organizer_name as "organizerName",
          to_char(s.starts_at at time zone 'Asia/Ho_Chi_Minh', 'YYYY-MM-DD') as "startsOn",
          t.id as "siteId", t.name as "siteName", t.is_main as "isMain", t.capacity,
          count(r.id) filter (where r.status = 'registered')::int as registered,
          count(r.id) filter (where r.status = 'registered' and r.attended_at is not null)::int as attended
        from training_sessions s
        join training_sites t on t.session_id = s.id
        left join training_registrations r on r.site_id = t.id
        where s.status = 'published'
          and (${pathCoveredBy(sql`s.unit_path`, [q.unitPath])}
            or exists (select 1 from training_sites x join units u on u.code = x.commune_code
              where x.session_id = s.id and ${pathCoveredBy(sql`u.path`, [q.unitPath])}))
          and (${q.fromDay}::date is null or (s.starts_at at time zone 'Asia/Ho_Chi_Minh')::date >= ${q.fromDay}::date)
          and (${q.toDay}::date is null or (s.starts_at at time zone 'Asia/Ho_Chi_Minh')::date <= ${q.toDay}::date)
        group by s.id, t.id
        order by s.starts_at desc, s.id, t.is_main desc, t.position, t.id`,
  );
}
