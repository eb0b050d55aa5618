import { type SQL, type SQLWrapper, sql } from 'drizzle-orm';
import { escapeLike } from './like.js';

/**
 * The SQL twin of `covers()` in permissions.ts (keep them the same rule): a unit path column is one of the scope
 * paths or lies below one, never a sibling whose code merely starts the same ("19/0556" does not cover
 * "19/05569"). `= p or like 'p/%'` is a prefix range the path indexes answer; no scope covers nothing.
 */
export function pathCoveredBy(column: SQLWrapper, scopes: readonly string[]): SQL {
  if (scopes.length === 0) return sql`false`;
  return sql`(${sql.join(
    scopes.map((s) => sql`${column} = ${s} or ${column} like ${`${escapeLike(s)}/%`}`),
    sql` or `,
  )})`;
}
