import type { Executor } from '../../db/client.js';
import { vnDate } from '../../platform/calendar.js';
import * as catalogRepo from '../catalog/repo.js';
import * as repo from './repo.js';

const TN = '19';
/** The demo communes that get targets (the ones with demo hamlets and teams). */
const DEMO_COMMUNES = ['05569', '05611', '05443', '01840'];

/** Seed 001: the Department of Information and Communications' roadmap for 2022, and this month's campaign. */
const ROADMAP = [
  {
    title: 'Tháng 6/2022: cài đặt và sử dụng C-Thái Nguyên, Thái Nguyên ID và Sổ tay Đảng viên',
    from: '2022-06',
    to: '2022-06',
    whatToDo:
      'Các thành viên Tổ công nghệ số cộng đồng tập trung hướng dẫn người dân cài đặt và sử dụng các nền tảng công ' +
      'nghệ số: Nền tảng công dân số C-Thái Nguyên, nền tảng xã hội số Thái Nguyên ID và “Sổ tay Đảng viên”.',
    focus: ['c-thai-nguyen', 'thai-nguyen-id', 'so-tay-dang-vien'],
    metrics: [
      ['c-thai-nguyen', 'installed_app', 150],
      ['thai-nguyen-id', 'installed_app', 100],
      ['so-tay-dang-vien', 'installed_app', 40],
    ],
  },
  {
    title: 'Tháng 7/2022: cổng thông tin điện tử và dịch vụ công trực tuyến',
    from: '2022-07',
    to: '2022-07',
    whatToDo:
      'Hướng dẫn người dân truy cập và sử dụng Cổng thông tin điện tử của tỉnh, huyện, xã để tra cứu thông tin; ' +
      'tuyên truyền, hướng dẫn người dân dùng dịch vụ công trực tuyến.',
    focus: ['dich-vu-cong-thai-nguyen', 'dich-vu-cong-quoc-gia'],
    metrics: [
      ['dich-vu-cong-thai-nguyen', 'online_dossier', 60],
      ['dich-vu-cong-quoc-gia', 'online_dossier', 40],
    ],
  },
] as const;

/**
 * Demo campaigns (XASO_DEMO=1, a new database): the seed's 2022 roadmap, and a campaign for the current month with
 * targets for the demo communes, Xã Định Hoá's split per team (adding up to a little more than the commune's, so the
 * warning shows). Progress reads the activity log's demo history (activities/demo.ts), seeded before.
 */
export async function seedDemoCampaigns(tx: Executor) {
  const ids = new Map<string, string>();
  const serviceId = async (slug: string) => {
    if (!ids.has(slug)) {
      const s = await catalogRepo.findService(tx, slug, true);
      if (!s) throw new Error(`demo campaigns: no catalog service "${slug}"`);
      ids.set(slug, s.id);
    }
    return ids.get(slug)!;
  };
  const today = vnDate(new Date());
  const month = today.slice(0, 7);
  const current = {
    title: `Tháng ${month.slice(5, 7)}/${month.slice(0, 4)}: định danh điện tử mức 2 và C-Thái Nguyên`,
    from: month,
    to: month,
    whatToDo:
      'Đến từng ngõ, gõ từng nhà: hướng dẫn người dân kích hoạt tài khoản định danh điện tử mức 2 trên VNeID và cài ' +
      'đặt C-Thái Nguyên; mang theo bản hướng dẫn in một trang; ghi nhật ký hoạt động sau mỗi buổi.',
    focus: ['vneid', 'c-thai-nguyen'],
    metrics: [
      ['vneid', 'vneid_level2', 120],
      ['c-thai-nguyen', 'installed_app', 80],
    ],
  } as const;
  let currentId = '';
  for (const c of [...ROADMAP, current]) {
    const id = await repo.insertCampaign(tx, {
      provinceCode: TN,
      title: c.title,
      whatToDo: c.whatToDo,
      fromMonth: `${c.from}-01`,
      toMonth: `${c.to}-01`,
      status: 'published',
    });
    const metrics = await Promise.all(
      c.metrics.map(async ([slug, action]) => ({ serviceId: await serviceId(slug), action })),
    );
    const targets = DEMO_COMMUNES.flatMap((communeCode, k) =>
      c.metrics.map(([, action, target], i) => ({
        communeCode,
        serviceId: metrics[i].serviceId,
        action,
        target: Math.round(target * (1 - k * 0.15)),
      })),
    );
    await repo.replaceContent(tx, id, await Promise.all(c.focus.map(serviceId)), metrics, targets);
    currentId = id;
  }

  // Xã Định Hoá splits this month's targets per team: 25 and 17 each for 5 teams (125 and 85 against 120 and 80).
  const teams = await repo.teamsOfCommune(tx, '05569');
  const [vneid, cTn] = [await serviceId('vneid'), await serviceId('c-thai-nguyen')];
  await repo.replaceTeamTargets(
    tx,
    currentId,
    '05569',
    teams.flatMap((t) => [
      { teamId: t.id, serviceId: vneid, action: 'vneid_level2', target: 25 },
      { teamId: t.id, serviceId: cTn, action: 'installed_app', target: 17 },
    ]),
  );
}
