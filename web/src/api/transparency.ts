import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { CommuneTransparency } from '../../../common/transparency';
import { api } from './client';

export type { CommuneTransparency } from '../../../common/transparency';

/**
 * A commune's public figures over a year (`year`, this one so far) or the last 12 months (no year). Public and
 * cacheable for five minutes on the server's word, so the page keeps them that long too.
 */
export function useCommuneTransparency(code: string | undefined, year: string | undefined) {
  return useQuery({
    queryKey: ['transparency', code, year ?? ''],
    enabled: !!code,
    staleTime: 300_000,
    placeholderData: keepPreviousData,
    retry: false,
    queryFn: ({ signal }) =>
      api<CommuneTransparency>(`/api/public/communes/${encodeURIComponent(code!)}/transparency`, {
        query: { year },
        signal,
      }),
  });
}
