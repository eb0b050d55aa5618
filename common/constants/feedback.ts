/**
 * Citizen feedback's taxonomy and limits: statuses and the labels people read, cancel reasons, channels, event types,
 * sizes. No zod here: the web app imports this file directly; feedback.ts builds the schemas on it.
 */

export const REPORT_STATUSES = ['pending', 'distributed', 'resolved', 'cancelled'] as const;
type ReportStatus = (typeof REPORT_STATUSES)[number];

/**
 * A report's status as people read it on the report, in lists and notifications: "Đang chờ tiếp nhận" tells a person
 * who just sent one what is happening (the seed's "Chưa đủ điều kiện tiếp nhận" reads like a refusal).
 */
export const REPORT_STATUS_LABELS: Record<ReportStatus, { vi: string; en: string }> = {
  pending: { vi: 'Đang chờ tiếp nhận', en: 'Waiting to be accepted' },
  distributed: { vi: 'Đã phân phối, đang chờ xử lý', en: 'Assigned, awaiting resolution' },
  resolved: { vi: 'Đã xử lý', en: 'Resolved' },
  cancelled: { vi: 'Đã hủy', en: 'Cancelled' },
};

/** Exactly the labels of the province's statistics table (seed 000): statistics and their exports use these. */
export const STATS_STATUS_LABELS: Record<ReportStatus, { vi: string; en: string }> = {
  pending: { vi: 'Chưa đủ điều kiện tiếp nhận', en: 'Not yet accepted' },
  distributed: { vi: 'Đã phân phối, đang chờ xử lý', en: 'Assigned, awaiting resolution' },
  resolved: { vi: 'Đã xử lý', en: 'Resolved' },
  cancelled: { vi: 'Hủy', en: 'Cancelled' },
};

/** Why a report was cancelled: by the screener (the first four), or `withdrawn` by its reporter before acceptance. */
export const CANCEL_REASONS = ['ineligible', 'outside_jurisdiction', 'duplicate', 'spam', 'withdrawn'] as const;
type CancelReason = (typeof CANCEL_REASONS)[number];
/** The reasons an officer cancels with (a withdrawal is the reporter's own act). */
export const OFFICER_CANCEL_REASONS = ['ineligible', 'outside_jurisdiction', 'duplicate', 'spam'] as const;
/**
 * Cancelled reports that never become public: spam, and reports their reporter withdrew before anyone screened them
 * (the same rule in SQL: feedback-public/visibility.ts and the map-cell triggers, migration 0009).
 */
export const PRIVATE_CANCEL_REASONS = ['spam', 'withdrawn'] as const;
export const CANCEL_REASON_LABELS: Record<CancelReason, { vi: string; en: string }> = {
  ineligible: { vi: 'Không đủ điều kiện tiếp nhận', en: 'Not eligible' },
  outside_jurisdiction: { vi: 'Không thuộc thẩm quyền', en: 'Outside jurisdiction' },
  duplicate: { vi: 'Trùng phản ánh khác', en: 'Duplicate of another report' },
  spam: { vi: 'Tin rác', en: 'Spam' },
  withdrawn: { vi: 'Người phản ánh rút lại', en: 'Withdrawn by the reporter' },
};

export const REPORT_CHANNELS = ['app', 'assisted', 'hotline', 'zalo', 'email', 'walk_in', 'open311'] as const;
type ReportChannel = (typeof REPORT_CHANNELS)[number];
export const CHANNEL_LABELS: Record<ReportChannel, { vi: string; en: string }> = {
  app: { vi: 'Ứng dụng', en: 'App' },
  assisted: { vi: 'Tổ công nghệ số hỗ trợ', en: 'Assisted by the digital team' },
  hotline: { vi: 'Đường dây nóng', en: 'Hotline' },
  zalo: { vi: 'Zalo', en: 'Zalo' },
  email: { vi: 'Thư điện tử', en: 'E-mail' },
  walk_in: { vi: 'Trực tiếp', en: 'Walk-in' },
  open311: { vi: 'Open311', en: 'Open311' },
};
/** Channels an operator (officer or administrator) records a report from. */
export const OPERATOR_CHANNELS = ['hotline', 'zalo', 'email', 'walk_in'] as const;

/** Event types of a report's history (report_events.type). */
export const REPORT_EVENT_TYPES = [
  'submitted',
  'accepted',
  'information_requested',
  'information_provided',
  'forwarded',
  'answered',
  'cancelled',
  'reopened',
  'rated',
  'note',
  'reminder',
  'escalated',
  'withdrawn',
] as const;
export type ReportEventType = (typeof REPORT_EVENT_TYPES)[number];

export const DESCRIPTION_MAX = 4000;
export const TEXT_MAX = 4000;
export const REPORT_PAGE_DEFAULT = 50;
export const REPORT_PAGE_MAX = 100;
/** Open reports within this distance with the same category and similar text are likely duplicates. */
export const DUPLICATE_RADIUS_M = 200;
/**
 * How far a likely duplicate is, as people see it: a band, never metres, measured from the report's public (map)
 * position — so hints locate nothing finer than the public map does (three queries cannot trilaterate a report).
 */
export const DUPLICATE_DISTANCE_BANDS = ['under_50m', '50_200m'] as const;
export type DuplicateDistanceBand = (typeof DUPLICATE_DISTANCE_BANDS)[number];
export const distanceBand = (metres: number): DuplicateDistanceBand => (metres < 50 ? 'under_50m' : '50_200m');
/**
 * `GET /api/reports/duplicates` per signed-in account and per client IP in a minute (the page asks again as the
 * description is typed, ~1 request a second at most): enough for people, too few to scrape or guess text.
 */
export const DUPLICATE_HINT_LIMITS = { perAccountPerMinute: 30, perIpPerMinute: 120 } as const;
/** Photos attached to one submission or answer, at most (each at most MAX_PHOTO_BYTES, constants/photos.ts). */
export const MAX_PHOTOS = 5;
/** A resolved report may be reopened by its reporter for this many days. */
export const REOPEN_DAYS = 7;
