import { and, eq, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { idempotencyKeys } from '../../db/schema/index.js';

/** What a key is claimed for: `scope` groups keys (for clean-up), `resourceId` names what the first claim did. */
export interface KeyClaim {
  key: string;
  scope: string;
  actorId?: string | null;
  resourceId?: string | null;
}

/**
 * Claims a one-time key in the caller's transaction: true the first time, false when it was claimed before. The
 * primary key makes it safe against parallel claims: the second waits for the first to commit, then gets false (or
 * true if the first rolled back), so the work guarded by the claim happens once.
 */
export async function claimKey(exec: Executor, claim: KeyClaim): Promise<boolean> {
  const rows = await exec
    .insert(idempotencyKeys)
    .values(claim)
    .onConflictDoNothing({ target: idempotencyKeys.key })
    .returning({ key: idempotencyKeys.key });
  return rows.length === 1;
}

/** Forgets a scope's keys claimed more than `days` days ago (they guard nothing any more). */
export async function forgetKeys(exec: Executor, scope: string, days: number) {
  await exec
    .delete(idempotencyKeys)
    .where(
      and(eq(idempotencyKeys.scope, scope), sql`${idempotencyKeys.createdAt} < now() - make_interval(days => ${days})`),
    );
}
