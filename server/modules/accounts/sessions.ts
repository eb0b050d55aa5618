import type { Db, Executor } from '../../db/client.js';
import type { Actor } from '../../platform/actor.js';
import { randomToken, sha256 } from '../../platform/tokens.js';
import * as repo from './session-repo.js';

export const SESSION_COOKIE = 'xs_session';
/** API keys look like "xsk_<random>"; the prefix makes a leaked key easy to recognise and scan for. */
export const API_KEY_PREFIX = 'xsk_';
/** lastSeenAt is refreshed at most this often, so reads do not turn every request into a write. */
const TOUCH_EVERY_MS = 5 * 60 * 1000;
/** The session list shows this many characters of a session's id (its SHA-256): enough to name it, useless to use. */
export const SESSION_PUBLIC_ID_LENGTH = 16;

/** A signed-in person: the actor plus what the sign-in rules need to know about the session. */
export interface SessionActor extends Actor {
  kind: 'user';
  session: { id: string; csrfToken: string };
  totpEnabled: boolean;
  sessionCreatedAt: Date;
}

/** True when the actor came from a session cookie (not an API key). */
export function isSessionActor(actor: Actor | null): actor is SessionActor {
  return !!actor && actor.kind === 'user' && !!actor.session && 'totpEnabled' in actor;
}

export function createSessionService(db: Db, sessionDays: number) {
  return {
    /** The cookie that carries the session token (the auth hook reads it). */
    cookieName: SESSION_COOKIE,

    /** Starts a session; returns the token for the cookie (never stored) and the CSRF token for the page. */
    async start(userId: string, userAgent: string | undefined, exec: Executor = db) {
      const token = randomToken();
      const csrfToken = randomToken(18);
      // Now and then, sweep expired sessions so the table stays the size of the signed-in population.
      if (Math.random() < 0.01) await repo.deleteExpiredSessions(exec);
      await repo.insertSession(exec, {
        id: sha256(token),
        userId,
        csrfToken,
        expiresAt: new Date(Date.now() + sessionDays * 86_400_000),
        userAgent: userAgent?.slice(0, 200) ?? null,
      });
      return { token, csrfToken };
    },

    /** The actor behind a session cookie, or null when the session is unknown, expired or the user disabled. */
    async actorFromSession(token: string): Promise<SessionActor | null> {
      const id = sha256(token);
      const session = await repo.findLiveSession(db, id);
      if (!session) return null;
      if (Date.now() - session.lastSeenAt.getTime() > TOUCH_EVERY_MS) await repo.touchSession(db, id);
      return {
        kind: 'user',
        id: session.userId,
        assignments: session.assignments.map(repo.toAssignment),
        session: { id, csrfToken: session.csrfToken },
        totpEnabled: session.totpEnabled,
        sessionCreatedAt: session.createdAt,
      };
    },

    /** The actor behind an API key: an integration acting within the key's unit. */
    async actorFromApiKey(key: string): Promise<Actor | null> {
      if (!key.startsWith(API_KEY_PREFIX)) return null;
      const row = await repo.findLiveApiKey(db, sha256(key));
      if (!row) return null;
      if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > TOUCH_EVERY_MS) await repo.touchApiKey(db, row.id);
      return {
        kind: 'api_key',
        id: row.id,
        assignments: [{ role: 'citizen', unitCode: row.unitCode, unitPath: row.unitPath, handlingUnitId: null }],
      };
    },

    end: (sessionId: string) => repo.deleteSession(db, sessionId),
    /** Sign out everywhere: every session of the user ends. */
    endAll: (userId: string) => repo.deleteSessionsOfUser(db, userId),
  };
}

export type SessionService = ReturnType<typeof createSessionService>;
