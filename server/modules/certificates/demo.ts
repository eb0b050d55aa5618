import type { Executor } from '../../db/client.js';
import { vnDate } from '../../platform/calendar.js';
import * as repo from './repo.js';
import { newSerial, serialKey } from './serial.js';

/**
 * The demo's certificates (XASO_DEMO=1, a new database): every completed course enrolment without one gets the
 * certificate the learning service would have issued when it completed (same title, unit and day), with a serial
 * signed with this installation's key (from its secret, as the service derives it), so the demo's certificates verify at /verify/<serial>. Returns how many.
 */
export async function seedDemoCertificates(exec: Executor, secret: string): Promise<number> {
  const key = serialKey(secret);
  const done = await repo.completionsWithoutCertificate(exec);
  await repo.insertCertificates(
    exec,
    done.map((d) => {
      const at = new Date(d.completedAt);
      return {
        serial: newSerial(key),
        kind: 'course' as const,
        sourceId: d.courseId,
        userId: d.userId,
        holderName: d.holderName,
        title: d.title,
        unitCode: d.unitCode,
        unitName: d.unitName,
        unitPath: d.unitPath,
        issuedOn: vnDate(at),
        issuedAt: at,
      };
    }),
  );
  return done.length;
}
