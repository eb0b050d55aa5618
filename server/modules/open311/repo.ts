import { and, desc, eq, gte, inArray, lt, or, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { feedbackCategories, handlingUnits, reports, units } from '../../db/schema/index.js';

/**
 * Read-only queries over the feedback tables in the shape Open311 needs (the feedback service has no list by
 * requested time × category codes × open/closed). Never selects the reporter's name, phone or id.
 */
const REQUEST = {
  id: reports.id,
  publicCode: reports.publicCode,
  status: reports.status,
  cancelReason: reports.cancelReason,
  description: reports.description,
  address: reports.address,
  /** The public position (snapped to the ~500 m grid in sensitive categories, as on the public map). */
  lat: reports.mapLat,
  lng: reports.mapLng,
  createdAt: reports.createdAt,
  updatedAt: reports.updatedAt,
  dueAt: reports.dueAt,
  answerText: reports.answerText,
  serviceCode: feedbackCategories.code,
  serviceNameVi: feedbackCategories.nameVi,
  serviceNameEn: feedbackCategories.nameEn,
  sensitive: feedbackCategories.sensitive,
  agencyVi: handlingUnits.name,
  agencyEn: handlingUnits.nameEn,
  /** The first approved photo (the reporter's before the answer's): Open311's media_url. */
  photoId: sql<
    string | null
  >`(select p.id from report_photos p where p.report_id = ${reports.id} and p.visibility = 'public' order by (p.kind = 'report') desc, p.position limit 1)`,
};

export type RequestRow = Awaited<ReturnType<typeof listRequests>>[number];

const notSpam = sql`(${reports.status} <> 'cancelled' or (${reports.cancelReason} is distinct from 'spam' and ${reports.cancelReason} is distinct from 'withdrawn'))`;

export interface RequestFilter {
  provinceCode: string;
  /** service_request_id list: overrides every other filter. */
  ids?: string[];
  serviceCodes?: string[];
  from: Date;
  to: Date;
  statuses?: ('pending' | 'distributed' | 'resolved' | 'cancelled')[];
  limit: number;
}

export async function listRequests(exec: Executor, f: RequestFilter) {
  const where: SQL[] = [eq(reports.provinceCode, f.provinceCode), notSpam];
  if (f.ids) where.push(inArray(reports.publicCode, f.ids));
  else {
    where.push(gte(reports.createdAt, f.from), lt(reports.createdAt, f.to));
    if (f.serviceCodes) where.push(inArray(feedbackCategories.code, f.serviceCodes));
    if (f.statuses) where.push(inArray(reports.status, f.statuses));
  }
  return exec
    .select(REQUEST)
    .from(reports)
    .innerJoin(feedbackCategories, eq(feedbackCategories.id, reports.categoryId))
    .leftJoin(handlingUnits, eq(handlingUnits.id, reports.handlingUnitId))
    .where(and(...where))
    .orderBy(desc(reports.createdAt), desc(reports.id))
    .limit(f.limit);
}

/** One request by its service_request_id (public code) or, as a token, the report's id. */
export async function findRequest(exec: Executor, provinceCode: string, idOrToken: string) {
  const isUuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(idOrToken);
  const [row] = await exec
    .select(REQUEST)
    .from(reports)
    .innerJoin(feedbackCategories, eq(feedbackCategories.id, reports.categoryId))
    .leftJoin(handlingUnits, eq(handlingUnits.id, reports.handlingUnitId))
    .where(
      and(
        eq(reports.provinceCode, provinceCode),
        notSpam,
        isUuid ? or(eq(reports.id, idOrToken), eq(reports.publicCode, idOrToken)) : eq(reports.publicCode, idOrToken),
      ),
    );
  return row ?? null;
}

/** The province of a jurisdiction_id, or null. */
export async function findProvince(exec: Executor, code: string) {
  const [row] = await exec
    .select({ code: units.code, path: units.path, name: units.fullName })
    .from(units)
    .where(and(eq(units.code, code), eq(units.level, 'province')));
  return row ?? null;
}
