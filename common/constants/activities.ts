/**
 * The activity log of community digital technology teams: what a member did, for whom, with which service. The
 * constants and labels the server and the web app (and its offline part) share; no zod here.
 */

/** What was done for a resident with a catalog service (the seeds' list, plus "other"). */
export const ACTIVITY_ACTIONS = [
  'installed_app',
  'created_account',
  'vneid_level2',
  'online_dossier',
  'e_payment',
  'online_shop',
  'scam_awareness',
  'other',
] as const;
export type ActivityAction = (typeof ACTIVITY_ACTIONS)[number];

export const ACTIVITY_ACTION_LABELS: Record<ActivityAction, { vi: string; en: string }> = {
  installed_app: { vi: 'Cài đặt ứng dụng', en: 'Installed the app' },
  created_account: { vi: 'Tạo tài khoản', en: 'Created an account' },
  vneid_level2: { vi: 'Kích hoạt định danh điện tử mức 2 (VNeID)', en: 'Activated VNeID level 2' },
  online_dossier: { vi: 'Nộp hồ sơ trực tuyến', en: 'Submitted an online dossier' },
  e_payment: { vi: 'Thiết lập thanh toán điện tử', en: 'Set up e-payment' },
  online_shop: { vi: 'Mở gian hàng trên sàn thương mại điện tử', en: 'Opened a shop online' },
  scam_awareness: { vi: 'Hướng dẫn nhận biết lừa đảo trực tuyến', en: 'Learned to spot online scams' },
  other: { vi: 'Khác', en: 'Other' },
};

/** How an item ended: done, needs a follow-up visit, or failed (a reason is then required). */
export const ACTIVITY_OUTCOMES = ['done', 'follow_up', 'failed'] as const;
export type ActivityOutcome = (typeof ACTIVITY_OUTCOMES)[number];

export const ACTIVITY_OUTCOME_LABELS: Record<ActivityOutcome, { vi: string; en: string }> = {
  done: { vi: 'Hoàn thành', en: 'Done' },
  follow_up: { vi: 'Cần hỗ trợ tiếp', en: 'Needs follow-up' },
  failed: { vi: 'Chưa thành công', en: 'Failed' },
};

/** What a sync answers per activity. */
export const ACTIVITY_SYNC_STATUSES = ['created', 'updated', 'exists', 'conflict', 'refused'] as const;
export type ActivitySyncStatus = (typeof ACTIVITY_SYNC_STATUSES)[number];

/** Limits of the activity log. */
export const ACTIVITY_LIMITS = {
  /** Activities in one `POST /api/activities/sync`. */
  syncBatchMax: 100,
  /** The author edits an activity for this many days after recording it; then a commune administrator corrects. */
  editWindowDays: 7,
  itemsMax: 50,
  residentsMax: 50,
  householdsMax: 1000,
  peopleMax: 5000,
  durationMinutesMax: 24 * 60,
  noteMax: 2000,
  /** How far ahead of the server's clock an activity's time may be (a phone's clock may be a little fast). */
  futureToleranceMinutes: 10,
} as const;
