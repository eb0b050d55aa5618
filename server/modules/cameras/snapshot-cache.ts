import type { CameraErrorKind } from '../../../common/constants/cameras.js';
import { CameraFetchError } from './fetch-snapshot.js';

export interface Snapshot {
  /** The re-encoded JPEG. */
  image: Buffer;
  /** When the camera gave it. */
  takenAt: Date;
}

export interface CachedAnswer {
  snapshot: Snapshot;
  /** Why the camera could not give a fresh one (the answer is then the last good one); null when fresh. */
  staleBecause: CameraErrorKind | null;
}

/**
 * The snapshots the server has read, per process, in memory: a camera is read at most once per `ttlMs` whatever the
 * number of viewers, concurrent requests for one camera share one read, and when the camera is slow or down the last
 * good image (up to `keepMs` old) is served with its age. Entries are keyed by camera and address, so an edited
 * address never serves the old camera's image. At most `maxEntries` images (the oldest read goes first).
 */
export function createSnapshotCache(opts: {
  read: (address: string) => Promise<Buffer>;
  ttlMs: number;
  keepMs?: number;
  maxEntries?: number;
  now?: () => Date;
}) {
  const { read, ttlMs } = opts;
  const keepMs = opts.keepMs ?? 24 * 3600_000;
  const maxEntries = opts.maxEntries ?? 300;
  const now = opts.now ?? (() => new Date());
  const entries = new Map<string, Snapshot>();
  const inFlight = new Map<string, Promise<Snapshot>>();
  /** The last failed read per camera: a camera that is down is not asked again before the TTL either. */
  const failures = new Map<string, { kind: CameraErrorKind; at: number }>();
  const keyOf = (id: string, address: string) => `${id}\n${address}`;

  function put(id: string, address: string, snapshot: Snapshot) {
    const key = keyOf(id, address);
    entries.delete(key); // re-inserted last: the Map's order is the order of reads
    entries.set(key, snapshot);
    while (entries.size > maxEntries) entries.delete(entries.keys().next().value as string);
  }

  function lastGood(id: string, address: string): Snapshot | null {
    const s = entries.get(keyOf(id, address));
    return s && now().getTime() - s.takenAt.getTime() <= keepMs ? s : null;
  }

  /** The camera's snapshot: the cached one while fresh, else one read shared by every caller. */
  async function get(id: string, address: string): Promise<CachedAnswer> {
    const key = keyOf(id, address);
    const cached = lastGood(id, address);
    if (cached && now().getTime() - cached.takenAt.getTime() < ttlMs) return { snapshot: cached, staleBecause: null };
    const failed = failures.get(key);
    if (failed && now().getTime() - failed.at < ttlMs) {
      if (cached) return { snapshot: cached, staleBecause: failed.kind };
      throw new CameraFetchError(failed.kind);
    }
    let pending = inFlight.get(key);
    if (!pending) {
      pending = read(address)
        .then(
          (image) => {
            const s = { image, takenAt: now() };
            put(id, address, s);
            failures.delete(key);
            return s;
          },
          (e) => {
            failures.set(key, { kind: e instanceof CameraFetchError ? e.kind : 'unreachable', at: now().getTime() });
            while (failures.size > maxEntries) failures.delete(failures.keys().next().value as string);
            throw e;
          },
        )
        .finally(() => inFlight.delete(key));
      inFlight.set(key, pending);
    }
    try {
      return { snapshot: await pending, staleBecause: null };
    } catch (e) {
      const kind = e instanceof CameraFetchError ? e.kind : 'unreachable';
      const old = lastGood(id, address);
      if (old) return { snapshot: old, staleBecause: kind };
      throw e instanceof CameraFetchError ? e : new CameraFetchError(kind);
    }
  }

  return {
    get,
    /** Keeps an image read by the health check (so the first viewer after a check needs no read). */
    put(id: string, address: string, snapshot: Snapshot) {
      put(id, address, snapshot);
      failures.delete(keyOf(id, address));
    },
    /** Forgets a camera's images (removed, or its address changed). */
    forget(id: string) {
      for (const key of entries.keys()) if (key.startsWith(`${id}\n`)) entries.delete(key);
      for (const key of failures.keys()) if (key.startsWith(`${id}\n`)) failures.delete(key);
    },
    size: () => entries.size,
  };
}

export type SnapshotCache = ReturnType<typeof createSnapshotCache>;
