import type { FastifyBaseLogger } from 'fastify';

/** The outside SMS gateway, behind an interface: production wires a real provider, development logs. */
export interface SmsProvider {
  readonly name: string;
  send(phone: string, text: string): Promise<void>;
}

/**
 * Development provider: writes the message to the log so a developer can sign in with a code.
 * It is the only place a phone number reaches the log, and only in development (masked but for the last 3 digits).
 */
export function createLogSmsProvider(
  log: FastifyBaseLogger,
): SmsProvider & { sent: { phone: string; text: string }[] } {
  const sent: { phone: string; text: string }[] = [];
  return {
    name: 'log',
    sent,
    async send(phone, text) {
      sent.push({ phone, text });
      if (sent.length > 100) sent.shift();
      log.info({ sms: { to: `*******${phone.slice(-3)}`, text } }, 'SMS (development provider, not sent)');
    },
  };
}
