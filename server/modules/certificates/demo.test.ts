/**
 * The demo's certificates (XASO_DEMO=1 on a new database): every course the demo's learners completed has its
 * certificate, titled and dated as the learning service issues them, and each verifies with this installation's key.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoData } from '../../seed/demo.js';
import { createTestApp, type TestApp } from '../../test/harness.js';
import { loadReferenceUnits } from '../units/reference-data.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ XASO_DEMO: '1' });
  await seedDemoData(t.db, loadReferenceUnits(), { certificateSecret: t.config.secret });
}, 180_000);
afterAll(() => t.close());

describe('demo certificates', () => {
  it('one per completed course, as issued on completion, each verifying valid', async () => {
    const [c] = await t.database.query<{ completed: number; certificates: number; matching: number }>(
      `select (select count(*)::int from course_enrolments where completed_at is not null) as completed,
         (select count(*)::int from certificates) as certificates,
         (select count(*)::int from certificates c join course_enrolments e
            on e.course_id = c.source_id and e.user_id = c.user_id and e.completed_at = c.issued_at
            join course_versions v on v.course_id = e.course_id and v.version = e.completed_version
          where c.kind = 'course' and c.title = v.content->>'title' and c.unit_code = e.unit_code) as matching`,
    );
    expect(c.completed).toBeGreaterThan(1000);
    expect(c.certificates).toBe(c.completed);
    expect(c.matching).toBe(c.completed);
    const sample = await t.database.query<{ serial: string; holder_name: string }>(
      'select serial, holder_name from certificates order by serial limit 3',
    );
    for (const s of sample) {
      const res = await t.app.inject(`/api/verify/${s.serial}`);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ status: 'valid', holderName: s.holder_name });
    }
  }, 60_000);
});
