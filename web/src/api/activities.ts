import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import type { ActivityPage, ActivityView } from '../../../common/activities';
import { api } from './client';

export type { ActivityView } from '../../../common/activities';

/** `GET /api/activities/mine`: the member's own activities, newest first (the service worker keeps the last answer). */
export function useMyActivities(enabled = true) {
  return useInfiniteQuery({
    queryKey: ['activities', 'mine'],
    enabled,
    // Ask even when the browser says offline: the service worker may answer with the last copy.
    networkMode: 'offlineFirst',
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam, signal }) =>
      api<ActivityPage>('/api/activities/mine', { query: { cursor: pageParam }, signal }),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function useActivity(id: string | undefined, enabled = true) {
  return useQuery({
    queryKey: ['activities', 'one', id],
    enabled: !!id && enabled,
    networkMode: 'offlineFirst',
    queryFn: ({ signal }) => api<ActivityView>(`/api/activities/${encodeURIComponent(id!)}`, { signal }),
  });
}
