/**
 * People's Committees (UBND): every province and commune has one, made when its unit is seeded. Its code follows the
 * convention "ubnd-<unit code>" and nothing else should rely on that: to find the committee that screens a commune's
 * reports, ask `findCommuneCommitteeId` / `communeCommitteeIdSql` (repo.ts), which follow the communes it serves.
 */

/** The code a unit's People's Committee is seeded with ("ubnd-05569"). */
export const peoplesCommitteeCode = (unitCode: string) => `ubnd-${unitCode}`;

/** A unit's People's Committee as seeded: code and names (vi, en). */
export function peoplesCommittee(unit: { code: string; fullName: string; fullNameEn?: string | null }) {
  return {
    code: peoplesCommitteeCode(unit.code),
    name: `UBND ${unit.fullName}`,
    nameEn: `People's Committee of ${unit.fullNameEn ?? unit.fullName}`,
  };
}
