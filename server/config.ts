import { resolve } from 'node:path';
import { z } from 'zod';
import { TEAM_SIZE_DEFAULT } from '../common/constants/teams.js';
import type { S3FileStoreOptions } from './platform/files/s3-store.js';

const bool = z
  .enum(['0', '1', 'true', 'false', 'yes', 'no'])
  .transform((v) => v === '1' || v === 'true' || v === 'yes');

/** Environment → typed configuration. Every variable is documented in README.md. */
export const ConfigSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATA_DIR: z.string().default('./data'),
  DATABASE_URL: z.string().url().optional(),
  /** The address people open; defaults to http://localhost:PORT. */
  PUBLIC_URL: z.string().url().optional(),
  MAP_TILE_URL: z.string().optional(),
  MAP_TILE_ATTRIBUTION: z.string().optional(),
  SMTP_URL: z.string().optional(),
  SMS_PROVIDER: z.enum(['log']).default('log'),
  /** Sender of notification e-mails (used when SMTP_URL is set). */
  SMTP_FROM: z.string().min(3).default('Xã Số <no-reply@localhost>'),
  /** Zalo messages to reporters who came through Zalo: `log` (development) writes them to the log, masked. */
  ZALO_PROVIDER: z.enum(['log']).default('log'),
  XASO_DEMO: bool.default(true),
  XASO_ADMIN_PHONE: z.string().optional(),
  XASO_ADMIN_PASSWORD: z.string().optional(),
  XASO_PROVINCE: z.string().default('19'),
  NODE_ENV: z.string().default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Behind a reverse proxy (nginx), trust its X-Forwarded-For for client IPs (rate limits). Off: clients could forge it. */
  TRUST_PROXY: bool.default(false),
  /** Key of the keyed hashes (IPs in rate-limit rows). Required in production; ≥ 32 characters. */
  XASO_SECRET: z.string().min(32).optional(),
  SESSION_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  /** The usual size of a community digital technology team: outside it a warning, never a refusal. */
  TEAM_SIZE_MIN: z.coerce.number().int().min(1).max(100).default(TEAM_SIZE_DEFAULT.min),
  TEAM_SIZE_MAX: z.coerce.number().int().min(1).max(100).default(TEAM_SIZE_DEFAULT.max),
  /** Public cameras: how long the server waits for a camera's snapshot (ms), and how often the job checks each one (s). */
  CAMERA_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(4000),
  CAMERA_CHECK_SECONDS: z.coerce.number().int().min(10).max(86_400).default(60),
  /** How long a snapshot read from a camera is served before the camera is read again (s; 0: every request). */
  CAMERA_SNAPSHOT_TTL_SECONDS: z.coerce.number().int().min(0).max(600).default(30),
  /** Rate-limit budget per IP per minute for the whole API (protects against floods; per-phone limits are stricter). */
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(600),
  /**
   * Load shedding (503 + Retry-After): mean event-loop delay over this (ms) sheds; 0 turns the check off.
   * Default 1000, off under NODE_ENV=test (a test machine's stalls are not overload).
   */
  OVERLOAD_MAX_EVENT_LOOP_DELAY_MS: z.coerce.number().int().min(0).optional(),
  /** Heap in use over this (MB) sheds; default 90% of the V8 heap limit (off under NODE_ENV=test); 0: off. */
  OVERLOAD_MAX_HEAP_MB: z.coerce.number().int().min(0).optional(),
  /** Requests being answered at once over this sheds the next ones; 0 turns the check off. */
  OVERLOAD_MAX_IN_FLIGHT: z.coerce.number().int().min(0).default(300),
  /** Retry-After (seconds) sent with a shed request. */
  OVERLOAD_RETRY_AFTER_SECONDS: z.coerce.number().int().min(1).max(600).default(5),
  // Photos in an S3-compatible object store instead of DATA_DIR/files: S3_BUCKET turns it on (see s3Config).
  S3_ENDPOINT: z
    .url({ protocol: /^https?$/, error: 'cần địa chỉ http(s)://… / must be an http(s)://… address' })
    .optional(),
  S3_REGION: z.string().default('us-east-1'),
  S3_BUCKET: z
    .string()
    .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, {
      error: '3–63 chữ thường, chữ số, dấu chấm, gạch ngang / 3–63 lowercase letters, digits, dots, hyphens',
    })
    .optional(),
  S3_ACCESS_KEY_ID: z.string().optional(),
  S3_SECRET_ACCESS_KEY: z.string().optional(),
  S3_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9._-]+(\/[A-Za-z0-9._-]+)*\/?$/, {
      error: 'thư mục trong bucket, vd. xaso/anh / a folder in the bucket, e.g. xaso/photos',
    })
    .optional(),
  /** Default: on with S3_ENDPOINT (MinIO, Ceph and Vietnamese providers want it), off for AWS itself. */
  S3_FORCE_PATH_STYLE: bool.optional(),
});

export type RawConfig = z.infer<typeof ConfigSchema>;
type S3Variable = Extract<keyof RawConfig, `S3_${string}`>;
export interface Config extends Omit<RawConfig, 'PUBLIC_URL' | S3Variable | 'OVERLOAD_MAX_EVENT_LOOP_DELAY_MS'> {
  PUBLIC_URL: string;
  OVERLOAD_MAX_EVENT_LOOP_DELAY_MS: number;
  /** Set when S3_BUCKET is: photos go to that S3-compatible store. The only place the S3 secret is kept. */
  s3?: S3FileStoreOptions;
  dataDir: string;
  production: boolean;
  /** XASO_SECRET, or a fixed development key outside production. */
  secret: string;
  /** Secure cookies only when the public address is https. */
  secureCookies: boolean;
}

const invalidConfig = (lines: string[]) =>
  new Error(`Cấu hình không hợp lệ / Invalid configuration:\n${lines.map((l) => `  ${l}`).join('\n')}`);

/** The S3 store's options when S3_BUCKET is set; each missing or stray variable is named. Values are never echoed. */
function s3Config(c: RawConfig): S3FileStoreOptions | undefined {
  const problems: string[] = [];
  const { S3_ENDPOINT: endpoint, S3_BUCKET: bucket, S3_ACCESS_KEY_ID: accessKeyId } = c;
  const secretAccessKey = c.S3_SECRET_ACCESS_KEY;
  if (!bucket) {
    const stray = (['S3_ENDPOINT', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY', 'S3_PREFIX'] as const).filter(
      (k) => c[k],
    );
    if (stray.length)
      throw invalidConfig([
        `S3_BUCKET: bắt buộc khi đặt ${stray.join(', ')} (không có thì ảnh lưu trên đĩa) / required when ${stray.join(', ')} is set (without it photos are stored on disk)`,
      ]);
    return undefined;
  }
  if (!accessKeyId) problems.push('S3_ACCESS_KEY_ID: bắt buộc khi đặt S3_BUCKET / required when S3_BUCKET is set');
  if (!secretAccessKey)
    problems.push('S3_SECRET_ACCESS_KEY: bắt buộc khi đặt S3_BUCKET / required when S3_BUCKET is set');
  if (endpoint) {
    const url = new URL(endpoint);
    if (url.username || url.password)
      problems.push(
        'S3_ENDPOINT: không ghi khoá trong địa chỉ, dùng S3_ACCESS_KEY_ID và S3_SECRET_ACCESS_KEY / no credentials in the address: use S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY',
      );
  }
  if (problems.length || !accessKeyId || !secretAccessKey) throw invalidConfig(problems);
  return {
    endpoint,
    region: c.S3_REGION,
    bucket,
    accessKeyId,
    secretAccessKey,
    prefix: c.S3_PREFIX?.replace(/\/$/, ''),
    forcePathStyle: c.S3_FORCE_PATH_STYLE ?? endpoint !== undefined,
  };
}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = ConfigSchema.safeParse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== '')));
  if (!parsed.success) throw invalidConfig(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  const s3 = s3Config(parsed.data);
  // The S3 variables live on only inside `s3`, so the secret has one home.
  const c = Object.fromEntries(Object.entries(parsed.data).filter(([k]) => !k.startsWith('S3_'))) as Omit<
    RawConfig,
    S3Variable
  >;
  const publicUrl = c.PUBLIC_URL ?? `http://localhost:${c.PORT}`;
  const production = c.NODE_ENV === 'production';
  if (production && !c.XASO_SECRET)
    throw new Error(
      'Cấu hình không hợp lệ / Invalid configuration:\n  XASO_SECRET: bắt buộc khi NODE_ENV=production / required in production (≥ 32 characters)',
    );
  const testing = c.NODE_ENV === 'test';
  return {
    ...c,
    OVERLOAD_MAX_EVENT_LOOP_DELAY_MS: c.OVERLOAD_MAX_EVENT_LOOP_DELAY_MS ?? (testing ? 0 : 1000),
    OVERLOAD_MAX_HEAP_MB: c.OVERLOAD_MAX_HEAP_MB ?? (testing ? 0 : undefined),
    PUBLIC_URL: publicUrl,
    dataDir: resolve(c.DATA_DIR),
    production,
    secret: c.XASO_SECRET ?? 'xa-so-development-secret-not-for-production',
    secureCookies: publicUrl.startsWith('https://'),
    ...(s3 ? { s3 } : {}),
  };
}
