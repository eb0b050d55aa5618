import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ChangePasswordBody,
  EndedSessions,
  Me,
  OtpRequestBody,
  OtpRequestResponse,
  OtpVerifyBody,
  PasswordSignInBody,
  SessionList,
  SessionState,
  SetPasswordBody,
  TotpDisableBody,
  TotpEnableBody,
  TotpSetupResponse,
  TotpStatus,
  UpdateMeBody,
} from '../../../common/accounts.js';
import type { AppContext } from '../../platform/context.js';
import { errors } from '../../platform/errors.js';
import type { ProfileService } from './profile.js';
import { isSessionActor, SESSION_COOKIE, type SessionActor, type SessionService } from './sessions.js';
import type { SignInService } from './sign-in.js';

const tags = ['auth'];

/** The signed-in person behind a session cookie (API keys have no profile, sessions or TOTP). */
export function requireSession(req: FastifyRequest): SessionActor {
  if (!req.actor) throw errors.unauthenticated();
  if (!isSessionActor(req.actor)) throw errors.forbidden();
  return req.actor;
}

export interface AuthServices {
  sessions: SessionService;
  signIn: SignInService;
  profile: ProfileService;
}

/** Sign-in, the session and the person's own account: everything under /api/auth. */
export function registerAuthRoutes(app: FastifyInstance, ctx: AppContext, { sessions, signIn, profile }: AuthServices) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const cookie = {
    httpOnly: true,
    sameSite: 'lax' as const,
    path: '/',
    secure: ctx.config.secureCookies,
    maxAge: ctx.config.SESSION_DAYS * 86_400,
  };

  /** Sets the session cookie (ending any earlier session of this browser) and answers with the profile. */
  async function signedIn(
    req: FastifyRequest,
    reply: FastifyReply,
    started: { userId: string; token: string; csrfToken: string },
  ) {
    if (isSessionActor(req.actor)) await sessions.end(req.actor.session.id);
    reply.setCookie(SESSION_COOKIE, started.token, cookie);
    return profile.me(started.userId, started.csrfToken);
  }
  const clearCookie = (reply: FastifyReply) => reply.clearCookie(SESSION_COOKIE, { path: '/' });

  r.post(
    '/api/auth/otp/request',
    {
      schema: {
        tags,
        summary: 'Gửi mã đăng nhập qua SMS / send a sign-in code by SMS',
        body: OtpRequestBody,
        response: { 202: OtpRequestResponse },
      },
    },
    async (req, reply) => reply.code(202).send(await signIn.requestOtp(req.body.phone, req.ip)),
  );

  r.post(
    '/api/auth/otp/verify',
    {
      schema: {
        tags,
        summary: 'Đăng nhập bằng mã / sign in with the code',
        body: OtpVerifyBody,
        response: { 200: Me },
      },
    },
    async (req, reply) =>
      signedIn(req, reply, await signIn.verifyOtp(req.body.phone, req.body.code, req.headers['user-agent'])),
  );

  r.post(
    '/api/auth/password',
    {
      schema: {
        tags,
        summary: 'Đăng nhập bằng mật khẩu / sign in with a password',
        body: PasswordSignInBody,
        response: { 200: Me },
      },
    },
    async (req, reply) =>
      signedIn(req, reply, await signIn.signInWithPassword(req.body, req.ip, req.headers['user-agent'])),
  );

  r.get(
    '/api/auth/me',
    { schema: { tags, summary: 'Tài khoản đang đăng nhập / the signed-in account', response: { 200: Me } } },
    async (req) => {
      const actor = requireSession(req);
      return profile.me(actor.id, actor.session.csrfToken);
    },
  );

  r.get(
    '/api/auth/session',
    {
      schema: {
        tags,
        summary: 'Ai đang đăng nhập, hoặc null / who is signed in, or null (never 401)',
        response: { 200: SessionState },
      },
    },
    async (req) =>
      isSessionActor(req.actor) ? { me: await profile.me(req.actor.id, req.actor.session.csrfToken) } : { me: null },
  );

  r.patch(
    '/api/auth/me',
    { schema: { tags, summary: 'Sửa hồ sơ / edit the profile', body: UpdateMeBody, response: { 200: Me } } },
    async (req) => profile.updateMe(requireSession(req), req.body),
  );

  r.post(
    '/api/auth/password/change',
    {
      schema: {
        tags,
        summary: 'Đổi mật khẩu (các phiên khác kết thúc) / change the password (other sessions end)',
        body: ChangePasswordBody,
        response: { 200: EndedSessions },
      },
    },
    async (req) => profile.changePassword(requireSession(req), req.body.currentPassword, req.body.newPassword, req.id),
  );

  r.post(
    '/api/auth/password/set',
    {
      schema: {
        tags,
        summary: 'Đặt mật khẩu lần đầu / set a first password',
        body: SetPasswordBody,
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      await profile.setPassword(requireSession(req), req.body.newPassword, req.id);
      return reply.code(204).send(null);
    },
  );

  r.post(
    '/api/auth/sign-out',
    { schema: { tags, summary: 'Đăng xuất / sign out', response: { 204: z.null() } } },
    async (req, reply) => {
      if (isSessionActor(req.actor)) await sessions.end(req.actor.session.id);
      return clearCookie(reply).code(204).send(null);
    },
  );

  r.post(
    '/api/auth/sign-out-everywhere',
    {
      schema: {
        tags,
        summary: 'Đăng xuất mọi thiết bị / sign out everywhere',
        response: { 200: EndedSessions },
      },
    },
    async (req, reply) => {
      const actor = requireSession(req);
      const ended = await sessions.endAll(actor.id);
      clearCookie(reply);
      return { ended };
    },
  );

  r.get(
    '/api/auth/sessions',
    { schema: { tags, summary: 'Các phiên đăng nhập / my sessions', response: { 200: SessionList } } },
    async (req) => ({ items: await profile.listSessions(requireSession(req)) }),
  );

  r.delete(
    '/api/auth/sessions/:id',
    {
      schema: {
        tags,
        summary: 'Kết thúc một phiên / end one session',
        params: z.strictObject({ id: z.string().regex(/^[0-9a-f]{16}$/) }),
        response: { 200: EndedSessions },
      },
    },
    async (req) => {
      const ended = await profile.endSession(requireSession(req), req.params.id);
      if (!ended) throw errors.notFound({ vi: 'phiên đăng nhập', en: 'Session' });
      return { ended };
    },
  );

  r.post(
    '/api/auth/totp/setup',
    {
      schema: {
        tags,
        summary: 'Bắt đầu thiết lập xác thực hai lớp / start TOTP setup',
        response: { 200: TotpSetupResponse },
      },
    },
    async (req) => profile.setUpTotp(requireSession(req)),
  );

  r.post(
    '/api/auth/totp/enable',
    {
      schema: {
        tags,
        summary: 'Bật xác thực hai lớp / enable TOTP',
        body: TotpEnableBody,
        response: { 200: TotpStatus },
      },
    },
    async (req) => profile.enableTotp(requireSession(req), req.body.code, req.id),
  );

  r.post(
    '/api/auth/totp/disable',
    {
      schema: {
        tags,
        summary: 'Tắt xác thực hai lớp / disable TOTP',
        body: TotpDisableBody,
        response: { 200: TotpStatus },
      },
    },
    async (req) => profile.disableTotp(requireSession(req), req.body, req.id),
  );
}
