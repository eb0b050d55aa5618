import type { FastifyRequest } from 'fastify';
import { AppError } from './errors.js';

interface ZodDefLike {
  _zod?: { def?: { type?: string; innerType?: unknown; in?: unknown; options?: unknown[]; shape?: unknown } };
  shape?: Record<string, unknown>;
}

/** Whether a zod schema (through optional/default/nullable/pipe wrappers) takes a list. */
function takesList(schema: unknown, depth = 0): boolean {
  const def = (schema as ZodDefLike | undefined)?._zod?.def;
  if (!def || depth > 10) return false;
  switch (def.type) {
    case 'array':
    case 'tuple':
    case 'set':
    case 'any':
    case 'unknown':
      return true;
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'catch':
    case 'readonly':
    case 'nonoptional':
      return takesList(def.innerType, depth + 1);
    case 'pipe':
      return takesList(def.in, depth + 1);
    case 'union':
      return (def.options ?? []).some((o) => takesList(o, depth + 1));
    default:
      return false;
  }
}

const onceOnly = { vi: 'Tham số này chỉ được gửi một lần.', en: 'This parameter may be given only once.' };

/**
 * `?status=a&status=b` arrives as a list: a 400 naming the parameter, unless the route's querystring schema takes a
 * list for it (or the name ends in `[]`, the form convention for lists, as Open311's `attribute[code][]`). Routes
 * without a query schema (Open311) are covered too.
 */
export function rejectRepeatedQuery(req: FastifyRequest) {
  // The web app's pages (index.html for any path) read their own query strings.
  if (!req.url.startsWith('/api') && !req.url.startsWith('/open311')) return;
  const query = req.query as Record<string, unknown> | undefined;
  if (!query || typeof query !== 'object') return;
  const schema = (req.routeOptions.schema as { querystring?: ZodDefLike } | undefined)?.querystring;
  const shape = schema?.shape;
  for (const [key, value] of Object.entries(query)) {
    if (!Array.isArray(value) || key.endsWith('[]')) continue;
    if (shape && Object.hasOwn(shape, key) && takesList(shape[key])) continue;
    throw new AppError(
      400,
      'invalid_input',
      { vi: 'Dữ liệu gửi lên không hợp lệ.', en: 'The request is not valid.' },
      { [`querystring.${key}`]: onceOnly },
    );
  }
}
