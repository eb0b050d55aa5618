import type { StatsBreakdown, StatsQuery } from '../../../common/feedback-public.js';
import { assertDayRange } from '../../platform/calendar.js';
import type { AppContext } from '../../platform/context.js';
import type { FeedbackService } from '../feedback/service.js';
import type { UnitsService } from '../units/service.js';
import * as breakdownRepo from './breakdown-repo.js';

const STATUSES = ['pending', 'distributed', 'resolved', 'cancelled'] as const;
type Status = (typeof STATUSES)[number];

/**
 * Statistics by commune and by handling unit for a unit and period, with the reports overdue now. Public, like the
 * statistics: aggregates only. By commune from the rollup (every row partitions what it received); by handling unit
 * and overdue from the feedback service (the rollup keeps neither).
 */
export function createStatsBreakdown(
  ctx: AppContext,
  { units, feedback }: { units: UnitsService; feedback: FeedbackService },
) {
  /** The communes a unit's table lists: every commune of a province, or the commune itself. */
  async function communesOf(unit: Awaited<ReturnType<typeof units.requireUnit>>) {
    if (unit.level === 'commune') return [{ code: unit.code, name: unit.fullName }];
    if (unit.level !== 'province') return [];
    const list = await units.listUnits({ parent: unit.code, level: 'commune', limit: 200, includeRetired: false });
    return list.items.map((u) => ({ code: u.code, name: u.fullName }));
  }

  return {
    async breakdown(q: StatsQuery, now = new Date()): Promise<StatsBreakdown> {
      assertDayRange(q);
      const unit = await units.requireUnit(q.unit ?? ctx.config.XASO_PROVINCE);
      const sums = await breakdownRepo.sumByCommune(ctx.db, { unitPath: unit.path, from: q.from, to: q.to });
      const work = await feedback.workload(unit.path, { from: q.from, to: q.to }, now);

      const communes = new Map(
        (await communesOf(unit)).map((c) => [
          c.code,
          { ...c, received: 0, pending: 0, distributed: 0, resolved: 0, cancelled: 0, overdue: 0 },
        ]),
      );
      const commune = (code: string) => {
        let c = communes.get(code);
        if (!c) {
          c = { code, name: code, received: 0, pending: 0, distributed: 0, resolved: 0, cancelled: 0, overdue: 0 };
          communes.set(code, c);
        }
        return c;
      };
      for (const r of sums) {
        const status = STATUSES.find((x) => x === r.status) as Status | undefined;
        if (!status || !r.reports) continue;
        const c = commune(r.communeCode);
        c.received += r.reports;
        c[status] += r.reports;
      }

      const names = new Map(work.units.map((u) => [u.id, u]));
      const byUnit = new Map<string, StatsBreakdown['byHandlingUnit'][number] & { onTime: number }>();
      let overdue = 0;
      for (const r of work.rows) {
        overdue += r.overdue;
        if (r.overdue) commune(r.communeCode).overdue += r.overdue;
        const info = names.get(r.handlingUnitId);
        const u = byUnit.get(r.handlingUnitId) ?? {
          id: r.handlingUnitId,
          code: info?.code ?? '',
          name: info?.name ?? '',
          assigned: 0,
          distributed: 0,
          resolved: 0,
          cancelled: 0,
          overdue: 0,
          onTimeRate: null,
          onTime: 0,
        };
        byUnit.set(r.handlingUnitId, u);
        u.assigned += r.n;
        if (r.status === 'distributed' || r.status === 'resolved' || r.status === 'cancelled') u[r.status] += r.n;
        u.overdue += r.overdue;
        u.onTime += r.onTime;
      }

      return {
        unit: { code: unit.code, name: unit.fullName, path: unit.path },
        from: q.from ?? null,
        to: q.to ?? null,
        asOf: now.toISOString(),
        overdue,
        byCommune: [...communes.values()].sort(
          (a, b) => b.received - a.received || a.name.localeCompare(b.name, 'vi') || a.code.localeCompare(b.code),
        ),
        byHandlingUnit: [...byUnit.values()]
          .map(({ onTime, ...u }) => ({
            ...u,
            onTimeRate: u.resolved ? Math.round((onTime / u.resolved) * 10000) / 10000 : null,
          }))
          .sort((a, b) => b.assigned - a.assigned || a.name.localeCompare(b.name, 'vi')),
      };
    },
  };
}

export type StatsBreakdownService = ReturnType<typeof createStatsBreakdown>;
