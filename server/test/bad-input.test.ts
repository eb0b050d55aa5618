/**
 * Every endpoint in the OpenAPI document gets malformed input: broken JSON, wrong types, unknown fields,
 * a huge body, invalid UTF-8, NUL bytes, and SQL/HTML injection strings in every string field, query parameter and
 * path parameter. None may answer 5xx, and every error must have the one error shape. New endpoints are covered
 * automatically as soon as they are registered.
 */
import { randomUUID } from 'node:crypto';
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from './factories.js';
import { createTestApp, type TestApp } from './harness.js';

type Schema = {
  type?: string | string[];
  properties?: Record<string, Schema>;
  items?: Schema;
  enum?: unknown[];
  format?: string;
  anyOf?: Schema[];
  minimum?: number;
};
interface Operation {
  method: string;
  path: string;
  pathParams: string[];
  queryParams: { name: string; schema: Schema }[];
  body?: Schema;
}

const NASTY = [
  "'; DROP TABLE units; --",
  '" OR 1=1 --',
  '<script>alert("x")</script>',
  '<img src=x onerror=alert(1)>',
  '../../../etc/passwd',
  '\u0000nul',
  'x'.repeat(20_000),
  'Định Hoá'.normalize('NFD'),
  '🙂🚀',
  '%00%27',
  '{"$ne":null}',
];

/** Each sweep is hundreds of requests over every endpoint: a ceiling for a busy CI machine, not a timed assertion. */
const SWEEP_TIMEOUT = 180_000;
let t: TestApp;
let adminId: string;
/** A fresh province-admin session per request: some endpoints (sign-out) end the session they are called with. */
const admin = () => t.sessionHeaders(adminId);
let operations: Operation[] = [];

function sample(schema: Schema | undefined, depth = 0): unknown {
  if (!schema || depth > 4) return 'x';
  if (schema.enum) return schema.enum[0];
  if (schema.anyOf) return sample(schema.anyOf.find((s) => s.type !== 'null') ?? schema.anyOf[0], depth + 1);
  const type = Array.isArray(schema.type) ? schema.type.find((x) => x !== 'null') : schema.type;
  switch (type) {
    case 'object':
      return Object.fromEntries(Object.entries(schema.properties ?? {}).map(([k, v]) => [k, sample(v, depth + 1)]));
    case 'array':
      return [sample(schema.items, depth + 1)];
    case 'integer':
    case 'number':
      return schema.minimum ?? 1;
    case 'boolean':
      return true;
    default:
      if (schema.format === 'uuid') return randomUUID();
      if (schema.format === 'date-time') return new Date().toISOString();
      if (schema.format === 'email') return 'a@example.com';
      return 'x';
  }
}

function pathWith(op: Operation, value: (name: string) => string) {
  return op.path.replace(/\{(\w+)\}/g, (_, name) => encodeURIComponent(value(name)));
}
const plausible = (name: string) => (/id$/i.test(name) ? randomUUID() : name === 'code' ? '05569' : '19');

beforeAll(async () => {
  // Hundreds of requests a minute from one address: the rate limit is not what this sweep tests.
  t = await createTestApp({ RATE_LIMIT_PER_MINUTE: '1000000' });
  adminId = (await createUser(t.db, { role: 'province_admin', unitCode: '19' })).id;
  const doc = (await t.app.inject('/api/openapi.json')).json() as {
    paths: Record<string, Record<string, any>>;
  };
  operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods)
      .filter(([m]) => ['get', 'post', 'put', 'patch', 'delete'].includes(m))
      .map(([method, op]) => ({
        method: method.toUpperCase(),
        path,
        pathParams: (op.parameters ?? []).filter((p: any) => p.in === 'path').map((p: any) => p.name),
        queryParams: (op.parameters ?? [])
          .filter((p: any) => p.in === 'query')
          .map((p: any) => ({ name: p.name, schema: p.schema })),
        body: op.requestBody?.content?.['application/json']?.schema,
      })),
  );
});
afterAll(() => t.close());

async function expectHandled(label: string, req: InjectOptions) {
  const res = await t.app.inject(req);
  expect(res.statusCode, `${label} → ${res.statusCode} ${res.body.slice(0, 300)}`).toBeLessThan(500);
  if (res.statusCode >= 400) {
    const body = res.json();
    expect(body.error?.code, label).toEqual(expect.any(String));
    expect(body.error?.message, label).toEqual(expect.any(String));
    expect(res.body, label).not.toContain('<script>');
  }
  return res;
}

describe('malformed input never yields a 500', () => {
  it('finds the endpoints to test in the OpenAPI document', () => {
    expect(operations.length).toBeGreaterThan(0);
  });

  it(
    'broken JSON, empty and non-JSON bodies, invalid UTF-8 and NUL bytes are 4xx',
    async () => {
      for (const op of operations.filter((o) => o.method !== 'GET')) {
        const url = pathWith(op, plausible);
        const base = { method: op.method as InjectOptions['method'], url, headers: { ...(await admin()) } };
        const json = { ...base.headers, 'content-type': 'application/json' };
        await expectHandled(`${op.method} ${op.path} broken json`, { ...base, headers: json, payload: '{"a": ' });
        await expectHandled(`${op.method} ${op.path} array`, { ...base, headers: json, payload: '[1,2,3]' });
        await expectHandled(`${op.method} ${op.path} string`, { ...base, headers: json, payload: '"hello"' });
        await expectHandled(`${op.method} ${op.path} invalid utf8`, {
          ...base,
          headers: json,
          payload: Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xc3, 0x28, 0xff, 0x22, 0x7d]),
        });
        await expectHandled(`${op.method} ${op.path} NUL`, { ...base, headers: json, payload: '{"name":"a\\u0000b"}' });
        await expectHandled(`${op.method} ${op.path} text/plain`, {
          ...base,
          headers: { ...base.headers, 'content-type': 'text/plain' },
          payload: 'hello',
        });
      }
    },
    SWEEP_TIMEOUT,
  );

  it('a body over the limit is 413', async () => {
    const big = JSON.stringify({ name: 'x'.repeat(2_000_000) });
    for (const op of operations.filter((o) => o.method !== 'GET' && o.body)) {
      const res = await expectHandled(`${op.method} ${op.path} huge`, {
        method: op.method as InjectOptions['method'],
        url: pathWith(op, plausible),
        headers: { ...(await admin()), 'content-type': 'application/json' },
        payload: big,
      });
      expect(res.statusCode, `${op.method} ${op.path}`).toBe(413);
    }
  });

  it(
    'wrong types and unknown fields are 400 naming the field',
    async () => {
      for (const op of operations.filter((o) => o.body?.properties)) {
        const valid = sample(op.body) as Record<string, unknown>;
        const url = pathWith(op, plausible);
        for (const key of Object.keys(op.body!.properties!)) {
          for (const wrong of [{ $ne: 1 }, [1, 2], 12345, null, true]) {
            const res = await expectHandled(`${op.method} ${op.path} ${key}=${JSON.stringify(wrong)}`, {
              method: op.method as InjectOptions['method'],
              url,
              headers: await admin(),
              payload: { ...valid, [key]: wrong },
            });
            if (res.statusCode === 400 && res.json().error.code === 'invalid_input')
              expect(Object.keys(res.json().error.fields ?? {}).length, `${op.path} ${key}`).toBeGreaterThan(0);
          }
        }
        const res = await expectHandled(`${op.method} ${op.path} unknown field`, {
          method: op.method as InjectOptions['method'],
          url,
          headers: await admin(),
          payload: { ...valid, zzUnknownField: 1 },
        });
        if (res.statusCode === 400 && res.json().error.code === 'invalid_input')
          expect(res.json().error.fields).toHaveProperty('zzUnknownField');
      }
    },
    SWEEP_TIMEOUT,
  );

  it(
    'injection strings in string fields, query and path parameters are handled',
    async () => {
      for (const op of operations) {
        for (const nasty of NASTY) {
          const query = Object.fromEntries(op.queryParams.map((p) => [p.name, nasty]));
          const req: InjectOptions = {
            method: op.method as InjectOptions['method'],
            url: pathWith(op, () => nasty),
            query,
            headers: await admin(),
          };
          if (op.body?.properties) {
            const valid = sample(op.body) as Record<string, unknown>;
            req.payload = Object.fromEntries(
              Object.entries(valid).map(([k, v]) => [k, typeof v === 'string' ? nasty : v]),
            );
          }
          await expectHandled(`${op.method} ${op.path} nasty=${nasty.slice(0, 20)}`, req);
          await expectHandled(`${op.method} ${op.path} anonymous nasty`, { ...req, headers: {} });
        }
      }
    },
    SWEEP_TIMEOUT,
  );
});
