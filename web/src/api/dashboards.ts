import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { MonthlyReportList } from '../../../common/dashboards';
import type {
  IndicatorByUnit,
  IndicatorDefinition,
  IndicatorSeries,
  IndicatorValues,
} from '../../../common/indicators';
import { api, unitPeriodQuery } from './client';

export type { MonthlyReportView } from '../../../common/dashboards';
export type {
  IndicatorByUnit,
  IndicatorDefinition,
  IndicatorSeries,
  IndicatorValue,
  IndicatorValues,
} from '../../../common/indicators';

/** A unit and a period of days (both ends "YYYY-MM-DD"). */
export interface DashboardPeriod {
  unit: string;
  from: string;
  to: string;
}

const KEY = 'indicators';
const enc = encodeURIComponent;

/** The indicator registry (names, measures, direction, domain). */
export function useIndicatorDefinitions() {
  return useQuery({
    queryKey: [KEY, 'definitions'],
    staleTime: 5 * 60_000,
    queryFn: ({ signal }) => api<{ indicators: IndicatorDefinition[] }>('/api/indicators', { signal }),
    select: (d) => d.indicators,
  });
}

/** Every indicator of a unit over a period, with the previous period and the targets. */
export function useIndicatorValues(p: DashboardPeriod | undefined) {
  return useQuery({
    queryKey: [KEY, 'values', p],
    enabled: !!p,
    placeholderData: keepPreviousData,
    queryFn: ({ signal }) => api<IndicatorValues>(`/api/indicators/values?${unitPeriodQuery(p!)}`, { signal }),
  });
}

/** One indicator for each child unit of a unit (communes of the province, hamlets of a commune). */
export function useIndicatorByUnit(code: string | undefined, p: DashboardPeriod | undefined) {
  return useQuery({
    queryKey: [KEY, 'by-unit', code, p],
    enabled: !!code && !!p,
    placeholderData: keepPreviousData,
    queryFn: ({ signal }) =>
      api<IndicatorByUnit>(`/api/indicators/${enc(code!)}/by-unit?${unitPeriodQuery(p!)}`, { signal }),
  });
}

/** One indicator month by month. */
export function useIndicatorSeries(code: string | undefined, p: DashboardPeriod | undefined) {
  return useQuery({
    queryKey: [KEY, 'series', code, p],
    enabled: !!code && !!p,
    placeholderData: keepPreviousData,
    queryFn: ({ signal }) =>
      api<IndicatorSeries>(`/api/indicators/${enc(code!)}/series?${unitPeriodQuery(p!)}`, { signal }),
  });
}

/** The monthly reports the job kept for a unit. */
export function useMonthlyReports(unit: string | undefined) {
  return useQuery({
    queryKey: ['dashboards', 'reports', unit],
    enabled: !!unit,
    queryFn: ({ signal }) => api<MonthlyReportList>('/api/dashboards/reports', { query: { unit }, signal }),
  });
}

/** Where a table of the dashboard downloads. */
export function exportHref(
  format: 'csv' | 'xlsx',
  p: DashboardPeriod,
  table: 'values' | 'by-unit' | 'series',
  code?: string,
) {
  const q = new URLSearchParams({ unit: p.unit, from: p.from, to: p.to, table });
  if (code) q.set('code', code);
  return `/api/dashboards/export.${format}?${q}`;
}
