import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  NewsAlertChannel,
  NewsFollow,
  NewsHome,
  NewsKind,
  NewsList,
  NewsManageItem,
  NewsManageList,
  NewsPostCreate,
  NewsPostUpdate,
  NewsPostView,
  NewsPreview,
} from '../../../common/news';
import { api } from './client';

export type { NewsFollow, NewsManageItem, NewsPostView, NewsSummary } from '../../../common/news';

const KEY = 'news';
const enc = encodeURIComponent;

/** Published news, pinned first: of one unit or of the whole province; a kind filters. */
export function useNewsList(f: { unit?: string; kind?: NewsKind }) {
  return useInfiniteQuery({
    queryKey: [KEY, 'list', f],
    initialPageParam: '',
    placeholderData: keepPreviousData,
    queryFn: ({ pageParam, signal }) =>
      api<NewsList>('/api/news', { query: { unit: f.unit, kind: f.kind, cursor: pageParam || undefined }, signal }),
    getNextPageParam: (last) => last.nextCursor || undefined,
  });
}

export function useNewsHome(signedIn: boolean) {
  return useQuery({
    queryKey: [KEY, 'home', signedIn],
    queryFn: ({ signal }) => api<NewsHome>('/api/news/home', { signal }),
  });
}

export function useNewsPost(id: string | undefined) {
  return useQuery({
    queryKey: [KEY, 'one', id],
    enabled: !!id,
    queryFn: ({ signal }) => api<NewsPostView>(`/api/news/${enc(id!)}`, { signal }),
  });
}

export function useFollowState(unitCode: string | undefined, signedIn: boolean) {
  return useQuery({
    queryKey: [KEY, 'follow', unitCode],
    enabled: !!unitCode && signedIn,
    queryFn: ({ signal }) => api<NewsFollow>(`/api/news/follows/${enc(unitCode!)}`, { signal }),
  });
}

export function useSetFollow(unitCode: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { follow: boolean; alertChannel?: NewsAlertChannel }) =>
      v.follow
        ? api<NewsFollow>(`/api/news/follows/${enc(unitCode)}`, {
            method: 'PUT',
            body: { alertChannel: v.alertChannel ?? 'sms' },
          })
        : api<NewsFollow>(`/api/news/follows/${enc(unitCode)}`, { method: 'DELETE' }),
    onSuccess: (f) => {
      qc.setQueryData([KEY, 'follow', unitCode], f);
      qc.invalidateQueries({ queryKey: [KEY, 'home'] });
    },
  });
}

export function useManagedNews() {
  return useQuery({
    queryKey: [KEY, 'managed'],
    queryFn: ({ signal }) => api<NewsManageList>('/api/news/manage', { signal }),
  });
}

export function useSavePost(id: string | undefined) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: NewsPostCreate | NewsPostUpdate) =>
      id
        ? api<NewsManageItem>(`/api/news/manage/${enc(id)}`, { method: 'PUT', body })
        : api<NewsManageItem>('/api/news/manage', { method: 'POST', body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: [KEY] }),
  });
}

export function useWithdrawPost() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { id: string; reason: string }) =>
      api<NewsManageItem>(`/api/news/manage/${enc(v.id)}/withdraw`, { method: 'POST', body: { reason: v.reason } }),
    onSuccess: () => qc.invalidateQueries({ queryKey: [KEY] }),
  });
}

export const previewPost = (unit: string, body: string) =>
  api<NewsPreview>('/api/news/manage/preview', { method: 'POST', body: { unit, body } });
