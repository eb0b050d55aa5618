import type { Executor } from '../../db/client.js';
import * as repo from './repo.js';

const TN = '19';
const TN_PATH = '19';

/**
 * Seed 004: the northern communes of Thái Nguyên (former Bắc Kạn) with Mobifone Bắc Kạn held an online conference
 * launching "Bình dân học vụ số" in 2025, on popular AI tools, at 08 sites with 154 officials, union members and
 * youth. The main site and seven remote ones are real communes (vn-admin codes); participants were recorded on the
 * organiser's list (no accounts), 154 attended.
 */
export const DEMO_CONFERENCE = {
  topic: 'Hội nghị trực tuyến triển khai phong trào “Bình dân học vụ số” năm 2025',
  organizerName: 'Các xã phía Bắc tỉnh Thái Nguyên phối hợp Mobifone Bắc Kạn',
  sites: [
    { name: 'Điểm cầu chính: Hội trường UBND xã Ba Bể', place: 'Trung tâm xã Ba Bể', communeCode: '01906', count: 32 },
    { name: 'Điểm cầu xã Chợ Rã', place: 'Hội trường UBND xã', communeCode: '01912', count: 18 },
    { name: 'Điểm cầu xã Thượng Minh', place: 'Hội trường UBND xã', communeCode: '01921', count: 17 },
    { name: 'Điểm cầu xã Nghiên Loan', place: 'Hội trường UBND xã', communeCode: '01882', count: 18 },
    { name: 'Điểm cầu xã Cao Minh', place: 'Nhà văn hóa trung tâm xã', communeCode: '01879', count: 17 },
    { name: 'Điểm cầu xã Bằng Thành', place: 'Hội trường UBND xã', communeCode: '01864', count: 18 },
    { name: 'Điểm cầu xã Ngân Sơn', place: 'Hội trường UBND xã', communeCode: '01954', count: 17 },
    { name: 'Điểm cầu xã Nà Phặc', place: 'Hội trường UBND xã', communeCode: '01936', count: 17 },
  ],
} as const;

export async function seedDemoTraining(exec: Executor, now: Date) {
  const startsAt = new Date('2025-07-15T08:00:00+07:00');
  const endsAt = new Date('2025-07-15T11:30:00+07:00');
  const id = await repo.insertSession(exec, {
    unitCode: TN,
    unitPath: TN_PATH,
    organizerName: DEMO_CONFERENCE.organizerName,
    topic: DEMO_CONFERENCE.topic,
    description:
      'Hướng dẫn sử dụng các công cụ AI phổ biến cho cán bộ, đoàn viên, thanh niên các xã phía Bắc của tỉnh; ' +
      'kết nối trực tuyến tới 08 điểm cầu.',
    startsAt,
    endsAt,
    status: 'published',
    certificateOnAttendance: false,
  });
  await repo.replaceSites(
    exec,
    id,
    DEMO_CONFERENCE.sites.map((s, i) => ({
      main: i === 0,
      position: i,
      name: s.name,
      place: s.place,
      communeCode: s.communeCode,
      capacity: null,
    })),
  );
  await repo.replaceMaterials(exec, id, [
    { title: 'Cổng thông tin “Bình dân học vụ số”', url: 'https://binhdanhocvuso.gov.vn' },
  ]);
  const sites = await repo.sitesOf(exec, id);
  for (const [i, site] of sites.entries()) {
    const count = DEMO_CONFERENCE.sites[i].count;
    await repo.insertListedParticipants(
      exec,
      id,
      { id: site.id, communeCode: site.communeCode, count, firstOfficials: Math.round(count * 0.6) },
      new Date(startsAt.getTime() - 3 * 86_400_000),
      new Date(startsAt.getTime() + 15 * 60_000),
    );
  }

  // An upcoming session of Xã Định Hoá, open for registration (a certificate for those who attend).
  const day = 86_400_000;
  const next = new Date(Math.ceil((now.getTime() + 14 * day) / day) * day + 1 * 3600_000); // 08:00 in Vietnam
  const upcoming = await repo.insertSession(exec, {
    unitCode: '05569',
    unitPath: '19/05569',
    organizerName: 'UBND xã Định Hoá phối hợp Tổ công nghệ số cộng đồng',
    topic: 'Tập huấn sử dụng VNeID và nộp hồ sơ trên Cổng Dịch vụ công quốc gia',
    description: 'Mang theo điện thoại đã cài VNeID. Thực hành nộp một hồ sơ trực tuyến.',
    startsAt: next,
    endsAt: new Date(next.getTime() + 3 * 3600_000),
    status: 'published',
    certificateOnAttendance: true,
  });
  await repo.replaceSites(exec, upcoming, [
    {
      main: true,
      position: 0,
      name: 'Hội trường UBND xã Định Hoá',
      place: 'Tổ dân phố Trung Kiên',
      communeCode: '05569',
      capacity: 80,
    },
    { main: false, position: 1, name: 'Nhà văn hóa xóm Bãi Á', place: 'Xóm Bãi Á', communeCode: '05569', capacity: 40 },
  ]);
  return { conference: id, upcoming };
}
