import type { FastifyBaseLogger } from 'fastify';
import { maskRecipient } from './mask.js';

/**
 * Zalo messages (ZNS, addressed by phone number) behind an interface. Production wires the Zalo Official Account
 * API with ZALO_OA_ID / ZALO_ACCESS_TOKEN; development and tests log.
 */
export interface ZaloProvider {
  readonly name: string;
  send(phone: string, text: string): Promise<void>;
}

export function createLogZaloProvider(
  log: FastifyBaseLogger,
): ZaloProvider & { sent: { phone: string; text: string }[] } {
  const sent: { phone: string; text: string }[] = [];
  return {
    name: 'log',
    sent,
    async send(phone, text) {
      sent.push({ phone, text });
      if (sent.length > 100) sent.shift();
      log.info({ zalo: { to: maskRecipient(phone), text } }, 'Zalo (development provider, not sent)');
    },
  };
}
