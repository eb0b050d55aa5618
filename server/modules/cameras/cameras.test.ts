/**
 * Public cameras, with a local HTTP server playing the camera (127.0.0.1, a random port): up (a JPEG made by sharp),
 * slow (answers after the timeout), down (500, connection refused), redirecting, too large. Health by the job's
 * handler called directly (no timers); snapshots read and cached by the server; the public never gets an address.
 * Inside: Xã Định Hoá (05569) of Thái Nguyên (19); 05443 another commune of the province.
 */

import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CameraAdminView, CameraView } from '../../../common/cameras.js';
import { queryRows } from '../../db/rows.js';
import { createTestApp, type TestApp } from '../../test/harness.js';
import { headersFor } from '../../test/http.js';
import { DEMO_CAMERAS, seedDemoCameras } from './demo.js';
import * as repo from './repo.js';

type Mode = 'up' | 'slow' | 'error' | 'redirect' | 'huge' | 'text';

/** A camera: its behaviour can be changed between requests; `hits` counts the requests it received. */
async function startCamera(mode: Mode) {
  const jpeg = await sharp({ create: { width: 1600, height: 1200, channels: 3, background: '#3a7bd5' } })
    .withMetadata({ exif: { IFD0: { Copyright: 'camera-secret-exif' } } })
    .jpeg()
    .toBuffer();
  const cam = { mode, hits: 0, auth: [] as (string | undefined)[], url: '', server: null as unknown as http.Server };
  cam.server = http.createServer((req, res) => {
    cam.hits += 1;
    cam.auth.push(req.headers.authorization);
    const m = cam.mode;
    if (m === 'up') return res.writeHead(200, { 'content-type': 'image/jpeg' }).end(jpeg);
    if (m === 'slow') {
      const timer = setTimeout(() => res.writeHead(200, { 'content-type': 'image/jpeg' }).end(jpeg), 1500);
      res.on('close', () => clearTimeout(timer));
      return;
    }
    if (m === 'error') return res.writeHead(500).end('boom');
    if (m === 'redirect') return res.writeHead(302, { location: `${redirectTarget.url}/x.jpg` }).end();
    if (m === 'text') return res.writeHead(200, { 'content-type': 'text/html' }).end('<html>hi</html>');
    // huge: no content-length, streams 6 MB
    res.writeHead(200, { 'content-type': 'image/jpeg' });
    const chunk = Buffer.alloc(64 * 1024, 1);
    let sent = 0;
    const pump = () => {
      while (sent < 6 * 1024 * 1024) {
        sent += chunk.length;
        if (!res.write(chunk)) return res.once('drain', pump);
      }
      res.end();
    };
    res.on('error', () => {});
    pump();
  });
  cam.server.listen(0, '127.0.0.1');
  await once(cam.server, 'listening');
  cam.url = `http://127.0.0.1:${(cam.server.address() as AddressInfo).port}`;
  return cam;
}
type Camera = Awaited<ReturnType<typeof startCamera>>;

let t: TestApp;
let redirectTarget: Camera;
const servers: Camera[] = [];
let admin: Record<string, string>;
let communeAdmin: Record<string, string>;
let otherCommuneAdmin: Record<string, string>;
let citizen: Record<string, string>;
/** A refused connection: a port that was listening and is closed now. */
let closedPort: number;

const PLACE = { communeCode: '05569', lat: 21.9, lng: 105.62 };
let seq = 0;
const body = (snapshotUrl: string, extra: object = {}) => ({
  name: `Camera ${++seq}`,
  kind: 'traffic',
  ...PLACE,
  snapshotUrl,
  ...extra,
});

async function addCamera(snapshotUrl: string, extra: object = {}): Promise<CameraAdminView> {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/cameras',
    headers: admin,
    payload: body(snapshotUrl, extra),
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}
const publicView = async (id: string): Promise<CameraView> =>
  (await t.app.inject({ method: 'GET', url: `/api/cameras/${id}` })).json();
const snapshot = (id: string, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'GET', url: `/api/cameras/${id}/snapshot`, headers });
/** The health job's handler, standing `minutes` later than now (each check is due again). */
let minutes = 0;
const checkLater = () => {
  minutes += 2;
  return t.app.services.cameras.checkHealth({ now: new Date(Date.now() + minutes * 60_000) });
};

beforeAll(async () => {
  t = await createTestApp({ CAMERA_TIMEOUT_MS: '400', CAMERA_SNAPSHOT_TTL_SECONDS: '0' });
  redirectTarget = await startCamera('up');
  servers.push(redirectTarget);
  admin = await headersFor(t, { role: 'province_admin', unitCode: '19' });
  communeAdmin = await headersFor(t, { role: 'commune_admin', unitCode: '05569' });
  otherCommuneAdmin = await headersFor(t, { role: 'commune_admin', unitCode: '05443' });
  citizen = await headersFor(t, { role: 'citizen' });
  const tmp = http.createServer();
  tmp.listen(0, '127.0.0.1');
  await once(tmp, 'listening');
  closedPort = (tmp.address() as AddressInfo).port;
  await new Promise((r) => tmp.close(r));
});
afterAll(async () => {
  for (const s of servers) s.server.close();
  await t.close();
});

const camera = async (mode: Mode) => {
  const c = await startCamera(mode);
  servers.push(c);
  return c;
};

describe('health checked by the job', () => {
  it('marks a camera up, then down since its first failure (kept on later failures), cleared when it answers', async () => {
    const cam = await camera('up');
    const c = await addCamera(`${cam.url}/snap.jpg`);
    expect(c.status).toBe('unknown');
    expect((await publicView(c.id)).status).toBe('unknown');

    await checkLater();
    let v = await publicView(c.id);
    expect(v.status).toBe('up');
    expect(v.lastSeenAt).not.toBeNull();
    expect(v.downSince).toBeNull();
    const seenAt = v.lastSeenAt;

    cam.mode = 'error';
    await checkLater();
    v = await publicView(c.id);
    expect(v.status).toBe('down');
    const firstFailure = v.downSince;
    expect(firstFailure).toBe(v.lastCheckedAt);
    expect(v.lastSeenAt).toBe(seenAt);
    const managed = (await t.app.inject({ url: `/api/cameras/manage/${c.id}`, headers: admin })).json();
    expect(managed.lastError).toBe('http_status');

    await checkLater();
    v = await publicView(c.id);
    expect(v.status).toBe('down');
    expect(v.downSince).toBe(firstFailure);
    expect(v.lastCheckedAt).not.toBe(firstFailure);

    cam.mode = 'up';
    await checkLater();
    v = await publicView(c.id);
    expect(v.status).toBe('up');
    expect(v.downSince).toBeNull();
    expect((await t.app.inject({ url: `/api/cameras/manage/${c.id}`, headers: admin })).json().lastError).toBeNull();
  });

  it('a slow camera (answering after the timeout) is down: timeout', async () => {
    const cam = await camera('slow');
    const c = await addCamera(`${cam.url}/snap.jpg`);
    await checkLater();
    const m = (await t.app.inject({ url: `/api/cameras/manage/${c.id}`, headers: admin })).json();
    expect(m.status).toBe('down');
    expect(m.lastError).toBe('timeout');
  });

  it('a refused connection is down: unreachable; a redirect is not followed', async () => {
    const refused = await addCamera(`http://127.0.0.1:${closedPort}/snap.jpg`);
    const cam = await camera('redirect');
    const redirecting = await addCamera(`${cam.url}/snap.jpg`);
    const before = redirectTarget.hits;
    await checkLater();
    const m1 = (await t.app.inject({ url: `/api/cameras/manage/${refused.id}`, headers: admin })).json();
    expect([m1.status, m1.lastError]).toEqual(['down', 'unreachable']);
    const m2 = (await t.app.inject({ url: `/api/cameras/manage/${redirecting.id}`, headers: admin })).json();
    expect([m2.status, m2.lastError]).toEqual(['down', 'redirect']);
    expect(redirectTarget.hits).toBe(before);
  });

  it('the job chain: a camera added enqueues one run; each run enqueues the next one once', async () => {
    const jobs = () =>
      queryRows<{ n: number }>(
        t.db,
        sql`select count(*)::int as n from jobs where kind = 'cameras.health' and done_at is null`,
      );
    const cam = await camera('up');
    await addCamera(`${cam.url}/a.jpg`);
    await addCamera(`${cam.url}/b.jpg`);
    const pending = (await jobs())[0].n;
    expect(pending).toBeGreaterThanOrEqual(1);
    const at = new Date(Date.now() + 3600_000);
    const a = await t.app.services.cameras.checkHealth({ now: at });
    const afterOne = (await jobs())[0].n;
    await t.app.services.cameras.checkHealth({ now: at });
    expect((await jobs())[0].n).toBe(afterOne); // the same next slot: one job
    expect(a.next).not.toBeNull();
  });
});

describe('snapshots read and cached by the server', () => {
  it('serves a re-encoded JPEG without metadata, bounded in size, public and short-cached', async () => {
    const cam = await camera('up');
    const c = await addCamera(`http://user:pa55word@127.0.0.1:${cam.url.split(':')[2]}/snap.jpg`);
    const res = await snapshot(c.id);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('image/jpeg');
    expect(res.headers['cache-control']).toMatch(/^public, max-age=\d+$/);
    expect(Number(res.headers['x-snapshot-age'])).toBeLessThan(5);
    const meta = await sharp(res.rawPayload).metadata();
    expect(meta.format).toBe('jpeg');
    expect(meta.width).toBeLessThanOrEqual(1280);
    expect(meta.exif).toBeUndefined();
    expect(res.rawPayload.includes('camera-secret-exif')).toBe(false);
    // basic auth from the address, sent to the camera only
    expect(cam.auth.at(-1)).toBe(`Basic ${Buffer.from('user:pa55word').toString('base64')}`);
  });

  it('serves the last good image with its age when the camera becomes slow or down', async () => {
    const cam = await camera('up');
    const c = await addCamera(`${cam.url}/snap.jpg`);
    const good = await snapshot(c.id);
    expect(good.statusCode).toBe(200);
    cam.mode = 'slow';
    const stale = await snapshot(c.id);
    expect(stale.statusCode).toBe(200);
    expect(stale.headers['x-snapshot-stale']).toBe('timeout');
    expect(stale.headers['x-snapshot-taken-at']).toBe(good.headers['x-snapshot-taken-at']);
    expect(stale.rawPayload.equals(good.rawPayload)).toBe(true);
    cam.mode = 'error';
    const down = await snapshot(c.id);
    expect(down.statusCode).toBe(200);
    expect(down.headers['x-snapshot-stale']).toBe('http_status');
  });

  it('503 in both languages when the camera never gave an image', async () => {
    const c = await addCamera(`http://127.0.0.1:${closedPort}/snap.jpg`);
    const res = await snapshot(c.id);
    expect(res.statusCode).toBe(503);
    expect(res.json().error.code).toBe('camera_unavailable');
    expect(res.body).not.toContain('127.0.0.1');
    const en = await snapshot(c.id, { 'accept-language': 'en' });
    expect(en.json().error.message).toMatch(/camera/i);
  });

  it('never follows a redirect and caps the size; refuses what is not an image', async () => {
    for (const [mode, kind] of [
      ['redirect', 'redirect'],
      ['huge', 'too_large'],
      ['text', 'not_image'],
    ] as const) {
      const cam = await camera(mode);
      const c = await addCamera(`${cam.url}/snap.jpg`);
      const before = redirectTarget.hits;
      const res = await snapshot(c.id);
      expect(res.statusCode, mode).toBe(503);
      expect(redirectTarget.hits).toBe(before);
      await checkLater();
      const m = (await t.app.inject({ url: `/api/cameras/manage/${c.id}`, headers: admin })).json();
      expect(m.lastError, mode).toBe(kind);
    }
  });

  it('concurrent requests for one camera share one read', async () => {
    const cam = await camera('up');
    const c = await addCamera(`${cam.url}/snap.jpg`);
    const before = cam.hits;
    const answers = await Promise.all(Array.from({ length: 8 }, () => snapshot(c.id)));
    expect(answers.every((a) => a.statusCode === 200)).toBe(true);
    expect(cam.hits - before).toBe(1);
  });
});

/**
 * A camera with a live stream (the committed 4-second test pattern, H.264 in MPEG-TS): a master playlist, a variant,
 * two segments; and what a bad camera sends. `hits` counts requests per path; `auth` the credentials it received.
 */
async function startStreamCamera() {
  const dir = join(import.meta.dirname, '../../../e2e/fixtures/camera-hls');
  const files: Record<string, [string, Buffer]> = {
    '/live/master.m3u8': [
      'application/vnd.apple.mpegurl',
      Buffer.from('#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=100000,RESOLUTION=160x90\nlow/index.m3u8\n'),
    ],
    '/live/low/index.m3u8': ['application/vnd.apple.mpegurl', readFileSync(join(dir, 'index.m3u8'))],
    '/live/low/seg0.m2t': ['video/mp2t', readFileSync(join(dir, 'seg0.m2t'))],
    '/live/low/seg1.m2t': ['video/mp2t', readFileSync(join(dir, 'seg1.m2t'))],
    '/live/foreign.m3u8': ['application/vnd.apple.mpegurl', Buffer.from('#EXTM3U\n#EXTINF:2,\nhttp://10.0.0.9/a.ts\n')],
    '/live/login.m3u8': ['text/html', Buffer.from('<html>Đăng nhập</html>')],
    '/admin/config': ['text/plain', Buffer.from('camera-admin-secret')],
  };
  const cam = { down: false, hits: new Map<string, number>(), auth: new Set<string | undefined>(), url: '' };
  const server = http.createServer((req, res) => {
    cam.hits.set(req.url!, (cam.hits.get(req.url!) ?? 0) + 1);
    cam.auth.add(req.headers.authorization);
    const file = files[req.url!];
    if (cam.down || !file) return res.writeHead(cam.down ? 503 : 404).end();
    res.writeHead(200, { 'content-type': file[0] }).end(file[1]);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  cam.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  servers.push({ server } as Camera);
  return Object.assign(cam, { files, hitsOf: (path: string) => cam.hits.get(path) ?? 0 });
}

describe('the live stream, through the server', () => {
  const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url, headers });
  const ours = (text: string, id: string) =>
    text
      .split('\n')
      .filter((l) => l && !l.startsWith('#'))
      .map((l) => {
        expect(l.startsWith(`/api/cameras/${id}/stream/`)).toBe(true);
        return l;
      });

  it('plays the camera’s playlists and segments as they are, and the public never gets an address of the camera', async () => {
    const cam = await startStreamCamera();
    const host = cam.url.replace('http://', '');
    const c = await addCamera(`${cam.url}/snap.jpg`, { streamUrl: `http://xem:mat-khau@${host}/live/master.m3u8` });
    const view = await publicView(c.id);
    expect(view.hasStream).toBe(true);
    expect(JSON.stringify(view)).not.toContain(host);

    const master = await get(`/api/cameras/${c.id}/stream.m3u8`);
    expect(master.statusCode, master.body).toBe(200);
    expect(master.headers['content-type']).toBe('application/vnd.apple.mpegurl');
    expect(master.headers['cache-control']).toBe('no-cache');
    expect(master.body).not.toContain(host);
    expect(master.body).toContain('#EXT-X-STREAM-INF:BANDWIDTH=100000,RESOLUTION=160x90');
    const [variantUrl] = ours(master.body, c.id);
    const variant = await get(variantUrl!);
    expect(variant.statusCode).toBe(200);
    expect(variant.body).toContain('#EXT-X-ENDLIST');
    const segmentUrls = ours(variant.body, c.id);
    expect(segmentUrls).toHaveLength(2);
    for (const [i, url] of segmentUrls.entries()) {
      const seg = await get(url);
      expect(seg.statusCode).toBe(200);
      expect(seg.headers['content-type']).toBe('video/mp2t');
      expect(seg.headers['cache-control']).toBe('public, max-age=60, immutable');
      expect(seg.rawPayload.equals(cam.files[`/live/low/seg${i}.m2t`]![1])).toBe(true);
    }
    // The server asked with the address's credentials, every time.
    expect([...cam.auth]).toEqual([`Basic ${Buffer.from('xem:mat-khau').toString('base64')}`]);
  });

  it('many viewers at once: the camera is asked each part once', async () => {
    const cam = await startStreamCamera();
    const c = await addCamera(`${cam.url}/snap.jpg`, { streamUrl: `${cam.url}/live/low/index.m3u8` });
    const playlists = await Promise.all(Array.from({ length: 20 }, () => get(`/api/cameras/${c.id}/stream.m3u8`)));
    expect(playlists.every((p) => p.statusCode === 200)).toBe(true);
    expect(cam.hitsOf('/live/low/index.m3u8')).toBe(1);
    const [first] = ours(playlists[0]!.body, c.id);
    const segments = await Promise.all(Array.from({ length: 20 }, () => get(first!)));
    expect(segments.every((s) => s.statusCode === 200)).toBe(true);
    expect(cam.hitsOf('/live/low/seg0.m2t')).toBe(1);
  });

  it('a token altered, from another camera or from before the address changed is a 404; the camera is not asked', async () => {
    const cam = await startStreamCamera();
    const streamUrl = `${cam.url}/live/low/index.m3u8`;
    const a = await addCamera(`${cam.url}/snap.jpg`, { streamUrl });
    const b = await addCamera(`${cam.url}/snap.jpg`, { streamUrl });
    const [segment] = ours((await get(`/api/cameras/${a.id}/stream.m3u8`)).body, a.id);
    const token = segment!.split('/').pop()!;
    const sig = token.split('.')[1];
    const forged = `m${Buffer.from('/admin/config').toString('base64url')}.${sig}`;
    for (const url of [`/api/cameras/${a.id}/stream/${forged}`, `/api/cameras/${b.id}/stream/${token}`]) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(404);
      expect(res.json().error.message).toMatch(/luồng video/);
    }
    expect(cam.hitsOf('/admin/config')).toBe(0);
    expect((await get(`/api/cameras/${a.id}/stream/not-a-token`)).statusCode).toBe(400);
    // The address changes: the old parts are gone with it.
    const moved = await t.app.inject({
      method: 'PUT',
      url: `/api/cameras/${a.id}`,
      headers: admin,
      payload: body(`${cam.url}/snap.jpg`, { name: a.name, streamUrl: `${cam.url}/live/master.m3u8` }),
    });
    expect(moved.statusCode, moved.body).toBe(200);
    expect((await get(segment!)).statusCode).toBe(404);
    expect((await get(`/api/cameras/${a.id}/stream.m3u8`)).body).toContain('#EXT-X-STREAM-INF');
  });

  it('a viewer is not cut off by the API’s per-address limit: the stream has its own, higher one', async () => {
    const cam = await startStreamCamera();
    const small = await createTestApp({ RATE_LIMIT_PER_MINUTE: '5' });
    try {
      const id = await repo.insertCamera(small.db, {
        ...PLACE,
        unitPath: '19/05569',
        kind: 'traffic',
        name: 'Camera giới hạn',
        snapshotUrl: `${cam.url}/snap.jpg`,
        streamUrl: `${cam.url}/live/low/index.m3u8`,
      });
      const statuses = async (url: string) => {
        const out: number[] = [];
        for (let i = 0; i < 12; i++) out.push((await small.app.inject({ url })).statusCode);
        return out;
      };
      expect(await statuses(`/api/cameras/${id}/stream.m3u8`)).toEqual(Array(12).fill(200));
      expect(await statuses(`/api/cameras/${id}`)).toContain(429);
    } finally {
      await small.close();
    }
  });

  it('a camera without a stream, a hidden camera for the public, a camera down or not sending HLS: clear answers', async () => {
    const cam = await startStreamCamera();
    const plain = await addCamera(`${cam.url}/snap.jpg`);
    expect((await publicView(plain.id)).hasStream).toBe(false);
    const none = await get(`/api/cameras/${plain.id}/stream.m3u8`);
    expect(none.statusCode).toBe(404);
    expect(none.json().error.message).toMatch(/Không tìm thấy luồng video trực tiếp của camera/);

    const hidden = await addCamera(`${cam.url}/snap.jpg`, {
      isPublic: false,
      streamUrl: `${cam.url}/live/low/index.m3u8`,
    });
    expect((await get(`/api/cameras/${hidden.id}/stream.m3u8`)).statusCode).toBe(404);
    expect((await get(`/api/cameras/${hidden.id}/stream.m3u8`, citizen)).statusCode).toBe(404);
    const forAdmin = await get(`/api/cameras/${hidden.id}/stream.m3u8`, communeAdmin);
    expect(forAdmin.statusCode).toBe(200);
    const [seg] = ours(forAdmin.body, hidden.id);
    expect((await get(seg!)).statusCode).toBe(404);
    expect((await get(seg!, communeAdmin)).headers['cache-control']).toBe('private, max-age=60');

    for (const [path, status, code] of [
      ['/live/foreign.m3u8', 502, 'camera_stream_invalid'],
      ['/live/login.m3u8', 502, 'camera_stream_invalid'],
      ['/live/missing.m3u8', 503, 'camera_unavailable'],
    ] as const) {
      const c = await addCamera(`${cam.url}/snap.jpg`, { streamUrl: `${cam.url}${path}` });
      const res = await get(`/api/cameras/${c.id}/stream.m3u8`);
      expect(res.statusCode, path).toBe(status);
      expect(res.json().error.code).toBe(code);
      expect(res.body).not.toContain(cam.url.replace('http://', ''));
    }
    expect(cam.hitsOf('/a.ts')).toBe(0);
    const down = await addCamera(`${cam.url}/snap.jpg`, { streamUrl: `${cam.url}/live/low/index.m3u8` });
    cam.down = true;
    const res = await get(`/api/cameras/${down.id}/stream.m3u8`);
    expect(res.statusCode).toBe(503);
    expect(res.json().error.message).toMatch(/Camera hiện không gửi được video/);
    const en = await get(`/api/cameras/${down.id}/stream.m3u8`, { 'accept-language': 'en' });
    expect(en.json().error.message).toMatch(/not sending video/);
  });
});

describe('what the public sees', () => {
  it('no camera address in the list, the camera or errors; hidden cameras only for their administrators', async () => {
    const cam = await camera('up');
    const shown = await addCamera(`${cam.url}/shown.jpg`, { streamUrl: `${cam.url}/live.m3u8` });
    const hidden = await addCamera(`${cam.url}/hidden.jpg`, { isPublic: false });
    const list = await t.app.inject({ url: '/api/cameras?commune=05569' });
    expect(list.statusCode).toBe(200);
    expect(list.body).not.toContain('127.0.0.1');
    expect(list.body).not.toContain('m3u8');
    const items = list.json().items as CameraView[];
    expect(items.some((i) => i.id === shown.id)).toBe(true);
    expect(items.some((i) => i.id === hidden.id)).toBe(false);
    expect(Object.keys(items[0]).sort()).toEqual(
      [
        'communeCode',
        'communeName',
        'downSince',
        'hasStream',
        'id',
        'kind',
        'lastCheckedAt',
        'lastSeenAt',
        'lat',
        'lng',
        'name',
        'status',
      ].sort(),
    );
    expect((await t.app.inject({ url: `/api/cameras/${shown.id}` })).body).not.toContain('127.0.0.1');
    expect((await t.app.inject({ url: `/api/cameras/${hidden.id}` })).statusCode).toBe(404);
    expect((await snapshot(hidden.id)).statusCode).toBe(404);
    expect((await snapshot(hidden.id, citizen)).statusCode).toBe(404);
    const forAdmin = await snapshot(hidden.id, communeAdmin);
    expect(forAdmin.statusCode).toBe(200);
    expect(forAdmin.headers['cache-control']).toBe('private, no-store');
    expect((await t.app.inject({ url: '/api/cameras?kind=water_level&commune=05569' })).json().items).toEqual([]);
  });
});

describe('validation: 400 naming the field', () => {
  const bad: [string, object, string][] = [
    ['ftp address', { snapshotUrl: 'ftp://10.0.0.1/a.jpg' }, 'snapshotUrl'],
    ['javascript address', { snapshotUrl: 'javascript:alert(1)' }, 'snapshotUrl'],
    ['file stream', { streamUrl: 'file:///etc/passwd' }, 'streamUrl'],
    ['no name', { name: '  ' }, 'name'],
    ['unknown kind', { kind: 'speed' }, 'kind'],
    ['latitude', { lat: 95 }, 'lat'],
    ['outside the province', { lat: 10.77, lng: 106.7 }, 'lat'],
    ['a hamlet or province', { communeCode: '19' }, 'communeCode'],
    ['no such commune', { communeCode: '99999' }, 'communeCode'],
  ];
  for (const [what, change, fieldName] of bad)
    it(what, async () => {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/cameras',
        headers: admin,
        payload: { ...body('http://10.20.0.5/snap.jpg'), ...change },
      });
      expect(res.statusCode, res.body).toBe(400);
      expect(Object.keys(res.json().error.fields ?? {})).toContain(fieldName);
    });
});

describe('who manages', () => {
  it('a commune administrator manages their commune’s cameras, not another commune’s; a citizen nothing', async () => {
    const own = await t.app.inject({
      method: 'POST',
      url: '/api/cameras',
      headers: communeAdmin,
      payload: body('http://10.20.0.5/own.jpg'),
    });
    expect(own.statusCode).toBe(201);
    const id = own.json().id;
    const edit = await t.app.inject({
      method: 'PUT',
      url: `/api/cameras/${id}`,
      headers: otherCommuneAdmin,
      payload: body('http://10.20.0.5/x.jpg'),
    });
    expect(edit.statusCode).toBe(403);
    expect((await t.app.inject({ method: 'DELETE', url: `/api/cameras/${id}`, headers: citizen })).statusCode).toBe(
      403,
    );
    expect((await t.app.inject({ method: 'DELETE', url: `/api/cameras/${id}` })).statusCode).toBe(401);
    expect((await t.app.inject({ url: '/api/cameras/manage', headers: citizen })).statusCode).toBe(403);
    const theirs = (await t.app.inject({ url: '/api/cameras/manage', headers: otherCommuneAdmin })).json();
    expect(theirs.items.some((c: CameraAdminView) => c.id === id)).toBe(false);
    // moving it to another commune needs the right there too
    const move = await t.app.inject({
      method: 'PUT',
      url: `/api/cameras/${id}`,
      headers: communeAdmin,
      payload: { ...body('http://10.20.0.5/own.jpg'), communeCode: '05443', lat: 21.6, lng: 105.8 },
    });
    expect(move.statusCode, move.body).toBe(403);
    const del = await t.app.inject({ method: 'DELETE', url: `/api/cameras/${id}`, headers: communeAdmin });
    expect(del.statusCode).toBe(200);
    expect((await t.app.inject({ url: `/api/cameras/${id}` })).statusCode).toBe(404);
    const audit = await queryRows<{ action: string; details: unknown }>(
      t.db,
      sql`select action, details from audit_log where resource_id = ${id} order by id`,
    );
    expect(audit.map((a) => a.action)).toEqual(['camera.create', 'camera.delete']);
    expect(JSON.stringify(audit)).not.toContain('10.20.0.5');
  });
});

describe('demo cameras', () => {
  it('are in Thái Nguyên communes on a private network, never faked up: not checked yet, then down', async () => {
    await t.db.transaction((tx) => seedDemoCameras(tx, new Date()));
    const list = async () =>
      ((await t.app.inject({ url: '/api/cameras?commune=01906' })).json().items as CameraView[]).concat(
        (await t.app.inject({ url: '/api/cameras?commune=05443' })).json().items,
      );
    const before = await list();
    expect(before.map((c) => c.name).sort()).toEqual(
      DEMO_CAMERAS.filter((c) => ['01906', '05443'].includes(c.communeCode))
        .map((c) => c.name)
        .sort(),
    );
    expect(before.every((c) => c.status === 'unknown')).toBe(true);
    expect(before.find((c) => c.communeCode === '01906')?.communeName).toBe('Xã Ba Bể');
    for (let i = 0; i < 3; i++) await checkLater(); // the batches until every camera was checked
    const after = await list();
    expect(after.every((c) => c.status === 'down')).toBe(true);
  });
});
