import ExcelJS from 'exceljs';
import type { z } from 'zod';
import type {
  CampaignDetail,
  CampaignInput,
  CampaignList,
  CampaignMetricView,
  CampaignProgress,
  CampaignSummary,
  CommuneSplit,
  CurrentFocus,
  MetricFigures,
  TeamTargetsInput,
} from '../../../common/campaigns.js';
import { ACTIVITY_ACTION_LABELS, type ActivityAction } from '../../../common/constants/activities.js';
import { CAMPAIGN_LIMITS, CAMPAIGN_METRIC_NOTE } from '../../../common/constants/campaigns.js';
import type { Db, Executor } from '../../db/client.js';
import type { Actor } from '../../platform/actor.js';
import { recordAudit } from '../../platform/audit.js';
import { monthSpan, vnDate } from '../../platform/calendar.js';
import { errors } from '../../platform/errors.js';
import type { Message } from '../../platform/i18n.js';
import { authorize, can } from '../../platform/permissions.js';
import type { UnitsService } from '../units/service.js';
import * as repo from './repo.js';

const CAMPAIGN = { vi: 'đợt cao điểm', en: 'Campaign' };
const field = (name: string, vi: string, en: string) => errors.invalidField(name, { vi, en });
const firstDay = (month: string) => `${month}-01`;
const monthOf = (day: string) => day.slice(0, 7);
const keyOf = (m: repo.MetricKey) => `${m.serviceId}|${m.action}`;

interface Meta {
  requestId?: string;
}

export interface CampaignsDeps {
  db: Db;
  units: UnitsService;
}

/**
 * Campaigns, the province's monthly roadmap: its administrators write them (period, focus services, what to do,
 * targets per commune); commune administrators split their commune's targets per team; progress counts people
 * helped to the end in the activity log's rollups within the period; a team member sees this month's focus.
 */
export function createCampaignsService({ db, units }: CampaignsDeps) {
  async function requireUnitOf(code: string, name: string, exec: Executor = db) {
    return units.requireUnit(code, exec).catch(() => {
      throw field(name, 'Không có đơn vị này.', 'No such unit.');
    });
  }

  async function requireProvince(code: string) {
    const unit = await requireUnitOf(code, 'provinceCode');
    if (unit.level !== 'province') throw field('provinceCode', 'Hãy chọn một tỉnh.', 'Choose a province.');
    return unit;
  }

  /** A campaign the actor may read: drafts exist only for the province's administrators (404 for others). */
  async function requireReadable(actor: Actor, id: string, exec: Executor = db, lock = false) {
    const c = await repo.findCampaign(exec, id, lock);
    if (!c) throw errors.notFound(CAMPAIGN);
    const path = c.provinceCode;
    const manager = can(actor, 'campaign.manage', { unitPath: path });
    if (c.status === 'draft' && !manager) throw errors.notFound(CAMPAIGN);
    authorize(actor, 'campaign.read', { unitPath: path });
    return { campaign: c, manager };
  }

  async function summaries(rows: repo.CampaignRecord[], exec: Executor = db): Promise<CampaignSummary[]> {
    const focus = await repo.focusOf(
      exec,
      rows.map((r) => r.id),
    );
    return rows.map((r) => ({
      id: r.id,
      provinceCode: r.provinceCode,
      title: r.title,
      fromMonth: monthOf(r.fromMonth),
      toMonth: monthOf(r.toMonth),
      status: r.status,
      focus: focus
        .filter((f) => f.campaignId === r.id)
        .map((f) => ({ id: f.id, slug: f.slug, name: f.name, nameEn: f.nameEn })),
      updatedAt: new Date(r.updatedAt).toISOString(),
    }));
  }

  async function metricViews(exec: Executor, id: string): Promise<CampaignMetricView[]> {
    return (await repo.metricsOf(exec, id)).map((m) => ({
      serviceId: m.serviceId,
      serviceName: m.serviceName,
      serviceSlug: m.serviceSlug,
      action: m.action as ActivityAction,
      label: {
        vi: `${m.serviceName}: ${ACTIVITY_ACTION_LABELS[m.action as ActivityAction].vi}`,
        en: `${m.serviceName}: ${ACTIVITY_ACTION_LABELS[m.action as ActivityAction].en}`,
      },
    }));
  }

  async function detail(exec: Executor, actor: Actor, c: repo.CampaignRecord): Promise<CampaignDetail> {
    const [summary] = await summaries([c], exec);
    const targets = await repo.communeTargetsOf(exec, c.id);
    return {
      ...summary,
      whatToDo: c.whatToDo,
      metrics: await metricViews(exec, c.id),
      communeTargets: targets.map((t) => ({ ...t, action: t.action as ActivityAction })),
      canEdit: can(actor, 'campaign.manage', { unitPath: c.provinceCode }),
    };
  }

  /** Checks the content against the province's catalog and communes; 400 naming the field otherwise. */
  async function checkContent(exec: Executor, provinceCode: string, input: z.output<typeof CampaignInput>) {
    if (monthSpan(input.fromMonth, input.toMonth) > CAMPAIGN_LIMITS.periodMonthsMax)
      throw field(
        'toMonth',
        `Một đợt dài tối đa ${CAMPAIGN_LIMITS.periodMonthsMax} tháng.`,
        `A campaign lasts at most ${CAMPAIGN_LIMITS.periodMonthsMax} months.`,
      );
    const ids = [...new Set([...input.focusServiceIds, ...input.metrics.map((m) => m.serviceId)])];
    const found = new Map((await repo.servicesByIds(exec, ids)).map((s) => [s.id, s]));
    const unknown = (id: string) => found.get(id)?.provinceCode !== provinceCode;
    if (input.focusServiceIds.some(unknown))
      throw field(
        'focusServiceIds',
        'Dịch vụ không có trong danh mục của tỉnh.',
        'A service is not in the province’s catalog.',
      );
    if (new Set(input.focusServiceIds).size !== input.focusServiceIds.length)
      throw field('focusServiceIds', 'Một dịch vụ được chọn hai lần.', 'A service is chosen twice.');
    if (input.metrics.some((m) => unknown(m.serviceId)))
      throw field(
        'metrics',
        'Dịch vụ không có trong danh mục của tỉnh.',
        'A service is not in the province’s catalog.',
      );
    const metricKeys = new Set(input.metrics.map(keyOf));
    if (metricKeys.size !== input.metrics.length)
      throw field('metrics', 'Một chỉ tiêu được khai hai lần.', 'A metric is listed twice.');
    const communeCodes = [...new Set(input.communeTargets.map((t) => t.communeCode))];
    const communes = new Set((await repo.communesOf(exec, provinceCode, communeCodes)).map((c) => c.code));
    const seen = new Set<string>();
    for (const t of input.communeTargets) {
      if (!communes.has(t.communeCode))
        throw field(
          'communeTargets',
          `Tỉnh không có xã, phường "${t.communeCode}".`,
          `No commune "${t.communeCode}" in the province.`,
        );
      if (!metricKeys.has(keyOf(t)))
        throw field(
          'communeTargets',
          'Chỉ tiêu của xã không thuộc các chỉ tiêu của đợt.',
          'A commune target is for a metric the campaign does not count.',
        );
      const k = `${t.communeCode}|${keyOf(t)}`;
      if (seen.has(k))
        throw field(
          'communeTargets',
          `Xã "${t.communeCode}" có hai chỉ tiêu giống nhau.`,
          `Commune "${t.communeCode}" has the same target twice.`,
        );
      seen.add(k);
    }
  }

  async function writeContent(exec: Executor, id: string, input: z.output<typeof CampaignInput>) {
    await repo.replaceContent(
      exec,
      id,
      input.focusServiceIds,
      input.metrics,
      input.communeTargets.map((t) => ({
        communeCode: t.communeCode,
        serviceId: t.serviceId,
        action: t.action,
        target: t.target,
      })),
    );
  }

  function figures(
    metrics: repo.MetricKey[],
    targetOf: (m: repo.MetricKey) => number,
    doneOf: (m: repo.MetricKey) => number,
  ): MetricFigures[] {
    return metrics.map((m) => ({
      serviceId: m.serviceId,
      action: m.action as ActivityAction,
      target: targetOf(m),
      done: doneOf(m),
    }));
  }

  const indexDone = (rows: repo.DoneRow[]) => {
    const map = new Map<string, number>();
    for (const r of rows)
      map.set(`${r.key}|${r.serviceId}|${r.action}`, (map.get(`${r.key}|${r.serviceId}|${r.action}`) ?? 0) + r.done);
    return (key: string, m: repo.MetricKey) => map.get(`${key}|${keyOf(m)}`) ?? 0;
  };

  async function splitView(
    exec: Executor,
    actor: Actor,
    c: repo.CampaignRecord,
    commune: { code: string; fullName: string; path: string },
  ): Promise<CommuneSplit> {
    const [summary] = await summaries([c], exec);
    const metrics = await metricViews(exec, c.id);
    const communeTargets = (await repo.communeTargetsOf(exec, c.id, commune.code)).map((t) => ({
      serviceId: t.serviceId,
      action: t.action as ActivityAction,
      target: t.target,
    }));
    const teamTargets = await repo.teamTargetsOf(exec, c.id, commune.code);
    const teams = await repo.teamsOfCommune(exec, commune.code);
    const differences = metrics.map((m) => {
      const communeTarget = communeTargets.find((t) => keyOf(t) === keyOf(m))?.target ?? 0;
      const teamsTotal = teamTargets.filter((t) => keyOf(t) === keyOf(m)).reduce((n, t) => n + t.target, 0);
      const difference = teamsTotal - communeTarget;
      const message: Message | null =
        difference === 0
          ? null
          : difference > 0
            ? {
                vi: `Tổng chỉ tiêu các tổ nhiều hơn chỉ tiêu của xã ${difference.toLocaleString('vi')} người.`,
                en: `The teams’ targets add up to ${difference} more than the commune’s.`,
              }
            : {
                vi: `Tổng chỉ tiêu các tổ còn thiếu ${(-difference).toLocaleString('vi')} người so với chỉ tiêu của xã.`,
                en: `The teams’ targets add up to ${-difference} fewer than the commune’s.`,
              };
      return { serviceId: m.serviceId, action: m.action, communeTarget, teamsTotal, difference, message };
    });
    return {
      campaign: summary,
      commune: { code: commune.code, name: commune.fullName },
      metrics,
      communeTargets,
      teams: teams.map((t) => ({
        ...t,
        targets: teamTargets
          .filter((x) => x.teamId === t.id)
          .map((x) => ({ serviceId: x.serviceId, action: x.action as ActivityAction, target: x.target })),
      })),
      differences,
      canEdit: can(actor, 'campaign.split', { unitPath: commune.path }),
    };
  }

  /** The commune asked, of the campaign's province. */
  async function requireCommuneOf(c: repo.CampaignRecord, code: string, exec: Executor = db) {
    const unit = await requireUnitOf(code, 'code', exec);
    if (unit.level !== 'commune' || unit.parentCode !== c.provinceCode)
      throw field('code', 'Hãy chọn một xã, phường của tỉnh.', 'Choose a commune of the province.');
    return unit;
  }

  async function progress(actor: Actor, id: string, unitCode: string): Promise<CampaignProgress> {
    const { campaign: c } = await requireReadable(actor, id);
    const unit = await requireUnitOf(unitCode, 'unit');
    if (!(unit.code === c.provinceCode || (unit.level === 'commune' && unit.parentCode === c.provinceCode)))
      throw field(
        'unit',
        'Hãy chọn tỉnh của đợt hoặc một xã, phường của tỉnh.',
        'Choose the campaign’s province or one of its communes.',
      );
    authorize(actor, 'campaign.progress', { unitPath: unit.path });
    const [summary] = await summaries([c]);
    const metrics = await metricViews(db, c.id);
    const targets = await repo.communeTargetsOf(db, c.id, unit.level === 'commune' ? unit.code : undefined);
    let rows: CampaignProgress['rows'];
    let total: MetricFigures[];
    if (unit.level === 'province') {
      const communes = await repo.communesOf(db, unit.code);
      const done = indexDone(
        await repo.doneByCommune(
          db,
          communes.map((x) => x.code),
          metrics,
          c.fromMonth,
          c.toMonth,
        ),
      );
      const targetOf = (code: string, m: repo.MetricKey) =>
        targets.find((t) => t.communeCode === code && keyOf(t) === keyOf(m))?.target ?? 0;
      rows = communes
        .map((x) => ({
          code: x.code,
          name: x.name,
          figures: figures(
            metrics,
            (m) => targetOf(x.code, m),
            (m) => done(x.code, m),
          ),
        }))
        .filter((r) => r.figures.some((f) => f.target > 0 || f.done > 0));
      total = figures(
        metrics,
        (m) => rows.reduce((n, r) => n + (r.figures.find((f) => keyOf(f) === keyOf(m))?.target ?? 0), 0),
        (m) => rows.reduce((n, r) => n + (r.figures.find((f) => keyOf(f) === keyOf(m))?.done ?? 0), 0),
      );
    } else {
      const teams = await repo.teamsOfCommune(db, unit.code);
      const teamTargets = await repo.teamTargetsOf(db, c.id, unit.code);
      const done = indexDone(await repo.doneByTeam(db, unit.code, metrics, c.fromMonth, c.toMonth));
      const communeDone = indexDone(await repo.doneByCommune(db, [unit.code], metrics, c.fromMonth, c.toMonth));
      rows = teams.map((team) => ({
        code: team.id,
        name: `${team.name}`,
        figures: figures(
          metrics,
          (m) => teamTargets.find((t) => t.teamId === team.id && keyOf(t) === keyOf(m))?.target ?? 0,
          (m) => done(team.id, m),
        ),
      }));
      total = figures(
        metrics,
        (m) => targets.find((t) => keyOf(t) === keyOf(m))?.target ?? 0,
        (m) => communeDone(unit.code, m),
      );
    }
    return {
      campaign: summary,
      unit: { code: unit.code, name: unit.fullName, level: unit.level },
      metrics,
      rows,
      total,
      note: CAMPAIGN_METRIC_NOTE,
    };
  }

  return {
    async list(actor: Actor, provinceCode?: string): Promise<CampaignList> {
      const code = provinceCode ?? actor.assignments.find((a) => a.unitPath)?.unitPath?.split('/')[0];
      if (!code) throw field('province', 'Hãy chọn một tỉnh.', 'Choose a province.');
      const province = await requireUnitOf(code, 'province');
      if (province.level !== 'province') throw field('province', 'Hãy chọn một tỉnh.', 'Choose a province.');
      authorize(actor, 'campaign.read', { unitPath: province.path });
      const manager = can(actor, 'campaign.manage', { unitPath: province.path });
      return { items: await summaries(await repo.listCampaigns(db, province.code, manager)), canCreate: manager };
    },

    async read(actor: Actor, id: string): Promise<CampaignDetail> {
      const { campaign } = await requireReadable(actor, id);
      return detail(db, actor, campaign);
    },

    async create(actor: Actor, input: z.output<typeof CampaignInput>, meta: Meta = {}): Promise<CampaignDetail> {
      const province = await requireProvince(input.provinceCode);
      authorize(actor, 'campaign.manage', { unitPath: province.path });
      return db.transaction(async (tx) => {
        await checkContent(tx, province.code, input);
        const id = await repo.insertCampaign(tx, {
          provinceCode: province.code,
          title: input.title,
          whatToDo: input.whatToDo,
          fromMonth: firstDay(input.fromMonth),
          toMonth: firstDay(input.toMonth),
          status: input.status,
          createdBy: actor.kind === 'user' ? actor.id : null,
        });
        await writeContent(tx, id, input);
        await recordAudit(
          tx,
          actor,
          {
            action: 'campaign.create',
            resourceType: 'campaign',
            resourceId: id,
            unitPath: province.path,
            details: { status: input.status, fromMonth: input.fromMonth, toMonth: input.toMonth },
          },
          meta.requestId,
        );
        return detail(tx, actor, (await repo.findCampaign(tx, id))!);
      });
    },

    async update(actor: Actor, id: string, input: z.output<typeof CampaignInput>, meta: Meta = {}) {
      return db.transaction(async (tx) => {
        const current = await repo.findCampaign(tx, id, true);
        if (!current) throw errors.notFound(CAMPAIGN);
        if (!can(actor, 'campaign.manage', { unitPath: current.provinceCode })) {
          if (current.status === 'draft') throw errors.notFound(CAMPAIGN);
          authorize(actor, 'campaign.manage', { unitPath: current.provinceCode });
        }
        if (input.provinceCode !== current.provinceCode)
          throw field('provinceCode', 'Không đổi được tỉnh của một đợt.', 'A campaign’s province cannot change.');
        await checkContent(tx, current.provinceCode, input);
        await repo.updateCampaign(tx, id, {
          title: input.title,
          whatToDo: input.whatToDo,
          fromMonth: firstDay(input.fromMonth),
          toMonth: firstDay(input.toMonth),
          status: input.status,
        });
        await writeContent(tx, id, input);
        await recordAudit(
          tx,
          actor,
          {
            action: 'campaign.update',
            resourceType: 'campaign',
            resourceId: id,
            unitPath: current.provinceCode,
            details: { status: input.status, fromMonth: input.fromMonth, toMonth: input.toMonth },
          },
          meta.requestId,
        );
        return detail(tx, actor, (await repo.findCampaign(tx, id))!);
      });
    },

    /** A commune's split of the campaign's targets per team (commune administrators and the province's). */
    async commune(actor: Actor, id: string, code: string): Promise<CommuneSplit> {
      const { campaign } = await requireReadable(actor, id);
      const commune = await requireCommuneOf(campaign, code);
      authorize(actor, 'campaign.split', { unitPath: commune.path });
      return splitView(db, actor, campaign, commune);
    },

    /**
     * Replaces the commune's team targets. Their sum may differ from the commune's target: the answer shows the
     * difference per metric (a warning), never a refusal.
     */
    async setTeamTargets(
      actor: Actor,
      id: string,
      code: string,
      input: z.output<typeof TeamTargetsInput>,
      meta: Meta = {},
    ): Promise<CommuneSplit> {
      return db.transaction(async (tx) => {
        const { campaign } = await requireReadable(actor, id, tx, true);
        const commune = await requireCommuneOf(campaign, code, tx);
        authorize(actor, 'campaign.split', { unitPath: commune.path });
        const metrics = new Set((await repo.metricsOf(tx, id)).map(keyOf));
        const teams = new Set((await repo.teamsOfCommune(tx, commune.code)).map((t) => t.id));
        const seen = new Set<string>();
        for (const t of input.targets) {
          if (!teams.has(t.teamId))
            throw field(
              'targets',
              'Tổ không thuộc xã (hoặc đã giải thể).',
              'The team is not an active team of the commune.',
            );
          if (!metrics.has(keyOf(t)))
            throw field(
              'targets',
              'Chỉ tiêu không thuộc các chỉ tiêu của đợt.',
              'The metric is not one the campaign counts.',
            );
          const k = `${t.teamId}|${keyOf(t)}`;
          if (seen.has(k))
            throw field('targets', 'Một tổ có hai chỉ tiêu giống nhau.', 'A team has the same target twice.');
          seen.add(k);
        }
        await repo.replaceTeamTargets(tx, id, commune.code, input.targets);
        await recordAudit(
          tx,
          actor,
          {
            action: 'campaign.split',
            resourceType: 'campaign',
            resourceId: id,
            unitPath: commune.path,
            details: { communeCode: commune.code, targets: input.targets.length },
          },
          meta.requestId,
        );
        return splitView(tx, actor, campaign, commune);
      });
    },

    progress,

    /** The progress table as a workbook: one row per commune (or team), target, done and percent per metric. */
    async progressWorkbook(actor: Actor, id: string, unitCode: string) {
      const p = await progress(actor, id, unitCode);
      const wb = new ExcelJS.Workbook();
      wb.creator = 'Xã Số';
      const ws = wb.addWorksheet('Tiến độ');
      ws.addRow([p.campaign.title, `${p.campaign.fromMonth} → ${p.campaign.toMonth}`, p.unit.name]);
      ws.getRow(1).font = { bold: true };
      ws.addRow([CAMPAIGN_METRIC_NOTE.vi]);
      const head = [p.unit.level === 'province' ? 'Xã, phường' : 'Tổ công nghệ số'];
      for (const m of p.metrics) head.push(`${m.label.vi} — chỉ tiêu`, `${m.label.vi} — đã đạt`, `${m.label.vi} — %`);
      ws.addRow(head).font = { bold: true };
      const pct = (f: MetricFigures) => (f.target > 0 ? Math.round((f.done / f.target) * 1000) / 10 : null);
      const line = (name: string, fs: MetricFigures[]) => [name, ...fs.flatMap((f) => [f.target, f.done, pct(f)])];
      for (const r of p.rows) ws.addRow(line(r.name, r.figures));
      ws.addRow(line('Tổng', p.total)).font = { bold: true };
      ws.getColumn(1).width = 40;
      for (let i = 2; i <= head.length; i++) ws.getColumn(i).width = 18;
      ws.views = [{ state: 'frozen', ySplit: 3, xSplit: 1 }];
      const slug = p.unit.level === 'province' ? 'tinh' : p.unit.code;
      return {
        file: Buffer.from(await wb.xlsx.writeBuffer()),
        name: `tien-do-dot-cao-diem-${p.campaign.fromMonth}-${slug}`,
      };
    },

    /** This month's focus for the signed-in team member: their province's campaign, their team's targets and progress. */
    async current(actor: Actor): Promise<CurrentFocus> {
      const membership = actor.assignments.find((a) => a.role === 'team_member' && a.unitCode && a.unitPath);
      if (!membership) throw errors.forbidden();
      const month = vnDate(new Date()).slice(0, 7);
      const provinceCode = membership.unitPath!.split('/')[0];
      const c = await repo.currentCampaign(db, provinceCode, firstDay(month));
      const team = await repo.activeTeamOfHamlet(db, membership.unitCode!);
      if (!c)
        return {
          month,
          campaign: null,
          team: team && { id: team.id, name: team.name, hamletName: team.hamletName },
          metrics: [],
        };
      const [summary] = await summaries([c]);
      const guides = await repo.publishedGuidesOf(
        db,
        summary.focus.map((f) => f.id),
      );
      const metrics = await metricViews(db, c.id);
      const targets = team ? await repo.teamTargetsOf(db, c.id, team.communeCode) : [];
      const done = team ? indexDone(await repo.doneOfTeam(db, team.id, metrics, c.fromMonth, c.toMonth)) : () => 0;
      return {
        month,
        campaign: {
          id: c.id,
          title: c.title,
          fromMonth: summary.fromMonth,
          toMonth: summary.toMonth,
          whatToDo: c.whatToDo,
          focus: summary.focus.map((f) => ({
            ...f,
            guides: guides.filter((g) => g.serviceId === f.id).map((g) => ({ id: g.id, title: g.title })),
          })),
        },
        team: team && { id: team.id, name: team.name, hamletName: team.hamletName },
        metrics: metrics.map((m) => ({
          ...m,
          target: team ? (targets.find((t) => t.teamId === team.id && keyOf(t) === keyOf(m))?.target ?? null) : null,
          done: team ? done(team.id, m) : 0,
        })),
      };
    },
  };
}

export type CampaignsService = ReturnType<typeof createCampaignsService>;
