import { and, asc, desc, eq, getTableColumns, inArray, isNotNull, isNull, lte, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { rowsOf } from '../../db/rows.js';
import { newsAlertDeliveries, newsFollows, newsImages, newsPosts, units, users } from '../../db/schema/index.js';
import { pathCoveredBy } from '../../platform/unit-scope-sql.js';

export type PostRecord = typeof newsPosts.$inferSelect;
export type NewPost = typeof newsPosts.$inferInsert;
export type ImageRecord = typeof newsImages.$inferSelect;
export interface PostUnit {
  code: string;
  name: string;
  level: string;
}
export type PostRow = PostRecord & { unit: PostUnit };

const unitColumns = { code: units.code, name: units.fullName, level: units.level };
const live = (now: Date) => and(isNull(newsPosts.withdrawnAt), lte(newsPosts.publishAt, now));

/** Inserts a post; with an idempotency key already used, inserts nothing and answers null. */
export async function insertPost(exec: Executor, values: NewPost): Promise<PostRecord | null> {
  const [row] = await exec.insert(newsPosts).values(values).onConflictDoNothing().returning();
  return row ?? null;
}

export async function findByIdempotencyKey(exec: Executor, key: string): Promise<PostRecord | null> {
  const [row] = await exec.select().from(newsPosts).where(eq(newsPosts.idempotencyKey, key));
  return row ?? null;
}

/** A post with its unit; `forUpdate` locks the post's row until the transaction ends. */
export async function findPost(exec: Executor, id: string, forUpdate = false): Promise<PostRow | null> {
  const q = exec
    .select({ ...getTableColumns(newsPosts), unit: unitColumns })
    .from(newsPosts)
    .innerJoin(units, eq(units.code, newsPosts.unitCode))
    .where(eq(newsPosts.id, id));
  const [row] = forUpdate ? await q.for('update', { of: newsPosts }) : await q;
  return row ?? null;
}

export async function updatePost(exec: Executor, id: string, values: Partial<NewPost>): Promise<PostRecord> {
  const [row] = await exec
    .update(newsPosts)
    .set({ ...values, version: sql`${newsPosts.version} + 1`, updatedAt: new Date() })
    .where(eq(newsPosts.id, id))
    .returning();
  return row;
}

/**
 * Live posts (published by `now`, not withdrawn), pinned first, then newest: of some units exactly (`unitCodes`), or
 * of a whole province (its own and its communes'). Offset paging (lists are read a page or two deep).
 */
export async function listLive(
  exec: Executor,
  f: { unitCodes?: string[]; provinceCode?: string; kind?: string; now: Date; offset: number; limit: number },
): Promise<PostRow[]> {
  const where: (SQL | undefined)[] = [live(f.now)];
  if (f.unitCodes) where.push(f.unitCodes.length ? inArray(newsPosts.unitCode, f.unitCodes) : sql`false`);
  if (f.provinceCode) where.push(eq(newsPosts.provinceCode, f.provinceCode));
  if (f.kind) where.push(eq(newsPosts.kind, f.kind as PostRecord['kind']));
  return exec
    .select({ ...getTableColumns(newsPosts), unit: unitColumns })
    .from(newsPosts)
    .innerJoin(units, eq(units.code, newsPosts.unitCode))
    .where(and(...where))
    .orderBy(desc(newsPosts.pinned), desc(newsPosts.publishAt), desc(newsPosts.id))
    .offset(f.offset)
    .limit(f.limit);
}

/** Posts of the units under the scopes (an administrator's list), scheduled and withdrawn included, newest first. */
export async function listManaged(exec: Executor, scopes: string[], limit = 200) {
  return exec
    .select({
      ...getTableColumns(newsPosts),
      unit: unitColumns,
      notified: sql<number>`(select count(*)::int from ${newsAlertDeliveries} d where d.post_id = ${newsPosts.id})`,
    })
    .from(newsPosts)
    .innerJoin(units, eq(units.code, newsPosts.unitCode))
    .where(pathCoveredBy(newsPosts.unitPath, scopes))
    .orderBy(desc(newsPosts.publishAt), desc(newsPosts.id))
    .limit(limit);
}

export async function countNotified(exec: Executor, postId: string): Promise<number> {
  const [row] = await exec
    .select({ n: sql<number>`count(*)::int` })
    .from(newsAlertDeliveries)
    .where(eq(newsAlertDeliveries.postId, postId));
  return row.n;
}

// ---- images ---------------------------------------------------------------------------------------------------

export async function insertImage(exec: Executor, values: typeof newsImages.$inferInsert): Promise<ImageRecord> {
  const [row] = await exec.insert(newsImages).values(values).returning();
  return row;
}

export async function findImage(exec: Executor, id: string): Promise<ImageRecord | null> {
  const [row] = await exec.select().from(newsImages).where(eq(newsImages.id, id));
  return row ?? null;
}

/** The unit's images among these ids (an image of another unit is not this post's to show). */
export async function imagesOfUnit(exec: Executor, unitCode: string, ids: string[]): Promise<ImageRecord[]> {
  if (!ids.length) return [];
  return exec
    .select()
    .from(newsImages)
    .where(and(eq(newsImages.unitCode, unitCode), inArray(newsImages.id, ids)));
}

// ---- following ------------------------------------------------------------------------------------------------

/** Follows a unit (or changes how alerts reach the person); one row per person and unit, so a repeat changes nothing. */
export async function upsertFollow(exec: Executor, values: typeof newsFollows.$inferInsert): Promise<void> {
  await exec
    .insert(newsFollows)
    .values(values)
    .onConflictDoUpdate({
      target: [newsFollows.userId, newsFollows.unitCode],
      set: { alertChannel: values.alertChannel },
    });
}

export async function deleteFollow(exec: Executor, userId: string, unitCode: string): Promise<void> {
  await exec.delete(newsFollows).where(and(eq(newsFollows.userId, userId), eq(newsFollows.unitCode, unitCode)));
}

export async function listFollows(exec: Executor, userId: string) {
  return exec
    .select({ unit: unitColumns, alertChannel: newsFollows.alertChannel, createdAt: newsFollows.createdAt })
    .from(newsFollows)
    .innerJoin(units, eq(units.code, newsFollows.unitCode))
    .where(eq(newsFollows.userId, userId))
    .orderBy(asc(units.level), asc(units.fullName));
}

export async function findFollow(exec: Executor, userId: string, unitCode: string) {
  const [row] = await exec
    .select({ alertChannel: newsFollows.alertChannel })
    .from(newsFollows)
    .where(and(eq(newsFollows.userId, userId), eq(newsFollows.unitCode, unitCode)));
  return row ?? null;
}

// ---- an alert's fan-out ---------------------------------------------------------------------------------------

export interface FollowerBatchRow {
  userId: string;
  /** The outside channel: 'sms' or 'zalo' when the person asked for one and has a phone; else null. */
  channel: 'sms' | 'zalo' | null;
}

/**
 * The next followers of a commune (`unitCode`) or of a whole province and any of its communes (`provinceCode`), in
 * user id order after `after`: one index range per step, no offset. Active accounts only; a person following
 * several of the province's units is one row (SMS if any of their follows asks for it, else Zalo, else none).
 */
export async function nextFollowers(
  exec: Executor,
  f: { unitCode?: string; provinceCode?: string; after: string | null; limit: number },
): Promise<FollowerBatchRow[]> {
  const where = f.unitCode ? sql`f.unit_code = ${f.unitCode}` : sql`f.province_code = ${f.provinceCode}`;
  const after = f.after ? sql`and f.user_id > ${f.after}::uuid` : sql``;
  const result = await exec.execute(sql`
    select f.user_id as "userId",
      case when u.phone is null then null
           when bool_or(f.alert_channel = 'sms') then 'sms'
           when bool_or(f.alert_channel = 'zalo') then 'zalo' end as channel
    from ${newsFollows} f join ${users} u on u.id = f.user_id
    where ${where} ${after} and u.status = 'active'
    group by f.user_id, u.phone
    order by f.user_id
    limit ${f.limit}`);
  return rowsOf<FollowerBatchRow>(result);
}

/**
 * Claims (alert, person) for each row; returns the rows claimed now. A row claimed by an earlier run of the same step
 * is left out, so its in-app notification is never written twice.
 */
export async function claimDeliveries(
  exec: Executor,
  postId: string,
  rows: FollowerBatchRow[],
): Promise<FollowerBatchRow[]> {
  if (!rows.length) return [];
  return exec
    .insert(newsAlertDeliveries)
    .values(rows.map((r) => ({ postId, userId: r.userId, channel: r.channel })))
    .onConflictDoNothing()
    .returning({ userId: newsAlertDeliveries.userId, channel: newsAlertDeliveries.channel });
}

/** Claimed deliveries among these people whose SMS or Zalo copy has not gone out yet, with the phone to send to. */
export async function unsentDeliveries(exec: Executor, postId: string, userIds: string[]) {
  if (!userIds.length) return [];
  return exec
    .select({
      userId: newsAlertDeliveries.userId,
      channel: newsAlertDeliveries.channel,
      phone: users.phone,
      locale: users.locale,
    })
    .from(newsAlertDeliveries)
    .innerJoin(users, eq(users.id, newsAlertDeliveries.userId))
    .where(
      and(
        eq(newsAlertDeliveries.postId, postId),
        inArray(newsAlertDeliveries.userId, userIds),
        isNotNull(newsAlertDeliveries.channel),
        isNull(newsAlertDeliveries.sentAt),
      ),
    )
    .orderBy(asc(newsAlertDeliveries.userId));
}

export async function markSent(exec: Executor, postId: string, userId: string): Promise<void> {
  await exec
    .update(newsAlertDeliveries)
    .set({ sentAt: sql`now()` })
    .where(
      and(
        eq(newsAlertDeliveries.postId, postId),
        eq(newsAlertDeliveries.userId, userId),
        isNull(newsAlertDeliveries.sentAt),
      ),
    );
}
