import type { Executor } from '../db/client.js';
import { seedDefaultHolidays } from '../modules/calendar/service.js';
import * as categoryRepo from '../modules/feedback/category-repo.js';

/**
 * The province's default feedback categories (codes are also the Open311 service codes). Every category is
 * answered by the commune's People's Committee unless a routing rule says otherwise: the departments and utilities
 * a province has are its own data (the demo seed adds some, with routing rules).
 */
export const DEFAULT_CATEGORIES: {
  code: string;
  nameVi: string;
  nameEn: string;
  icon: string;
  days?: number;
  hours?: number;
  sensitive?: boolean;
}[] = [
  { code: 'giao-thong', nameVi: 'Giao thông', nameEn: 'Roads and traffic', icon: 'road', days: 10 },
  {
    code: 'do-thi-trat-tu-xay-dung',
    nameVi: 'Đô thị và trật tự xây dựng',
    nameEn: 'Urban order and construction',
    icon: 'building',
    days: 10,
  },
  {
    code: 'moi-truong-rac-thai',
    nameVi: 'Môi trường, rác thải',
    nameEn: 'Environment and waste',
    icon: 'trash',
    days: 7,
  },
  { code: 'dien-chieu-sang', nameVi: 'Điện chiếu sáng', nameEn: 'Street lighting', icon: 'light', days: 5 },
  { code: 'cap-thoat-nuoc', nameVi: 'Cấp thoát nước', nameEn: 'Water supply and drainage', icon: 'water', days: 7 },
  {
    code: 'an-ninh-trat-tu',
    nameVi: 'An ninh trật tự',
    nameEn: 'Public security and order',
    icon: 'shield',
    days: 5,
    sensitive: true,
  },
  { code: 'y-te', nameVi: 'Y tế', nameEn: 'Health', icon: 'health', days: 7 },
  { code: 'giao-duc', nameVi: 'Giáo dục', nameEn: 'Education', icon: 'school', days: 10 },
  { code: 'dat-dai', nameVi: 'Đất đai', nameEn: 'Land', icon: 'land', days: 15 },
  {
    code: 'thu-tuc-hanh-chinh',
    nameVi: 'Thủ tục hành chính, dịch vụ công',
    nameEn: 'Administrative procedures and public services',
    icon: 'document',
    days: 7,
  },
  {
    code: 'thien-tai-khan-cap',
    nameVi: 'Thiên tai, sự cố khẩn cấp',
    nameEn: 'Natural disasters and emergencies',
    icon: 'alert',
    hours: 24,
  },
  { code: 'khac', nameVi: 'Khác', nameEn: 'Other', icon: 'other', days: 10 },
];

/**
 * Feedback reference data of a province: its default categories, and its public holidays for the current and the
 * next year (from the Labor Code rules; the province edits them). Idempotent.
 */
export async function seedFeedbackDefaults(exec: Executor, provinceCode: string, now = new Date()) {
  await categoryRepo.insertCategories(
    exec,
    DEFAULT_CATEGORIES.map((c, i) => ({
      code: c.code,
      provinceCode,
      nameVi: c.nameVi,
      nameEn: c.nameEn,
      icon: c.icon,
      deadlineWorkingDays: c.days ?? null,
      deadlineHours: c.hours ?? null,
      sensitive: c.sensitive ?? false,
      sortOrder: (i + 1) * 10,
    })),
  );
  const year = now.getUTCFullYear();
  for (const y of [year, year + 1]) await seedDefaultHolidays(exec, provinceCode, y);
}
