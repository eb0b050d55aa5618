import { MANAGED_HANDLING_UNIT_KINDS } from '@common/constants/handling-units';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  CategoryCreate,
  CategoryUpdate,
  CategoryView,
  ExtraField,
  HolidayCreate,
  HolidayView,
  RoutingRuleCreate,
  RoutingRuleView,
} from '../../../common/feedback';
import type { HandlingUnitView } from '../../../common/handling-units';
import { api } from './client';

/**
 * Feedback settings of a province (categories, routing rules, holidays) as its administrators edit them. Types come
 * from common/feedback.ts (type-only imports: zod stays out of the bundle).
 */
export type { CategoryView, ExtraField, HolidayView, RoutingRuleView };
export type CategoryInput = z.input<typeof CategoryCreate>;
export type CategoryPatch = z.input<typeof CategoryUpdate>;
export type RoutingRuleInput = z.input<typeof RoutingRuleCreate>;
export type HolidayInput = z.input<typeof HolidayCreate>;

const RULE_PAGE = 50;

/** Every category of the province, inactive ones included (only its administrators may ask for those). */
export function useAllCategories(province: string | undefined) {
  return useQuery({
    queryKey: ['feedback-admin', 'categories', province],
    enabled: !!province,
    queryFn: async ({ signal }) =>
      (
        await api<{ items: CategoryView[] }>('/api/feedback/categories', {
          query: { province, includeInactive: 1 },
          signal,
        })
      ).items,
  });
}

export function useCategory(id: string | undefined) {
  return useQuery({
    queryKey: ['feedback-admin', 'category', id],
    enabled: !!id,
    queryFn: ({ signal }) => api<CategoryView>(`/api/feedback/categories/${encodeURIComponent(id!)}`, { signal }),
  });
}

/** After a change: the admin lists and the citizens' category list (cached for minutes) read again. */
function useFeedbackSettingsChanged() {
  const qc = useQueryClient();
  return () =>
    Promise.all([
      qc.invalidateQueries({ queryKey: ['feedback-admin'] }),
      qc.invalidateQueries({ queryKey: ['feedback', 'categories'] }),
    ]);
}

export function useCreateCategory() {
  const changed = useFeedbackSettingsChanged();
  return useMutation({
    mutationFn: (body: CategoryInput) => api<CategoryView>('/api/feedback/categories', { method: 'POST', body }),
    onSuccess: changed,
  });
}

export function useUpdateCategory(id: string) {
  const changed = useFeedbackSettingsChanged();
  return useMutation({
    mutationFn: (body: CategoryPatch) =>
      api<CategoryView>(`/api/feedback/categories/${encodeURIComponent(id)}`, { method: 'PATCH', body }),
    onSuccess: changed,
  });
}

/**
 * The departments, agencies and utilities of the province (inactive ones too, to name them; only active ones are
 * offered): what a category or a rule names. Commune People's Committees are left out: "the commune's committee" is
 * the default, not a pick.
 */
export function useNamedHandlingUnits(province: string | undefined) {
  return useQuery({
    queryKey: ['feedback-admin', 'named-units', province],
    enabled: !!province,
    staleTime: 60_000,
    queryFn: async ({ signal }) => {
      const pages = await Promise.all(
        MANAGED_HANDLING_UNIT_KINDS.map((kind) =>
          api<{ items: HandlingUnitView[] }>('/api/handling-units', {
            query: { unit: province, kind, includeInactive: 1, limit: 200 },
            signal,
          }),
        ),
      );
      return pages.flatMap((p) => p.items);
    },
  });
}

/** The People's Committee of a commune (where its reports go when nothing else says otherwise). */
export function useCommuneCommittee(commune: string | undefined) {
  return useQuery({
    queryKey: ['feedback-admin', 'committee', commune],
    enabled: !!commune,
    staleTime: 60_000,
    queryFn: async ({ signal }) =>
      (
        await api<{ items: HandlingUnitView[] }>('/api/handling-units', {
          query: { unit: commune, kind: 'commune_committee', limit: 5 },
          signal,
        })
      ).items[0] ?? null,
  });
}

export interface RuleFilter {
  province?: string;
  category?: string;
  commune?: string;
}

/** Routing rules, a page at a time (50 unless said; offset pages: the API counts the total). */
export function useRoutingRules(filter: RuleFilter, pageSize = RULE_PAGE) {
  return useInfiniteQuery({
    queryKey: ['feedback-admin', 'rules', filter, pageSize],
    enabled: !!filter.province,
    initialPageParam: 0,
    queryFn: ({ pageParam, signal }) =>
      api<{ items: RoutingRuleView[]; total: number }>('/api/feedback/routing-rules', {
        query: { ...filter, limit: pageSize, offset: pageParam },
        signal,
      }),
    getNextPageParam: (last, all) => {
      const seen = all.reduce((n, p) => n + p.items.length, 0);
      return seen < last.total ? seen : undefined;
    },
  });
}

/**
 * Adds a rule, or gives the rule of the same category and commune another unit. A field left out is named by the
 * server's answer, next to its control.
 */
export function useSetRoutingRule() {
  const changed = useFeedbackSettingsChanged();
  return useMutation({
    mutationFn: (body: Partial<RoutingRuleInput>) =>
      api<RoutingRuleView>('/api/feedback/routing-rules', { method: 'POST', body }),
    onSuccess: changed,
  });
}

export function useDeleteRoutingRule() {
  const changed = useFeedbackSettingsChanged();
  return useMutation({
    mutationFn: (id: string) => api<unknown>(`/api/feedback/routing-rules/${id}`, { method: 'DELETE' }),
    onSuccess: changed,
  });
}

export function useHolidays(province: string | undefined, year: number) {
  return useQuery({
    queryKey: ['feedback-admin', 'holidays', province, year],
    enabled: !!province,
    queryFn: async ({ signal }) =>
      (await api<{ items: HolidayView[] }>('/api/holidays', { query: { province, year }, signal })).items,
  });
}

export function useAddHoliday() {
  const changed = useFeedbackSettingsChanged();
  return useMutation({
    mutationFn: (body: HolidayInput) => api<HolidayView>('/api/holidays', { method: 'POST', body }),
    onSuccess: changed,
  });
}

/** Writes the statutory holidays of a year that are missing (days already there stay). */
export function useFillDefaultHolidays() {
  const changed = useFeedbackSettingsChanged();
  return useMutation({
    mutationFn: (body: { provinceCode: string; year: number }) =>
      api<{ added: number; items: HolidayView[] }>('/api/holidays/defaults', { method: 'POST', body }),
    onSuccess: changed,
  });
}

export function useRemoveHoliday() {
  const changed = useFeedbackSettingsChanged();
  return useMutation({
    mutationFn: ({ province, date }: { province: string; date: string }) =>
      api<unknown>(`/api/holidays/${encodeURIComponent(province)}/${date}`, { method: 'DELETE' }),
    onSuccess: changed,
  });
}
