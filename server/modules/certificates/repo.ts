import { and, desc, eq, isNotNull, isNull, type SQL, sql } from 'drizzle-orm';
import type { CertificateKind } from '../../../common/constants/learning.js';
import type { Executor } from '../../db/client.js';
import { queryRows } from '../../db/rows.js';
import { certificates, courseVersions, trainingSessions, trainingSites, units, users } from '../../db/schema/index.js';
import { escapeLike } from '../../platform/like.js';
import { pathCoveredBy } from '../../platform/unit-scope-sql.js';

export type CertificateRecord = Omit<typeof certificates.$inferSelect, 'searchFold' | 'createdAt'>;
export type NewCertificate = typeof certificates.$inferInsert;

const columns = {
  id: certificates.id,
  serial: certificates.serial,
  kind: certificates.kind,
  sourceId: certificates.sourceId,
  userId: certificates.userId,
  holderName: certificates.holderName,
  title: certificates.title,
  unitCode: certificates.unitCode,
  unitName: certificates.unitName,
  unitPath: certificates.unitPath,
  issuedOn: certificates.issuedOn,
  issuedAt: certificates.issuedAt,
  revokedAt: certificates.revokedAt,
  revokedBy: certificates.revokedBy,
  revokeReason: certificates.revokeReason,
};

/**
 * What a certificate copies at issue from other domains' tables (read only here): the holder's name as on the
 * account, and the unit's name and path.
 */
export async function holderAndUnit(
  exec: Executor,
  userId: string,
  unitCode: string,
): Promise<{ holderName: string | null; unit: { name: string; path: string } | null }> {
  const [u] = await exec.select({ name: users.fullName }).from(users).where(eq(users.id, userId));
  const [unit] = await exec
    .select({ name: units.fullName, path: units.path })
    .from(units)
    .where(eq(units.code, unitCode));
  return { holderName: u?.name ?? null, unit: unit ?? null };
}

/** Inserts a certificate; null when one exists for (kind, source, person) or (rarely) the serial is taken. */
export async function insertCertificate(exec: Executor, values: NewCertificate): Promise<CertificateRecord | null> {
  const [row] = await exec.insert(certificates).values(values).onConflictDoNothing().returning(columns);
  return row ?? null;
}

export async function findBySource(
  exec: Executor,
  kind: CertificateKind,
  sourceId: string,
  userId: string,
): Promise<CertificateRecord | null> {
  const [row] = await exec
    .select(columns)
    .from(certificates)
    .where(and(eq(certificates.kind, kind), eq(certificates.sourceId, sourceId), eq(certificates.userId, userId)));
  return row ?? null;
}

export async function findBySerial(exec: Executor, serial: string, lock = false): Promise<CertificateRecord | null> {
  const q = exec.select(columns).from(certificates).where(eq(certificates.serial, serial));
  const [row] = lock ? await q.for('update') : await q;
  return row ?? null;
}

/** The public verification's read: only what the page shows. */
export async function verificationOf(exec: Executor, serial: string) {
  const [row] = await exec
    .select({
      kind: certificates.kind,
      holderName: certificates.holderName,
      title: certificates.title,
      issuedOn: certificates.issuedOn,
      revokedAt: certificates.revokedAt,
    })
    .from(certificates)
    .where(eq(certificates.serial, serial));
  return row ?? null;
}

/** A person's certificates, newest first. */
export async function listOfUser(exec: Executor, userId: string): Promise<CertificateRecord[]> {
  return exec
    .select(columns)
    .from(certificates)
    .where(eq(certificates.userId, userId))
    .orderBy(desc(certificates.issuedAt), desc(certificates.id));
}

export interface CertificateFilter {
  scopes: string[];
  words: string[];
  kind?: CertificateKind;
  sourceId?: string;
  status?: 'valid' | 'revoked';
  after?: { issuedAt: string; id: string };
  limit: number;
}

/** Certificates under some unit paths, newest first, after an (issuedAt, id) keyset cursor. */
export async function list(exec: Executor, f: CertificateFilter) {
  const where: SQL[] = [pathCoveredBy(certificates.unitPath, f.scopes)];
  for (const w of f.words) where.push(sql`${certificates.searchFold} like '%' || vn_fold(${escapeLike(w)}) || '%'`);
  if (f.kind) where.push(eq(certificates.kind, f.kind));
  if (f.sourceId) where.push(eq(certificates.sourceId, f.sourceId));
  if (f.status === 'valid') where.push(isNull(certificates.revokedAt));
  if (f.status === 'revoked') where.push(isNotNull(certificates.revokedAt));
  if (f.after)
    where.push(
      sql`(${certificates.issuedAt}, ${certificates.id}) < (${f.after.issuedAt}::timestamptz, ${f.after.id}::uuid)`,
    );
  return exec
    .select({ ...columns, issuedAtExact: sql<string>`${certificates.issuedAt}::text` })
    .from(certificates)
    .where(and(...where))
    .orderBy(desc(certificates.issuedAt), desc(certificates.id))
    .limit(f.limit);
}

/** One page of a course's or session's valid certificates under some unit paths, by serial (for bulk printing). */
export async function pageOfSource(
  exec: Executor,
  f: { kind: CertificateKind; sourceId: string; scopes: string[]; afterSerial: string | null; limit: number },
): Promise<CertificateRecord[]> {
  const where: SQL[] = [
    eq(certificates.kind, f.kind),
    eq(certificates.sourceId, f.sourceId),
    isNull(certificates.revokedAt),
    pathCoveredBy(certificates.unitPath, f.scopes),
  ];
  if (f.afterSerial) where.push(sql`${certificates.serial} > ${f.afterSerial}`);
  return exec
    .select(columns)
    .from(certificates)
    .where(and(...where))
    .orderBy(certificates.serial)
    .limit(f.limit);
}

/** How many valid certificates one bulk print would hold. */
export async function countOfSource(
  exec: Executor,
  f: { kind: CertificateKind; sourceId: string; scopes: string[] },
): Promise<number> {
  const [row] = await exec
    .select({ n: sql<number>`count(*)::int` })
    .from(certificates)
    .where(
      and(
        eq(certificates.kind, f.kind),
        eq(certificates.sourceId, f.sourceId),
        isNull(certificates.revokedAt),
        pathCoveredBy(certificates.unitPath, f.scopes),
      ),
    );
  return Number(row?.n ?? 0);
}

export async function setRevoked(
  exec: Executor,
  id: string,
  r: { revokedAt: Date; revokedBy: string; revokeReason: string },
): Promise<void> {
  await exec.update(certificates).set(r).where(eq(certificates.id, id));
}

/** A unit's path by its code (read only). */
export async function unitPathOf(exec: Executor, code: string): Promise<string | null> {
  const [row] = await exec.select({ path: units.path }).from(units).where(eq(units.code, code));
  return row?.path ?? null;
}

/**
 * What a session's certificate prints, read (only) from the training domain's tables: its topic, and the unit it is
 * issued in when the attendee's own is not recorded: the site's commune, else the organising unit.
 */
export async function sessionForCertificate(
  exec: Executor,
  sessionId: string,
  siteId: string,
): Promise<{ topic: string; unitCode: string } | null> {
  const [row] = await exec
    .select({
      topic: trainingSessions.topic,
      unitCode: sql<string>`coalesce(
        (select ${trainingSites.communeCode} from ${trainingSites} where ${trainingSites.id} = ${siteId}::uuid),
        ${trainingSessions.unitCode})`,
    })
    .from(trainingSessions)
    .where(eq(trainingSessions.id, sessionId));
  return row ?? null;
}

/**
 * Certificates issued under a unit path in a period of issue days (inclusive; null: open), by kind: how many, and how
 * many of those are revoked now. A read of the table (thousands of rows a province), no counter row.
 */
export async function issuedByKind(
  exec: Executor,
  f: { unitPath: string; fromDay: string | null; toDay: string | null },
): Promise<{ kind: CertificateKind; issued: number; revoked: number }[]> {
  const where: SQL[] = [pathCoveredBy(certificates.unitPath, [f.unitPath])];
  if (f.fromDay) where.push(sql`${certificates.issuedOn} >= ${f.fromDay}::date`);
  if (f.toDay) where.push(sql`${certificates.issuedOn} <= ${f.toDay}::date`);
  const rows = await exec
    .select({
      kind: certificates.kind,
      issued: sql<number>`count(*)::int`,
      revoked: sql<number>`count(${certificates.revokedAt})::int`,
    })
    .from(certificates)
    .where(and(...where))
    .groupBy(certificates.kind);
  return rows.map((r) => ({ kind: r.kind, issued: Number(r.issued), revoked: Number(r.revoked) }));
}

/** The title of a course's version, read (only) from the courses domain's snapshots, in the caller's transaction. */
export async function courseTitle(exec: Executor, courseId: string, version: number): Promise<string | null> {
  const [row] = await exec
    .select({ title: sql<string>`${courseVersions.content}->>'title'` })
    .from(courseVersions)
    .where(and(eq(courseVersions.courseId, courseId), eq(courseVersions.version, version)));
  return row?.title ?? null;
}

/**
 * Completed course enrolments that have no certificate yet, with what a certificate copies (the demo's learners were
 * completed set-based, without the learning service; read-only of learning's, courses', users' and units' tables).
 */
export async function completionsWithoutCertificate(exec: Executor) {
  return queryRows<{
    userId: string;
    courseId: string;
    holderName: string;
    title: string;
    unitCode: string;
    unitName: string;
    unitPath: string;
    completedAt: Date | string;
  }>(
    exec,
    sql`select e.user_id as "userId", e.course_id as "courseId", u.full_name as "holderName",
          v.content->>'title' as title, e.unit_code as "unitCode", un.full_name as "unitName",
          e.unit_path as "unitPath", e.completed_at as "completedAt"
        from course_enrolments e
        join users u on u.id = e.user_id
        join course_versions v on v.course_id = e.course_id and v.version = e.completed_version
        join units un on un.code = e.unit_code
        where e.completed_at is not null
          and not exists (select 1 from certificates c
            where c.kind = 'course' and c.source_id = e.course_id and c.user_id = e.user_id)
        order by e.completed_at`,
  );
}

export async function insertCertificates(exec: Executor, rows: NewCertificate[]) {
  for (let i = 0; i < rows.length; i += 1000)
    await exec
      .insert(certificates)
      .values(rows.slice(i, i + 1000))
      .onConflictDoNothing();
}
