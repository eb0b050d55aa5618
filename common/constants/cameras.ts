/**
 * Public cameras of the province (giao thông, mực nước, nơi công cộng): constants and labels the server and the web
 * app share. No zod here, so pages import them directly.
 */

export const CAMERA_KINDS = ['traffic', 'water_level', 'public_place'] as const;
export type CameraKind = (typeof CAMERA_KINDS)[number];

export const CAMERA_KIND_LABELS: Record<CameraKind, { vi: string; en: string }> = {
  traffic: { vi: 'Giao thông', en: 'Traffic' },
  water_level: { vi: 'Mực nước', en: 'Water level' },
  public_place: { vi: 'Nơi công cộng', en: 'Public place' },
};

/** A camera's health as the last check saw it: never checked yet, answering, or not answering since `downSince`. */
export const CAMERA_STATUSES = ['unknown', 'up', 'down'] as const;
export type CameraStatus = (typeof CAMERA_STATUSES)[number];

export const CAMERA_STATUS_LABELS: Record<CameraStatus, { vi: string; en: string }> = {
  unknown: { vi: 'Chưa kiểm tra', en: 'Not checked yet' },
  up: { vi: 'Hoạt động', en: 'Working' },
  down: { vi: 'Mất tín hiệu', en: 'No signal' },
};

/**
 * Why the last check failed: a kind only, never the camera's address (which may carry a password) nor the
 * camera's own message.
 */
export const CAMERA_ERROR_KINDS = [
  'timeout',
  'unreachable',
  'http_status',
  'redirect',
  'too_large',
  'not_image',
] as const;
export type CameraErrorKind = (typeof CAMERA_ERROR_KINDS)[number];

export const CAMERA_ERROR_LABELS: Record<CameraErrorKind, { vi: string; en: string }> = {
  timeout: { vi: 'Quá thời gian chờ', en: 'Timed out' },
  unreachable: { vi: 'Không kết nối được', en: 'Could not connect' },
  http_status: { vi: 'Camera trả lời lỗi', en: 'The camera answered with an error' },
  redirect: { vi: 'Camera chuyển hướng (không được theo)', en: 'The camera redirected (not followed)' },
  too_large: { vi: 'Ảnh quá lớn', en: 'Image too large' },
  not_image: { vi: 'Không phải ảnh', en: 'Not an image' },
};

export const CAMERA_LIMITS = {
  name: 200,
  url: 2000,
  /** One page of a list. */
  pageMax: 500,
  /** A snapshot the server reads from a camera: at most this many bytes. */
  snapshotBytes: 5 * 1024 * 1024,
  /** The re-encoded snapshot: at most this wide and high (pixels). */
  snapshotWidth: 1280,
  snapshotHeight: 960,
  /** A playlist the server reads from a camera's stream: at most this many bytes. */
  streamPlaylistBytes: 512 * 1024,
  /** A segment (or key, or init section) of a camera's stream: at most this many bytes. */
  streamSegmentBytes: 16 * 1024 * 1024,
  /** How long the server reuses a camera's live playlist (ms): shorter than any segment. */
  streamPlaylistTtlMs: 1000,
  /** How long the server keeps a segment it has read (ms): every viewer of the moment gets the one copy. */
  streamMediaTtlMs: 120_000,
  /** The stream cache of one server process, in bytes. */
  streamCacheBytes: 64 * 1024 * 1024,
} as const;

/** How often the web page asks for a new snapshot while it is visible (seconds). */
export const CAMERA_SNAPSHOT_REFRESH_SECONDS = 30;
/** How long the server keeps a snapshot before fetching the camera again (seconds). */
export const CAMERA_SNAPSHOT_TTL_SECONDS = 30;
