/**
 * The HLS proxy's parts without an app: playlists rewritten so every address is ours, signed tokens, and the proxy's
 * cache against a local HTTP server playing the camera (its clock moved by the test).
 */
import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CameraFetchError } from './fetch-snapshot.js';
import { InvalidPlaylistError, rewritePlaylist, signStreamToken, upstreamUrl, verifyStreamToken } from './hls.js';
import { createStreamProxy } from './stream-proxy.js';

const SECRET = 'a-test-secret-of-at-least-32-characters';
const CAMERA = '7d0c1c1e-0000-4000-8000-000000000001';
const STREAM = 'http://cam:pw@10.19.0.7:8080/live/master.m3u8';
const proxyPath = (r: { kind: string; path: string }) => `/p/${r.kind}${r.path}`;

describe('rewritePlaylist', () => {
  it('a master playlist: variants and renditions become playlists of ours, keys and maps bytes of ours', () => {
    const text = [
      '#EXTM3U',
      '#EXT-X-VERSION:6',
      '#EXT-X-CONTENT-STEERING:SERVER-URI="https://steer.example/s.json"',
      '#EXT-X-SESSION-DATA:DATA-ID="x",URI="https://other.example/d.json"',
      '#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID="a",NAME="vi",URI="audio/vi.m3u8"',
      '#EXT-X-STREAM-INF:BANDWIDTH=800000,AUDIO="a"',
      'low/index.m3u8?token=1',
      '#EXT-X-I-FRAME-STREAM-INF:BANDWIDTH=90000,URI="/live/iframes.m3u8"',
      '#EXT-X-STREAM-INF:BANDWIDTH=2000000',
      'http://10.19.0.7:8080/live/high/index.m3u8',
      '',
    ].join('\n');
    expect(rewritePlaylist(text, 'http://10.19.0.7:8080/live/master.m3u8', proxyPath).split('\n')).toEqual([
      '#EXTM3U',
      '#EXT-X-VERSION:6',
      '#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID="a",NAME="vi",URI="/p/playlist/live/audio/vi.m3u8"',
      '#EXT-X-STREAM-INF:BANDWIDTH=800000,AUDIO="a"',
      '/p/playlist/live/low/index.m3u8?token=1',
      '#EXT-X-I-FRAME-STREAM-INF:BANDWIDTH=90000,URI="/p/playlist/live/iframes.m3u8"',
      '#EXT-X-STREAM-INF:BANDWIDTH=2000000',
      '/p/playlist/live/high/index.m3u8',
      '',
    ]);
  });

  it('a media playlist: segments, the key and the init section become bytes of ours; CRLF and a BOM are read', () => {
    const text =
      '\uFEFF#EXTM3U\r\n#EXT-X-TARGETDURATION:2\r\n#EXT-X-KEY:METHOD=AES-128,URI="../keys/k1"\r\n#EXT-X-MAP:URI="init.mp4"\r\n#EXTINF:2.0,\r\nseg0.m4s\r\n';
    expect(rewritePlaylist(text, 'http://10.19.0.7:8080/live/low/index.m3u8', proxyPath).split('\n')).toEqual([
      '#EXTM3U',
      '#EXT-X-TARGETDURATION:2',
      '#EXT-X-KEY:METHOD=AES-128,URI="/p/media/live/keys/k1"',
      '#EXT-X-MAP:URI="/p/media/live/low/init.mp4"',
      '#EXTINF:2.0,',
      '/p/media/live/low/seg0.m4s',
      '',
    ]);
  });

  it('refuses what is not a playlist, and any address on another host (the proxy reads only the camera)', () => {
    const base = 'http://10.19.0.7:8080/live/index.m3u8';
    const reason = (text: string) => {
      try {
        rewritePlaylist(text, base, proxyPath);
        return 'accepted';
      } catch (e) {
        return e instanceof InvalidPlaylistError ? e.reason : 'other';
      }
    };
    expect(reason('<html>login</html>')).toBe('not_playlist');
    expect(reason('')).toBe('not_playlist');
    expect(reason('#EXTM3U\n#EXTINF:2,\nhttp://10.19.0.8:8080/seg.ts')).toBe('foreign_address');
    expect(reason('#EXTM3U\n#EXTINF:2,\nhttp://10.19.0.7:8081/seg.ts')).toBe('foreign_address');
    expect(reason('#EXTM3U\n#EXTINF:2,\nhttps://10.19.0.7:8080/seg.ts')).toBe('foreign_address');
    expect(reason('#EXTM3U\n#EXT-X-KEY:METHOD=AES-128,URI="http://169.254.169.254/latest"')).toBe('foreign_address');
    expect(reason('#EXTM3U\n#EXTINF:2,\n//10.19.0.7:8080/ok.ts')).toBe('accepted');
  });
});

describe('stream tokens', () => {
  const resource = { kind: 'media' as const, path: '/live/low/seg0.ts?x=1' };
  const token = signStreamToken(SECRET, CAMERA, STREAM, resource);

  it('name a resource for one camera and one stream address; anything altered is refused', () => {
    expect(verifyStreamToken(SECRET, CAMERA, STREAM, token)).toEqual(resource);
    expect(verifyStreamToken(SECRET, '7d0c1c1e-0000-4000-8000-000000000002', STREAM, token)).toBeNull();
    expect(verifyStreamToken(SECRET, CAMERA, 'http://10.19.0.7:8080/live/other.m3u8', token)).toBeNull();
    expect(verifyStreamToken('another-secret-of-at-least-32-characters', CAMERA, STREAM, token)).toBeNull();
    // Another path with the same signature, the kind changed, the signature cut: refused.
    const [head, sig] = token.split('.');
    const forged = `m${Buffer.from('/admin/config').toString('base64url')}.${sig}`;
    expect(verifyStreamToken(SECRET, CAMERA, STREAM, forged)).toBeNull();
    expect(verifyStreamToken(SECRET, CAMERA, STREAM, `p${head!.slice(1)}.${sig}`)).toBeNull();
    expect(verifyStreamToken(SECRET, CAMERA, STREAM, `${head}.${sig!.slice(2)}`)).toBeNull();
    expect(verifyStreamToken(SECRET, CAMERA, STREAM, 'not a token')).toBeNull();
  });

  it('the camera is asked at its own host with the stream address’s credentials', () => {
    expect(upstreamUrl(STREAM, '/live/low/seg0.ts?x=1')).toBe('http://cam:pw@10.19.0.7:8080/live/low/seg0.ts?x=1');
  });
});

describe('the proxy’s cache', () => {
  const hits = new Map<string, number>();
  let mode: 'up' | 'down' = 'up';
  let playlistVersion = 0;
  let server: http.Server;
  let origin = '';
  let clock = 1_000_000;
  const hitsOf = (path: string) => hits.get(path) ?? 0;

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      hits.set(req.url!, hitsOf(req.url!) + 1);
      if (mode === 'down') return res.writeHead(500).end();
      if (req.url === '/live/index.m3u8') {
        // A live playlist: a new segment each time the camera is asked again.
        playlistVersion += 1;
        return res
          .writeHead(200, { 'content-type': 'application/vnd.apple.mpegurl' })
          .end(`#EXTM3U\n#EXT-X-TARGETDURATION:2\n#EXTINF:2,\nseg${playlistVersion}.ts\n`);
      }
      if (req.url?.startsWith('/live/seg'))
        return setTimeout(() => res.writeHead(200, { 'content-type': 'video/mp2t' }).end(Buffer.alloc(1000, 7)), 50);
      res.writeHead(404).end();
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => server.close());

  const proxy = () =>
    createStreamProxy({ secret: SECRET, timeoutMs: 2000, playlistTtlMs: 1000, mediaTtlMs: 60_000, now: () => clock });

  it('concurrent viewers share one read; a playlist is read again after its TTL, a segment is kept', async () => {
    const p = proxy();
    const stream = `${origin}/live/index.m3u8`;
    const playlist = { kind: 'playlist' as const, path: '/live/index.m3u8' };
    const first = await Promise.all(Array.from({ length: 10 }, () => p.get(CAMERA, stream, playlist)));
    expect(hitsOf('/live/index.m3u8')).toBe(1);
    expect(first[0]!.contentType).toBe('application/vnd.apple.mpegurl');
    expect(first[0]!.body.toString()).not.toContain('127.0.0.1');
    const segment = { kind: 'media' as const, path: '/live/seg1.ts' };
    const segments = await Promise.all(Array.from({ length: 10 }, () => p.get(CAMERA, stream, segment)));
    expect(hitsOf('/live/seg1.ts')).toBe(1);
    expect(segments.every((s) => s.body.equals(Buffer.alloc(1000, 7)) && s.contentType === 'video/mp2t')).toBe(true);

    clock += 999;
    await p.get(CAMERA, stream, playlist);
    expect(hitsOf('/live/index.m3u8')).toBe(1);
    clock += 2;
    const later = await p.get(CAMERA, stream, playlist);
    expect(hitsOf('/live/index.m3u8')).toBe(2);
    // The new playlist names the new segment (through us).
    expect(later.body.toString()).not.toBe(first[0]!.body.toString());
    clock += 30_000;
    await p.get(CAMERA, stream, segment);
    expect(hitsOf('/live/seg1.ts')).toBe(1);
  });

  it('a failed read is not kept: the camera is asked again by the next viewer', async () => {
    const p = proxy();
    const stream = `${origin}/live/index.m3u8`;
    const segment = { kind: 'media' as const, path: '/live/seg9.ts' };
    mode = 'down';
    await expect(p.get(CAMERA, stream, segment)).rejects.toBeInstanceOf(CameraFetchError);
    mode = 'up';
    expect((await p.get(CAMERA, stream, segment)).body.length).toBe(1000);
    expect(hitsOf('/live/seg9.ts')).toBe(2);
  });

  it('forget drops a camera’s cached parts', async () => {
    const p = proxy();
    const stream = `${origin}/live/index.m3u8`;
    const segment = { kind: 'media' as const, path: '/live/seg7.ts' };
    await p.get(CAMERA, stream, segment);
    expect(p.cachedBytes()).toBe(1000);
    p.forget(CAMERA);
    expect(p.cachedBytes()).toBe(0);
    await p.get(CAMERA, stream, segment);
    expect(hitsOf('/live/seg7.ts')).toBe(2);
  });
});
