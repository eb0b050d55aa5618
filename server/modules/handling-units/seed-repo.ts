import { inArray, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { handlingUnitAreas, handlingUnits } from '../../db/schema/index.js';
import type { UnitRow } from '../units/reference-data.js';
import { peoplesCommittee } from './committees.js';

/** Every commune gets its People's Committee as a handling unit, serving that commune. */
export async function insertCommuneCommittees(exec: Executor, communes: UnitRow[]) {
  for (let i = 0; i < communes.length; i += 500) {
    const batch = communes.slice(i, i + 500);
    const inserted = await exec
      .insert(handlingUnits)
      .values(
        batch.map((c) => ({
          ...peoplesCommittee(c),
          kind: 'commune_committee' as const,
          unitCode: c.code,
          provinceCode: c.provinceCode,
        })),
      )
      .onConflictDoNothing()
      .returning({ id: handlingUnits.id, unitCode: handlingUnits.unitCode });
    if (inserted.length)
      await exec
        .insert(handlingUnitAreas)
        .values(inserted.map((h) => ({ handlingUnitId: h.id, communeCode: h.unitCode })))
        .onConflictDoNothing();
  }
}

/** Links every commune committee of a province to the province's committee (escalation). */
export async function setCommitteeParents(exec: Executor, provinceCode: string, parentId: string) {
  await exec.execute(
    sql`update ${handlingUnits} set parent_id = ${parentId} where province_code = ${provinceCode} and kind = 'commune_committee' and parent_id is null`,
  );
}

export async function insertHandlingUnit(
  exec: Executor,
  row: typeof handlingUnits.$inferInsert,
  communeCodes: string[],
): Promise<string> {
  const [inserted] = await exec
    .insert(handlingUnits)
    .values(row)
    .onConflictDoUpdate({ target: handlingUnits.code, set: { name: row.name } })
    .returning({ id: handlingUnits.id });
  if (communeCodes.length)
    await exec
      .insert(handlingUnitAreas)
      .values(communeCodes.map((c) => ({ handlingUnitId: inserted.id, communeCode: c })))
      .onConflictDoNothing();
  return inserted.id;
}

export async function findHandlingUnitId(exec: Executor, code: string): Promise<string | null> {
  const [row] = await exec
    .select({ id: handlingUnits.id })
    .from(handlingUnits)
    .where(sql`${handlingUnits.code} = ${code}`);
  return row?.id ?? null;
}

/** Handling unit ids by code (codes with no unit are left out). */
export async function findHandlingUnitIds(exec: Executor, codes: string[]): Promise<Map<string, string>> {
  const rows = await exec
    .select({ id: handlingUnits.id, code: handlingUnits.code })
    .from(handlingUnits)
    .where(inArray(handlingUnits.code, codes));
  return new Map(rows.map((r) => [r.code, r.id]));
}
