import type { LightMyRequestResponse } from 'fastify';
import { vi } from 'vitest';
import { createUser } from '../../test/factories.js';
import type { TestApp } from '../../test/harness.js';
import { insertUnits } from '../units/seed-repo.js';

/** The browser's view of a sign-in response: the session cookie to send back and the CSRF token for writes. */
export function browserFrom(res: LightMyRequestResponse) {
  const raw = res.headers['set-cookie'];
  const line = (Array.isArray(raw) ? raw : [raw ?? '']).find((c) => c.startsWith('xs_session='));
  if (!line) throw new Error(`no session cookie in ${res.statusCode} ${res.body}`);
  const token = line.split(';')[0].slice('xs_session='.length);
  return { cookie: `xs_session=${token}`, 'x-csrf-token': res.json().csrfToken as string, setCookie: line };
}

/** Signs in by password through the API, as a browser would. */
export async function passwordSignIn(t: TestApp, login: string, password: string, extra: { totp?: string } = {}) {
  return t.app.inject({
    method: 'POST',
    url: '/api/auth/password',
    payload: { login, password, ...extra },
  });
}

/** The code in the last SMS sent to a phone by the development provider. */
export function lastCode(t: TestApp, phone: string): string {
  const sms = [...t.sms.sent].reverse().find((s) => s.phone === phone);
  const code = sms?.text.match(/là (\d{6})\./)?.[1];
  if (!code) throw new Error(`no code sent to ${phone}`);
  return code;
}

/** A different made-up mobile number on each call (never a real subscriber's, as far as tests go). */
let seq = 0;
export function freshPhone(prefix = '039'): string {
  seq += 1;
  return `${prefix}${String((process.pid * 37 + seq) % 10_000_000).padStart(7, '0')}`;
}

/** A hamlet under a commune (the reference data has none): code "<commune>-<nnn>". */
export async function addHamlet(t: TestApp, communeCode: string, n = 1): Promise<string> {
  const [commune] = await t.database.query<{ path: string; province_code: string }>(
    'select path, province_code from units where code = $1',
    [communeCode],
  );
  const code = `${communeCode}-${String(n).padStart(3, '0')}`;
  await insertUnits(t.db, [
    {
      code,
      parentCode: communeCode,
      level: 'hamlet',
      kind: 'thon',
      name: `Thôn thử ${n}`,
      fullName: `Thôn thử ${n}`,
      nameEn: null,
      fullNameEn: null,
      path: `${commune.path}/${code}`,
      provinceCode: commune.province_code,
    },
  ]);
  return code;
}

export type ActorName =
  | 'anonymous'
  | 'citizen'
  | 'team_member'
  | 'handling_officer'
  | 'commune_admin_05569'
  | 'commune_admin_01840'
  | 'province_admin_19';

/**
 * The cast of the permission matrix: one person per role, the commune ones in Xã Định Hoá (05569), a second
 * commune administrator in Phường Đức Xuân (01840), the province administrator of Thái Nguyên (19).
 */
export async function createCast(t: TestApp) {
  for (const c of ['05569', '01840', '00004']) await addHamlet(t, c, 1);
  const users: Record<Exclude<ActorName, 'anonymous'>, { id: string; username: string | null }> = {
    citizen: await createUser(t.db, { role: 'citizen' }),
    team_member: await createUser(t.db, { role: 'team_member', unitCode: '05569-001' }),
    handling_officer: await createUser(t.db, { role: 'handling_officer', handlingUnitCode: 'ubnd-05569' }),
    commune_admin_05569: await createUser(t.db, { role: 'commune_admin', unitCode: '05569' }),
    commune_admin_01840: await createUser(t.db, { role: 'commune_admin', unitCode: '01840' }),
    province_admin_19: await createUser(t.db, { role: 'province_admin', unitCode: '19' }),
  };
  /** Fresh browser headers for the actor on every call (so one request's sign-out cannot affect the next). */
  const headersOf = async (name: ActorName): Promise<Record<string, string>> =>
    name === 'anonymous' ? {} : t.sessionHeaders(users[name].id);
  return { users, headersOf };
}

export const ACTORS: ActorName[] = [
  'anonymous',
  'citizen',
  'team_member',
  'handling_officer',
  'commune_admin_05569',
  'commune_admin_01840',
  'province_admin_19',
];

/** Communes the matrix places target accounts in: two inside Thái Nguyên, one in Hà Nội (outside everyone's scope). */
export const TARGET_COMMUNES = ['05569', '01840', '00004'] as const;

/** Which commune administrator / province administrator covers which target commune. */
export function administers(actor: ActorName, commune: string): boolean {
  if (actor === 'province_admin_19') return commune === '05569' || commune === '01840';
  if (actor === 'commune_admin_05569') return commune === '05569';
  if (actor === 'commune_admin_01840') return commune === '01840';
  return false;
}

/** The refusal an actor gets: 401 when nobody is signed in, 403 otherwise. */
export const denied = (actor: ActorName) => (actor === 'anonymous' ? 401 : 403);

/**
 * Stops the application's clock (Date only; timers run) at ten seconds into a 30-second TOTP step near now, and
 * returns that instant: a code made by the test is the server's current code whatever the wall clock does meanwhile.
 * Near now, because sessions expire by the database's clock. Undo with `vi.useRealTimers()` (in an afterEach).
 */
export function pinClock(): number {
  const now = Date.now();
  const pinned = now - (now % 30_000) + 10_000;
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(pinned);
  return pinned;
}
