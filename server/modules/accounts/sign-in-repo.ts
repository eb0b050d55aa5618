import { createHash } from 'node:crypto';
import { and, desc, eq, sql } from 'drizzle-orm';
import type { Db, Executor } from '../../db/client.js';
import { otpChallenges, signInFailures } from '../../db/schema/index.js';
import { claimKey, forgetKeys } from '../../platform/idempotency/index.js';

/*
 * Rate-limit state lives in the database, not in an app process: two processes behind one address count
 * the same requests. Time comes from the database clock (now()), so processes with drifting clocks agree.
 */

/** A 64-bit advisory-lock id for a key (a 32-bit hashtext collides too often across many phones and IPs). */
function lockId(key: string): bigint {
  return BigInt.asIntN(64, BigInt(`0x${createHash('sha256').update(key).digest('hex').slice(0, 16)}`));
}

/**
 * Serialises the requests about these keys (a phone, an IP, a login) until the transaction ends, so two
 * simultaneous requests cannot both slip under a limit. The locks are taken in one fixed order (by lock id), so
 * two requests sharing some keys never wait on each other in a cycle. Works on PostgreSQL and PGlite alike, and
 * across app processes: the locks are the database's.
 */
export async function lockKeys(exec: Executor, keys: string[]) {
  const ids = [...new Set(keys.map(lockId))].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  for (const id of ids) await exec.execute(sql`select pg_advisory_xact_lock(${id.toString()}::bigint)`);
}

export interface WindowCount {
  count: number;
  /** Seconds until the oldest event in the window leaves it (0 when there is none). */
  waitSeconds: number;
}

/** Codes requested for a phone within the last `seconds`. */
export async function countOtpForPhone(exec: Executor, phone: string, seconds: number): Promise<WindowCount> {
  return countWindow(exec, otpChallenges, sql`${otpChallenges.phone} = ${phone}`, otpChallenges.createdAt, seconds);
}

/** Codes requested from one (hashed) IP within the last `seconds`. */
export async function countOtpForIp(exec: Executor, ipHash: string, seconds: number): Promise<WindowCount> {
  return countWindow(exec, otpChallenges, sql`${otpChallenges.ipHash} = ${ipHash}`, otpChallenges.createdAt, seconds);
}

export async function countFailuresForLogin(exec: Executor, loginHash: string, seconds: number) {
  return countWindow(exec, signInFailures, sql`${signInFailures.login} = ${loginHash}`, signInFailures.at, seconds);
}

export async function countFailuresForIp(exec: Executor, ipHash: string, seconds: number) {
  return countWindow(exec, signInFailures, sql`${signInFailures.ipHash} = ${ipHash}`, signInFailures.at, seconds);
}

async function countWindow(
  exec: Executor,
  table: typeof otpChallenges | typeof signInFailures,
  where: ReturnType<typeof sql>,
  at: typeof otpChallenges.createdAt | typeof signInFailures.at,
  seconds: number,
): Promise<WindowCount> {
  const window = sql`${at} > now() - make_interval(secs => ${seconds})`;
  const [row] = await exec
    .select({
      count: sql<number>`count(*)::int`,
      waitSeconds: sql<number>`coalesce(ceil(extract(epoch from (min(${at}) + make_interval(secs => ${seconds}) - now())))::int, 0)`,
    })
    .from(table)
    .where(and(where, window));
  return { count: row.count, waitSeconds: Math.max(1, row.waitSeconds) };
}

export async function insertOtpChallenge(
  exec: Executor,
  row: { phone: string; codeHash: string; ipHash: string; ttlSeconds: number },
) {
  const [created] = await exec
    .insert(otpChallenges)
    .values({
      phone: row.phone,
      codeHash: row.codeHash,
      ipHash: row.ipHash,
      expiresAt: sql`now() + make_interval(secs => ${row.ttlSeconds})`,
    })
    .returning({ id: otpChallenges.id });
  return created.id;
}

/** The phone's most recent code, with whether it has expired by the database clock. */
export async function latestOtpChallenge(exec: Executor, phone: string) {
  const [row] = await exec
    .select({
      id: otpChallenges.id,
      codeHash: otpChallenges.codeHash,
      attempts: otpChallenges.attempts,
      consumedAt: otpChallenges.consumedAt,
      expired: sql<boolean>`${otpChallenges.expiresAt} <= now()`,
    })
    .from(otpChallenges)
    .where(eq(otpChallenges.phone, phone))
    .orderBy(desc(otpChallenges.createdAt))
    .limit(1);
  return row ?? null;
}

/**
 * Counts one try before the code is compared, atomically: parallel guesses cannot exceed the limit.
 * Returns the number of tries so far, or null when the challenge is used up, consumed or expired.
 */
export async function countOtpAttempt(exec: Executor, id: string, maxAttempts: number): Promise<number | null> {
  const rows = await exec
    .update(otpChallenges)
    .set({ attempts: sql`${otpChallenges.attempts} + 1` })
    .where(
      and(
        eq(otpChallenges.id, id),
        sql`${otpChallenges.attempts} < ${maxAttempts}`,
        sql`${otpChallenges.consumedAt} is null`,
        sql`${otpChallenges.expiresAt} > now()`,
      ),
    )
    .returning({ attempts: otpChallenges.attempts });
  return rows[0]?.attempts ?? null;
}

/** Marks a code used; false when another request used it first. */
export async function consumeOtpChallenge(exec: Executor, id: string): Promise<boolean> {
  const rows = await exec
    .update(otpChallenges)
    .set({ consumedAt: sql`now()` })
    .where(and(eq(otpChallenges.id, id), sql`${otpChallenges.consumedAt} is null`))
    .returning({ id: otpChallenges.id });
  return rows.length > 0;
}

export interface FailureBudget {
  /** Keyed hash of the login (or of the account, for a signed-in person's own proofs). */
  login: string;
  /** Keyed hash of the IP; null when the attempt belongs to no IP's budget. */
  ipHash: string | null;
  perLogin: number;
  perIp: number;
  windowSeconds: number;
}

/**
 * Takes one attempt slot BEFORE the secret is checked, or says which budget is spent. In one transaction: lock the
 * login and IP keys, count the failures (and the attempts still being checked) in the window, and if both are under
 * their limits insert the attempt's row — it counts as a failure until `releaseAttempt` removes it after a success.
 * So N parallel guesses queue on the locks and at most the limit of them ever reach the password check.
 */
export async function claimAttempt(
  db: Db,
  b: FailureBudget,
): Promise<{ claimed: string; blocked?: undefined } | { claimed?: undefined; blocked: WindowCount }> {
  return db.transaction(async (tx) => {
    await lockKeys(tx, b.ipHash ? [`fail-login:${b.login}`, `fail-ip:${b.ipHash}`] : [`fail-login:${b.login}`]);
    const byLogin = await countFailuresForLogin(tx, b.login, b.windowSeconds);
    if (byLogin.count >= b.perLogin) return { blocked: byLogin };
    if (b.ipHash) {
      const byIp = await countFailuresForIp(tx, b.ipHash, b.windowSeconds);
      if (byIp.count >= b.perIp) return { blocked: byIp };
    }
    // A row without an IP keeps the login's hash in ip_hash: it then counts against no real IP's budget.
    const [row] = await tx
      .insert(signInFailures)
      .values({ login: b.login, ipHash: b.ipHash ?? b.login })
      .returning({ id: signInFailures.id });
    return { claimed: row.id };
  });
}

/** The attempt succeeded: its slot no longer counts as a failure. */
export async function releaseAttempt(exec: Executor, id: string) {
  await exec.delete(signInFailures).where(eq(signInFailures.id, id));
}

/** Marks a TOTP step of a person used; false when it already was (the code is being replayed). */
export async function claimTotpStep(exec: Executor, userId: string, step: number): Promise<boolean> {
  return claimKey(exec, { key: `totp:${userId}:${step}`, actorId: userId, scope: 'totp-step' });
}

/** Rate-limit rows older than a day count for nothing: removed now and then (used TOTP steps too). */
export async function deleteOldRateLimitRows(exec: Executor) {
  await forgetKeys(exec, 'totp-step', 1);
  await exec.delete(signInFailures).where(sql`${signInFailures.at} < now() - interval '1 day'`);
  await exec.delete(otpChallenges).where(sql`${otpChallenges.createdAt} < now() - interval '1 day'`);
}
