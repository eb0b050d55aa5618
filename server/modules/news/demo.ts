import type { Executor } from '../../db/client.js';
import { renderPost, summaryOf } from './render.js';
import * as repo from './repo.js';

const DEMO_NOTE = '\n\n*Tin minh hoạ của bản demo Xã Số, không phải thông báo chính thức.*';

/**
 * Demo news (XASO_DEMO=1): a few posts of the province and of Xã Định Hoá (05569) — a notice about Bình dân học vụ
 * số, a citizen reception schedule and a flood warning. Each says it is demo content; none is pushed to anyone
 * (written straight to the table, no alert job).
 */
export async function seedDemoNews(exec: Executor, now: Date) {
  const day = 24 * 3600_000;
  const posts = [
    {
      unitCode: '19',
      unitPath: '19',
      kind: 'announcement' as const,
      pinned: true,
      publishAt: new Date(now.getTime() - 6 * day),
      title: 'Phong trào “Bình dân học vụ số”: các khóa kỹ năng số miễn phí trên Xã Số',
      body:
        'Người dân và cán bộ có thể học các khóa kỹ năng số ngay trên Xã Số: ' +
        'cài đặt và sử dụng **VNeID**, nộp hồ sơ trên **Cổng Dịch vụ công quốc gia**, chữ ký số, ' +
        'bảo vệ dữ liệu cá nhân và phòng tránh lừa đảo trực tuyến.\n\n' +
        '- Học theo từng bài ngắn, làm bài kiểm tra cuối khóa.\n' +
        '- Hoàn thành khóa học được cấp giấy chứng nhận có mã QR để tra cứu.\n\n' +
        'Xem các khóa học tại [trang Học kỹ năng số](/learn).',
    },
    {
      unitCode: '05569',
      unitPath: '19/05569',
      kind: 'reception_schedule' as const,
      pinned: false,
      publishAt: new Date(now.getTime() - 3 * day),
      title: 'Lịch tiếp công dân định kỳ của UBND xã Định Hoá',
      body:
        'UBND xã Định Hoá tiếp công dân định kỳ tại Bộ phận Một cửa của xã.\n\n' +
        '- **Thời gian:** sáng thứ Năm hằng tuần, từ 7 giờ 30 đến 11 giờ.\n' +
        '- **Mang theo:** căn cước công dân và giấy tờ liên quan đến nội dung cần trình bày.\n\n' +
        'Người dân cũng có thể gửi phản ánh bất cứ lúc nào qua mục [Gửi phản ánh](/feedback/new).',
    },
    {
      unitCode: '05569',
      unitPath: '19/05569',
      kind: 'disaster_alert' as const,
      hazard: 'flood' as const,
      pinned: true,
      publishAt: new Date(now.getTime() - 3600_000),
      title: 'Cảnh báo mưa lớn, nguy cơ lũ và ngập úng vùng trũng',
      body:
        'Mưa lớn có thể gây lũ trên các suối và ngập úng ở vùng trũng, nguy cơ sạt lở đất ở sườn đồi.\n\n' +
        '1. Không đi qua ngầm, tràn, suối khi nước đang lên.\n' +
        '2. Kê cao tài sản, di chuyển gia súc lên chỗ cao.\n' +
        '3. Theo dõi thông báo của xã và làm theo hướng dẫn của lực lượng tại chỗ.',
    },
  ];
  for (const p of posts) {
    const body = p.body + DEMO_NOTE;
    await repo.insertPost(exec, {
      unitCode: p.unitCode,
      unitPath: p.unitPath,
      provinceCode: '19',
      kind: p.kind,
      hazard: 'hazard' in p ? p.hazard : null,
      isAlert: p.kind === 'disaster_alert',
      title: p.title,
      bodyMd: body,
      bodyHtml: renderPost(body, new Map()).html,
      summary: summaryOf(p.body),
      pinned: p.pinned,
      publishAt: p.publishAt,
    });
  }
}
