import type { FastifyServerOptions } from 'fastify';
import { redactText, safeError } from './failures.js';

/**
 * The server's logger: JSON, no personal data. Requests are logged by route pattern (never the raw URL: query strings
 * may hold names or phone numbers); every `err` goes through `safeError` (no query parameters, no values PostgreSQL
 * quotes, no `detail`), and any text logged is stripped of drizzle's "params: …" too.
 */
export function loggerOptions(level: string, stream?: { write(line: string): void }): FastifyServerOptions['logger'] {
  return {
    level,
    serializers: {
      req: (req) => ({ id: req.id, method: req.method, route: req.routeOptions?.url ?? 'unmatched' }),
      res: (res) => ({ statusCode: res.statusCode }),
      err: ((err: unknown) => safeError(err)) as never,
    },
    redact: ['req.headers.authorization', 'req.headers.cookie'],
    hooks: {
      logMethod(args, method) {
        method.apply(this, args.map((a) => (typeof a === 'string' ? redactText(a) : a)) as Parameters<typeof method>);
      },
    },
    ...(stream ? { stream } : {}),
  };
}
