import type { AppContext } from '../context.js';
import type { SmsProvider } from '../sms.js';
import { createLogEmailProvider, createSmtpEmailProvider, type EmailProvider } from './email.js';
import { createLogZaloProvider, type ZaloProvider } from './zalo.js';

export type { EmailMessage, EmailProvider } from './email.js';
export type { ZaloProvider } from './zalo.js';

/** The outside channels a notification may also go out on. SMS is the platform's provider (ctx.sms). */
export interface NotifyProviders {
  email: EmailProvider;
  sms: SmsProvider;
  zalo: ZaloProvider;
}

const byContext = new WeakMap<AppContext, NotifyProviders>();

/** The providers of one app instance, made once from its configuration (SMTP when SMTP_URL is set). */
export function notifyProviders(ctx: AppContext): NotifyProviders {
  let p = byContext.get(ctx);
  if (!p) {
    const { SMTP_URL, SMTP_FROM } = ctx.config;
    p = {
      email: SMTP_URL ? createSmtpEmailProvider(SMTP_URL, SMTP_FROM) : createLogEmailProvider(ctx.log),
      sms: ctx.sms,
      zalo: createLogZaloProvider(ctx.log),
    };
    byContext.set(ctx, p);
  }
  return p;
}

/** Tests (and a future admin "send test message") replace a provider. */
export function setNotifyProviders(ctx: AppContext, providers: Partial<NotifyProviders>) {
  byContext.set(ctx, { ...notifyProviders(ctx), ...providers });
}
