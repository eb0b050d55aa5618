import { and, asc, eq, getTableColumns, inArray, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { catalogGuides, catalogLinks, catalogServices, catalogSteps } from '../../db/schema/index.js';
import { escapeLike } from '../../platform/like.js';

export type ServiceRecord = typeof catalogServices.$inferSelect;
export type NewService = typeof catalogServices.$inferInsert;
export type ServiceRow = ServiceRecord & { guideCount: number };
export type LinkRecord = typeof catalogLinks.$inferSelect;
export type GuideRecord = typeof catalogGuides.$inferSelect;
export type NewGuide = typeof catalogGuides.$inferInsert;
export type GuideRow = GuideRecord & { stepCount: number };
export type StepRecord = typeof catalogSteps.$inferSelect;

const catalogServicesColumns = getTableColumns(catalogServices);

// Subqueries name the outer table in full: drizzle leaves a column of a one-table query unqualified.
/** Guides counted for a reader: all of them for an editor, else only published ones. */
const guideCount = (all: boolean) =>
  sql<number>`(select count(*)::int from ${catalogGuides} g where g.service_id = catalog_services.id
    ${all ? sql`` : sql`and g.published`})`;

export interface ServiceFilter {
  /** Only published services (a public list); else all of these provinces. */
  publishedOnly: boolean;
  provinceCodes?: string[];
  pillar?: ServiceRecord['pillar'];
  q?: string;
}

/** Services by pillar and order; `q` matches name, publisher or purpose whatever the diacritics. */
export async function listServices(exec: Executor, f: ServiceFilter): Promise<ServiceRow[]> {
  const where: SQL[] = [];
  if (f.publishedOnly) where.push(eq(catalogServices.published, true));
  if (f.provinceCodes) where.push(inArray(catalogServices.provinceCode, f.provinceCodes));
  if (f.pillar) where.push(eq(catalogServices.pillar, f.pillar));
  if (f.q)
    where.push(
      sql`vn_fold(${catalogServices.name} || ' ' || coalesce(${catalogServices.nameEn}, '') || ' ' ||
        ${catalogServices.publisher} || ' ' || ${catalogServices.purpose}) like '%' || vn_fold(${escapeLike(f.q)}) || '%'`,
    );
  return exec
    .select({ ...catalogServicesColumns, guideCount: guideCount(!f.publishedOnly) })
    .from(catalogServices)
    .where(and(...where))
    .orderBy(asc(catalogServices.pillar), asc(catalogServices.sortOrder), asc(catalogServices.name));
}

export async function findService(exec: Executor, slug: string, includeUnpublished: boolean) {
  const [row] = await exec
    .select({ ...catalogServicesColumns, guideCount: guideCount(includeUnpublished) })
    .from(catalogServices)
    .where(eq(catalogServices.slug, slug));
  return row ?? null;
}

export async function findServiceById(exec: Executor, id: string): Promise<ServiceRecord | null> {
  const [row] = await exec.select().from(catalogServices).where(eq(catalogServices.id, id));
  return row ?? null;
}

export async function slugTaken(exec: Executor, slug: string): Promise<boolean> {
  const [row] = await exec
    .select({ id: catalogServices.id })
    .from(catalogServices)
    .where(eq(catalogServices.slug, slug));
  return !!row;
}

export async function insertService(exec: Executor, values: NewService): Promise<ServiceRecord> {
  const [row] = await exec.insert(catalogServices).values(values).returning();
  return row;
}

export async function updateService(exec: Executor, id: string, values: Partial<NewService>): Promise<void> {
  await exec
    .update(catalogServices)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(catalogServices.id, id));
}

export async function listLinks(exec: Executor, serviceId: string): Promise<LinkRecord[]> {
  return exec
    .select()
    .from(catalogLinks)
    .where(eq(catalogLinks.serviceId, serviceId))
    .orderBy(asc(catalogLinks.position));
}

/** Replaces a service's links with the given list, in order. */
export async function replaceLinks(
  exec: Executor,
  serviceId: string,
  links: Omit<typeof catalogLinks.$inferInsert, 'serviceId' | 'position'>[],
): Promise<void> {
  await exec.delete(catalogLinks).where(eq(catalogLinks.serviceId, serviceId));
  if (links.length) await exec.insert(catalogLinks).values(links.map((l, position) => ({ ...l, serviceId, position })));
}

const guideColumns = {
  ...getTableColumns(catalogGuides),
  stepCount: sql<number>`(select count(*)::int from ${catalogSteps} s where s.guide_id = catalog_guides.id)`,
};

export async function listGuides(exec: Executor, serviceId: string, includeUnpublished: boolean): Promise<GuideRow[]> {
  return exec
    .select(guideColumns)
    .from(catalogGuides)
    .where(
      and(eq(catalogGuides.serviceId, serviceId), includeUnpublished ? undefined : eq(catalogGuides.published, true)),
    )
    .orderBy(asc(catalogGuides.sortOrder), asc(catalogGuides.createdAt));
}

/** A guide with its service (the service's province is what 'catalog.manage' is checked against). */
export async function findGuide(exec: Executor, id: string) {
  const [row] = await exec
    .select({ guide: guideColumns, service: catalogServices })
    .from(catalogGuides)
    .innerJoin(catalogServices, eq(catalogServices.id, catalogGuides.serviceId))
    .where(eq(catalogGuides.id, id));
  return row ?? null;
}

export async function insertGuide(exec: Executor, values: NewGuide): Promise<GuideRecord> {
  const [row] = await exec.insert(catalogGuides).values(values).returning();
  return row;
}

export async function updateGuide(exec: Executor, id: string, values: Partial<NewGuide>): Promise<void> {
  await exec
    .update(catalogGuides)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(catalogGuides.id, id));
}

export async function listSteps(exec: Executor, guideId: string): Promise<StepRecord[]> {
  return exec.select().from(catalogSteps).where(eq(catalogSteps.guideId, guideId)).orderBy(asc(catalogSteps.position));
}

export async function insertSteps(
  exec: Executor,
  guideId: string,
  steps: { id?: string; position: number; text: string; textEn?: string | null }[],
): Promise<void> {
  if (steps.length) await exec.insert(catalogSteps).values(steps.map((s) => ({ ...s, guideId })));
}

/**
 * Writes a guide's steps as the given ordered list: kept steps (by id) get their new text and position, others are
 * new; steps left out are deleted and returned (their image files are the caller's to remove after commit).
 */
export async function replaceSteps(
  exec: Executor,
  guideId: string,
  steps: { id?: string; text: string; textEn?: string | null }[],
): Promise<StepRecord[]> {
  const kept = steps.flatMap((s) => (s.id ? [s.id] : []));
  const removed = await exec
    .delete(catalogSteps)
    .where(
      and(
        eq(catalogSteps.guideId, guideId),
        kept.length
          ? sql`${catalogSteps.id} not in (${sql.join(
              kept.map((id) => sql`${id}::uuid`),
              sql`, `,
            )})`
          : undefined,
      ),
    )
    .returning();
  // Move kept steps out of the way first: (guide, position) is unique and positions may swap.
  await exec
    .update(catalogSteps)
    .set({ position: sql`-1 - ${catalogSteps.position}` })
    .where(eq(catalogSteps.guideId, guideId));
  for (const [position, s] of steps.entries()) {
    if (s.id)
      await exec
        .update(catalogSteps)
        .set({ position, text: s.text, textEn: s.textEn ?? null })
        .where(and(eq(catalogSteps.id, s.id), eq(catalogSteps.guideId, guideId)));
    else await exec.insert(catalogSteps).values({ guideId, position, text: s.text, textEn: s.textEn ?? null });
  }
  return removed;
}

/** A step with its guide and service (for authorization and visibility). */
export async function findStep(exec: Executor, id: string) {
  const [row] = await exec
    .select({ step: catalogSteps, guidePublished: catalogGuides.published, service: catalogServices })
    .from(catalogSteps)
    .innerJoin(catalogGuides, eq(catalogGuides.id, catalogSteps.guideId))
    .innerJoin(catalogServices, eq(catalogServices.id, catalogGuides.serviceId))
    .where(eq(catalogSteps.id, id));
  return row ?? null;
}

export async function setStepImage(
  exec: Executor,
  id: string,
  image: { imageKey: string; thumbKey: string; imageWidth: number; imageHeight: number } | null,
): Promise<void> {
  await exec
    .update(catalogSteps)
    .set(image ?? { imageKey: null, thumbKey: null, imageWidth: null, imageHeight: null })
    .where(eq(catalogSteps.id, id));
}

export async function serviceCount(exec: Executor, provinceCode: string): Promise<number> {
  const [row] = await exec
    .select({ n: sql<number>`count(*)::int` })
    .from(catalogServices)
    .where(eq(catalogServices.provinceCode, provinceCode));
  return row.n;
}

/** Published services by id (tags of a support question), with their province. */
export async function findPublishedByIds(exec: Executor, ids: string[]): Promise<ServiceRecord[]> {
  if (!ids.length) return [];
  return exec
    .select()
    .from(catalogServices)
    .where(and(inArray(catalogServices.id, ids), eq(catalogServices.published, true)));
}
