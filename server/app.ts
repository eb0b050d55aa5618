import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { getHeapStatistics } from 'node:v8';
import fastifyCompress from '@fastify/compress';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import underPressure from '@fastify/under-pressure';
import Fastify, {
  type FastifyBaseLogger,
  type FastifyInstance,
  type FastifyRequest,
  type FastifyServerOptions,
} from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { Config } from './config.js';
import type { Database } from './db/client.js';
import { buildServices, registerModules, type Services, scheduleRecurringJobs } from './modules/index.js';
import { createAggregateFolder } from './platform/aggregates/index.js';
import { registerAuth } from './platform/auth-hook.js';
import { clientAddress } from './platform/client-address.js';
import type { AppContext } from './platform/context.js';
import { AppError, Overloaded, registerErrorHandling, routeNotFound, sendError } from './platform/errors.js';
import { openFileStore } from './platform/files/store.js';
import { createJobRunner } from './platform/jobs/index.js';
import { loggerOptions } from './platform/logging.js';
import { rejectRepeatedQuery } from './platform/query-input.js';
import { createLogSmsProvider, type SmsProvider } from './platform/sms.js';
import { spaHtml } from './platform/spa-html.js';
import { assertWellFormed } from './platform/text-input.js';

export interface BuildOptions {
  config: Config;
  database: Database;
  /** Tests pass `false`; the server logs JSON to stdout. */
  logger?: FastifyServerOptions['logger'];
  /** The production logger configuration, written to this stream instead of stdout (tests read the log). */
  logStream?: { write(line: string): void };
  sms?: SmsProvider;
  /** Poll the jobs outbox in this process (the server does; tests run jobs with ctx.jobs.runDue()). */
  runJobs?: boolean;
}

const webDist = join(import.meta.dirname, '../web/dist');
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });
const NUL_MESSAGE = {
  vi: 'Dữ liệu chứa ký tự không hợp lệ (NUL).',
  en: 'The input contains an invalid character (NUL).',
};

/** Builds the whole platform as one Fastify instance (tests call this with app.inject). */
export async function buildApp(opts: BuildOptions) {
  const { config, database } = opts;
  const app = Fastify({
    logger: opts.logger ?? loggerOptions(config.LOG_LEVEL, opts.logStream),
    genReqId: () => randomUUID(),
    bodyLimit: 1_048_576,
    trustProxy: config.TRUST_PROXY,
    routerOptions: { maxParamLength: 200 },
    // Errors the router raises before any route runs (an over-long path parameter, a malformed URL) get the one
    // error shape too.
    frameworkErrors: (err, req, reply) =>
      sendError(
        req,
        reply,
        err.code === 'FST_ERR_MAX_PARAM_LENGTH'
          ? new AppError(414, 'uri_too_long', { vi: 'Địa chỉ quá dài.', en: 'The address is too long.' })
          : new AppError(400, 'bad_url', { vi: 'Địa chỉ không hợp lệ.', en: 'The address is not valid.' }),
      ),
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  // JSON bodies must be valid UTF-8: a broken byte sequence is a 400, not silently replaced characters.
  const defaultJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (req, body, done) => {
    let text: string;
    try {
      text = strictUtf8.decode(body as Buffer);
    } catch {
      done(
        new AppError(400, 'invalid_utf8', {
          vi: 'Nội dung gửi lên không phải UTF-8 hợp lệ.',
          en: 'The body is not valid UTF-8.',
        }),
        undefined,
      );
      return;
    }
    // PostgreSQL text cannot hold NUL; refuse it here with a clear message rather than fail deep in a query.
    if (text.includes('\\u0000') || text.includes('\0')) {
      done(new AppError(400, 'invalid_character', NUL_MESSAGE), undefined);
      return;
    }
    if (text.trim() === '') {
      done(null, {});
      return;
    }
    defaultJson(req, text, (err, parsed) => {
      if (err) return done(err, undefined);
      // "\ud800" parses to half a character that PostgreSQL cannot store (jsonb refuses it, text turns it into
      // "�"): refuse it here, naming the field, for every JSON body of every route.
      try {
        assertWellFormed(parsed);
      } catch (e) {
        return done(e as AppError, undefined);
      }
      done(null, parsed);
    });
  });

  app.addHook('onRequest', async (req, reply) => {
    if (/%00|\0/.test(req.url)) return sendError(req, reply, new AppError(400, 'invalid_character', NUL_MESSAGE));
  });
  app.addHook('onSend', async (req, reply) => {
    reply.header('x-request-id', req.id);
  });
  // A query parameter given twice (?status=a&status=b) is a 400 naming it, unless the route's schema takes a list.
  app.addHook('preValidation', async (req) => rejectRepeatedQuery(req));
  await registerLoadShedding(app, config);

  registerErrorHandling(app);
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        // Leaflet positions map panes with inline styles; tiles come only from the configured server.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: [
          "'self'",
          'data:',
          'blob:',
          ...(config.MAP_TILE_URL ? [new URL(tileOrigin(config.MAP_TILE_URL)).origin] : []),
        ],
        scriptSrc: ["'self'"],
        connectSrc: ["'self'"],
        // A camera's live video: hls.js feeds the <video> through a blob: URL (Media Source) and parses in a blob: worker.
        mediaSrc: ["'self'", 'blob:'],
        workerSrc: ["'self'", 'blob:'],
        upgradeInsecureRequests: null,
      },
    },
  });
  await app.register(cookie);
  await app.register(fastifyCompress, { threshold: 1024 }); // API JSON gzip/br; built assets are precompressed
  await app.register(rateLimit, {
    max: config.RATE_LIMIT_PER_MINUTE,
    timeWindow: '1 minute',
    allowList: (req) => !req.url.startsWith('/api') && !req.url.startsWith('/open311'),
    keyGenerator: clientAddress,
  });
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Xã Số API',
        description: 'Nền tảng công dân số — API. Lỗi luôn có dạng { error: { code, message, fields } }.',
        version: '0.1.0',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'xs_session' },
          apiKey: { type: 'http', scheme: 'bearer' },
        },
      },
    },
    transform: jsonSchemaTransform,
  });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  const log: FastifyBaseLogger = app.log;
  const ctx: AppContext = {
    config,
    database,
    db: database.db,
    sms: opts.sms ?? createLogSmsProvider(log),
    log,
    jobs: createJobRunner(database.db, log),
    aggregates: createAggregateFolder(database.db, log),
  };
  app.decorate('ctx', ctx);
  app.addHook('onClose', () => ctx.jobs.stop());
  app.addHook('onClose', () => ctx.aggregates.stop());
  app.addHook('onClose', await openFileStore(ctx)); // S3: the bucket must answer before the app starts
  const services = buildServices(ctx); // the composition root: modules/index.ts
  app.decorate('services', services);
  registerAuth(app, services.sessions);

  // Load balancers ask this often: cheap, never shed (a shed process is alive; /api/ready tells whether it serves).
  app.get('/api/health', { schema: { hide: true }, config: { shed: false } }, async () => ({ status: 'ok' }));
  app.get('/api/ready', { schema: { hide: true } }, async (req, reply) => {
    if (await database.ping()) return { status: 'ready', database: database.kind };
    return sendError(
      req,
      reply,
      new AppError(503, 'not_ready', { vi: 'Cơ sở dữ liệu chưa sẵn sàng.', en: 'The database is not reachable.' }),
    );
  });

  await registerModules(app, ctx, services);

  const hasWeb = existsSync(webDist);
  if (hasWeb)
    await app.register(fastifyStatic, {
      root: webDist,
      wildcard: false,
      index: false, // `/` is a page like the others (below)
      // The build writes .br and .gz beside each asset: a phone on 3G gets ~120 kB instead of ~380 kB.
      preCompressed: true,
      cacheControl: false, // set below, per file
      setHeaders: (res, path) => {
        // Hashed bundle names never change content; index.html must be re-read to find the new ones.
        res.setHeader('cache-control', path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
  // Single-page app: any other GET that wants HTML gets index.html (naming the page's chunk, see spa-html.ts); the API
  // keeps its JSON 404.
  const pageHtml = hasWeb && existsSync(join(webDist, 'index.html')) ? spaHtml(webDist) : null;
  app.setNotFoundHandler((req, reply) => {
    const isApi = req.url.startsWith('/api') || req.url.startsWith('/open311');
    if (pageHtml && req.method === 'GET' && !isApi && (req.headers.accept ?? '').includes('text/html')) {
      const page = pageHtml(req.url.split('?')[0]);
      const accepts = String(req.headers['accept-encoding'] ?? '');
      const encoding = /\bbr\b/.test(accepts) ? 'br' : /\bgzip\b/.test(accepts) ? 'gzip' : null;
      reply.header('cache-control', 'no-cache').header('vary', 'accept-encoding').type('text/html; charset=utf-8');
      if (!encoding) return reply.send(page.html);
      return reply.header('content-encoding', encoding).send(page[encoding]);
    }
    return sendError(req, reply, routeNotFound());
  });
  if (opts.runJobs)
    app.addHook('onReady', async () => {
      await scheduleRecurringJobs(ctx, services);
      ctx.jobs.start();
      ctx.aggregates.start();
    });
  return app;
}

declare module 'fastify' {
  interface FastifyInstance {
    ctx: AppContext;
    /** Every service of the application, built once (tests use them directly). */
    services: Services;
    /** Requests being answered now (load shedding counts them). */
    inFlight: () => number;
  }
}

/**
 * Shedding load: when the event loop lags, the heap fills or too many requests are in flight, new requests get
 * 503 with Retry-After at once (cheap), so the admitted ones keep their latency. /api/health is never shed.
 */
async function registerLoadShedding(app: FastifyInstance, config: Config) {
  const retryAfter = config.OVERLOAD_RETRY_AFTER_SECONDS;
  const overloaded = new Overloaded(retryAfter);
  const heapMb = config.OVERLOAD_MAX_HEAP_MB ?? Math.floor((getHeapStatistics().heap_size_limit * 0.9) / 1048576);
  const exempt = (req: FastifyRequest) => (req.routeOptions.config as { shed?: boolean } | undefined)?.shed === false;
  let inFlight = 0;
  const maxInFlight = config.OVERLOAD_MAX_IN_FLIGHT;
  app.addHook('onRequest', async (req, reply) => {
    if (maxInFlight === 0 || exempt(req)) return;
    if (inFlight >= maxInFlight) return sendError(req, reply, overloaded);
    inFlight += 1;
    // 'close' comes once whether the answer was sent or the client went away.
    reply.raw.once('close', () => {
      inFlight -= 1;
    });
  });
  app.decorate('inFlight', () => inFlight);
  await app.register(underPressure, {
    maxEventLoopDelay: config.OVERLOAD_MAX_EVENT_LOOP_DELAY_MS,
    maxHeapUsedBytes: heapMb * 1048576,
    retryAfter,
    // One shape for every error: the error handler renders it in the caller's language with Retry-After.
    pressureHandler: (req) => (exempt(req) ? undefined : Promise.reject(overloaded)),
  });
}

function tileOrigin(template: string) {
  return template.replace(/\{[a-z]\}/g, 'a');
}

export type App = Awaited<ReturnType<typeof buildApp>>;
