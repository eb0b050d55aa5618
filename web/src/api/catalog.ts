import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  CatalogGuideCreate,
  CatalogGuideDetail,
  CatalogGuideUpdate,
  CatalogLinksInput,
  CatalogServiceCreate,
  CatalogServiceDetail,
  CatalogServiceList,
  CatalogServiceUpdate,
} from '../../../common/catalog';
import { api } from './client';

export type {
  CatalogGuideDetail,
  CatalogGuideSummary,
  CatalogLinkView,
  CatalogServiceDetail,
  CatalogServiceSummary,
  CatalogStepView,
} from '../../../common/catalog';

const KEY = 'catalog';
const enc = encodeURIComponent;

/** Published services (everyone); `q` is diacritic-insensitive on the server. */
export function useCatalogServices(filter: { q?: string; pillar?: string } = {}) {
  return useQuery({
    queryKey: [KEY, 'services', filter],
    // Offline, the team member's service worker may still answer with the last copy.
    networkMode: 'offlineFirst',
    placeholderData: keepPreviousData,
    queryFn: ({ signal }) => api<CatalogServiceList>('/api/catalog/services', { query: filter, signal }),
  });
}

/** Every service of the administrator's province, published or not. */
export function useManagedServices() {
  return useQuery({
    queryKey: [KEY, 'managed'],
    queryFn: ({ signal }) => api<CatalogServiceList>('/api/catalog/manage/services', { signal }),
  });
}

export function useCatalogService(slug: string | undefined) {
  return useQuery({
    queryKey: [KEY, 'service', slug],
    enabled: !!slug,
    networkMode: 'offlineFirst',
    queryFn: ({ signal }) => api<CatalogServiceDetail>(`/api/catalog/services/${enc(slug!)}`, { signal }),
  });
}

export function useCatalogGuide(id: string | undefined) {
  return useQuery({
    queryKey: [KEY, 'guide', id],
    enabled: !!id,
    networkMode: 'offlineFirst',
    queryFn: ({ signal }) => api<CatalogGuideDetail>(`/api/catalog/guides/${enc(id!)}`, { signal }),
  });
}

export const guidePdfUrl = (id: string) => `/api/catalog/guides/${enc(id)}.pdf`;

function useCatalogMutation<I, O>(fn: (input: I) => Promise<O>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => qc.invalidateQueries({ queryKey: [KEY] }) });
}

export const useCreateService = () =>
  useCatalogMutation((body: CatalogServiceCreate) =>
    api<CatalogServiceDetail>('/api/catalog/services', { method: 'POST', body }),
  );
export const useUpdateService = (slug: string) =>
  useCatalogMutation((body: CatalogServiceUpdate) =>
    api<CatalogServiceDetail>(`/api/catalog/services/${enc(slug)}`, { method: 'PATCH', body }),
  );
export const useSetLinks = (slug: string) =>
  useCatalogMutation((body: CatalogLinksInput) =>
    api<CatalogServiceDetail>(`/api/catalog/services/${enc(slug)}/links`, { method: 'PUT', body }),
  );
export const useCreateGuide = (slug: string) =>
  useCatalogMutation((body: CatalogGuideCreate) =>
    api<CatalogGuideDetail>(`/api/catalog/services/${enc(slug)}/guides`, { method: 'POST', body }),
  );
export const useUpdateGuide = (id: string) =>
  useCatalogMutation((body: CatalogGuideUpdate) =>
    api<CatalogGuideDetail>(`/api/catalog/guides/${enc(id)}`, { method: 'PATCH', body }),
  );
/** Sets a step's image (a File), or removes it (null). */
export const useStepImage = () =>
  useCatalogMutation(({ stepId, file }: { stepId: string; file: File | null }) => {
    const url = `/api/catalog/steps/${enc(stepId)}/image`;
    if (!file) return api<CatalogGuideDetail>(url, { method: 'DELETE' });
    const form = new FormData();
    form.append('image', file);
    return api<CatalogGuideDetail>(url, { method: 'PUT', body: form });
  });
