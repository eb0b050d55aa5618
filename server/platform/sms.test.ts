import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.js';
import { loadConfig } from '../config.js';
import type { Database } from '../db/client.js';
import { openTestDatabase } from '../test/harness.js';
import { createLogSmsProvider } from './sms.js';

/** A log destination that keeps every line written to it. */
function captureLog() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  return { lines, stream };
}

/** The nine digits that identify a Vietnamese mobile number, however it is written (0…, +84…, 84…). */
const significant = (phone: string) => phone.replace(/\D/g, '').slice(-9);

describe('the development SMS provider', () => {
  it('logs the message with the phone masked but for its last 3 digits', async () => {
    const { lines, stream } = captureLog();
    const sms = createLogSmsProvider(pino({ level: 'info' }, stream));
    await sms.send('0912345678', 'Mã đăng nhập Xã Số của bạn là 123456.');
    expect(lines).toHaveLength(1);
    const entry = JSON.parse(lines[0]);
    expect(entry.sms).toEqual({ to: '*******678', text: 'Mã đăng nhập Xã Số của bạn là 123456.' });
    expect(lines[0]).not.toContain(significant('0912345678'));
    expect(lines[0]).not.toMatch(/9123456/);
    // Tests read what was "sent" from memory, not from the log.
    expect(sms.sent).toEqual([{ phone: '0912345678', text: 'Mã đăng nhập Xã Số của bạn là 123456.' }]);
  });
});

describe('sign-in by phone, with every log line captured', () => {
  let database: Database;
  let app: Awaited<ReturnType<typeof buildApp>>;
  const log = captureLog();
  beforeAll(async () => {
    database = await openTestDatabase();
    const config = loadConfig({
      NODE_ENV: 'test',
      XASO_DEMO: '0',
      LOG_LEVEL: 'trace',
      RATE_LIMIT_PER_MINUTE: '100000',
    });
    // The app's own logger at its most talkative, and the SMS provider it makes from it (as in development).
    app = await buildApp({ config, database, logger: { level: 'trace', stream: log.stream } });
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
    await database.close();
  });

  it('never writes the phone to the log: only the masked form appears', async () => {
    const phone = '0387654321';
    for (const written of ['+84 387 654 321', phone]) {
      const res = await app.inject({
        method: 'POST',
        url: '/api/auth/otp/request',
        payload: { phone: written },
        remoteAddress: `10.9.9.${written.length}`,
      });
      expect([202, 429]).toContain(res.statusCode);
    }
    const wrong = await app.inject({ method: 'POST', url: '/api/auth/otp/verify', payload: { phone, code: '000000' } });
    expect(wrong.statusCode).toBe(400);
    const password = await app.inject({
      method: 'POST',
      url: '/api/auth/password',
      payload: { login: phone, password: 'not-the-password' },
    });
    expect(password.statusCode).toBe(401);

    const smsLines = log.lines.filter((l) => l.includes('SMS (development provider'));
    expect(smsLines).toHaveLength(1);
    expect(JSON.parse(smsLines[0]).sms.to).toBe('*******321');
    expect(log.lines.length).toBeGreaterThan(smsLines.length); // the requests themselves were logged too
    for (const line of log.lines) expect(line).not.toContain(significant(phone));
  });
});

describe('an SMS gateway that fails, quoting the number', () => {
  it('answers 503 and logs the failure without the number', async () => {
    const database = await openTestDatabase();
    const log = captureLog();
    const config = loadConfig({ NODE_ENV: 'test', XASO_DEMO: '0', LOG_LEVEL: 'info' });
    const app = await buildApp({
      config,
      database,
      logger: { level: 'info', stream: log.stream },
      sms: {
        name: 'failing',
        async send(phone) {
          throw new Error(`rejected destination +84 ${phone.slice(1, 4)} ${phone.slice(4)}: quota exceeded`);
        },
      },
    });
    try {
      const phone = '0381234987';
      const res = await app.inject({ method: 'POST', url: '/api/auth/otp/request', payload: { phone } });
      expect(res.statusCode).toBe(503);
      expect(res.json().error.code).toBe('sms_unavailable');
      const failure = log.lines.find((l) => l.includes('SMS provider failed'));
      expect(JSON.parse(failure!).err.message).toBe('rejected destination [số đã ẩn]: quota exceeded');
      for (const line of log.lines) expect(line).not.toContain(phone.slice(4));
    } finally {
      await app.close();
      await database.close();
    }
  });
});
