import type { Executor } from '../../db/client.js';
import * as catalogRepo from '../catalog/repo.js';
import * as repo from './repo.js';

interface DemoPost {
  by: string;
  title: string;
  body: string;
  services: string[];
  answers: { by: string; body: string; accepted?: boolean }[];
}

/** What teams ask in the field (seed articles 001–003: VNeID level 2, C-Thái Nguyên, e-commerce). */
const POSTS: DemoPost[] = [
  {
    by: 'to.trungkien',
    title: 'Người dân quên mật khẩu VNeID thì lấy lại thế nào?',
    body: 'Bác ở tổ dân phố đổi điện thoại, không nhớ mật khẩu đăng nhập VNeID. Có lấy lại ngay trên ứng dụng được không?',
    services: ['vneid'],
    answers: [
      {
        by: 'canbo.dinhhoa',
        body: 'Trên màn hình đăng nhập chọn "Quên mật khẩu", nhập số định danh cá nhân và số điện thoại đã đăng ký, rồi nhập mã OTP gửi về máy. Nếu số điện thoại cũ không còn dùng, người dân mang căn cước đến công an xã để cập nhật số mới trước.',
        accepted: true,
      },
    ],
  },
  {
    by: 'to.trungkien',
    title: 'Cài C-Thái Nguyên báo "ứng dụng không tương thích với thiết bị"',
    body: 'Máy Android đời cũ của người dân không cài được C-Thái Nguyên từ Cửa hàng Play. Có cách nào khác không?',
    services: ['c-thai-nguyen'],
    answers: [
      {
        by: 'admin.dinhhoa',
        body: 'Kiểm tra phiên bản Android trong Cài đặt > Giới thiệu điện thoại. Máy quá cũ thì hướng dẫn người dân dùng cổng dịch vụ công trên trình duyệt; không cài tệp APK tải từ nơi khác.',
      },
    ],
  },
  {
    by: 'to.trungkien',
    title: 'Mở gian hàng trên sàn thương mại điện tử cần những giấy tờ gì?',
    body: 'Hộ trồng chè muốn bán trên sàn. Hộ kinh doanh cá thể có cần đăng ký kinh doanh trước không?',
    services: ['thuong-mai-dien-tu'],
    answers: [],
  },
];

/** Demo questions and answers (XASO_DEMO=1): one accepted into VNeID's FAQ, one answered, one open. */
export async function seedDemoSupport(tx: Executor, users: Record<string, string>) {
  for (const p of POSTS) {
    const services = (await Promise.all(p.services.map((s) => catalogRepo.findService(tx, s, true)))).filter(
      (s) => s !== null,
    );
    const authorId = users[p.by];
    if (!authorId) continue;
    const questionId = await repo.insertQuestion(
      tx,
      {
        authorId,
        authorRole: 'team_member',
        unitPath: '19/05569/05569-001',
        provinceCode: '19',
        communeCode: '05569',
        title: p.title,
        body: p.body,
      },
      services.map((s) => s.id),
    );
    for (const a of p.answers) {
      const role = a.by.startsWith('admin.') ? 'commune_admin' : 'handling_officer';
      const { id } = await repo.insertAnswer(tx, {
        questionId,
        authorId: users[a.by],
        authorRole: role,
        communeCode: '05569',
        body: a.body,
      });
      if (a.accepted) await repo.acceptAnswer(tx, questionId, id);
    }
  }
}
