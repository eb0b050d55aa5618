/**
 * Permission matrix of the certificates' one write, revoking: each role × a certificate issued in Xã Định Hoá (05569,
 * Thái Nguyên) and one in Phường Ba Đình (00004, Hà Nội). Only administrators of the certificate's commune or province
 * revoke; to anyone else who is not its holder the certificate does not exist (404); a refused revoke changes nothing.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll } from 'vitest';
import { createUser } from '../../test/factories.js';
import { createTestApp, type TestApp } from '../../test/harness.js';
import { describePermissionMatrix, type MatrixActor, type MatrixEndpoint } from '../../test/permission-matrix.js';

const ACTORS: MatrixActor[] = [
  { label: 'anonymous', role: 'anonymous', inside: 401, outside: 401 },
  { label: 'citizen', role: 'citizen', inside: 404, outside: 404 },
  { label: 'team_member of a 05569 hamlet', role: 'team_member', unitCode: 'TEAM_HAMLET', inside: 404, outside: 404 },
  {
    label: 'handling_officer of UBND 05569',
    role: 'handling_officer',
    handlingUnitCode: 'ubnd-05569',
    inside: 404,
    outside: 404,
  },
  { label: 'commune_admin of 05569', role: 'commune_admin', unitCode: '05569', inside: 'ok', outside: 404 },
  {
    label: 'commune_admin of 01840 (same province)',
    role: 'commune_admin',
    unitCode: '01840',
    inside: 404,
    outside: 404,
  },
  { label: 'province_admin of 19', role: 'province_admin', unitCode: '19', inside: 'ok', outside: 404 },
];

let t: TestApp;
let holderId: string;

const REVOKE: MatrixEndpoint[] = [
  {
    name: 'POST /api/certificates/:serial/revoke',
    ok: 200,
    async prepare(commune) {
      const c = await t.db.transaction((tx) =>
        t.app.services.certificates.issue(tx, {
          kind: 'session',
          sourceId: randomUUID(),
          userId: holderId,
          title: 'Hội nghị tập huấn chuyển đổi số',
          unitCode: commune,
        }),
      );
      return {
        method: 'POST',
        url: `/api/certificates/${c.serial}/revoke`,
        payload: { reason: 'Cấp nhầm' },
        written: async () =>
          !!(
            await t.database.query<{ revoked_at: Date | null }>('select revoked_at from certificates where id = $1', [
              c.id,
            ])
          )[0].revoked_at,
      };
    },
  },
];

beforeAll(async () => {
  t = await createTestApp();
  holderId = (await createUser(t.db, { role: 'citizen', fullName: 'Trần Văn Học' })).id;
});
afterAll(() => t.close());

describePermissionMatrix('certificates: revoking', {
  app: () => t,
  actors: ACTORS,
  endpoints: REVOKE,
  places: () => ({ inside: '05569', outside: '00004' }),
});
