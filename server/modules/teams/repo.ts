import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { teamMembers, teams, units } from '../../db/schema/index.js';

export type TeamRow = typeof teams.$inferSelect;
export type NewTeam = typeof teams.$inferInsert;
export type TeamMemberRow = typeof teamMembers.$inferSelect;
export type NewTeamMember = typeof teamMembers.$inferInsert;
export type TeamWithPlace = TeamRow & { hamletName: string; communeName: string; activeMembers: number };

// Written with the table name: drizzle leaves columns unqualified in a one-table query, and inside a subquery an
// unqualified "id" would be the subquery's own.
const hamlet = sql`(select u.full_name from ${units} u where u.code = "teams"."hamlet_code")`;
const commune = sql`(select u.full_name from ${units} u where u.code = "teams"."commune_code")`;
const activeMembers = sql<number>`(select count(*)::int from ${teamMembers} m
  where m.team_id = "teams"."id" and m.left_on is null)`;
const withPlace = {
  team: teams,
  hamletName: sql<string>`${hamlet}`,
  communeName: sql<string>`${commune}`,
  activeMembers,
};
const flatten = (r: { team: TeamRow; hamletName: string; communeName: string; activeMembers: number }) => ({
  ...r.team,
  hamletName: r.hamletName,
  communeName: r.communeName,
  activeMembers: Number(r.activeMembers),
});

export async function findTeam(exec: Executor, id: string): Promise<TeamWithPlace | null> {
  const [row] = await exec.select(withPlace).from(teams).where(eq(teams.id, id));
  return row ? flatten(row) : null;
}

/** Locks a team's row: member writes of one team go one at a time (the leader and phone checks stay true). */
export async function lockTeam(exec: Executor, id: string): Promise<TeamRow | null> {
  const [row] = await exec.select().from(teams).where(eq(teams.id, id)).for('update');
  return row ?? null;
}

export async function findActiveTeamOfHamlet(exec: Executor, hamletCode: string): Promise<TeamRow | null> {
  const [row] = await exec
    .select()
    .from(teams)
    .where(and(eq(teams.hamletCode, hamletCode), isNull(teams.dissolvedOn)));
  return row ?? null;
}

/** The teams of a commune, or of one hamlet; dissolved ones only when asked. */
export async function listTeams(
  exec: Executor,
  where: { communeCode?: string; hamletCode?: string; includeDissolved: boolean },
): Promise<TeamWithPlace[]> {
  const rows = await exec
    .select(withPlace)
    .from(teams)
    .where(
      and(
        where.communeCode ? eq(teams.communeCode, where.communeCode) : undefined,
        where.hamletCode ? eq(teams.hamletCode, where.hamletCode) : undefined,
        where.includeDissolved ? undefined : isNull(teams.dissolvedOn),
      ),
    )
    .orderBy(asc(sql`${hamlet}`), asc(teams.name), asc(teams.id))
    .limit(2000);
  return rows.map(flatten);
}

export async function insertTeam(exec: Executor, row: NewTeam): Promise<TeamRow> {
  const [created] = await exec.insert(teams).values(row).returning();
  return created;
}

export async function updateTeam(exec: Executor, id: string, patch: Partial<NewTeam>): Promise<TeamRow> {
  const [row] = await exec
    .update(teams)
    .set({ ...patch, updatedAt: sql`now()` })
    .where(eq(teams.id, id))
    .returning();
  return row;
}

export async function listMembers(exec: Executor, teamIds: string[], includeLeft: boolean): Promise<TeamMemberRow[]> {
  if (teamIds.length === 0) return [];
  return exec
    .select()
    .from(teamMembers)
    .where(and(inArray(teamMembers.teamId, teamIds), includeLeft ? undefined : isNull(teamMembers.leftOn)))
    .orderBy(
      sql`case ${teamMembers.role} when 'leader' then 0 when 'deputy' then 1 else 2 end`,
      asc(teamMembers.leftOn),
      asc(teamMembers.fullName),
      asc(teamMembers.id),
    );
}

export async function findMember(exec: Executor, id: string): Promise<TeamMemberRow | null> {
  const [row] = await exec.select().from(teamMembers).where(eq(teamMembers.id, id));
  return row ?? null;
}

/** An active member of the team with this phone or, when `leader`, the team's active leader (other than `exceptId`). */
export async function findClash(
  exec: Executor,
  teamId: string,
  check: { phone?: string; leader?: boolean; exceptId?: string },
): Promise<{ phone: TeamMemberRow | null; leader: TeamMemberRow | null }> {
  const active = await listMembers(exec, [teamId], false);
  const others = active.filter((m) => m.id !== check.exceptId);
  return {
    phone: check.phone ? (others.find((m) => m.phone === check.phone) ?? null) : null,
    leader: check.leader ? (others.find((m) => m.role === 'leader') ?? null) : null,
  };
}

export async function insertMember(exec: Executor, row: NewTeamMember): Promise<TeamMemberRow> {
  const [created] = await exec.insert(teamMembers).values(row).returning();
  return created;
}

export async function updateMember(exec: Executor, id: string, patch: Partial<NewTeamMember>): Promise<TeamMemberRow> {
  const [row] = await exec
    .update(teamMembers)
    .set({ ...patch, updatedAt: sql`now()` })
    .where(eq(teamMembers.id, id))
    .returning();
  return row;
}

/** Every active member of a team leaves on `day` (the team is dissolved); returns how many left. */
/** Links an active membership with no account yet to an account; false when it already had one (or has left). */
export async function linkMemberAccount(exec: Executor, id: string, userId: string): Promise<boolean> {
  const rows = await exec
    .update(teamMembers)
    .set({ userId, updatedAt: new Date() })
    .where(and(eq(teamMembers.id, id), isNull(teamMembers.userId), isNull(teamMembers.leftOn)))
    .returning({ id: teamMembers.id });
  return rows.length === 1;
}

export async function endMemberships(exec: Executor, teamId: string, day: string): Promise<number> {
  const rows = await exec
    .update(teamMembers)
    .set({ leftOn: day, updatedAt: sql`now()` })
    .where(and(eq(teamMembers.teamId, teamId), isNull(teamMembers.leftOn)))
    .returning({ id: teamMembers.id });
  return rows.length;
}

/** The active hamlets of a commune that have no active team. */
export async function hamletsWithoutTeam(exec: Executor, communeCode: string) {
  return exec
    .select({ code: units.code, name: units.fullName })
    .from(units)
    .where(
      and(
        eq(units.parentCode, communeCode),
        eq(units.level, 'hamlet'),
        eq(units.status, 'active'),
        sql`not exists (select 1 from ${teams} t where t.hamlet_code = ${units.code} and t.dissolved_on is null)`,
      ),
    )
    .orderBy(asc(units.fullName));
}

/** The active hamlets of a commune (the import matches names against them; a read of the units table). */
export async function communeHamlets(exec: Executor, communeCode: string) {
  return exec
    .select({ code: units.code, name: units.name, fullName: units.fullName, path: units.path })
    .from(units)
    .where(and(eq(units.parentCode, communeCode), eq(units.level, 'hamlet'), eq(units.status, 'active')));
}

/** Locks the active teams of a commune: an import sees them as they are until it commits. */
export async function lockActiveTeamsOfCommune(exec: Executor, communeCode: string): Promise<TeamRow[]> {
  return exec
    .select()
    .from(teams)
    .where(and(eq(teams.communeCode, communeCode), isNull(teams.dissolvedOn)))
    .orderBy(asc(teams.id))
    .for('update');
}

export async function insertTeams(exec: Executor, rows: NewTeam[]): Promise<TeamRow[]> {
  return rows.length ? exec.insert(teams).values(rows).returning() : [];
}

export async function insertMembers(exec: Executor, rows: NewTeamMember[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 1000) await exec.insert(teamMembers).values(rows.slice(i, i + 1000));
}

/** The hamlets (unit paths) of the active teams a signed-in account is an active member of. */
export async function activeMembershipPaths(exec: Executor, userId: string): Promise<string[]> {
  const rows = await exec
    .selectDistinct({ unitPath: teams.unitPath })
    .from(teamMembers)
    .innerJoin(teams, eq(teams.id, teamMembers.teamId))
    .where(and(eq(teamMembers.userId, userId), isNull(teamMembers.leftOn), isNull(teams.dissolvedOn)));
  return rows.map((r) => r.unitPath);
}
