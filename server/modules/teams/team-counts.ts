import type { Aggregate } from '../../platform/aggregates/index.js';

/**
 * What coverage counts of the teams registry, as one aggregate (platform/aggregates): the triggers of migration
 * 0013 append every change of a team's or a member's counted state (an active team; an active member by
 * organisation) to team_count_deltas in the writer's transaction; folded into team_counts_folded, read through the
 * view team_counts (folded + not yet folded: always exact).
 */
export const teamCounts: Aggregate = {
  name: 'teams.team_counts',
  deltas: 'team_count_deltas',
  rollups: [
    {
      name: 'team_counts',
      keys: ['team_id', 'organisation'],
      sums: ['teams', 'members'],
      others: ['commune_code', 'hamlet_code'],
    },
  ],
};
