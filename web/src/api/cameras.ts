import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CameraAdminList, CameraAdminView, CameraInput, CameraList, CameraView } from '../../../common/cameras';
import { CAMERA_SNAPSHOT_REFRESH_SECONDS } from '../../../common/constants/cameras';
import { ApiError, api, currentLang } from './client';

export type { CameraAdminView, CameraInput, CameraView } from '../../../common/cameras';

const KEY = 'cameras';
const enc = encodeURIComponent;

export interface CameraFilter {
  commune?: string;
  kind?: string;
}

export function useCameras(filter: CameraFilter) {
  return useQuery({
    queryKey: [KEY, 'list', filter],
    queryFn: ({ signal }) => api<CameraList>('/api/cameras', { query: { ...filter }, signal }),
    refetchInterval: 60_000,
  });
}

export function useCamera(id: string | undefined) {
  return useQuery({
    queryKey: [KEY, 'one', id],
    enabled: !!id,
    queryFn: ({ signal }) => api<CameraView>(`/api/cameras/${enc(id!)}`, { signal }),
    refetchInterval: 60_000,
  });
}

export function useManagedCameras() {
  return useQuery({
    queryKey: [KEY, 'managed'],
    queryFn: ({ signal }) => api<CameraAdminList>('/api/cameras/manage', { signal }),
  });
}

export function useManagedCamera(id: string | undefined) {
  return useQuery({
    queryKey: [KEY, 'managed', id],
    enabled: !!id,
    queryFn: ({ signal }) => api<CameraAdminView>(`/api/cameras/manage/${enc(id!)}`, { signal }),
  });
}

export function useSaveCamera(id: string | undefined) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: CameraInput) =>
      id
        ? api<CameraAdminView>(`/api/cameras/${enc(id)}`, { method: 'PUT', body })
        : api<CameraAdminView>('/api/cameras', { method: 'POST', body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: [KEY] }),
  });
}

export function useDeleteCamera() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<{ id: string }>(`/api/cameras/${enc(id)}`, { method: 'DELETE' }),
    onSuccess: () => qc.invalidateQueries({ queryKey: [KEY] }),
  });
}

export interface SnapshotImage {
  url: string;
  takenAt: string | null;
  /** Why the server could not read a fresh one (the image is then the last good one). */
  stale: string | null;
}

/**
 * The camera's snapshot, as the server keeps it (our address, never the camera's), asked again every 30 s while the
 * page is visible (TanStack Query pauses intervals in a hidden tab). The image comes as a blob so its time is known.
 */
export function useSnapshot(id: string | undefined) {
  return useQuery({
    queryKey: [KEY, 'snapshot', id],
    enabled: !!id,
    refetchInterval: CAMERA_SNAPSHOT_REFRESH_SECONDS * 1000,
    retry: false,
    gcTime: 0,
    queryFn: async ({ signal }): Promise<SnapshotImage> => {
      const res = await fetch(`/api/cameras/${enc(id!)}/snapshot`, {
        signal,
        headers: { 'Accept-Language': currentLang() },
      });
      if (!res.ok) {
        const body = (await res.json().catch(() => null)) as { error?: { code?: string; message?: string } } | null;
        throw new ApiError(res.status, body?.error?.code ?? 'error', body?.error?.message ?? res.statusText);
      }
      const blob = await res.blob();
      return {
        url: URL.createObjectURL(blob),
        takenAt: res.headers.get('x-snapshot-taken-at'),
        stale: res.headers.get('x-snapshot-stale'),
      };
    },
  });
}
