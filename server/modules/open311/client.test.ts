/**
 * "Existing Open311 clients must work unchanged": this file drives the endpoints over real HTTP the way a typical
 * GeoReport v2 client library does — discovery, services, a service definition, a form-encoded POST with
 * api_key, then GET by token and by id — and checks every field of the JSON and XML against the spec.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/harness.js';
import { createApiKeyService } from '../accounts/api-keys.js';
import { insertCategory } from '../notifications/test-support.js';
import { child, names, parseXml, text, type XmlElement } from './test-support.js';

/** What a GeoReport v2 client library does, with nothing but fetch. */
function georeportClient(endpoint: string, apiKey: string, jurisdictionId: string) {
  const get = async (path: string, params: Record<string, string> = {}) => {
    const url = `${endpoint}/${path}?${new URLSearchParams({ jurisdiction_id: jurisdictionId, ...params })}`;
    const res = await fetch(url);
    return { status: res.status, type: res.headers.get('content-type'), body: await res.text() };
  };
  return {
    get,
    async postRequest(
      format: 'json' | 'xml',
      fields: Record<string, string>,
      attributes: Record<string, string | string[]>,
    ) {
      const form = new URLSearchParams({ api_key: apiKey, jurisdiction_id: jurisdictionId, ...fields });
      for (const [code, v] of Object.entries(attributes))
        for (const one of [v].flat())
          form.append(Array.isArray(v) ? `attribute[${code}][]` : `attribute[${code}]`, one);
      const res = await fetch(`${endpoint}/requests.${format}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded; charset=utf-8' },
        body: form.toString(),
      });
      return { status: res.status, type: res.headers.get('content-type'), body: await res.text() };
    },
  };
}

const W3 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(Z|[+-]\d{2}:\d{2})$/;
const REQUEST_FIELDS = [
  'service_request_id',
  'status',
  'status_notes',
  'service_name',
  'service_code',
  'description',
  'agency_responsible',
  'service_notice',
  'requested_datetime',
  'updated_datetime',
  'expected_datetime',
  'address',
  'address_id',
  'zipcode',
  'lat',
  'long',
  'media_url',
];

let t: TestApp;
let client: ReturnType<typeof georeportClient>;
let endpoint: string;

beforeAll(async () => {
  t = await createTestApp();
  await insertCategory(t.db, {
    code: 'rac-thai',
    nameVi: 'Rác thải, vệ sinh môi trường',
    nameEn: 'Waste and sanitation',
    icon: 'environment',
    extraFields: [
      {
        code: 'loai_rac',
        label: { vi: 'Loại rác', en: 'Kind of waste' },
        datatype: 'multivaluelist',
        required: true,
        values: [
          { key: 'sinh_hoat', name: 'Sinh hoạt' },
          { key: 'xay_dung', name: 'Xây dựng' },
        ],
      },
      { code: 'ghi_chu', label: { vi: 'Ghi chú', en: 'Note' }, datatype: 'text', required: false },
    ],
  });
  const key = (await createApiKeyService(t.db).create(null, { name: 'GeoReporter', unitCode: '19', unitPath: '19' }))
    .key;
  const address = await t.app.listen({ port: 0, host: '127.0.0.1' });
  endpoint = `${address}/open311/v2`;
  client = georeportClient(endpoint, key, '19');
});
afterAll(() => t.close());

describe('a GeoReport v2 client, unchanged', () => {
  it('discovers the endpoint and reads the services and a definition in JSON and XML', async () => {
    const discovery = await client.get('discovery.json');
    expect(discovery.type).toBe('application/json; charset=utf-8');
    const d = JSON.parse(discovery.body);
    expect(d.endpoints[0]).toMatchObject({ specification: 'http://wiki.open311.org/GeoReport_v2', type: 'production' });
    expect(d.endpoints[0].url).toMatch(/\/open311\/v2$/);

    const services = JSON.parse((await client.get('services.json')).body);
    const s = services.find((x: { service_code: string }) => x.service_code === 'rac-thai');
    expect(Object.keys(s)).toEqual([
      'service_code',
      'service_name',
      'description',
      'metadata',
      'type',
      'keywords',
      'group',
    ]);
    expect(typeof s.metadata).toBe('boolean');
    expect(['realtime', 'batch', 'blackbox']).toContain(s.type);

    const def = JSON.parse((await client.get('services/rac-thai.json')).body);
    expect(def.service_code).toBe('rac-thai');
    for (const a of def.attributes) {
      expect(typeof a.variable).toBe('boolean');
      expect(['string', 'number', 'datetime', 'text', 'singlevaluelist', 'multivaluelist']).toContain(a.datatype);
      expect(typeof a.required).toBe('boolean');
      expect(Number.isInteger(a.order) && a.order > 0).toBe(true);
      if (a.datatype.endsWith('valuelist')) expect(a.values.length).toBeGreaterThan(0);
    }
    expect(def.attributes.map((a: { order: number }) => a.order)).toEqual([1, 2]);

    const xml = await client.get('services/rac-thai.xml');
    expect(xml.type).toBe('text/xml; charset=utf-8');
    const doc = parseXml(xml.body);
    const attrs = child(doc, 'attributes').children;
    expect(attrs.map((a) => text(a, 'code'))).toEqual(['loai_rac', 'ghi_chu']);
    expect(text(attrs[1], 'datatype_description')).toBe('');
    expect(names(attrs[1])).not.toContain('values');
  });

  it('posts a form-encoded request with api_key, then finds it by token and by id', async () => {
    const posted = await client.postRequest(
      'json',
      {
        service_code: 'rac-thai',
        lat: '21.91013',
        long: '105.59381',
        address_string: 'Chợ Chu, Định Hoá',
        email: 'binh@example.vn',
        device_id: 'tt222111',
        account_id: '123456',
        first_name: 'Bình',
        last_name: 'Trần Thị',
        phone: '0988111222',
        description: 'Bãi rác tự phát cạnh cầu Chợ Chu & bốc mùi <nặng>',
        media_url: 'http://example.com/anh.jpg',
      },
      { loai_rac: ['sinh_hoat', 'xay_dung'], ghi_chu: 'Từ tuần trước' },
    );
    expect(posted.status).toBe(200);
    expect(posted.type).toBe('application/json; charset=utf-8');
    const [created] = JSON.parse(posted.body);
    expect(Object.keys(created)).toEqual(['service_request_id', 'service_notice', 'account_id']);
    const id: string = created.service_request_id;

    // media_url is never fetched nor stored; the requester's e-mail is not kept either.
    const [stored] = await t.database.query<{ attributes: unknown; description: string }>(
      'select attributes, description from reports where public_code = $1',
      [id],
    );
    expect(stored.attributes).toEqual({ loai_rac: ['sinh_hoat', 'xay_dung'], ghi_chu: 'Từ tuần trước' });
    expect(JSON.stringify(stored)).not.toContain('example.com');

    const byToken = JSON.parse((await client.get(`tokens/${id}.json`)).body);
    expect(byToken).toEqual([{ service_request_id: id, token: id }]);

    for (const format of ['json', 'xml'] as const) {
      const res = await client.get(`requests/${id}.${format}`);
      expect(res.status).toBe(200);
      const r: Record<string, unknown> =
        format === 'json' ? JSON.parse(res.body)[0] : xmlRequest(child(parseXml(res.body), 'request'));
      expect(Object.keys(r)).toEqual(REQUEST_FIELDS);
      expect(r.service_request_id).toBe(id);
      expect(r.status).toBe('open');
      expect(r.service_code).toBe('rac-thai');
      expect(r.requested_datetime).toMatch(W3);
      expect(r.updated_datetime).toMatch(W3);
      for (const personal of ['Bình', 'Trần Thị', '0988111222', 'binh@example.vn'])
        expect(res.body).not.toContain(personal);
    }

    const list = await client.get('requests.xml', { service_request_id: id });
    const doc = parseXml(list.body);
    expect(doc.name).toBe('service_requests');
    expect(doc.children.map((c) => text(c, 'service_request_id'))).toEqual([id]);
  });

  it('lets web pages on other sites call it (CORS), with a preflight for Authorization', async () => {
    const res = await fetch(`${endpoint}/services.json`, { headers: { origin: 'https://ban-do.example.org' } });
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    const pre = await fetch(`${endpoint}/requests.json`, {
      method: 'OPTIONS',
      headers: {
        origin: 'https://ban-do.example.org',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization',
      },
    });
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-headers')).toContain('Authorization');
    expect(pre.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('speaks Open311 errors to the client (JSON array, XML errors)', async () => {
    const bad = georeportClient(endpoint, 'xsk_not-a-key', '19');
    const json = await bad.postRequest('json', { service_code: 'rac-thai', lat: '21.91', long: '105.59' }, {});
    expect(json.status).toBe(403);
    expect(JSON.parse(json.body)).toEqual([{ code: 403, description: expect.any(String) }]);
    const xml = await bad.postRequest('xml', { service_code: 'rac-thai' }, {});
    const err = child(parseXml(xml.body), 'error');
    expect(names(err)).toEqual(['code', 'description']);
    expect(text(err, 'code')).toBe('403');
  });
});

/** An XML <request> as the JSON object it maps to (Spark convention: empty element ↔ null). */
function xmlRequest(el: XmlElement): Record<string, unknown> {
  return Object.fromEntries(el.children.map((c) => [c.name, c.text === '' ? null : c.text]));
}
