import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import { listRecords, type OutboxRecord, onOutboxChange } from './outbox';
import { type SyncSummary, syncNow } from './sync';

/** The member's records on this device, read again whenever this tab or another changes them. */
export function useOutbox(userId: string | undefined) {
  const [records, setRecords] = useState<OutboxRecord[] | null>(null);
  useEffect(() => {
    if (!userId) return;
    let alive = true;
    const load = () =>
      listRecords(userId).then(
        (r) => alive && setRecords(r),
        () => alive && setRecords([]),
      );
    load();
    const off = onOutboxChange(load);
    return () => {
      alive = false;
      off();
    };
  }, [userId]);
  return records;
}

export function isOnline() {
  return typeof navigator === 'undefined' || navigator.onLine !== false;
}

/** Whether the browser thinks it has a connection, kept current. */
export function useOnline() {
  const [online, setOnline] = useState(isOnline);
  useEffect(() => {
    const on = () => setOnline(true);
    const off = () => setOnline(false);
    window.addEventListener('online', on);
    window.addEventListener('offline', off);
    return () => {
      window.removeEventListener('online', on);
      window.removeEventListener('offline', off);
    };
  }, []);
  return online;
}

/**
 * Syncing for the member's area: at start, whenever the connection comes back, and on demand (`run`). Answers the
 * last run's summary and whether one is under way; after a run the server's lists are read again.
 */
export function useSync(userId: string | undefined) {
  const qc = useQueryClient();
  const [busy, setBusy] = useState(false);
  const [last, setLast] = useState<SyncSummary | null>(null);
  const mounted = useRef(true);
  const run = useCallback(async () => {
    if (!userId) return null;
    setBusy(true);
    try {
      const summary = await syncNow(userId);
      if (mounted.current) setLast(summary);
      if (summary.sent > 0) await qc.invalidateQueries({ queryKey: ['activities'] });
      return summary;
    } finally {
      if (mounted.current) setBusy(false);
    }
  }, [qc, userId]);
  useEffect(() => {
    mounted.current = true;
    if (!userId) return;
    if (isOnline()) void run();
    const onOnline = () => void run();
    window.addEventListener('online', onOnline);
    return () => {
      mounted.current = false;
      window.removeEventListener('online', onOnline);
    };
  }, [run, userId]);
  return { run, busy, last };
}
