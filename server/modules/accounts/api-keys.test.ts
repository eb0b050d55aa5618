import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createUser } from '../../test/factories.js';
import { createTestApp, type TestApp } from '../../test/harness.js';
import { runApiKeyCommand } from './api-key-cli.js';

let t: TestApp;
let admin: Record<string, string>;
beforeAll(async () => {
  t = await createTestApp({ RATE_LIMIT_PER_MINUTE: '1000000' });
  const user = await createUser(t.db, { role: 'province_admin', unitCode: '19', fullName: 'Quản Trị Khóa' });
  admin = await t.sessionHeaders(user.id);
});
afterAll(() => t.close());

const bearer = (key: string) => ({ authorization: `Bearer ${key}` });

describe('API keys over HTTP', () => {
  it('creates a key shown once, which then works; revoking it makes the next request a 401', async () => {
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/api-keys',
      headers: admin,
      payload: { name: 'Cổng Open311' },
    });
    expect(created.statusCode).toBe(201);
    const key = created.json();
    expect(key).toMatchObject({
      name: 'Cổng Open311',
      unitCode: '19',
      unitName: 'Tỉnh Thái Nguyên',
      revokedAt: null,
      lastUsedAt: null,
    });
    expect(key.key).toMatch(/^xsk_[A-Za-z0-9_-]{32}$/);
    expect(key.key.startsWith(key.prefix)).toBe(true);

    const [stored] = await t.database.query<{ key_hash: string }>('select key_hash from api_keys where id = $1', [
      key.id,
    ]);
    expect(stored.key_hash).not.toContain(key.key.slice(4));
    const list = await t.app.inject({ url: '/api/api-keys', headers: admin });
    expect(list.json().items.find((k: { id: string }) => k.id === key.id)).not.toHaveProperty('key');
    expect(list.body).not.toContain(key.key);

    const used = await t.app.inject({ url: '/api/config', headers: bearer(key.key) });
    expect(used.statusCode).toBe(200);
    // An API key is an integration, not an administrator.
    expect((await t.app.inject({ url: '/api/audit', headers: bearer(key.key) })).statusCode).toBe(403);
    expect((await t.app.inject({ url: '/api/auth/me', headers: bearer(key.key) })).statusCode).toBe(403);
    expect((await t.app.inject({ url: '/api/api-keys', headers: admin })).json().items[0].lastUsedAt).not.toBeNull();

    const revoked = await t.app.inject({ method: 'DELETE', url: `/api/api-keys/${key.id}`, headers: admin });
    expect(revoked.statusCode).toBe(200);
    expect(revoked.json().revokedAt).not.toBeNull();
    const refused = await t.app.inject({ url: '/api/config', headers: bearer(key.key) });
    expect(refused.statusCode).toBe(401);
    expect(refused.json().error.code).toBe('invalid_api_key');
    expect((await t.app.inject({ method: 'DELETE', url: `/api/api-keys/${key.id}`, headers: admin })).statusCode).toBe(
      200,
    );

    const audit = await t.database.query<{ action: string; details: unknown }>(
      'select action, details from audit_log where resource_id = $1 order by id',
      [key.id],
    );
    expect(audit).toEqual([
      { action: 'api_key.create', details: { name: 'Cổng Open311', unitCode: '19' } },
      { action: 'api_key.revoke', details: null },
    ]);
  });

  it('refuses unknown and malformed keys', async () => {
    for (const key of ['xsk_not-a-real-key', 'garbage', '']) {
      const res = await t.app.inject({ url: '/api/config', headers: bearer(key) });
      expect(res.statusCode, key).toBe(401);
    }
  });

  it('creates keys for a commune of the province, and refuses unknown units naming the field', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/api-keys',
      headers: admin,
      payload: { name: 'Xã', unitCode: '05569' },
    });
    expect(res.json()).toMatchObject({ unitCode: '05569', unitName: 'Xã Định Hoá' });
    const bad = await t.app.inject({
      method: 'POST',
      url: '/api/api-keys',
      headers: admin,
      payload: { name: 'X', unitCode: 'nope' },
    });
    expect(bad.statusCode).toBe(400);
    expect(Object.keys(bad.json().error.fields)).toEqual(['unitCode']);
    const missing = await t.app.inject({
      method: 'DELETE',
      url: '/api/api-keys/00000000-0000-4000-8000-000000000000',
      headers: admin,
    });
    expect(missing.statusCode).toBe(404);
  });

  it('pages the list newest first', async () => {
    for (let i = 0; i < 5; i++)
      await t.app.inject({ method: 'POST', url: '/api/api-keys', headers: admin, payload: { name: `Trang ${i}` } });
    const names: string[] = [];
    let url = '/api/api-keys?limit=3';
    for (;;) {
      const page = (await t.app.inject({ url, headers: admin })).json();
      names.push(...page.items.map((k: { name: string }) => k.name));
      if (!page.nextCursor) break;
      url = `/api/api-keys?limit=3&cursor=${page.nextCursor}`;
    }
    expect(names.slice(0, 5)).toEqual(['Trang 4', 'Trang 3', 'Trang 2', 'Trang 1', 'Trang 0']);
    expect(new Set(names).size).toBe(names.length);
  });
});

describe('npm run cli -- api-key', () => {
  it('create prints the key once, and the key works against the app; revoke stops it', async () => {
    const lines: string[] = [];
    const log = vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => {
      lines.push(args.join(' '));
    });
    try {
      await runApiKeyCommand(t.database, t.config, ['create', 'Hệ thống tổng hợp']);
      const printed = lines.join('\n');
      const key = printed.match(/xsk_[A-Za-z0-9_-]+/)?.[0];
      expect(key).toBeDefined();
      expect(printed).toContain('chỉ hiện một lần / shown once');
      expect((await t.app.inject({ url: '/api/config', headers: bearer(key!) })).statusCode).toBe(200);

      lines.length = 0;
      await runApiKeyCommand(t.database, t.config, ['list']);
      expect(lines.join('\n')).not.toContain(key!);
      const id = lines.find((l) => l.includes('Hệ thống tổng hợp'))!.split(' ')[0];

      await runApiKeyCommand(t.database, t.config, ['revoke', id]);
      expect(lines.at(-1)).toBe('Đã thu hồi / revoked');
      expect((await t.app.inject({ url: '/api/config', headers: bearer(key!) })).statusCode).toBe(401);
      const [row] = await t.database.query<{ actor_kind: string; unit_path: string }>(
        `select actor_kind, unit_path from audit_log where resource_id = $1 and action = 'api_key.create'`,
        [id],
      );
      expect(row).toEqual({ actor_kind: 'system', unit_path: '19' });
    } finally {
      log.mockRestore();
    }
  });
});
