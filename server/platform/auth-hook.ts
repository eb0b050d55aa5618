import type { FastifyInstance } from 'fastify';
import type { Actor } from './actor.js';
import { AppError, sendError } from './errors.js';

/** Methods that only read: a session cookie alone may make them. */
export const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** How the hook finds who is calling: the accounts domain's sessions and API keys (given by the composition root). */
export interface CallerLookup {
  /** The name of the session cookie. */
  cookieName: string;
  actorFromApiKey(key: string): Promise<Actor | null>;
  actorFromSession(token: string): Promise<Actor | null>;
}

/**
 * Resolves who is calling on every request (session cookie or `Authorization: Bearer <api key>`), and
 * refuses browser writes without the session's CSRF token (`X-CSRF-Token`): a cookie alone never writes.
 */
export function registerAuth(app: FastifyInstance, sessions: CallerLookup) {
  app.decorateRequest('actor', null);
  app.addHook('onRequest', async (req, reply) => {
    const auth = req.headers.authorization;
    if (auth?.startsWith('Bearer ')) {
      req.actor = await sessions.actorFromApiKey(auth.slice(7).trim());
      if (!req.actor)
        return sendError(
          req,
          reply,
          new AppError(401, 'invalid_api_key', {
            vi: 'Khóa API không hợp lệ hoặc đã bị thu hồi.',
            en: 'The API key is invalid or revoked.',
          }),
        );
      return;
    }
    const token = req.cookies[sessions.cookieName];
    if (!token) return;
    req.actor = await sessions.actorFromSession(token);
    if (req.actor && !SAFE_METHODS.has(req.method) && req.headers['x-csrf-token'] !== req.actor.session?.csrfToken) {
      return sendError(
        req,
        reply,
        new AppError(403, 'csrf', {
          vi: 'Phiên làm việc không khớp; hãy tải lại trang rồi thử lại.',
          en: 'Session check failed; reload the page and try again.',
        }),
      );
    }
  });
}
