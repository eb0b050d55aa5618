import type { FastifyInstance, FastifyRequest } from 'fastify';
import { DUPLICATE_HINT_LIMITS } from '../../../common/feedback.js';
import { clientAddress } from '../../platform/client-address.js';
import { RateLimited } from '../../platform/errors.js';

const MINUTE_MS = 60_000;

/**
 * The limits of `GET /api/reports/duplicates`, per signed-in account and per client IP, on the API's rate limiter
 * (@fastify/rate-limit, counted in each process like its per-IP limit). Anyone can make an account by SMS, so the
 * account limit alone would not hold: the IP one bounds many accounts on one address. Returns a preHandler that
 * answers 429 with Retry-After past either.
 */
export function duplicateHintLimits(app: FastifyInstance) {
  const limits = [
    app.createRateLimit({
      max: DUPLICATE_HINT_LIMITS.perAccountPerMinute,
      timeWindow: MINUTE_MS,
      keyGenerator: (req) => `duplicate-hints:account:${req.actor?.kind}:${req.actor?.id}`,
    }),
    app.createRateLimit({
      max: DUPLICATE_HINT_LIMITS.perIpPerMinute,
      timeWindow: MINUTE_MS,
      keyGenerator: (req) => `duplicate-hints:ip:${clientAddress(req)}`,
    }),
  ];
  return async (req: FastifyRequest) => {
    if (!req.actor) return; // the route answers 401; nothing to count
    for (const limit of limits) {
      const r = await limit(req);
      if (!r.isAllowed && r.isExceeded) {
        const wait = Math.max(1, r.ttlInSeconds);
        throw new RateLimited(wait, {
          vi: `Bạn tra cứu phản ánh trùng quá nhiều lần. Vui lòng thử lại sau ${wait} giây.`,
          en: `Too many duplicate look-ups. Please try again in ${wait} seconds.`,
        });
      }
    }
  };
}
