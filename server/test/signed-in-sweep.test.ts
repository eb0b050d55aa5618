/**
 * The bad-input sweep again, signed in as the people who really call each endpoint (province administrator and the
 * endpoint's natural actor: the commune administrator, the handling officer, the report's citizen), with CSRF
 * tokens, on real resources (a report with a photo, a hamlet, a handling unit, a category, a rule, a key, the seeded
 * catalog's VNeID guide and step, a seeded course with its first lesson and an uploaded image), so that
 * requests get past authentication into the handlers. Over every endpoint of the OpenAPI document and Open311:
 * - a query parameter given twice → 400 naming it (no schema here takes a list);
 * - a lone surrogate ("\ud800") in any string field of a JSON body → 400 naming the field;
 * - broken multipart bodies → 4xx;
 * - injection strings in every string field of an otherwise valid body;
 * never a 5xx, always the one error shape. And the CSRF sweep: every cookie-authenticated write, with a valid session
 * but no or a wrong X-CSRF-Token, is 403 and writes nothing.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { InjectOptions } from 'fastify';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { categoryId, DINH_HOA, handlingUnitId } from '../modules/feedback/test-support.js';
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
  pattern?: string;
};
interface Operation {
  method: InjectOptions['method'];
  path: string;
  queryParams: string[];
  body?: Schema;
}
type Actor = 'province_admin' | 'commune_admin' | 'officer' | 'citizen';
/** Each sweep is hundreds of requests: a ceiling for a busy CI machine, not a timed assertion. */
const SWEEP_TIMEOUT = 180_000;

let t: TestApp;
let dataDir: string;
let operations: Operation[] = [];
const ids: Record<string, string> = {};
const userIds = {} as Record<Actor, string>;
/** A fresh session (for requests that reach handlers: some end the session they are called with). */
const headers = (who: Actor) => t.sessionHeaders(userIds[who]);
/** One session per actor, for requests refused before any handler runs (cheaper: no session written per request). */
const shared = {} as Record<Actor, Record<string, string>>;

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
      if (schema.format === 'uuid') return ids.category;
      if (schema.format === 'date-time') return new Date().toISOString();
      if (schema.format === 'email') return 'a@example.com';
      return 'x';
  }
}

/** Real values for the path parameters, by resource. */
function pathOf(op: Operation) {
  return op.path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const p = op.path;
    let v: string;
    const catalog = p.startsWith('/api/catalog/guides')
      ? ids.catalogGuide
      : p.startsWith('/api/catalog/steps')
        ? ids.catalogStep
        : null;
    const course = p.startsWith('/api/courses/media')
      ? ids.courseMedia
      : p.startsWith('/api/courses')
        ? ids.course
        : null;
    if (name === 'id' && catalog) v = catalog;
    else if (name === 'id' && course) v = course;
    else if (name === 'lessonId') v = ids.courseLesson;
    else if (name === 'variant') v = '480';
    else if (name === 'id')
      v = p.startsWith('/api/accounts')
        ? userIds.citizen
        : p.startsWith('/api/api-keys')
          ? ids.apiKey
          : p.startsWith('/api/handling-units')
            ? ids.handlingUnit
            : p.startsWith('/api/feedback/categories')
              ? ids.category
              : p.startsWith('/api/feedback/routing-rules')
                ? ids.rule
                : p.startsWith('/api/reports')
                  ? ids.report
                  : p.startsWith('/api/teams')
                    ? ids.team
                    : p.startsWith('/api/team-members')
                      ? ids.teamMember
                      : p.startsWith('/api/training/sessions')
                        ? ids.trainingSession
                        : ids.unknown;
    else if (name === 'code' && p.startsWith('/api/indicators')) v = 'reports.received';
    else if (name === 'code') v = p === '/api/units/{code}' ? ids.hamlet : '05569';
    else if (name === 'photoId') v = ids.photo;
    else if (name === 'siteId') v = ids.trainingSite;
    else if (name === 'publicCode') v = ids.publicCode;
    else if (name === 'province') v = '19';
    else if (name === 'serial') v = ids.certificateSerial;
    else if (name === 'slug') v = 'vneid';
    else if (name === 'date') v = '2031-01-02';
    else v = ids.unknown;
    return encodeURIComponent(v);
  });
}

/** Who calls an endpoint in real life (besides the province administrator). */
function naturalActor(op: Operation): Actor {
  const p = op.path;
  if (/^\/api\/reports\/\{id\}\/(answer|accept|forward|request-information|notes|cancel|photos)/.test(p))
    return 'officer';
  if (p.startsWith('/api/reports/inbox') || p.startsWith('/api/reports/screening')) return 'officer';
  if (p.startsWith('/api/units') || p.startsWith('/api/team')) return 'commune_admin';
  if (
    p.startsWith('/api/reports') ||
    p.startsWith('/api/public') ||
    p.startsWith('/api/auth') ||
    p.startsWith('/api/notifications')
  )
    return 'citizen';
  return 'province_admin';
}

/** Bodies the OpenAPI document does not describe (JSON or multipart endpoints). */
const knownBodies: Record<string, () => Record<string, unknown>> = {
  'POST /api/reports': () => ({
    categoryId: ids.category,
    description: 'Đèn đường hỏng.',
    lat: DINH_HOA.lat,
    lng: DINH_HOA.lng,
  }),
  'POST /api/reports/{id}/answer': () => ({ text: 'Đã sửa xong.' }),
  'POST /api/indicators/entries': () => ({
    indicator: 'ext.online_dossiers',
    unitCode: '05569',
    month: '2026-01',
    subject: 'UBND xã',
    numerator: 5,
    denominator: 10,
    note: 'x',
    reason: 'xyz',
  }),
  'PUT /api/indicators/targets': () => ({
    indicator: 'ext.online_dossiers',
    unitCode: '19',
    fromMonth: '2026-01',
    value: 55,
  }),
};
const bodyOf = (op: Operation): Record<string, unknown> | undefined =>
  knownBodies[`${op.method} ${op.path}`]?.() ??
  (op.body?.properties ? (sample(op.body) as Record<string, unknown>) : undefined);

async function expectHandled(label: string, req: InjectOptions) {
  const res = await t.app.inject(req);
  expect(res.statusCode, `${label} → ${res.statusCode} ${res.body.slice(0, 300)}`).toBeLessThan(500);
  if (res.statusCode >= 400) {
    const body = res.json();
    expect(body.error?.code, `${label} ${res.body.slice(0, 200)}`).toEqual(expect.any(String));
    expect(body.error?.message, label).toEqual(expect.any(String));
  }
  return res;
}

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'xaso-sweep-'));
  // The sweep sends thousands of requests from one address within minutes: the per-minute limit (600) is not what it
  // tests, and every new endpoint brought it nearer (a 429 instead of the 400 asserted).
  t = await createTestApp({ DATA_DIR: dataDir, RATE_LIMIT_PER_MINUTE: '1000000' });
  userIds.province_admin = (await createUser(t.db, { role: 'province_admin', unitCode: '19' })).id;
  userIds.commune_admin = (await createUser(t.db, { role: 'commune_admin', unitCode: '05569' })).id;
  userIds.officer = (await createUser(t.db, { role: 'handling_officer', handlingUnitCode: 'ubnd-05569' })).id;
  userIds.citizen = (await createUser(t.db, { role: 'citizen' })).id;
  ids.unknown = '00000000-0000-4000-8000-000000000000';
  ids.category = await categoryId(t, 'giao-thong');
  ids.handlingUnit = await handlingUnitId(t, 'ubnd-05569');

  // A report with a photo, by the citizen.
  const photo = await sharp({ create: { width: 16, height: 16, channels: 3, background: '#c33' } })
    .jpeg()
    .toBuffer();
  const boundary = 'sweepBoundary1234';
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="report"\r\n\r\n${JSON.stringify(knownBodies['POST /api/reports']())}\r\n` +
        `--${boundary}\r\nContent-Disposition: form-data; name="photos"; filename="a.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`,
    ),
    photo,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  const report = await t.app.inject({
    method: 'POST',
    url: '/api/reports',
    headers: { ...(await headers('citizen')), 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload,
  });
  expect(report.statusCode, report.body).toBe(201);
  ids.report = report.json().id;
  ids.publicCode = report.json().publicCode;
  const [p] = await t.database.query<{ id: string }>('select id from report_photos where report_id = $1', [ids.report]);
  ids.photo = p.id;

  const admin = await headers('province_admin');
  const hamlet = await t.app.inject({
    method: 'POST',
    url: '/api/units/05569/hamlets',
    headers: await headers('commune_admin'),
    payload: { name: 'Thôn Quét Thử', kind: 'thon' },
  });
  expect(hamlet.statusCode, hamlet.body).toBe(201);
  ids.hamlet = hamlet.json().code;
  const rule = await t.app.inject({
    method: 'POST',
    url: '/api/feedback/routing-rules',
    headers: admin,
    payload: { categoryId: ids.category, communeCode: '05569', handlingUnitId: ids.handlingUnit },
  });
  expect(rule.statusCode, rule.body).toBeLessThan(300);
  ids.rule = rule.json().id;
  const team = await t.app.inject({
    method: 'POST',
    url: '/api/teams',
    headers: admin,
    payload: { hamletCode: ids.hamlet, name: 'Tổ công nghệ số quét thử' },
  });
  expect(team.statusCode, team.body).toBe(201);
  ids.team = team.json().id;
  const teamMember = await t.app.inject({
    method: 'POST',
    url: `/api/teams/${ids.team}/members`,
    headers: admin,
    payload: { fullName: 'Lê Văn Quét', phone: '0912000111', organisation: 'khac' },
  });
  expect(teamMember.statusCode, teamMember.body).toBe(201);
  ids.teamMember = teamMember.json().members[0].id;
  const key = await t.app.inject({ method: 'POST', url: '/api/api-keys', headers: admin, payload: { name: 'Quét' } });
  expect(key.statusCode, key.body).toBe(201);
  ids.apiKey = key.json().id;

  // A published training session of the commune with a main site.
  const hour = 3600_000;
  const session = await t.app.inject({
    method: 'POST',
    url: '/api/training/sessions',
    headers: admin,
    payload: {
      unitCode: '05569',
      organizerName: 'UBND xã Định Hoá',
      topic: 'Tập huấn quét thử',
      startsAt: new Date(Date.now() + hour).toISOString(),
      endsAt: new Date(Date.now() + 3 * hour).toISOString(),
      status: 'published',
      mainSite: { name: 'Hội trường UBND xã', capacity: 50 },
    },
  });
  expect(session.statusCode, session.body).toBe(201);
  ids.trainingSession = session.json().id;
  ids.trainingSite = session.json().sites[0].id;

  // The seeded catalog: a service (by slug), its guide and a step.
  [{ guide: ids.catalogGuide, step: ids.catalogStep }] = await t.database.query<{ guide: string; step: string }>(
    `select g.id as guide, s.id as step from catalog_guides g join catalog_services c on c.id = g.service_id
     join catalog_steps s on s.guide_id = g.id where c.slug = 'vneid' order by s.position limit 1`,
  );

  // A certificate of the citizen's, issued in 05569 (its serial is the path parameter of the certificate routes).
  ids.certificateSerial = (
    await t.db.transaction((tx) =>
      t.app.services.certificates.issue(tx, {
        kind: 'course',
        sourceId: ids.unknown,
        userId: userIds.citizen,
        title: 'Khóa học quét thử',
        unitCode: '05569',
      }),
    )
  ).serial;
  // A seeded course of the province (its first lesson), with an image uploaded to it.
  [{ id: ids.course }] = await t.database.query<{ id: string }>(
    `select id from courses where owner_unit_code = '19' and status = 'published' order by id limit 1`,
  );
  ids.courseLesson = (await t.app.inject(`/api/courses/${ids.course}`)).json().lessons[0].id;
  const mb = 'sweepCourseMedia1234';
  const media = await t.app.inject({
    method: 'POST',
    url: `/api/courses/manage/${ids.course}/media`,
    headers: { ...admin, 'content-type': `multipart/form-data; boundary=${mb}` },
    payload: Buffer.concat([
      Buffer.from(
        `--${mb}\r\nContent-Disposition: form-data; name="file"; filename="a.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`,
      ),
      photo,
      Buffer.from(`\r\n--${mb}--\r\n`),
    ]),
  });
  expect(media.statusCode, media.body).toBe(201);
  ids.courseMedia = media.json().id;

  for (const who of Object.keys(userIds) as Actor[]) shared[who] = await headers(who);
  const doc = (await t.app.inject('/api/openapi.json')).json() as { paths: Record<string, Record<string, any>> };
  operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods)
      .filter(([m]) => ['get', 'post', 'put', 'patch', 'delete'].includes(m))
      .map(([method, op]) => ({
        method: method.toUpperCase() as InjectOptions['method'],
        path,
        queryParams: (op.parameters ?? []).filter((p: any) => p.in === 'query').map((p: any) => p.name as string),
        body: op.requestBody?.content?.['application/json']?.schema,
      })),
  );
});
afterAll(async () => {
  await t?.close();
  await rm(dataDir, { recursive: true, force: true });
});

const actorsOf = (op: Operation): Actor[] => [...new Set<Actor>(['province_admin', naturalActor(op)])];

/** Open311 GET resources (no sign-in) and the parameters they read. */
const OPEN311 = [
  ['/open311/v2/services.json', ['jurisdiction_id']],
  ['/open311/v2/services.xml', ['jurisdiction_id']],
  ['/open311/v2/services/giao-thong.json', ['jurisdiction_id']],
  [
    '/open311/v2/requests.json',
    ['jurisdiction_id', 'status', 'service_code', 'service_request_id', 'start_date', 'end_date'],
  ],
  ['/open311/v2/requests.xml', ['jurisdiction_id', 'status', 'service_code', 'service_request_id']],
  ['/open311/v2/requests/PA-26-000001.json', ['jurisdiction_id']],
  ['/open311/v2/requests/PA-26-000001.xml', ['jurisdiction_id']],
  ['/open311/v2/tokens/abc.json', ['jurisdiction_id']],
  ['/open311/v2/discovery.json', ['jurisdiction_id']],
] as const;

describe('signed in, on real resources: bad input never yields a 5xx', () => {
  it('finds the endpoints (and real resources) to sweep', () => {
    expect(operations.length).toBeGreaterThan(50);
    expect(Object.values(ids).every(Boolean)).toBe(true);
  });

  it(
    'a query parameter given twice is 400 naming it, on every endpoint',
    async () => {
      // Every parameter as the province administrator; the first as the natural actor (keeps CI quick).
      for (const op of operations)
        for (const who of actorsOf(op))
          for (const name of (op.queryParams.length ? op.queryParams : ['zz']).slice(
            0,
            who === 'province_admin' ? undefined : 1,
          )) {
            const label = `${who} ${op.method} ${op.path} ?${name}×2`;
            const res = await expectHandled(label, {
              method: op.method,
              url: `${pathOf(op)}?${name}=1&${name}=2`,
              headers: shared[who],
            });
            expect(res.statusCode, `${label} → ${res.body}`).toBe(400);
            expect(res.json().error.fields, label).toHaveProperty(`querystring.${name}`);
          }
    },
    SWEEP_TIMEOUT,
  );

  it('Open311: a parameter given twice is 400 (Open311 error shape), never 500', async () => {
    for (const [url, params] of OPEN311)
      for (const name of params) {
        const res = await t.app.inject(`${url}?${name}=19&${name}=20`);
        expect(res.statusCode, `${url} ?${name}×2 → ${res.body}`).toBe(400);
        if (url.endsWith('.json')) expect(res.json()[0].description, url).toContain(name);
        else expect(res.body, url).toContain(name);
      }
    const post = await t.app.inject({
      method: 'POST',
      url: '/open311/v2/requests.json?service_code=a&service_code=b',
      payload: { api_key: 'x' },
    });
    expect(post.statusCode, post.body).toBe(400);
    // A form body: a lone surrogate can only come percent-encoded (%ED%A0%80, not UTF-8): refused, not stored as "�".
    for (const form of ['description=a%ED%A0%80b&service_code=x', 'first_name=%FF', 'last_name=%E1%BB']) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/open311/v2/requests.json',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: form,
      });
      expect(res.statusCode, `${form} → ${res.body}`).toBe(400);
    }
  });

  it(
    'a lone surrogate in any string field of a JSON body is 400 naming the field, on every endpoint',
    async () => {
      for (const op of operations.filter((o) => o.method !== 'GET')) {
        const valid = bodyOf(op);
        if (!valid) continue;
        for (const who of actorsOf(op)) {
          const stringKeys = Object.keys(valid).filter((k) => typeof valid[k] === 'string');
          for (const key of stringKeys) {
            const label = `${who} ${op.method} ${op.path} ${key}="\\ud800"`;
            const res = await expectHandled(label, {
              method: op.method,
              url: pathOf(op),
              headers: { ...shared[who], 'content-type': 'application/json' },
              // JSON.stringify writes a lone surrogate as the escape "\ud800", as a client would send it.
              payload: JSON.stringify({ ...valid, [key]: `a\ud800b` }),
            });
            expect(res.statusCode, `${label} → ${res.body}`).toBe(400);
            expect(res.json().error.fields, label).toHaveProperty(key);
          }
          // Nested: in an object's value and in an array's item.
          const nested = await expectHandled(`${op.method} ${op.path} nested`, {
            method: op.method,
            url: pathOf(op),
            headers: { ...shared[who], 'content-type': 'application/json' },
            payload: JSON.stringify({ ...valid, attributes: { note: '\udc00' } }),
          });
          expect(nested.statusCode, `${who} ${op.method} ${op.path} nested → ${nested.body}`).toBe(400);
          expect(nested.json().error.fields).toHaveProperty('attributes.note');
        }
      }
    },
    SWEEP_TIMEOUT,
  );

  it(
    'broken multipart bodies are 4xx on every write',
    async () => {
      const broken: [string, string][] = [
        ['multipart/form-data; boundary=x', '{}'],
        ['multipart/form-data; boundary=x', '--x\r\nContent-Disposition: form-data; name="report"\r\n\r\n{"a"'],
        ['multipart/form-data', '--x--'],
      ];
      for (const op of operations.filter((o) => o.method !== 'GET'))
        for (const who of actorsOf(op))
          for (const [type, payload] of broken)
            await expectHandled(`${who} ${op.method} ${op.path} ${type} ${JSON.stringify(payload)}`, {
              method: op.method,
              url: pathOf(op),
              headers: { ...shared[who], 'content-type': type },
              payload,
            });
    },
    SWEEP_TIMEOUT,
  );

  it(
    'injection strings in every string field of an otherwise valid body reach the handlers and are handled',
    async () => {
      const nasty = ["'; DROP TABLE reports; --", '<img src=x onerror=alert(1)>', 'x'.repeat(5000), '🙂\u0301'];
      for (const op of operations.filter((o) => o.method !== 'GET' && o.method !== 'DELETE')) {
        const valid = bodyOf(op);
        if (!valid) continue;
        for (const who of actorsOf(op))
          for (const value of nasty)
            await expectHandled(`${who} ${op.method} ${op.path} nasty=${value.slice(0, 12)}`, {
              method: op.method,
              url: pathOf(op),
              headers: await headers(who),
              payload: Object.fromEntries(
                Object.entries(valid).map(([k, v]) => [k, typeof v === 'string' ? value : v]),
              ),
            });
      }
    },
    SWEEP_TIMEOUT,
  );
});

describe('CSRF: a session cookie alone never writes', () => {
  /** A fingerprint of every table's content (sessions aside: reading touches their last-seen time). */
  async function fingerprint() {
    const tables = await t.database.query<{ name: string }>(
      "select tablename as name from pg_tables where schemaname = 'public' and tablename <> 'sessions' order by 1",
    );
    const out: Record<string, string> = {};
    for (const { name } of tables) {
      const [row] = await t.database.query<{ n: number; h: string }>(
        `select count(*)::int as n, coalesce(sum(hashtext(x::text)::bigint), 0)::text as h from "${name}" x`,
      );
      out[name] = `${row.n}:${row.h}`;
    }
    return out;
  }

  it(
    'every cookie-authenticated write without or with a wrong X-CSRF-Token is 403 and changes nothing',
    async () => {
      const writes = operations.filter((o) => o.method !== 'GET');
      expect(writes.length).toBeGreaterThan(40);
      const before = await fingerprint();
      for (const op of writes)
        for (const who of actorsOf(op)) {
          const { cookie, 'x-csrf-token': token } = await headers(who);
          const body = bodyOf(op);
          // A wrong token always differs from the right one (a fixed "zz" ending once matched a real token ending in "zz").
          const wrong = `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`;
          for (const csrf of [undefined, wrong, '']) {
            const label = `${who} ${op.method} ${op.path} csrf=${csrf === undefined ? 'none' : JSON.stringify(csrf)}`;
            const res = await t.app.inject({
              method: op.method,
              url: pathOf(op),
              headers: { cookie, ...(csrf === undefined ? {} : { 'x-csrf-token': csrf }) },
              ...(body ? { payload: body } : {}),
            });
            expect(res.statusCode, `${label} → ${res.body.slice(0, 200)}`).toBe(403);
            expect(res.json().error.code, label).toBe('csrf');
          }
        }
      // Open311 honours no cookie for its write either.
      const { cookie } = await headers('province_admin');
      const open311 = await t.app.inject({
        method: 'POST',
        url: '/open311/v2/requests.json',
        headers: { cookie },
        payload: { service_code: 'giao-thong', lat: DINH_HOA.lat, long: DINH_HOA.lng, description: 'Thử CSRF.' },
      });
      expect(open311.statusCode, open311.body).toBe(403);
      expect(await fingerprint()).toEqual(before);
    },
    SWEEP_TIMEOUT,
  );
});
