import { and, eq, inArray, type SQL, type SQLWrapper, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { queryRows } from '../../db/rows.js';
import { handlingUnitAreas, handlingUnits, units } from '../../db/schema/index.js';
import { pathCoveredBy } from '../../platform/unit-scope-sql.js';

export type HandlingUnitRecord = typeof handlingUnits.$inferSelect;
export type NewHandlingUnit = typeof handlingUnits.$inferInsert;
export type HandlingUnitRow = HandlingUnitRecord & { unitName: string; unitPath: string; servedCount: number };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Handling units are addressed by id (uuid) or by code ("ubnd-05569"). */
export const byIdOrCode = (idOrCode: string) =>
  UUID.test(idOrCode) ? eq(handlingUnits.id, idOrCode.toLowerCase()) : eq(handlingUnits.code, idOrCode);

const columns = {
  id: handlingUnits.id,
  code: handlingUnits.code,
  name: handlingUnits.name,
  nameEn: handlingUnits.nameEn,
  kind: handlingUnits.kind,
  unitCode: handlingUnits.unitCode,
  provinceCode: handlingUnits.provinceCode,
  parentId: handlingUnits.parentId,
  email: handlingUnits.email,
  phone: handlingUnits.phone,
  active: handlingUnits.active,
  createdAt: handlingUnits.createdAt,
  updatedAt: handlingUnits.updatedAt,
  unitName: units.fullName,
  unitPath: units.path,
  servedCount: sql<number>`(select count(*)::int from ${handlingUnitAreas} a where a.handling_unit_id = ${handlingUnits.id})`,
};

/**
 * SQL for the id of the People's Committee that screens a commune's reports: the commune committee serving the
 * commune (active first, then the commune's own), or null. One rule for every domain that needs it. Pass a column
 * qualified by its table (sql`${reports}.commune_code`): in a one-table query drizzle writes a column bare, and a bare
 * commune_code here would be the committee area's own.
 */
export const communeCommitteeIdSql = (communeCode: SQLWrapper | string) =>
  sql<string | null>`(select h.id from ${handlingUnits} h
    join ${handlingUnitAreas} a on a.handling_unit_id = h.id
    where a.commune_code = ${communeCode} and h.kind = 'commune_committee'
    order by h.active desc, (h.unit_code = ${communeCode}) desc
    limit 1)`;

/** The id of the People's Committee that screens a commune's reports (see communeCommitteeIdSql). */
export async function findCommuneCommitteeId(exec: Executor, communeCode: string): Promise<string | null> {
  const [row] = await queryRows<{ id: string | null }>(exec, sql`select ${communeCommitteeIdSql(communeCode)} as id`);
  return row?.id ?? null;
}

export async function findHandlingUnit(exec: Executor, idOrCode: string): Promise<HandlingUnitRow | null> {
  const [row] = await exec
    .select(columns)
    .from(handlingUnits)
    .innerJoin(units, eq(units.code, handlingUnits.unitCode))
    .where(byIdOrCode(idOrCode));
  return row ?? null;
}

export async function lockHandlingUnit(exec: Executor, id: string): Promise<HandlingUnitRecord | null> {
  const [row] = await exec.select().from(handlingUnits).where(eq(handlingUnits.id, id)).for('update');
  return row ?? null;
}

export interface HandlingUnitFilter {
  /** Path of an administrative unit: handling units belonging to it or below it. */
  unitPath?: string;
  serves?: string;
  q?: string;
  kind?: HandlingUnitRecord['kind'];
  includeInactive: boolean;
}

const folded = (q: string) => sql`vn_fold(${q})`;
function conditions(f: HandlingUnitFilter): SQL[] {
  const where: SQL[] = [];
  if (f.unitPath) where.push(pathCoveredBy(units.path, [f.unitPath]));
  if (f.serves)
    where.push(
      sql`exists (select 1 from ${handlingUnitAreas} a where a.handling_unit_id = ${handlingUnits.id} and a.commune_code = ${f.serves})`,
    );
  if (f.q)
    where.push(
      sql`(vn_fold(${handlingUnits.name}) like '%' || ${folded(f.q)} || '%' or ${folded(f.q)} <% vn_fold(${handlingUnits.name}))`,
    );
  if (f.kind) where.push(eq(handlingUnits.kind, f.kind));
  if (!f.includeInactive) where.push(eq(handlingUnits.active, true));
  return where;
}

/** The province's own bodies first, then commune committees; with `q`, by relevance. */
export async function listHandlingUnits(
  exec: Executor,
  f: HandlingUnitFilter,
  page: { limit: number; offset: number },
): Promise<{ rows: HandlingUnitRow[]; total: number }> {
  const kindRank = sql`case ${handlingUnits.kind} when 'province_committee' then 0 when 'department' then 1
    when 'agency' then 2 when 'utility' then 3 else 4 end`;
  const order = f.q
    ? [
        sql`case when vn_fold(${handlingUnits.name}) like ${folded(f.q)} || '%' then 0
          when vn_fold(${handlingUnits.name}) like '%' || ${folded(f.q)} || '%' then 1 else 2 end`,
        sql`word_similarity(${folded(f.q)}, vn_fold(${handlingUnits.name})) desc`,
        kindRank,
        handlingUnits.code,
      ]
    : [kindRank, handlingUnits.unitCode, handlingUnits.code];
  const rows = await exec
    .select({ ...columns, total: sql<number>`(count(*) over ())::int` })
    .from(handlingUnits)
    .innerJoin(units, eq(units.code, handlingUnits.unitCode))
    .where(and(...conditions(f)))
    .orderBy(...order)
    .limit(page.limit)
    .offset(page.offset);
  return { rows: rows.map(({ total: _t, ...r }) => r), total: rows[0]?.total ?? 0 };
}

export async function listServedCommunes(exec: Executor, id: string) {
  return exec
    .select({ code: units.code, kind: units.kind, fullName: units.fullName, name: units.name })
    .from(handlingUnitAreas)
    .innerJoin(units, eq(units.code, handlingUnitAreas.communeCode))
    .where(eq(handlingUnitAreas.handlingUnitId, id));
}

export async function listServedCodes(exec: Executor, id: string): Promise<string[]> {
  const rows = await exec
    .select({ code: handlingUnitAreas.communeCode })
    .from(handlingUnitAreas)
    .where(eq(handlingUnitAreas.handlingUnitId, id));
  return rows.map((r) => r.code);
}

export async function countActiveChildren(exec: Executor, id: string): Promise<number> {
  const [row] = await exec
    .select({ n: sql<number>`count(*)::int` })
    .from(handlingUnits)
    .where(and(eq(handlingUnits.parentId, id), eq(handlingUnits.active, true)));
  return row.n;
}

/** Of the given codes, those that are communes of the province. */
export async function communesOfProvince(exec: Executor, provinceCode: string, codes: string[]): Promise<string[]> {
  if (codes.length === 0) return [];
  const rows = await exec
    .select({ code: units.code })
    .from(units)
    .where(and(inArray(units.code, codes), eq(units.level, 'commune'), eq(units.provinceCode, provinceCode)));
  return rows.map((r) => r.code);
}

export async function codeTaken(exec: Executor, code: string): Promise<boolean> {
  const [row] = await exec.select({ id: handlingUnits.id }).from(handlingUnits).where(eq(handlingUnits.code, code));
  return !!row;
}

export async function insertHandlingUnit(exec: Executor, row: NewHandlingUnit): Promise<HandlingUnitRecord> {
  const [inserted] = await exec.insert(handlingUnits).values(row).returning();
  return inserted;
}

export async function updateHandlingUnit(
  exec: Executor,
  id: string,
  patch: Partial<Omit<NewHandlingUnit, 'id' | 'code' | 'unitCode' | 'provinceCode'>>,
): Promise<void> {
  await exec
    .update(handlingUnits)
    .set({ ...patch, updatedAt: sql`now()` })
    .where(eq(handlingUnits.id, id));
}

export async function replaceAreas(exec: Executor, id: string, communeCodes: string[]): Promise<void> {
  await exec.delete(handlingUnitAreas).where(eq(handlingUnitAreas.handlingUnitId, id));
  for (let i = 0; i < communeCodes.length; i += 500)
    await exec
      .insert(handlingUnitAreas)
      .values(communeCodes.slice(i, i + 500).map((c) => ({ handlingUnitId: id, communeCode: c })));
}

/** The escalation parent of a handling unit (id and province only), to walk the chain. */
export async function parentOf(exec: Executor, id: string): Promise<{ parentId: string | null } | null> {
  const [row] = await exec
    .select({ parentId: handlingUnits.parentId })
    .from(handlingUnits)
    .where(eq(handlingUnits.id, id));
  return row ?? null;
}
