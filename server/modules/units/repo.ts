import { and, eq, inArray, isNull, ne, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Executor } from '../../db/client.js';
import { units } from '../../db/schema/index.js';
import { invalidateReference } from '../../platform/reference-cache.js';

export type UnitRecord = typeof units.$inferSelect;
export type UnitWithParent = UnitRecord & { parentFullName: string | null };
export type NewUnit = typeof units.$inferInsert;

const parent = alias(units, 'parent');
const withParent = {
  code: units.code,
  parentCode: units.parentCode,
  level: units.level,
  kind: units.kind,
  name: units.name,
  fullName: units.fullName,
  nameEn: units.nameEn,
  fullNameEn: units.fullNameEn,
  path: units.path,
  provinceCode: units.provinceCode,
  status: units.status,
  mergedInto: units.mergedInto,
  households: units.households,
  population: units.population,
  createdAt: units.createdAt,
  updatedAt: units.updatedAt,
  parentFullName: parent.fullName,
};

export interface UnitFilter {
  parentCode?: string | null;
  provinceCode?: string;
  level?: 'province' | 'commune' | 'hamlet';
  includeRetired: boolean;
}

function filterConditions(f: UnitFilter): SQL[] {
  const where: SQL[] = [];
  if (f.parentCode === null) where.push(isNull(units.parentCode));
  else if (f.parentCode !== undefined) where.push(eq(units.parentCode, f.parentCode));
  if (f.provinceCode) where.push(eq(units.provinceCode, f.provinceCode));
  if (f.level) where.push(eq(units.level, f.level));
  if (!f.includeRetired) where.push(eq(units.status, 'active'));
  return where;
}

export async function findUnit(exec: Executor, code: string): Promise<UnitWithParent | null> {
  const [row] = await exec
    .select(withParent)
    .from(units)
    .leftJoin(parent, eq(parent.code, units.parentCode))
    .where(eq(units.code, code));
  return row ?? null;
}

/** Locks a unit's row for the rest of the transaction: hamlet writes of one commune go one at a time. */
export async function lockUnit(exec: Executor, code: string): Promise<UnitRecord | null> {
  const [row] = await exec.select().from(units).where(eq(units.code, code)).for('update');
  return row ?? null;
}

export async function findUnitsByCodes(exec: Executor, codes: string[]): Promise<UnitRecord[]> {
  if (codes.length === 0) return [];
  return exec.select().from(units).where(inArray(units.code, codes));
}

/** Every unit matching the filter (children of one unit: at most a few hundred), unordered. */
export async function listUnits(exec: Executor, f: UnitFilter, cap = 5000): Promise<UnitWithParent[]> {
  return exec
    .select(withParent)
    .from(units)
    .leftJoin(parent, eq(parent.code, units.parentCode))
    .where(and(...filterConditions(f)))
    .limit(cap);
}

/** Folded search text for SQL (the caller has removed LIKE wildcards: they are part of no name). */
const folded = (q: string) => sql`vn_fold(${q})`;
const matches = (q: string) =>
  sql`(vn_fold(${units.fullName}) like '%' || ${folded(q)} || '%' or ${folded(q)} <% vn_fold(${units.fullName}))`;

/**
 * Diacritic-insensitive search through vn_fold() and pg_trgm (both indexable on the GIN trigram index):
 * exact name first, then names starting with the text, then containing it, then similar (typos).
 */
export async function searchUnits(
  exec: Executor,
  q: string,
  f: UnitFilter,
  page: { limit: number; offset: number },
): Promise<{ rows: UnitWithParent[]; total: number }> {
  const fq = folded(q);
  const rank = sql<number>`case
      when vn_fold(${units.name}) = ${fq} or vn_fold(${units.fullName}) = ${fq} then 0
      when vn_fold(${units.name}) like ${fq} || '%' or vn_fold(${units.fullName}) like ${fq} || '%' then 1
      when vn_fold(${units.fullName}) like '%' || ${fq} || '%' then 2
      else 3 end`;
  const rows = await exec
    .select({ ...withParent, total: sql<number>`(count(*) over ())::int` })
    .from(units)
    .leftJoin(parent, eq(parent.code, units.parentCode))
    .where(and(matches(q), ...filterConditions(f)))
    .orderBy(
      rank,
      sql`word_similarity(${fq}, vn_fold(${units.fullName})) desc`,
      sql`similarity(${fq}, vn_fold(${units.fullName})) desc`,
      units.level,
      units.code,
    )
    .limit(page.limit)
    .offset(page.offset);
  return { rows: rows.map(({ total: _t, ...r }) => r), total: rows[0]?.total ?? 0 };
}

export async function countSearchByKind(exec: Executor, q: string, f: UnitFilter) {
  return exec
    .select({ kind: units.kind, n: sql<number>`count(*)::int` })
    .from(units)
    .where(and(matches(q), ...filterConditions(f)))
    .groupBy(units.kind);
}

export async function countChildren(exec: Executor, code: string) {
  return exec
    .select({ kind: units.kind, status: units.status, n: sql<number>`count(*)::int` })
    .from(units)
    .where(eq(units.parentCode, code))
    .groupBy(units.kind, units.status);
}

/** The highest NNN among a commune's hamlet codes `<commune>-NNN`, retired ones included (codes are never reused). */
export async function maxHamletNumber(exec: Executor, communeCode: string): Promise<number> {
  const [row] = await exec
    .select({
      n: sql<number>`coalesce(max(nullif(substring(${units.code} from '-([0-9]+)$'), '')::int), 0)::int`,
    })
    .from(units)
    .where(and(eq(units.parentCode, communeCode), eq(units.level, 'hamlet')));
  return row.n;
}

/** An active hamlet of the commune with the same name or full name, compared through vn_fold(). */
export async function findSameNameHamlet(
  exec: Executor,
  communeCode: string,
  name: string,
  fullName: string,
  exceptCode?: string,
): Promise<UnitRecord | null> {
  const [row] = await exec
    .select()
    .from(units)
    .where(
      and(
        eq(units.parentCode, communeCode),
        eq(units.level, 'hamlet'),
        eq(units.status, 'active'),
        exceptCode ? ne(units.code, exceptCode) : undefined,
        sql`(vn_fold(${units.name}) in (vn_fold(${name}), vn_fold(${fullName}))
          or vn_fold(${units.fullName}) in (vn_fold(${name}), vn_fold(${fullName})))`,
      ),
    )
    .limit(1);
  return row ?? null;
}

export async function insertUnitRows(exec: Executor, rows: NewUnit[]): Promise<UnitRecord[]> {
  invalidateReference('units');
  const out: UnitRecord[] = [];
  for (let i = 0; i < rows.length; i += 500) {
    out.push(
      ...(await exec
        .insert(units)
        .values(rows.slice(i, i + 500))
        .returning()),
    );
  }
  return out;
}

export async function updateUnit(
  exec: Executor,
  code: string,
  patch: Partial<Omit<NewUnit, 'code' | 'path' | 'parentCode' | 'provinceCode' | 'level'>>,
): Promise<UnitRecord> {
  invalidateReference('units');
  const [row] = await exec
    .update(units)
    .set({ ...patch, updatedAt: sql`now()` })
    .where(eq(units.code, code))
    .returning();
  return row;
}

/** Hamlets merged earlier into `from` now point at `to`: merged_into always names an active hamlet. */
export async function repointMerged(exec: Executor, from: string, to: string): Promise<string[]> {
  invalidateReference('units');
  const rows = await exec
    .update(units)
    .set({ mergedInto: to, updatedAt: sql`now()` })
    .where(eq(units.mergedInto, from))
    .returning({ code: units.code });
  return rows.map((r) => r.code);
}
