import { and, asc, count, eq, isNull, or, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { feedbackCategories, handlingUnits, routingRules } from '../../db/schema/index.js';
import { invalidateReference } from '../../platform/reference-cache.js';

export type CategoryRow = typeof feedbackCategories.$inferSelect;
export type NewCategory = typeof feedbackCategories.$inferInsert;

export async function listCategories(exec: Executor, provinceCode: string, includeInactive: boolean) {
  return exec
    .select()
    .from(feedbackCategories)
    .where(
      and(
        eq(feedbackCategories.provinceCode, provinceCode),
        includeInactive ? undefined : eq(feedbackCategories.active, true),
      ),
    )
    .orderBy(asc(feedbackCategories.sortOrder), asc(feedbackCategories.code))
    .limit(500);
}

/** A category by id or code. */
export async function findCategory(exec: Executor, idOrCode: string): Promise<CategoryRow | null> {
  const isUuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(idOrCode);
  const [row] = await exec
    .select()
    .from(feedbackCategories)
    .where(isUuid ? eq(feedbackCategories.id, idOrCode) : eq(feedbackCategories.code, idOrCode));
  return row ?? null;
}

/** Inserts categories; codes already there are left alone (seeding twice changes nothing). */
export async function insertCategories(exec: Executor, rows: NewCategory[]): Promise<CategoryRow[]> {
  if (rows.length === 0) return [];
  invalidateReference('feedback_categories');
  return exec.insert(feedbackCategories).values(rows).onConflictDoNothing().returning();
}

export async function updateCategory(exec: Executor, id: string, patch: Partial<NewCategory>): Promise<CategoryRow> {
  invalidateReference('feedback_categories');
  const [row] = await exec
    .update(feedbackCategories)
    .set({ ...patch, updatedAt: sql`now()` })
    .where(eq(feedbackCategories.id, id))
    .returning();
  return row;
}

export type RoutingRuleRow = {
  id: string;
  categoryId: string;
  categoryCode: string;
  communeCode: string | null;
  handlingUnitId: string;
  handlingUnitCode: string;
  handlingUnitName: string;
  createdAt: Date;
};

const ruleColumns = {
  id: routingRules.id,
  categoryId: routingRules.categoryId,
  categoryCode: feedbackCategories.code,
  communeCode: routingRules.communeCode,
  handlingUnitId: routingRules.handlingUnitId,
  handlingUnitCode: handlingUnits.code,
  handlingUnitName: handlingUnits.name,
  createdAt: routingRules.createdAt,
};

export async function listRoutingRules(
  exec: Executor,
  f: { provinceCode: string; categoryId?: string; communeCode?: string },
  page: { limit: number; offset: number },
): Promise<{ rows: RoutingRuleRow[]; total: number }> {
  const where = and(
    eq(feedbackCategories.provinceCode, f.provinceCode),
    f.categoryId ? eq(routingRules.categoryId, f.categoryId) : undefined,
    f.communeCode ? eq(routingRules.communeCode, f.communeCode) : undefined,
  );
  const base = () =>
    exec
      .select(ruleColumns)
      .from(routingRules)
      .innerJoin(feedbackCategories, eq(feedbackCategories.id, routingRules.categoryId))
      .innerJoin(handlingUnits, eq(handlingUnits.id, routingRules.handlingUnitId));
  const [rows, [{ n }]] = await Promise.all([
    base()
      .where(where)
      .orderBy(asc(feedbackCategories.code), sql`${routingRules.communeCode} nulls first`, asc(routingRules.id))
      .limit(page.limit)
      .offset(page.offset),
    exec
      .select({ n: sql<number>`count(*)::int` })
      .from(routingRules)
      .innerJoin(feedbackCategories, eq(feedbackCategories.id, routingRules.categoryId))
      .where(where),
  ]);
  return { rows, total: n };
}

export async function findRoutingRule(exec: Executor, id: string): Promise<RoutingRuleRow | null> {
  const [row] = await exec
    .select(ruleColumns)
    .from(routingRules)
    .innerJoin(feedbackCategories, eq(feedbackCategories.id, routingRules.categoryId))
    .innerJoin(handlingUnits, eq(handlingUnits.id, routingRules.handlingUnitId))
    .where(eq(routingRules.id, id));
  return row ?? null;
}

/** Adds a rule, or replaces the unit of the rule for the same category and commune. */
export async function upsertRoutingRule(
  exec: Executor,
  row: { categoryId: string; communeCode: string | null; handlingUnitId: string; createdBy: string | null },
): Promise<string> {
  const existing = await exec
    .select({ id: routingRules.id })
    .from(routingRules)
    .where(
      and(
        eq(routingRules.categoryId, row.categoryId),
        row.communeCode ? eq(routingRules.communeCode, row.communeCode) : isNull(routingRules.communeCode),
      ),
    );
  if (existing[0]) {
    await exec
      .update(routingRules)
      .set({ handlingUnitId: row.handlingUnitId, createdBy: row.createdBy })
      .where(eq(routingRules.id, existing[0].id));
    return existing[0].id;
  }
  const [inserted] = await exec.insert(routingRules).values(row).returning({ id: routingRules.id });
  return inserted.id;
}

export async function deleteRoutingRule(exec: Executor, id: string): Promise<boolean> {
  return (await exec.delete(routingRules).where(eq(routingRules.id, id)).returning({ id: routingRules.id })).length > 0;
}

/** The unit a rule sends a category's reports from a commune to: the commune's rule, else the province-wide one. */
export async function ruleUnitFor(exec: Executor, categoryId: string, communeCode: string): Promise<string | null> {
  const rows = await exec
    .select({ handlingUnitId: routingRules.handlingUnitId, communeCode: routingRules.communeCode })
    .from(routingRules)
    .innerJoin(handlingUnits, eq(handlingUnits.id, routingRules.handlingUnitId))
    .where(
      and(
        eq(routingRules.categoryId, categoryId),
        eq(handlingUnits.active, true),
        or(eq(routingRules.communeCode, communeCode), isNull(routingRules.communeCode)),
      ),
    );
  return (rows.find((r) => r.communeCode === communeCode) ?? rows[0])?.handlingUnitId ?? null;
}

export async function countCategories(exec: Executor, provinceCode: string): Promise<number> {
  const [row] = await exec
    .select({ n: count() })
    .from(feedbackCategories)
    .where(eq(feedbackCategories.provinceCode, provinceCode));
  return Number(row.n);
}
