import type { Aggregate } from '../../platform/aggregates/index.js';

/**
 * What the activity log counts, as one aggregate (platform/aggregates): the triggers of migration 0014 append every
 * change of an activity's or an item's counted state to activity_count_deltas in the writer's transaction; the fold
 * adds them to four rollups, read through views (folded + not yet folded: always exact):
 * - activity_team_months (team × month: sessions, households, people, minutes),
 * - activity_team_services (team × month × service × action × outcome: items, people),
 * - activity_commune_months and activity_commune_services (the same per commune, for the province's pages),
 * - activity_province_months and activity_province_services (the same per province, for its totals; migration 0019).
 */
export const activityCounts: Aggregate = {
  name: 'activities.activity_counts',
  deltas: 'activity_count_deltas',
  rollups: [
    {
      name: 'activity_team_months',
      keys: ['team_id', 'month'],
      sums: ['activities', 'households', 'people', 'minutes'],
      others: ['commune_code', 'hamlet_code'],
    },
    {
      name: 'activity_team_services',
      keys: ['team_id', 'month', 'service_id', 'action', 'outcome'],
      sums: ['items', 'item_people'],
      others: ['commune_code', 'hamlet_code'],
    },
    {
      name: 'activity_commune_months',
      keys: ['commune_code', 'month'],
      sums: ['activities', 'households', 'people', 'minutes'],
    },
    {
      name: 'activity_commune_services',
      keys: ['commune_code', 'month', 'service_id', 'action', 'outcome'],
      sums: ['items', 'item_people'],
    },
    {
      name: 'activity_province_months',
      keys: ['province_code', 'month'],
      sums: ['activities', 'households', 'people', 'minutes'],
    },
    {
      name: 'activity_province_services',
      keys: ['province_code', 'month', 'service_id', 'action', 'outcome'],
      sums: ['items', 'item_people'],
    },
  ],
};
