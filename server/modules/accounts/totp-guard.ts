import type { FastifyInstance } from 'fastify';
import { SAFE_METHODS } from '../../platform/auth-hook.js';
import { AppError, sendError } from '../../platform/errors.js';
import { isSessionActor } from './sessions.js';

/** What a province administrator without TOTP may still do in production: set it up, or leave. */
const TOTP_SETUP_WRITES = new Set([
  'POST /api/auth/totp/setup',
  'POST /api/auth/totp/enable',
  'POST /api/auth/sign-out',
  'POST /api/auth/sign-out-everywhere',
]);

/**
 * Production rule: a province administrator must use TOTP. Until it is enabled their session may read (with
 * no administrator powers: public pages and their own profile work, administration answers 403) and may set
 * up TOTP or sign out; every other write is refused with 403 `totp_setup_required`.
 * Registered on the root instance after registerAuth, so it sees the resolved actor of every request.
 */
export function registerTotpSetupGuard(app: FastifyInstance, production: boolean) {
  if (!production) return;
  app.addHook('onRequest', async (req, reply) => {
    const actor = req.actor;
    if (!isSessionActor(actor) || actor.totpEnabled) return;
    if (!actor.assignments.some((a) => a.role === 'province_admin')) return;
    if (SAFE_METHODS.has(req.method)) {
      actor.assignments = actor.assignments.filter((a) => a.role !== 'province_admin');
      return;
    }
    if (TOTP_SETUP_WRITES.has(`${req.method} ${req.url.split('?')[0]}`)) return;
    return sendError(
      req,
      reply,
      new AppError(403, 'totp_setup_required', {
        vi: 'Quản trị viên cấp tỉnh phải bật xác thực hai lớp (TOTP) trước khi làm việc khác.',
        en: 'Province administrators must enable two-factor authentication (TOTP) before doing anything else.',
      }),
    );
  });
}
