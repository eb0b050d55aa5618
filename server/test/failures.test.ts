/**
 * Failures that are not bugs, and what the log keeps of any failure:
 * - a failed query logs no query parameter (no name, phone or position of a reporter), on every log line;
 * - a database that cannot be reached is 503 with Retry-After (PostgreSQL refusing connections; a closed database);
 * - a malformed multipart body is 400 on every multipart endpoint;
 * - load shedding: over the in-flight limit a request gets 503 with Retry-After at once, /api/health still answers;
 * - a client that goes away mid-request: nothing logged as an error, the server keeps serving.
 */
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { connect } from 'node:net';
import { DrizzleQueryError } from 'drizzle-orm';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, buildApp } from '../app.js';
import { loadConfig } from '../config.js';
import { type Database, openDatabase } from '../db/client.js';
import { categoryId, DINH_HOA } from '../modules/feedback/test-support.js';
import { clientAddress } from '../platform/client-address.js';
import { loggerOptions } from '../platform/logging.js';
import { createUser } from './factories.js';
import { openTestDatabase } from './harness.js';

/** The app with the production logger configuration, every log line kept. */
async function appWithLog(database: Database, env: Record<string, string> = {}) {
  const lines: string[] = [];
  const config = loadConfig({ NODE_ENV: 'test', XASO_DEMO: '0', LOG_LEVEL: 'debug', ...env });
  const app = await buildApp({ config, database, logStream: { write: (l: string) => void lines.push(l) } });
  await app.ready();
  const { sessions } = app.services;
  const signIn = async (role: Parameters<typeof createUser>[1]) => {
    const user = await createUser(database.db, role);
    const s = await sessions.start(user.id, 'vitest');
    return { cookie: `xs_session=${s.token}`, 'x-csrf-token': s.csrfToken };
  };
  return { app, lines, signIn };
}
const errorLines = (lines: string[]) => lines.filter((l) => (JSON.parse(l) as { level: number }).level >= 50);

function expectErrorShape(body: string) {
  const json = JSON.parse(body) as { error: { code: string; message: string } };
  expect(json.error, body).toMatchObject({ code: expect.any(String), message: expect.any(String) });
  return json.error;
}

describe('failures on a working database', () => {
  let database: Database;
  let app: App;
  let lines: string[];
  let signIn: Awaited<ReturnType<typeof appWithLog>>['signIn'];
  beforeAll(async () => {
    database = await openTestDatabase();
    ({ app, lines, signIn } = await appWithLog(database));
  });
  afterAll(async () => {
    await app.close();
    await database.close();
  });

  it('a failed insert of a hotline report logs no name, phone or position of the reporter', async () => {
    const officer = await signIn({ role: 'handling_officer', handlingUnitCode: 'ubnd-05569' });
    const personal = {
      reporterName: 'Hoàng Thị Bí Mật',
      reporterPhone: '0971 234 567',
      lat: 21.910137,
      lng: 105.593819,
    };
    const body = {
      categoryId: await categoryId({ database } as never, 'giao-thong'),
      description: 'Đèn đường hỏng ở ngõ nhà tôi.',
      channel: 'hotline',
      consent: true,
      showName: true,
      ...personal,
    };
    // The database refuses the row: once with an error it does not explain (a bug: 500), once quoting the value it
    // refused in its message (a data exception: 400).
    await database.query(`create function xaso_test_refuse() returns trigger language plpgsql as $$
      begin
        if new.description like '%(quoted)%' then
          raise exception using errcode = '22023', message = 'refused value: "' || new.reporter_name || '"';
        end if;
        raise exception 'refused by the test';
      end $$`);
    await database.query(
      'create trigger xaso_test_refuse before insert on reports for each row execute function xaso_test_refuse()',
    );
    try {
      const failed = await app.inject({ method: 'POST', url: '/api/reports', headers: officer, payload: body });
      expect(failed.statusCode, failed.body).toBe(500);
      expect(expectErrorShape(failed.body).code).toBe('internal');
      const quoted = await app.inject({
        method: 'POST',
        url: '/api/reports',
        headers: officer,
        payload: { ...body, description: `${body.description} (quoted)` },
      });
      expect(quoted.statusCode, quoted.body).toBe(400);
      for (const res of [failed, quoted]) expect(res.body).not.toContain('Bí Mật');
    } finally {
      await database.query('drop trigger xaso_test_refuse on reports');
      await database.query('drop function xaso_test_refuse()');
    }
    const log = lines.join('\n');
    for (const value of [
      personal.reporterName,
      JSON.stringify(personal.reporterName).slice(1, -1), // as JSON escapes it
      personal.reporterPhone,
      personal.reporterPhone.replaceAll(' ', ''),
      String(personal.lat),
      String(personal.lng),
    ])
      expect(log, `the log holds ${value}`).not.toContain(value);
    // The failures were logged (so this test reads something), with the SQL but not its values.
    expect(log).toContain('unhandled error');
    expect(log).toMatch(/Failed query: (with r as \()?insert into \\"reports\\"/);
    expect(log).toContain('refused value');
  });

  it('a malformed multipart body is 400 on every multipart endpoint, never 500', async () => {
    const citizen = await signIn({ role: 'citizen' });
    const officer = await signIn({ role: 'handling_officer', handlingUnitCode: 'ubnd-05569' });
    const communeAdmin = await signIn({ role: 'commune_admin', unitCode: '05569' });
    const report = await app.inject({
      method: 'POST',
      url: '/api/reports',
      headers: citizen,
      payload: {
        categoryId: await categoryId({ database } as never, 'giao-thong'),
        description: 'Ổ gà trước cổng trường.',
        lat: DINH_HOA.lat,
        lng: DINH_HOA.lng,
      },
    });
    expect(report.statusCode, report.body).toBe(201);
    const endpoints = [
      { url: '/api/reports', headers: citizen },
      { url: `/api/reports/${report.json().id}/answer`, headers: officer },
      { url: '/api/units/05569/hamlets/import', headers: communeAdmin },
    ];
    const bodies: [string, string][] = [
      ['multipart/form-data; boundary=x', '{}'],
      ['multipart/form-data; boundary=x', '--x\r\nContent-Disposition: form-data; name="report"\r\n\r\n{"a":'],
      ['multipart/form-data; boundary=x', '--x\r\nbroken header line\r\n\r\nvalue\r\n--x--\r\n'],
      ['multipart/form-data', '{}'],
    ];
    for (const e of endpoints)
      for (const [type, payload] of bodies) {
        const res = await app.inject({
          method: 'POST',
          url: e.url,
          headers: { ...e.headers, 'content-type': type },
          payload,
        });
        expect(res.statusCode, `${e.url} ${type} ${JSON.stringify(payload)} → ${res.body}`).toBe(400);
        expectErrorShape(res.body);
      }
    expect(errorLines(lines).filter((l) => l.includes('multipart'))).toEqual([]);
  });

  it('the rate limiter keys a request whose client has gone by its socket, or a constant: never throws', () => {
    const req = (ip: string | undefined, remoteAddress?: string) => ({ ip, socket: { remoteAddress } }) as never;
    expect(clientAddress(req('10.0.0.7'))).toBe('10.0.0.7');
    expect(clientAddress(req(undefined, '::ffff:10.0.0.8'))).toBe('10.0.0.8');
    expect(clientAddress(req(undefined))).toBe('unknown-client');
    expect(clientAddress({ ip: undefined, socket: undefined } as never)).toBe('unknown-client');
  });
});

describe('the logger, whatever is handed to it', () => {
  it('writes no query parameter: error objects, causes, messages passed as text (jobs log `err: message`)', () => {
    const lines: string[] = [];
    // The options Fastify gets; it hands `stream` to pino as the destination.
    const { stream, ...options } = loggerOptions('info', {
      write: (l: string) => void lines.push(l),
    }) as pino.LoggerOptions & {
      stream: pino.DestinationStream;
    };
    const log = pino(options, stream);
    const pgError = Object.assign(new Error('invalid input syntax for type uuid: "0971234567"'), {
      code: '22P02',
      detail: 'Key (phone)=(0971234567) already exists.',
      query: 'select 1 where phone = $1',
      params: ['0971234567'],
    });
    const failed = new DrizzleQueryError(
      'insert into users (phone) values ($1)',
      ['0971234567', 'Lê Thị Riêng'],
      pgError,
    );
    log.error({ err: failed }, 'unhandled error');
    log.warn({ err: failed.message }, 'job failed');
    log.warn({ err: { message: failed.message, stack: failed.stack } }, 'plain object');
    log.error(failed.message);
    log.error(`job ${failed.message}`);
    const out = lines.join('\n');
    expect(lines).toHaveLength(5);
    expect(out).toContain('insert into users');
    expect(out).toContain('22P02');
    for (const value of ['0971234567', 'Lê Thị Riêng']) expect(out).not.toContain(value);
  });
});

describe('clients that go away, and load shedding (real HTTP)', () => {
  let database: Database;
  let app: App;
  let lines: string[];
  let base: string;
  let port: number;
  beforeAll(async () => {
    database = await openTestDatabase();
    ({ app, lines } = await appWithLog(database, { OVERLOAD_MAX_IN_FLIGHT: '2', RATE_LIMIT_PER_MINUTE: '100000' }));
    await app.listen({ port: 0, host: '127.0.0.1' });
    port = (app.server.address() as AddressInfo).port;
    base = `http://127.0.0.1:${port}`;
  });
  afterAll(async () => {
    await app.close();
    await database.close();
  });

  /** A POST whose body never finishes: the request stays in flight until the socket closes. */
  async function hangingRequest() {
    const socket = connect(port, '127.0.0.1');
    await once(socket, 'connect');
    const closed = new Promise<void>((resolve) =>
      app.server.once('request', (_req, res) => res.once('close', resolve)),
    );
    socket.write(
      'POST /api/auth/password HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"lo',
    );
    socket.on('error', () => {});
    return { socket, closed };
  }
  /** Waits (by turns of the event loop, not by time) until the server counts `n` requests in flight. */
  async function inFlight(n: number) {
    for (let i = 0; i < 10_000 && app.inFlight() !== n; i++) await new Promise((r) => setImmediate(r));
    expect(app.inFlight()).toBe(n);
  }

  it('clients that disconnect mid-request: no error logged, the server keeps serving', async () => {
    for (let i = 0; i < 5; i++) {
      const { socket, closed } = await hangingRequest();
      await inFlight(1);
      socket.destroy();
      await closed;
      await inFlight(0);
    }
    // Requests sent whole and abandoned at once: the session lookup (a database query) runs before the rate limiter,
    // whose request then has no client address any more (req.ip undefined).
    for (let i = 0; i < 20; i++) {
      const socket = connect(port, '127.0.0.1');
      socket.on('error', () => {});
      await once(socket, 'connect');
      const closed = new Promise<void>((resolve) =>
        app.server.once('request', (_q, res) => res.once('close', resolve)),
      );
      socket.end(`GET /api/units/05569 HTTP/1.1\r\nHost: x\r\nCookie: xs_session=${'ab'.repeat(16)}\r\n\r\n`);
      socket.destroy();
      await closed;
    }
    const res = await fetch(`${base}/api/units/05569`);
    expect(res.status).toBe(200);
    expect(errorLines(lines)).toEqual([]);
    expect(lines.join('\n')).not.toContain('unhandled error');
  });

  it('over the in-flight limit: 503 with Retry-After in the one error shape (vi/en); /api/health still answers', async () => {
    const held = [await hangingRequest(), await hangingRequest()];
    await inFlight(2);
    const vi = await fetch(`${base}/api/units/05569`);
    expect(vi.status).toBe(503);
    expect(vi.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(expectErrorShape(await vi.text())).toMatchObject({
      code: 'overloaded',
      message: expect.stringMatching(/quá tải/),
    });
    const en = await fetch(`${base}/api/units/05569`, { headers: { 'accept-language': 'en' } });
    expect(expectErrorShape(await en.text()).message).toMatch(/busy/);
    const open311 = await fetch(`${base}/open311/v2/services.json`);
    expect(open311.status).toBe(503);
    expect(open311.headers.get('retry-after')).toMatch(/^\d+$/);
    expect((await fetch(`${base}/api/health`)).status).toBe(200);
    for (const h of held) {
      h.socket.destroy();
      await h.closed;
    }
    await inFlight(0);
    expect((await fetch(`${base}/api/units/05569`)).status).toBe(200);
  });
});

describe('a database that cannot be reached is 503 with Retry-After, not 500', () => {
  async function expectUnavailable(app: App) {
    const session = { cookie: 'xs_session=0123456789abcdef0123456789abcdef' };
    for (const [url, headers] of [
      ['/api/feedback/categories', {}],
      ['/api/public/reports', {}],
      ['/api/auth/me', session],
    ] as const) {
      const res = await app.inject({ url, headers });
      expect(res.statusCode, `${url} → ${res.body}`).toBe(503);
      expect(res.headers['retry-after'], url).toMatch(/^\d+$/);
      expect(expectErrorShape(res.body)).toMatchObject({
        code: 'unavailable',
        message: expect.stringMatching(/thử lại/),
      });
    }
    const en = await app.inject({ url: '/api/feedback/categories', headers: { 'accept-language': 'en' } });
    expect(en.json().error.message).toMatch(/temporarily unavailable/);
    const open311 = await app.inject({ url: '/open311/v2/services.json' });
    expect(open311.statusCode, open311.body).toBe(503);
    expect(open311.headers['retry-after']).toMatch(/^\d+$/);
    expect((await app.inject('/api/ready')).statusCode).toBe(503);
    expect((await app.inject('/api/health')).statusCode).toBe(200);
  }

  it('PostgreSQL refusing connections (nothing listens on the port)', async () => {
    const database = await openDatabase({ kind: 'postgres', url: 'postgres://postgres@127.0.0.1:9/none', poolSize: 2 });
    const { app, lines } = await appWithLog(database);
    try {
      await expectUnavailable(app);
      expect(lines.join('\n')).not.toContain('unhandled error');
    } finally {
      await app.close();
      await database.close();
    }
  });

  it('the database closed under the running app (PGlite closed, or the pool ended)', async () => {
    const database = await openTestDatabase();
    const { app } = await appWithLog(database);
    try {
      expect((await app.inject('/api/feedback/categories')).statusCode).toBe(200);
      await database.close();
      await expectUnavailable(app);
    } finally {
      await app.close();
    }
  });
});
