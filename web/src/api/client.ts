import i18n from '../i18n';

/** The one error shape of the API, as the web app sees it. `status` 0 means the request never got an answer. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields?: Record<string, string>,
    /** The whole answer, for endpoints that say more than the error shape (the hamlet import's row errors). */
    readonly body?: unknown,
  ) {
    super(message);
  }
}

let csrfToken: string | null = null;
let onUnauthenticated: (() => void) | null = null;

/** Remembered from sign-in or /api/auth/me; every non-GET request carries it in `x-csrf-token`. */
export function setCsrfToken(token: string | null) {
  csrfToken = token;
}

/** Called when the server says the session is gone (the app sends the person to the sign-in page). */
export function setUnauthenticatedHandler(handler: () => void) {
  onUnauthenticated = handler;
}

export type Query = Record<string, string | number | boolean | null | undefined>;

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  query?: Query;
  body?: unknown;
  signal?: AbortSignal;
  /** Sign-in calls and "who am I" expect 401 as an answer, not as a lost session. */
  expect401?: boolean;
  /**
   * The signed-in member's own data, which the service worker may keep for offline use (x-xaso-offline: member). Only
   * for answers about the caller themself (their team), never a list an administrator reads.
   */
  keepOffline?: boolean;
  /** Extra headers (an `Idempotency-Key`). */
  headers?: Record<string, string>;
}

export function currentLang(): 'vi' | 'en' {
  return i18n.language?.startsWith('en') ? 'en' : 'vi';
}

export function withQuery(path: string, query?: Query) {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  }
  const s = params.toString();
  return s ? `${path}?${s}` : path;
}

/** Fetches JSON from the API, sending the language and CSRF token; throws ApiError with the server's message. */
export async function api<T>(path: string, opts: RequestOptions = {}): Promise<T> {
  const method = opts.method ?? 'GET';
  const headers: Record<string, string> = {
    Accept: 'application/json',
    'Accept-Language': currentLang(),
    ...opts.headers,
  };
  let body: BodyInit | undefined;
  if (opts.body instanceof FormData) {
    body = opts.body;
  } else if (opts.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(opts.body);
  }
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  if (opts.keepOffline) headers['x-xaso-offline'] = 'member';
  let res: Response;
  try {
    res = await fetch(withQuery(path, opts.query), {
      method,
      headers,
      body,
      credentials: 'same-origin',
      signal: opts.signal,
    });
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    throw new ApiError(0, 'network', i18n.t('errors.network'));
  }
  const isJson = (res.headers.get('content-type') ?? '').includes('json');
  const data = isJson ? await res.json().catch(() => null) : null;
  if (!res.ok) {
    const err = data?.error;
    const error = new ApiError(
      res.status,
      err?.code ?? `http_${res.status}`,
      err?.message ?? i18n.t('errors.http', { status: res.status }),
      err?.fields,
      data,
    );
    if (res.status === 401 && !opts.expect401) onUnauthenticated?.();
    throw error;
  }
  return data as T;
}

/** The message of a field, whether the server keys it "phone" or "body.phone". */
export function fieldError(error: unknown, field: string): string | undefined {
  if (!(error instanceof ApiError) || !error.fields) return undefined;
  if (error.fields[field]) return error.fields[field];
  const hit = Object.entries(error.fields).find(([k]) => k.endsWith(`.${field}`));
  return hit?.[1];
}

/**
 * POSTs a file as multipart/form-data with upload progress (fetch reports none), the language and the CSRF token.
 * Answers the status and the body: JSON parsed, anything else (a spreadsheet) as a Blob. Never throws on 4xx.
 */
export function uploadFile(
  path: string,
  file: File,
  opts: { query?: Query; onProgress?: (fraction: number) => void } = {},
): Promise<{ status: number; json: unknown; blob: Blob | null }> {
  const form = new FormData();
  form.append('file', file);
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', withQuery(path, opts.query));
    xhr.responseType = 'blob';
    xhr.setRequestHeader('Accept-Language', currentLang());
    if (csrfToken) xhr.setRequestHeader('x-csrf-token', csrfToken);
    xhr.upload.onprogress = (e) => e.lengthComputable && opts.onProgress?.(e.loaded / e.total);
    xhr.onerror = () => reject(new ApiError(0, 'network', i18n.t('errors.network')));
    xhr.onload = async () => {
      const blob = xhr.response as Blob;
      if ((xhr.getResponseHeader('content-type') ?? '').includes('json')) {
        const json = JSON.parse(await blob.text());
        if (xhr.status === 401) onUnauthenticated?.();
        resolve({ status: xhr.status, json, blob: null });
      } else resolve({ status: xhr.status, json: null, blob });
    };
    xhr.send(form);
  });
}

/** A unit and a period of months (YYYY-MM, either end open): the query of the counts pages and their exports. */
export interface UnitPeriod {
  unit: string;
  from?: string;
  to?: string;
}

/** `unit=…&from=…&to=…`, the ends left out when open. */
export const unitPeriodQuery = (p: UnitPeriod) => {
  const q = new URLSearchParams({ unit: p.unit });
  if (p.from) q.set('from', p.from);
  if (p.to) q.set('to', p.to);
  return q.toString();
};
