import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  CampaignDetail,
  CampaignInput,
  CampaignList,
  CampaignProgress,
  CommuneSplit,
  CurrentFocus,
  HouseholdCoverage,
  HouseholdImportResult,
  HouseholdInput,
  TeamTargetsInput,
} from '../../../common/campaigns';
import { ApiError, api, uploadFile } from './client';

const KEY = 'campaigns';

export function useCampaigns() {
  return useQuery({
    queryKey: [KEY, 'list'],
    queryFn: ({ signal }) => api<CampaignList>('/api/campaigns', { signal }),
  });
}

export function useCampaign(id: string | undefined) {
  return useQuery({
    queryKey: [KEY, 'one', id],
    enabled: !!id,
    queryFn: ({ signal }) => api<CampaignDetail>(`/api/campaigns/${id}`, { signal }),
  });
}

export function useSaveCampaign(id: string | undefined) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: CampaignInput) =>
      id
        ? api<CampaignDetail>(`/api/campaigns/${id}`, { method: 'PUT', body })
        : api<CampaignDetail>('/api/campaigns', { method: 'POST', body }),
    onSuccess: (c) => {
      qc.setQueryData([KEY, 'one', c.id], c);
      qc.invalidateQueries({ queryKey: [KEY, 'list'] });
      qc.invalidateQueries({ queryKey: [KEY, 'progress', c.id] });
    },
  });
}

export function useCampaignProgress(id: string | undefined, unit: string | undefined) {
  return useQuery({
    queryKey: [KEY, 'progress', id, unit],
    enabled: !!id && !!unit,
    queryFn: ({ signal }) => api<CampaignProgress>(`/api/campaigns/${id}/progress`, { query: { unit }, signal }),
  });
}

export function useCommuneSplit(id: string | undefined, commune: string | undefined) {
  return useQuery({
    queryKey: [KEY, 'split', id, commune],
    enabled: !!id && !!commune,
    queryFn: ({ signal }) => api<CommuneSplit>(`/api/campaigns/${id}/communes/${commune}`, { signal }),
  });
}

export function useSaveSplit(id: string, commune: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: TeamTargetsInput) =>
      api<CommuneSplit>(`/api/campaigns/${id}/communes/${commune}/teams`, { method: 'PUT', body }),
    onSuccess: (split) => {
      qc.setQueryData([KEY, 'split', id, commune], split);
      qc.invalidateQueries({ queryKey: [KEY, 'progress', id] });
    },
  });
}

/** This month's focus of the signed-in team member (null campaign when the province runs none this month). */
export function useCurrentFocus(enabled = true) {
  return useQuery({
    queryKey: [KEY, 'current'],
    enabled,
    queryFn: ({ signal }) => api<CurrentFocus>('/api/campaigns/current', { signal }),
  });
}

export function useHouseholds(unit: string | undefined) {
  return useQuery({
    queryKey: ['households', unit],
    enabled: !!unit,
    queryFn: ({ signal }) => api<HouseholdCoverage>('/api/households', { query: { unit }, signal }),
  });
}

export function useSetHouseholds() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ hamletCode, ...body }: HouseholdInput & { hamletCode: string }) =>
      api<HouseholdCoverage>(`/api/households/${encodeURIComponent(hamletCode)}`, { method: 'PUT', body }),
    onSuccess: (c) => {
      qc.setQueryData(['households', c.unit.code], c);
      qc.invalidateQueries({ queryKey: ['households'] });
    },
  });
}

export type HouseholdImportOutcome =
  | HouseholdImportResult
  | {
      ok: false;
      error: { code: string; message: string };
      errors: { row: number; column?: string; field: string; message: string }[];
    };

/** Uploads a households spreadsheet; row errors come back as an outcome, not a throw. */
export function useImportHouseholds(communeCode: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (v: { file: File; dryRun: boolean }) => {
      const res = await uploadFile('/api/households/import', v.file, {
        query: { unit: communeCode, dryRun: v.dryRun ? 1 : undefined },
      });
      const body = res.json as HouseholdImportOutcome & {
        error?: { code: string; message: string; fields?: Record<string, string> };
      };
      if (res.status < 300 || (body && body.ok === false && Array.isArray((body as { errors?: unknown }).errors)))
        return body as HouseholdImportOutcome;
      throw new ApiError(
        res.status,
        body?.error?.code ?? `http_${res.status}`,
        body?.error?.message ?? '',
        body?.error?.fields,
      );
    },
    onSuccess: (outcome, v) => {
      if (!v.dryRun && outcome.ok) qc.invalidateQueries({ queryKey: ['households'] });
    },
  });
}

/** The error report of a rejected households file, as a spreadsheet with the bad cells marked. */
export async function downloadHouseholdErrorReport(communeCode: string, file: File) {
  const res = await uploadFile('/api/households/import', file, {
    query: { unit: communeCode, dryRun: 1, report: 'xlsx' },
  });
  if (!res.blob) return;
  const url = URL.createObjectURL(res.blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = 'loi-nhap-so-ho.xlsx';
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
