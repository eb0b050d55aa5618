import type { ComponentType } from 'react';
import type { Role } from '../../api/types';
import {
  BuildingIcon,
  CalendarIcon,
  CameraIcon,
  CategoriesIcon,
  ChartIcon,
  GuideIcon,
  HolidaysIcon,
  KeyIcon,
  LearnIcon,
  ListIcon,
  PeopleIcon,
  RoutingIcon,
  UnitsIcon,
} from '../../components/icons';
import i18n from '../../i18n';

export interface AdminEntry {
  to: string;
  key: string;
  icon: ComponentType;
  roles: Role[];
}

const ADMINS: Role[] = ['commune_admin', 'province_admin'];
/** Roles of the province's support network (hỏi đáp); the server decides again on every request. */
export const NETWORK_ROLES: Role[] = ['team_member', 'handling_officer', 'commune_admin', 'province_admin'];

/** Administration entries and who sees them (the server checks again; this only hides what cannot work). */
export const ADMIN_ENTRIES: AdminEntry[] = [
  { to: '/dashboard', key: 'nav.dashboard', icon: ChartIcon, roles: ADMINS },
  { to: '/admin/units', key: 'nav.units', icon: UnitsIcon, roles: ADMINS },
  { to: '/teams', key: 'nav.teams', icon: PeopleIcon, roles: ADMINS },
  { to: '/campaigns', key: 'nav.campaigns', icon: ListIcon, roles: ADMINS },
  { to: '/households', key: 'nav.households', icon: UnitsIcon, roles: ADMINS },
  { to: '/indicators/entry', key: 'nav.indicatorEntry', icon: ListIcon, roles: ADMINS },
  { to: '/tap-huan/quan-ly', key: 'nav.trainingAdmin', icon: CalendarIcon, roles: ADMINS },
  { to: '/cameras/quan-ly', key: 'nav.camerasAdmin', icon: CameraIcon, roles: ADMINS },
  { to: '/admin/accounts', key: 'nav.accounts', icon: PeopleIcon, roles: ADMINS },
  { to: '/admin/audit', key: 'nav.audit', icon: ListIcon, roles: ADMINS },
  { to: '/admin/certificates', key: 'nav.certificatesAdmin', icon: GuideIcon, roles: ADMINS },
  { to: '/admin/handling-units', key: 'nav.handlingUnits', icon: BuildingIcon, roles: ['province_admin'] },
  { to: '/admin/categories', key: 'nav.feedbackCategories', icon: CategoriesIcon, roles: ['province_admin'] },
  { to: '/admin/routing-rules', key: 'nav.routingRules', icon: RoutingIcon, roles: ['province_admin'] },
  { to: '/admin/holidays', key: 'nav.holidays', icon: HolidaysIcon, roles: ['province_admin'] },
  { to: '/admin/api-keys', key: 'nav.apiKeys', icon: KeyIcon, roles: ['province_admin'] },
  { to: '/admin/catalog', key: 'nav.catalogAdmin', icon: GuideIcon, roles: ['province_admin'] },
  { to: '/learn/manage', key: 'nav.learnManage', icon: LearnIcon, roles: ADMINS },
  { to: '/learn/stats', key: 'nav.learnStats', icon: LearnIcon, roles: ADMINS },
  { to: '/news/manage', key: 'nav.newsManage', icon: ListIcon, roles: ADMINS },
];

// The shell shows these labels before any admin page has loaded its strings.
i18n.addResourceBundle(
  'vi',
  'translation',
  {
    nav: {
      feedbackCategories: 'Lĩnh vực phản ánh',
      routingRules: 'Quy tắc phân phối',
      holidays: 'Ngày nghỉ lễ',
      teams: 'Tổ công nghệ số cộng đồng',
      support: 'Hỏi đáp',
      campaigns: 'Đợt cao điểm (lộ trình tháng)',
      households: 'Số hộ và độ phủ',
      indicatorEntry: 'Nhập số liệu chỉ tiêu',
      certificatesAdmin: 'Giấy chứng nhận',
      myCertificates: 'Chứng nhận của tôi',
      training: 'Tập huấn',
      cameras: 'Camera công cộng',
      camerasAdmin: 'Quản lý camera công cộng',
      trainingAdmin: 'Tập huấn (hội nghị, điểm cầu)',
      learn: 'Học kỹ năng số',
      learnManage: 'Soạn khóa học',
      learnStats: 'Thống kê học viên',
      newsManage: 'Đăng tin, thông báo',
      dashboard: 'Bảng chỉ tiêu chuyển đổi số',
    },
  },
  true,
  false,
);
i18n.addResourceBundle(
  'en',
  'translation',
  {
    nav: {
      feedbackCategories: 'Feedback categories',
      routingRules: 'Routing rules',
      holidays: 'Public holidays',
      teams: 'Community digital technology teams',
      support: 'Q&A',
      campaigns: 'Campaigns (monthly roadmap)',
      households: 'Households and coverage',
      indicatorEntry: 'Enter indicator figures',
      certificatesAdmin: 'Certificates',
      myCertificates: 'My certificates',
      training: 'Training',
      cameras: 'Public cameras',
      camerasAdmin: 'Manage public cameras',
      trainingAdmin: 'Training sessions and sites',
      learn: 'Digital skills courses',
      learnManage: 'Author courses',
      learnStats: 'Learner statistics',
      newsManage: 'News and alerts',
      dashboard: 'Digital transformation indicators',
    },
  },
  true,
  false,
);

export function adminEntriesFor(roles: Set<Role>) {
  return ADMIN_ENTRIES.filter((e) => e.roles.some((r) => roles.has(r)));
}
