import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  Coverage,
  TeamCreate,
  TeamDetail,
  TeamList,
  TeamMemberCreate,
  TeamMemberUpdate,
  TeamUpdate,
} from '../../../common/teams';
import { api } from './client';

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
export const useMemberLeaves = () =>
  useTeamWrite(({ id, leftOn }: { id: string; leftOn?: string }) =>
    api<TeamDetail>(`/api/team-members/${id}/leave`, { method: 'POST', body: leftOn ? { leftOn } : {} }),
  );
