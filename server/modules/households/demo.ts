import type { Executor } from '../../db/client.js';
import * as repo from './repo.js';

/**
 * Demo households (XASO_DEMO=1, a new database): the demo hamlets' totals (Trung Kiên's 242 is seed 002's), as of
 * the end of last year, all but the last hamlet of each commune (so the page shows a figure to enter).
 */
export async function seedDemoHouseholds(
  tx: Executor,
  hamlets: { code: string; communeCode: string; households: number | null; last: boolean }[],
) {
  await repo.upsertFigures(
    tx,
    hamlets
      .filter((h) => h.households !== null && !h.last)
      .map((h) => ({
        hamletCode: h.code,
        communeCode: h.communeCode,
        households: h.households!,
        asOf: `${new Date().getUTCFullYear() - 1}-12-31`,
        source: 'Số liệu mẫu (demo) của UBND xã',
      })),
    null,
  );
}
