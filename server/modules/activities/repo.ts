import { and, asc, desc, eq, inArray, isNull, lt, or, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { queryRows } from '../../db/rows.js';
import {
  activities,
  activityItems,
  activityResidents,
  catalogServices,
  reports,
  teamMembers,
  teams,
  units,
  users,
} from '../../db/schema/index.js';
import { pathCoveredBy } from '../../platform/unit-scope-sql.js';

export type ActivityRow = typeof activities.$inferSelect;
export type NewActivity = typeof activities.$inferInsert;
export type NewActivityItem = typeof activityItems.$inferInsert;
export type NewActivityResident = typeof activityResidents.$inferInsert;

/** A person's active membership: the team they record activities for (the team active, the member not left). */
export interface Membership {
  memberId: string;
  memberName: string;
  role: string;
  teamId: string;
  teamName: string;
  hamletCode: string;
  communeCode: string;
  unitPath: string;
}

export async function activeMemberships(exec: Executor, userId: string): Promise<Membership[]> {
  return exec
    .select({
      memberId: teamMembers.id,
      memberName: teamMembers.fullName,
      role: teamMembers.role,
      teamId: teams.id,
      teamName: teams.name,
      hamletCode: teams.hamletCode,
      communeCode: teams.communeCode,
      unitPath: teams.unitPath,
    })
    .from(teamMembers)
    .innerJoin(teams, eq(teams.id, teamMembers.teamId))
    .where(and(eq(teamMembers.userId, userId), isNull(teamMembers.leftOn), isNull(teams.dissolvedOn)))
    .orderBy(asc(teamMembers.joinedOn), asc(teamMembers.id));
}

/** Which of these ids are catalog services (a read of the catalog's table). */
export async function existingServiceIds(exec: Executor, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await exec
    .select({ id: catalogServices.id })
    .from(catalogServices)
    .where(inArray(catalogServices.id, ids));
  return new Set(rows.map((r) => r.id));
}

/** Which of these report codes this person filed for a resident (assisted; a read of feedback's table). */
export async function assistedReportCodes(exec: Executor, userId: string, codes: string[]): Promise<Set<string>> {
  if (codes.length === 0) return new Set();
  const rows = await exec
    .select({ code: reports.publicCode })
    .from(reports)
    .where(and(inArray(reports.publicCode, codes), eq(reports.submittedBy, userId), eq(reports.channel, 'assisted')));
  return new Set(rows.map((r) => r.code));
}

/**
 * Inserts new activities in one statement; an id already there is left alone (ON CONFLICT DO NOTHING). Returns the
 * ids this statement created: the others were there before (a retry, another tab) or belong to someone else. Rows
 * are sorted by id so two batches sharing ids wait for each other in the same order (never a deadlock).
 */
export async function insertActivities(exec: Executor, rows: NewActivity[]): Promise<Set<string>> {
  if (rows.length === 0) return new Set();
  const sorted = [...rows].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const created = await exec
    .insert(activities)
    .values(sorted)
    .onConflictDoNothing({ target: activities.id })
    .returning({ id: activities.id });
  return new Set(created.map((r) => r.id));
}

export async function insertItems(exec: Executor, rows: NewActivityItem[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 2000) await exec.insert(activityItems).values(rows.slice(i, i + 2000));
}

export async function insertResidents(exec: Executor, rows: NewActivityResident[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 2000) await exec.insert(activityResidents).values(rows.slice(i, i + 2000));
}

export async function deleteItems(exec: Executor, activityId: string): Promise<void> {
  await exec.delete(activityItems).where(eq(activityItems.activityId, activityId));
}

/** Deletes an activity's residents and returns them (an edit keeps the consent record of those it names again). */
export async function deleteResidents(exec: Executor, activityId: string) {
  return exec.delete(activityResidents).where(eq(activityResidents.activityId, activityId)).returning();
}

/** Owner and version of these activities (to answer ids that were already there). */
export async function owners(exec: Executor, ids: string[]) {
  if (ids.length === 0) return [];
  return exec
    .select({ id: activities.id, authorUserId: activities.authorUserId, version: activities.version })
    .from(activities)
    .where(inArray(activities.id, ids));
}

/** Locks these activities (by id order) for an edit. */
export async function lockActivities(exec: Executor, ids: string[]): Promise<ActivityRow[]> {
  if (ids.length === 0) return [];
  return exec.select().from(activities).where(inArray(activities.id, ids)).orderBy(asc(activities.id)).for('update');
}

export async function findActivity(exec: Executor, id: string): Promise<ActivityRow | null> {
  const [row] = await exec.select().from(activities).where(eq(activities.id, id));
  return row ?? null;
}

/** Rewrites an activity's fields and moves its version on by one. */
export async function updateActivity(exec: Executor, id: string, patch: Partial<NewActivity>): Promise<ActivityRow> {
  const [row] = await exec
    .update(activities)
    .set({ ...patch, version: sql`${activities.version} + 1`, updatedAt: sql`now()` })
    .where(eq(activities.id, id))
    .returning();
  return row;
}

/** An activity with the names its view shows (team, member, hamlet) and how many residents it names. */
export type ActivityWithNames = ActivityRow & {
  teamName: string;
  memberName: string;
  hamletName: string;
  residentCount: number;
};

const withNames = {
  a: activities,
  teamName: teams.name,
  memberName: teamMembers.fullName,
  hamletName: sql<string>`coalesce(${units.fullName}, ${activities.hamletCode})`,
  residentCount: sql<number>`(select count(*)::int from ${activityResidents} r where r.activity_id = ${activities.id})`,
};

function named(exec: Executor) {
  return exec
    .select(withNames)
    .from(activities)
    .innerJoin(teams, eq(teams.id, activities.teamId))
    .innerJoin(teamMembers, eq(teamMembers.id, activities.memberId))
    .leftJoin(units, eq(units.code, activities.hamletCode));
}
const flatten = (r: {
  a: ActivityRow;
  teamName: string;
  memberName: string;
  hamletName: string;
  residentCount: number;
}): ActivityWithNames => ({
  ...r.a,
  teamName: r.teamName,
  memberName: r.memberName,
  hamletName: r.hamletName,
  residentCount: Number(r.residentCount),
});

export async function findNamed(exec: Executor, ids: string[]): Promise<ActivityWithNames[]> {
  if (ids.length === 0) return [];
  const rows = await named(exec).where(inArray(activities.id, ids));
  return rows.map(flatten);
}

/** Keyset page condition for (occurred_at desc, id desc). */
const after = (key: [string, string] | null): SQL | undefined =>
  key
    ? or(
        lt(activities.occurredAt, new Date(key[0])),
        and(eq(activities.occurredAt, new Date(key[0])), lt(activities.id, key[1])),
      )
    : undefined;

/** A person's own activities, newest first (index activities_author_idx). */
export async function listMine(
  exec: Executor,
  userId: string,
  key: [string, string] | null,
  limit: number,
): Promise<ActivityWithNames[]> {
  const rows = await named(exec)
    .where(and(eq(activities.authorUserId, userId), after(key)))
    .orderBy(desc(activities.occurredAt), desc(activities.id))
    .limit(limit);
  return rows.map(flatten);
}

/** Activities under a unit path (a commune or a hamlet) in a period of Vietnamese days, newest first. */
export async function listInUnit(
  exec: Executor,
  where: { unitPath: string; scopes: string[]; from?: string; to?: string },
  key: [string, string] | null,
  limit: number,
): Promise<ActivityWithNames[]> {
  const rows = await named(exec)
    .where(
      and(
        pathCoveredBy(activities.unitPath, [where.unitPath]),
        pathCoveredBy(activities.unitPath, where.scopes),
        where.from ? sql`${activities.occurredOn} >= ${where.from}` : undefined,
        where.to ? sql`${activities.occurredOn} <= ${where.to}` : undefined,
        after(key),
      ),
    )
    .orderBy(desc(activities.occurredAt), desc(activities.id))
    .limit(limit);
  return rows.map(flatten);
}

export interface ItemWithService {
  activityId: string;
  serviceId: string | null;
  serviceName: string | null;
  action: (typeof activityItems.$inferSelect)['action'];
  procedure: string | null;
  outcome: (typeof activityItems.$inferSelect)['outcome'];
  failureReason: string | null;
  people: number;
}

export async function itemsOf(exec: Executor, activityIds: string[]): Promise<ItemWithService[]> {
  if (activityIds.length === 0) return [];
  return exec
    .select({
      activityId: activityItems.activityId,
      serviceId: activityItems.serviceId,
      serviceName: catalogServices.name,
      action: activityItems.action,
      procedure: activityItems.procedure,
      outcome: activityItems.outcome,
      failureReason: activityItems.failureReason,
      people: activityItems.people,
    })
    .from(activityItems)
    .leftJoin(catalogServices, eq(catalogServices.id, activityItems.serviceId))
    .where(inArray(activityItems.activityId, activityIds))
    .orderBy(asc(activityItems.activityId), asc(activityItems.position), asc(activityItems.id));
}

export async function residentsOf(exec: Executor, activityIds: string[]) {
  if (activityIds.length === 0) return [];
  return exec
    .select({
      activityId: activityResidents.activityId,
      fullName: activityResidents.fullName,
      phone: activityResidents.phone,
      birthYear: activityResidents.birthYear,
      consentPurpose: activityResidents.consentPurpose,
      consentRecordedAt: activityResidents.consentRecordedAt,
      consentRecordedBy: users.fullName,
    })
    .from(activityResidents)
    .innerJoin(users, eq(users.id, activityResidents.consentRecordedBy))
    .where(inArray(activityResidents.activityId, activityIds))
    .orderBy(asc(activityResidents.activityId), asc(activityResidents.id));
}

/** Raw rows for tests and benchmarks that count what is stored. */
export async function countActivities(exec: Executor, ids: string[]): Promise<number> {
  const [row] = await queryRows<{ n: number }>(
    exec,
    sql`select count(*)::int as n from ${activities} where ${inArray(activities.id, ids)}`,
  );
  return row?.n ?? 0;
}

export interface PhotoKeys {
  photoKey: string;
  photoThumbKey: string;
  photoWidth: number;
  photoHeight: number;
}

/** Sets (or with null, removes) an activity's photo; returns the keys it had, for the caller to remove. */
export async function setPhoto(exec: Executor, id: string, photo: PhotoKeys | null) {
  const [before] = await exec
    .select({ photoKey: activities.photoKey, photoThumbKey: activities.photoThumbKey })
    .from(activities)
    .where(eq(activities.id, id))
    .for('update');
  await exec
    .update(activities)
    .set({
      photoKey: photo?.photoKey ?? null,
      photoThumbKey: photo?.photoThumbKey ?? null,
      photoWidth: photo?.photoWidth ?? null,
      photoHeight: photo?.photoHeight ?? null,
      updatedAt: sql`now()`,
    })
    .where(eq(activities.id, id));
  return before ?? null;
}
