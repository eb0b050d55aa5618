import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  Coverage,
  MemberAccountResult,
  TeamCreate,
  TeamDetail,
  TeamImportResult,
  TeamList,
  TeamMemberCreate,
  TeamMemberUpdate,
  TeamUpdate,
} from '../../../common/teams';
import { ApiError, api, uploadFile } from './client';

export function useTeamCoverage(unit: string | undefined) {
  return useQuery({
    queryKey: ['teams', 'coverage', unit],
    enabled: !!unit,
    queryFn: ({ signal }) => api<Coverage>('/api/teams/coverage', { query: { unit }, signal }),
  });
}

export function useTeams(unit: string | undefined, dissolved = false) {
  return useQuery({
    queryKey: ['teams', 'list', unit, dissolved],
    enabled: !!unit,
    queryFn: ({ signal }) =>
      api<TeamList>('/api/teams', { query: { unit, dissolved: dissolved ? 1 : undefined }, signal }),
  });
}

export function useTeam(id: string | undefined) {
  return useQuery({
    queryKey: ['teams', 'one', id],
    enabled: !!id,
    queryFn: ({ signal }) => api<TeamDetail>(`/api/teams/${id}`, { signal }),
  });
}

/** Every team write answers with the team: it replaces the cached one, and lists and coverage are read again. */
function useTeamWrite<V>(request: (v: V) => Promise<TeamDetail>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: request,
    onSuccess: (team) => {
      qc.setQueryData(['teams', 'one', team.id], team);
      qc.invalidateQueries({ queryKey: ['teams', 'list'] });
      qc.invalidateQueries({ queryKey: ['teams', 'coverage'] });
    },
  });
}

export const useCreateTeam = () =>
  useTeamWrite((body: TeamCreate) => api<TeamDetail>('/api/teams', { method: 'POST', body }));
export const useUpdateTeam = (id: string) =>
  useTeamWrite((body: TeamUpdate) => api<TeamDetail>(`/api/teams/${id}`, { method: 'PATCH', body }));
export const useDissolveTeam = (id: string) =>
  useTeamWrite((body: { dissolvedOn?: string }) =>
    api<TeamDetail>(`/api/teams/${id}/dissolve`, { method: 'POST', body }),
  );
export const useAddMember = (teamId: string) =>
  useTeamWrite((body: TeamMemberCreate) => api<TeamDetail>(`/api/teams/${teamId}/members`, { method: 'POST', body }));
export const useUpdateMember = () =>
  useTeamWrite(({ id, ...body }: TeamMemberUpdate & { id: string }) =>
    api<TeamDetail>(`/api/team-members/${id}`, { method: 'PATCH', body }),
  );
/** A sign-in account for a member: the answer carries the one-time password once, so it is kept by the caller. */
export function useMemberAccount() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<MemberAccountResult>(`/api/team-members/${id}/account`, { method: 'POST' }),
    onSuccess: ({ team }) => qc.setQueryData(['teams', 'one', team.id], team),
  });
}
export const useMemberLeaves = () =>
  useTeamWrite(({ id, leftOn }: { id: string; leftOn?: string }) =>
    api<TeamDetail>(`/api/team-members/${id}/leave`, { method: 'POST', body: leftOn ? { leftOn } : {} }),
  );

export type TeamImportOutcome =
  | TeamImportResult
  | {
      ok: false;
      error: { code: string; message: string };
      errors: { row: number; column?: string; field: string; message: string }[];
    };

/** Uploads a teams spreadsheet (a dry run first), with progress; row errors come back as an outcome, not a throw. */
export function useImportTeams(communeCode: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (v: { file: File; dryRun: boolean; onProgress?: (f: number) => void }) => {
      const res = await uploadFile('/api/teams/import', v.file, {
        query: { unit: communeCode, dryRun: v.dryRun ? 1 : undefined },
        onProgress: v.onProgress,
      });
      const body = res.json as TeamImportOutcome & {
        error?: { code: string; message: string; fields?: Record<string, string> };
      };
      if (res.status < 300 || (body && body.ok === false && Array.isArray((body as { errors?: unknown }).errors)))
        return body as TeamImportOutcome;
      throw new ApiError(
        res.status,
        body?.error?.code ?? `http_${res.status}`,
        body?.error?.message ?? '',
        body?.error?.fields,
      );
    },
    onSuccess: (outcome, v) => {
      if (!v.dryRun && outcome.ok) qc.invalidateQueries({ queryKey: ['teams'] });
    },
  });
}

/** The error report of a rejected file: the same upload, answered as a spreadsheet with the bad cells marked. */
export async function downloadErrorReport(communeCode: string, file: File) {
  const res = await uploadFile('/api/teams/import', file, { query: { unit: communeCode, dryRun: 1, report: 'xlsx' } });
  if (!res.blob) return;
  const url = URL.createObjectURL(res.blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = 'loi-nhap-to-cong-nghe-so.xlsx';
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
