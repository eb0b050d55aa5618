import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import {
  classifyDbFailure,
  duplicateMessage,
  isMalformedMultipart,
  malformedMultipartMessage,
  referenceMessage,
  rejectedMessage,
  safeError,
} from './failures.js';
import { type Lang, langFromHeader, type Message } from './i18n.js';

/** Per-field messages, in both languages, keyed by the field's path ("phone", "rows.3.name"). */
export type FieldMessages = Record<string, Message>;

/**
 * The one error the services throw for anything the user can fix or should know. The HTTP layer renders it as
 * `{ error: { code, message, fields } }` in the caller's language.
 */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly text: Message,
    readonly fields?: FieldMessages,
  ) {
    super(text.en);
  }
}

/** A 429 that tells the client when to come back (sent as Retry-After, in seconds). */
export class RateLimited extends AppError {
  constructor(
    readonly retryAfterSeconds: number,
    text: Message,
  ) {
    super(429, 'rate_limited', text);
  }
}

/** 503: the server cannot answer now (overloaded, database unreachable); the client should retry after a while. */
export class Unavailable extends AppError {
  constructor(
    readonly retryAfterSeconds: number,
    code = 'unavailable',
    text: Message = {
      vi: 'Hệ thống tạm thời không phục vụ được. Dữ liệu của bạn chưa bị thay đổi; vui lòng thử lại sau ít phút.',
      en: 'The service is temporarily unavailable. Nothing was changed; please try again shortly.',
    },
  ) {
    super(503, code, text);
  }
}

/** 503 when the server sheds load (event-loop delay, heap, requests in flight over the limit). */
export class Overloaded extends Unavailable {
  constructor(retryAfterSeconds = 5) {
    super(retryAfterSeconds, 'overloaded', {
      vi: 'Hệ thống đang quá tải. Dữ liệu của bạn chưa bị thay đổi; vui lòng thử lại sau ít giây.',
      en: 'The server is busy. Nothing was changed; please try again in a few seconds.',
    });
  }
}

export const errors = {
  badRequest: (code: string, text: Message, fields?: FieldMessages) => new AppError(400, code, text, fields),
  invalidField: (field: string, text: Message) =>
    new AppError(400, 'invalid_input', { vi: 'Dữ liệu không hợp lệ.', en: 'Invalid input.' }, { [field]: text }),
  unauthenticated: () =>
    new AppError(401, 'unauthenticated', {
      vi: 'Bạn cần đăng nhập để thực hiện thao tác này.',
      en: 'You need to sign in to do this.',
    }),
  forbidden: () =>
    new AppError(403, 'forbidden', {
      vi: 'Bạn không có quyền thực hiện thao tác này.',
      en: 'You are not allowed to do this.',
    }),
  notFound: (what: Message) =>
    new AppError(404, 'not_found', { vi: `Không tìm thấy ${what.vi}.`, en: `${what.en} not found.` }),
  conflict: (code: string, text: Message, fields?: FieldMessages) => new AppError(409, code, text, fields),
  tooMany: (text?: Message) =>
    new AppError(
      429,
      'rate_limited',
      text ?? { vi: 'Bạn thao tác quá nhanh, vui lòng thử lại sau.', en: 'Too many requests; please try again later.' },
    ),
};

export function render(lang: Lang, e: AppError) {
  const fields = e.fields ? Object.fromEntries(Object.entries(e.fields).map(([k, m]) => [k, m[lang]])) : undefined;
  return { error: { code: e.code, message: e.text[lang], ...(fields ? { fields } : {}) } };
}

export function requestLang(req: FastifyRequest): Lang {
  return langFromHeader(req.headers['accept-language']);
}

export function sendError(req: FastifyRequest, reply: FastifyReply, e: AppError) {
  if (e instanceof RateLimited || e instanceof Unavailable) reply.header('retry-after', String(e.retryAfterSeconds));
  // Messages may quote what the caller sent ("unit <x> not found"): < and > go out as \u003c/\u003e, the same JSON
  // value, so no error body ever holds markup even when a client renders it carelessly.
  const json = JSON.stringify(render(requestLang(req), e))
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e');
  return reply.code(e.status).type('application/json; charset=utf-8').serializer(String).send(json);
}

interface ZodLikeIssue {
  code: string;
  path: PropertyKey[];
  message: string;
  expected?: string;
  minimum?: number | bigint;
  maximum?: number | bigint;
  keys?: string[];
  origin?: string;
  format?: string;
}

/** A zod issue in words a citizen understands. */
export function describeIssue(issue: ZodLikeIssue): Message {
  // A schema's own bilingual message ("vi | en", on a regex, refinement or any check) says it best.
  if (issue.message.includes(' | ')) {
    const [vi, en] = issue.message.split(' | ');
    return { vi, en };
  }
  switch (issue.code) {
    case 'invalid_type':
      return issue.message.includes('received undefined')
        ? { vi: 'Vui lòng nhập thông tin này.', en: 'Please fill this in.' }
        : { vi: 'Sai kiểu dữ liệu.', en: `Expected ${issue.expected ?? 'another type'}.` };
    case 'too_small':
      return issue.origin === 'string'
        ? { vi: `Cần ít nhất ${issue.minimum} ký tự.`, en: `Must be at least ${issue.minimum} characters.` }
        : issue.origin === 'array'
          ? { vi: `Cần ít nhất ${issue.minimum} mục.`, en: `Needs at least ${issue.minimum} items.` }
          : { vi: `Giá trị nhỏ nhất là ${issue.minimum}.`, en: `Must be at least ${issue.minimum}.` };
    case 'too_big':
      return issue.origin === 'string'
        ? { vi: `Tối đa ${issue.maximum} ký tự.`, en: `At most ${issue.maximum} characters.` }
        : issue.origin === 'array'
          ? { vi: `Tối đa ${issue.maximum} mục.`, en: `At most ${issue.maximum} items.` }
          : { vi: `Giá trị lớn nhất là ${issue.maximum}.`, en: `Must be at most ${issue.maximum}.` };
    case 'unrecognized_keys':
      return { vi: 'Trường không được hỗ trợ.', en: 'Unknown field.' };
    case 'invalid_value':
      return { vi: 'Giá trị không nằm trong danh sách cho phép.', en: 'Value is not one of the allowed values.' };
    case 'invalid_format':
      if (issue.format === 'email') return { vi: 'Email không đúng dạng.', en: 'This is not a valid e-mail address.' };
      if (issue.format === 'date') return { vi: 'Ngày không đúng dạng.', en: 'This is not a valid date.' };
      return { vi: 'Không đúng định dạng.', en: `Invalid format${issue.format ? ` (${issue.format})` : ''}.` };
    default:
      return { vi: 'Giá trị không hợp lệ.', en: 'Invalid value.' };
  }
}

/** zod issues → the field map of the error shape. Unknown keys are named one by one. */
export function fieldsFromIssues(issues: ZodLikeIssue[], prefix?: string): FieldMessages {
  const fields: FieldMessages = {};
  for (const issue of issues) {
    const base = [prefix, ...issue.path.map(String)].filter(Boolean).join('.');
    if (issue.code === 'unrecognized_keys' && issue.keys) {
      for (const k of issue.keys) fields[base ? `${base}.${k}` : k] = describeIssue(issue);
    } else {
      fields[base || prefix || 'body'] ??= describeIssue(issue);
    }
  }
  return fields;
}

const invalidInput: Message = { vi: 'Dữ liệu gửi lên không hợp lệ.', en: 'The request is not valid.' };

/** Seconds a client waits before retrying when the database cannot be reached. */
export const DB_RETRY_AFTER_SECONDS = 5;

const camel = (column: string) => column.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());

/**
 * A failure that is not a bug, as the AppError the caller should get: the database unreachable (503 + Retry-After),
 * a unique key taken by a parallel request (409), data the database refuses (400), a broken multipart body (400).
 * Undefined for everything else (a 500). Open311 uses it too.
 */
export function knownFailure(err: unknown, req: FastifyRequest): AppError | undefined {
  if (err instanceof AppError) return err;
  if (isMalformedMultipart(err, req.headers['content-type']))
    return new AppError(400, 'malformed_body', malformedMultipartMessage, { body: malformedMultipartMessage });
  const db = classifyDbFailure(err);
  if (!db) return undefined;
  switch (db.kind) {
    case 'unreachable':
      return new Unavailable(DB_RETRY_AFTER_SECONDS);
    case 'busy':
      return new Unavailable(1, 'busy', {
        vi: 'Hệ thống đang bận với một thao tác khác trên cùng dữ liệu; vui lòng thử lại.',
        en: 'Another change to the same data was in progress; please try again.',
      });
    case 'duplicate': {
      // Name the field when the unique column is one the caller sent.
      const body = req.body && typeof req.body === 'object' ? (req.body as Record<string, unknown>) : {};
      const field = db.column && camel(db.column) in body ? camel(db.column) : undefined;
      return new AppError(409, 'duplicate', duplicateMessage, field ? { [field]: duplicateMessage } : undefined);
    }
    case 'reference':
      return new AppError(409, 'conflict', referenceMessage);
    case 'rejected':
      return new AppError(400, 'invalid_input', rejectedMessage, { body: rejectedMessage });
  }
}

/** Turns every failure into the one error shape; nothing malformed becomes a 500. */
export function registerErrorHandling(app: FastifyInstance) {
  app.setErrorHandler((err: FastifyError, req, reply) => {
    if (err instanceof AppError) return sendError(req, reply, err);
    if (hasZodFastifySchemaValidationErrors(err)) {
      const ctx = err.validationContext ?? 'body';
      // fastify-type-provider-zod 7 spreads the zod issue into `params` minus path/code/message: rebuild it.
      const issues = err.validation.map(
        (v): ZodLikeIssue =>
          (v.params.issue as ZodLikeIssue | undefined) ?? {
            ...(v.params as Omit<ZodLikeIssue, 'code' | 'path' | 'message'>),
            code: v.keyword,
            path: v.instancePath.split('/').filter(Boolean),
            message: v.message ?? '',
          },
      );
      const prefix = ctx === 'body' ? undefined : ctx;
      return sendError(req, reply, new AppError(400, 'invalid_input', invalidInput, fieldsFromIssues(issues, prefix)));
    }
    const known = knownFailure(err, req);
    if (known) {
      // Not a bug, but worth seeing in the log (the code and names only: never values).
      if (known.status >= 500 || known.code === 'invalid_input')
        req.log.warn({ err: safeError(err), code: known.code }, 'request failed');
      return sendError(req, reply, known);
    }
    const status = err.statusCode ?? 500;
    if (status === 413 || err.code === 'FST_ERR_CTP_BODY_TOO_LARGE')
      return sendError(
        req,
        reply,
        new AppError(413, 'payload_too_large', {
          vi: 'Dữ liệu gửi lên quá lớn.',
          en: 'The request body is too large.',
        }),
      );
    if (status === 415 || err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE')
      return sendError(
        req,
        reply,
        new AppError(415, 'unsupported_media_type', {
          vi: 'Kiểu nội dung không được hỗ trợ; hãy gửi JSON.',
          en: 'Unsupported content type; send JSON.',
        }),
      );
    if (status === 429) return sendError(req, reply, errors.tooMany());
    if (status >= 400 && status < 500) {
      const malformed =
        err.code === 'FST_ERR_CTP_INVALID_JSON_BODY' ||
        err.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' ||
        err instanceof SyntaxError;
      return sendError(
        req,
        reply,
        new AppError(
          status,
          malformed ? 'malformed_body' : 'bad_request',
          malformed
            ? { vi: 'Nội dung gửi lên không phải JSON hợp lệ.', en: 'The body is not valid JSON.' }
            : invalidInput,
        ),
      );
    }
    req.log.error({ err: safeError(err) }, 'unhandled error');
    return sendError(
      req,
      reply,
      new AppError(500, 'internal', {
        vi: 'Hệ thống gặp lỗi. Dữ liệu của bạn chưa bị thay đổi; vui lòng thử lại.',
        en: 'Something went wrong. Nothing was changed; please try again.',
      }),
    );
  });
}

export const routeNotFound = () =>
  new AppError(404, 'not_found', { vi: 'Không tìm thấy địa chỉ này.', en: 'No such address.' });
