/**
 * Dashboards (issue 12 point 2): labels the pages, the exports and the monthly PDF share. No zod here, so pages import
 * them directly.
 */

/** The tables of the dashboard page that export (`table=` of `/api/dashboards/export.csv|xlsx`). */
export const DASHBOARD_TABLES = ['values', 'by-unit', 'series'] as const;
export type DashboardTable = (typeof DASHBOARD_TABLES)[number];

/** Panels group the indicators by the domain whose data they read (the order of the page and the report). */
export const DASHBOARD_DOMAIN_LABELS: Record<string, { vi: string; en: string }> = {
  feedback: { vi: 'Phản ánh, kiến nghị', en: 'Citizen feedback' },
  teams: { vi: 'Tổ công nghệ số cộng đồng', en: 'Community digital technology teams' },
  activities: { vi: 'Hoạt động hỗ trợ người dân', en: 'Support activities' },
  campaigns: { vi: 'Đợt cao điểm', en: 'Campaigns' },
  learning: { vi: 'Bình dân học vụ số', en: 'Popular digital education' },
  certificates: { vi: 'Giấy chứng nhận', en: 'Certificates' },
  external: { vi: 'Số liệu từ các cơ quan', en: 'Figures from other agencies' },
};

export const DASHBOARD_LEVEL_LABELS: Record<string, { vi: string; en: string }> = {
  province: { vi: 'Tỉnh', en: 'Province' },
  commune: { vi: 'Xã, phường', en: 'Commune' },
  hamlet: { vi: 'Thôn, tổ dân phố', en: 'Hamlet' },
};

/** The column headers of the exports (Vietnamese first; English with `?lang=en` or Accept-Language: en). */
export const DASHBOARD_EXPORT_HEADERS = {
  domain: { vi: 'Lĩnh vực', en: 'Domain' },
  code: { vi: 'Mã chỉ tiêu', en: 'Indicator code' },
  indicator: { vi: 'Chỉ tiêu', en: 'Indicator' },
  measure: { vi: 'Đơn vị tính', en: 'Measure' },
  unitCode: { vi: 'Mã đơn vị', en: 'Unit code' },
  unit: { vi: 'Đơn vị', en: 'Unit' },
  month: { vi: 'Tháng', en: 'Month' },
  value: { vi: 'Giá trị', en: 'Value' },
  numerator: { vi: 'Tử số', en: 'Numerator' },
  denominator: { vi: 'Mẫu số', en: 'Denominator' },
  previous: { vi: 'Kỳ trước', en: 'Previous period' },
  target: { vi: 'Chỉ tiêu giao', en: 'Target' },
  met: { vi: 'Đạt chỉ tiêu', en: 'Target met' },
  covered: { vi: 'Số liệu các ngày', en: 'Days covered' },
  source: { vi: 'Nguồn', en: 'Source' },
} as const;

export const DASHBOARD_MET_LABELS = {
  yes: { vi: 'Đạt', en: 'Met' },
  no: { vi: 'Chưa đạt', en: 'Missed' },
} as const;
