import type { Db } from '../db/client.js';
import { peoplesCommittee } from '../modules/handling-units/committees.js';
import * as huSeedRepo from '../modules/handling-units/seed-repo.js';
import { loadReferenceUnits } from '../modules/units/reference-data.js';
import * as seedRepo from '../modules/units/seed-repo.js';
import { seedCatalog } from './catalog.js';
import { seedCourses } from './courses.js';
import { seedFeedbackDefaults } from './feedback.js';

/**
 * Reference data every installation has: the 34 provinces, 3,321 communes, and a People's Committee handling
 * unit for each province and commune (commune committees escalate to their province's). Idempotent.
 */
export async function seedReferenceData(db: Db, provinceCode = '19'): Promise<{ units: number }> {
  const rows = loadReferenceUnits();
  await db.transaction(async (tx) => {
    await seedRepo.insertUnits(tx, rows);
    await huSeedRepo.insertCommuneCommittees(
      tx,
      rows.filter((r) => r.level === 'commune'),
    );
    for (const p of rows.filter((r) => r.level === 'province')) {
      const id = await huSeedRepo.insertHandlingUnit(
        tx,
        {
          ...peoplesCommittee(p),
          kind: 'province_committee',
          unitCode: p.code,
          provinceCode: p.code,
        },
        [],
      );
      await huSeedRepo.setCommitteeParents(tx, p.code, id);
    }
    // The province's feedback categories and holidays (Thái Nguyên unless the installation says otherwise).
    await seedFeedbackDefaults(tx, provinceCode);
    await seedCatalog(tx, provinceCode);
    // The province's courses (Bình dân học vụ số), after the catalog they link to.
    await seedCourses(tx, provinceCode);
  });
  return { units: rows.length };
}
