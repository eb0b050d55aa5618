import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CANCEL_REASON_LABELS } from '../../../common/feedback.js';
import { createTestApp, type TestApp } from '../../test/harness.js';
import { insertCategory, insertReport } from '../notifications/test-support.js';
import { parseXml, text } from './test-support.js';
import { xmlDocument } from './xml.js';

/** GET requests, requests/{id} and tokens/{token}: status mapping, filters, and no personal data. */
let t: TestApp;
let category: { id: string; code: string };

beforeAll(async () => {
  t = await createTestApp();
  category = await insertCategory(t.db, {
    code: 'o-ga-mat-duong',
    nameVi: 'Ổ gà, hư hỏng mặt đường',
    nameEn: 'Potholes',
  });
  await insertCategory(t.db, {
    code: 'tat-den',
    nameVi: 'Đèn chiếu sáng tắt',
    nameEn: 'Street light out',
    active: false,
  });
});
afterAll(() => t.close());

describe('GET requests', () => {
  let resolved: { id: string; publicCode: string };
  let cancelled: { publicCode: string };
  let spam: { publicCode: string };
  let old: { publicCode: string };
  let committee: { id: string; name: string };

  beforeAll(async () => {
    [committee] = await t.database.query<{ id: string; name: string }>(
      "select id, name from handling_units where code = 'ubnd-05569'",
    );
    resolved = await insertReport(t.db, {
      categoryId: category.id,
      status: 'resolved',
      handlingUnitId: committee.id,
      answerText: 'Đã vá xong.',
      reporterPhone: '0977000111',
    });
    cancelled = await insertReport(t.db, { categoryId: category.id, status: 'cancelled', cancelReason: 'duplicate' });
    spam = await insertReport(t.db, { categoryId: category.id, status: 'cancelled', cancelReason: 'spam' });
    old = await insertReport(t.db, {
      categoryId: category.id,
      status: 'distributed',
      createdAt: new Date(Date.now() - 100 * 86_400_000),
    });
  });

  it('maps statuses, shows the answer and the handling unit, and no personal data', async () => {
    const res = await t.app.inject(`/open311/v2/requests/${resolved.publicCode}.json`);
    expect(res.statusCode).toBe(200);
    const [r] = res.json();
    expect(Object.keys(r)).toEqual([
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
    ]);
    expect(r).toMatchObject({
      service_request_id: resolved.publicCode,
      status: 'closed',
      status_notes: 'Đã vá xong.',
      service_code: category.code,
      agency_responsible: committee.name,
      lat: 21.9,
      long: 105.65,
      address: 'Thôn Nà Mòn',
    });
    expect(r.requested_datetime).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+07:00$/);
    expect(res.body).not.toContain('0977000111');
    const photo = (
      await t.database.query<{ id: string }>(
        "insert into report_photos (report_id, storage_key, thumb_key, width, height, bytes, visibility) values ($1, 'k', 'kt', 10, 10, 100, 'public') returning id",
        [resolved.id],
      )
    )[0].id;
    const withPhoto = (await t.app.inject(`/open311/v2/requests/${resolved.publicCode}.json`)).json()[0];
    expect(withPhoto.media_url).toBe(`${t.config.PUBLIC_URL}/api/reports/${resolved.id}/photos/${photo}`);
    const c = (await t.app.inject(`/open311/v2/requests/${cancelled.publicCode}.json`)).json()[0];
    expect(c).toMatchObject({ status: 'closed', status_notes: CANCEL_REASON_LABELS.duplicate.vi });
    expect((await t.app.inject(`/open311/v2/requests/${spam.publicCode}.json`)).statusCode).toBe(404);
  });

  it('filters by id list, service code, status and dates; 90 days by default', async () => {
    const list = async (q: string) =>
      (await t.app.inject(`/open311/v2/requests.json?${q}`))
        .json()
        .map((r: { service_request_id: string }) => r.service_request_id);
    const all = await list('jurisdiction_id=19');
    expect(all).toContain(resolved.publicCode);
    expect(all).toContain(cancelled.publicCode);
    expect(all).not.toContain(spam.publicCode);
    expect(all).not.toContain(old.publicCode);
    expect(await list(`service_request_id=${old.publicCode},${resolved.publicCode}`)).toEqual([
      resolved.publicCode,
      old.publicCode,
    ]);
    expect(await list('status=open')).not.toContain(resolved.publicCode);
    expect(await list('status=closed')).toEqual(expect.arrayContaining([resolved.publicCode, cancelled.publicCode]));
    expect(await list('service_code=tat-den')).toEqual([]);
    const from = `${new Date(Date.now() - 120 * 86_400_000).toISOString().slice(0, 19)}Z`;
    expect(await list(`start_date=${from}`)).toEqual([old.publicCode]);
    const xml = parseXml((await t.app.inject('/open311/v2/requests.xml?status=closed')).body);
    expect(xml.name).toBe('service_requests');
    expect(xml.children.every((c) => c.name === 'request' && text(c, 'status') === 'closed')).toBe(true);
  });

  it('a token is the request id (or the report id)', async () => {
    for (const token of [resolved.publicCode, resolved.id]) {
      const res = await t.app.inject(`/open311/v2/tokens/${token}.json`);
      expect(res.json()).toEqual([{ service_request_id: resolved.publicCode, token }]);
    }
    expect((await t.app.inject('/open311/v2/tokens/PA-00-000000.json')).statusCode).toBe(404);
  });
});

describe('XML writer', () => {
  it('escapes markup and drops characters XML cannot carry', () => {
    const doc = xmlDocument('r', [['description', 'Rác & <b>"nặng"</b> \u0001 it\'s']]);
    expect(doc).toBe(
      '<?xml version="1.0" encoding="utf-8"?>\n<r>\n  <description>Rác &amp; &lt;b&gt;&quot;nặng&quot;&lt;/b&gt;  it&apos;s</description>\n</r>\n',
    );
    expect(text(parseXml(doc), 'description')).toBe('Rác & <b>"nặng"</b>  it\'s');
  });
});
