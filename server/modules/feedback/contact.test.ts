/**
 * Reaching the reporter (issue 7, points 7 and 10): opening an app report records no personal-data read (none is
 * shown); an authorised officer reveals the reporter's phone with a reason, audited; others are refused.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/harness.js';
import { act, categoryId, DINH_HOA, get, type Person, person, submit } from './test-support.js';

let t: TestApp;
let citizen: Person;
let screener: Person;
let agencyOfficer: Person;
let otherOfficer: Person;
let adminIn: Person;
let adminOut: Person;
let team: Person;
let giaoThong: string;
let citizenPhone: string;

beforeAll(async () => {
  t = await createTestApp();
  citizen = await person(t, 'citizen');
  screener = await person(t, 'handling_officer', { handlingUnitCode: 'ubnd-05569' });
  agencyOfficer = await person(t, 'handling_officer', { handlingUnitCode: 'ubnd-19' });
  otherOfficer = await person(t, 'handling_officer', { handlingUnitCode: 'ubnd-05443' });
  adminIn = await person(t, 'commune_admin', { unitCode: '05569' });
  adminOut = await person(t, 'commune_admin', { unitCode: '05443' });
  team = await person(t, 'team_member', { unitCode: '05569' });
  giaoThong = await categoryId(t, 'giao-thong');
  const [row] = await t.database.query<{ phone: string }>('select phone from users where id = $1', [citizen.id]);
  citizenPhone = row.phone;
});
afterAll(() => t.close());

const appReport = async () =>
  (
    await submit(t, citizen, {
      categoryId: giaoThong,
      description: 'Cột điện nghiêng sát mái nhà dân.',
      lat: DINH_HOA.lat,
      lng: DINH_HOA.lng,
    })
  ).json().id as string;

const audits = (id: string) =>
  t.database.query<{ action: string; actor_id: string; reason: string; details: Record<string, unknown> }>(
    'select action, actor_id, reason, details from audit_log where resource_id = $1 order by id',
    [id],
  );

const reveal = (who: Person | null, id: string, reason = 'Gọi lại để hỏi vị trí cột điện chính xác.') =>
  act(t, who, id, 'contact', { reason });

describe('opening a report', () => {
  it('an app report names no one and records no personal-data read', async () => {
    const id = await appReport();
    const res = await get(t, screener, `/api/reports/${id}`);
    expect(res.statusCode).toBe(200);
    expect(res.json().private).toMatchObject({ reporterName: null, reporterPhone: null });
    expect(JSON.stringify(res.json())).not.toContain(citizenPhone);
    expect(await audits(id)).toEqual([]);
  });

  it('an assisted report shows the recorded resident to staff, and that read is audited with a keyed reason', async () => {
    const res = await submit(t, team, {
      channel: 'assisted',
      categoryId: giaoThong,
      description: 'Rãnh thoát nước bị tắc.',
      communeCode: '05569',
      address: 'Trước nhà văn hoá',
      reporterName: 'Bà Hoàng Thị B',
      reporterPhone: '0912345678',
      consent: true,
    });
    const id = res.json().id;
    expect((await get(t, screener, `/api/reports/${id}`)).json().private.reporterPhone).toBe('0912345678');
    expect(await audits(id)).toEqual([
      { action: 'report.read_personal', actor_id: screener.id, reason: 'report.handling', details: null },
    ]);
  });
});

describe('POST /api/reports/:id/contact', () => {
  it('the screening committee’s officer reveals the app account’s phone; the reveal is audited with the reason', async () => {
    const id = await appReport();
    const res = await reveal(screener, id);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ phone: citizenPhone, source: 'account' });
    expect(await audits(id)).toEqual([
      {
        action: 'report.reveal_contact',
        actor_id: screener.id,
        reason: 'Gọi lại để hỏi vị trí cột điện chính xác.',
        details: { source: 'account', channel: 'app' },
      },
    ]);
    const [row] = await t.database.query<{ at: Date }>('select at from audit_log where resource_id = $1', [id]);
    expect(row.at).toBeInstanceOf(Date);
  });

  it('the officer of the unit the report was routed to, and the commune administrator, may reveal it', async () => {
    const id = await appReport();
    const agency = (await t.database.query<{ id: string }>("select id from handling_units where code = 'ubnd-19'"))[0];
    expect((await act(t, screener, id, 'accept', { handlingUnitId: agency.id })).statusCode).toBe(200);
    expect((await reveal(agencyOfficer, id)).statusCode).toBe(200);
    expect((await reveal(adminIn, id)).statusCode).toBe(200);
    expect((await audits(id)).map((a) => a.actor_id)).toEqual([agencyOfficer.id, adminIn.id]);
  });

  it('refuses another unit’s officer, an administrator of another commune, citizens and team members; nothing is recorded', async () => {
    const id = await appReport();
    for (const who of [otherOfficer, adminOut, citizen, team, agencyOfficer]) {
      const res = await reveal(who, id);
      expect(res.statusCode).toBe(403);
      expect(JSON.stringify(res.json())).not.toContain(citizenPhone);
    }
    expect((await reveal(null, id)).statusCode).toBe(401);
    expect(await audits(id)).toEqual([]);
  });

  it('needs a reason', async () => {
    const id = await appReport();
    const res = await reveal(screener, id, ' ');
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields).toHaveProperty('reason');
    expect(await audits(id)).toEqual([]);
  });
});
