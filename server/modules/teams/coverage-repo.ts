import { type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { rowsOf } from '../../db/rows.js';

/**
 * Coverage, read from the `team_counts` rollup (folded + not yet folded: exact at every moment) and the units the
 * teams serve (a read model reads the units table; it writes nothing of it). Only active hamlets count.
 */

export interface CoverageFigures {
  code: string;
  name: string;
  hamlets: number;
  hamletsWithTeam: number;
  teams: number;
  members: number;
}

/** What part of the rollup a question covers: the communes, and one hamlet of them if asked. */
export interface CoverageScope {
  communeCodes: string[];
  hamletCode?: string;
}

const countsIn = (scope: CoverageScope): SQL =>
  sql`select hamlet_code, sum(teams)::int as teams, sum(members)::int as members
    from team_counts where commune_code = any(${sql.param(scope.communeCodes)}::text[])
    ${scope.hamletCode ? sql`and hamlet_code = ${scope.hamletCode}` : sql``}
    group by hamlet_code`;

const numbers = (r: Record<string, unknown>): CoverageFigures => ({
  code: String(r.code),
  name: String(r.name),
  hamlets: Number(r.hamlets),
  hamletsWithTeam: Number(r.hamlets_with_team),
  teams: Number(r.teams),
  members: Number(r.members),
});

/** One row per commune of a province. */
export async function coverageByCommune(exec: Executor, provinceCode: string, communeCodes: string[]) {
  const result = await exec.execute(sql`with c as (${countsIn({ communeCodes })})
    select u.code, u.full_name as name, count(h.code)::int as hamlets,
      (count(h.code) filter (where c.teams > 0))::int as hamlets_with_team,
      coalesce(sum(c.teams), 0)::int as teams, coalesce(sum(c.members), 0)::int as members
    from units u
    left join units h on h.parent_code = u.code and h.level = 'hamlet' and h.status = 'active'
    left join c on c.hamlet_code = h.code
    where u.parent_code = ${provinceCode} and u.level = 'commune' and u.status = 'active'
    group by u.code, u.full_name
    order by u.full_name, u.code`);
  return rowsOf<Record<string, unknown>>(result).map(numbers);
}

/** One row per active hamlet of a commune (or the one hamlet asked for). */
export async function coverageByHamlet(exec: Executor, scope: CoverageScope & { communeCode: string }) {
  const result = await exec.execute(sql`with c as (${countsIn(scope)})
    select h.code, h.full_name as name, 1 as hamlets, (coalesce(c.teams, 0) > 0)::int as hamlets_with_team,
      coalesce(c.teams, 0) as teams, coalesce(c.members, 0) as members
    from units h left join c on c.hamlet_code = h.code
    where h.parent_code = ${scope.communeCode} and h.level = 'hamlet' and h.status = 'active'
      ${scope.hamletCode ? sql`and h.code = ${scope.hamletCode}` : sql``}
    order by h.full_name, h.code`);
  return rowsOf<Record<string, unknown>>(result).map(numbers);
}

/** Active members by organisation. */
export async function membersByOrganisation(exec: Executor, scope: CoverageScope) {
  const result = await exec.execute(sql`select organisation, sum(members)::int as members from team_counts
    where commune_code = any(${sql.param(scope.communeCodes)}::text[]) and organisation <> ''
      ${scope.hamletCode ? sql`and hamlet_code = ${scope.hamletCode}` : sql``}
    group by organisation`);
  return rowsOf<{ organisation: string; members: number }>(result);
}

/** How many active teams have n active members (n capped at 10: "10 or more"). */
export async function teamSizes(exec: Executor, scope: CoverageScope) {
  const result = await exec.execute(sql`select least(members, 10)::int as size, count(*)::int as teams from (
      select team_id, sum(teams) as teams, sum(members) as members from team_counts
      where commune_code = any(${sql.param(scope.communeCodes)}::text[])
        ${scope.hamletCode ? sql`and hamlet_code = ${scope.hamletCode}` : sql``}
      group by team_id) t
    where t.teams > 0 group by 1`);
  return rowsOf<{ size: number; teams: number }>(result);
}

/** The active communes of a province (the rollup is read by commune). */
export async function communeCodesOf(exec: Executor, provinceCode: string): Promise<string[]> {
  const result = await exec.execute(
    sql`select code from units where parent_code = ${provinceCode} and level = 'commune' and status = 'active'`,
  );
  return rowsOf<{ code: string }>(result).map((r) => r.code);
}
