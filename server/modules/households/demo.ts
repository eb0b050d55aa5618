import type { Executor } from '../../db/client.js';
import * as repo from './repo.js';

/**
 * Demo households (XASO_DEMO=1, a new database): the demo hamlets' totals (Trung Kiên's 242 is seed 002's), as of
 * the end of last year, all but the last hamlet of each commune (so the page shows a figure to enter); the households
 * with a person who has basic digital skills are 45–92% of them, a fixed share per hamlet, so every demo looks alike.
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
        skilled: Math.round((h.households! * (45 + (codeSum(h.code) % 48))) / 100),
        asOf: `${new Date().getUTCFullYear() - 1}-12-31`,
        source: 'Số liệu mẫu (demo) của UBND xã',
      })),
    null,
  );
}

const codeSum = (code: string) => [...code].reduce((n, c) => n * 31 + c.charCodeAt(0), 7) >>> 0;
