import type { Executor } from '../db/client.js';
import * as repo from '../modules/catalog/repo.js';
import { SEED_CATALOG, SEED_REVIEWED_ON } from './catalog-data.js';

/**
 * The province's services catalog (catalog-data.ts), published: national services for every province, provincial
 * ones for their own. Only into a province with no catalog yet, so a second run or an edited catalog is left alone.
 */
export async function seedCatalog(exec: Executor, provinceCode: string): Promise<number> {
  if ((await repo.serviceCount(exec, provinceCode)) > 0) return 0;
  const entries = SEED_CATALOG.filter((s) => s.province === 'all' || s.province === provinceCode);
  for (const [order, s] of entries.entries()) {
    const { links, guides, province: _, ...fields } = s;
    const row = await repo.insertService(exec, {
      ...fields,
      // A slug is unique across provinces: another province's copy of a national service gets its code.
      slug: provinceCode === '19' ? s.slug : `${s.slug}-${provinceCode}`,
      provinceCode,
      published: true,
      sortOrder: order * 10,
    });
    await repo.replaceLinks(
      exec,
      row.id,
      links.map((l) => ({ ...l, checkedOn: null, checkedSource: null })),
    );
    for (const [i, g] of guides.entries()) {
      const guide = await repo.insertGuide(exec, {
        serviceId: row.id,
        title: g.title,
        titleEn: g.titleEn,
        summary: g.summary,
        reviewedOn: SEED_REVIEWED_ON,
        published: true,
        sortOrder: i * 10,
      });
      await repo.insertSteps(
        exec,
        guide.id,
        g.steps.map((text, position) => ({ position, text })),
      );
    }
  }
  return entries.length;
}
