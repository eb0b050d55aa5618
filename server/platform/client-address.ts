import { normalizeIP } from '@fastify/rate-limit';
import type { FastifyRequest } from 'fastify';

/**
 * The client's address as rate limiters count it. A request whose client has already gone has no `req.ip`; it falls
 * back to the socket's address, then to a constant, and never throws.
 */
export function clientAddress(req: FastifyRequest): string {
  const ip = req.ip ?? req.socket?.remoteAddress;
  if (typeof ip !== 'string' || ip === '') return 'unknown-client';
  try {
    return normalizeIP(ip);
  } catch {
    return ip;
  }
}
