import { and, desc, eq, inArray, isNull, lte, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import {
  handlingUnits,
  notifications,
  reportEvents,
  reportFollowers,
  reports,
  roleAssignments,
  users,
} from '../../db/schema/index.js';

/**
 * Reads of the report and its event for composing notifications. They belong to the feedback domain; they are
 * read here (read-only, a handful of columns) until the feedback service exposes an equivalent.
 */
export async function findEventFacts(exec: Executor, reportId: string, eventId: number) {
  const [row] = await exec
    .select({
      reportId: reports.id,
      publicCode: reports.publicCode,
      status: reports.status,
      cancelReason: reports.cancelReason,
      channel: reports.channel,
      reporterId: reports.reporterId,
      handlingUnitId: reports.handlingUnitId,
      communeCode: reports.communeCode,
      answerText: reports.answerText,
      dueAt: reports.dueAt,
      at: reportEvents.at,
      type: reportEvents.type,
      public: reportEvents.public,
      actorId: reportEvents.actorId,
      toStatus: reportEvents.toStatus,
      toHandlingUnitId: reportEvents.toHandlingUnitId,
      reason: reportEvents.reason,
    })
    .from(reportEvents)
    .innerJoin(reports, eq(reports.id, reportEvents.reportId))
    .where(and(eq(reportEvents.id, eventId), eq(reportEvents.reportId, reportId)));
  return row ?? null;
}

/** Phone of a resident recorded (with consent) on an assisted or operator report, for SMS/Zalo only. */
export async function findReportContactPhone(exec: Executor, reportId: string) {
  const [row] = await exec
    .select({ phone: reports.reporterPhone, consent: reports.consentRecordedAt })
    .from(reports)
    .where(eq(reports.id, reportId));
  return row?.consent ? row.phone : null;
}

export async function findHandlingUnit(exec: Executor, id: string) {
  const [row] = await exec
    .select({ id: handlingUnits.id, name: handlingUnits.name, nameEn: handlingUnits.nameEn })
    .from(handlingUnits)
    .where(eq(handlingUnits.id, id));
  return row ?? null;
}

/** Who followed the report when the event happened (someone who follows later is not told about the past). */
export async function listFollowerIds(exec: Executor, reportId: string, at: Date) {
  const rows = await exec
    .select({ userId: reportFollowers.userId })
    .from(reportFollowers)
    .where(and(eq(reportFollowers.reportId, reportId), lte(reportFollowers.createdAt, at)))
    .limit(5000);
  return rows.map((r) => r.userId);
}

/** Active officers of a handling unit. */
export async function listOfficerIds(exec: Executor, handlingUnitId: string) {
  const rows = await exec
    .selectDistinct({ userId: roleAssignments.userId })
    .from(roleAssignments)
    .innerJoin(users, eq(users.id, roleAssignments.userId))
    .where(
      and(
        eq(roleAssignments.role, 'handling_officer'),
        eq(roleAssignments.handlingUnitId, handlingUnitId),
        eq(users.status, 'active'),
      ),
    )
    .limit(1000);
  return rows.map((r) => r.userId);
}

export async function findRecipients(exec: Executor, ids: string[]) {
  if (ids.length === 0) return [];
  return exec
    .select({ id: users.id, locale: users.locale, email: users.email, phone: users.phone, status: users.status })
    .from(users)
    .where(inArray(users.id, ids));
}

export async function insertNotifications(exec: Executor, rows: (typeof notifications.$inferInsert)[]) {
  if (rows.length === 0) return [];
  return exec.insert(notifications).values(rows).returning({ id: notifications.id, userId: notifications.userId });
}

const VIEW = {
  id: notifications.id,
  kind: notifications.kind,
  reportId: notifications.reportId,
  titleVi: notifications.titleVi,
  titleEn: notifications.titleEn,
  bodyVi: notifications.bodyVi,
  bodyEn: notifications.bodyEn,
  link: notifications.link,
  readAt: notifications.readAt,
  createdAt: notifications.createdAt,
  createdAtExact: sql<string>`${notifications.createdAt}::text`,
};

/** A user's notifications, newest first, after a (createdAt, id) keyset cursor. */
export async function listForUser(
  exec: Executor,
  userId: string,
  opts: { after?: { createdAt: string; id: string }; unreadOnly: boolean; limit: number },
) {
  const where: SQL[] = [eq(notifications.userId, userId)];
  if (opts.unreadOnly) where.push(isNull(notifications.readAt));
  if (opts.after)
    where.push(
      sql`(${notifications.createdAt}, ${notifications.id}) < (${opts.after.createdAt}::timestamptz, ${opts.after.id}::uuid)`,
    );
  return exec
    .select(VIEW)
    .from(notifications)
    .where(and(...where))
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(opts.limit);
}

export async function countUnread(exec: Executor, userId: string) {
  const [row] = await exec
    .select({ n: sql<number>`count(*)::int` })
    .from(notifications)
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)));
  return row?.n ?? 0;
}

/** Marks one of the user's notifications read (keeps the first read time); null when it is not theirs. */
export async function markRead(exec: Executor, userId: string, id: string) {
  const rows = await exec
    .update(notifications)
    .set({ readAt: sql`coalesce(${notifications.readAt}, now())` })
    .where(and(eq(notifications.id, id), eq(notifications.userId, userId)))
    .returning(VIEW);
  return rows[0] ?? null;
}

export async function markAllRead(exec: Executor, userId: string) {
  const rows = await exec
    .update(notifications)
    .set({ readAt: sql`now()` })
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)))
    .returning({ id: notifications.id });
  return rows.length;
}

export async function findUserLocale(exec: Executor, userId: string) {
  const [row] = await exec.select({ locale: users.locale }).from(users).where(eq(users.id, userId));
  return row?.locale ?? 'vi';
}

export async function isFollowing(exec: Executor, reportId: string, userId: string) {
  const rows = await exec
    .select({ userId: reportFollowers.userId })
    .from(reportFollowers)
    .where(and(eq(reportFollowers.reportId, reportId), eq(reportFollowers.userId, userId)));
  return rows.length > 0;
}
