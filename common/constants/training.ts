/**
 * Live training sessions (hội nghị tập huấn) of Bình dân học vụ số: constants and labels the server and the web app
 * share. No zod here, so pages import them directly. Learner categories come from `constants/learning.ts`.
 */

export const TRAINING_SESSION_STATUSES = ['draft', 'published', 'cancelled'] as const;
export type TrainingSessionStatus = (typeof TRAINING_SESSION_STATUSES)[number];

export const TRAINING_STATUS_LABELS: Record<TrainingSessionStatus, { vi: string; en: string }> = {
  draft: { vi: 'Bản nháp', en: 'Draft' },
  published: { vi: 'Đã công bố', en: 'Published' },
  cancelled: { vi: 'Đã hủy', en: 'Cancelled' },
};

/** How an attendance was recorded: the attendee's QR scan, or an officer's tick on the site's list. */
export const ATTENDANCE_METHODS = ['qr', 'list'] as const;
export type AttendanceMethod = (typeof ATTENDANCE_METHODS)[number];

export const TRAINING_LIMITS = {
  topic: 300,
  description: 5000,
  organizerName: 300,
  siteName: 200,
  place: 300,
  capacityMax: 100_000,
  materials: 20,
  materialTitle: 200,
  url: 2000,
  /** An uploaded material (PDF) at most this many bytes. */
  materialBytes: 20 * 1024 * 1024,
  /** A session lasts at most this many days. */
  durationDaysMax: 14,
  /** Sites of one session, the main one included. */
  sessionSites: 50,
} as const;

/**
 * QR check-in: a site's code is valid for one window plus the next one (so a code shown just before the change
 * still works while the attendee confirms); the projector page asks for a fresh one well within the window.
 */
export const CHECK_IN_WINDOW_SECONDS = 5 * 60;
export const CHECK_IN_REFRESH_SECONDS = 60;

/** The path of the app a site's QR code opens (`?c=<code>`). */
export const CHECK_IN_PATH = '/tap-huan/diem-danh';
