import { beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../common/roles.js';
import { insertHamlet } from '../modules/units/test-support.js';
import type { TestApp } from './harness.js';
import { headersFor } from './http.js';

/**
 * Who calls, and what they should get inside their scope and outside it ('ok' = the endpoint's success status).
 * `unitCode: 'TEAM_HAMLET'` stands for a hamlet of Xã Định Hoá (05569) made for the team member.
 */
export interface MatrixActor {
  label: string;
  role: Role | 'anonymous';
  unitCode?: string;
  handlingUnitCode?: string;
  inside: number | 'ok';
  outside: number | 'ok';
}

/**
 * The actors of a write that a commune's administrators and the province's may make (hamlets, teams): inside is a
 * commune of Thái Nguyên (05569), outside a commune of another province.
 */
export const COMMUNE_WRITE_ACTORS: MatrixActor[] = [
  { label: 'anonymous', role: 'anonymous', inside: 401, outside: 401 },
  { label: 'citizen', role: 'citizen', inside: 403, outside: 403 },
  { label: 'team_member of a 05569 hamlet', role: 'team_member', unitCode: 'TEAM_HAMLET', inside: 403, outside: 403 },
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

/** One prepared request, and how to tell whether it reached the database. */
export interface MatrixCase {
  method: 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  url: string;
  payload?: object | Buffer;
  extraHeaders?: Record<string, string>;
  /** True when the write reached the database. */
  written: () => Promise<boolean>;
}

export interface MatrixEndpoint {
  name: string;
  /** The success status. */
  ok: number;
  /** Makes fresh data at `place` (inside or outside the actors' scope) and the request that writes it. */
  prepare: (place: string) => Promise<MatrixCase>;
}

/** The error code of each refusal the matrix expects. */
const REFUSALS: Record<number, string> = { 401: 'unauthenticated', 403: 'forbidden' };

/**
 * Registers one test per endpoint × actor × inside/outside: the status must be the expected one, and a refused write
 * must leave the data as it was (an accepted one must have changed it).
 */
export function describePermissionMatrix(
  title: string,
  opts: {
    app: () => TestApp;
    actors: MatrixActor[];
    endpoints: MatrixEndpoint[];
    /** The place inside the actors' scope and one outside it (a commune or a province code). */
    places: () => { inside: string; outside: string };
  },
) {
  describe(title, () => {
    const headers = new Map<string, Record<string, string>>();
    beforeAll(async () => {
      const t = opts.app();
      const teamHamlet = await insertHamlet(t.db, '05569', 'Tổ công nghệ');
      for (const a of opts.actors)
        headers.set(
          a.label,
          await headersFor(t, { ...a, unitCode: a.unitCode === 'TEAM_HAMLET' ? teamHamlet.code : a.unitCode }),
        );
    });
    for (const endpoint of opts.endpoints)
      for (const actor of opts.actors)
        for (const where of ['inside', 'outside'] as const) {
          const expected = actor[where] === 'ok' ? endpoint.ok : actor[where];
          it(`${endpoint.name} · ${actor.label} · ${where} → ${expected}`, async () => {
            const c = await endpoint.prepare(opts.places()[where]);
            const res = await opts.app().app.inject({
              method: c.method,
              url: c.url,
              headers: { ...headers.get(actor.label), ...c.extraHeaders },
              payload: c.payload,
            });
            expect(res.statusCode, res.body.slice(0, 300)).toBe(expected);
            expect(await c.written()).toBe(expected < 300);
            // A refusal says why, in the one error shape and both languages (the caller's first).
            const refusal = REFUSALS[expected];
            if (refusal) {
              const body = res.json() as { error?: { code?: string; message?: string } };
              expect(body.error?.code).toBe(refusal);
              expect(body.error?.message).toMatch(/[À-ỹ]/);
            }
          });
        }
  });
}
