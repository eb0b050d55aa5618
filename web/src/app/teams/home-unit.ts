/** Who opens the teams pages. */
export const TEAM_ROLES = ['team_member', 'commune_admin', 'province_admin'] as const;

/** The unit a person lands on: their province, else their first commune, else their own hamlet. */
export function homeUnit(assignments: { role: string; unitCode: string | null }[]) {
  const pick = (role: string) => assignments.find((a) => a.role === role && a.unitCode)?.unitCode ?? undefined;
  return pick('province_admin') ?? pick('commune_admin') ?? pick('team_member');
}
