import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../test/factories.js';
import { createTestApp, type TestApp } from '../../test/harness.js';

let t: TestApp;
let province: Record<string, string>;
let commune: Record<string, string>;
let provinceAdmin: { id: string };
beforeAll(async () => {
  t = await createTestApp({ RATE_LIMIT_PER_MINUTE: '1000000' });
  provinceAdmin = await createUser(t.db, { role: 'province_admin', unitCode: '19', fullName: 'Nguyễn Văn Tỉnh' });
  province = await t.sessionHeaders(provinceAdmin.id);
  commune = await t.sessionHeaders((await createUser(t.db, { role: 'commune_admin', unitCode: '05569' })).id);
});
afterAll(() => t.close());

async function insertEntry(e: {
  action: string;
  unitPath: string;
  at?: string;
  actorId?: string;
  actorKind?: string;
  resourceId?: string;
}) {
  const [row] = await t.database.query<{ id: number }>(
    `insert into audit_log (at, actor_id, actor_kind, action, resource_type, resource_id, unit_path)
     values (coalesce($1::timestamptz, now()), $2, $3, $4, 'test', $5, $6) returning id`,
    [e.at ?? null, e.actorId ?? null, e.actorKind ?? 'system', e.action, e.resourceId ?? null, e.unitPath],
  );
  return Number(row.id);
}

describe('the audit trail is append-only', () => {
  it('the database refuses UPDATE and DELETE of entries', async () => {
    const id = await insertEntry({ action: 'test.immutable', unitPath: '19' });
    await expect(t.database.query(`update audit_log set action = 'tampered' where id = $1`, [id])).rejects.toThrow(
      /append-only/,
    );
    await expect(t.database.query('delete from audit_log where id = $1', [id])).rejects.toThrow(/append-only/);
    const [row] = await t.database.query<{ action: string }>('select action from audit_log where id = $1', [id]);
    expect(row.action).toBe('test.immutable');
  });
});

describe('GET /api/audit', () => {
  it('lists newest first with keyset pagination on id', async () => {
    const ids: number[] = [];
    for (let i = 0; i < 7; i++)
      ids.push(await insertEntry({ action: 'test.page', unitPath: '19/05569', resourceId: `p${i}` }));
    const seen: number[] = [];
    let url = '/api/audit?action=test.page&limit=3';
    for (;;) {
      const res = await t.app.inject({ url, headers: province });
      expect(res.statusCode).toBe(200);
      const body = res.json();
      seen.push(...body.items.map((e: { id: number }) => e.id));
      if (!body.nextCursor) break;
      url = `/api/audit?action=test.page&limit=3&cursor=${body.nextCursor}`;
    }
    expect(seen).toEqual([...ids].reverse());
    const bad = await t.app.inject({ url: '/api/audit?cursor=abc', headers: province });
    expect(bad.statusCode).toBe(400);
  });

  it("filters by actor, action prefix, resource and time; a commune administrator sees only the commune's entries", async () => {
    const staff = await createUser(t.db, { role: 'team_member', unitCode: '05569', fullName: 'Tổ Viên Ghi' });
    await insertEntry({
      action: 'test.filter.one',
      unitPath: '19/05569',
      actorId: staff.id,
      actorKind: 'user',
      resourceId: 'r1',
      at: '2026-11-01T10:00:00Z',
    });
    await insertEntry({
      action: 'test.filter.two',
      unitPath: '19/05569',
      resourceId: 'r2',
      at: '2026-11-20T10:00:00Z',
    });
    await insertEntry({
      action: 'test.filter.two',
      unitPath: '19/05611',
      resourceId: 'r3',
      at: '2026-11-20T11:00:00Z',
    });
    // 05569 and 055690 share a prefix as text but not as a path: the filter compares path segments.
    await insertEntry({
      action: 'test.filter.two',
      unitPath: '19/055690',
      resourceId: 'r4',
      at: '2026-11-20T12:00:00Z',
    });
    const ids = async (query: string, headers = province) => {
      const res = await t.app.inject({ url: `/api/audit?${query}`, headers });
      expect(res.statusCode, query).toBe(200);
      return res.json().items.map((e: { resourceId: string }) => e.resourceId);
    };
    expect(await ids('action=test.filter.')).toEqual(['r4', 'r3', 'r2', 'r1']);
    expect(await ids('action=test.filter.', commune)).toEqual(['r2', 'r1']);
    expect(await ids(`action=test.filter.&actor=${staff.id}`)).toEqual(['r1']);
    expect(await ids('resourceType=test&resourceId=r3')).toEqual(['r3']);
    expect(await ids('action=test.filter.&from=2026-11-20&to=2026-11-20')).toEqual(['r4', 'r3', 'r2']);
    expect(await ids('action=test.filter.&to=2026-11-01T17:00:00%2B07:00')).toEqual(['r1']);
    const reversed = await t.app.inject({ url: '/api/audit?from=2026-11-20&to=2026-11-01', headers: province });
    expect(reversed.statusCode).toBe(400);
    expect(Object.keys(reversed.json().error.fields)).toEqual(['to']);
    const badDate = await t.app.inject({ url: '/api/audit?from=yesterday', headers: province });
    expect(badDate.statusCode).toBe(400);
  });

  it('names staff actors and API keys, never citizens', async () => {
    const citizen = await createUser(t.db, { role: 'citizen', fullName: 'Dân Thường Riêng Tư' });
    await insertEntry({
      action: 'test.names',
      unitPath: '19',
      actorId: citizen.id,
      actorKind: 'user',
      resourceId: 'c',
    });
    await insertEntry({
      action: 'test.names',
      unitPath: '19',
      actorId: provinceAdmin.id,
      actorKind: 'user',
      resourceId: 's',
    });
    const key = await t.app.inject({
      method: 'POST',
      url: '/api/api-keys',
      headers: province,
      payload: { name: 'Khóa tích hợp' },
    });
    await insertEntry({
      action: 'test.names',
      unitPath: '19',
      actorId: key.json().id,
      actorKind: 'api_key',
      resourceId: 'k',
    });
    const res = await t.app.inject({ url: '/api/audit?action=test.names', headers: province });
    const byResource = Object.fromEntries(
      res.json().items.map((e: { resourceId: string; actor: unknown }) => [e.resourceId, e.actor]),
    );
    expect(byResource).toEqual({
      c: { id: citizen.id, kind: 'user', name: null },
      s: { id: provinceAdmin.id, kind: 'user', name: 'Nguyễn Văn Tỉnh' },
      k: { id: key.json().id, kind: 'api_key', name: 'Khóa tích hợp' },
    });
    expect(res.body).not.toContain('Dân Thường Riêng Tư');
  });

  it('shows what the administration endpoints recorded: action, reason, request id, no phone', async () => {
    const person = await createUser(t.db, { role: 'team_member', unitCode: '05569', phone: '0966777888' });
    const read = await t.app.inject({
      url: `/api/accounts/${person.id}?reason=Ki%E1%BB%83m%20tra%20%C4%91%E1%BB%8Bnh%20k%E1%BB%B3`,
      headers: commune,
    });
    expect(read.statusCode).toBe(200);
    const res = await t.app.inject({ url: `/api/audit?resourceType=user&resourceId=${person.id}`, headers: commune });
    expect(res.json().items).toEqual([
      {
        id: expect.any(Number),
        at: expect.any(String),
        actor: { id: expect.any(String), kind: 'user', name: expect.any(String) },
        action: 'account.read_personal',
        resourceType: 'user',
        resourceId: person.id,
        unitPath: '19/05569',
        reason: 'Kiểm tra định kỳ',
        details: { fields: ['fullName', 'phone', 'email'] },
        requestId: read.headers['x-request-id'],
      },
    ]);
    expect(res.body).not.toContain('0966777888');
  });
});
