/**
 * Failures that are not the code's fault, told apart from bugs: a database that cannot be reached (503, retry), a
 * unique key taken by a parallel request (409), data the database refuses (400), a malformed multipart body (400).
 * And what may be logged of any error: never query parameters, never values quoted by PostgreSQL.
 */
import type { Message } from './i18n.js';

/** The PostgreSQL error fields worth reading (pg's DatabaseError and PGlite's carry the same). */
interface PgLike {
  code?: unknown;
  message?: unknown;
  table?: unknown;
  column?: unknown;
  constraint?: unknown;
  detail?: unknown;
  routine?: unknown;
}

const SQLSTATE = /^[0-9A-Z]{5}$/;
/** Node's socket errors and the drivers' own words when the server is gone or the pool cannot give a connection. */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
]);
const UNREACHABLE_MESSAGES = [
  /^Connection terminated/,
  /^timeout exceeded when trying to connect/,
  /^Cannot use a pool after calling end on the pool/,
  /^Client (was closed|has encountered a connection error)/,
  /^PGlite is clos(ed|ing)/,
  /^Query read timeout/,
];

/** The error and its causes, outermost first (drizzle wraps the driver's error in `cause`). */
function chain(err: unknown): PgLike[] {
  const out: PgLike[] = [];
  let e = err as (PgLike & { cause?: unknown }) | undefined;
  for (let i = 0; e && typeof e === 'object' && i < 5; i++) {
    out.push(e);
    e = e.cause as typeof e;
  }
  return out;
}

export type DbFailure =
  | { kind: 'unreachable' }
  | { kind: 'busy' }
  | { kind: 'duplicate'; column?: string }
  | { kind: 'reference' }
  | { kind: 'rejected'; sqlState: string };

/** What a failed database call means for the caller, or undefined when it is a bug (a 500). */
export function classifyDbFailure(err: unknown): DbFailure | undefined {
  for (const e of chain(err)) {
    const code = typeof e.code === 'string' ? e.code : undefined;
    const message = typeof e.message === 'string' ? e.message : '';
    if (code && NETWORK_CODES.has(code)) return { kind: 'unreachable' };
    if (UNREACHABLE_MESSAGES.some((re) => re.test(message))) return { kind: 'unreachable' };
    if (!code || !SQLSTATE.test(code)) continue;
    // 08: connection exception; 57P01–03: the server is shutting down or starting; 53300: too many connections.
    if (code.startsWith('08') || /^57P0[123]$/.test(code) || code === '53300') return { kind: 'unreachable' };
    // A serialization failure or a deadlock: nothing was written, the same request succeeds when retried.
    if (code === '40001' || code === '40P01' || code === '55P03') return { kind: 'busy' };
    if (code === '23505') {
      // "Key (code)=(…) already exists": the column name only, never the value.
      const m = typeof e.detail === 'string' ? /^Key \(([a-z_][a-z0-9_]*)\)=/.exec(e.detail) : null;
      return { kind: 'duplicate', column: m?.[1] };
    }
    if (code === '23503') return { kind: 'reference' };
    // 22: data exception (invalid text for a type, a value too long, an unsupported Unicode escape…);
    // 23502/23514: a null or a check the input broke.
    if (code.startsWith('22') || code === '23502' || code === '23514') return { kind: 'rejected', sqlState: code };
  }
  return undefined;
}

export const duplicateMessage: Message = {
  vi: 'Đã có một bản ghi trùng (có thể do một yêu cầu khác gửi cùng lúc). Hãy tải lại trang rồi thử lại với giá trị khác.',
  en: 'A matching record already exists (perhaps from another request sent at the same moment). Reload and try again with another value.',
};
export const referenceMessage: Message = {
  vi: 'Dữ liệu liên quan không còn tồn tại hoặc đang được sử dụng; hãy tải lại trang.',
  en: 'A related record no longer exists or is still in use; reload the page.',
};
export const rejectedMessage: Message = {
  vi: 'Dữ liệu gửi lên không hợp lệ.',
  en: 'The request is not valid.',
};
export const malformedMultipartMessage: Message = {
  vi: 'Nội dung multipart/form-data bị hỏng hoặc không đầy đủ.',
  en: 'The multipart/form-data body is malformed or incomplete.',
};

/** A multipart body busboy could not parse (no boundary, truncated, bad part headers): the client's fault. */
export function isMalformedMultipart(err: unknown, contentType: string | undefined): boolean {
  if (!contentType || !/^multipart\//i.test(contentType.trim())) return false;
  if (!(err instanceof Error) || (err as { statusCode?: number }).statusCode) return false;
  return (
    /[/\\]busboy[/\\]/.test(err.stack ?? '') ||
    /^(Multipart: |Unexpected end of (multipart data|form)|Malformed part header)/.test(err.message)
  );
}

// ——— What may be logged ———

/** drizzle's "Failed query: <sql>\nparams: <values>" keeps the SQL, loses the values (up to the stack frames). */
const PARAMS = /\nparams: [\s\S]*?(?=\n {4}at |$)/g;
/** PostgreSQL quotes offending values after a colon: `invalid input syntax for type uuid: "…"`. */
const QUOTED_VALUE = /: "(?:[^"]|"")*"/g;

/** A log text with query parameters and quoted values removed. */
export function redactText(text: string): string {
  return text.replace(PARAMS, '\nparams: [redacted]').replace(QUOTED_VALUE, ': "[redacted]"');
}

/** The stack frames of an error, without its message (which the error's own redacted message replaces). */
function frames(stack: unknown): string | undefined {
  if (typeof stack !== 'string') return undefined;
  const at = stack.indexOf('\n    at ');
  return at < 0 ? undefined : stack.slice(at + 1);
}

export interface SafeError {
  type?: string;
  message: string;
  code?: string;
  stack?: string;
  table?: string;
  column?: string;
  constraint?: string;
  routine?: string;
  cause?: SafeError;
}

/**
 * An error as it may be written to the log: type, code, redacted message, stack frames, and for PostgreSQL errors
 * the table/column/constraint names. Never query parameters, never the `detail` (which holds row values).
 */
export function safeError(err: unknown, depth = 0): SafeError | string {
  if (typeof err === 'string') return redactText(err);
  if (!err || typeof err !== 'object') return String(err);
  const e = err as PgLike & { name?: unknown; stack?: unknown; query?: unknown; cause?: unknown };
  // drizzle's DrizzleQueryError keeps the SQL in `query` (and PGlite's errors carry `query` and `params` too):
  // rebuild drizzle's message from the SQL rather than trust a regex; never log `params`.
  const text = typeof e.message === 'string' ? e.message : String(e.message ?? '');
  const message =
    typeof e.query === 'string' && text.startsWith('Failed query:')
      ? `Failed query: ${e.query.slice(0, 1000)}\nparams: [redacted]`
      : redactText(text).slice(0, 2000);
  const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
  const out: SafeError = {
    type: err instanceof Error ? err.constructor.name : str(e.name),
    message,
    code: typeof e.code === 'string' || typeof e.code === 'number' ? String(e.code) : undefined,
    stack: frames(e.stack),
    table: str(e.table),
    column: str(e.column),
    constraint: str(e.constraint),
    routine: str(e.routine),
  };
  if (e.cause !== undefined && depth < 3) {
    const cause = safeError(e.cause, depth + 1);
    out.cause = typeof cause === 'string' ? { message: cause } : cause;
  }
  for (const k of Object.keys(out) as (keyof SafeError)[]) if (out[k] === undefined) delete out[k];
  return out;
}
