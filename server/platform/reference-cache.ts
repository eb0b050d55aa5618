/**
 * Reference data read on hot paths (categories, units) cached per process.
 *
 * Invalidation: every write through the owning repo calls `invalidateReference(name)`, which empties that cache in
 * this process at once. Other processes (several app processes on one PostgreSQL) see a change within `ttlMs`
 * (5 s): entries expire rather than being checked against a version row, because a version check costs the same
 * round trip the cache saves. Only reads that tolerate those seconds use it (validating a new submission); routing,
 * deadlines and every write read the tables themselves. Misses (no such row) are never cached.
 */
const TTL_MS = 5000;

type Entry = { value: unknown; expires: number };
const caches = new Map<string, WeakMap<object, Map<string, Entry>>>();

function cacheFor(name: string, scope: object): Map<string, Entry> {
  let byScope = caches.get(name);
  if (!byScope) {
    byScope = new WeakMap();
    caches.set(name, byScope);
  }
  let entries = byScope.get(scope);
  if (!entries) {
    entries = new Map();
    byScope.set(scope, entries);
  }
  return entries;
}

/**
 * The value of `key` in the `name` cache of `scope` (the database handle: each database its own cache), loaded by
 * `load` when absent or expired; a null from `load` is returned and not kept.
 */
export async function cachedReference<V>(
  name: string,
  scope: object,
  key: string,
  load: () => Promise<V | null>,
  now: () => number = Date.now,
): Promise<V | null> {
  const entries = cacheFor(name, scope);
  const hit = entries.get(key);
  if (hit && hit.expires > now()) return hit.value as V;
  const value = await load();
  if (value === null) entries.delete(key);
  else entries.set(key, { value, expires: now() + TTL_MS });
  return value;
}

/** Empties the `name` cache for every database of this process (called by the repo that writes the table). */
export function invalidateReference(name: string): void {
  caches.delete(name);
}
