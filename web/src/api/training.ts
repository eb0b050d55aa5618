import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  AttendanceList,
  CheckInInput,
  CheckInPreview,
  CheckInResult,
  MyRegistration,
  MyRegistrationList,
  RegistrationInput,
  SiteCode,
  TrainingSessionDetail,
  TrainingSessionInput,
  TrainingSessionList,
} from '../../../common/training';
import { api } from './client';

export type { AttendanceList, TrainingSessionDetail, TrainingSessionSummary } from '../../../common/training';

const KEY = 'training';
const enc = encodeURIComponent;

export function useTrainingSessions(when: 'upcoming' | 'past') {
  return useQuery({
    queryKey: [KEY, 'list', when],
    queryFn: ({ signal }) => api<TrainingSessionList>('/api/training/sessions', { query: { when }, signal }),
  });
}

export function useManagedSessions() {
  return useQuery({
    queryKey: [KEY, 'managed'],
    queryFn: ({ signal }) => api<TrainingSessionList>('/api/training/manage/sessions', { signal }),
  });
}

export function useTrainingSession(id: string | undefined) {
  return useQuery({
    queryKey: [KEY, 'one', id],
    enabled: !!id,
    queryFn: ({ signal }) => api<TrainingSessionDetail>(`/api/training/sessions/${enc(id!)}`, { signal }),
  });
}

export function useSaveSession(id: string | undefined) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: TrainingSessionInput) =>
      id
        ? api<TrainingSessionDetail>(`/api/training/sessions/${enc(id)}`, { method: 'PUT', body })
        : api<TrainingSessionDetail>('/api/training/sessions', { method: 'POST', body }),
    onSuccess: (s) => {
      qc.setQueryData([KEY, 'one', s.id], s);
      qc.invalidateQueries({ queryKey: [KEY, 'list'] });
      qc.invalidateQueries({ queryKey: [KEY, 'managed'] });
    },
  });
}

export function useRegister(sessionId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: RegistrationInput) =>
      api<MyRegistration>(`/api/training/sessions/${enc(sessionId)}/registration`, { method: 'POST', body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: [KEY] }),
  });
}

export function useCancelRegistration(sessionId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () =>
      api<MyRegistration>(`/api/training/sessions/${enc(sessionId)}/registration`, { method: 'DELETE' }),
    onSuccess: () => qc.invalidateQueries({ queryKey: [KEY] }),
  });
}

export function useMyRegistrations() {
  return useQuery({
    queryKey: [KEY, 'mine'],
    queryFn: ({ signal }) => api<MyRegistrationList>('/api/training/registrations/mine', { signal }),
  });
}

/** The projector's code: asked again when the server says (a new code every few minutes). */
export function useSiteCode(siteId: string | undefined) {
  return useQuery({
    queryKey: [KEY, 'code', siteId],
    enabled: !!siteId,
    queryFn: ({ signal }) => api<SiteCode>(`/api/training/sites/${enc(siteId!)}/code`, { signal }),
    refetchInterval: (q) => (q.state.data?.refreshInSeconds ?? 30) * 1000,
    refetchIntervalInBackground: true,
  });
}

export function useCheckInPreview(code: string | null) {
  return useQuery({
    queryKey: [KEY, 'preview', code],
    enabled: !!code,
    retry: false,
    queryFn: ({ signal }) => api<CheckInPreview>('/api/training/check-in', { query: { c: code! }, signal }),
  });
}

export function useCheckIn() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: CheckInInput) => api<CheckInResult>('/api/training/check-in', { method: 'POST', body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: [KEY, 'mine'] }),
  });
}

export function useAttendance(sessionId: string | undefined) {
  return useQuery({
    queryKey: [KEY, 'attendance', sessionId],
    enabled: !!sessionId,
    queryFn: ({ signal }) => api<AttendanceList>(`/api/training/sessions/${enc(sessionId!)}/attendance`, { signal }),
  });
}

export function useTick(sessionId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, attended }: { id: string; attended: boolean }) =>
      api<{ id: string; attendedAt: string | null }>(`/api/training/registrations/${enc(id)}/attendance`, {
        method: 'PUT',
        body: { attended },
      }),
    onSuccess: () => {
      qc.invalidateQueries({ queryKey: [KEY, 'attendance', sessionId] });
      qc.invalidateQueries({ queryKey: [KEY, 'one', sessionId] });
    },
  });
}

export const attendanceExportUrl = (sessionId: string) => `/api/training/sessions/${enc(sessionId)}/attendance.xlsx`;
export const materialUrl = (id: string) => `/api/training/materials/${enc(id)}/file`;
