import type { FastifyRequest } from 'fastify';
import type { Role } from '../../common/roles.js';
import { errors } from './errors.js';

/** One (role, scope) a person holds. `unitPath` is the path of the unit the scope covers (with all below it). */
export interface Assignment {
  role: Role;
  unitCode: string | null;
  unitPath: string | null;
  handlingUnitId: string | null;
}

/** Who is calling: a signed-in person or an integration's API key. Resolved once per request. */
export interface Actor {
  kind: 'user' | 'api_key';
  id: string;
  assignments: Assignment[];
  session?: { id: string; csrfToken: string };
}

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
  }
}

export function requireActor(req: FastifyRequest): Actor {
  if (!req.actor) throw errors.unauthenticated();
  return req.actor;
}

export function requireUser(req: FastifyRequest): Actor {
  const actor = requireActor(req);
  if (actor.kind !== 'user') throw errors.forbidden();
  return actor;
}
