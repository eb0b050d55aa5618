import { sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { queryRows } from '../../db/rows.js';
import {
  campaignCommuneTargets,
  campaignFocus,
  campaignMetrics,
  campaigns,
  campaignTeamTargets,
} from '../../db/schema/index.js';

/**
 * Campaigns' SQL. Writes only the campaign tables; reads the catalog's services and guides, the teams, the units and
 * the activity log's count views (activity_team_services, activity_commune_services: rows are summands, always
 * summed) read-only, as a read model may.
 */

export type CampaignRow = typeof campaigns.$inferSelect;
export type NewCampaign = typeof campaigns.$inferInsert;
export interface MetricKey {
  serviceId: string;
  action: string;
}
export interface ServiceRef {
  id: string;
  slug: string;
  name: string;
  nameEn: string | null;
  provinceCode: string;
  published: boolean;
}

const campaignColumns = sql`c.id, c.province_code as "provinceCode", c.title, c.what_to_do as "whatToDo",
  c.from_month::text as "fromMonth", c.to_month::text as "toMonth", c.status, c.updated_at as "updatedAt"`;
export interface CampaignRecord {
  id: string;
  provinceCode: string;
  title: string;
  whatToDo: string;
  fromMonth: string;
  toMonth: string;
  status: 'draft' | 'published';
  updatedAt: Date | string;
}

export async function findCampaign(exec: Executor, id: string, lock = false): Promise<CampaignRecord | null> {
  const [row] = await queryRows<CampaignRecord>(
    exec,
    sql`select ${campaignColumns} from campaigns c where c.id = ${id} ${lock ? sql`for update` : sql``}`,
  );
  return row ?? null;
}

export async function listCampaigns(exec: Executor, provinceCode: string, includeDrafts: boolean) {
  return queryRows<CampaignRecord>(
    exec,
    sql`select ${campaignColumns} from campaigns c where c.province_code = ${provinceCode}
      ${includeDrafts ? sql`` : sql`and c.status = 'published'`}
      order by c.from_month desc, c.created_at desc limit 500`,
  );
}

/** The published campaign of a province running in `month` (the latest started, if several). */
export async function currentCampaign(exec: Executor, provinceCode: string, month: string) {
  const [row] = await queryRows<CampaignRecord>(
    exec,
    sql`select ${campaignColumns} from campaigns c where c.province_code = ${provinceCode} and c.status = 'published'
      and c.from_month <= ${month}::date and c.to_month >= ${month}::date
      order by c.from_month desc, c.created_at desc limit 1`,
  );
  return row ?? null;
}

export async function insertCampaign(exec: Executor, values: NewCampaign) {
  const [row] = await exec.insert(campaigns).values(values).returning({ id: campaigns.id });
  return row.id;
}

export async function updateCampaign(exec: Executor, id: string, values: Partial<NewCampaign>) {
  await exec
    .update(campaigns)
    .set({ ...values, updatedAt: new Date() })
    .where(sql`${campaigns.id} = ${id}`);
}

/** Replaces the focus, the metrics and the commune targets; a team target of a metric no longer counted goes too. */
export async function replaceContent(
  exec: Executor,
  id: string,
  focus: string[],
  metrics: MetricKey[],
  targets: { communeCode: string; serviceId: string; action: string; target: number }[],
) {
  await exec.execute(sql`delete from campaign_focus where campaign_id = ${id}`);
  await exec.execute(sql`delete from campaign_metrics where campaign_id = ${id}`);
  await exec.execute(sql`delete from campaign_commune_targets where campaign_id = ${id}`);
  if (focus.length)
    await exec
      .insert(campaignFocus)
      .values(focus.map((serviceId, position) => ({ campaignId: id, serviceId, position })));
  if (metrics.length)
    await exec
      .insert(campaignMetrics)
      .values(
        metrics.map((m, position) => ({ campaignId: id, serviceId: m.serviceId, action: m.action as never, position })),
      );
  for (let i = 0; i < targets.length; i += 1000)
    await exec
      .insert(campaignCommuneTargets)
      .values(targets.slice(i, i + 1000).map((t) => ({ campaignId: id, ...t, action: t.action as never })));
  await exec.execute(sql`delete from campaign_team_targets t where t.campaign_id = ${id} and not exists (
      select 1 from campaign_metrics m where m.campaign_id = t.campaign_id and m.service_id = t.service_id
        and m.action = t.action)`);
}

export async function focusOf(exec: Executor, ids: string[]) {
  if (!ids.length) return [];
  return queryRows<ServiceRef & { campaignId: string }>(
    exec,
    sql`select f.campaign_id as "campaignId", s.id, s.slug, s.name, s.name_en as "nameEn",
        s.province_code as "provinceCode", s.published
      from campaign_focus f join catalog_services s on s.id = f.service_id
      where f.campaign_id = any(${sql.param(ids)}::uuid[]) order by f.campaign_id, f.position`,
  );
}

export async function metricsOf(exec: Executor, id: string) {
  return queryRows<{ serviceId: string; action: string; serviceName: string; serviceSlug: string }>(
    exec,
    sql`select m.service_id as "serviceId", m.action, s.name as "serviceName", s.slug as "serviceSlug"
      from campaign_metrics m join catalog_services s on s.id = m.service_id
      where m.campaign_id = ${id} order by m.position`,
  );
}

export async function communeTargetsOf(exec: Executor, id: string, communeCode?: string) {
  return queryRows<{ communeCode: string; communeName: string; serviceId: string; action: string; target: number }>(
    exec,
    sql`select t.commune_code as "communeCode", u.full_name as "communeName", t.service_id as "serviceId", t.action,
        t.target from campaign_commune_targets t join units u on u.code = t.commune_code
      where t.campaign_id = ${id} ${communeCode ? sql`and t.commune_code = ${communeCode}` : sql``}
      order by u.full_name, t.commune_code`,
  );
}

export async function teamTargetsOf(exec: Executor, id: string, communeCode: string) {
  return queryRows<{ teamId: string; serviceId: string; action: string; target: number }>(
    exec,
    sql`select team_id as "teamId", service_id as "serviceId", action, target from campaign_team_targets
      where campaign_id = ${id} and commune_code = ${communeCode}`,
  );
}

export async function replaceTeamTargets(
  exec: Executor,
  id: string,
  communeCode: string,
  targets: { teamId: string; serviceId: string; action: string; target: number }[],
) {
  await exec.execute(
    sql`delete from campaign_team_targets where campaign_id = ${id} and commune_code = ${communeCode}`,
  );
  for (let i = 0; i < targets.length; i += 1000)
    await exec
      .insert(campaignTeamTargets)
      .values(
        targets.slice(i, i + 1000).map((t) => ({ campaignId: id, communeCode, ...t, action: t.action as never })),
      );
}

/** Catalog services by id (any province; the service checks which are the campaign's). */
export async function servicesByIds(exec: Executor, ids: string[]) {
  if (!ids.length) return [];
  return queryRows<ServiceRef>(
    exec,
    sql`select id, slug, name, name_en as "nameEn", province_code as "provinceCode", published
      from catalog_services where id = any(${sql.param(ids)}::uuid[])`,
  );
}

export async function publishedGuidesOf(exec: Executor, serviceIds: string[]) {
  if (!serviceIds.length) return [];
  return queryRows<{ serviceId: string; id: string; title: string }>(
    exec,
    sql`select service_id as "serviceId", id, title from catalog_guides
      where service_id = any(${sql.param(serviceIds)}::uuid[]) and published order by service_id, sort_order, title`,
  );
}

/** Active communes of a province (code, name), or the ones asked. */
export async function communesOf(exec: Executor, provinceCode: string, codes?: string[]) {
  return queryRows<{ code: string; name: string }>(
    exec,
    sql`select code, full_name as name from units where parent_code = ${provinceCode} and level = 'commune'
      and status = 'active' ${codes ? sql`and code = any(${sql.param(codes)}::text[])` : sql``}
      order by full_name, code`,
  );
}

/** The teams of a commune that can hold a target: active now, with their hamlet's name. */
export async function teamsOfCommune(exec: Executor, communeCode: string) {
  return queryRows<{ id: string; name: string; hamletName: string }>(
    exec,
    sql`select t.id, t.name, h.full_name as "hamletName" from teams t join units h on h.code = t.hamlet_code
      where t.commune_code = ${communeCode} and t.dissolved_on is null order by h.full_name, t.id`,
  );
}

/** The active team of a hamlet (a member's team). */
export async function activeTeamOfHamlet(exec: Executor, hamletCode: string) {
  const [row] = await queryRows<{ id: string; name: string; hamletName: string; communeCode: string }>(
    exec,
    sql`select t.id, t.name, h.full_name as "hamletName", t.commune_code as "communeCode"
      from teams t join units h on h.code = t.hamlet_code
      where t.hamlet_code = ${hamletCode} and t.dissolved_on is null limit 1`,
  );
  return row ?? null;
}

export interface DoneRow {
  key: string;
  serviceId: string;
  action: string;
  done: number;
}

const metricFilter = (metrics: MetricKey[]) =>
  sql`(service_id, action) in (${sql.join(
    metrics.map((m) => sql`(${m.serviceId}, ${m.action})`),
    sql`, `,
  )})`;

/** People helped to the end per commune and metric in [from, to] months (the commune rollup, summed). */
export async function doneByCommune(
  exec: Executor,
  communeCodes: string[],
  metrics: MetricKey[],
  from: string,
  to: string,
) {
  if (!metrics.length || !communeCodes.length) return [];
  return queryRows<DoneRow>(
    exec,
    sql`select commune_code as key, service_id as "serviceId", action, sum(item_people)::int as done
      from activity_commune_services
      where commune_code = any(${sql.param(communeCodes)}::text[]) and outcome = 'done'
        and month between ${from}::date and ${to}::date and ${metricFilter(metrics)}
      group by commune_code, service_id, action`,
  );
}

/** The same per team of a commune (the team rollup, summed). */
export async function doneByTeam(exec: Executor, communeCode: string, metrics: MetricKey[], from: string, to: string) {
  if (!metrics.length) return [];
  return queryRows<DoneRow>(
    exec,
    sql`select team_id::text as key, service_id as "serviceId", action, sum(item_people)::int as done
      from activity_team_services
      where commune_code = ${communeCode} and outcome = 'done'
        and month between ${from}::date and ${to}::date and ${metricFilter(metrics)}
      group by team_id, service_id, action`,
  );
}

/** The same for one team. */
export async function doneOfTeam(exec: Executor, teamId: string, metrics: MetricKey[], from: string, to: string) {
  if (!metrics.length) return [];
  return queryRows<DoneRow>(
    exec,
    sql`select team_id::text as key, service_id as "serviceId", action, sum(item_people)::int as done
      from activity_team_services
      where team_id = ${teamId} and outcome = 'done'
        and month between ${from}::date and ${to}::date and ${metricFilter(metrics)}
      group by team_id, service_id, action`,
  );
}
