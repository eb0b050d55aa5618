import { z } from 'zod';
import type { Actor } from '../actor.js';
import { errors } from '../errors.js';

/**
 * Idempotency, one block for the platform. Two ways to make a write happen once, by what the write is:
 * - a write with no row of its own to hold the key (a notification fan-out, a TOTP step) claims a key in the
 *   `idempotency_keys` table in its own transaction (`claimKey`, repo.ts) and does nothing when the claim fails;
 * - a write that creates a row keeps the key in that row under a unique index (a report's `idempotency_key`): the
 *   insert claims it atomically, and a retry answers with the row found by the key. No second table to write.
 * Either way a client's key arrives in the `Idempotency-Key` header, checked here, and is scoped to its sender.
 */

const KEY_RULE = {
  vi: 'Idempotency-Key: 8–200 ký tự ASCII.',
  en: 'Idempotency-Key: 8–200 printable ASCII characters.',
};

/** An `Idempotency-Key` header: 8–200 printable ASCII characters (a uuid fits). */
export const IdempotencyKey = z.string().regex(/^[\x21-\x7e]{8,200}$/, { message: `${KEY_RULE.vi} | ${KEY_RULE.en}` });

/** The header as a route schema (the key is optional: without it, a retry makes a second write). */
export const IdempotencyHeaders = z.object({ 'idempotency-key': IdempotencyKey.optional() });

/** The header's key for routes that read headers themselves; a malformed one is a 400 naming the header. */
export function idempotencyKeyOf(headers: Record<string, unknown>): string | undefined {
  const value = headers['idempotency-key'];
  if (value === undefined) return undefined;
  const parsed = IdempotencyKey.safeParse(value);
  if (parsed.success) return parsed.data;
  throw errors.invalidField('idempotency-key', KEY_RULE);
}

/** A client's key scoped to whoever sent it: two clients choosing the same key never meet. */
export const scopedIdempotencyKey = (actor: Actor, key: string) => `${actor.kind}:${actor.id}:${key}`;

export { claimKey, forgetKeys, type KeyClaim } from './repo.js';
