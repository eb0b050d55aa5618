import type { ActivitySyncResponse, ActivityView } from '../../../common/activities';
import { ACTIVITY_LIMITS } from '../../../common/constants/activities';
import { ApiError, api } from '../api/client';
import { listRecords, notifyOutboxChange, type OutboxRecord, pruneSynced, updateRecord } from './outbox';
import { inputFromView } from './shape';

/**
 * Sends the member's pending activities to `POST /api/activities/sync` in batches of at most 100 and applies each
 * answer. Exactly once comes from the server (the activity's id is the device's; the same id again answers
 * "exists"), so a retry after a dropped connection is safe; here we only avoid needless sending: one run at a time in
 * this tab (a double tap joins the run under way) and across tabs (a Web Lock; the second tab runs after the first and
 * finds nothing left to send).
 */

export interface SyncSummary {
  sent: number;
  synced: number;
  conflicts: number;
  refused: number;
  /** Why the run stopped early: no connection, signed out, or the server's message. */
  stopped?: { code: string; message: string };
}

let running: Promise<SyncSummary> | null = null;

/** Runs a sync for this member now, or joins the one under way. Never throws: the summary says what happened. */
export function syncNow(userId: string): Promise<SyncSummary> {
  running ??= withLock(() => runSync(userId)).finally(() => {
    running = null;
  });
  return running;
}

export function isSyncing() {
  return running !== null;
}

async function withLock<T>(fn: () => Promise<T>): Promise<T> {
  // Every browser the app supports has Web Locks; without them (very old ones) a tab still runs one sync at a time.
  if (typeof navigator !== 'undefined' && navigator.locks) return navigator.locks.request('xaso-activity-sync', fn);
  return fn();
}

function toSyncItem(r: OutboxRecord) {
  return { ...r.input, ...(r.baseVersion ? { baseVersion: r.baseVersion } : {}) };
}

async function runSync(userId: string): Promise<SyncSummary> {
  const summary: SyncSummary = { sent: 0, synced: 0, conflicts: 0, refused: 0 };
  // Each pass sends the oldest pending batch; a record edited while its batch was out stays pending for the next pass.
  for (let pass = 0; pass < 1000; pass++) {
    const pending = (await listRecords(userId))
      .filter((r) => r.status === 'pending')
      .sort((a, b) => a.recordedAt.localeCompare(b.recordedAt));
    if (pending.length === 0) break;
    const batch = pending.slice(0, ACTIVITY_LIMITS.syncBatchMax);
    let results: ActivitySyncResponse['results'];
    try {
      results = await sendBatch(batch);
    } catch (e) {
      summary.stopped =
        e instanceof ApiError ? { code: e.code, message: e.message } : { code: 'unexpected', message: String(e) };
      break;
    }
    summary.sent += batch.length;
    const byId = new Map(batch.map((r) => [r.id, r]));
    for (const result of results) {
      const sent = byId.get(result.id);
      if (!sent) continue;
      byId.delete(result.id);
      await applyResult(userId, sent, result, summary);
    }
    notifyOutboxChange();
    // An answer that left out an item (it should not): stop rather than send the same batch for ever.
    if (byId.size > 0) break;
  }
  await pruneSynced(userId).catch(() => {});
  return summary;
}

/**
 * One request for the batch. A 400 for the whole batch (a body the server could not read item by item) is split:
 * each activity alone, so only the bad one is refused, with the server's message.
 */
async function sendBatch(batch: OutboxRecord[]): Promise<ActivitySyncResponse['results']> {
  try {
    const res = await api<ActivitySyncResponse>('/api/activities/sync', {
      method: 'POST',
      body: { activities: batch.map(toSyncItem) },
    });
    return res.results;
  } catch (e) {
    if (!(e instanceof ApiError) || e.status !== 400) throw e;
    if (batch.length === 1) {
      const [field, message] = Object.entries(e.fields ?? {})[0] ?? [];
      return [
        {
          id: batch[0].id,
          status: 'refused',
          error: { code: e.code, message: message ?? e.message, ...(field ? { field } : {}) },
        },
      ];
    }
    const out: ActivitySyncResponse['results'] = [];
    for (const r of batch) out.push(...(await sendBatch([r])));
    return out;
  }
}

async function applyResult(
  userId: string,
  sent: OutboxRecord,
  result: ActivitySyncResponse['results'][number],
  summary: SyncSummary,
) {
  const now = new Date().toISOString();
  await updateRecord(
    userId,
    sent.id,
    (current) => {
      // Edited again while this batch was out: the server has the version we sent; the newer edit is still to send.
      const editedMeanwhile = current.updatedAt !== sent.updatedAt;
      switch (result.status) {
        case 'created':
        case 'updated':
        case 'exists': {
          summary.synced++;
          const version = result.version ?? current.version;
          if (editedMeanwhile) return { ...current, version, baseVersion: version };
          const { error: _e, baseVersion: _b, ...rest } = current;
          return { ...rest, status: 'synced', version, syncedAt: now };
        }
        case 'conflict': {
          summary.conflicts++;
          // The server's version stays: the device's copy becomes the server's, and the member is told.
          const server = result.activity as ActivityView | undefined;
          const { error: _e, baseVersion: _b, ...rest } = current;
          return {
            ...rest,
            status: 'synced',
            version: server?.version ?? result.version,
            ...(server ? { server, input: inputFromView(server, current.input) } : {}),
            conflict: { at: now },
            syncedAt: now,
          };
        }
        case 'refused': {
          summary.refused++;
          if (editedMeanwhile) return current; // the member already changed it: send the new one
          return {
            ...current,
            status: 'refused',
            error: result.error ?? { code: 'refused', message: '' },
          };
        }
        default:
          return null;
      }
    },
    { silent: true },
  );
}
