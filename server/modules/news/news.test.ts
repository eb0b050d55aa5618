import { SaxesParser } from 'saxes';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../platform/actor.js';
import { type NotifyProviders, setNotifyProviders } from '../../platform/notify/index.js';
import { createUser } from '../../test/factories.js';
import { createTestApp, type TestApp } from '../../test/harness.js';
import { multipart } from '../../test/http.js';
import { insertHamlet } from '../units/test-support.js';
import { createAlertFanOut } from './alerts.js';
import { createNewsService } from './service.js';

let t: TestApp;
let admin: Record<string, string>;
let adminActor: Actor;
let otherCommune: string;
/** Communes of the province no other test uses: one per alert test, so followers never mix. */
let fresh: string[];
let provHeaders: Record<string, string>;

const COMMUNE = '05569';
const HOUR = 3600_000;

async function call(method: string, url: string, headers: Record<string, string> = {}, payload?: unknown) {
  return t.app.inject({ method: method as 'GET', url, headers, payload: payload as object });
}

const post = (over: Record<string, unknown> = {}) => ({
  unit: COMMUNE,
  kind: 'announcement',
  title: 'Thông báo lịch cắt điện',
  body: 'Ngày **12/12**, thôn Nà Mòn tạm ngừng cấp điện từ 7 giờ đến 11 giờ.',
  ...over,
});

async function person(opts: { phone?: string | null; locale?: 'vi' | 'en'; unitCode?: string } = {}) {
  const u = await createUser(t.db, { role: 'citizen', unitCode: opts.unitCode ?? null });
  if (opts.phone === null) await t.database.query('update users set phone = null where id = $1', [u.id]);
  if (opts.locale) await t.database.query('update users set locale = $2 where id = $1', [u.id, opts.locale]);
  return { ...u, headers: await t.sessionHeaders(u.id) };
}

beforeAll(async () => {
  t = await createTestApp({ PUBLIC_URL: 'https://xaso.thainguyen.example.vn' });
  const a = await createUser(t.db, { role: 'commune_admin', unitCode: COMMUNE });
  admin = await t.sessionHeaders(a.id);
  adminActor = {
    kind: 'user',
    id: a.id,
    assignments: [{ role: 'commune_admin', unitCode: COMMUNE, unitPath: `19/${COMMUNE}`, handlingUnitId: null }],
  };
  const communes = await t.database.query<{ code: string }>(
    "select code from units where province_code = '19' and level = 'commune' and code <> $1 order by code limit 6",
    [COMMUNE],
  );
  otherCommune = communes[0].code;
  fresh = communes.slice(1).map((c) => c.code);
  provHeaders = await t.sessionHeaders((await createUser(t.db, { role: 'province_admin', unitCode: '19' })).id);
});
afterAll(() => t.close());

describe('publishing', () => {
  it('publishes a post, shown to everyone with its Markdown rendered to safe HTML; the write is audited', async () => {
    const res = await call(
      'POST',
      '/api/news/manage',
      admin,
      post({ body: 'Xem <script>alert(1)</script> tại [cổng](https://dichvucong.gov.vn).' }),
    );
    expect(res.statusCode, res.body).toBe(201);
    const item = res.json();
    expect(item).toMatchObject({ state: 'published', isAlert: false, unit: { code: COMMUNE } });
    const pub = await call('GET', `/api/news/${item.id}`);
    expect(pub.statusCode).toBe(200);
    expect(pub.json().html).toContain('&lt;script&gt;');
    expect(pub.json().html).not.toContain('<script>');
    expect(pub.json().html).toContain('rel="noopener noreferrer"');
    const audit = await t.database.query('select action from audit_log where resource_id = $1', [item.id]);
    expect(audit).toEqual([{ action: 'news.create' }]);
  });

  it('refuses bad input with 400 naming the field, in Vietnamese and English, writing nothing', async () => {
    const before = await t.database.query<{ n: number }>('select count(*)::int as n from news_posts');
    const cases: [Record<string, unknown>, string][] = [
      [post({ title: '' }), 'title'],
      [post({ kind: 'gossip' }), 'kind'],
      [post({ body: '   ' }), 'body'],
      [post({ hazard: 'flood' }), 'hazard'],
      [post({ publishAt: new Date(Date.now() - 2 * HOUR).toISOString() }), 'publishAt'],
      [post({ publishAt: 'mai' }), 'publishAt'],
      [post({ body: '![ảnh](image:3f2b8a9e-1c4d-4e5f-8a7b-9c0d1e2f3a4b)' }), 'body'],
      [post({ unit: (await insertHamlet(t.db, COMMUNE, 'Thôn thử tin')).code }), 'unit'],
    ];
    for (const [payload, field] of cases) {
      const res = await call('POST', '/api/news/manage', admin, payload);
      expect(res.statusCode, `${field}: ${res.body}`).toBe(400);
      expect(Object.keys(res.json().error.fields), field).toContain(field);
      expect(res.json().error.fields[field]).toMatch(/[À-ỹ]/);
      const en = await call('POST', '/api/news/manage', { ...admin, 'accept-language': 'en' }, payload);
      expect(en.json().error.fields[field]).not.toMatch(/[À-ỹ]/);
    }
    const after = await t.database.query<{ n: number }>('select count(*)::int as n from news_posts');
    expect(after[0].n).toBe(before[0].n);
  });

  it('a retried create with the same Idempotency-Key answers the first post', async () => {
    const headers = { ...admin, 'idempotency-key': 'tin-tuc-lap-lai-0001' };
    const a = await call('POST', '/api/news/manage', headers, post({ title: 'Một lần thôi' }));
    const b = await call('POST', '/api/news/manage', headers, post({ title: 'Một lần thôi' }));
    expect(a.statusCode).toBe(201);
    expect(b.json().id).toBe(a.json().id);
  });

  it('uploads an image (sniffed, re-encoded to WebP) that a post of the same unit may show', async () => {
    const png = await sharp({ create: { width: 1600, height: 900, channels: 3, background: '#0a6' } })
      .png()
      .toBuffer();
    const m = multipart(png, 'lu.txt', 'text/plain');
    const up = await t.app.inject({
      method: 'POST',
      url: `/api/news/manage/images?unit=${COMMUNE}`,
      headers: { ...admin, ...m.headers },
      payload: m.payload,
    });
    expect(up.statusCode, up.body).toBe(201);
    const img = up.json();
    expect(img).toMatchObject({ width: 960, height: 540 });
    // Past the route's limit: 413 naming the field, the limit said as the route registered it.
    const huge = multipart(Buffer.alloc(10 * 1024 * 1024 + 1, 1), 'lon.png', 'image/png');
    const tooBig = await t.app.inject({
      method: 'POST',
      url: `/api/news/manage/images?unit=${COMMUNE}`,
      headers: { ...admin, ...huge.headers },
      payload: huge.payload,
    });
    expect(tooBig.statusCode).toBe(413);
    expect(tooBig.json().error.fields.file).toBe('Ảnh quá lớn (tối đa 10 MB).');
    const file = await call('GET', img.url);
    expect(file.headers['content-type']).toBe('image/webp');
    expect((await sharp(file.rawPayload).metadata()).format).toBe('webp');
    const res = await call('POST', '/api/news/manage', admin, post({ body: `Ảnh hiện trường:\n\n${img.markdown}` }));
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().html).toContain(`/api/news/images/${img.id}/960`);
    expect(res.json().html).toContain('loading="lazy"');
    // Another commune's post cannot show this commune's image.
    const prov = await createUser(t.db, { role: 'province_admin', unitCode: '19' });
    const other = await call(
      'POST',
      '/api/news/manage',
      await t.sessionHeaders(prov.id),
      post({ unit: otherCommune, body: img.markdown }),
    );
    expect(other.statusCode).toBe(400);
    expect(other.json().error.fields.body).toBeTruthy();
    // Not an image: 415 naming the file.
    const txt = multipart(Buffer.from('không phải ảnh'), 'anh.png', 'image/png');
    const bad = await t.app.inject({
      method: 'POST',
      url: `/api/news/manage/images?unit=${COMMUNE}`,
      headers: { ...admin, ...txt.headers },
      payload: txt.payload,
    });
    expect(bad.statusCode).toBe(415);
    expect(bad.json().error.fields.file).toBeTruthy();
  });

  it('a scheduled post is invisible until its time and visible after (the clock passed in)', async () => {
    let clock = new Date();
    const svc = createNewsService({
      db: t.db,
      store: {} as never,
      units: t.app.services.units,
      provinceCode: '19',
      now: () => clock,
    });
    const at = new Date(clock.getTime() + 2 * HOUR);
    const created = await svc.create(adminActor, {
      ...post({ title: 'Lịch tiếp dân tháng sau' }),
      kind: 'reception_schedule',
      hazard: null,
      pinned: false,
      publishAt: at.toISOString(),
    });
    expect(created.state).toBe('scheduled');
    const titles = async () => (await svc.list({ unit: COMMUNE, limit: 50 })).items.map((i) => i.title);
    expect(await titles()).not.toContain('Lịch tiếp dân tháng sau');
    await expect(svc.get(null, created.id)).rejects.toMatchObject({ status: 404 });
    // its administrators see it in their list, marked scheduled
    expect((await svc.get(adminActor, created.id)).title).toBe('Lịch tiếp dân tháng sau');
    clock = new Date(at.getTime() - 1000);
    expect(await titles()).not.toContain('Lịch tiếp dân tháng sau');
    clock = new Date(at.getTime() + 1000);
    expect(await titles()).toContain('Lịch tiếp dân tháng sau');
    expect((await svc.get(null, created.id)).id).toBe(created.id);
    // the app's own clock is now: the public API does not show it yet
    expect((await call('GET', `/api/news/${created.id}`)).statusCode).toBe(404);
  });

  it('lists pinned posts first, then newest; filters by unit and kind', async () => {
    const unit = otherCommune;
    const prov = await createUser(t.db, { role: 'province_admin', unitCode: '19' });
    const h = await t.sessionHeaders(prov.id);
    for (const [title, pinned, kind] of [
      ['Cũ ghim', true, 'announcement'],
      ['Tin một', false, 'activity'],
      ['Tin hai', false, 'announcement'],
    ] as const) {
      const r = await call('POST', '/api/news/manage', h, post({ unit, title, pinned, kind }));
      expect(r.statusCode, r.body).toBe(201);
    }
    const list = (await call('GET', `/api/news?unit=${unit}`)).json();
    expect(list.items.map((i: { title: string }) => i.title)).toEqual(['Cũ ghim', 'Tin hai', 'Tin một']);
    const kind = (await call('GET', `/api/news?unit=${unit}&kind=activity`)).json();
    expect(kind.items.map((i: { title: string }) => i.title)).toEqual(['Tin một']);
    const page = (await call('GET', `/api/news?unit=${unit}&limit=2`)).json();
    expect(page.items).toHaveLength(2);
    const rest = (await call('GET', `/api/news?unit=${unit}&limit=2&cursor=${page.nextCursor}`)).json();
    expect(rest.items.map((i: { title: string }) => i.title)).toEqual(['Tin một']);
    expect((await call('GET', '/api/news?unit=khong-co')).statusCode).toBe(404);
  });

  it('edits and withdraws: the public no longer sees a withdrawn post; both are audited', async () => {
    const id = (await call('POST', '/api/news/manage', admin, post({ title: 'Sẽ gỡ' }))).json().id;
    const edit = await call('PUT', `/api/news/manage/${id}`, admin, {
      kind: 'announcement',
      title: 'Sẽ gỡ (đã sửa)',
      body: 'Nội dung mới.',
      pinned: true,
    });
    expect(edit.statusCode, edit.body).toBe(200);
    expect(edit.json()).toMatchObject({ title: 'Sẽ gỡ (đã sửa)', pinned: true, state: 'published' });
    const noReason = await call('POST', `/api/news/manage/${id}/withdraw`, admin, { reason: '' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.fields.reason).toBeTruthy();
    const w = await call('POST', `/api/news/manage/${id}/withdraw`, admin, { reason: 'Đăng nhầm xã' });
    expect(w.json()).toMatchObject({ state: 'withdrawn', withdrawReason: 'Đăng nhầm xã' });
    expect((await call('POST', `/api/news/manage/${id}/withdraw`, admin, { reason: 'Lần nữa' })).statusCode).toBe(200);
    expect((await call('GET', `/api/news/${id}`)).statusCode).toBe(404);
    const list = (await call('GET', `/api/news?unit=${COMMUNE}&limit=50`)).json();
    expect(list.items.map((i: { id: string }) => i.id)).not.toContain(id);
    const audit = await t.database.query<{ action: string }>(
      'select action from audit_log where resource_id = $1 order by id',
      [id],
    );
    expect(audit.map((a) => a.action)).toEqual(['news.create', 'news.update', 'news.withdraw']);
  });
});

describe('Atom feed', () => {
  it('is well-formed Atom 1.0 with only published posts, escaped text and absolute links', async () => {
    const unit = otherCommune;
    const prov = await createUser(t.db, { role: 'province_admin', unitCode: '19' });
    const h = await t.sessionHeaders(prov.id);
    await call('POST', '/api/news/manage', h, post({ unit, title: 'Điện & nước <tạm ngừng> "thôn 3"' }));
    const later = new Date(Date.now() + 5 * HOUR).toISOString();
    await call('POST', '/api/news/manage', h, post({ unit, title: 'Chưa đến giờ', publishAt: later }));
    const res = await call('GET', `/api/news/feed/${unit}.atom`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('application/atom+xml');
    const xml = res.body;
    // parses as XML (a strict parser throws on any error), and gather what it says
    const titles: string[] = [];
    const links: string[] = [];
    let root = '';
    let ns = '';
    let path: string[] = [];
    const parser = new SaxesParser({ xmlns: true });
    parser.on('opentag', (tag) => {
      if (!root) {
        root = tag.local;
        ns = tag.uri;
      }
      path.push(tag.local);
      if (tag.local === 'link') links.push(String(tag.attributes.href?.value ?? ''));
    });
    parser.on('text', (text) => {
      if (path.join('/') === 'feed/entry/title') titles.push(text);
    });
    parser.on('closetag', () => {
      path = path.slice(0, -1);
    });
    parser.write(xml).close();
    expect(root).toBe('feed');
    expect(ns).toBe('http://www.w3.org/2005/Atom');
    expect(titles).toContain('Điện & nước <tạm ngừng> "thôn 3"');
    expect(titles).not.toContain('Chưa đến giờ');
    expect(links.length).toBeGreaterThan(2);
    for (const l of links) expect(l).toMatch(/^https:\/\/xaso\.thainguyen\.example\.vn\//);
    expect((await call('GET', `/api/news/feed/${unit}.xml`)).statusCode).toBe(200);
    expect((await call('GET', '/api/news/feed/khongco.atom')).statusCode).toBe(404);
    expect((await call('GET', `/api/news/feed/${unit}.rss`)).statusCode).toBe(400);
  });
});

describe('following', () => {
  it('follows a commune idempotently; unfollows; a hamlet cannot be followed; anonymous cannot follow', async () => {
    const p = await person();
    for (let i = 0; i < 2; i++) {
      const res = await call('PUT', `/api/news/follows/${COMMUNE}`, p.headers, { alertChannel: 'zalo' });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ following: true, alertChannel: 'zalo', unit: { code: COMMUNE } });
    }
    const rows = await t.database.query('select alert_channel from news_follows where user_id = $1', [p.id]);
    expect(rows).toEqual([{ alert_channel: 'zalo' }]);
    expect((await call('GET', '/api/news/follows', p.headers)).json().items).toHaveLength(1);
    for (let i = 0; i < 2; i++)
      expect((await call('DELETE', `/api/news/follows/${COMMUNE}`, p.headers)).json().following).toBe(false);
    expect((await call('GET', `/api/news/follows/${COMMUNE}`, p.headers)).json().following).toBe(false);
    const hamlet = await insertHamlet(t.db, COMMUNE, 'Thôn theo dõi');
    const h = await call('PUT', `/api/news/follows/${hamlet.code}`, p.headers, {});
    expect(h.statusCode).toBe(400);
    expect(h.json().error.fields.unitCode).toBeTruthy();
    expect((await call('PUT', `/api/news/follows/${COMMUNE}`, {}, {})).statusCode).toBe(401);
  });

  it('the home page shows the province’s news and the followed communes’ (or the own commune’s), pinned first', async () => {
    const prov = await createUser(t.db, { role: 'province_admin', unitCode: '19' });
    const h = await t.sessionHeaders(prov.id);
    const provPost = (await call('POST', '/api/news/manage', h, post({ unit: '19', title: 'Tin của tỉnh' }))).json();
    const communePost = (
      await call('POST', '/api/news/manage', admin, post({ title: 'Tin Định Hóa', pinned: true }))
    ).json();
    const otherPost = (
      await call('POST', '/api/news/manage', h, post({ unit: otherCommune, title: 'Tin xã khác' }))
    ).json();
    const ids = (r: { items: { id: string }[] }) => r.items.map((i) => i.id);

    const anon = (await call('GET', '/api/news/home')).json();
    expect(ids(anon)).toContain(provPost.id);
    expect(ids(anon)).not.toContain(communePost.id);

    const follower = await person();
    await call('PUT', `/api/news/follows/${COMMUNE}`, follower.headers, {});
    const home = (await call('GET', '/api/news/home', follower.headers)).json();
    expect(ids(home)).toContain(provPost.id);
    expect(ids(home)[0]).toBe(communePost.id);
    expect(ids(home)).not.toContain(otherPost.id);
    expect(home.units.map((u: { code: string }) => u.code)).toEqual(['19', COMMUNE]);

    // An account of a unit (a hamlet of the other commune) that follows nothing sees its own commune's.
    const hamlet = await insertHamlet(t.db, otherCommune, 'Thôn nhà');
    const resident = await person({ unitCode: hamlet.code });
    const own = (await call('GET', '/api/news/home', resident.headers)).json();
    expect(ids(own)).toContain(otherPost.id);
    expect(ids(own)).not.toContain(communePost.id);
  });
});

describe('emergency alerts', () => {
  interface Sent {
    channel: 'sms' | 'zalo';
    phone: string;
    text: string;
  }
  /** SMS and Zalo providers behind their interfaces, keeping what they were asked to send; `failAfter` throws once. */
  function fakeProviders(opts: { failAfter?: number } = {}) {
    const sent: Sent[] = [];
    let calls = 0;
    let failed = false;
    const provider = (channel: 'sms' | 'zalo') => ({
      name: `fake-${channel}`,
      async send(phone: string, text: string) {
        calls += 1;
        if (opts.failAfter !== undefined && calls > opts.failAfter && !failed) {
          failed = true;
          throw new Error('gateway timeout');
        }
        sent.push({ channel, phone, text });
      },
    });
    const providers = { sms: provider('sms'), zalo: provider('zalo') } as Pick<NotifyProviders, 'sms' | 'zalo'>;
    return { sent, providers };
  }

  const alertsOf = (userId: string) =>
    t.database.query<{ title_vi: string; link: string; kind: string }>(
      "select title_vi, link, kind from notifications where user_id = $1 and kind = 'news.alert'",
      [userId],
    );

  it('pushes a flood alert to each follower of the commune once, even when a step is retried', async () => {
    const commune = fresh[0];
    const fake = fakeProviders({ failAfter: 2 });
    setNotifyProviders(t.app.ctx, fake.providers);
    const followers = await Promise.all([
      person(),
      person(),
      person({ phone: null }),
      person({ locale: 'en' }),
      person(),
    ]);
    const channels = ['sms', 'zalo', 'sms', 'sms', 'app'] as const;
    for (const [i, f] of followers.entries())
      await call('PUT', `/api/news/follows/${commune}`, f.headers, { alertChannel: channels[i] });
    const stranger = await person();
    const otherFollower = await person();
    await call('PUT', `/api/news/follows/${otherCommune}`, otherFollower.headers, {});

    const res = await call(
      'POST',
      '/api/news/manage',
      provHeaders,
      post({ unit: commune, kind: 'disaster_alert', hazard: 'flood', title: 'Lũ trên sông Chu, sơ tán thôn ven sông' }),
    );
    expect(res.statusCode, res.body).toBe(201);
    const id = res.json().id;
    // The first run fails on the third outside message (the gateway times out): the job is retried later.
    await t.runJobs();
    await t.database.query(
      "update jobs set run_at = now(), locked_until = null where kind = 'news.alert' and done_at is null",
    );
    await t.runJobs();
    await t.runJobs();

    for (const f of followers) {
      const mine = await alertsOf(f.id);
      expect(mine, f.id).toHaveLength(1);
      expect(mine[0]).toMatchObject({ link: `/news/${id}` });
      expect(mine[0].title_vi).toContain('Lũ trên sông Chu');
    }
    expect(await alertsOf(stranger.id)).toEqual([]);
    expect(await alertsOf(otherFollower.id)).toEqual([]);
    // Outside copies: SMS to those who asked and have a phone, Zalo to the one who chose it, none for 'app'; once each.
    const phones = async (id: string) =>
      (await t.database.query<{ phone: string }>('select phone from users where id = $1', [id]))[0].phone;
    expect(
      fake.sent
        .filter((s) => s.channel === 'sms')
        .map((s) => s.phone)
        .sort(),
    ).toEqual([await phones(followers[0].id), await phones(followers[3].id)].sort());
    expect(fake.sent.filter((s) => s.channel === 'zalo').map((s) => s.phone)).toEqual([await phones(followers[1].id)]);
    expect(fake.sent.find((s) => s.phone === followers[0].phone)?.text).toContain(
      `https://xaso.thainguyen.example.vn/news/${id}`,
    );
    expect(fake.sent.find((s) => s.phone === followers[3].phone)?.text).toContain('WARNING');
    // Running the step again by hand tells nobody again.
    await t.app.services.newsAlerts({ postId: id, version: 1, after: null });
    for (const f of followers) expect(await alertsOf(f.id)).toHaveLength(1);
    expect(fake.sent).toHaveLength(3);
    expect((await call('GET', `/api/news/manage/${id}`, provHeaders)).json().notified).toBe(5);
  });

  it('walks followers in batches (a job per step), each notified once', async () => {
    const fake = fakeProviders();
    const commune = fresh[1];
    const many = await Promise.all(Array.from({ length: 5 }, () => person()));
    for (const f of many) await call('PUT', `/api/news/follows/${commune}`, f.headers, { alertChannel: 'app' });
    const prov = await createUser(t.db, { role: 'province_admin', unitCode: '19' });
    const h = await t.sessionHeaders(prov.id);
    const id = (
      await call('POST', '/api/news/manage', h, post({ unit: commune, kind: 'disaster_alert', hazard: 'storm' }))
    ).json().id;
    await t.database.query("update jobs set done_at = now() where kind = 'news.alert' and done_at is null");
    const step = createAlertFanOut({
      db: t.db,
      notifications: t.app.services.notifications,
      providers: () => fake.providers,
      publicUrl: 'https://x.example',
      batch: 2,
    });
    await step({ postId: id, version: 1, after: null });
    const next = await t.database.query<{ payload: { after: string } }>(
      "select payload from jobs where kind = 'news.alert' and done_at is null and payload->>'postId' = $1",
      [id],
    );
    expect(next).toHaveLength(1);
    const told = async () =>
      (
        await t.database.query<{ n: number }>(
          "select count(*)::int as n from notifications where kind = 'news.alert' and link = $1",
          [`/news/${id}`],
        )
      )[0].n;
    expect(await told()).toBe(2);
    await step({ postId: id, version: 1, after: null }); // a retry of the first step
    expect(await told()).toBe(2);
    await step({ postId: id, version: 1, after: next[0].payload.after });
    expect(await told()).toBe(4);
    const third = await t.database.query<{ payload: { after: string } }>(
      "select payload from jobs where kind = 'news.alert' and done_at is null and payload->>'postId' = $1 order by id desc limit 1",
      [id],
    );
    await step({ postId: id, version: 1, after: third[0].payload.after });
    expect(await told()).toBe(5);
    for (const f of many) expect(await alertsOf(f.id)).toHaveLength(1);
  });

  it('a scheduled alert reaches nobody before its time and its followers at it (the handler called with a clock)', async () => {
    const fake = fakeProviders();
    const f = await person();
    await call('PUT', `/api/news/follows/${fresh[2]}`, f.headers, {});
    const at = new Date(Date.now() + 3 * HOUR);
    const res = await call(
      'POST',
      '/api/news/manage',
      provHeaders,
      post({
        unit: fresh[2],
        kind: 'disaster_alert',
        hazard: 'storm',
        title: 'Bão số 3 đổ bộ',
        publishAt: at.toISOString(),
      }),
    );
    const id = res.json().id;
    await t.runJobs(); // not due: nothing happens
    expect(await alertsOf(f.id)).toEqual([]);
    const job = await t.database.query<{ run_at: Date }>(
      "select run_at from jobs where kind = 'news.alert' and payload->>'postId' = $1",
      [id],
    );
    expect(new Date(job[0].run_at).getTime()).toBe(at.getTime());
    let clock = new Date(at.getTime() - 60_000);
    const step = createAlertFanOut({
      db: t.db,
      notifications: t.app.services.notifications,
      providers: () => fake.providers,
      publicUrl: 'https://x.example',
      now: () => clock,
    });
    await step({ postId: id, version: 1, after: null }, { id: 1 });
    expect(await alertsOf(f.id)).toEqual([]);
    clock = new Date(at.getTime() + 1000);
    await step({ postId: id, version: 1, after: null }, { id: 2 });
    expect(await alertsOf(f.id)).toHaveLength(1);
    expect(fake.sent).toHaveLength(1);
  });

  it('a province-wide alert reaches the province’s followers and its communes’; a withdrawn alert reaches nobody', async () => {
    const fake = fakeProviders();
    setNotifyProviders(t.app.ctx, fake.providers);
    const provFollower = await person();
    const communeFollower = await person();
    await call('PUT', '/api/news/follows/19', provFollower.headers, { alertChannel: 'app' });
    await call('PUT', `/api/news/follows/${fresh[3]}`, communeFollower.headers, { alertChannel: 'app' });
    // both follows of one person count once
    await call('PUT', '/api/news/follows/19', communeFollower.headers, { alertChannel: 'app' });
    const prov = await createUser(t.db, { role: 'province_admin', unitCode: '19' });
    const h = await t.sessionHeaders(prov.id);
    const later = new Date(Date.now() + HOUR).toISOString();
    const withdrawn = (
      await call('POST', '/api/news/manage', h, post({ unit: '19', kind: 'disaster_alert', publishAt: later }))
    ).json().id;
    await call('POST', `/api/news/manage/${withdrawn}/withdraw`, h, { reason: 'Hủy cảnh báo' });
    const id = (
      await call('POST', '/api/news/manage', h, post({ unit: '19', kind: 'disaster_alert', hazard: 'cold' }))
    ).json().id;
    await t.runJobs();
    expect(await alertsOf(provFollower.id)).toHaveLength(1);
    expect(await alertsOf(communeFollower.id)).toHaveLength(1);
    await t.app.services.newsAlerts({ postId: withdrawn, version: 2, after: null });
    const links = await t.database.query<{ link: string }>(
      "select link from notifications where kind = 'news.alert' and user_id = $1",
      [provFollower.id],
    );
    expect(links).toEqual([{ link: `/news/${id}` }]);
  });
});
