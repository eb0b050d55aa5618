import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type Query } from './client';
import type {
  AccountDetail,
  AccountListItem,
  ApiKeyView,
  Assignment,
  AuditEntry,
  CreatedApiKey,
  HandlingUnitCreate,
  HandlingUnitDetail,
  HandlingUnitUpdate,
  HandlingUnitView,
  Page,
  Role,
} from './types';

function usePaged<T>(key: string, path: string, query: Query) {
  return useInfiniteQuery({
    queryKey: [key, 'list', query],
    initialPageParam: '',
    placeholderData: keepPreviousData,
    queryFn: ({ pageParam, signal }) => api<Page<T>>(path, { query: { ...query, cursor: pageParam }, signal }),
    getNextPageParam: (last) => last.nextCursor || undefined,
  });
}

function useInvalidate(key: string) {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: [key] });
}

// Handling units (cơ quan xử lý)
export interface HandlingUnitFilter {
  q?: string;
  kind?: string;
  serves?: string;
  unit?: string;
  includeInactive?: 1;
  limit?: number;
}

export const useHandlingUnits = (filter: HandlingUnitFilter) =>
  usePaged<HandlingUnitView>('handling-units', '/api/handling-units', { ...filter });

export function useHandlingUnit(id: string | undefined) {
  return useQuery({
    queryKey: ['handling-units', 'one', id],
    enabled: !!id,
    queryFn: ({ signal }) => api<HandlingUnitDetail>(`/api/handling-units/${encodeURIComponent(id!)}`, { signal }),
  });
}

export function useCreateHandlingUnit() {
  const invalidate = useInvalidate('handling-units');
  return useMutation({
    mutationFn: (body: HandlingUnitCreate) => api<HandlingUnitDetail>('/api/handling-units', { method: 'POST', body }),
    onSuccess: invalidate,
  });
}

export function useUpdateHandlingUnit(id: string) {
  const invalidate = useInvalidate('handling-units');
  return useMutation({
    mutationFn: (body: HandlingUnitUpdate) =>
      api<HandlingUnitDetail>(`/api/handling-units/${id}`, { method: 'PATCH', body }),
    onSuccess: invalidate,
  });
}

export function useSetHandlingUnitActive(id: string) {
  const invalidate = useInvalidate('handling-units');
  return useMutation({
    mutationFn: ({ active, reason }: { active: boolean; reason?: string }) =>
      api<unknown>(`/api/handling-units/${id}/${active ? 'activate' : 'deactivate'}`, {
        method: 'POST',
        body: reason ? { reason } : {},
      }),
    onSuccess: invalidate,
  });
}

export function useSetHandlingUnitAreas(id: string) {
  const invalidate = useInvalidate('handling-units');
  return useMutation({
    mutationFn: (communeCodes: string[]) =>
      api<unknown>(`/api/handling-units/${id}/areas`, { method: 'PUT', body: { communeCodes } }),
    onSuccess: invalidate,
  });
}

// Accounts
export interface AccountFilter {
  q?: string;
  role?: string;
  unit?: string;
}

export const useAccounts = (filter: AccountFilter) =>
  usePaged<AccountListItem>('accounts', '/api/accounts', { ...filter });

/** Full personal details: the server records the read in the audit trail with the reason given. */
export function useAccountDetails(id: string | undefined, reason: string | undefined) {
  return useQuery({
    queryKey: ['accounts', 'one', id, reason],
    enabled: !!id && !!reason,
    staleTime: Number.POSITIVE_INFINITY,
    retry: false,
    queryFn: ({ signal }) => api<AccountDetail>(`/api/accounts/${id}`, { query: { reason }, signal }),
  });
}

export interface Scope {
  unitCode?: string;
  handlingUnitId?: string;
}

export interface AccountInput extends Scope {
  fullName: string;
  phone: string;
  username?: string;
  email?: string;
  password?: string;
  role: Role;
}

export function useCreateAccount() {
  const invalidate = useInvalidate('accounts');
  return useMutation({
    mutationFn: (body: AccountInput) =>
      api<{ account: AccountDetail; temporaryPassword: string | null }>('/api/accounts', { method: 'POST', body }),
    onSuccess: invalidate,
  });
}

/**
 * After a change to one account: the lists refresh; the open detail is patched from the answer rather than read
 * again, since every read of it is an audited access to personal data.
 */
function useAccountChanged(id: string) {
  const qc = useQueryClient();
  return {
    lists: () => qc.invalidateQueries({ queryKey: ['accounts', 'list'] }),
    patch: (change: (a: AccountDetail) => AccountDetail) =>
      qc.setQueriesData<AccountDetail>({ queryKey: ['accounts', 'one', id] }, (a) => (a ? change(a) : a)),
  };
}

export function useUpdateAccount(id: string) {
  const changed = useAccountChanged(id);
  return useMutation({
    mutationFn: (body: { fullName?: string; status?: 'active' | 'disabled' }) =>
      api<AccountDetail>(`/api/accounts/${id}`, { method: 'PATCH', body }),
    onSuccess: (account) => {
      changed.patch((a) => ({ ...a, ...account }));
      return changed.lists();
    },
  });
}

export function useGrantRole(id: string) {
  const changed = useAccountChanged(id);
  return useMutation({
    mutationFn: (body: Scope & { role: Role }) =>
      api<{ assignment: Assignment }>(`/api/accounts/${id}/roles`, { method: 'POST', body }),
    onSuccess: ({ assignment }) => {
      changed.patch((a) => ({ ...a, assignments: [...a.assignments, assignment] }));
      return changed.lists();
    },
  });
}

export function useRevokeRole(id: string) {
  const changed = useAccountChanged(id);
  return useMutation({
    mutationFn: (assignmentId: string) =>
      api<unknown>(`/api/accounts/${id}/roles/${assignmentId}`, { method: 'DELETE' }),
    onSuccess: (_r, assignmentId) => {
      changed.patch((a) => ({ ...a, assignments: a.assignments.filter((x) => x.id !== assignmentId) }));
      return changed.lists();
    },
  });
}

export function useResetPassword(id: string) {
  return useMutation({
    mutationFn: () =>
      api<{ temporaryPassword: string }>(`/api/accounts/${id}/reset-password`, { method: 'POST', body: {} }),
  });
}

// API keys
export const useApiKeys = () => usePaged<ApiKeyView>('api-keys', '/api/api-keys', {});

export function useCreateApiKey() {
  const invalidate = useInvalidate('api-keys');
  return useMutation({
    mutationFn: (body: { name: string; unitCode?: string }) =>
      api<CreatedApiKey>('/api/api-keys', { method: 'POST', body }),
    onSuccess: invalidate,
  });
}

export function useRevokeApiKey() {
  const invalidate = useInvalidate('api-keys');
  return useMutation({
    mutationFn: (id: string) => api<unknown>(`/api/api-keys/${id}`, { method: 'DELETE' }),
    onSuccess: invalidate,
  });
}

// Audit trail
export interface AuditFilter {
  actor?: string;
  action?: string;
  resourceType?: string;
  from?: string;
  to?: string;
}

export const useAudit = (filter: AuditFilter) => usePaged<AuditEntry>('audit', '/api/audit', { ...filter });
