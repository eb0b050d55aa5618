import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  CertificateList,
  CertificateVerification,
  CertificateView,
  MyCertificates,
} from '../../../common/certificates';
import { api } from './client';

export type { CertificateVerification, CertificateView } from '../../../common/certificates';

const KEY = 'certificates';
const enc = encodeURIComponent;

/** Where a certificate's PDF downloads from (the session cookie goes with a plain link). */
export const certificatePdfUrl = (serial: string) => `/api/certificates/${enc(serial)}/pdf`;

/** The public check of a serial (anyone; the server normalises what was typed). */
export function useVerification(serial: string | undefined) {
  return useQuery({
    queryKey: [KEY, 'verify', serial],
    enabled: !!serial,
    retry: false,
    queryFn: ({ signal }) => api<CertificateVerification>(`/api/verify/${enc(serial!)}`, { signal }),
  });
}

export function useMyCertificates() {
  return useQuery({
    queryKey: [KEY, 'mine'],
    queryFn: ({ signal }) => api<MyCertificates>('/api/certificates/mine', { signal }),
  });
}

export interface CertificateFilter {
  q?: string;
  unit?: string;
  status?: 'valid' | 'revoked';
}

/** Administrators' list, newest first, a page at a time. */
export function useCertificates(filter: CertificateFilter) {
  return useInfiniteQuery({
    queryKey: [KEY, 'list', filter],
    initialPageParam: '',
    placeholderData: keepPreviousData,
    queryFn: ({ pageParam, signal }) =>
      api<CertificateList>('/api/certificates', { query: { ...filter, cursor: pageParam }, signal }),
    getNextPageParam: (last) => last.nextCursor || undefined,
  });
}

export function useRevokeCertificate() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ serial, reason }: { serial: string; reason: string }) =>
      api<CertificateView>(`/api/certificates/${enc(serial)}/revoke`, { method: 'POST', body: { reason } }),
    onSuccess: () => qc.invalidateQueries({ queryKey: [KEY] }),
  });
}
