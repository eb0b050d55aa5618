/**
 * Services catalog API: the seeded catalog, public reads that never show what is unpublished, an administrator's
 * edits (audited in the same transaction), bad input naming the field, step images and the one-page PDF.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../test/factories.js';
import { createTestApp, type TestApp } from '../../test/harness.js';
import { multipart } from '../../test/http.js';
import { freshService, tinyJpeg } from './test-support.js';

let t: TestApp;
let admin: () => Promise<Record<string, string>>;

const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url, headers });
const send = async (method: 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, payload?: object) =>
  t.app.inject({ method, url, headers: await admin(), payload });
const auditActions = async (id: string) =>
  (
    await t.database.query<{ action: string }>('select action from audit_log where resource_id = $1 order by id', [id])
  ).map((r) => r.action);
/** The title as pdfkit writes it in the document information (a UTF-16BE string, outside any compressed stream). */
const utf16be = (text: string) => Buffer.from(`\ufeff${text}`, 'utf16le').swap16();
/** Pages of a PDF: page objects (not the /Pages tree). */
const pageCount = (pdf: Buffer) => (pdf.toString('latin1').match(/\/Type\s*\/Page(?!s)/g) ?? []).length;

beforeAll(async () => {
  t = await createTestApp();
  const id = (await createUser(t.db, { role: 'province_admin', unitCode: '19' })).id;
  admin = () => t.sessionHeaders(id);
});
afterAll(() => t.close());

describe('the seeded catalog', () => {
  it('lists the real services of the seed articles, by pillar, each with a guide', async () => {
    const res = await get('/api/catalog/services');
    expect(res.statusCode).toBe(200);
    const items = res.json().items as { slug: string; pillar: string; guideCount: number; publisher: string }[];
    const slugs = items.map((s) => s.slug);
    for (const slug of [
      'vneid',
      'c-thai-nguyen',
      'thai-nguyen-id',
      'vssid',
      'so-suc-khoe-dien-tu',
      'so-tay-dang-vien',
      'vbsp-smart-banking',
      'dich-vu-cong-quoc-gia',
      'dich-vu-cong-thai-nguyen',
      'thanh-toan-dien-tu',
      'thuong-mai-dien-tu',
    ])
      expect(slugs).toContain(slug);
    expect(new Set(items.map((s) => s.pillar))).toEqual(new Set(['government', 'economy', 'society']));
    expect(items.filter((s) => s.guideCount < 1).map((s) => s.slug)).toEqual([]);
    expect(items.find((s) => s.slug === 'vneid')?.publisher).toMatch(/Bộ Công an/);
  });

  it('ships no link as verified: none was checked on an official page', async () => {
    const vneid = (await get('/api/catalog/services/vneid')).json();
    expect(vneid.links.map((l: { kind: string }) => l.kind)).toEqual(['google_play', 'app_store', 'website']);
    expect(vneid.links.every((l: { verified: boolean; checkedOn: null }) => !l.verified && !l.checkedOn)).toBe(true);
    const guide = (await get(`/api/catalog/guides/${vneid.guides[0].id}`)).json();
    expect(guide.title).toBe('Kích hoạt tài khoản định danh điện tử mức 2 trên VNeID');
    expect(guide.steps.length).toBeGreaterThanOrEqual(5);
    expect(guide.canEdit).toBe(false);
    expect(vneid.guides[0].stepCount).toBe(guide.steps.length);
  });

  it('searches whatever the diacritics, and filters by pillar', async () => {
    const found = (await get('/api/catalog/services?q=so%20suc%20khoe')).json().items;
    expect(found.map((s: { slug: string }) => s.slug)).toEqual(['so-suc-khoe-dien-tu']);
    const economy = (await get('/api/catalog/services?pillar=economy')).json().items;
    expect(economy.length).toBeGreaterThan(0);
    expect(economy.every((s: { pillar: string }) => s.pillar === 'economy')).toBe(true);
  });
});

describe('public reads hide what is unpublished', () => {
  it('an unpublished service, its guide, PDF and images are not found for the public, and there for its editors', async () => {
    const { service, guide, steps } = await freshService(t, '19', { published: false });
    const list = (await get('/api/catalog/services')).json().items.map((s: { slug: string }) => s.slug);
    expect(list).not.toContain(service.slug);
    const citizen = await t.sessionHeaders((await createUser(t.db, { role: 'citizen' })).id);
    const commune = await t.sessionHeaders((await createUser(t.db, { role: 'commune_admin', unitCode: '05569' })).id);
    for (const headers of [{}, citizen, commune]) {
      expect((await get(`/api/catalog/services/${service.slug}`, headers)).statusCode).toBe(404);
      expect((await get(`/api/catalog/guides/${guide.id}`, headers)).statusCode).toBe(404);
      expect((await get(`/api/catalog/guides/${guide.id}.pdf`, headers)).statusCode).toBe(404);
      expect((await get(`/api/catalog/steps/${steps[0].id}/image`, headers)).statusCode).toBe(404);
    }
    const mine = await get(`/api/catalog/services/${service.slug}`, await admin());
    expect(mine.statusCode).toBe(200);
    expect(mine.json()).toMatchObject({ published: false, canEdit: true, guides: [{ id: guide.id }] });
    const managed = (await get('/api/catalog/manage/services', await admin())).json().items;
    expect(managed.map((s: { slug: string }) => s.slug)).toContain(service.slug);
    expect((await get('/api/catalog/manage/services', commune)).statusCode).toBe(403);
  });

  it('an unpublished guide of a published service is left out of the service and not found', async () => {
    const { service, guide } = await freshService(t, '19');
    const hide = await send('PATCH', `/api/catalog/guides/${guide.id}`, { published: false });
    expect(hide.statusCode, hide.body).toBe(200);
    const pub = (await get(`/api/catalog/services/${service.slug}`)).json();
    expect(pub.guides).toEqual([]);
    expect(pub.guideCount).toBe(0);
    expect((await get(`/api/catalog/guides/${guide.id}`)).statusCode).toBe(404);
    expect(
      (await get('/api/catalog/services')).json().items.find((s: { slug: string }) => s.slug === service.slug),
    ).toMatchObject({ guideCount: 0 });
  });
});

describe('editing (province administrators)', () => {
  it('creates a service, sets checked links, adds a guide, reorders and edits steps, all audited', async () => {
    const created = await send('POST', '/api/catalog/services', {
      slug: 'ung-dung-thu',
      name: 'Ứng dụng thử',
      publisher: 'Sở Khoa học và Công nghệ',
      pillar: 'society',
      purpose: 'Để thử.',
      published: true,
    });
    expect(created.statusCode, created.body).toBe(201);
    const s = created.json();
    expect(s).toMatchObject({ slug: 'ung-dung-thu', provinceCode: '19', canEdit: true, links: [], guides: [] });

    const links = await send('PUT', '/api/catalog/services/ung-dung-thu/links', {
      links: [
        {
          kind: 'google_play',
          url: 'https://play.google.com/store/apps/details?id=vn.example.thu',
          checkedOn: '2026-11-30',
          checkedSource: 'https://play.google.com/store/apps/details?id=vn.example.thu (nhà phát hành: Sở KH&CN)',
        },
        { kind: 'website', url: 'https://example.gov.vn/' },
      ],
    });
    expect(links.statusCode, links.body).toBe(200);
    expect(links.json().links.map((l: { verified: boolean }) => l.verified)).toEqual([true, false]);

    const guide = await send('POST', '/api/catalog/services/ung-dung-thu/guides', {
      title: 'Cài đặt ứng dụng thử',
      reviewedOn: '2026-12-01',
      published: true,
      steps: [{ text: 'Mở kho ứng dụng.' }, { text: 'Tìm tên ứng dụng.' }, { text: 'Cài đặt.' }],
    });
    expect(guide.statusCode, guide.body).toBe(201);
    const g = guide.json();
    const [a, b, c] = g.steps;
    const edited = await send('PATCH', `/api/catalog/guides/${g.id}`, {
      steps: [{ id: c.id, text: 'Cài đặt (đã sửa).' }, { id: a.id, text: a.text }, { text: 'Bước mới.' }],
    });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(
      edited.json().steps.map((x: { id: string; text: string }) => [x.id === c.id || x.id === a.id, x.text]),
    ).toEqual([
      [true, 'Cài đặt (đã sửa).'],
      [true, 'Mở kho ứng dụng.'],
      [false, 'Bước mới.'],
    ]);
    expect(edited.json().steps.map((x: { id: string }) => x.id)).not.toContain(b.id);

    expect(await auditActions(s.id)).toEqual(['catalog.service_create', 'catalog.links_set']);
    expect(await auditActions(g.id)).toEqual(['catalog.guide_create', 'catalog.guide_update']);
  });

  it('sets a step image (re-encoded, public with its guide) and removes it', async () => {
    const { steps, guide } = await freshService(t, '19');
    const body = multipart(await tinyJpeg(), 'anh.jpg', 'image/jpeg', 'image');
    const set = await t.app.inject({
      method: 'PUT',
      url: `/api/catalog/steps/${steps[0].id}/image`,
      headers: { ...(await admin()), ...body.headers },
      payload: body.payload,
    });
    expect(set.statusCode, set.body).toBe(200);
    const url = set.json().steps[0].imageUrl as string;
    expect(url).toBe(`/api/catalog/steps/${steps[0].id}/image`);
    const image = await get(url);
    expect(image.statusCode).toBe(200);
    expect(image.headers['content-type']).toBe('image/jpeg');
    expect(image.rawPayload.subarray(0, 2).toString('hex')).toBe('ffd8');
    const removed = await send('DELETE', url);
    expect(removed.statusCode, removed.body).toBe(200);
    expect(removed.json().steps[0].imageUrl).toBeNull();
    expect((await get(url)).statusCode).toBe(404);
    expect(await auditActions(steps[0].id)).toEqual(['catalog.step_image_set', 'catalog.step_image_remove']);
    expect(guide.id).toBeTruthy();
  });
});

describe('bad input is a 4xx naming the field', () => {
  it('service, links, guides and steps', async () => {
    const cases: [string, Awaited<ReturnType<typeof send>>, number][] = [
      [
        'name',
        await send('POST', '/api/catalog/services', { slug: 'x-1', publisher: 'B', pillar: 'society', purpose: 'P' }),
        400,
      ],
      [
        'pillar',
        await send('POST', '/api/catalog/services', {
          slug: 'x-2',
          name: 'N',
          publisher: 'B',
          pillar: 'moon',
          purpose: 'P',
        }),
        400,
      ],
      [
        'slug',
        await send('POST', '/api/catalog/services', {
          slug: 'Có Dấu',
          name: 'N',
          publisher: 'B',
          pillar: 'society',
          purpose: 'P',
        }),
        400,
      ],
      [
        'slug',
        await send('POST', '/api/catalog/services', {
          slug: 'new',
          name: 'N',
          publisher: 'B',
          pillar: 'society',
          purpose: 'P',
        }),
        400,
      ],
      [
        'slug',
        await send('POST', '/api/catalog/services', {
          slug: 'vneid',
          name: 'N',
          publisher: 'B',
          pillar: 'society',
          purpose: 'P',
        }),
        409,
      ],
      [
        'links.0.url',
        await send('PUT', '/api/catalog/services/vneid/links', {
          links: [{ kind: 'google_play', url: 'https://play.google.evil.example/store?id=com.vnid' }],
        }),
        400,
      ],
      [
        'links.0.url',
        await send('PUT', '/api/catalog/services/vneid/links', {
          links: [{ kind: 'website', url: 'http://vneid.gov.vn' }],
        }),
        400,
      ],
      [
        'links.0.checkedSource',
        await send('PUT', '/api/catalog/services/vneid/links', {
          links: [{ kind: 'website', url: 'https://vneid.gov.vn/', checkedOn: '2026-11-30' }],
        }),
        400,
      ],
      [
        'links.0.checkedOn',
        await send('PUT', '/api/catalog/services/vneid/links', {
          links: [{ kind: 'website', url: 'https://vneid.gov.vn/', checkedOn: '2026-02-30', checkedSource: 'x' }],
        }),
        400,
      ],
      [
        'reviewedOn',
        await send('POST', '/api/catalog/services/vneid/guides', {
          title: 'T',
          reviewedOn: '1/12/2026',
          steps: [{ text: 'a' }],
        }),
        400,
      ],
      [
        'steps',
        await send('POST', '/api/catalog/services/vneid/guides', { title: 'T', reviewedOn: '2026-12-01', steps: [] }),
        400,
      ],
    ];
    for (const [field, res, status] of cases) {
      expect(res.statusCode, `${field}: ${res.body}`).toBe(status);
      expect(Object.keys(res.json().error.fields ?? {}), `${field}: ${res.body}`).toContain(field);
    }
    // The links were left as they were.
    const vneid = (await get('/api/catalog/services/vneid')).json();
    expect(vneid.links).toHaveLength(3);
  });

  it('a step id of another guide, and a file that is not an image', async () => {
    const one = await freshService(t, '19');
    const other = await freshService(t, '19');
    const res = await send('PATCH', `/api/catalog/guides/${one.guide.id}`, {
      steps: [{ id: other.steps[0].id, text: 'Lấy trộm.' }],
    });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().error.fields).toHaveProperty('steps.0.id');
    const body = multipart('not an image', 'a.jpg', 'image/jpeg', 'image');
    const img = await t.app.inject({
      method: 'PUT',
      url: `/api/catalog/steps/${one.steps[0].id}/image`,
      headers: { ...(await admin()), ...body.headers },
      payload: body.payload,
    });
    expect(img.statusCode, img.body).toBe(415);
    expect(img.json().error.fields).toHaveProperty('image');
  });
});

describe('the guide as a one-page PDF', () => {
  it('is a valid PDF of exactly one page with the guide title, named in ASCII and UTF-8', async () => {
    const vneid = (await get('/api/catalog/services/vneid')).json();
    const res = await get(`/api/catalog/guides/${vneid.guides[0].id}.pdf`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toContain(
      'filename="kich-hoat-tai-khoan-dinh-danh-dien-tu-muc-2-tren-vneid.pdf"',
    );
    expect(res.headers['content-disposition']).toContain(
      `filename*=UTF-8''${encodeURIComponent('Kích hoạt tài khoản định danh điện tử mức 2 trên VNeID.pdf')}`,
    );
    const pdf = res.rawPayload;
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.subarray(-6).toString()).toMatch(/%%EOF/);
    expect(pageCount(pdf)).toBe(1);
    expect(pdf.includes(utf16be('Kích hoạt tài khoản định danh điện tử mức 2 trên VNeID'))).toBe(true);
  });

  it('a long guide still prints on one page, and the title is in it (uncompressed render)', async () => {
    const { renderGuidePdf } = await import('./pdf.js');
    const steps = Array.from(
      { length: 30 },
      (_, i) => `Bước ${i + 1}: mở ứng dụng, chọn đúng chức năng, đọc kỹ hướng dẫn trên màn hình rồi mới bấm tiếp tục.`,
    );
    const { pdf, printedSteps } = await renderGuidePdf(
      {
        title: 'Hướng dẫn rất dài',
        serviceName: 'VNeID',
        publisher: 'Bộ Công an',
        reviewedOn: '2026-12-01',
        steps,
        url: 'http://localhost:3000/catalog/guides/x',
      },
      { compress: false },
    );
    expect(pageCount(pdf)).toBe(1);
    expect(pdf.includes(utf16be('Hướng dẫn rất dài'))).toBe(true);
    // 30 steps cannot fit at the smallest type: the page holds what fits and says the rest is online.
    expect(printedSteps).toBeGreaterThan(5);
    expect(printedSteps).toBeLessThan(30);
  });
});
