import { randomUUID } from 'node:crypto';
import sharp from 'sharp';
import type { Db } from '../db/client.js';
import * as accountsRepo from '../modules/accounts/repo.js';
import * as categoryRepo from '../modules/feedback/category-repo.js';
import type { DemoEventRow, DemoPhotoRow, DemoReportRow } from '../modules/feedback/demo-repo.js';
import * as demoRepo from '../modules/feedback/demo-repo.js';
import { peoplesCommitteeCode } from '../modules/handling-units/committees.js';
import * as seedRepo from '../modules/handling-units/seed-repo.js';
import { getLocateIndex } from '../modules/units/boundaries.js';
import type { UnitRow } from '../modules/units/reference-data.js';
import { vnDate, vnMidnight } from '../platform/calendar.js';
import { processPhoto, type StoredPhoto, storePhotos } from '../platform/files/photos.js';
import type { FileStore } from '../platform/files/store.js';
import type { PointIndex } from '../platform/geo/point-index.js';
import { seededRandom as rng } from '../platform/seeded-random.js';
import { DEFAULT_CATEGORIES } from './feedback.js';

/**
 * A year of citizen feedback for the demo (XASO_DEMO=1), so the map, the lists, the inboxes and the statistics show
 * something true on first start. The totals are the seed's table exactly (C-Thái Nguyên, article 001):
 * 3,709 received = 1,967 resolved + 224 distributed + 926 not yet accepted + 592 cancelled.
 * Reports lie at points inside their commune's real boundary, over the last 12 months, with the events, answers,
 * ratings and photos real use leaves. They are written with one INSERT … SELECT per table (not 3,709 service calls)
 * into the same tables, with the same triggers, and are counted into the statistics by the rollup's own bulk path.
 */
export const DEMO_HISTORY = { resolved: 1967, distributed: 224, pending: 926, cancelled: 592 } as const;
export const DEMO_HISTORY_TOTAL = 3709;

const TN = '19';
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** What people write, per category (short and plain, as typed on a phone). */
const TEXTS: Record<string, string[]> = {
  'giao-thong': [
    'Đường liên xóm bị sụt lún, nhiều ổ gà, xe máy đi lại rất nguy hiểm.',
    'Biển báo giao thông tại ngã ba bị cây che khuất, đề nghị phát quang.',
    'Cầu tràn xuống cấp, lan can bị gãy một đoạn.',
    'Mặt đường bê tông nứt vỡ sau mưa lớn, nước đọng thành vũng.',
    'Chăn thả trâu bò trên đường tỉnh gây mất an toàn giao thông.',
  ],
  'do-thi-trat-tu-xay-dung': [
    'Công trình xây dựng lấn chiếm vỉa hè, không có biển báo thi công.',
    'Vật liệu xây dựng đổ tràn ra lòng đường nhiều ngày.',
    'Hộ dân cơi nới mái tôn ra hành lang đường.',
    'Biển quảng cáo treo sai quy định, có nguy cơ rơi khi gió to.',
  ],
  'moi-truong-rac-thai': [
    'Rác thải sinh hoạt tồn đọng nhiều ngày chưa được thu gom.',
    'Đốt rơm rạ gây khói mù khu dân cư vào buổi chiều.',
    'Xả nước thải chăn nuôi ra mương thủy lợi, bốc mùi hôi.',
    'Điểm tập kết rác tự phát cạnh trường học.',
  ],
  'dien-chieu-sang': [
    'Đèn chiếu sáng công cộng bị hỏng, cả đoạn đường tối vào ban đêm.',
    'Dây điện võng thấp qua khu dân cư, đề nghị kiểm tra.',
    'Cột đèn nghiêng sau bão, có nguy cơ đổ.',
  ],
  'cap-thoat-nuoc': [
    'Nước sinh hoạt bị đục, có mùi lạ từ sáng nay.',
    'Cống thoát nước bị tắc, ngập úng mỗi khi trời mưa.',
    'Hố ga mất nắp trên đường trục chính.',
    'Đường ống nước bị vỡ, nước chảy tràn ra đường.',
  ],
  'an-ninh-trat-tu': [
    'Tiếng ồn từ quán karaoke kéo dài sau 22 giờ.',
    'Nhóm thanh niên tụ tập đua xe vào ban đêm.',
    'Có người lạ gọi điện mạo danh cán bộ, đề nghị cài ứng dụng lạ.',
  ],
  'y-te': ['Trạm y tế đóng cửa trong giờ hành chính.', 'Đề nghị phun thuốc diệt muỗi, nhiều người trong xóm bị sốt.'],
  'giao-duc': ['Trường học thiếu nhà vệ sinh cho học sinh.', 'Mái lớp học bị dột khi trời mưa.'],
  'dat-dai': [
    'Lấn chiếm đất công làm bãi tập kết vật liệu.',
    'Thủ tục cấp giấy chứng nhận quyền sử dụng đất chậm so với hẹn.',
    'San lấp đất nông nghiệp trái phép.',
  ],
  'thu-tuc-hanh-chinh': [
    'Nộp hồ sơ trực tuyến nhưng quá hạn chưa có kết quả.',
    'Không đăng nhập được cổng dịch vụ công bằng tài khoản định danh.',
    'Đề nghị hướng dẫn thủ tục đăng ký khai sinh trực tuyến.',
  ],
  'thien-tai-khan-cap': [
    'Sạt lở taluy dương đe dọa nhà dân, cần hỗ trợ gấp.',
    'Cây xanh gãy đổ chắn ngang đường sau bão.',
    'Nước suối dâng cao, ngập tràn qua đường vào xóm.',
  ],
  khac: ['Đề nghị lắp thêm loa truyền thanh ở cuối xóm.', 'Nhà văn hóa xóm xuống cấp, đề nghị sửa chữa.'],
};

const ANSWERS: Record<string, string[]> = {
  'giao-thong': [
    'Đã vá ổ gà, hoàn trả mặt đường; đề nghị người dân đi lại cẩn thận trong thời gian bê tông đông kết.',
    'Đã phát quang cây che khuất và lắp lại biển báo.',
  ],
  'do-thi-trat-tu-xay-dung': [
    'Đã kiểm tra, yêu cầu chủ công trình thu dọn vật liệu và lắp biển báo thi công.',
    'Đã lập biên bản, hộ dân đã tự tháo dỡ phần lấn chiếm.',
  ],
  'moi-truong-rac-thai': [
    'Đã thu gom rác và bố trí lịch thu gom 2 ngày/lần tại điểm này.',
    'Đã nhắc nhở hộ chăn nuôi, yêu cầu xây bể xử lý nước thải.',
  ],
  'dien-chieu-sang': ['Điện lực đã thay bóng đèn và kiểm tra toàn tuyến.', 'Đã căng lại dây và thay cột đèn.'],
  'cap-thoat-nuoc': [
    'Đã súc xả đường ống; chất lượng nước đã đạt chuẩn theo kết quả kiểm tra.',
    'Đã nạo vét cống và lắp lại nắp hố ga.',
  ],
  'an-ninh-trat-tu': ['Công an xã đã kiểm tra, nhắc nhở và xử lý theo quy định.'],
  'y-te': ['Trạm y tế đã bố trí trực đủ giờ; đã phun thuốc diệt muỗi trong xóm.'],
  'giao-duc': ['Nhà trường đã sửa chữa và đưa vào sử dụng.'],
  'dat-dai': [
    'Đã kiểm tra hiện trạng, yêu cầu trả lại mặt bằng đất công.',
    'Hồ sơ đã được giải quyết, mời nhận kết quả.',
  ],
  'thu-tuc-hanh-chinh': ['Đã hướng dẫn người dân và trả kết quả hồ sơ trực tuyến.'],
  'thien-tai-khan-cap': ['Đã huy động lực lượng xử lý, bảo đảm an toàn cho người dân.'],
  khac: ['Đã tiếp thu, đưa vào kế hoạch sửa chữa của xã.'],
};

const CATEGORY_WEIGHT: Record<string, number> = {
  'giao-thong': 18,
  'do-thi-trat-tu-xay-dung': 11,
  'moi-truong-rac-thai': 16,
  'dien-chieu-sang': 10,
  'cap-thoat-nuoc': 10,
  'an-ninh-trat-tu': 5,
  'y-te': 4,
  'giao-duc': 4,
  'dat-dai': 8,
  'thu-tuc-hanh-chinh': 7,
  'thien-tai-khan-cap': 3,
  khac: 4,
};

/** Province-wide routing rules (category → the department or utility that answers it), as a province sets them. */
const PROVINCE_RULES: Record<string, string> = {
  'dien-chieu-sang': 'dien-luc-19',
  'cap-thoat-nuoc': 'nuoc-sach-19',
  'y-te': 'so-yt-19',
  'giao-duc': 'so-gddt-19',
};
/** A commune-level rule: urban construction order in the central wards goes to the Department of Construction. */
const WARD_RULE = { category: 'do-thi-trat-tu-xay-dung', unit: 'so-xd-19', communes: ['05443', '01840'] };

const CANCEL_NOTES: Record<string, string[]> = {
  ineligible: ['Nội dung không thuộc phạm vi tiếp nhận phản ánh hiện trường.', 'Không đủ thông tin để xác minh.'],
  outside_jurisdiction: ['Vụ việc thuộc thẩm quyền tòa án, đã hướng dẫn người dân.', 'Địa điểm không thuộc tỉnh.'],
  duplicate: ['Trùng với phản ánh đã tiếp nhận trước đó.'],
  spam: ['Nội dung quảng cáo.'],
};
const QUESTIONS = [
  'Đề nghị bổ sung vị trí cụ thể (số nhà, tên đường hoặc xóm).',
  'Đề nghị bổ sung ảnh chụp hiện trường.',
  'Đang xác minh thông tin với trưởng xóm.',
];
const RATING_COMMENTS = ['Xử lý nhanh, cảm ơn cán bộ.', 'Đã sửa nhưng chưa triệt để.', 'Hài lòng.', null, null];

const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Vũ', 'Đặng', 'Bùi', 'Ma', 'Lục', 'Hà', 'Nông'];
const GIVEN = ['Văn Hùng', 'Thị Lan', 'Minh Đức', 'Thị Hoa', 'Văn Sơn', 'Thu Hà', 'Quang Huy', 'Thị Mai', 'Đức Anh'];

/** Coloured scenes drawn with shapes (no people, no real place), re-encoded through the real photo pipeline. */
function scene(kind: string, hue: number): string {
  const sky = `hsl(${hue}, 55%, 78%)`;
  const ground = `hsl(${(hue + 60) % 360}, 30%, 45%)`;
  const shapes: Record<string, string> = {
    road: `<rect y="330" width="800" height="270" fill="#6b6b6b"/><ellipse cx="380" cy="460" rx="90" ry="28" fill="#3b3025"/><rect x="0" y="455" width="800" height="8" fill="#f4f4f4" stroke-dasharray="40 30"/>`,
    trash: `<rect y="380" width="800" height="220" fill="${ground}"/><circle cx="330" cy="420" r="70" fill="#4b6b3a"/><circle cx="420" cy="440" r="60" fill="#2f4f6f"/><rect x="470" y="380" width="90" height="110" fill="#2e7d32"/>`,
    light: `<rect y="420" width="800" height="180" fill="#555"/><rect x="390" y="120" width="16" height="300" fill="#333"/><rect x="330" y="110" width="80" height="18" fill="#333"/><circle cx="335" cy="135" r="16" fill="#222"/>`,
    water: `<rect y="360" width="800" height="240" fill="#5d7fa3"/><circle cx="400" cy="420" r="50" fill="#3a556e"/><rect x="0" y="340" width="800" height="20" fill="#777"/>`,
    tree: `<rect y="400" width="800" height="200" fill="#6b6b6b"/><rect x="150" y="380" width="500" height="34" rx="16" fill="#6d4c2f" transform="rotate(-8 400 400)"/><circle cx="600" cy="340" r="80" fill="#2e7d32"/>`,
    done: `<rect y="330" width="800" height="270" fill="#4a4a4a"/><rect x="0" y="455" width="800" height="8" fill="#f4f4f4"/><circle cx="680" cy="140" r="50" fill="#ffd54f"/>`,
  };
  return `<svg xmlns="http://www.w3.org/2000/svg" width="800" height="600"><rect width="800" height="600" fill="${sky}"/>${shapes[kind]}<text x="24" y="580" font-family="sans-serif" font-size="22" fill="#ffffff">Ảnh minh họa (demo)</text></svg>`;
}

const PHOTO_KIND: Record<string, string> = {
  'giao-thong': 'road',
  'do-thi-trat-tu-xay-dung': 'road',
  'moi-truong-rac-thai': 'trash',
  'dien-chieu-sang': 'light',
  'cap-thoat-nuoc': 'water',
  'thien-tai-khan-cap': 'tree',
};

async function makePhotos(store: FileStore): Promise<Record<string, StoredPhoto>> {
  const kinds = ['road', 'trash', 'light', 'water', 'tree', 'done'];
  const processed = await Promise.all(
    kinds.map(async (k, i) =>
      processPhoto(
        await sharp(Buffer.from(scene(k, 190 + i * 25)))
          .png()
          .toBuffer(),
      ),
    ),
  );
  const stored = await storePhotos(store, processed);
  return Object.fromEntries(kinds.map((k, i) => [k, stored[i]]));
}

interface Place {
  code: string;
  path: string;
  name: string;
  lat: number;
  lng: number;
}

/** A few points inside each commune of the province (kept only where locate puts them in that commune). */
function communePlaces(index: PointIndex, communes: UnitRow[], random: () => number): Map<string, Place[]> {
  const places = new Map<string, Place[]>();
  const [x0, y0, x1, y1] = index.bbox;
  const want = new Map(communes.map((c) => [c.code, c]));
  // Sample the province's box once; each point goes to the commune it falls in, until every commune has enough.
  for (let tries = 0; tries < 400_000; tries++) {
    const lng = x0 + random() * (x1 - x0);
    const lat = y0 + random() * (y1 - y0);
    const code = index.locate(lng, lat);
    const c = code ? want.get(code) : undefined;
    if (!c) continue;
    const list = places.get(c.code) ?? [];
    if (list.length >= 12) continue;
    list.push({ code: c.code, path: c.path, name: c.fullName, lat, lng });
    places.set(c.code, list);
    if (places.size === want.size && [...places.values()].every((l) => l.length >= 12)) break;
  }
  return places;
}

function pickWeighted<T>(items: T[], weight: (t: T) => number, random: () => number): T {
  const total = items.reduce((s, t) => s + weight(t), 0);
  let r = random() * total;
  for (const t of items) {
    r -= weight(t);
    if (r < 0) return t;
  }
  return items[items.length - 1];
}

export interface DemoHistoryResult {
  reports: number;
}

/**
 * Writes the demo history into a database that has the demo accounts and no report; a database with any report is
 * left alone (returns reports: 0). `now` is injectable so tests pin the clock.
 */
export async function seedDemoHistory(
  db: Db,
  opts: { communes: UnitRow[]; store: FileStore; now?: Date; signal?: AbortSignal },
): Promise<DemoHistoryResult> {
  const now = opts.now ?? new Date();
  // A shutdown stops the seeding between statements: the transaction rolls back and the next start seeds again.
  const going = () => opts.signal?.throwIfAborted();
  if (await demoRepo.hasReports(db)) return { reports: 0 };
  const random = rng(3709);
  const communes = opts.communes.filter((c) => c.provinceCode === TN && c.level === 'commune');
  const index = await getLocateIndex();
  if (!index) return { reports: 0 }; // no boundaries shipped: no honest points to put reports at
  const places = communePlaces(index, communes, random);
  const photos = await makePhotos(opts.store);

  return db.transaction(async (tx) => {
    going();
    if (await demoRepo.hasReports(tx)) return { reports: 0 };
    const categories = (await categoryRepo.listCategories(tx, TN, false)).filter((c) => TEXTS[c.code]);
    const unitCodes = [
      ...communes.map((c) => peoplesCommitteeCode(c.code)),
      ...Object.values(PROVINCE_RULES),
      WARD_RULE.unit,
    ];
    const unitIds = await seedRepo.findHandlingUnitIds(tx, unitCodes);
    const catByCode = new Map(categories.map((c) => [c.code, c]));

    // Routing rules, as the province administrator would set them on the settings page.
    for (const [category, unit] of Object.entries(PROVINCE_RULES)) {
      const c = catByCode.get(category);
      const u = unitIds.get(unit);
      if (c && u)
        await categoryRepo.upsertRoutingRule(tx, {
          categoryId: c.id,
          communeCode: null,
          handlingUnitId: u,
          createdBy: null,
        });
    }
    for (const commune of WARD_RULE.communes) {
      const c = catByCode.get(WARD_RULE.category);
      const u = unitIds.get(WARD_RULE.unit);
      if (c && u)
        await categoryRepo.upsertRoutingRule(tx, {
          categoryId: c.id,
          communeCode: commune,
          handlingUnitId: u,
          createdBy: null,
        });
    }
    const unitFor = (category: string, commune: string): string | null => {
      if (category === WARD_RULE.category && WARD_RULE.communes.includes(commune))
        return unitIds.get(WARD_RULE.unit) ?? null;
      const rule = PROVINCE_RULES[category];
      return (rule && unitIds.get(rule)) || unitIds.get(peoplesCommitteeCode(commune)) || null;
    };

    // Who: the demo citizen, a few more demo residents who use the app, and the demo officers.
    const minh = await accountsRepo.findUserByPhone(tx, '0912345678');
    const officerDinhHoa = await accountsRepo.findUserByPhone(tx, '0900000004');
    const officerSoXd = await accountsRepo.findUserByPhone(tx, '0900000005');
    const residents: string[] = [];
    for (let i = 0; i < 24; i++) {
      const user = await accountsRepo.insertUser(tx, {
        phone: `09000010${String(i).padStart(2, '0')}`,
        fullName: `${FAMILY[i % FAMILY.length]} ${GIVEN[(i * 5) % GIVEN.length]} (demo)`,
        isDemo: true,
      });
      await accountsRepo.insertAssignment(tx, { userId: user.id, role: 'citizen' });
      residents.push(user.id);
    }

    const communeWeight = (c: UnitRow) =>
      c.code === '05569' ? 6 : ['05443', '01840', '05611'].includes(c.code) ? 4 : c.kind === 'phuong' ? 2 : 1;
    const withPlaces = communes.filter((c) => places.has(c.code));
    const communeByCode = new Map(withPlaces.map((c) => [c.code, c]));
    const statuses: string[] = Object.entries(DEMO_HISTORY).flatMap(([s, n]) => Array<string>(n).fill(s));
    const days = new Map(DEFAULT_CATEGORIES.map((c) => [c.code, c]));
    const iso = (ms: number) => new Date(ms).toISOString();
    const t0 = now.getTime();
    const clampPast = (ms: number) => Math.min(ms, t0 - 10 * 60_000);
    const pick = <T>(xs: T[]) => xs[Math.floor(random() * xs.length)];

    type Draft = DemoReportRow & { events: DemoEventRow[]; photoKinds: { kind: 'report' | 'answer'; scene: string }[] };
    const drafts: Draft[] = [];
    for (const status of statuses) {
      // A share of the open work goes to the units whose demo officers sign in (Định Hoá's committee, the
      // Department of Construction in the central wards), so their inboxes are not empty.
      const featured = status === 'distributed' ? random() : 1;
      const category =
        featured < 0.04
          ? catByCode.get(WARD_RULE.category)!
          : featured < 0.12
            ? catByCode.get(pick(['giao-thong', 'moi-truong-rac-thai', 'dat-dai']))!
            : pickWeighted(categories, (c) => CATEGORY_WEIGHT[c.code] ?? 1, random);
      const commune =
        featured < 0.04
          ? communeByCode.get(pick(WARD_RULE.communes))!
          : featured < 0.12
            ? communeByCode.get('05569')!
            : pickWeighted(withPlaces, communeWeight, random);
      const base = { ...pick(places.get(commune.code)!) };
      // About ±100 m around one of the commune's points, kept only while still inside the commune.
      const lat = base.lat + (random() - 0.5) * 0.002;
      const lng = base.lng + (random() - 0.5) * 0.002;
      if (index.locate(lng, lat) === commune.code) Object.assign(base, { lat, lng });
      // Age in days: distributed reports are recent (being worked on), the rest spread over the year, a little
      // more in recent months (the app is being taken up).
      const age =
        status === 'distributed'
          ? 0.2 + random() ** 2 * 20
          : status === 'pending'
            ? random() < 0.5
              ? random() * 30
              : random() * 364
            : status === 'resolved'
              ? 3 + random() ** 0.85 * 360
              : random() * 364;
      let created = t0 - age * DAY;
      // Daytime in Việt Nam (06:00–21:00).
      const dayStart = vnMidnight(vnDate(new Date(created))).getTime();
      created = clampPast(dayStart + (6 + random() * 15) * HOUR);
      const cat = days.get(category.code);
      const spanMs = cat?.hours ? cat.hours * HOUR : (cat?.days ?? 10) * 1.4 * DAY;
      const app = random() < 0.72;
      const reporterId = app ? (minh && random() < 0.01 ? minh.id : pick(residents)) : null;
      const channel = app ? 'app' : pick(['hotline', 'hotline', 'zalo', 'email', 'walk_in']);
      const id = randomUUID();
      const submitter = reporterId;
      const events: DemoEventRow[] = [
        {
          reportId: id,
          at: iso(created),
          actorId: submitter,
          actorKind: 'user',
          type: 'submitted',
          fromStatus: null,
          toStatus: 'pending',
          toHandlingUnitId: null,
          reason: null,
          public: true,
          details: { channel },
        },
      ];
      const draft: Draft = {
        id,
        publicCode: '',
        categoryId: category.id,
        description: `${pick(TEXTS[category.code])}`,
        status,
        cancelReason: null,
        emergency: category.code === 'thien-tai-khan-cap',
        channel,
        reporterId,
        submittedBy: submitter,
        showName: false,
        lat: base.lat,
        lng: base.lng,
        address: null,
        provinceCode: TN,
        communeCode: commune.code,
        unitPath: commune.path,
        handlingUnitId: null,
        dueAt: null,
        acceptedAt: null,
        resolvedAt: null,
        resolvedOnTime: null,
        answerText: null,
        rating: null,
        ratingComment: null,
        ratedAt: null,
        reopenCount: 0,
        duplicateOf: null,
        createdAt: iso(created),
        updatedAt: iso(created),
        events,
        photoKinds:
          PHOTO_KIND[category.code] && random() < 0.45 ? [{ kind: 'report', scene: PHOTO_KIND[category.code] }] : [],
      };
      const staffOf = (unit: string | null) =>
        unit && unit === unitIds.get('ubnd-05569')
          ? (officerDinhHoa?.id ?? null)
          : unit && unit === unitIds.get('so-xd-19')
            ? (officerSoXd?.id ?? null)
            : null;
      if (status === 'distributed' || status === 'resolved') {
        const unit = unitFor(category.code, commune.code);
        const accepted = clampPast(created + (1 + random() * 30) * HOUR);
        const due = accepted + spanMs;
        Object.assign(draft, { handlingUnitId: unit, acceptedAt: iso(accepted), dueAt: iso(due) });
        events.push({
          reportId: id,
          at: iso(accepted),
          actorId: null,
          actorKind: 'user',
          type: 'accepted',
          fromStatus: 'pending',
          toStatus: 'distributed',
          toHandlingUnitId: unit,
          reason: null,
          public: true,
          details: { dueAt: iso(due) },
        });
        if (status === 'resolved') {
          const resolved = clampPast(accepted + Math.max(4 * HOUR, random() ** 1.3 * spanMs * 1.35));
          const answer = pick(ANSWERS[category.code]);
          const answerPhoto = draft.photoKinds.length > 0 && random() < 0.6;
          Object.assign(draft, {
            resolvedAt: iso(resolved),
            resolvedOnTime: resolved <= due,
            answerText: answer,
            updatedAt: iso(resolved),
          });
          if (answerPhoto) draft.photoKinds.push({ kind: 'answer', scene: 'done' });
          events.push({
            reportId: id,
            at: iso(resolved),
            actorId: staffOf(unit),
            actorKind: 'user',
            type: 'answered',
            fromStatus: 'distributed',
            toStatus: 'resolved',
            toHandlingUnitId: null,
            reason: null,
            public: true,
            details: answerPhoto ? { photos: 1 } : null,
          });
          if (reporterId && random() < 0.55) {
            const rating = pickWeighted([5, 4, 3, 2, 1], (r) => [0, 5, 8, 12, 30, 45][r], random);
            const rated = clampPast(resolved + (2 + random() * 70) * HOUR);
            Object.assign(draft, {
              rating,
              ratingComment: pick(RATING_COMMENTS),
              ratedAt: iso(rated),
              updatedAt: iso(rated),
            });
            events.push({
              reportId: id,
              at: iso(rated),
              actorId: reporterId,
              actorKind: 'user',
              type: 'rated',
              fromStatus: null,
              toStatus: null,
              toHandlingUnitId: null,
              reason: null,
              public: false,
              details: { rating },
            });
          }
        }
      } else if (status === 'cancelled') {
        const reason = pickWeighted(
          ['ineligible', 'outside_jurisdiction', 'duplicate', 'spam'],
          (r) => ({ ineligible: 40, outside_jurisdiction: 25, duplicate: 25, spam: 10 })[r]!,
          random,
        );
        const at = clampPast(created + (2 + random() * 70) * HOUR);
        Object.assign(draft, { cancelReason: reason, updatedAt: iso(at) });
        events.push({
          reportId: id,
          at: iso(at),
          actorId: null,
          actorKind: 'user',
          type: 'cancelled',
          fromStatus: 'pending',
          toStatus: 'cancelled',
          toHandlingUnitId: null,
          reason: pick(CANCEL_NOTES[reason]),
          public: true,
          details: { cancelReason: reason },
        });
      } else if (random() < 0.35) {
        const at = clampPast(created + (1 + random() * 48) * HOUR);
        draft.updatedAt = iso(at);
        events.push({
          reportId: id,
          at: iso(at),
          actorId: null,
          actorKind: 'user',
          type: 'information_requested',
          fromStatus: null,
          toStatus: null,
          toHandlingUnitId: null,
          reason: pick(QUESTIONS),
          public: false,
          details: null,
        });
      }
      drafts.push(draft);
    }

    // The Định Hoá officer's inbox shows work due today and overdue, whatever day the demo starts on.
    const dinhHoaUnit = unitIds.get('ubnd-05569');
    const open = drafts.filter((d) => d.status === 'distributed' && d.handlingUnitId === dinhHoaUnit);
    const endOfToday = vnMidnight(vnDate(new Date(t0 + DAY))).getTime() - 60_000;
    open.slice(0, 2).forEach((d) => {
      d.dueAt = iso(Math.max(endOfToday, Date.parse(d.acceptedAt!) + HOUR));
    });
    open.slice(2, 5).forEach((d) => {
      d.dueAt = iso(Math.min(t0 - 2 * DAY, Date.parse(d.dueAt!)));
    });

    // Public codes in order of receipt, drawn from each year's sequence as submissions draw them.
    drafts.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    const byYear = new Map<string, Draft[]>();
    for (const d of drafts) {
      const yy = vnDate(new Date(d.createdAt)).slice(2, 4);
      byYear.set(yy, [...(byYear.get(yy) ?? []), d]);
    }
    for (const [yy, list] of byYear) {
      const numbers = await demoRepo.drawReportCodeNumbers(tx, yy, list.length);
      list.forEach((d, i) => {
        d.publicCode = `PA-${yy}-${String(numbers[i]).padStart(6, '0')}`;
      });
    }
    // A duplicate points at an earlier report of the same category.
    const lastOfCategory = new Map<string, string>();
    for (const d of drafts) {
      if (d.cancelReason === 'duplicate') d.duplicateOf = lastOfCategory.get(d.categoryId) ?? null;
      if (d.cancelReason === 'duplicate' && !d.duplicateOf) d.cancelReason = 'ineligible';
      lastOfCategory.set(d.categoryId, d.id);
    }
    for (const d of drafts)
      for (const e of d.events) if (e.type === 'cancelled') e.details = { cancelReason: d.cancelReason };

    const reportRows: DemoReportRow[] = drafts.map(({ events: _e, photoKinds: _p, ...r }) => r);
    going();
    await demoRepo.insertReports(tx, reportRows);
    going();
    await demoRepo.insertEvents(
      tx,
      drafts.flatMap((d) => d.events),
    );
    const photoRows: DemoPhotoRow[] = drafts.flatMap((d) =>
      d.photoKinds.map((p, i) => ({
        reportId: d.id,
        kind: p.kind,
        ...photos[p.scene],
        // Officers published the photos of screened reports; those awaiting screening wait for a look.
        visibility: d.status === 'pending' ? 'pending' : 'public',
        position: i,
        createdAt: p.kind === 'answer' ? d.resolvedAt! : d.createdAt,
      })),
    );
    going();
    await demoRepo.insertPhotos(tx, photoRows);
    await demoRepo.insertFollowers(
      tx,
      drafts
        .filter((d) => d.reporterId)
        .map((d) => ({ reportId: d.id, userId: d.reporterId!, createdAt: d.createdAt })),
    );
    return { reports: drafts.length };
  });
}
