import type { Db } from '../db/client.js';
import { hashPassword } from '../modules/accounts/passwords.js';
import * as accountsRepo from '../modules/accounts/repo.js';
import { demoMembersWithoutAccount, seedDemoActivities } from '../modules/activities/demo.js';
import { seedDemoCampaigns } from '../modules/campaigns/demo.js';
import { seedDemoCertificates } from '../modules/certificates/demo.js';
import { peoplesCommitteeCode } from '../modules/handling-units/committees.js';
import * as huSeedRepo from '../modules/handling-units/seed-repo.js';
import { seedDemoHouseholds } from '../modules/households/demo.js';
import { seedDemoIndicators } from '../modules/indicators/demo.js';
import { seedDemoLearners } from '../modules/learning/demo.js';
import { seedDemoSupport } from '../modules/support/demo.js';
import { seedDemoTeams } from '../modules/teams/demo.js';
import * as teamsRepo from '../modules/teams/repo.js';
import { seedDemoTraining } from '../modules/training/demo.js';
import type { UnitRow } from '../modules/units/reference-data.js';
import * as seedRepo from '../modules/units/seed-repo.js';

/** The password of every demo account (printed at start and in README.md; demo data only). */
export const DEMO_PASSWORD = 'XaSo@2026';

const TN = '19';
/** Communes whose names appear in the news articles the product comes from. */
const DEMO_HAMLETS: Record<string, { kind: string; name: string; households: number }[]> = {
  // Xã Định Hoá (article 002: TDP Trung Kiên, 242 households, in the former Chợ Chu town)
  '05569': [
    { kind: 'to_dan_pho', name: 'Trung Kiên', households: 242 },
    { kind: 'to_dan_pho', name: 'Tân Lập', households: 198 },
    { kind: 'to_dan_pho', name: 'Hợp Thành', households: 176 },
    { kind: 'xom', name: 'Bãi Á', households: 131 },
    { kind: 'xom', name: 'Làng Mố', households: 118 },
    { kind: 'xom', name: 'Khuôn Tát', households: 96 },
  ],
  // Xã Phú Lương
  '05611': [
    { kind: 'xom', name: 'Đồng Xe', households: 154 },
    { kind: 'xom', name: 'Na Mọn', households: 122 },
    { kind: 'xom', name: 'Đồng Tâm', households: 140 },
    { kind: 'xom', name: 'Phú Thành', households: 109 },
  ],
  // Phường Phan Đình Phùng
  '05443': [
    { kind: 'to_dan_pho', name: 'Tổ 1', households: 210 },
    { kind: 'to_dan_pho', name: 'Tổ 2', households: 187 },
    { kind: 'to_dan_pho', name: 'Tổ 3', households: 205 },
  ],
  // Phường Đức Xuân (article 004: Tổ 8b)
  '01840': [
    { kind: 'to_dan_pho', name: 'Tổ 8a', households: 165 },
    { kind: 'to_dan_pho', name: 'Tổ 8b', households: 172 },
    { kind: 'to_dan_pho', name: 'Tổ 9', households: 150 },
  ],
};

const HAMLET_LABEL: Record<string, { vi: string; en: string }> = {
  thon: { vi: 'Thôn', en: 'Village' },
  xom: { vi: 'Xóm', en: 'Hamlet' },
  ban: { vi: 'Bản', en: 'Village' },
  to_dan_pho: { vi: 'Tổ dân phố', en: 'Residential group' },
};

const DEMO_AGENCIES = [
  {
    code: 'so-khcn-19',
    name: 'Sở Khoa học và Công nghệ tỉnh Thái Nguyên',
    nameEn: 'Thai Nguyen Department of Science and Technology',
    kind: 'department',
  },
  {
    code: 'so-xd-19',
    name: 'Sở Xây dựng tỉnh Thái Nguyên',
    nameEn: 'Thai Nguyen Department of Construction',
    kind: 'department',
  },
  {
    code: 'so-nnmt-19',
    name: 'Sở Nông nghiệp và Môi trường tỉnh Thái Nguyên',
    nameEn: 'Thai Nguyen Department of Agriculture and Environment',
    kind: 'department',
  },
  {
    code: 'so-yt-19',
    name: 'Sở Y tế tỉnh Thái Nguyên',
    nameEn: 'Thai Nguyen Department of Health',
    kind: 'department',
  },
  {
    code: 'so-gddt-19',
    name: 'Sở Giáo dục và Đào tạo tỉnh Thái Nguyên',
    nameEn: 'Thai Nguyen Department of Education and Training',
    kind: 'department',
  },
  { code: 'ca-19', name: 'Công an tỉnh Thái Nguyên', nameEn: 'Thai Nguyen Provincial Police', kind: 'agency' },
  { code: 'dien-luc-19', name: 'Công ty Điện lực Thái Nguyên', nameEn: 'Thai Nguyen Power Company', kind: 'utility' },
  {
    code: 'nuoc-sach-19',
    name: 'Công ty Cổ phần Nước sạch Thái Nguyên',
    nameEn: 'Thai Nguyen Clean Water JSC',
    kind: 'utility',
  },
] as const;

export const DEMO_PEOPLE = [
  {
    login: 'admin.tinh',
    phone: '0900000001',
    fullName: 'Nguyễn Văn Tỉnh (demo)',
    role: 'province_admin',
    unitCode: TN,
    scope: 'Tỉnh Thái Nguyên',
  },
  {
    login: 'admin.dinhhoa',
    phone: '0900000002',
    fullName: 'Hoàng Thị Ngà (demo)',
    role: 'commune_admin',
    unitCode: '05569',
    scope: 'Xã Định Hoá',
  },
  {
    login: 'admin.ducxuan',
    phone: '0900000003',
    fullName: 'Trần Công Linh (demo)',
    role: 'commune_admin',
    unitCode: '01840',
    scope: 'Phường Đức Xuân',
  },
  {
    login: 'canbo.dinhhoa',
    phone: '0900000004',
    fullName: 'Bế Văn Khuyến (demo)',
    role: 'handling_officer',
    handlingUnit: 'ubnd-05569',
    scope: 'UBND Xã Định Hoá',
  },
  {
    login: 'canbo.soxaydung',
    phone: '0900000005',
    fullName: 'Lê Minh Tuấn (demo)',
    role: 'handling_officer',
    handlingUnit: 'so-xd-19',
    scope: 'Sở Xây dựng tỉnh Thái Nguyên',
  },
  {
    login: 'to.trungkien',
    phone: '0900000006',
    fullName: 'Nguyễn Quang Dũng (demo)',
    role: 'team_member',
    unitCode: '05569-001',
    scope: 'Tổ dân phố Trung Kiên, Xã Định Hoá',
  },
  {
    login: 'dan.minh',
    phone: '0912345678',
    fullName: 'Nguyễn Thị Minh (demo)',
    role: 'citizen',
    unitCode: null,
    scope: '—',
  },
] as const;

export interface DemoAccount {
  login: string;
  phone: string;
  fullName: string;
  role: string;
  scope: string;
}

/**
 * Demo hamlets, provincial handling units and one account per role. Only on a new database with XASO_DEMO=1. With
 * `certificateSecret` (the installation's secret) the demo's completed courses get their certificates, signed with it.
 */
export async function seedDemoData(
  db: Db,
  communes: UnitRow[],
  opts: { certificateSecret?: string; learners?: boolean } = {},
): Promise<DemoAccount[]> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const byCode = new Map(communes.map((c) => [c.code, c]));
  const tnCommunes = communes.filter((c) => c.provinceCode === TN && c.level === 'commune').map((c) => c.code);
  const accounts: DemoAccount[] = [];
  await db.transaction(async (tx) => {
    const hamletRows: UnitRow[] = [];
    for (const [communeCode, hamlets] of Object.entries(DEMO_HAMLETS)) {
      const commune = byCode.get(communeCode)!;
      hamlets.forEach((h, i) => {
        const code = `${communeCode}-${String(i + 1).padStart(3, '0')}`;
        const label = HAMLET_LABEL[h.kind];
        const fullName = h.name.startsWith('Tổ') ? h.name : `${label.vi} ${h.name}`;
        hamletRows.push({
          code,
          parentCode: communeCode,
          level: 'hamlet',
          kind: h.kind,
          name: h.name,
          fullName,
          nameEn: null,
          fullNameEn: h.name.startsWith('Tổ') ? null : `${h.name} ${label.en}`,
          path: `${commune.path}/${code}`,
          provinceCode: TN,
          households: h.households,
        });
      });
    }
    await seedRepo.insertUnits(tx, hamletRows);

    const provinceCommittee = (await huSeedRepo.findHandlingUnitId(tx, peoplesCommitteeCode(TN)))!;
    const agencyIds: Record<string, string> = {};
    for (const a of DEMO_AGENCIES) {
      agencyIds[a.code] = await huSeedRepo.insertHandlingUnit(
        tx,
        { ...a, unitCode: TN, provinceCode: TN, parentId: provinceCommittee },
        tnCommunes,
      );
    }

    const people = DEMO_PEOPLE;
    const leaders: Record<string, { fullName: string; phone: string; userId: string }> = {};
    const userIds: Record<string, string> = {};
    for (const p of people) {
      const user = await accountsRepo.insertUser(tx, {
        username: p.login,
        phone: p.phone,
        fullName: p.fullName,
        passwordHash,
        isDemo: true,
        managedByAdmin: p.role !== 'citizen',
      });
      const handlingUnitId =
        'handlingUnit' in p
          ? (agencyIds[p.handlingUnit] ?? (await huSeedRepo.findHandlingUnitId(tx, p.handlingUnit)))
          : null;
      await accountsRepo.insertAssignment(tx, {
        userId: user.id,
        role: p.role,
        unitCode: 'unitCode' in p ? p.unitCode : null,
        handlingUnitId,
      });
      if (p.role !== 'citizen') await accountsRepo.insertAssignment(tx, { userId: user.id, role: 'citizen' });
      accounts.push({ login: p.login, phone: p.phone, fullName: p.fullName, role: p.role, scope: p.scope });
      userIds[p.login] = user.id;
      if (p.role === 'team_member' && 'unitCode' in p && p.unitCode)
        leaders[p.unitCode] = { fullName: p.fullName, phone: p.phone, userId: user.id };
    }
    await seedDemoTeams(
      tx,
      hamletRows.map((h, i) => ({
        code: h.code,
        parentCode: h.parentCode!,
        path: h.path,
        fullName: h.fullName,
        last: hamletRows[i + 1]?.parentCode !== h.parentCode,
      })),
      leaders,
    );
    await seedDemoSupport(tx, userIds);
    await seedDemoHouseholds(
      tx,
      hamletRows.map((h, i) => ({
        code: h.code,
        communeCode: h.parentCode!,
        households: h.households ?? null,
        last: hamletRows[i + 1]?.parentCode !== h.parentCode,
      })),
    );
    // Every demo team member signs in (password DEMO_PASSWORD, login tv.<phone>) and has six months of activities.
    for (const m of await demoMembersWithoutAccount(tx)) {
      const user = await accountsRepo.insertUser(tx, {
        username: `tv.${m.phone}`,
        phone: m.phone,
        fullName: m.full_name,
        passwordHash,
        isDemo: true,
        managedByAdmin: true,
      });
      await accountsRepo.insertAssignment(tx, { userId: user.id, role: 'team_member', unitCode: m.hamlet_code });
      await accountsRepo.insertAssignment(tx, { userId: user.id, role: 'citizen' });
      await teamsRepo.updateMember(tx, m.id, { userId: user.id });
    }
    await seedDemoActivities(tx, new Date());
    // After the activity history: the campaign's progress reads it.
    await seedDemoCampaigns(tx);
    await seedDemoTraining(tx, new Date());
    // The seeds' figures from elsewhere (app downloads and accounts, smartphone users) and illustrative dossiers.
    await seedDemoIndicators(tx, { enteredBy: userIds['admin.tinh'] ?? null, now: new Date() });
    // Bình dân học vụ số: 9,150 learners (login hv.00001…, password DEMO_PASSWORD), enrolled in the published courses
    // (the courses' demo runs before, so there are some).
    // Browser tests that never read them leave the 9,150 learners out (`learners: false`): seconds per test file.
    if (opts.learners !== false) {
      await seedDemoLearners(tx, new Date(), { passwordHash });
      if (opts.certificateSecret) await seedDemoCertificates(tx, opts.certificateSecret);
    }
  });
  return accounts;
}
