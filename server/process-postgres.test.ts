import { afterAll, describe, expect, it } from 'vitest';
import { freePort, freshPgDatabase, run, stopAll } from './test/processes.js';

afterAll(stopAll);

describe('PostgreSQL server', { timeout: 180_000 }, () => {
  it('serves, lets the CLI work beside the running server, and stops on SIGTERM', async () => {
    const url = await freshPgDatabase();
    const port = await freePort();
    const server = run(['serve'], { DATABASE_URL: url, PORT: String(port), XASO_DEMO: '1' });
    await server.waitFor('Xã Số ready');
    expect(await (await fetch(`http://127.0.0.1:${port}/api/ready`)).json()).toEqual({
      status: 'ready',
      database: 'postgres',
    });
    const cli = run(['api-key', 'create', 'tich-hop-thu'], { DATABASE_URL: url });
    expect(await cli.exited).toBe(0);
    expect(cli.output()).toMatch(/xsk_[A-Za-z0-9_-]{20,}/);
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
  });

  it('runs two app processes on one database: a session and a one-time code started on one work on the other', async () => {
    const url = await freshPgDatabase();
    const [portA, portB] = [await freePort(), await freePort()];
    const a = run(['serve'], { DATABASE_URL: url, PORT: String(portA), XASO_DEMO: '1' });
    await a.waitFor('Xã Số ready');
    // The second process starts on the seeded, migrated database (both migrate and seed under advisory locks).
    const b = run(['serve'], { DATABASE_URL: url, PORT: String(portB), XASO_DEMO: '1' });
    await b.waitFor('Xã Số ready');
    expect(b.output()).toContain('"seeded":false');

    const signIn = await fetch(`http://127.0.0.1:${portA}/api/auth/password`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ login: 'admin.dinhhoa', password: 'XaSo@2026' }),
    });
    expect(signIn.status).toBe(200);
    const cookie = signIn.headers.get('set-cookie')!.split(';')[0];
    const { csrfToken } = await signIn.json();
    const me = await fetch(`http://127.0.0.1:${portB}/api/auth/me`, { headers: { cookie } });
    expect(me.status).toBe(200);
    expect((await me.json()).user.username).toBe('admin.dinhhoa');
    // A write through the other process, with the CSRF token the first one issued.
    const hamlet = await fetch(`http://127.0.0.1:${portB}/api/units/05569/hamlets`, {
      method: 'POST',
      headers: { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Hai Tiến Trình', kind: 'xom' }),
    });
    expect(hamlet.status).toBe(201);

    // A code requested through A is accepted by B; B refuses an immediate resend (the limit is shared).
    const phone = '0971234560';
    const post = (port: number, path: string, body: object) =>
      fetch(`http://127.0.0.1:${port}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    expect((await post(portA, '/api/auth/otp/request', { phone })).status).toBe(202);
    expect((await post(portB, '/api/auth/otp/request', { phone })).status).toBe(429);
    await a.waitFor('Mã đăng nhập Xã Số');
    const code = /(\d{6})/.exec(a.output().slice(a.output().indexOf('Mã đăng nhập Xã Số')))![1];
    expect((await post(portB, '/api/auth/otp/verify', { phone, code })).status).toBe(200);

    for (const p of [a, b]) p.child.kill('SIGTERM');
    expect(await a.exited).toBe(0);
    expect(await b.exited).toBe(0);
  });
});
