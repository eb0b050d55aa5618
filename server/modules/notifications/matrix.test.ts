import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../../common/roles.js';
import { createUser } from '../../test/factories.js';
import { createTestApp, type TestApp } from '../../test/harness.js';
import { createApiKeyService } from '../accounts/api-keys.js';
import { insertCategory, insertEvent, insertReport } from './test-support.js';

/**
 * Permission matrix: every role, anonymous and an API key × their own notification and someone else's.
 * Notifications are strictly personal: no role, however senior, reads or marks another person's.
 */
let t: TestApp;
let stranger: { id: string };
let strangersNotification: string;
let publicReport: string;
let publicReportCode: string;
let apiKey: string;

const ROLES: { role: Role; scope: { unitCode?: string; handlingUnitCode?: string } }[] = [
  { role: 'citizen', scope: { unitCode: '19' } },
  { role: 'team_member', scope: { unitCode: '05569' } },
  { role: 'handling_officer', scope: { handlingUnitCode: 'ubnd-05569' } },
  { role: 'commune_admin', scope: { unitCode: '05569' } },
  { role: 'province_admin', scope: { unitCode: '19' } },
];

async function notify(userId: string) {
  const { id: categoryId } = await insertCategory(t.db);
  const report = await insertReport(t.db, { categoryId, reporterId: userId, status: 'resolved', answerText: 'Xong' });
  await insertEvent(t.db, report.id, { type: 'answered', toStatus: 'resolved' });
  await t.runJobs();
  const [row] = await t.database.query<{ id: string }>('select id from notifications where user_id = $1', [userId]);
  return { notificationId: row.id, reportId: report.id, publicCode: report.publicCode };
}

beforeAll(async () => {
  t = await createTestApp();
  stranger = await createUser(t.db, { role: 'citizen', unitCode: '19' });
  ({
    notificationId: strangersNotification,
    reportId: publicReport,
    publicCode: publicReportCode,
  } = await notify(stranger.id));
  apiKey = (await createApiKeyService(t.db).create(null, { name: 'Tích hợp', unitCode: '19', unitPath: '19' })).key;
});
afterAll(() => t.close());

describe.each(ROLES)('$role', ({ role, scope }) => {
  let headers: Record<string, string>;
  let own: string;
  beforeAll(async () => {
    const me = await createUser(t.db, { role, ...scope });
    own = (await notify(me.id)).notificationId;
    headers = await t.sessionHeaders(me.id);
  });

  it('lists and counts only their own notifications', async () => {
    const list = (await t.app.inject({ url: '/api/notifications', headers })).json();
    expect(list.items.map((n: { id: string }) => n.id)).toEqual([own]);
    expect((await t.app.inject({ url: '/api/notifications/unread-count', headers })).json()).toEqual({ unread: 1 });
  });

  it.each([
    ['own', () => own, 200],
    ["someone else's", () => strangersNotification, 404],
  ] as const)('marks %s notification read → %i', async (_label, id, status) => {
    const res = await t.app.inject({ method: 'POST', url: `/api/notifications/${id()}/read`, headers });
    expect(res.statusCode).toBe(status);
  });

  it('read-all touches only their own', async () => {
    await t.app.inject({ method: 'POST', url: '/api/notifications/read-all', headers });
    const [theirs] = await t.database.query<{ read_at: Date | null }>(
      'select read_at from notifications where id = $1',
      [strangersNotification],
    );
    expect(theirs.read_at).toBeNull();
  });

  it('may follow a public report, by id and by its public code', async () => {
    const res = await t.app.inject({ method: 'POST', url: `/api/reports/${publicReport}/follow`, headers });
    expect(res.statusCode).toBe(200);
    const url = `/api/public/reports/${publicReportCode}/follow`;
    expect((await t.app.inject({ method: 'DELETE', url, headers })).json().following).toBe(false);
    expect((await t.app.inject({ method: 'POST', url, headers })).json().following).toBe(true);
  });
});

describe('anonymous and API keys', () => {
  const endpoints = () => [
    { method: 'GET' as const, url: '/api/notifications' },
    { method: 'GET' as const, url: '/api/notifications/unread-count' },
    { method: 'POST' as const, url: `/api/notifications/${strangersNotification}/read` },
    { method: 'POST' as const, url: '/api/notifications/read-all' },
    { method: 'GET' as const, url: `/api/reports/${publicReport}/follow` },
    { method: 'POST' as const, url: `/api/reports/${publicReport}/follow` },
    { method: 'DELETE' as const, url: `/api/reports/${publicReport}/follow` },
    { method: 'GET' as const, url: `/api/public/reports/${publicReportCode}/follow` },
    { method: 'POST' as const, url: `/api/public/reports/${publicReportCode}/follow` },
    { method: 'DELETE' as const, url: `/api/public/reports/${publicReportCode}/follow` },
  ];

  it('anonymous callers must sign in (401)', async () => {
    for (const e of endpoints()) expect((await t.app.inject(e)).statusCode, e.url).toBe(401);
  });

  it('an integration key has no personal notifications and follows nothing (403)', async () => {
    for (const e of endpoints())
      expect((await t.app.inject({ ...e, headers: { authorization: `Bearer ${apiKey}` } })).statusCode, e.url).toBe(
        403,
      );
  });
});
