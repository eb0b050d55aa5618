import type { Role } from '../../../common/roles.js';
import { createUser } from '../../test/factories.js';
import type { TestApp } from '../../test/harness.js';

/** Points inside known communes of Thái Nguyên (checked against the boundaries in units.test.ts). */
export const DINH_HOA = { lat: 21.91013, lng: 105.59381, code: '05569' };
export const PHAN_DINH_PHUNG = { lat: 21.5928, lng: 105.8442, code: '05443' };

export interface Person {
  id: string;
  headers: Record<string, string>;
}

/** A signed-in person holding one role (in a unit, or in a handling unit for officers). */
export async function person(
  t: TestApp,
  role: Role,
  scope: { unitCode?: string; handlingUnitCode?: string } = {},
): Promise<Person> {
  const user = await createUser(t.db, { role, ...scope });
  return { id: user.id, headers: await t.sessionHeaders(user.id) };
}

export async function categoryId(t: TestApp, code: string): Promise<string> {
  const [row] = await t.database.query<{ id: string }>('select id from feedback_categories where code = $1', [code]);
  return row.id;
}

export async function handlingUnitId(t: TestApp, code: string): Promise<string> {
  const [row] = await t.database.query<{ id: string }>('select id from handling_units where code = $1', [code]);
  return row.id;
}

/** POST /api/reports as someone; returns the response. */
export function submit(t: TestApp, who: Person | null, body: object, headers: Record<string, string> = {}) {
  return t.app.inject({
    method: 'POST',
    url: '/api/reports',
    headers: { ...(who?.headers ?? {}), ...headers },
    payload: body,
  });
}

/** POST /api/reports/:id/<action>. */
export function act(t: TestApp, who: Person | null, id: string, action: string, body: object = {}) {
  return t.app.inject({
    method: 'POST',
    url: `/api/reports/${id}/${action}`,
    headers: who?.headers ?? {},
    payload: body,
  });
}

export function get(t: TestApp, who: Person | null, url: string) {
  return t.app.inject({ method: 'GET', url, headers: who?.headers ?? {} });
}

/** Counts rows of the feedback tables for a report id (or all). */
export async function countRows(t: TestApp, table: string, reportId?: string): Promise<number> {
  const [row] = await t.database.query<{ n: number }>(
    `select count(*)::int as n from ${table}${reportId ? ' where report_id = $1' : ''}`,
    reportId ? [reportId] : [],
  );
  return row.n;
}

/** Sum of the statistics rollup by status for a commune. */
export async function statsByStatus(t: TestApp, communeCode: string): Promise<Record<string, number>> {
  const rows = await t.database.query<{ status: string; n: number }>(
    'select status, sum(reports)::int as n from report_stats_daily where commune_code = $1 group by status',
    [communeCode],
  );
  return Object.fromEntries(rows.filter((r) => r.n !== 0).map((r) => [r.status, r.n]));
}
