import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  SupportAnswerCreate,
  SupportFaqList,
  SupportModeration,
  SupportQuestionCreate,
  SupportQuestionDetail,
  SupportQuestionList,
} from '../../../common/support';
import { api } from './client';

export type { SupportFaqItem, SupportQuestionDetail, SupportQuestionSummary } from '../../../common/support';

const KEY = 'support';
const enc = encodeURIComponent;

export interface SupportFilter {
  q?: string;
  service?: string;
  status?: 'open' | 'answered';
  mine?: '1';
}

/** The network's questions, newest first, a page at a time; `q` ignores diacritics on the server. */
export function useSupportQuestions(filter: SupportFilter) {
  return useInfiniteQuery({
    queryKey: [KEY, 'list', filter],
    initialPageParam: '',
    placeholderData: keepPreviousData,
    queryFn: ({ pageParam, signal }) =>
      api<SupportQuestionList>('/api/support/questions', { query: { ...filter, cursor: pageParam }, signal }),
    getNextPageParam: (last) => last.nextCursor || undefined,
  });
}

export function useSupportQuestion(id: string | undefined) {
  return useQuery({
    queryKey: [KEY, 'one', id],
    enabled: !!id,
    queryFn: ({ signal }) => api<SupportQuestionDetail>(`/api/support/questions/${enc(id!)}`, { signal }),
  });
}

/** Every write answers with the question: it replaces the cached one; lists and FAQs are read again. */
function useSupportWrite<V>(request: (v: V) => Promise<SupportQuestionDetail>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: request,
    onSuccess: (q) => {
      qc.setQueryData([KEY, 'one', q.id], q);
      qc.invalidateQueries({ queryKey: [KEY, 'list'] });
      qc.invalidateQueries({ queryKey: [KEY, 'faq'] });
    },
  });
}

export const useAskQuestion = () =>
  useSupportWrite((body: SupportQuestionCreate) =>
    api<SupportQuestionDetail>('/api/support/questions', { method: 'POST', body }),
  );
export const useAnswerQuestion = (id: string) =>
  useSupportWrite((body: SupportAnswerCreate) =>
    api<SupportQuestionDetail>(`/api/support/questions/${enc(id)}/answers`, { method: 'POST', body }),
  );
export const useAcceptAnswer = () =>
  useSupportWrite((answerId: string) =>
    api<SupportQuestionDetail>(`/api/support/answers/${enc(answerId)}/accept`, { method: 'POST' }),
  );
export const useModerate = () =>
  useSupportWrite(({ kind, id, ...body }: SupportModeration & { kind: 'questions' | 'answers'; id: string }) =>
    api<SupportQuestionDetail>(`/api/support/${kind}/${enc(id)}/moderation`, { method: 'POST', body }),
  );

/** A service's public FAQ (accepted answers, no names). */
export function useServiceFaq(service: string | undefined) {
  return useQuery({
    queryKey: [KEY, 'faq', service],
    enabled: !!service,
    queryFn: ({ signal }) => api<SupportFaqList>('/api/support/faq', { query: { service, limit: 20 }, signal }),
  });
}
