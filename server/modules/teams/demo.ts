import type { TeamMemberOrganisation, TeamMemberRole } from '../../../common/constants/teams.js';
import type { Executor } from '../../db/client.js';
import * as repo from './repo.js';

/** Given names for the demo's team members (invented; phones in the 0900 000 xxx demo range). */
const NAMES = [
  'Hoàng Thị Lan',
  'Ma Văn Hùng',
  'Lương Thị Hằng',
  'Nông Văn Tuấn',
  'Đinh Thị Thu',
  'Triệu Văn Nam',
  'Lý Thị Mai',
  'Phùng Văn Đức',
  'Hà Thị Ngọc',
  'Trần Văn Khánh',
  'Vũ Thị Hương',
  'Dương Văn Thắng',
];
const MIX: [TeamMemberOrganisation, TeamMemberRole][] = [
  ['truong_thon', 'leader'],
  ['doan_thanh_nien', 'deputy'],
  ['hoi_phu_nu', 'member'],
  ['cong_an', 'member'],
  ['tinh_nguyen_vien', 'member'],
];

/**
 * Demo teams (XASO_DEMO=1, a new database): one per demo hamlet except the last of each commune (so coverage shows a
 * gap to close), 3–5 members each; the hamlet head of TDP Trung Kiên (seed 002, the demo team member account) leads
 * his hamlet's team.
 */
export async function seedDemoTeams(
  tx: Executor,
  hamlets: { code: string; parentCode: string; path: string; fullName: string; last: boolean }[],
  leaders: Record<string, { fullName: string; phone: string; userId: string }>,
) {
  let n = 0;
  for (const [i, h] of hamlets.entries()) {
    if (h.last) continue;
    const team = await repo.insertTeam(tx, {
      hamletCode: h.code,
      communeCode: h.parentCode,
      unitPath: h.path,
      name: `Tổ công nghệ số cộng đồng ${h.fullName}`,
      decisionNumber: `${120 + i}/QĐ-UBND`,
      decisionDate: '2025-03-15',
    });
    const size = 3 + (i % 3);
    for (let k = 0; k < size; k++) {
      const [organisation, role] = MIX[k];
      const leader = k === 0 ? leaders[h.code] : undefined;
      n += 1;
      await repo.insertMember(tx, {
        teamId: team.id,
        fullName: leader?.fullName ?? NAMES[(i * 5 + k) % NAMES.length],
        phone: leader?.phone ?? `0900${String(100_000 + n).slice(-6)}`,
        organisation,
        role,
        joinedOn: '2025-03-15',
        userId: leader?.userId ?? null,
      });
    }
  }
}
