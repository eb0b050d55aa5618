/** The snapshot cache with a moved clock: one read per TTL whatever the viewers, stale answers, a down camera not
 * asked again before the TTL, addresses kept apart. */
import { describe, expect, it } from 'vitest';
import { CameraFetchError } from './fetch-snapshot.js';
import { createSnapshotCache } from './snapshot-cache.js';

function setup() {
  let clock = Date.parse('2026-12-07T07:05:00Z');
  let reads = 0;
  let fail: CameraFetchError | null = null;
  const cache = createSnapshotCache({
    ttlMs: 30_000,
    now: () => new Date(clock),
    read: async (address) => {
      reads += 1;
      if (fail) throw fail;
      return Buffer.from(`${address}#${reads}`);
    },
  });
  return {
    cache,
    reads: () => reads,
    tick: (ms: number) => {
      clock += ms;
    },
    setFail: (f: CameraFetchError | null) => {
      fail = f;
    },
  };
}

describe('snapshot cache', () => {
  it('reads a camera once per TTL, shared by concurrent viewers', async () => {
    const s = setup();
    const answers = await Promise.all([1, 2, 3].map(() => s.cache.get('a', 'http://cam/1')));
    expect(s.reads()).toBe(1);
    expect(new Set(answers.map((a) => a.snapshot.image.toString())).size).toBe(1);
    s.tick(29_000);
    await s.cache.get('a', 'http://cam/1');
    expect(s.reads()).toBe(1);
    s.tick(2_000);
    const fresh = await s.cache.get('a', 'http://cam/1');
    expect(s.reads()).toBe(2);
    expect(fresh.snapshot.image.toString()).toBe('http://cam/1#2');
  });

  it('serves the last good image when the camera fails, and does not ask it again before the TTL', async () => {
    const s = setup();
    const good = await s.cache.get('a', 'http://cam/1');
    s.tick(31_000);
    s.setFail(new CameraFetchError('timeout'));
    const stale = await s.cache.get('a', 'http://cam/1');
    expect(stale.staleBecause).toBe('timeout');
    expect(stale.snapshot.takenAt).toEqual(good.snapshot.takenAt);
    expect(s.reads()).toBe(2);
    s.tick(10_000);
    expect((await s.cache.get('a', 'http://cam/1')).staleBecause).toBe('timeout');
    expect(s.reads()).toBe(2);
    s.tick(25_000);
    s.setFail(null);
    expect((await s.cache.get('a', 'http://cam/1')).staleBecause).toBeNull();
    expect(s.reads()).toBe(3);
  });

  it('never gave an image: the failure is thrown (and remembered for the TTL); another address is another camera', async () => {
    const s = setup();
    s.setFail(new CameraFetchError('unreachable'));
    await expect(s.cache.get('a', 'http://cam/1')).rejects.toMatchObject({ kind: 'unreachable' });
    await expect(s.cache.get('a', 'http://cam/1')).rejects.toMatchObject({ kind: 'unreachable' });
    expect(s.reads()).toBe(1);
    s.setFail(null);
    const other = await s.cache.get('a', 'http://cam/2');
    expect(other.snapshot.image.toString()).toBe('http://cam/2#2');
    s.cache.forget('a');
    expect(s.cache.size()).toBe(0);
  });
});
