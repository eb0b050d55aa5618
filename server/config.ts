import { resolve } from 'node:path';
import { z } from 'zod';

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
  /** Rate-limit budget per IP per minute for the whole API (protects against floods; per-phone limits are stricter). */
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(600),
});

export type RawConfig = z.infer<typeof ConfigSchema>;
export interface Config extends Omit<RawConfig, 'PUBLIC_URL'> {
  PUBLIC_URL: string;
  dataDir: string;
  production: boolean;
  /** XASO_SECRET, or a fixed development key outside production. */
  secret: string;
  /** Secure cookies only when the public address is https. */
  secureCookies: boolean;
}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = ConfigSchema.safeParse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== '')));
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
    throw new Error(`Cấu hình không hợp lệ / Invalid configuration:\n${lines}`);
  }
  const c = parsed.data;
  const publicUrl = c.PUBLIC_URL ?? `http://localhost:${c.PORT}`;
  const production = c.NODE_ENV === 'production';
  if (production && !c.XASO_SECRET)
    throw new Error(
      'Cấu hình không hợp lệ / Invalid configuration:\n  XASO_SECRET: bắt buộc khi NODE_ENV=production / required in production (≥ 32 characters)',
    );
  return {
    ...c,
    PUBLIC_URL: publicUrl,
    dataDir: resolve(c.DATA_DIR),
    production,
    secret: c.XASO_SECRET ?? 'xa-so-development-secret-not-for-production',
    secureCookies: publicUrl.startsWith('https://'),
  };
}
