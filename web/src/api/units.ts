import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, api } from './client';
import type {
  BoundaryCollection,
  HamletCreate,
  HamletImportFailure,
  HamletImportResult,
  HamletUpdate,
  PublicConfig,
  Unit,
  UnitDetail,
  UnitListResponse,
} from './types';

/** Children of a unit, page by page (a province has up to ~170 communes, a commune a few hundred hamlets). */
export function useUnitChildren(parent: string | undefined, opts: { includeRetired?: boolean; limit?: number } = {}) {
  return useInfiniteQuery({
    queryKey: ['units', 'children', parent, opts.includeRetired ?? false],
    enabled: !!parent,
    initialPageParam: '',
    queryFn: ({ pageParam, signal }) =>
      api<UnitListResponse>('/api/units', {
        query: {
          parent,
          cursor: pageParam,
          limit: opts.limit ?? 100,
          includeRetired: opts.includeRetired ? 1 : undefined,
        },
        signal,
      }),
    getNextPageParam: (last) => last.nextCursor || undefined,
  });
}

/** Diacritic-insensitive search ("dinh hoa" finds "Xã Định Hoá"). */
export function useUnitSearch(q: string, opts: { province?: string; parent?: string } = {}) {
  const query = q.trim();
  return useQuery({
    queryKey: ['units', 'search', query, opts],
    enabled: query.length >= 2,
    placeholderData: keepPreviousData,
    queryFn: ({ signal }) => api<UnitListResponse>('/api/units', { query: { q: query, ...opts, limit: 50 }, signal }),
  });
}

export function useUnit(code: string | undefined) {
  return useQuery({
    queryKey: ['units', 'one', code],
    enabled: !!code,
    queryFn: ({ signal }) => api<UnitDetail>(`/api/units/${encodeURIComponent(code!)}`, { signal }),
  });
}

/** A province's commune outlines; `enabled` false waits (maps ask once the page is painted, see useAfterPaint). */
export function useBoundaries(province: string | undefined, enabled = true) {
  return useQuery({
    queryKey: ['boundaries', province],
    enabled: !!province && enabled,
    staleTime: Number.POSITIVE_INFINITY,
    queryFn: ({ signal }) => api<BoundaryCollection>(`/api/units/boundaries/${province}`, { signal }),
  });
}

/** One commune's outline (a GeoJSON Feature): what a map of one report needs, instead of the whole province. */
export function useCommuneBoundary(code: string | undefined) {
  return useQuery({
    queryKey: ['boundary', code],
    enabled: !!code,
    staleTime: Number.POSITIVE_INFINITY,
    retry: false,
    queryFn: ({ signal }) =>
      api<BoundaryCollection['features'][number]>(`/api/units/${encodeURIComponent(code!)}/boundary`, { signal }),
  });
}

/** Public settings; should the request fail, the map still works: no tiles, Thái Nguyên. */
export function usePublicConfig() {
  return useQuery({
    queryKey: ['config'],
    staleTime: Number.POSITIVE_INFINITY,
    retry: 1,
    queryFn: async (): Promise<PublicConfig> => {
      try {
        return await api<PublicConfig>('/api/config', { expect401: true });
      } catch {
        return { provinceCode: '19', mapTileUrl: null, mapTileAttribution: null, demo: false };
      }
    },
  });
}

function useUnitsInvalidation() {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: ['units'] });
}

export function useCreateHamlet(communeCode: string) {
  const invalidate = useUnitsInvalidation();
  return useMutation({
    mutationFn: (body: HamletCreate) => api<Unit>(`/api/units/${communeCode}/hamlets`, { method: 'POST', body }),
    onSuccess: invalidate,
  });
}

export function useUpdateHamlet() {
  const invalidate = useUnitsInvalidation();
  return useMutation({
    mutationFn: ({ code, ...body }: HamletUpdate & { code: string }) =>
      api<Unit>(`/api/units/${code}`, { method: 'PATCH', body }),
    onSuccess: invalidate,
  });
}

export function useRetireHamlet() {
  const invalidate = useUnitsInvalidation();
  return useMutation({
    mutationFn: ({ code, reason }: { code: string; reason?: string }) =>
      api<Unit>(`/api/units/${code}/retire`, { method: 'POST', body: reason ? { reason } : {} }),
    onSuccess: invalidate,
  });
}

export function useMergeHamlet() {
  const invalidate = useUnitsInvalidation();
  return useMutation({
    mutationFn: ({ code, into, reason }: { code: string; into: string; reason?: string }) =>
      api<unknown>(`/api/units/${code}/merge`, { method: 'POST', body: reason ? { into, reason } : { into } }),
    onSuccess: invalidate,
  });
}

export type ImportOutcome = HamletImportResult | HamletImportFailure;

/** Hamlet import: a file with row errors is an answer to show as a table, not a failure of the request. */
export function useImportHamlets(communeCode: string) {
  const invalidate = useUnitsInvalidation();
  return useMutation({
    mutationFn: async ({ file, dryRun }: { file: File; dryRun: boolean }): Promise<ImportOutcome> => {
      const form = new FormData();
      form.append('file', file);
      try {
        return await api<HamletImportResult>(`/api/units/${communeCode}/hamlets/import`, {
          method: 'POST',
          body: form,
          query: { dryRun: dryRun ? 1 : undefined },
        });
      } catch (e) {
        const body = e instanceof ApiError ? (e.body as Partial<HamletImportFailure> | undefined) : undefined;
        if (body && body.ok === false && Array.isArray(body.errors)) return body as HamletImportFailure;
        throw e;
      }
    },
    onSuccess: (outcome, vars) => {
      if (!vars.dryRun && outcome.ok) invalidate();
    },
  });
}
