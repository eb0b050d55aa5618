import type { Aggregate } from '../../platform/aggregates/index.js';

/**
 * What the statistics and the public map count of reports, as one aggregate (platform/aggregates): the triggers of
 * migration 0009 append every change of a report's counted state (created day, commune, category, status, cancel
 * reason, on-time, rating, reopenings, public map position) to report_count_deltas in the writer's transaction, so
 * no code path has to remember it and plain SQL writes are counted too. Folded into three rollups, read through the
 * views report_stats_daily, report_stats_monthly and report_map_cells (folded + not yet folded: always exact).
 */
export const reportCounts: Aggregate = {
  name: 'feedback.report_counts',
  deltas: 'report_count_deltas',
  rollups: [
    {
      name: 'report_stats_daily',
      keys: ['day', 'commune_code', 'category_id', 'status', 'cancel_reason'],
      sums: ['reports', 'resolved_on_time', 'rating_sum', 'rating_count', 'reopenings'],
      others: ['unit_path'],
    },
    {
      name: 'report_stats_monthly',
      keys: ['unit_path', 'month', 'category_id', 'status', 'cancel_reason'],
      sums: ['reports', 'resolved_on_time', 'rating_sum', 'rating_count', 'reopenings'],
    },
    {
      name: 'report_map_cells',
      keys: ['level', 'cy', 'cx', 'category_id'],
      sums: [
        'distributed',
        'resolved',
        'cancelled',
        'lat_distributed',
        'lng_distributed',
        'lat_resolved',
        'lng_resolved',
        'lat_cancelled',
        'lng_cancelled',
      ],
    },
  ],
};
