/**
 * Permission matrix of every hamlet write: each role × a hamlet/commune inside the actor's scope (Xã Định Hoá,
 * 05569) and outside it (a commune of Hà Nội). A refused write must leave the data as it was.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../../common/roles.js';
import { createTestApp, type TestApp } from '../../test/harness.js';
import { headersFor, insertHamlet, multipart } from './test-support.js';

type Who = { label: string; role: Role | 'anonymous'; unitCode?: string; handlingUnitCode?: string };
const ACTORS: (Who & { inside: number | 'ok'; outside: number | 'ok' })[] = [
  { label: 'anonymous', role: 'anonymous', inside: 401, outside: 401 },
  { label: 'citizen', role: 'citizen', inside: 403, outside: 403 },
  { label: 'team_member of a 05569 hamlet', role: 'team_member', unitCode: 'HAMLET', inside: 403, outside: 403 },
  {
    label: 'handling_officer of UBND 05569',
    role: 'handling_officer',
    handlingUnitCode: 'ubnd-05569',
    inside: 403,
    outside: 403,
  },
  { label: 'commune_admin of 05569', role: 'commune_admin', unitCode: '05569', inside: 'ok', outside: 403 },
  { label: 'commune_admin of 01840', role: 'commune_admin', unitCode: '01840', inside: 403, outside: 403 },
  { label: 'province_admin of 19', role: 'province_admin', unitCode: '19', inside: 'ok', outside: 403 },
];

let t: TestApp;
let outsideCommune: string;
const headers = new Map<string, Record<string, string>>();
let n = 0;

const hamletStatus = async (code: string) =>
  (
    await t.database.query<{ status: string; households: number | null }>(
      'select status, households from units where code = $1',
      [code],
    )
  )[0];
const hamletCount = async (commune: string) =>
  (
    await t.database.query<{ n: number }>(
      "select count(*)::int as n from units where parent_code = $1 and level = 'hamlet'",
      [commune],
    )
  )[0].n;

interface Case {
  method: 'POST' | 'PATCH';
  url: string;
  payload?: object | Buffer;
  extraHeaders?: Record<string, string>;
  /** True when the write reached the database. */
  written: () => Promise<boolean>;
}
const ENDPOINTS: { name: string; ok: number; prepare: (commune: string) => Promise<Case> }[] = [
  {
    name: 'POST /api/units/:commune/hamlets',
    ok: 201,
    async prepare(commune) {
      const before = await hamletCount(commune);
      return {
        method: 'POST',
        url: `/api/units/${commune}/hamlets`,
        payload: { name: `Mới ${++n}`, kind: 'thon' },
        written: async () => (await hamletCount(commune)) > before,
      };
    },
  },
  {
    name: 'PATCH /api/units/:hamlet',
    ok: 200,
    async prepare(commune) {
      const h = await insertHamlet(t.db, commune);
      return {
        method: 'PATCH',
        url: `/api/units/${h.code}`,
        payload: { households: 77 },
        written: async () => (await hamletStatus(h.code)).households === 77,
      };
    },
  },
  {
    name: 'POST /api/units/:hamlet/retire',
    ok: 200,
    async prepare(commune) {
      const h = await insertHamlet(t.db, commune);
      return {
        method: 'POST',
        url: `/api/units/${h.code}/retire`,
        written: async () => (await hamletStatus(h.code)).status === 'retired',
      };
    },
  },
  {
    name: 'POST /api/units/:hamlet/merge',
    ok: 200,
    async prepare(commune) {
      const [a, b] = [await insertHamlet(t.db, commune), await insertHamlet(t.db, commune)];
      return {
        method: 'POST',
        url: `/api/units/${a.code}/merge`,
        payload: { into: b.code },
        written: async () => (await hamletStatus(a.code)).status === 'retired',
      };
    },
  },
  {
    name: 'POST /api/units/:commune/hamlets/import',
    ok: 201,
    async prepare(commune) {
      const before = await hamletCount(commune);
      const body = multipart(`Tên,Loại,Số hộ\nNhập ${++n},Xóm,10\n`, 'thon.csv', 'text/csv');
      return {
        method: 'POST',
        url: `/api/units/${commune}/hamlets/import`,
        payload: body.payload,
        extraHeaders: body.headers,
        written: async () => (await hamletCount(commune)) > before,
      };
    },
  },
];

beforeAll(async () => {
  t = await createTestApp();
  [{ code: outsideCommune }] = await t.database.query<{ code: string }>(
    "select code from units where province_code = '01' and level = 'commune' order by code limit 1",
  );
  const teamHamlet = await insertHamlet(t.db, '05569', 'Tổ công nghệ');
  for (const a of ACTORS)
    headers.set(
      a.label,
      await headersFor(t, { ...a, unitCode: a.unitCode === 'HAMLET' ? teamHamlet.code : a.unitCode }),
    );
});
afterAll(() => t.close());

describe('hamlet writes: permission matrix', () => {
  for (const endpoint of ENDPOINTS)
    for (const actor of ACTORS)
      for (const where of ['inside', 'outside'] as const) {
        const expected = actor[where] === 'ok' ? endpoint.ok : actor[where];
        it(`${endpoint.name} · ${actor.label} · ${where} → ${expected}`, async () => {
          const c = await endpoint.prepare(where === 'inside' ? '05569' : outsideCommune);
          const res = await t.app.inject({
            method: c.method,
            url: c.url,
            headers: { ...headers.get(actor.label), ...c.extraHeaders },
            payload: c.payload,
          });
          expect(res.statusCode, res.body.slice(0, 300)).toBe(expected);
          expect(await c.written()).toBe(expected < 300);
        });
      }
});
