import { sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { queryRows } from '../../db/rows.js';
import { hamletHouseholds } from '../../db/schema/index.js';

/**
 * Households per hamlet: writes only `hamlet_households`; reads the units and the activity log's count view
 * `activity_team_months` (households reached per team, month and hamlet; rows are summands, summed) read-only.
 */

export interface HamletFigures {
  code: string;
  name: string;
  communeCode: string;
  households: number | null;
  skilled: number | null;
  asOf: string | null;
  source: string | null;
  /** Household visits recorded in the activity log for the hamlet. */
  reached: number;
}

/**
 * Household visits per hamlet: the visits its teams recorded (the rollup counts per team and month; a team serves
 * its hamlet).
 */
const reachedIn = (communeCodes: string[]) =>
  sql`select t.hamlet_code, sum(m.households)::int as reached from activity_team_months m
    join teams t on t.id = m.team_id
    where m.commune_code = any(${sql.param(communeCodes)}::text[]) group by t.hamlet_code`;

/** Every active hamlet of the communes with its figure (if entered) and its household visits. */
export async function hamletsOf(exec: Executor, communeCodes: string[]): Promise<HamletFigures[]> {
  if (!communeCodes.length) return [];
  return queryRows<HamletFigures>(
    exec,
    sql`with r as (${reachedIn(communeCodes)})
      select h.code, h.full_name as name, h.parent_code as "communeCode", hh.households, hh.skilled, hh.as_of::text as "asOf",
        hh.source, coalesce(r.reached, 0)::int as reached
      from units h
      left join hamlet_households hh on hh.hamlet_code = h.code
      left join r on r.hamlet_code = h.code
      where h.parent_code = any(${sql.param(communeCodes)}::text[]) and h.level = 'hamlet' and h.status = 'active'
      order by h.full_name, h.code`,
  );
}

export async function communesOf(exec: Executor, provinceCode: string) {
  return queryRows<{ code: string; name: string }>(
    exec,
    sql`select code, full_name as name from units where parent_code = ${provinceCode} and level = 'commune'
      and status = 'active' order by full_name, code`,
  );
}

export async function findFigure(exec: Executor, hamletCode: string) {
  const [row] = await queryRows<{ households: number; skilled: number | null; asOf: string; source: string }>(
    exec,
    sql`select households, skilled, as_of::text as "asOf", source from hamlet_households
      where hamlet_code = ${hamletCode}`,
  );
  return row ?? null;
}

export async function upsertFigures(
  exec: Executor,
  rows: {
    hamletCode: string;
    communeCode: string;
    households: number;
    skilled: number | null;
    asOf: string;
    source: string;
  }[],
  userId: string | null,
) {
  for (let i = 0; i < rows.length; i += 1000)
    await exec
      .insert(hamletHouseholds)
      .values(rows.slice(i, i + 1000).map((r) => ({ ...r, updatedBy: userId })))
      .onConflictDoUpdate({
        target: hamletHouseholds.hamletCode,
        set: {
          households: sql`excluded.households`,
          skilled: sql`excluded.skilled`,
          asOf: sql`excluded.as_of`,
          source: sql`excluded.source`,
          communeCode: sql`excluded.commune_code`,
          updatedBy: sql`excluded.updated_by`,
          updatedAt: sql`now()`,
        },
      });
}

/** Locks a commune's household rows for an import (two imports of one commune go one at a time). */
export async function lockCommune(exec: Executor, communeCode: string) {
  await exec.execute(sql`select pg_advisory_xact_lock(hashtext(${`households:${communeCode}`}))`);
}
