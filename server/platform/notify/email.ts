import type { FastifyBaseLogger } from 'fastify';
import nodemailer from 'nodemailer';
import { maskRecipient } from './mask.js';

export interface EmailMessage {
  to: string;
  subject: string;
  text: string;
}

/** Outgoing e-mail behind an interface: SMTP (nodemailer) when SMTP_URL is set, the log otherwise. */
export interface EmailProvider {
  readonly name: string;
  send(message: EmailMessage): Promise<void>;
}

/** Sends over SMTP. `from` is SMTP_FROM; the transport is reused (pooled connections are not needed at our volume). */
export function createSmtpEmailProvider(url: string, from: string): EmailProvider {
  const transport = nodemailer.createTransport(url);
  return {
    name: 'smtp',
    async send(m) {
      await transport.sendMail({ from, to: m.to, subject: m.subject, text: m.text });
    },
  };
}

/** Development provider: logs that a message would go out, with the recipient masked and no body (it may quote a report). */
export function createLogEmailProvider(log: FastifyBaseLogger): EmailProvider & { sent: EmailMessage[] } {
  const sent: EmailMessage[] = [];
  return {
    name: 'log',
    sent,
    async send(m) {
      sent.push(m);
      if (sent.length > 100) sent.shift();
      log.info({ email: { to: maskRecipient(m.to), subject: m.subject } }, 'e-mail (development provider, not sent)');
    },
  };
}
