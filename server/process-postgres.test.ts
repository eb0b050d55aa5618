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
});
