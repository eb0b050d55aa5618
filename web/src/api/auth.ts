import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { forgetMemberCache } from '../offline/forget';
import { api, setCsrfToken } from './client';
import type { Me, OtpRequestResponse, Role, SessionInfo, SignInResult, TotpSetup, User } from './types';

export const meKey = ['me'] as const;

/**
 * Who is signed in, or null. /api/auth/session answers 200 either way, so a page opened by someone not signed in
 * logs no failed request (a 401 from /api/auth/me shows as an error in the browser's console).
 */
export async function fetchMe(): Promise<Me | null> {
  const { me } = await api<{ me: Me | null }>('/api/auth/session');
  setCsrfToken(me?.csrfToken ?? null);
  return me;
}

export const meQuery = { queryKey: meKey, queryFn: fetchMe, staleTime: 5 * 60_000, retry: false } as const;

export function useMe() {
  return useQuery(meQuery);
}

export function rolesOf(me: Me | null | undefined): Set<Role> {
  return new Set((me?.assignments ?? []).map((a) => a.role));
}

/** After any sign-in: keep the CSRF token, then load the assignments with /me. */
function useAfterSignIn() {
  const qc = useQueryClient();
  return (result: SignInResult) => {
    setCsrfToken(result.csrfToken);
    void forgetMemberCache();
    qc.removeQueries({ predicate: (q) => q.queryKey[0] !== 'me' });
    qc.setQueryData(meKey, result);
  };
}

export function useOtpRequest() {
  return useMutation({
    mutationFn: (body: { phone: string }) =>
      api<OtpRequestResponse>('/api/auth/otp/request', {
        method: 'POST',
        body,
        expect401: true,
      }),
  });
}

export function useOtpVerify() {
  const after = useAfterSignIn();
  return useMutation({
    mutationFn: (body: { phone: string; code: string }) =>
      api<SignInResult>('/api/auth/otp/verify', { method: 'POST', body, expect401: true }),
    onSuccess: after,
  });
}

export function usePasswordSignIn() {
  const after = useAfterSignIn();
  return useMutation({
    mutationFn: (body: { login: string; password: string; totp?: string }) =>
      api<SignInResult>('/api/auth/password', { method: 'POST', body, expect401: true }),
    onSuccess: after,
  });
}

function useSignedOut() {
  const qc = useQueryClient();
  return () => {
    setCsrfToken(null);
    void forgetMemberCache();
    // "Nobody" first, so pages for signed-in people unmount instead of refetching their data without a session.
    qc.setQueryData(meKey, null);
    qc.removeQueries({ predicate: (q) => q.queryKey[0] !== 'me' });
  };
}

export function useSignOut() {
  const done = useSignedOut();
  return useMutation({
    mutationFn: () => api<unknown>('/api/auth/sign-out', { method: 'POST', expect401: true }),
    onSettled: done,
  });
}

export function useSignOutEverywhere() {
  const done = useSignedOut();
  return useMutation({
    mutationFn: () => api<unknown>('/api/auth/sign-out-everywhere', { method: 'POST' }),
    onSuccess: done,
  });
}

export function useUpdateMe() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { fullName?: string; email?: string | null; locale?: User['locale'] }) =>
      api<unknown>('/api/auth/me', { method: 'PATCH', body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: meKey }),
  });
}

export function useChangePassword() {
  return useMutation({
    mutationFn: (body: { currentPassword: string; newPassword: string }) =>
      api<unknown>('/api/auth/password/change', { method: 'POST', body }),
  });
}

/** First password of an account that has none (signed up by code), shortly after signing in. */
export function useSetPassword() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { newPassword: string }) => api<unknown>('/api/auth/password/set', { method: 'POST', body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: meKey }),
  });
}

export function useEndSession() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<unknown>(`/api/auth/sessions/${encodeURIComponent(id)}`, { method: 'DELETE' }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['sessions'] }),
  });
}

export function useSessions() {
  return useQuery({
    queryKey: ['sessions'],
    queryFn: async () => {
      const data = await api<{ items: SessionInfo[] }>('/api/auth/sessions');
      return data.items;
    },
  });
}

export function useTotpSetup() {
  return useMutation({ mutationFn: () => api<TotpSetup>('/api/auth/totp/setup', { method: 'POST' }) });
}

export function useTotpToggle(action: 'enable' | 'disable') {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { code?: string; password?: string }) =>
      api<unknown>(`/api/auth/totp/${action}`, { method: 'POST', body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: meKey }),
  });
}
