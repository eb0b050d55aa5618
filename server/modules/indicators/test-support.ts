import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { queryRows } from '../../db/rows.js';

/*
 * Fixtures for the indicators' tests, written straight into the other domains' tables (their triggers count them as
 * any write). Not used by the running app.
 */

let seq = 0;

/** A team in a hamlet with `members` members (joined on `joinedOn`), founded on `decisionDate`. */
export async function insertTeam(
  exec: Executor,
  hamlet: { code: string; path: string; parentCode: string | null },
  opts: { members: number; decisionDate: string; dissolvedOn?: string | null; joinedOn?: string },
) {
  const [team] = await queryRows<{ id: string }>(
    exec,
    sql`insert into teams (hamlet_code, commune_code, unit_path, name, decision_date, dissolved_on)
      values (${hamlet.code}, ${hamlet.parentCode}, ${hamlet.path}, ${`Tổ ${hamlet.code}`}, ${opts.decisionDate},
        ${opts.dissolvedOn ?? null}) returning id`,
  );
  const memberIds: string[] = [];
  for (let i = 0; i < opts.members; i += 1) {
    seq += 1;
    const [m] = await queryRows<{ id: string }>(
      exec,
      sql`insert into team_members (team_id, full_name, phone, organisation, role, joined_on, left_on)
        values (${team.id}, ${`Thành viên ${seq}`}, ${`09${String(70000000 + seq)}`}, 'doan_thanh_nien',
          ${i === 0 ? 'leader' : 'member'}, ${opts.joinedOn ?? opts.decisionDate}, ${opts.dissolvedOn ?? null})
        returning id`,
    );
    memberIds.push(m.id);
  }
  return { id: team.id, memberIds };
}

/** A learner (a person at their first enrolment) of a category in a unit, on a day. */
export async function insertLearner(
  exec: Executor,
  userId: string,
  unit: { code: string; path: string },
  category: string,
  on: string,
) {
  const communeCode = unit.path.split('/')[1];
  await exec.execute(sql`insert into learners (user_id, category, unit_code, commune_code, unit_path, first_enrolled_at)
    values (${userId}, ${category}, ${unit.code}, ${communeCode}, ${unit.path}, ${`${on}T09:00:00+07:00`})`);
}

/** A certificate of a person in a unit issued on a day (revoked when asked). */
export async function insertCertificate(
  exec: Executor,
  userId: string,
  unit: { code: string; path: string; name: string },
  on: string,
  revoked = false,
) {
  seq += 1;
  await exec.execute(sql`insert into certificates (serial, kind, source_id, user_id, holder_name, title, unit_code,
      unit_name, unit_path, issued_on, issued_at, revoked_at)
    values (${`TEST-${seq}-${randomUUID()}`}, 'course', ${randomUUID()}, ${userId}, 'Người học', 'Khóa học',
      ${unit.code}, ${unit.name}, ${unit.path}, ${on}, ${`${on}T10:00:00+07:00`},
      ${revoked ? `${on}T11:00:00+07:00` : null})`);
}
