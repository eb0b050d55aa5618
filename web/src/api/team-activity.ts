import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { TeamActivity } from '../../../common/team-activity';
import { api } from './client';

export interface TeamActivityParams {
  unit: string;
  from?: string;
  to?: string;
}

export const teamActivityQuery = (p: TeamActivityParams) => {
  const q = new URLSearchParams({ unit: p.unit });
  if (p.from) q.set('from', p.from);
  if (p.to) q.set('to', p.to);
  return q.toString();
};

/** What teams did in a unit over months (counts only). */
export function useTeamActivity(p: TeamActivityParams | undefined) {
  return useQuery({
    queryKey: ['team-activity', p],
    enabled: !!p?.unit,
    placeholderData: keepPreviousData,
    queryFn: ({ signal }) => api<TeamActivity>(`/api/team-activity?${teamActivityQuery(p!)}`, { signal }),
  });
}
