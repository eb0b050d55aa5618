import { sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';

/**
 * Activities written straight into the tables, for tests and benchmarks of what counts them (the triggers of
 * migration 0014 append their deltas as for any write). Not for the application: it records through the service.
 */
export interface ActivityRow {
  id: string;
  teamId: string;
  memberId: string;
  authorUserId: string;
  communeCode: string;
  hamletCode: string;
  /** The hamlet's unit path ("19/05569/05569-t1"). */
  unitPath: string;
  /** The Vietnamese day. */
  on: string;
  households?: number;
  people?: number;
  minutes?: number;
  items?: { serviceId: string | null; action: string; outcome: string; people?: number }[];
}

export async function insertActivityRow(exec: Executor, a: ActivityRow) {
  await exec.execute(sql`insert into activities (id, team_id, member_id, author_user_id, commune_code, hamlet_code,
      unit_path, occurred_at, occurred_on, duration_minutes, households, people)
    values (${a.id}, ${a.teamId}, ${a.memberId}, ${a.authorUserId}, ${a.communeCode}, ${a.hamletCode}, ${a.unitPath},
      ${`${a.on}T08:00:00+07:00`}, ${a.on}, ${a.minutes ?? 30}, ${a.households ?? 1}, ${a.people ?? 1})`);
  for (const [i, item] of (a.items ?? []).entries())
    await exec.execute(sql`insert into activity_items (activity_id, position, service_id, action, outcome, failure_reason, people)
      values (${a.id}, ${i}, ${item.serviceId}, ${item.action}, ${item.outcome},
        ${item.outcome === 'failed' ? 'Không có sóng điện thoại' : null}, ${item.people ?? 1})`);
}
