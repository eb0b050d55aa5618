/**
 * Indicators (issue 12 point 1): the registry of every figure the dashboards show. Computed ones are counted from
 * this platform's own data (rollups); entered ones come from elsewhere, entered monthly per unit or imported.
 * No zod here, so pages import them directly.
 */

type Text = { vi: string; en: string };
type Level = 'province' | 'commune' | 'hamlet';

export interface IndicatorDef {
  code: string;
  name: Text;
  description: Text;
  measure: Text;
  origin: 'computed' | 'entered';
  kind: 'flow' | 'stock' | 'ratio';
  direction: 'up' | 'down';
  domain: 'feedback' | 'teams' | 'activities' | 'campaigns' | 'learning' | 'certificates' | 'external';
  source: Text;
  levels: Level[];
  bySubject: boolean;
  percent: boolean;
  /**
   * How months add up over a period: `sum` (a flow, or a ratio whose numerator and denominator are both counted
   * within each month) or `latest` (a stock: the last month up to the period's end that has a figure).
   */
  over: 'sum' | 'latest';
  /** The target for every unit when none is set (the province's decision: 55% of dossiers fully online). */
  defaultTarget?: number;
  /** For entered ratios: what the numerator and the denominator count (the form's labels). */
  numeratorLabel?: Text;
  denominatorLabel?: Text;
  /** For entered per-subject indicators: what a subject is (the form's label). */
  subjectLabel?: Text;
}

const ALL: Level[] = ['province', 'commune', 'hamlet'];
const UPPER: Level[] = ['province', 'commune'];
const OWN = { vi: 'Xã Số (dữ liệu của nền tảng)', en: 'Xã Số (the platform’s own data)' };
const FEEDBACK_SOURCE = { vi: 'Phản ánh, kiến nghị trên Xã Số', en: 'Citizen feedback on Xã Số' };
const TEAMS_SOURCE = { vi: 'Sổ tổ công nghệ số cộng đồng trên Xã Số', en: 'Xã Số team registry' };
const ACTIVITY_SOURCE = { vi: 'Nhật ký hoạt động của tổ công nghệ số', en: 'The teams’ activity log' };
const LEARNING_SOURCE = { vi: 'Bình dân học vụ số trên Xã Số', en: 'Bình dân học vụ số on Xã Số' };
const reports = { vi: 'phản ánh', en: 'reports' };
const percent = { vi: '%', en: '%' };

const computed = (
  d: Omit<IndicatorDef, 'origin' | 'bySubject' | 'percent' | 'over' | 'direction' | 'source'> &
    Partial<Pick<IndicatorDef, 'percent' | 'over' | 'direction' | 'source' | 'bySubject'>>,
): IndicatorDef => ({
  origin: 'computed',
  bySubject: false,
  percent: d.kind === 'ratio',
  over: d.kind === 'stock' ? 'latest' : 'sum',
  direction: 'up',
  source: OWN,
  ...d,
});

/** Counted from the platform's rollups (`server/modules/indicators/computed.ts` says how each is read). */
export const COMPUTED_INDICATORS: IndicatorDef[] = [
  computed({
    code: 'reports.received',
    name: { vi: 'Phản ánh tiếp nhận', en: 'Reports received' },
    description: {
      vi: 'Số phản ánh, kiến nghị gửi đến trong kỳ (tính theo ngày tiếp nhận).',
      en: 'Reports received in the period (counted on the day received).',
    },
    measure: reports,
    kind: 'flow',
    domain: 'feedback',
    source: FEEDBACK_SOURCE,
    levels: ALL,
  }),
  computed({
    code: 'reports.resolved',
    name: { vi: 'Phản ánh đã xử lý', en: 'Reports resolved' },
    description: {
      vi: 'Phản ánh tiếp nhận trong kỳ đã được xử lý xong.',
      en: 'Reports received in the period that have been resolved.',
    },
    measure: reports,
    kind: 'flow',
    domain: 'feedback',
    source: FEEDBACK_SOURCE,
    levels: ALL,
  }),
  computed({
    code: 'reports.distributed',
    name: { vi: 'Phản ánh đã phân phối, đang chờ xử lý', en: 'Reports distributed, awaiting handling' },
    description: {
      vi: 'Phản ánh tiếp nhận trong kỳ đã chuyển đơn vị xử lý, chưa xong.',
      en: 'Reports received in the period, with a handling unit, not resolved yet.',
    },
    measure: reports,
    kind: 'flow',
    direction: 'down',
    domain: 'feedback',
    source: FEEDBACK_SOURCE,
    levels: ALL,
  }),
  computed({
    code: 'reports.pending',
    name: { vi: 'Phản ánh chưa đủ điều kiện tiếp nhận', en: 'Reports not yet accepted' },
    description: {
      vi: 'Phản ánh tiếp nhận trong kỳ còn chờ sàng lọc.',
      en: 'Reports received in the period still waiting to be screened.',
    },
    measure: reports,
    kind: 'flow',
    direction: 'down',
    domain: 'feedback',
    source: FEEDBACK_SOURCE,
    levels: ALL,
  }),
  computed({
    code: 'reports.cancelled',
    name: { vi: 'Phản ánh hủy', en: 'Reports cancelled' },
    description: {
      vi: 'Phản ánh tiếp nhận trong kỳ bị hủy (không đủ điều kiện, không thuộc thẩm quyền, trùng, rút lại).',
      en: 'Reports received in the period that were cancelled (ineligible, outside jurisdiction, duplicate, withdrawn).',
    },
    measure: reports,
    kind: 'flow',
    direction: 'down',
    domain: 'feedback',
    source: FEEDBACK_SOURCE,
    levels: ALL,
  }),
  computed({
    code: 'reports.on_time_rate',
    name: { vi: 'Tỷ lệ xử lý đúng hạn', en: 'Resolved on time' },
    description: {
      vi: 'Phản ánh xử lý đúng hạn trên số phản ánh đã xử lý (tiếp nhận trong kỳ).',
      en: 'Reports resolved on time out of those resolved (received in the period).',
    },
    measure: percent,
    kind: 'ratio',
    domain: 'feedback',
    source: FEEDBACK_SOURCE,
    levels: ALL,
  }),
  computed({
    code: 'reports.satisfaction',
    name: { vi: 'Mức độ hài lòng', en: 'Satisfaction' },
    description: {
      vi: 'Điểm đánh giá trung bình của người phản ánh, quy ra phần trăm (5 sao = 100%).',
      en: 'The reporters’ mean rating as a percentage (5 stars = 100%).',
    },
    measure: percent,
    kind: 'ratio',
    domain: 'feedback',
    source: FEEDBACK_SOURCE,
    levels: ALL,
  }),
  computed({
    code: 'teams.count',
    name: { vi: 'Tổ công nghệ số cộng đồng', en: 'Community digital technology teams' },
    description: { vi: 'Số tổ đang hoạt động cuối kỳ.', en: 'Active teams at the end of the period.' },
    measure: { vi: 'tổ', en: 'teams' },
    kind: 'stock',
    domain: 'teams',
    source: TEAMS_SOURCE,
    levels: ALL,
  }),
  computed({
    code: 'teams.members',
    name: { vi: 'Thành viên tổ công nghệ số', en: 'Team members' },
    description: {
      vi: 'Số thành viên đang tham gia các tổ cuối kỳ.',
      en: 'Members of active teams at the end of the period.',
    },
    measure: { vi: 'người', en: 'people' },
    kind: 'stock',
    domain: 'teams',
    source: TEAMS_SOURCE,
    levels: ALL,
  }),
  computed({
    code: 'teams.coverage',
    name: { vi: 'Thôn, xóm có tổ công nghệ số', en: 'Hamlets with a team' },
    description: {
      vi: 'Số thôn, xóm, tổ dân phố có tổ đang hoạt động trên tổng số thôn, xóm (cuối kỳ).',
      en: 'Hamlets with an active team out of all hamlets (at the end of the period).',
    },
    measure: percent,
    kind: 'ratio',
    over: 'latest',
    domain: 'teams',
    source: TEAMS_SOURCE,
    levels: ALL,
    defaultTarget: 100,
  }),
  computed({
    code: 'teams.communes_covered',
    name: { vi: 'Xã, phường có tổ ở mọi thôn, xóm', en: 'Communes with a team in every hamlet' },
    description: {
      vi: 'Số xã, phường mà mọi thôn, xóm đều có tổ công nghệ số, trên tổng số xã, phường (cuối kỳ).',
      en: 'Communes where every hamlet has a team, out of all communes (at the end of the period).',
    },
    measure: percent,
    kind: 'ratio',
    over: 'latest',
    domain: 'teams',
    source: TEAMS_SOURCE,
    levels: ['province'],
    defaultTarget: 100,
  }),
  computed({
    code: 'activities.sessions',
    name: { vi: 'Buổi hỗ trợ người dân', en: 'Support sessions' },
    description: {
      vi: 'Số buổi hỗ trợ các tổ ghi trong nhật ký hoạt động (theo tháng).',
      en: 'Sessions the teams recorded in the activity log (by month).',
    },
    measure: { vi: 'buổi', en: 'sessions' },
    kind: 'flow',
    domain: 'activities',
    source: ACTIVITY_SOURCE,
    levels: ALL,
  }),
  computed({
    code: 'activities.people',
    name: { vi: 'Lượt người dân được hỗ trợ', en: 'People helped' },
    description: {
      vi: 'Số lượt người dân được các tổ hỗ trợ (theo tháng).',
      en: 'People the teams helped, counted per session (by month).',
    },
    measure: { vi: 'lượt người', en: 'people' },
    kind: 'flow',
    domain: 'activities',
    source: ACTIVITY_SOURCE,
    levels: ALL,
  }),
  computed({
    code: 'activities.items_done',
    name: { vi: 'Việc hỗ trợ đã hoàn thành', en: 'Tasks done' },
    description: {
      vi: 'Số việc (cài ứng dụng, nộp hồ sơ, …) đã làm xong cho người dân, theo dịch vụ.',
      en: 'Tasks (installing an app, filing a dossier, …) done for residents, by service.',
    },
    measure: { vi: 'việc', en: 'tasks' },
    kind: 'flow',
    domain: 'activities',
    source: ACTIVITY_SOURCE,
    levels: ALL,
    bySubject: true,
  }),
  computed({
    code: 'campaigns.progress',
    name: { vi: 'Tiến độ đợt cao điểm (lộ trình tháng)', en: 'Campaign progress' },
    description: {
      vi: 'Số người được hỗ trợ hoàn thành các việc trọng tâm của những đợt đã công bố diễn ra trong kỳ, so với chỉ tiêu giao cho các xã, phường.',
      en: 'People helped to completion with the focus tasks of the published campaigns running in the period, against the targets given to the communes.',
    },
    measure: percent,
    kind: 'ratio',
    domain: 'campaigns',
    source: ACTIVITY_SOURCE,
    levels: UPPER,
  }),
  computed({
    code: 'learners.total',
    name: { vi: 'Người học Bình dân học vụ số', en: 'Learners' },
    description: {
      vi: 'Số người đã ghi danh ít nhất một khóa học, tính đến cuối kỳ.',
      en: 'People enrolled in at least one course, up to the end of the period.',
    },
    measure: { vi: 'người', en: 'people' },
    kind: 'stock',
    domain: 'learning',
    source: LEARNING_SOURCE,
    levels: UPPER,
    bySubject: true,
  }),
  computed({
    code: 'learners.officials',
    name: {
      vi: 'Người học là cán bộ, công chức, viên chức, người lao động',
      en: 'Learners: officials and public employees',
    },
    description: {
      vi: 'Người học thuộc nhóm cán bộ, công chức, viên chức, người lao động, tính đến cuối kỳ.',
      en: 'Learners who are officials, civil servants or public employees, up to the end of the period.',
    },
    measure: { vi: 'người', en: 'people' },
    kind: 'stock',
    domain: 'learning',
    source: LEARNING_SOURCE,
    levels: UPPER,
  }),
  computed({
    code: 'learners.youth_and_teams',
    name: {
      vi: 'Người học là đoàn viên, thanh niên và thành viên tổ công nghệ số',
      en: 'Learners: Youth Union and team members',
    },
    description: {
      vi: 'Người học thuộc nhóm đoàn viên, thanh niên và thành viên tổ công nghệ số cộng đồng, tính đến cuối kỳ.',
      en: 'Learners who are Youth Union members or team members, up to the end of the period.',
    },
    measure: { vi: 'người', en: 'people' },
    kind: 'stock',
    domain: 'learning',
    source: LEARNING_SOURCE,
    levels: UPPER,
  }),
  computed({
    code: 'learning.completions',
    name: { vi: 'Lượt hoàn thành khóa học', en: 'Course completions' },
    description: {
      vi: 'Số lượt hoàn thành khóa học trong kỳ (theo tháng).',
      en: 'Courses completed in the period (by month).',
    },
    measure: { vi: 'lượt', en: 'completions' },
    kind: 'flow',
    domain: 'learning',
    source: LEARNING_SOURCE,
    levels: UPPER,
  }),
  computed({
    code: 'certificates.issued',
    name: { vi: 'Chứng nhận đã cấp', en: 'Certificates issued' },
    description: {
      vi: 'Chứng nhận hoàn thành khóa học và tập huấn cấp trong kỳ, còn hiệu lực.',
      en: 'Course and training certificates issued in the period and not revoked.',
    },
    measure: { vi: 'chứng nhận', en: 'certificates' },
    kind: 'flow',
    domain: 'certificates',
    source: LEARNING_SOURCE,
    levels: ALL,
  }),
];

const entered = (
  d: Omit<IndicatorDef, 'origin' | 'domain' | 'levels' | 'bySubject' | 'percent' | 'direction'> &
    Partial<Pick<IndicatorDef, 'bySubject' | 'levels'>>,
): IndicatorDef => ({
  origin: 'entered',
  domain: 'external',
  levels: UPPER,
  bySubject: false,
  percent: d.kind === 'ratio',
  direction: 'up',
  ...d,
});

/**
 * Entered monthly by a province or commune (a form or a spreadsheet). A province's figure is its own entry for the
 * month when it has one, else the sum of its communes' entries (all these are additive: counts, and ratios as
 * numerator and denominator).
 */
export const ENTERED_INDICATORS: IndicatorDef[] = [
  entered({
    code: 'ext.app_downloads',
    name: { vi: 'Lượt tải ứng dụng C-Thái Nguyên', en: 'C-Thái Nguyên app downloads' },
    description: {
      vi: 'Tổng số lượt tải ứng dụng công dân số C-Thái Nguyên đến cuối tháng.',
      en: 'Downloads of the C-Thái Nguyên citizen app so far, at the end of the month.',
    },
    measure: { vi: 'lượt tải', en: 'downloads' },
    kind: 'stock',
    over: 'latest',
    source: { vi: 'Sở Khoa học và Công nghệ (báo cáo tháng)', en: 'Department of Science and Technology (monthly)' },
  }),
  entered({
    code: 'ext.app_accounts',
    name: { vi: 'Tài khoản C-Thái Nguyên', en: 'C-Thái Nguyên accounts' },
    description: {
      vi: 'Tổng số tài khoản đăng ký trên ứng dụng C-Thái Nguyên đến cuối tháng.',
      en: 'Accounts registered on the C-Thái Nguyên app so far, at the end of the month.',
    },
    measure: { vi: 'tài khoản', en: 'accounts' },
    kind: 'stock',
    over: 'latest',
    source: { vi: 'Sở Khoa học và Công nghệ (báo cáo tháng)', en: 'Department of Science and Technology (monthly)' },
  }),
  entered({
    code: 'ext.smartphone_users',
    name: { vi: 'Người dân dùng điện thoại thông minh', en: 'Smartphone users' },
    description: {
      vi: 'Số người dùng điện thoại thông minh trên dân số của đơn vị.',
      en: 'People who use a smartphone out of the unit’s population.',
    },
    measure: percent,
    kind: 'ratio',
    over: 'latest',
    numeratorLabel: { vi: 'Người dùng điện thoại thông minh', en: 'Smartphone users' },
    denominatorLabel: { vi: 'Dân số', en: 'Population' },
    source: { vi: 'Sở Khoa học và Công nghệ; số liệu dân số của tỉnh', en: 'Department of Science and Technology' },
  }),
  entered({
    code: 'ext.online_dossiers',
    name: {
      vi: 'Hồ sơ thủ tục hành chính trực tuyến toàn trình',
      en: 'Administrative dossiers handled fully online',
    },
    description: {
      vi: 'Hồ sơ trực tuyến toàn trình trên tổng số hồ sơ tiếp nhận trong tháng, theo từng cơ quan. Chỉ tiêu của tỉnh: từ 55% trở lên.',
      en: 'Dossiers handled fully online out of all dossiers received in the month, per agency. The province’s target: 55% or more.',
    },
    measure: percent,
    kind: 'ratio',
    over: 'sum',
    bySubject: true,
    defaultTarget: 55,
    subjectLabel: { vi: 'Cơ quan, đơn vị', en: 'Agency' },
    numeratorLabel: { vi: 'Hồ sơ trực tuyến toàn trình', en: 'Dossiers fully online' },
    denominatorLabel: { vi: 'Tổng hồ sơ tiếp nhận', en: 'All dossiers received' },
    source: {
      vi: 'Hệ thống thông tin giải quyết thủ tục hành chính của tỉnh',
      en: 'The province’s administrative procedures system',
    },
  }),
  entered({
    code: 'ext.vneid_level2',
    name: { vi: 'Tài khoản định danh điện tử VNeID mức 2 đã kích hoạt', en: 'VNeID level-2 accounts activated' },
    description: {
      vi: 'Tổng số tài khoản VNeID mức độ 2 đã kích hoạt đến cuối tháng.',
      en: 'VNeID level-2 accounts activated so far, at the end of the month.',
    },
    measure: { vi: 'tài khoản', en: 'accounts' },
    kind: 'stock',
    over: 'latest',
    source: { vi: 'Công an tỉnh', en: 'Provincial police' },
  }),
  entered({
    code: 'ext.cashless_payments',
    name: { vi: 'Giao dịch thanh toán không dùng tiền mặt', en: 'Cashless payments' },
    description: {
      vi: 'Số giao dịch thanh toán không dùng tiền mặt trong tháng.',
      en: 'Cashless payment transactions in the month.',
    },
    measure: { vi: 'giao dịch', en: 'transactions' },
    kind: 'flow',
    over: 'sum',
    source: { vi: 'Ngân hàng Nhà nước chi nhánh tỉnh', en: 'State Bank, provincial branch' },
  }),
];

export const INDICATORS: IndicatorDef[] = [...COMPUTED_INDICATORS, ...ENTERED_INDICATORS];
export const INDICATOR_BY_CODE: ReadonlyMap<string, IndicatorDef> = new Map(INDICATORS.map((d) => [d.code, d]));

/** The limits of an import. */
export const INDICATOR_IMPORT_MAX_ROWS = 2000;
export const INDICATOR_IMPORT_MAX_BYTES = 5 * 1024 * 1024;

/** The columns of the import (and its template): headers as the template writes them, folded aliases clerks use. */
export const INDICATOR_IMPORT_COLUMNS = [
  {
    field: 'indicator',
    header: 'Mã chỉ tiêu',
    aliases: ['ma chi tieu', 'chi tieu', 'ma', 'indicator', 'code'],
    required: true,
  },
  { field: 'month', header: 'Tháng', aliases: ['thang', 'thang/nam', 'month'], required: true },
  { field: 'subject', header: 'Cơ quan, đơn vị', aliases: ['co quan', 'don vi', 'co quan, don vi', 'subject'] },
  { field: 'value', header: 'Giá trị', aliases: ['gia tri', 'so lieu', 'value'] },
  {
    field: 'numerator',
    header: 'Tử số',
    aliases: ['tu so', 'numerator', 'ho so truc tuyen toan trinh', 'so nguoi dung'],
  },
  { field: 'denominator', header: 'Mẫu số', aliases: ['mau so', 'denominator', 'tong ho so', 'tong so', 'dan so'] },
  { field: 'note', header: 'Ghi chú', aliases: ['ghi chu', 'note'] },
  { field: 'reason', header: 'Lý do điều chỉnh', aliases: ['ly do', 'ly do dieu chinh', 'reason'] },
] as const;
export type IndicatorImportField = (typeof INDICATOR_IMPORT_COLUMNS)[number]['field'];
