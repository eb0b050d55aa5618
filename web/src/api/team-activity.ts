import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { TeamActivity } from '../../../common/team-activity';
import { api, type UnitPeriod, unitPeriodQuery } from './client';

/** What teams did in a unit over months (counts only). */
export function useTeamActivity(p: UnitPeriod | undefined) {
  return useQuery({
    queryKey: ['team-activity', p],
    enabled: !!p?.unit,
    placeholderData: keepPreviousData,
    queryFn: ({ signal }) => api<TeamActivity>(`/api/team-activity?${unitPeriodQuery(p!)}`, { signal }),
  });
}
