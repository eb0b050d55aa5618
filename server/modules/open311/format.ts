import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError, requestLang } from '../../platform/errors.js';
import { type XmlNode, xmlDocument } from './xml.js';

export type Format = 'json' | 'xml';

/** Splits "PA-26-000123.json" into the resource id and its format; null when the extension is not ours. */
export function splitFormat(file: string): { id: string; format: Format } | null {
  const m = /^(.+)\.(json|xml)$/i.exec(file);
  return m ? { id: m[1], format: m[2].toLowerCase() as Format } : null;
}

/** The format a failing request asked for (by its extension); JSON when it named none. */
export function formatOfUrl(url: string): Format {
  return /\.xml(\?|$)/i.test(url) ? 'xml' : 'json';
}

export function sendJson(reply: FastifyReply, body: unknown, status = 200) {
  return reply.code(status).type('application/json; charset=utf-8').send(JSON.stringify(body));
}

export function sendXml(reply: FastifyReply, root: string, children: XmlNode[], status = 200) {
  return reply.code(status).type('text/xml; charset=utf-8').send(xmlDocument(root, children));
}

/** One Open311 error: `[{"code":400,"description":"…"}]` or `<errors><error>…</error></errors>`. */
export function sendOpen311Error(reply: FastifyReply, format: Format, status: number, description: string) {
  if (format === 'xml')
    return sendXml(
      reply,
      'errors',
      [
        [
          'error',
          [
            ['code', status],
            ['description', description],
          ],
        ],
      ],
      status,
    );
  return sendJson(reply, [{ code: status, description }], status);
}

/** An AppError as an Open311 error, with field messages folded into the description (in the caller's language). */
export function describeAppError(req: FastifyRequest, e: AppError): string {
  const lang = requestLang(req);
  const fieldText = e.fields
    ? Object.entries(e.fields)
        .map(([k, m]) => `${k}: ${m[lang]}`)
        .join('; ')
    : '';
  return fieldText ? `${e.text[lang]} ${fieldText}` : e.text[lang];
}

/** Open311 wants 403 for a missing or wrong api_key, 404 for what does not exist and 400 for the rest. */
export function open311Status(status: number): number {
  if (status === 401 || status === 403) return 403;
  if (status === 404) return 404;
  if (status === 429 || status === 413 || status === 415 || status === 503) return status; // 503: retry later
  return status >= 500 ? 500 : 400;
}

export const open311Error = (status: number, vi: string, en: string) => new AppError(status, 'open311', { vi, en });
