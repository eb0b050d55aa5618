import { CANCEL_REASONS } from '../../../common/feedback.js';
import type { StatsQuery, StatsResponse } from '../../../common/feedback-public.js';
import { assertDayRange } from '../../platform/calendar.js';
import type { AppContext } from '../../platform/context.js';
import type { UnitsService } from '../units/service.js';
import * as repo from './repo.js';

type Counts = Pick<StatsResponse, 'received' | 'pending' | 'distributed' | 'resolved' | 'cancelled'>;
const zero = (): Counts => ({ received: 0, pending: 0, distributed: 0, resolved: 0, cancelled: 0 });
const STATUSES = ['pending', 'distributed', 'resolved', 'cancelled'] as const;

/** Statistics of citizen feedback for a unit and period, from the rollup only. Public: no personal data. */
export function createFeedbackStatsService(ctx: AppContext, { units }: { units: UnitsService }) {
  return {
    /**
     * received / pending / distributed / resolved / cancelled (by reason), on-time rate, mean satisfaction,
     * reopenings and the same counts by category. Reports are counted on the day they were received, so the
     * four statuses always add up to `received`, for any unit and period.
     */
    async stats(q: StatsQuery): Promise<StatsResponse> {
      assertDayRange(q);
      const unit = await units.requireUnit(q.unit ?? ctx.config.XASO_PROVINCE);
      const rows = await repo.sumRollup(ctx.db, { unitPath: unit.path, from: q.from, to: q.to });

      const total = zero();
      const byReason = Object.fromEntries(CANCEL_REASONS.map((r) => [r, 0])) as StatsResponse['cancelledByReason'];
      const byCategory = new Map<string, Counts & { cancelledByReason: StatsResponse['cancelledByReason'] }>();
      const noReasons = () =>
        Object.fromEntries(CANCEL_REASONS.map((r) => [r, 0])) as StatsResponse['cancelledByReason'];
      let onTime = 0;
      let ratingSum = 0;
      let ratings = 0;
      let reopenings = 0;
      for (const r of rows) {
        if (!r.reports) continue;
        const status = STATUSES.find((x) => x === r.status);
        if (!status) continue;
        const cat = byCategory.get(r.categoryId) ?? { ...zero(), cancelledByReason: noReasons() };
        byCategory.set(r.categoryId, cat);
        for (const c of [total, cat]) {
          c.received += r.reports;
          c[status] += r.reports;
        }
        if (status === 'cancelled' && r.cancelReason in byReason) {
          byReason[r.cancelReason as keyof typeof byReason] += r.reports;
          cat.cancelledByReason[r.cancelReason as keyof typeof byReason] += r.reports;
        }
        onTime += r.resolvedOnTime;
        ratingSum += r.ratingSum;
        ratings += r.ratingCount;
        reopenings += r.reopenings;
      }
      const cats = await repo.categoriesByIds(ctx.db, [...byCategory.keys()]);
      const catById = new Map(cats.map((c) => [c.id, c]));
      return {
        unit: { code: unit.code, name: unit.fullName, path: unit.path },
        from: q.from ?? null,
        to: q.to ?? null,
        ...total,
        cancelledByReason: byReason,
        onTimeRate: total.resolved ? Math.round((onTime / total.resolved) * 10000) / 10000 : null,
        meanSatisfaction: ratings ? Math.round((ratingSum / ratings) * 100) / 100 : null,
        ratings,
        reopenings,
        byCategory: [...byCategory.entries()]
          .map(([categoryId, c]) => {
            const info = catById.get(categoryId);
            return {
              categoryId,
              code: info?.code ?? '',
              nameVi: info?.nameVi ?? '',
              nameEn: info?.nameEn ?? '',
              sortOrder: info?.sortOrder ?? 0,
              ...c,
            };
          })
          .sort((a, b) => a.sortOrder - b.sortOrder || b.received - a.received || a.code.localeCompare(b.code))
          .map(({ sortOrder: _, ...c }) => c),
      };
    },
  };
}

export type FeedbackStatsService = ReturnType<typeof createFeedbackStatsService>;
