import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../test/factories.js';
import { createTestApp, type TestApp } from '../../test/harness.js';
import { createApiKeyService } from '../accounts/api-keys.js';
import { insertCategory } from '../notifications/test-support.js';
import { child, names, parseXml, text } from './test-support.js';

let t: TestApp;
let key19: string;
let keyOther: string;
let revoked: string;
let otherProvince: string;
let category: { id: string; code: string };
const DINH_HOA = { lat: 21.91013, lng: 105.59381 };

const EXTRA_FIELDS = [
  {
    code: 'muc_do',
    label: { vi: 'Mức độ hư hỏng', en: 'Severity' },
    datatype: 'singlevaluelist',
    required: true,
    values: [
      { key: 'nhe', name: 'Nhẹ' },
      { key: 'nang', name: 'Nặng' },
    ],
  },
  { code: 'chieu_dai_m', label: { vi: 'Chiều dài (m)', en: 'Length (m)' }, datatype: 'number', required: false },
];

const form = (fields: Record<string, string>) => ({
  method: 'POST' as const,
  headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
  payload: new URLSearchParams(fields).toString(),
});

beforeAll(async () => {
  t = await createTestApp();
  category = await insertCategory(t.db, {
    code: 'o-ga-mat-duong',
    nameVi: 'Ổ gà, hư hỏng mặt đường',
    nameEn: 'Potholes',
    icon: 'traffic',
    extraFields: EXTRA_FIELDS,
  });
  await insertCategory(t.db, {
    code: 'tat-den',
    nameVi: 'Đèn chiếu sáng tắt',
    nameEn: 'Street light out',
    active: false,
  });
  otherProvince = (
    await t.database.query<{ code: string }>(
      "select code from units where level = 'province' and code <> '19' order by code limit 1",
    )
  )[0].code;
  await insertCategory(t.db, { code: 'khac-tinh', provinceCode: otherProvince });
  const keys = createApiKeyService(t.db);
  key19 = (await keys.create(null, { name: 'Ứng dụng 311', unitCode: '19', unitPath: '19' })).key;
  keyOther = (await keys.create(null, { name: 'Tỉnh khác', unitCode: otherProvince, unitPath: otherProvince })).key;
  const r = await keys.create(null, { name: 'Đã thu hồi', unitCode: '19', unitPath: '19' });
  await keys.revoke(null, r.id, '19');
  revoked = r.key;
});
afterAll(() => t.close());

describe('discovery and services', () => {
  it('discovery lists the v2 endpoint with both formats', async () => {
    const json = await t.app.inject('/open311/v2/discovery.json');
    expect(json.headers['content-type']).toBe('application/json; charset=utf-8');
    const d = json.json();
    expect(Object.keys(d)).toEqual(['changeset', 'contact', 'key_service', 'endpoints']);
    expect(d.endpoints).toEqual([
      {
        specification: 'http://wiki.open311.org/GeoReport_v2',
        url: `${t.config.PUBLIC_URL}/open311/v2`,
        changeset: d.changeset,
        type: 'production',
        formats: ['text/xml', 'application/json'],
      },
    ]);
    const xml = await t.app.inject('/open311/v2/discovery.xml');
    expect(xml.headers['content-type']).toBe('text/xml; charset=utf-8');
    const doc = parseXml(xml.body);
    expect(doc.name).toBe('discovery');
    expect(names(doc)).toEqual(['changeset', 'contact', 'key_service', 'endpoints']);
    const ep = child(child(doc, 'endpoints'), 'endpoint');
    expect(names(ep)).toEqual(['specification', 'url', 'changeset', 'type', 'formats']);
    expect(child(ep, 'formats').children.map((f) => f.text)).toEqual(['text/xml', 'application/json']);
  });

  it('services are the active categories of the jurisdiction (province)', async () => {
    const res = await t.app.inject('/open311/v2/services.json?jurisdiction_id=19');
    expect(res.statusCode).toBe(200);
    const mine = res.json().find((s: { service_code: string }) => s.service_code === category.code);
    expect(mine).toEqual({
      service_code: 'o-ga-mat-duong',
      service_name: 'Ổ gà, hư hỏng mặt đường',
      description: 'Ổ gà, đèn tín hiệu, biển báo',
      metadata: true,
      type: 'realtime',
      keywords: 'Ổ gà, hư hỏng mặt đường, Potholes',
      group: 'traffic',
    });
    const codes = res.json().map((s: { service_code: string }) => s.service_code);
    expect(codes).not.toContain('tat-den');
    expect(codes).not.toContain('khac-tinh');
    const en = await t.app.inject({ url: '/open311/v2/services.json', headers: { 'accept-language': 'en' } });
    expect(en.json().find((s: { service_code: string }) => s.service_code === category.code).service_name).toBe(
      'Potholes',
    );

    const xml = parseXml((await t.app.inject('/open311/v2/services.xml')).body);
    expect(xml.name).toBe('services');
    const s = xml.children.find((c) => text(c, 'service_code') === category.code)!;
    expect(names(s)).toEqual(['service_code', 'service_name', 'description', 'metadata', 'type', 'keywords', 'group']);
    expect(text(s, 'metadata')).toBe('true');
    expect(text(s, 'type')).toBe('realtime');
  });

  it('a service definition carries the extra fields as attributes', async () => {
    const def = (await t.app.inject(`/open311/v2/services/${category.code}.json?jurisdiction_id=19`)).json();
    expect(def).toEqual({
      service_code: 'o-ga-mat-duong',
      attributes: [
        {
          variable: true,
          code: 'muc_do',
          datatype: 'singlevaluelist',
          required: true,
          datatype_description: null,
          order: 1,
          description: 'Mức độ hư hỏng',
          values: [
            { key: 'nhe', name: 'Nhẹ' },
            { key: 'nang', name: 'Nặng' },
          ],
        },
        {
          variable: true,
          code: 'chieu_dai_m',
          datatype: 'number',
          required: false,
          datatype_description: null,
          order: 2,
          description: 'Chiều dài (m)',
        },
      ],
    });
    const xml = parseXml((await t.app.inject(`/open311/v2/services/${category.code}.xml`)).body);
    expect(xml.name).toBe('service_definition');
    expect(names(xml)).toEqual(['service_code', 'attributes']);
    const [a1] = child(xml, 'attributes').children;
    expect(names(a1)).toEqual([
      'variable',
      'code',
      'datatype',
      'required',
      'datatype_description',
      'order',
      'description',
      'values',
    ]);
    expect(child(a1, 'values').children.map((v) => [text(v, 'key'), text(v, 'name')])).toEqual([
      ['nhe', 'Nhẹ'],
      ['nang', 'Nặng'],
    ]);
  });

  it.each([
    ['/open311/v2/services/khong-co.json', 404, 'json'],
    ['/open311/v2/services/khong-co.xml', 404, 'xml'],
    ['/open311/v2/services.json?jurisdiction_id=99', 404, 'json'],
    ['/open311/v2/services.json?jurisdiction_id=thainguyen.gov.vn', 404, 'json'],
    ['/open311/v2/services.txt', 404, 'json'],
    ['/open311/v2/nothing-here.xml', 404, 'xml'],
    ['/open311/v3/services.json', 404, 'json'],
    ['/open311/v2/requests.json?start_date=yesterday', 400, 'json'],
    ['/open311/v2/requests.json?status=pending', 400, 'json'],
    ['/open311/v2/requests.json?start_date=2026-01-01T00:00:00Z&end_date=2026-06-01T00:00:00Z', 400, 'json'],
  ])('%s → %i in the Open311 error form', async (url, status, format) => {
    const res = await t.app.inject(url);
    expect(res.statusCode).toBe(status);
    if (format === 'json') {
      const body = res.json();
      expect(body).toEqual([{ code: status, description: expect.any(String) }]);
    } else {
      const doc = parseXml(res.body);
      expect(doc.name).toBe('errors');
      expect(names(child(doc, 'error'))).toEqual(['code', 'description']);
      expect(text(child(doc, 'error'), 'code')).toBe(String(status));
    }
  });
});

describe('POST requests', () => {
  const valid = () => ({
    api_key: key19,
    jurisdiction_id: '19',
    service_code: category.code,
    lat: String(DINH_HOA.lat),
    long: String(DINH_HOA.lng),
    description: 'Ổ gà sâu giữa đường tỉnh 268',
    first_name: 'An',
    last_name: 'Nguyễn Văn',
    phone: '0912345678',
    email: 'an@example.vn',
    'attribute[muc_do]': 'nang',
    'attribute[chieu_dai_m]': '2.5',
  });

  it('creates a report through the open311 channel, with the requester recorded by consent', async () => {
    const res = await t.app.inject({ url: '/open311/v2/requests.json', ...form(valid()) });
    expect(res.statusCode).toBe(200);
    const [created] = res.json();
    expect(Object.keys(created)).toEqual(['service_request_id', 'service_notice', 'account_id']);
    expect(created.service_request_id).toMatch(/^PA-\d{2}-\d+$/);
    expect(created.account_id).toBeNull();
    const [row] = await t.database.query<Record<string, unknown>>(
      'select channel, status, commune_code, reporter_name, reporter_phone, consent_recorded_at, attributes, reporter_id from reports where public_code = $1',
      [created.service_request_id],
    );
    expect(row).toMatchObject({
      channel: 'open311',
      status: 'pending',
      commune_code: '05569',
      reporter_name: 'Nguyễn Văn An',
      reporter_phone: '0912345678',
      reporter_id: null,
      attributes: { muc_do: 'nang', chieu_dai_m: 2.5 },
    });
    expect(row.consent_recorded_at).not.toBeNull();

    const xml = await t.app.inject({
      url: '/open311/v2/requests.xml',
      ...form({ ...valid(), description: 'Lần hai' }),
    });
    const doc = parseXml(xml.body);
    expect(doc.name).toBe('service_requests');
    expect(names(child(doc, 'request'))).toEqual(['service_request_id', 'service_notice', 'account_id']);
  });

  it('takes JSON bodies and the key as a Bearer token', async () => {
    const { api_key, ...rest } = valid();
    const res = await t.app.inject({
      method: 'POST',
      url: '/open311/v2/requests.json',
      headers: { authorization: `Bearer ${api_key}` },
      payload: { ...rest, 'attribute[muc_do]': undefined, attribute: { muc_do: 'nhe' } },
    });
    expect(res.statusCode).toBe(200);
  });

  it.each([
    [
      'no api_key',
      (v: Record<string, string>) => {
        const { api_key, ...r } = v;
        return r;
      },
      403,
    ],
    ['a revoked api_key', (v: Record<string, string>) => ({ ...v, api_key: revoked }), 403],
    ['a made-up api_key', (v: Record<string, string>) => ({ ...v, api_key: 'xsk_nope' }), 403],
    ["another province's key", (v: Record<string, string>) => ({ ...v, api_key: keyOther }), 403],
    ['an unknown jurisdiction', (v: Record<string, string>) => ({ ...v, jurisdiction_id: '99' }), 404],
    [
      'no service_code',
      (v: Record<string, string>) => {
        const { service_code, ...r } = v;
        return r;
      },
      400,
    ],
    ['an unknown service_code', (v: Record<string, string>) => ({ ...v, service_code: 'khong-co' }), 404],
    [
      'no location',
      (v: Record<string, string>) => {
        const { lat, long, ...r } = v;
        return r;
      },
      400,
    ],
    [
      'an address only',
      (v: Record<string, string>) => {
        const { lat, long, ...r } = v;
        return { ...r, address_string: 'Chợ Chu' };
      },
      400,
    ],
    [
      'a missing required attribute',
      (v: Record<string, string>) => {
        const { 'attribute[muc_do]': _, ...r } = v;
        return r;
      },
      400,
    ],
    ['a value outside the list', (v: Record<string, string>) => ({ ...v, 'attribute[muc_do]': 'rat-nang' }), 400],
    ['a bad phone', (v: Record<string, string>) => ({ ...v, phone: 'gọi tôi' }), 400],
    ['a point outside the province', (v: Record<string, string>) => ({ ...v, lat: '21.0285', long: '105.8542' }), 400],
  ])('refuses %s, nothing written', async (_label, change, status) => {
    const before = (await t.database.query<{ n: number }>('select count(*)::int as n from reports'))[0].n;
    const res = await t.app.inject({ url: '/open311/v2/requests.json', ...form(change(valid())) });
    expect(res.statusCode).toBe(status);
    expect(res.json()).toEqual([{ code: status, description: expect.any(String) }]);
    expect((await t.database.query<{ n: number }>('select count(*)::int as n from reports'))[0].n).toBe(before);
  });

  it('a commune key reports in its commune only', async () => {
    const keys = createApiKeyService(t.db);
    const here = (await keys.create(null, { name: 'Xã Định Hoá', unitCode: '05569', unitPath: '19/05569' })).key;
    const there = (await keys.create(null, { name: 'Xã Phú Lương', unitCode: '05611', unitPath: '19/05611' })).key;
    const ok = await t.app.inject({ url: '/open311/v2/requests.json', ...form({ ...valid(), api_key: here }) });
    expect(ok.statusCode).toBe(200);
    const refused = await t.app.inject({ url: '/open311/v2/requests.json', ...form({ ...valid(), api_key: there }) });
    expect(refused.statusCode).toBe(403);
  });

  it.each(['citizen', 'team_member', 'handling_officer', 'commune_admin', 'province_admin'] as const)(
    'a signed-in %s is not an integration: 403',
    async (role) => {
      const scope =
        role === 'handling_officer'
          ? { handlingUnitCode: 'ubnd-05569' }
          : { unitCode: role === 'province_admin' ? '19' : '05569' };
      const user = await createUser(t.db, { role, ...scope });
      const { api_key, ...rest } = valid();
      const res = await t.app.inject({
        url: '/open311/v2/requests.json',
        ...form(rest),
        headers: { ...form(rest).headers, ...(await t.sessionHeaders(user.id)) },
      });
      expect(res.statusCode).toBe(403);
      expect(res.json()[0].code).toBe(403);
    },
  );

  it('names the field in the description, and answers XML errors in XML', async () => {
    const { 'attribute[muc_do]': _, ...rest } = valid();
    const res = await t.app.inject({ url: '/open311/v2/requests.xml', ...form(rest) });
    expect(res.statusCode).toBe(400);
    const err = child(parseXml(res.body), 'error');
    expect(text(err, 'description')).toContain('attribute[muc_do]');
    const bearer = await t.app.inject({
      url: '/open311/v2/requests.xml',
      ...form(rest),
      headers: { ...form(rest).headers, authorization: 'Bearer xsk_bad' },
    });
    expect(bearer.statusCode).toBe(403);
    expect(parseXml(bearer.body).name).toBe('errors');
  });

  it('refuses a body that is not UTF-8 or holds NUL', async () => {
    for (const payload of [Buffer.from([0x61, 0x3d, 0xff, 0xfe]), 'api_key=x&description=a%00b']) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/open311/v2/requests.json',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload,
      });
      expect(res.statusCode).toBe(400);
      expect(res.json()[0].code).toBe(400);
    }
  });
});
