import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  CancelReason,
  CategoryView,
  DuplicateHint,
  ReportEventView,
  ReporterContact,
  ReportListItem,
  ReportStatus,
  ReportView,
  StaffDuplicateHint,
  SubmitReport,
  WorkQueues,
} from '../../../common/feedback';
import type {
  PhotoView,
  PublicListResponse,
  PublicMapResponse,
  PublicReportDetail,
  PublicReportItem,
  StatsBreakdown,
  StatsResponse,
} from '../../../common/feedback-public';
import type {
  FollowState,
  NotificationListResponse,
  NotificationView,
  PublicFollowState,
} from '../../../common/notifications';
import { api, type Query } from './client';

/**
 * Citizen feedback (phản ánh) as the web app reads it: types inferred from common/feedback.ts (type-only
 * imports, so zod stays out of the bundle). Public views and statistics are declared here until they are shared.
 */
export type {
  CancelReason,
  CategoryView,
  DuplicateHint,
  NotificationView,
  PhotoView,
  PublicReportDetail,
  PublicReportItem,
  ReportEventView,
  ReporterContact,
  ReportListItem,
  ReportStatus,
  ReportView,
  StaffDuplicateHint,
  StatsBreakdown,
  StatsResponse,
  SubmitReport,
};
export type PublicMap = import('zod').infer<typeof PublicMapResponse>;
export type PublicList = import('zod').infer<typeof PublicListResponse>;
export type SubmitInput = SubmitReport & { id: string };
export type SubmitResult = ReportView & { possibleDuplicates?: DuplicateHint[] };

export interface Page<T> {
  items: T[];
  nextCursor?: string | null;
  total?: number;
}

const pageOf = <T>(data: Page<T> | T[]): Page<T> => (Array.isArray(data) ? { items: data, nextCursor: null } : data);

/** Active categories, in the province's order. */
export function useCategories() {
  return useQuery({
    queryKey: ['feedback', 'categories'],
    staleTime: 10 * 60_000,
    queryFn: async ({ signal }) => (await api<Page<CategoryView>>('/api/feedback/categories', { signal })).items,
  });
}

/** Open reports near a point in the same category with similar text: shown before submitting. */
export function useDuplicateHints(input: { categoryId?: string; lat?: number; lng?: number; text: string }) {
  const enabled = !!input.categoryId && input.lat != null && input.lng != null;
  return useQuery({
    queryKey: ['feedback', 'duplicates', input],
    enabled,
    placeholderData: keepPreviousData,
    retry: false,
    queryFn: async ({ signal }) =>
      (
        await api<Page<DuplicateHint>>('/api/reports/duplicates', {
          query: { categoryId: input.categoryId, lat: input.lat, lng: input.lng, text: input.text.slice(0, 500) },
          signal,
        })
      ).items,
  });
}

/** Likely duplicates of a report, for its staff (what a screener picks from to cancel it as a duplicate). */
export function useDuplicatesOf(reportId: string, enabled: boolean) {
  return useQuery({
    queryKey: ['feedback', 'duplicates-of', reportId],
    enabled,
    retry: false,
    queryFn: async ({ signal }) =>
      (await api<Page<StaffDuplicateHint>>(`/api/reports/${encodeURIComponent(reportId)}/duplicates`, { signal }))
        .items,
  });
}

/**
 * Submits a report. The id is made on the device before the first attempt, so a retry after a dropped connection
 * sends the same id: the server answers with the first report, never a second.
 */
export async function submitReport(input: SubmitInput, photos: Blob[]): Promise<SubmitResult> {
  if (!photos.length) return api<SubmitResult>('/api/reports', { method: 'POST', body: input });
  const form = new FormData();
  form.set('report', JSON.stringify(input));
  photos.forEach((p, i) => {
    form.append('photos', p, `photo-${i + 1}.jpg`);
  });
  return api<SubmitResult>('/api/reports', { method: 'POST', body: form });
}

export function useSubmitReport() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ input, photos }: { input: SubmitInput; photos: Blob[] }) => submitReport(input, photos),
    onSuccess: (report) => {
      qc.setQueryData(['feedback', 'report', report.id], report);
      qc.invalidateQueries({ queryKey: ['feedback', 'list'] });
    },
  });
}

export type ListKind = 'mine' | 'inbox' | 'screening';

/** "My reports", the unit inbox (overdue and nearest deadline first) or the screening queue. */
export function useReportList(kind: ListKind, filters: Query = {}) {
  return useInfiniteQuery({
    queryKey: ['feedback', 'list', kind, filters],
    initialPageParam: '',
    queryFn: ({ pageParam, signal }) =>
      api<Page<ReportListItem>>(`/api/reports/${kind}`, {
        query: { ...filters, cursor: pageParam, limit: 50 },
        signal,
      }),
    getNextPageParam: (last) => last.nextCursor || undefined,
  });
}

/** The work lists the signed-in person can open, as the server decides (a tab per list, none that answers 403). */
export function useWorkQueues() {
  return useQuery({
    queryKey: ['feedback', 'queues'],
    queryFn: ({ signal }) => api<WorkQueues>('/api/reports/queues', { signal }),
    staleTime: 5 * 60_000,
  });
}

export function useReport(id: string | undefined) {
  return useQuery({
    queryKey: ['feedback', 'report', id],
    enabled: !!id,
    queryFn: ({ signal }) => api<ReportView>(`/api/reports/${encodeURIComponent(id!)}`, { signal }),
  });
}

export type ReportAction =
  | 'accept'
  | 'request-information'
  | 'provide-information'
  | 'forward'
  | 'answer'
  | 'cancel'
  | 'reopen'
  | 'rate'
  | 'notes'
  | 'withdraw';

/** The JSON field of a multipart action (the answer's photos ride with `answer`, the reporter's with `information`). */
const MULTIPART_FIELD: Partial<Record<ReportAction, string>> = { 'provide-information': 'information' };

/** One action on a report (accept, answer, rate…): POST /api/reports/:id/<action>, then fresh data everywhere. */
export function useReportAction(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ action, body, photos }: { action: ReportAction; body?: unknown; photos?: Blob[] }) => {
      const path = `/api/reports/${encodeURIComponent(id)}/${action}`;
      if (!photos?.length) return api<ReportView>(path, { method: 'POST', body: body ?? {} });
      // The answer with photos: multipart, the JSON in an `answer` field (as the submission's is in `report`).
      const form = new FormData();
      form.set(MULTIPART_FIELD[action] ?? action, JSON.stringify(body ?? {}));
      photos.forEach((p, i) => {
        form.append('photos', p, `photo-${i + 1}.jpg`);
      });
      return api<ReportView>(path, { method: 'POST', body: form });
    },
    onSuccess: (report) => {
      if (report && typeof report === 'object' && 'events' in report)
        qc.setQueryData(['feedback', 'report', id], report);
      qc.invalidateQueries({ queryKey: ['feedback'] });
      qc.invalidateQueries({ queryKey: ['notifications'] });
    },
  });
}

export function useBulkAction() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { action: 'accept' | 'cancel'; ids: string[]; reason?: CancelReason }) =>
      api<{ done: string[]; failed: { id: string; code: string; message: string }[] }>('/api/reports/bulk', {
        method: 'POST',
        body,
      }),
    onSettled: () => qc.invalidateQueries({ queryKey: ['feedback'] }),
  });
}

export interface HandlingUnitOption {
  id: string;
  code: string;
  name: string;
}

/** Units that serve a commune: where a screener may route, or an officer forward, its reports. */
export function useHandlingUnitOptions(communeCode: string | undefined) {
  return useQuery({
    queryKey: ['feedback', 'handling-units', communeCode],
    enabled: !!communeCode,
    staleTime: 10 * 60_000,
    queryFn: async ({ signal }) =>
      pageOf(
        await api<Page<HandlingUnitOption>>('/api/handling-units', {
          query: { serves: communeCode, limit: 200 },
          signal,
        }),
      ).items,
  });
}

export interface PublicFilters {
  category?: string;
  commune?: string;
  status?: string;
  from?: string;
  to?: string;
  q?: string;
}

export function usePublicReports(filters: PublicFilters) {
  return useInfiniteQuery({
    queryKey: ['feedback', 'public', filters],
    initialPageParam: '',
    placeholderData: keepPreviousData,
    queryFn: ({ pageParam, signal }) =>
      api<PublicList>('/api/public/reports', {
        query: { ...filters, cursor: pageParam, limit: 30 } as Query,
        signal,
      }),
    getNextPageParam: (last) => last.nextCursor || undefined,
  });
}

/** Clusters and single points inside the viewport (the server groups them by a grid that follows the zoom). */
export function usePublicMap(filters: PublicFilters, view: { bbox: string; zoom: number } | null) {
  return useQuery({
    queryKey: ['feedback', 'public-map', filters, view],
    enabled: !!view,
    placeholderData: keepPreviousData,
    queryFn: ({ signal }) =>
      api<PublicMap>('/api/public/reports/map', { query: { ...filters, ...view } as Query, signal }),
  });
}

export function publicReportQuery(code: string | undefined) {
  return {
    queryKey: ['feedback', 'public-report', code],
    enabled: !!code,
    queryFn: ({ signal }: { signal: AbortSignal }) =>
      api<PublicReportDetail>(`/api/public/reports/${encodeURIComponent(code!)}`, { signal }),
  };
}

export function usePublicReport(code: string | undefined) {
  return useQuery(publicReportQuery(code));
}

/** Photos of a report as this actor may see them (staff: all, with their visibility). */
export function useReportPhotos(id: string | undefined) {
  return useQuery({
    queryKey: ['feedback', 'photos', id],
    enabled: !!id,
    retry: false,
    queryFn: async ({ signal }) =>
      (await api<{ items: PhotoView[] }>(`/api/reports/${encodeURIComponent(id!)}/photos`, { signal })).items,
  });
}

export function useSetPhotoVisibility(reportId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ photoId, visibility }: { photoId: string; visibility: 'public' | 'hidden' }) =>
      api<PhotoView>(`/api/reports/${encodeURIComponent(reportId)}/photos/${encodeURIComponent(photoId)}`, {
        method: 'PATCH',
        body: { visibility },
      }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['feedback', 'photos', reportId] }),
  });
}

/** Whether I follow a report (its reporter follows it from the start). */
export function useFollowState(reportId: string | undefined) {
  return useQuery({
    queryKey: ['notifications', 'follow', reportId],
    enabled: !!reportId,
    retry: false,
    queryFn: ({ signal }) => api<FollowState>(`/api/reports/${encodeURIComponent(reportId!)}/follow`, { signal }),
  });
}

/** Follow or stop following a report. */
export function useFollow(reportId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (follow: boolean) =>
      api<FollowState>(`/api/reports/${encodeURIComponent(reportId)}/follow`, { method: follow ? 'POST' : 'DELETE' }),
    onSuccess: (state) => qc.setQueryData(['notifications', 'follow', reportId], state),
  });
}

/** Following from the public report page, which knows the report by its public code. */
export function usePublicFollow(publicCode: string, signedIn: boolean) {
  const qc = useQueryClient();
  const key = ['notifications', 'follow-code', publicCode];
  const url = `/api/public/reports/${encodeURIComponent(publicCode)}/follow`;
  const state = useQuery({
    queryKey: key,
    enabled: signedIn,
    retry: false,
    queryFn: ({ signal }) => api<PublicFollowState>(url, { signal }),
  });
  const change = useMutation({
    mutationFn: (follow: boolean) => api<PublicFollowState>(url, { method: follow ? 'POST' : 'DELETE' }),
    onSuccess: (next) => qc.setQueryData(key, next),
  });
  return { state, change };
}

export type StatsParams = { unit?: string; from?: string; to?: string };

export function statsUrl(params: StatsParams, format: 'xlsx' | 'csv') {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v) q.set(k, v);
  const qs = q.toString();
  return `/api/feedback/stats.${format}${qs ? `?${qs}` : ''}`;
}

/** By commune and by handling unit, with the reports overdue now (GET /api/feedback/stats/breakdown). */
export function useStatsBreakdown(params: StatsParams) {
  return useQuery({
    queryKey: ['feedback', 'stats', 'breakdown', params],
    placeholderData: keepPreviousData,
    queryFn: ({ signal }) => api<StatsBreakdown>('/api/feedback/stats/breakdown', { query: params, signal }),
  });
}

export function useFeedbackStats(params: StatsParams) {
  return useQuery({
    queryKey: ['feedback', 'stats', params],
    placeholderData: keepPreviousData,
    queryFn: ({ signal }) => api<StatsResponse>('/api/feedback/stats', { query: params, signal }),
  });
}

export function useUnreadCount(enabled: boolean) {
  return useQuery({
    queryKey: ['notifications', 'unread'],
    enabled,
    refetchInterval: 60_000,
    retry: false,
    queryFn: ({ signal }) => api<{ unread: number }>('/api/notifications/unread-count', { signal }),
  });
}

export function useNotifications() {
  return useInfiniteQuery({
    queryKey: ['notifications', 'list'],
    initialPageParam: '',
    queryFn: ({ pageParam, signal }) =>
      api<NotificationListResponse>('/api/notifications', { query: { cursor: pageParam, limit: 30 }, signal }),
    getNextPageParam: (last) => last.nextCursor || undefined,
  });
}

export function useMarkRead() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string | 'all') =>
      api(id === 'all' ? '/api/notifications/read-all' : `/api/notifications/${encodeURIComponent(id)}/read`, {
        method: 'POST',
      }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['notifications'] }),
  });
}
