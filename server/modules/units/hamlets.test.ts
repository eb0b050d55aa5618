import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UnitListResponse, UnitView } from '../../../common/units.js';
import { createTestApp, type TestApp } from '../../test/harness.js';
import { headersFor } from './test-support.js';

let t: TestApp;
let admin: Record<string, string>;
beforeAll(async () => {
  t = await createTestApp();
  admin = await headersFor(t, { role: 'commune_admin', unitCode: '05569' });
});
afterAll(() => t.close());

const send = (method: 'POST' | 'PATCH', url: string, payload?: object, headers = admin) =>
  t.app.inject({ method, url, headers, payload });
const list = async (url: string) => (await t.app.inject(url)).json() as UnitListResponse;
const auditOf = (code: string) =>
  t.database.query<{ action: string; unit_path: string; details: Record<string, unknown> | null }>(
    'select action, unit_path, details from audit_log where resource_id = $1 order by id',
    [code],
  );

describe('creating hamlets', () => {
  it('creates hamlets with codes <commune>-NNN and composed full names', async () => {
    const xom = await send('POST', '/api/units/05569/hamlets', { name: 'Bãi Á', kind: 'xom', households: 131 });
    expect(xom.statusCode).toBe(201);
    expect(xom.json()).toMatchObject({
      code: '05569-001',
      parentCode: '05569',
      level: 'hamlet',
      kind: 'xom',
      name: 'Bãi Á',
      fullName: 'Xóm Bãi Á',
      path: '19/05569/05569-001',
      provinceCode: '19',
      status: 'active',
      households: 131,
      population: null,
      parentFullName: 'Xã Định Hoá',
    });
    const tdp = await send('POST', '/api/units/05569/hamlets', {
      name: 'Trung Kiên',
      kind: 'to_dan_pho',
      households: 242,
    });
    expect(tdp.json()).toMatchObject({ code: '05569-002', fullName: 'Tổ dân phố Trung Kiên' });
    // A name that already starts with its kind word is kept as it is.
    const to = await send('POST', '/api/units/05569/hamlets', { name: 'Tổ 8b', kind: 'to_dan_pho' });
    expect(to.json()).toMatchObject({ code: '05569-003', fullName: 'Tổ 8b' });
    const thon = await send('POST', '/api/units/05569/hamlets', { name: 'Thôn  Khuôn Tát ', kind: 'thon' });
    expect(thon.json()).toMatchObject({ name: 'Thôn Khuôn Tát', fullName: 'Thôn Khuôn Tát' });
  });

  it('lists the commune’s hamlets with counts by kind', async () => {
    const body = await list('/api/units?parent=05569');
    expect(body.total).toBe(4);
    expect(body.totals).toEqual({ xom: 1, to_dan_pho: 2, thon: 1 });
    expect(body.items.map((h) => h.fullName)).toEqual([
      'Xóm Bãi Á',
      'Thôn Khuôn Tát',
      'Tổ 8b',
      'Tổ dân phố Trung Kiên',
    ]);
    const detail = (await t.app.inject('/api/units/05569-001')).json();
    expect(detail.breadcrumb.map((b: { code: string }) => b.code)).toEqual(['19', '05569', '05569-001']);
    expect((await list('/api/units?q=bai a&province=19&level=hamlet')).items[0].code).toBe('05569-001');
  });

  it.each([
    ['bai a', 'xom'],
    ['XÓM BÃI Á', 'xom'],
    ['Bãi Á'.normalize('NFD'), 'thon'],
  ])('refuses an active duplicate name "%s" (%s) with 409 naming the field', async (name, kind) => {
    const res = await send('POST', '/api/units/05569/hamlets', { name, kind });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('duplicate_hamlet');
    expect(res.json().error.fields.name).toContain('Xóm Bãi Á');
  });

  it('allows the same name in another commune', async () => {
    const other = await headersFor(t, { role: 'commune_admin', unitCode: '05611' });
    const res = await send('POST', '/api/units/05611/hamlets', { name: 'Bãi Á', kind: 'xom' }, other);
    expect(res.statusCode).toBe(201);
    expect(res.json().code).toBe('05611-001');
  });

  it('validates the body: missing name, unknown kind, negative counts, unknown fields', async () => {
    const cases: [object, string][] = [
      [{ kind: 'xom' }, 'name'],
      [{ name: '   ', kind: 'xom' }, 'name'],
      [{ name: 'A', kind: 'village' }, 'kind'],
      [{ name: 'A', kind: 'xom', households: -1 }, 'households'],
      [{ name: 'A', kind: 'xom', households: 1.5 }, 'households'],
      [{ name: 'A', kind: 'xom', code: '05569-999' }, 'code'],
    ];
    for (const [body, field] of cases) {
      const res = await send('POST', '/api/units/05569/hamlets', body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().error.fields).toHaveProperty(field);
    }
  });

  it('creates hamlets only in communes: 404 unknown, 400 for a province or a hamlet', async () => {
    const province = await headersFor(t, { role: 'province_admin', unitCode: '19' });
    expect((await send('POST', '/api/units/99999/hamlets', { name: 'A', kind: 'xom' }, province)).statusCode).toBe(404);
    const onProvince = await send('POST', '/api/units/19/hamlets', { name: 'A', kind: 'xom' }, province);
    expect(onProvince.statusCode).toBe(400);
    expect(onProvince.json().error.code).toBe('not_a_commune');
    expect((await send('POST', '/api/units/05569-001/hamlets', { name: 'A', kind: 'xom' }, province)).statusCode).toBe(
      400,
    );
  });

  it('audits every creation with the commune path', async () => {
    expect(await auditOf('05569-001')).toEqual([
      { action: 'hamlet.create', unit_path: '19/05569', details: expect.objectContaining({ name: 'Xóm Bãi Á' }) },
    ]);
  });
});

describe('editing hamlets', () => {
  it('renames, re-kinds and clears counts; the full name follows', async () => {
    const res = await send('PATCH', '/api/units/05569-001', { name: 'Bãi Á Mới', households: null, population: 520 });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      name: 'Bãi Á Mới',
      fullName: 'Xóm Bãi Á Mới',
      households: null,
      population: 520,
    });
    const kind = await send('PATCH', '/api/units/05569-001', { kind: 'ban' });
    expect(kind.json().fullName).toBe('Bản Bãi Á Mới');
    const audit = await auditOf('05569-001');
    expect(audit.at(-2)).toMatchObject({
      action: 'hamlet.update',
      details: { name: { from: 'Bãi Á', to: 'Bãi Á Mới' }, households: { from: 131, to: null } },
    });
  });

  it('refuses a rename onto another active hamlet, an empty patch and unknown fields', async () => {
    const dup = await send('PATCH', '/api/units/05569-001', { name: 'trung kien', kind: 'to_dan_pho' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.fields).toHaveProperty('name');
    expect((await send('PATCH', '/api/units/05569-001', {})).statusCode).toBe(400);
    const unknown = await send('PATCH', '/api/units/05569-001', { status: 'retired' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.fields).toHaveProperty('status');
  });

  it('refuses to edit reference units (communes, provinces)', async () => {
    const province = await headersFor(t, { role: 'province_admin', unitCode: '19' });
    const res = await send('PATCH', '/api/units/05569', { name: 'X' }, province);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('not_a_hamlet');
  });
});

describe('retiring and merging hamlets', () => {
  it('retires a hamlet: kept for history, hidden unless includeRetired=1', async () => {
    const res = await send('POST', '/api/units/05569-003/retire', { reason: 'Sáp nhập theo nghị quyết' });
    expect(res.statusCode).toBe(200);
    expect(res.json().status).toBe('retired');
    expect((await list('/api/units?parent=05569')).items.map((h) => h.code)).not.toContain('05569-003');
    expect((await list('/api/units?parent=05569&includeRetired=1')).items.map((h) => h.code)).toContain('05569-003');
    expect((await t.app.inject('/api/units/05569-003')).json().status).toBe('retired');
    expect((await t.app.inject('/api/units/05569')).json().children).toMatchObject({ total: 3, retired: 1 });
    expect((await auditOf('05569-003')).at(-1)).toMatchObject({ action: 'hamlet.retire' });
  });

  it('refuses to change a retired hamlet (409) and frees its name; codes are never reused', async () => {
    expect((await send('POST', '/api/units/05569-003/retire')).statusCode).toBe(409);
    expect((await send('PATCH', '/api/units/05569-003', { households: 3 })).json().error.code).toBe('hamlet_retired');
    const again = await send('POST', '/api/units/05569/hamlets', { name: 'Tổ 8b', kind: 'to_dan_pho' });
    expect(again.statusCode).toBe(201);
    expect(again.json().code).toBe('05569-005');
  });

  it('merges a hamlet into another of the same commune', async () => {
    const res = await send('POST', '/api/units/05569-004/merge', { into: '05569-002', reason: 'Gộp thôn' });
    expect(res.statusCode).toBe(200);
    const { source, target } = res.json() as { source: UnitView; target: UnitView };
    expect(source).toMatchObject({ code: '05569-004', status: 'retired', mergedInto: '05569-002' });
    expect(target).toMatchObject({ code: '05569-002', status: 'active' });
    expect((await auditOf('05569-004')).at(-1)).toMatchObject({
      action: 'hamlet.merge',
      unit_path: '19/05569',
      details: { into: '05569-002', repointed: [] },
    });
    // A later merge of the target carries the earlier one along.
    await send('POST', '/api/units/05569-002/merge', { into: '05569-001' });
    const [row] = await t.database.query<{ merged_into: string }>(
      "select merged_into from units where code = '05569-004'",
    );
    expect(row.merged_into).toBe('05569-001');
  });

  it.each([
    ['05569-001', 'itself'],
    ['05611-001', 'another commune'],
    ['05569-003', 'a retired hamlet'],
    ['05569-777', 'an unknown hamlet'],
    ['05569', 'a commune'],
  ])('refuses to merge into %s (%s) with 400 naming "into"', async (into) => {
    const res = await send('POST', '/api/units/05569-001/merge', { into });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields).toHaveProperty('into');
  });
});
