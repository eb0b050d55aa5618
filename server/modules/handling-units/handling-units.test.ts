import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HandlingUnitDetail, HandlingUnitListResponse } from '../../../common/handling-units.js';
import { createTestApp, type TestApp } from '../../test/harness.js';
import { headersFor } from '../units/test-support.js';

let t: TestApp;
let admin: Record<string, string>;
let otherProvinceCommune: string;
beforeAll(async () => {
  t = await createTestApp();
  admin = await headersFor(t, { role: 'province_admin', unitCode: '19' });
  [{ code: otherProvinceCommune }] = await t.database.query<{ code: string }>(
    "select code from units where province_code = '01' and level = 'commune' order by code limit 1",
  );
});
afterAll(() => t.close());

const get = async <T>(url: string) => (await t.app.inject(url)).json() as T;
const send = (method: 'POST' | 'PATCH' | 'PUT', url: string, payload?: object, headers = admin) =>
  t.app.inject({ method, url, headers, payload });
const auditActions = async (id: string) =>
  (
    await t.database.query<{ action: string }>('select action from audit_log where resource_id = $1 order by id', [id])
  ).map((r) => r.action);

describe('reading handling units (public)', () => {
  it("lists a province's handling units, the province's committee first", async () => {
    const body = await get<HandlingUnitListResponse>('/api/handling-units?unit=19&limit=200');
    expect(body.total).toBe(93); // UBND tỉnh + 92 commune committees
    expect(body.items[0]).toMatchObject({ code: 'ubnd-19', kind: 'province_committee', unitName: 'Tỉnh Thái Nguyên' });
    expect(body.items.filter((h) => h.kind === 'commune_committee')).toHaveLength(92);
  });

  it('filters by served commune, kind and a diacritic-insensitive name', async () => {
    const serves = await get<HandlingUnitListResponse>('/api/handling-units?serves=05569');
    expect(serves.items.map((h) => h.code)).toEqual(['ubnd-05569']);
    const kind = await get<HandlingUnitListResponse>('/api/handling-units?kind=province_committee');
    expect(kind.total).toBe(34);
    const q = await get<HandlingUnitListResponse>(`/api/handling-units?q=${encodeURIComponent('ubnd xa dinh hoa')}`);
    expect(q.items[0]).toMatchObject({ code: 'ubnd-05569', name: 'UBND Xã Định Hoá' });
  });

  it('pages with a cursor', async () => {
    const first = await get<HandlingUnitListResponse>('/api/handling-units?unit=19&limit=50');
    expect(first.items).toHaveLength(50);
    const second = await get<HandlingUnitListResponse>(
      `/api/handling-units?unit=19&limit=50&cursor=${first.nextCursor}`,
    );
    expect(second.items).toHaveLength(43);
    expect(second.nextCursor).toBeNull();
    expect(new Set([...first.items, ...second.items].map((h) => h.id)).size).toBe(93);
  });

  it('shows one unit by code or id, with its parent and served communes', async () => {
    const byCode = await get<HandlingUnitDetail>('/api/handling-units/ubnd-05569');
    expect(byCode).toMatchObject({
      code: 'ubnd-05569',
      kind: 'commune_committee',
      unitCode: '05569',
      unitName: 'Xã Định Hoá',
      servedCount: 1,
      servedCommunes: [{ code: '05569', kind: 'xa', fullName: 'Xã Định Hoá' }],
      parent: { code: 'ubnd-19', kind: 'province_committee', active: true },
    });
    expect((await get<HandlingUnitDetail>(`/api/handling-units/${byCode.id}`)).code).toBe('ubnd-05569');
    const missing = await t.app.inject('/api/handling-units/khong-co');
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.message).toBe('Không tìm thấy cơ quan xử lý "khong-co".');
    expect((await t.app.inject('/api/handling-units?unit=99999')).statusCode).toBe(404);
  });
});

describe('managing handling units (province administrator)', () => {
  let so: HandlingUnitDetail;

  it('creates a department: code from the name, escalating to UBND tỉnh, serving communes of the province', async () => {
    const res = await send('POST', '/api/handling-units', {
      name: 'Sở Xây dựng tỉnh Thái Nguyên',
      nameEn: 'Thai Nguyen Department of Construction',
      kind: 'department',
      email: 'soxd@thainguyen.gov.vn',
      phone: '0208 3855 123',
      communeCodes: ['05569', '05611', '05569'],
    });
    expect(res.statusCode).toBe(201);
    so = res.json();
    expect(so).toMatchObject({
      code: 'so-xay-dung-tinh-thai-nguyen-19',
      kind: 'department',
      unitCode: '19',
      provinceCode: '19',
      servedCount: 2,
      active: true,
      parent: { code: 'ubnd-19' },
    });
    expect(so.servedCommunes.map((c) => c.code).sort()).toEqual(['05569', '05611']);
    const serves = await get<HandlingUnitListResponse>('/api/handling-units?serves=05569');
    expect(serves.items.map((h) => h.code)).toEqual(['so-xay-dung-tinh-thai-nguyen-19', 'ubnd-05569']);
    expect(await auditActions(so.id)).toEqual(['handling_unit.create']);
  });

  it('refuses a taken code (409), communes of another province (400 listing them), a foreign parent (400)', async () => {
    const dup = await send('POST', '/api/handling-units', { code: 'ubnd-19', name: 'Trùng mã', kind: 'agency' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.fields).toHaveProperty('code');
    const bad = await send('POST', '/api/handling-units', {
      name: 'Điện lực',
      kind: 'utility',
      communeCodes: ['05569', otherProvinceCommune, '99999'],
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields.communeCodes).toContain(`${otherProvinceCommune}, 99999`);
    const parent = await send('POST', '/api/handling-units', { name: 'Công an', kind: 'agency', parentId: 'ubnd-01' });
    expect(parent.statusCode).toBe(400);
    expect(parent.json().error.fields).toHaveProperty('parentId');
    const kind = await send('POST', '/api/handling-units', { name: 'UBND mới', kind: 'commune_committee' });
    expect(kind.statusCode).toBe(400);
    expect(kind.json().error.fields).toHaveProperty('kind');
  });

  it('edits names and contacts; refuses an escalation cycle and a committee changing kind', async () => {
    const child = (
      await send('POST', '/api/handling-units', { name: 'Phòng Quản lý nhà', kind: 'agency', parentId: so.id })
    ).json();
    const edited = await send('PATCH', `/api/handling-units/${so.code}`, { name: 'Sở Xây dựng', phone: null });
    expect(edited.statusCode).toBe(200);
    expect(edited.json()).toMatchObject({ name: 'Sở Xây dựng', phone: null, childCount: 1 });
    const cycle = await send('PATCH', `/api/handling-units/${so.id}`, { parentId: child.id });
    expect(cycle.statusCode).toBe(400);
    expect(cycle.json().error).toMatchObject({ code: 'escalation_cycle', fields: { parentId: expect.any(String) } });
    expect((await send('PATCH', `/api/handling-units/${so.id}`, { parentId: so.code })).statusCode).toBe(400);
    const committee = await send('PATCH', '/api/handling-units/ubnd-05569', { kind: 'agency' });
    expect(committee.statusCode).toBe(400);
    expect(committee.json().error.fields).toHaveProperty('kind');
    // Committees' contacts and parents may change.
    expect((await send('PATCH', '/api/handling-units/ubnd-05569', { email: 'ubnd@dinhhoa.gov.vn' })).statusCode).toBe(
      200,
    );
    expect(await auditActions(so.id)).toEqual(['handling_unit.create', 'handling_unit.update']);
  });

  it('replaces the served communes; 400 lists bad codes; a commune committee keeps its own commune', async () => {
    const res = await send('PUT', `/api/handling-units/${so.id}/areas`, { communeCodes: ['05443', '01840'] });
    expect(res.statusCode).toBe(200);
    expect(
      res
        .json()
        .servedCommunes.map((c: { code: string }) => c.code)
        .sort(),
    ).toEqual(['01840', '05443']);
    const bad = await send('PUT', `/api/handling-units/${so.id}/areas`, {
      communeCodes: ['05443', '19', otherProvinceCommune],
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain(`19, ${otherProvinceCommune}`);
    expect((await get<HandlingUnitDetail>(`/api/handling-units/${so.id}`)).servedCount).toBe(2);
    const own = await send('PUT', '/api/handling-units/ubnd-05569/areas', { communeCodes: ['05611'] });
    expect(own.statusCode).toBe(400);
    expect(
      (await send('PUT', '/api/handling-units/ubnd-05569/areas', { communeCodes: ['05569', '05563'] })).statusCode,
    ).toBe(200);
    const [audit] = await t.database.query<{ details: unknown }>(
      "select details from audit_log where resource_id = $1 and action = 'handling_unit.areas'",
      [so.id],
    );
    expect(audit.details).toEqual({ added: ['01840', '05443'], removed: ['05569', '05611'] });
  });

  it('deactivates (hidden from lists) and reactivates; committees and units with children stay', async () => {
    const blocked = await send('POST', `/api/handling-units/${so.id}/deactivate`);
    expect(blocked.statusCode).toBe(409);
    expect(blocked.json().error.code).toBe('has_children');
    const child = (await get<HandlingUnitListResponse>('/api/handling-units?q=phong quan ly nha')).items[0];
    const off = await send('POST', `/api/handling-units/${child.id}/deactivate`, { reason: 'Giải thể' });
    expect(off.statusCode).toBe(200);
    expect(off.json().active).toBe(false);
    expect((await get<HandlingUnitListResponse>('/api/handling-units?q=phong quan ly nha')).total).toBe(0);
    expect(
      (await get<HandlingUnitListResponse>('/api/handling-units?q=phong quan ly nha&includeInactive=1')).total,
    ).toBe(1);
    expect((await send('POST', `/api/handling-units/${child.id}/activate`)).json().active).toBe(true);
    for (const code of ['ubnd-05569', 'ubnd-19']) {
      const res = await send('POST', `/api/handling-units/${code}/deactivate`);
      expect(res.statusCode).toBe(409);
      expect(res.json().error.code).toBe('committee_required');
    }
  });
});
