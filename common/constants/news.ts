/**
 * Official news and alerts (tin tức – thông báo) a province or a commune publishes to its people: constants and
 * labels the server and the web app share. No zod here, so pages import them directly.
 */

export const NEWS_KINDS = [
  'announcement',
  'disaster_alert',
  'reception_schedule',
  'activity',
  'public_service',
  'health',
] as const;
export type NewsKind = (typeof NEWS_KINDS)[number];

export const NEWS_KIND_LABELS: Record<NewsKind, { vi: string; en: string }> = {
  announcement: { vi: 'Thông báo', en: 'Announcement' },
  disaster_alert: { vi: 'Cảnh báo thiên tai', en: 'Disaster warning' },
  reception_schedule: { vi: 'Lịch tiếp dân', en: 'Citizen reception schedule' },
  activity: { vi: 'Tin hoạt động', en: 'Activities' },
  public_service: { vi: 'Dịch vụ công', en: 'Public services' },
  health: { vi: 'Y tế – dịch bệnh', en: 'Health' },
};

/** Kinds that are emergency alerts: pushed to the unit's followers (in-app, SMS, Zalo) when they are published. */
export const NEWS_ALERT_KINDS: readonly NewsKind[] = ['disaster_alert'];
export const isAlertKind = (kind: string) => (NEWS_ALERT_KINDS as readonly string[]).includes(kind);

/** What a hazard an alert is about (flood, storm …): shown beside the alert's title. */
export const NEWS_HAZARDS = ['flood', 'storm', 'landslide', 'flash_flood', 'cold', 'heat', 'other'] as const;
export type NewsHazard = (typeof NEWS_HAZARDS)[number];
export const NEWS_HAZARD_LABELS: Record<NewsHazard, { vi: string; en: string }> = {
  flood: { vi: 'Lũ, ngập lụt', en: 'Flood' },
  storm: { vi: 'Bão, áp thấp', en: 'Storm' },
  landslide: { vi: 'Sạt lở đất', en: 'Landslide' },
  flash_flood: { vi: 'Lũ quét', en: 'Flash flood' },
  cold: { vi: 'Rét đậm, rét hại', en: 'Severe cold' },
  heat: { vi: 'Nắng nóng', en: 'Heatwave' },
  other: { vi: 'Thiên tai khác', en: 'Other hazard' },
};

/** A post's state as its administrators see it (the public sees only `published`). */
export const NEWS_STATES = ['scheduled', 'published', 'withdrawn'] as const;
export type NewsState = (typeof NEWS_STATES)[number];
export const NEWS_STATE_LABELS: Record<NewsState, { vi: string; en: string }> = {
  scheduled: { vi: 'Hẹn giờ đăng', en: 'Scheduled' },
  published: { vi: 'Đã đăng', en: 'Published' },
  withdrawn: { vi: 'Đã gỡ', en: 'Withdrawn' },
};

/** How a follower also hears of an emergency alert, besides the in-app notification. */
export const NEWS_ALERT_CHANNELS = ['sms', 'zalo', 'app'] as const;
export type NewsAlertChannel = (typeof NEWS_ALERT_CHANNELS)[number];
export const NEWS_ALERT_CHANNEL_LABELS: Record<NewsAlertChannel, { vi: string; en: string }> = {
  sms: { vi: 'Tin nhắn SMS', en: 'SMS text message' },
  zalo: { vi: 'Zalo', en: 'Zalo' },
  app: { vi: 'Chỉ trong ứng dụng', en: 'In the app only' },
};

export const NEWS_LIMITS = {
  title: 200,
  body: 20_000,
  summary: 300,
  withdrawReason: 500,
  listPage: 20,
  listPageMax: 50,
  /** Posts on a citizen's home page. */
  home: 6,
  /** Entries of an Atom feed. */
  feed: 50,
  /** An uploaded image at most this many bytes (re-encoded to WebP at NEWS_IMAGE_WIDTHS). */
  imageMaxBytes: 10 * 1024 * 1024,
} as const;
export const NEWS_IMAGE_WIDTHS = [480, 960] as const;
export const NEWS_IMAGE_VARIANTS = ['480', '960'] as const;

/** Followers an alert's fan-out notifies per job step. */
export const NEWS_ALERT_BATCH = 500;
