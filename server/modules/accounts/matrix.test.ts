/**
 * Permission matrix: every endpoint of accounts, API keys and the audit trail × every role (and nobody) × a
 * target inside and outside the actor's scope. Targets live in Xã Định Hoá (05569) and Phường Đức Xuân (01840),
 * both in Thái Nguyên (19), and in Phường Ba Đình (00004, Hà Nội), outside every actor's scope.
 */
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createUser } from '../../test/factories.js';
import { createTestApp, type TestApp } from '../../test/harness.js';
import { insertApiKey } from './api-key-repo.js';
import * as repo from './repo.js';
import {
  ACTORS,
  type ActorName,
  administers,
  createCast,
  denied,
  freshPhone,
  pinClock,
  TARGET_COMMUNES,
} from './test-support.js';
import { currentTotp } from './totp.js';

let t: TestApp;
let cast: Awaited<ReturnType<typeof createCast>>;
beforeAll(async () => {
  t = await createTestApp({ RATE_LIMIT_PER_MINUTE: '1000000' });
  cast = await createCast(t);
});
afterAll(() => t.close());

interface Target {
  id: string;
  commune: string;
  assignmentId: string;
}

/** A fresh team member in the commune's first hamlet: each request gets its own, so cases cannot interfere. */
async function newTarget(commune: string): Promise<Target> {
  const user = await createUser(t.db, { role: 'team_member', unitCode: `${commune}-001` });
  const [a] = await repo.assignmentsOf(t.db, [user.id]);
  return { id: user.id, commune, assignmentId: a.id };
}

async function committeeId(commune: string) {
  const [row] = await t.database.query<{ id: string }>('select id from handling_units where code = $1', [
    `ubnd-${commune}`,
  ]);
  return row.id;
}

interface TargetCase {
  name: string;
  request: (target: Target) => Promise<InjectOptions> | InjectOptions;
  /** Status when allowed. */
  ok: number;
  /** Who is allowed for a target in that commune (default: whoever administers it). */
  allowed?: (actor: ActorName, commune: string) => boolean;
}

const TARGET_CASES: TargetCase[] = [
  {
    name: 'GET /api/accounts/:id',
    ok: 200,
    request: (x) => ({ url: `/api/accounts/${x.id}?reason=Ki%E1%BB%83m%20tra` }),
  },
  {
    name: 'PATCH /api/accounts/:id (rename)',
    ok: 200,
    request: (x) => ({ method: 'PATCH', url: `/api/accounts/${x.id}`, payload: { fullName: 'Tên đã sửa' } }),
  },
  {
    name: 'PATCH /api/accounts/:id (disable)',
    ok: 200,
    request: (x) => ({ method: 'PATCH', url: `/api/accounts/${x.id}`, payload: { status: 'disabled' } }),
  },
  {
    name: 'POST /api/accounts/:id/roles (team_member)',
    ok: 201,
    request: (x) => ({
      method: 'POST',
      url: `/api/accounts/${x.id}/roles`,
      payload: { role: 'team_member', unitCode: x.commune },
    }),
  },
  {
    name: 'POST /api/accounts/:id/roles (handling_officer of the commune committee)',
    ok: 201,
    request: async (x) => ({
      method: 'POST',
      url: `/api/accounts/${x.id}/roles`,
      payload: { role: 'handling_officer', handlingUnitId: await committeeId(x.commune) },
    }),
  },
  {
    name: 'POST /api/accounts/:id/roles (commune_admin needs account.grant_admin)',
    ok: 201,
    allowed: (actor, commune) => actor === 'province_admin_19' && administers(actor, commune),
    request: (x) => ({
      method: 'POST',
      url: `/api/accounts/${x.id}/roles`,
      payload: { role: 'commune_admin', unitCode: x.commune },
    }),
  },
  {
    name: 'DELETE /api/accounts/:id/roles/:assignmentId',
    ok: 204,
    request: (x) => ({ method: 'DELETE', url: `/api/accounts/${x.id}/roles/${x.assignmentId}` }),
  },
  {
    name: 'POST /api/accounts/:id/sign-out-everywhere',
    ok: 200,
    request: (x) => ({ method: 'POST', url: `/api/accounts/${x.id}/sign-out-everywhere` }),
  },
  {
    name: 'POST /api/accounts/:id/reset-password',
    ok: 200,
    request: (x) => ({ method: 'POST', url: `/api/accounts/${x.id}/reset-password` }),
  },
  {
    name: 'POST /api/accounts (team_member in the commune)',
    ok: 201,
    request: (x) => ({
      method: 'POST',
      url: '/api/accounts',
      payload: { fullName: 'Người mới', phone: freshPhone('077'), role: 'team_member', unitCode: `${x.commune}-001` },
    }),
  },
  {
    name: 'POST /api/accounts (commune_admin needs account.grant_admin)',
    ok: 201,
    allowed: (actor, commune) => actor === 'province_admin_19' && administers(actor, commune),
    request: (x) => ({
      method: 'POST',
      url: '/api/accounts',
      payload: { fullName: 'Quản trị mới', phone: freshPhone('078'), role: 'commune_admin', unitCode: x.commune },
    }),
  },
  { name: 'GET /api/accounts?unit=<commune>', ok: 200, request: (x) => ({ url: `/api/accounts?unit=${x.commune}` }) },
  {
    name: 'POST /api/api-keys (for the commune)',
    ok: 201,
    allowed: (actor, commune) => actor === 'province_admin_19' && administers(actor, commune),
    request: (x) => ({ method: 'POST', url: '/api/api-keys', payload: { name: 'Tích hợp', unitCode: x.commune } }),
  },
  {
    name: 'DELETE /api/api-keys/:id (a key of the commune)',
    ok: 200,
    allowed: (actor, commune) => actor === 'province_admin_19' && administers(actor, commune),
    request: async (x) => {
      const key = await insertApiKey(t.db, {
        name: 'k',
        prefix: 'xsk_test',
        keyHash: `h-${Math.random()}`,
        unitCode: x.commune,
      });
      return { method: 'DELETE', url: `/api/api-keys/${key.id}` };
    },
  },
];

describe('permission matrix: endpoints with a target', () => {
  for (const c of TARGET_CASES) {
    it(c.name, async () => {
      const results: string[] = [];
      const expected: string[] = [];
      for (const actor of ACTORS) {
        for (const commune of TARGET_COMMUNES) {
          const target = await newTarget(commune);
          const req = await c.request(target);
          const res = await t.app.inject({ ...req, headers: { ...(await cast.headersOf(actor)), ...req.headers } });
          const allowed = (c.allowed ?? administers)(actor, commune);
          results.push(`${actor} → ${commune}: ${res.statusCode}`);
          expected.push(`${actor} → ${commune}: ${allowed ? c.ok : denied(actor)}`);
        }
      }
      expect(results).toEqual(expected);
    });
  }
});

describe('permission matrix: lists', () => {
  it('GET /api/accounts shows each administrator exactly the accounts of their units', async () => {
    const targets = {
      '05569': await newTarget('05569'),
      '01840': await newTarget('01840'),
      '00004': await newTarget('00004'),
    };
    for (const actor of ACTORS) {
      const res = await t.app.inject({
        url: '/api/accounts?limit=100&q=Ng%C6%B0%E1%BB%9Di%20d%C3%B9ng',
        headers: await cast.headersOf(actor),
      });
      const canList = actor === 'province_admin_19' || actor.startsWith('commune_admin');
      expect(res.statusCode, actor).toBe(canList ? 200 : denied(actor));
      if (!canList) continue;
      const ids = new Set<string>();
      let body = res.json();
      for (;;) {
        for (const item of body.items) ids.add(item.id);
        if (!body.nextCursor) break;
        body = (
          await t.app.inject({
            url: `/api/accounts?limit=100&q=Ng%C6%B0%E1%BB%9Di%20d%C3%B9ng&cursor=${body.nextCursor}`,
            headers: await cast.headersOf(actor),
          })
        ).json();
      }
      for (const commune of TARGET_COMMUNES)
        expect(ids.has(targets[commune].id), `${actor} sees ${commune}`).toBe(administers(actor, commune));
    }
  });

  it('GET /api/api-keys: province administrators only, keys of their province only', async () => {
    const inside = await insertApiKey(t.db, {
      name: 'trong tỉnh',
      prefix: 'xsk_in',
      keyHash: 'in-19',
      unitCode: '05569',
    });
    const outside = await insertApiKey(t.db, {
      name: 'ngoài tỉnh',
      prefix: 'xsk_out',
      keyHash: 'out-01',
      unitCode: '00004',
    });
    for (const actor of ACTORS) {
      const res = await t.app.inject({ url: '/api/api-keys?limit=100', headers: await cast.headersOf(actor) });
      expect(res.statusCode, actor).toBe(actor === 'province_admin_19' ? 200 : denied(actor));
      if (res.statusCode !== 200) continue;
      const ids = res.json().items.map((k: { id: string }) => k.id);
      expect(ids).toContain(inside.id);
      expect(ids).not.toContain(outside.id);
    }
  });

  it('GET /api/audit: administrators see entries filed under their units only', async () => {
    const marker = `m${Date.now()}`;
    for (const [commune, path] of [
      ['05569', '19/05569'],
      ['01840', '19/01840/01840-001'],
      ['00004', '01/00004'],
    ])
      await t.database.query(
        `insert into audit_log (actor_kind, action, resource_type, resource_id, unit_path) values ('system', 'test.event', 'test', $1, $2)`,
        [`${marker}-${commune}`, path],
      );
    for (const actor of ACTORS) {
      const res = await t.app.inject({
        url: '/api/audit?action=test.event&limit=200',
        headers: await cast.headersOf(actor),
      });
      const canRead = actor === 'province_admin_19' || actor.startsWith('commune_admin');
      expect(res.statusCode, actor).toBe(canRead ? 200 : denied(actor));
      if (!canRead) continue;
      const seen = new Set(res.json().items.map((e: { resourceId: string }) => e.resourceId));
      for (const commune of TARGET_COMMUNES)
        expect(seen.has(`${marker}-${commune}`), `${actor} sees ${commune}`).toBe(administers(actor, commune));
    }
  });
});

describe('permission matrix: own account endpoints', () => {
  const SELF_CASES: { name: string; req: InjectOptions; ok: number }[] = [
    { name: 'GET /api/auth/me', req: { url: '/api/auth/me' }, ok: 200 },
    { name: 'PATCH /api/auth/me', req: { method: 'PATCH', url: '/api/auth/me', payload: { locale: 'vi' } }, ok: 200 },
    { name: 'GET /api/auth/sessions', req: { url: '/api/auth/sessions' }, ok: 200 },
    {
      name: 'DELETE /api/auth/sessions/:id',
      req: { method: 'DELETE', url: '/api/auth/sessions/0123456789abcdef' },
      ok: 404,
    },
    {
      name: 'POST /api/auth/password/change (wrong current password)',
      req: {
        method: 'POST',
        url: '/api/auth/password/change',
        payload: { currentPassword: 'x', newPassword: 'Mat-khau-moi-9' },
      },
      ok: 400,
    },
    {
      name: 'POST /api/auth/password/set (already has one)',
      req: { method: 'POST', url: '/api/auth/password/set', payload: { newPassword: 'Mat-khau-moi-9' } },
      ok: 409,
    },
    { name: 'POST /api/auth/totp/setup', req: { method: 'POST', url: '/api/auth/totp/setup' }, ok: 200 },
    {
      name: 'POST /api/auth/totp/disable (not on)',
      req: { method: 'POST', url: '/api/auth/totp/disable', payload: { password: 'x' } },
      ok: 200,
    },
    {
      name: 'POST /api/auth/sign-out-everywhere',
      req: { method: 'POST', url: '/api/auth/sign-out-everywhere' },
      ok: 200,
    },
  ];
  for (const c of SELF_CASES) {
    it(`${c.name}: anyone signed in, for themselves; nobody else`, async () => {
      for (const actor of ACTORS) {
        const res = await t.app.inject({ ...c.req, headers: await cast.headersOf(actor) });
        expect(res.statusCode, `${actor}: ${res.body}`).toBe(actor === 'anonymous' ? 401 : c.ok);
      }
    });
  }

  it('POST /api/auth/totp/enable: after setup, a wrong code is a 400 for everyone signed in', async () => {
    pinClock();
    for (const actor of ACTORS) {
      const headers = await cast.headersOf(actor);
      const setup = await t.app.inject({ method: 'POST', url: '/api/auth/totp/setup', headers });
      const secret = setup.statusCode === 200 ? setup.json().secret : null;
      const near = secret ? [-1, 0, 1].map((step) => currentTotp(secret, Date.now() + step * 30_000)) : [];
      const code = ['000000', '111111', '222222', '333333'].find((c) => !near.includes(c));
      const res = await t.app.inject({ method: 'POST', url: '/api/auth/totp/enable', headers, payload: { code } });
      expect(res.statusCode, actor).toBe(actor === 'anonymous' ? 401 : 400);
    }
    vi.useRealTimers();
  });

  it('sign-in endpoints and sign-out need no session', async () => {
    const out = await t.app.inject({ method: 'POST', url: '/api/auth/sign-out' });
    expect(out.statusCode).toBe(204);
    const pw = await t.app.inject({
      method: 'POST',
      url: '/api/auth/password',
      payload: { login: 'x', password: 'y' },
    });
    expect(pw.statusCode).toBe(401);
    const code = await t.app.inject({
      method: 'POST',
      url: '/api/auth/otp/request',
      payload: { phone: freshPhone('079') },
    });
    expect(code.statusCode).toBe(202);
  });
});
