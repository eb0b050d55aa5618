import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  IndicatorDefinition,
  IndicatorEntryInput,
  IndicatorEntryList,
  IndicatorEntryView,
  IndicatorImportResult,
  IndicatorValues,
} from '../../../common/indicators';
import { ApiError, api, uploadFile } from './client';

const KEY = 'indicators';

export function useIndicatorDefinitions() {
  return useQuery({
    queryKey: [KEY, 'definitions'],
    staleTime: Number.POSITIVE_INFINITY,
    queryFn: ({ signal }) => api<{ indicators: IndicatorDefinition[] }>('/api/indicators', { signal }),
  });
}

const lastDay = (month: string) => {
  const [y, m] = month.split('-').map(Number);
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
};

/** Every indicator's value for a unit and one month (with the target it is compared to). */
export function useIndicatorMonth(unit: string | undefined, month: string) {
  return useQuery({
    queryKey: [KEY, 'values', unit, month],
    enabled: !!unit && /^\d{4}-\d{2}$/.test(month),
    queryFn: ({ signal }) =>
      api<IndicatorValues>('/api/indicators/values', {
        query: { unit, from: `${month}-01`, to: lastDay(month) },
        signal,
      }),
  });
}

/** A unit's entries of a month, current and replaced (the history). */
export function useIndicatorEntries(unit: string | undefined, month: string) {
  return useQuery({
    queryKey: [KEY, 'entries', unit, month],
    enabled: !!unit && /^\d{4}-\d{2}$/.test(month),
    queryFn: ({ signal }) => api<IndicatorEntryList>('/api/indicators/entries', { query: { unit, month }, signal }),
  });
}

/** Enters a figure. Each submission carries its own Idempotency-Key: a retried request answers the same entry. */
export function useEnterIndicator() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { body: IndicatorEntryInput; key: string }) =>
      api<IndicatorEntryView>('/api/indicators/entries', {
        method: 'POST',
        body: v.body,
        headers: { 'Idempotency-Key': v.key },
      }),
    onSuccess: () => qc.invalidateQueries({ queryKey: [KEY] }),
  });
}

export type IndicatorImportOutcome =
  | IndicatorImportResult
  | {
      ok: false;
      error: { code: string; message: string };
      errors: { row: number; column?: string; field: string; message: string }[];
    };

/** Uploads a unit's spreadsheet of figures; row errors come back as an outcome, not a throw. */
export function useImportIndicators(unit: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (v: { file: File; dryRun: boolean }) => {
      const res = await uploadFile('/api/indicators/import', v.file, {
        query: { unit, dryRun: v.dryRun ? 1 : undefined },
      });
      const body = res.json as IndicatorImportOutcome & {
        error?: { code: string; message: string; fields?: Record<string, string> };
      };
      if (res.status < 300 || (body && body.ok === false && Array.isArray((body as { errors?: unknown }).errors)))
        return body as IndicatorImportOutcome;
      throw new ApiError(
        res.status,
        body?.error?.code ?? `http_${res.status}`,
        body?.error?.message ?? '',
        body?.error?.fields,
      );
    },
    onSuccess: (outcome, v) => {
      if (!v.dryRun && outcome.ok) qc.invalidateQueries({ queryKey: [KEY] });
    },
  });
}

/** The error report of a refused file: the clerk's rows with the bad cells marked. */
export async function downloadIndicatorErrorReport(unit: string, file: File) {
  const res = await uploadFile('/api/indicators/import', file, { query: { unit, dryRun: 1, report: 'xlsx' } });
  if (!res.blob) return;
  const url = URL.createObjectURL(res.blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = 'loi-nhap-chi-tieu.xlsx';
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
