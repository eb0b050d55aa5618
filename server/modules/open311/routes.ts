import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../platform/context.js';
import { knownFailure, requestLang, Unavailable } from '../../platform/errors.js';
import { safeError } from '../../platform/failures.js';
import { idempotencyKeyOf } from '../../platform/idempotency/index.js';
import {
  describeAppError,
  type Format,
  formatOfUrl,
  open311Error,
  open311Status,
  sendJson,
  sendOpen311Error,
  sendXml,
  splitFormat,
} from './format.js';
import type { Open311Service } from './service.js';
import { fields, type XmlNode, xmlDocument } from './xml.js';

const SPEC = 'http://wiki.open311.org/GeoReport_v2';
/** When this implementation of the endpoint last changed (discovery's changeset). */
const CHANGESET = '2026-11-26T00:00:00+07:00';
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

type Query = Record<string, string | undefined>;
interface PostBody {
  params: Record<string, string>;
  attributes: Record<string, string | string[]>;
}

/** attribute[code]=v and attribute[code][]=v1&attribute[code][]=v2 (multivaluelist), as the spec writes them. */
function collect(entries: Iterable<[string, unknown]>): PostBody {
  const params: Record<string, string> = {};
  const attributes: Record<string, string | string[]> = {};
  for (const [key, raw] of entries) {
    if (key === 'attribute' && raw && typeof raw === 'object' && !Array.isArray(raw)) {
      for (const [code, v] of Object.entries(raw as Record<string, unknown>))
        attributes[code] = Array.isArray(v) ? v.map(String) : String(v);
      continue;
    }
    const value = Array.isArray(raw) ? raw.map(String) : raw === null || raw === undefined ? '' : String(raw);
    const m = /^attribute\[([^\]]+)\](\[\])?$/.exec(key);
    if (m) {
      if (m[2]) {
        const prev = attributes[m[1]];
        attributes[m[1]] = [...(Array.isArray(prev) ? prev : prev ? [prev] : []), ...[value].flat()];
      } else attributes[m[1]] = value;
    } else params[key] = Array.isArray(value) ? (value.at(-1) ?? '') : value;
  }
  return { params, attributes };
}

/** Open311 GeoReport v2 at /open311/v2: JSON and XML, Open311-style errors for everything under /open311. */
export async function open311Routes(app: FastifyInstance, opts: { ctx: AppContext; open311: Open311Service }) {
  const service = opts.open311;
  const base = `${opts.ctx.config.PUBLIC_URL}/open311/v2`;

  // The spec's POST is form-encoded; JSON bodies work too (the platform's strict JSON parser).
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'buffer' }, (_req, body, done) => {
    try {
      const text = strictUtf8.decode(body as Buffer);
      if (text.includes('\0') || /%00/i.test(text)) throw new Error('nul');
      // Percent-encoded bytes must be UTF-8 too (an encoded lone surrogate, %ED%A0%80, is refused, not stored as "�").
      for (const part of text.split(/[&=]/)) decodeURIComponent(part.replace(/\+/g, ' '));
      done(null, collect(new URLSearchParams(text).entries()));
    } catch {
      done(
        open311Error(400, 'Nội dung gửi lên không hợp lệ (UTF-8).', 'The body is not valid UTF-8 form data.'),
        undefined,
      );
    }
  });

  app.setErrorHandler((err: FastifyError, req, reply) => {
    const format = formatOfUrl(req.url);
    // AppErrors, and failures that are not bugs (database unreachable → 503 + Retry-After, duplicate → 409…).
    const known = knownFailure(err, req);
    if (known instanceof Unavailable) reply.header('retry-after', String(known.retryAfterSeconds));
    if (known) return sendOpen311Error(reply, format, open311Status(known.status), describeAppError(req, known));
    const status = err.statusCode ?? 500;
    if (status >= 400 && status < 500)
      return sendOpen311Error(reply, format, open311Status(status), err.message.slice(0, 200));
    req.log.error({ err: safeError(err) }, 'open311 error');
    return sendOpen311Error(reply, format, 500, 'Hệ thống gặp lỗi; vui lòng thử lại. / Internal error; please retry.');
  });

  // Errors answered before our handlers run (an unknown or revoked Bearer key, rate limits) come in the platform's
  // shape: say them the Open311 way too.
  app.addHook('onSend', async (req, reply, payload) => {
    // Public data and key-authenticated writes: any web page may call Open311 (no cookies are honoured by it).
    reply.header('access-control-allow-origin', '*');
    reply.header('cross-origin-resource-policy', 'cross-origin');
    if (reply.statusCode < 400 || typeof payload !== 'string' || !payload.startsWith('{"error"')) return payload;
    const { error } = JSON.parse(payload) as { error: { code: string; message: string } };
    const status = error.code === 'invalid_api_key' ? 403 : open311Status(reply.statusCode);
    const format = formatOfUrl(req.url);
    reply.code(status);
    if (format === 'xml') {
      reply.type('text/xml; charset=utf-8');
      return xmlDocument('errors', [
        [
          'error',
          [
            ['code', status],
            ['description', error.message],
          ],
        ],
      ]);
    }
    reply.type('application/json; charset=utf-8');
    return JSON.stringify([{ code: status, description: error.message }]);
  });

  const file = (req: FastifyRequest<{ Params: { file: string } }>) => {
    const f = splitFormat(req.params.file);
    if (!f) throw open311Error(404, 'Cần đuôi .json hoặc .xml.', 'Use a .json or .xml resource.');
    return f;
  };
  const send = (reply: FastifyReply, format: Format, root: string, item: string, list: Record<string, unknown>[]) =>
    format === 'json'
      ? sendJson(reply, list)
      : sendXml(
          reply,
          root,
          list.map((o) => [item, toXml(o)] as XmlNode),
        );

  app.get<{ Params: { file: string }; Querystring: Query }>(
    '/open311/v2/:file',
    { schema: { hide: true } },
    async (req, reply) => {
      const { id, format } = file(req);
      const q = req.query;
      const lang = requestLang(req);
      if (id === 'discovery') {
        const doc = {
          changeset: CHANGESET,
          contact: `Ủy ban nhân dân tỉnh — ${opts.ctx.config.PUBLIC_URL}`,
          key_service: 'Quản trị viên cấp tỉnh cấp khóa API (api_key) trong mục Quản trị › Khóa API.',
          endpoints: [
            {
              specification: SPEC,
              url: base,
              changeset: CHANGESET,
              type: 'production',
              formats: ['text/xml', 'application/json'],
            },
          ],
        };
        if (format === 'json') return sendJson(reply, doc);
        return sendXml(reply, 'discovery', [
          ['changeset', doc.changeset],
          ['contact', doc.contact],
          ['key_service', doc.key_service],
          [
            'endpoints',
            doc.endpoints.map(
              (e): XmlNode => [
                'endpoint',
                [
                  ...fields({ specification: e.specification, url: e.url, changeset: e.changeset, type: e.type }),
                  ['formats', e.formats.map((f): XmlNode => ['format', f])],
                ],
              ],
            ),
          ],
        ]);
      }
      if (id === 'services')
        return send(reply, format, 'services', 'service', await service.services(q.jurisdiction_id, lang));
      if (id === 'requests')
        return send(
          reply,
          format,
          'service_requests',
          'request',
          await service.getRequests(
            {
              jurisdictionId: q.jurisdiction_id,
              ids: q.service_request_id,
              serviceCode: q.service_code,
              startDate: q.start_date,
              endDate: q.end_date,
              status: q.status,
            },
            lang,
          ),
        );
      throw open311Error(404, 'Không có tài nguyên này.', 'No such resource.');
    },
  );

  app.post<{ Params: { file: string }; Querystring: Query; Body: unknown }>(
    '/open311/v2/:file',
    { schema: { hide: true } },
    async (req, reply) => {
      const { id, format } = file(req);
      if (id !== 'requests') throw open311Error(404, 'Không có tài nguyên này.', 'No such resource.');
      const body: PostBody =
        req.body &&
        typeof req.body === 'object' &&
        'params' in (req.body as object) &&
        'attributes' in (req.body as object)
          ? (req.body as PostBody)
          : collect(Object.entries((req.body as Record<string, unknown>) ?? {}));
      const p = { ...collect(Object.entries(req.query)).params, ...body.params };
      const idem = idempotencyKeyOf(req.headers);
      const created = await service.postRequest(
        p.api_key,
        req.actor,
        {
          jurisdictionId: p.jurisdiction_id,
          serviceCode: p.service_code,
          lat: p.lat,
          long: p.long,
          addressString: p.address_string,
          addressId: p.address_id,
          firstName: p.first_name,
          lastName: p.last_name,
          phone: p.phone,
          description: p.description,
          // media_url is ignored: the server never fetches outside addresses.
          attributes: body.attributes,
        },
        idem,
      );
      return send(reply, format, 'service_requests', 'request', [created]);
    },
  );

  for (const [resource, root] of [
    ['services', 'service_definition'],
    ['requests', 'service_requests'],
    ['tokens', 'service_requests'],
  ] as const) {
    app.get<{ Params: { file: string }; Querystring: Query }>(
      `/open311/v2/${resource}/:file`,
      { schema: { hide: true } },
      async (req, reply) => {
        const { id, format } = file(req);
        const j = req.query.jurisdiction_id;
        const lang = requestLang(req);
        if (resource === 'services') {
          const def = await service.serviceDefinition(j, id, lang);
          return format === 'json' ? sendJson(reply, def) : sendXml(reply, root, toXml(def));
        }
        const one = resource === 'requests' ? await service.getRequest(j, id, lang) : await service.fromToken(j, id);
        return send(reply, format, root, 'request', [one]);
      },
    );
  }

  // Browsers ask before a POST with an Authorization or Idempotency-Key header.
  app.options('/open311/*', { schema: { hide: true } }, async (_req, reply) =>
    reply
      .code(204)
      .header('access-control-allow-methods', 'GET, POST')
      .header('access-control-allow-headers', 'Content-Type, Authorization, Idempotency-Key')
      .header('access-control-max-age', '86400')
      .send(),
  );

  app.route({
    method: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
    url: '/open311/*',
    schema: { hide: true },
    handler: async () => {
      throw open311Error(404, 'Không có tài nguyên Open311 này.', 'No such Open311 resource.');
    },
  });
}

/** An Open311 JSON object as XML children: arrays become repeated singular elements (attributes → attribute). */
function toXml(obj: Record<string, unknown>): XmlNode[] {
  return Object.entries(obj).map(([k, v]): XmlNode => {
    if (Array.isArray(v)) {
      const item = k === 'values' ? 'value' : k === 'attributes' ? 'attribute' : k.replace(/s$/, '');
      return [
        k,
        v.map((x): XmlNode => [item, typeof x === 'object' && x ? toXml(x as Record<string, unknown>) : String(x)]),
      ];
    }
    if (v && typeof v === 'object') return [k, toXml(v as Record<string, unknown>)];
    return [k, v as string | number | boolean | null];
  });
}
