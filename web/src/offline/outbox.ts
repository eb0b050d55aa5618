import { type DBSchema, type IDBPDatabase, openDB } from 'idb';
import type { ActivityInput, ActivityView } from '../../../common/activities';

/**
 * The device's copy of a member's activities (IndexedDB): every activity is written here first, with the id the
 * device made (crypto.randomUUID), online or not, and the sync module sends the pending ones. Records are the
 * member's own, keyed by their account: another person signed in on the same phone never sees them, and a member
 * who signs out loses nothing (their pending activities wait for them).
 */

/** pending: to send; synced: the server has this version; refused: the server said no (the member fixes or drops it). */
export type OutboxStatus = 'pending' | 'synced' | 'refused';

export interface OutboxRecord {
  id: string;
  userId: string;
  status: OutboxStatus;
  /** What the member recorded or last edited (the body sent). */
  input: ActivityInput;
  /** For an edit of an activity the server has: the version the device last saw (a newer one is a conflict). */
  baseVersion?: number;
  /** The server's version after the last sync. */
  version?: number;
  /** The server's copy, when the device has it (after a conflict, or read from the server). */
  server?: ActivityView;
  /** Why the server refused it, in the language of the request, with the field at fault. */
  error?: { code: string; message: string; field?: string };
  /** The server kept its own newer version over the device's edit: shown to the member until dismissed. */
  conflict?: { at: string };
  recordedAt: string;
  /** Changes at every local edit: a sync's answer applies only to the edit it sent. */
  updatedAt: string;
  syncedAt?: string;
}

interface OutboxDb extends DBSchema {
  activities: { key: string; value: OutboxRecord; indexes: { byUser: string } };
}

let dbPromise: Promise<IDBPDatabase<OutboxDb>> | null = null;

function db() {
  dbPromise ??= openDB<OutboxDb>('xaso-field', 1, {
    upgrade(d) {
      const store = d.createObjectStore('activities', { keyPath: 'id' });
      store.createIndex('byUser', 'userId');
    },
  });
  return dbPromise;
}

// ── change notices: this tab's listeners, and other tabs through a BroadcastChannel ──────────────────────────────
const listeners = new Set<() => void>();
const channel = typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel('xaso-outbox');
channel?.addEventListener('message', () => {
  for (const l of listeners) l();
});

/** Calls `listener` whenever this tab or another changes the outbox; returns the unsubscribe. */
export function onOutboxChange(listener: () => void) {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

export function notifyOutboxChange() {
  for (const l of listeners) l();
  channel?.postMessage('changed');
}

// ── reads and writes ───────────────────────────────────────────────────────────────────────────────────────────────
export async function listRecords(userId: string): Promise<OutboxRecord[]> {
  return (await db()).getAllFromIndex('activities', 'byUser', userId);
}

export async function getRecord(userId: string, id: string): Promise<OutboxRecord | undefined> {
  const r = await (await db()).get('activities', id);
  return r && r.userId === userId ? r : undefined;
}

/**
 * Records an activity (new) or an edit of one: pending, ready to sync. An edit of a synced activity carries the
 * version the device saw; an edit of one never synced stays a first sending (no baseVersion).
 */
export async function saveActivity(userId: string, input: ActivityInput, opts: { baseVersion?: number } = {}) {
  const d = await db();
  const tx = d.transaction('activities', 'readwrite');
  const now = new Date().toISOString();
  const old = await tx.store.get(input.id);
  if (old && old.userId !== userId) throw new Error('not your activity');
  const baseVersion = old?.version ?? old?.baseVersion ?? opts.baseVersion;
  const record: OutboxRecord = {
    id: input.id,
    userId,
    status: 'pending',
    input,
    ...(baseVersion ? { baseVersion } : {}),
    ...(old?.version ? { version: old.version } : {}),
    ...(old?.server ? { server: old.server } : {}),
    recordedAt: old?.recordedAt ?? now,
    // Strictly later than the last change, even within the same millisecond.
    updatedAt: old && old.updatedAt >= now ? new Date(Date.parse(old.updatedAt) + 1).toISOString() : now,
  };
  await tx.store.put(record);
  await tx.done;
  notifyOutboxChange();
  return record;
}

/** Drops a refused activity the member chose not to fix (never one still pending or synced). */
export async function discardRefused(userId: string, id: string) {
  const d = await db();
  const tx = d.transaction('activities', 'readwrite');
  const r = await tx.store.get(id);
  if (r && r.userId === userId && r.status === 'refused') await tx.store.delete(id);
  await tx.done;
  notifyOutboxChange();
}

export async function dismissConflict(userId: string, id: string) {
  await updateRecord(userId, id, (r) => {
    const { conflict: _gone, ...rest } = r;
    return rest;
  });
}

/**
 * Changes one record in its own transaction; `change` sees the current record (another tab may have changed it)
 * and answers the new one, or null to leave it.
 */
export async function updateRecord(
  userId: string,
  id: string,
  change: (r: OutboxRecord) => OutboxRecord | null,
  opts: { silent?: boolean } = {},
) {
  const d = await db();
  const tx = d.transaction('activities', 'readwrite');
  const r = await tx.store.get(id);
  if (r && r.userId === userId) {
    const next = change(r);
    if (next) await tx.store.put(next);
  }
  await tx.done;
  if (!opts.silent) notifyOutboxChange();
}

/** Synced copies older than this are dropped from the device (the server keeps them; recent ones stay for offline). */
const KEEP_SYNCED_DAYS = 30;

export async function pruneSynced(userId: string) {
  const cutoff = new Date(Date.now() - KEEP_SYNCED_DAYS * 86_400_000).toISOString();
  const d = await db();
  const tx = d.transaction('activities', 'readwrite');
  for (const r of await tx.store.index('byUser').getAll(userId)) {
    if (r.status === 'synced' && !r.conflict && (r.syncedAt ?? r.updatedAt) < cutoff) await tx.store.delete(r.id);
  }
  await tx.done;
}
