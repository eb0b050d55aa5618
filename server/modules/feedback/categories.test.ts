import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CATEGORIES } from '../../seed/feedback.js';
import { createTestApp, type TestApp } from '../../test/harness.js';
import { DINH_HOA, handlingUnitId, type Person, person, submit } from './test-support.js';

let t: TestApp;
let admin: Person;
let citizen: Person;

beforeAll(async () => {
  t = await createTestApp();
  admin = await person(t, 'province_admin', { unitCode: '19' });
  citizen = await person(t, 'citizen');
});
afterAll(() => t.close());

const call = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, who: Person | null, payload?: object) =>
  t.app.inject({ method, url, headers: who?.headers ?? {}, ...(payload ? { payload } : {}) });

describe('categories', () => {
  it('every installation has the province’s default categories', async () => {
    const res = await call('GET', '/api/feedback/categories', null);
    expect(res.statusCode).toBe(200);
    const items = res.json().items;
    expect(items.map((c: { code: string }) => c.code)).toEqual(DEFAULT_CATEGORIES.map((c) => c.code));
    expect(items.map((c: { nameVi: string }) => c.nameVi)).toContain('Thủ tục hành chính, dịch vụ công');
    expect(items.find((c: { code: string }) => c.code === 'an-ninh-trat-tu')).toMatchObject({ sensitive: true });
    expect(items.find((c: { code: string }) => c.code === 'thien-tai-khan-cap')).toMatchObject({
      deadlineHours: 24,
      deadlineWorkingDays: null,
    });
    expect(items.every((c: { defaultHandlingUnitId: string | null }) => c.defaultHandlingUnitId === null)).toBe(true);
    expect((await call('GET', '/api/feedback/categories/giao-thong', null)).json().nameEn).toBe('Roads and traffic');
  });

  it('a province administrator creates and edits one, with extra fields that submissions must fill', async () => {
    const created = await call('POST', '/api/feedback/categories', admin, {
      code: 'cay-xanh',
      nameVi: 'Cây xanh đô thị',
      nameEn: 'Urban trees',
      deadlineWorkingDays: 5,
      defaultHandlingUnitId: await handlingUnitId(t, 'ubnd-19'),
      extraFields: [
        { code: 'tree_kind', label: { vi: 'Loại cây', en: 'Tree' }, datatype: 'string', required: true },
        {
          code: 'danger',
          label: { vi: 'Mức nguy hiểm', en: 'Danger' },
          datatype: 'singlevaluelist',
          values: [
            { key: 'low', name: 'Thấp' },
            { key: 'high', name: 'Cao' },
          ],
        },
      ],
    });
    expect(created.statusCode).toBe(201);
    const id = created.json().id;
    const base = { categoryId: id, description: 'Cây sắp đổ.', lat: DINH_HOA.lat, lng: DINH_HOA.lng };
    const missing = await submit(t, citizen, base);
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.fields).toHaveProperty('attributes.tree_kind');
    const wrong = await submit(t, citizen, { ...base, attributes: { tree_kind: 'Bằng lăng', danger: 'extreme' } });
    expect(wrong.json().error.fields).toHaveProperty('attributes.danger');
    const ok = await submit(t, citizen, { ...base, attributes: { tree_kind: 'Bằng lăng', danger: 'high' } });
    expect(ok.statusCode).toBe(201);
    expect(ok.json().attributes).toEqual({ tree_kind: 'Bằng lăng', danger: 'high' });

    const off = await call('PATCH', `/api/feedback/categories/${id}`, admin, { active: false, deadlineHours: 48 });
    expect(off.json()).toMatchObject({ active: false, deadlineHours: 48, deadlineWorkingDays: null });
    expect(
      (await call('GET', '/api/feedback/categories', null)).json().items.map((c: { id: string }) => c.id),
    ).not.toContain(id);
    expect(
      (await call('GET', '/api/feedback/categories?includeInactive=1', admin))
        .json()
        .items.map((c: { id: string }) => c.id),
    ).toContain(id);
    expect((await call('GET', '/api/feedback/categories?includeInactive=1', citizen)).statusCode).toBe(403);
    expect((await submit(t, citizen, { ...base, attributes: { tree_kind: 'x' } })).json().error.fields).toHaveProperty(
      'categoryId',
    );
  });

  it('refuses bad categories with field errors', async () => {
    const cases: [object, number, string][] = [
      [{ code: 'x1', nameVi: 'A', nameEn: 'A', deadlineWorkingDays: 3, deadlineHours: 4 }, 400, 'deadlineHours'],
      [{ code: 'x2', nameVi: 'A', nameEn: 'A' }, 400, 'deadlineWorkingDays'],
      [{ code: 'Bad Code', nameVi: 'A', nameEn: 'A', deadlineWorkingDays: 3 }, 400, 'code'],
      [
        {
          code: 'x3',
          nameVi: 'A',
          nameEn: 'A',
          deadlineWorkingDays: 3,
          defaultHandlingUnitId: await handlingUnitId(t, 'ubnd-01'),
        },
        400,
        'defaultHandlingUnitId',
      ],
      [{ code: 'giao-thong', nameVi: 'A', nameEn: 'A', deadlineWorkingDays: 3 }, 409, 'code'],
    ];
    for (const [body, status, field] of cases) {
      const res = await call('POST', '/api/feedback/categories', admin, body);
      expect(res.statusCode, field).toBe(status);
      expect(res.json().error.fields, field).toHaveProperty(field);
    }
  });
});

describe('routing rules', () => {
  it('are set, replaced, listed and deleted by the province administrator', async () => {
    const categoryId = (await call('GET', '/api/feedback/categories/dien-chieu-sang', null)).json().id;
    const unitA = await handlingUnitId(t, 'ubnd-19');
    const unitB = await handlingUnitId(t, 'ubnd-05569');
    const first = await call('POST', '/api/feedback/routing-rules', admin, {
      categoryId,
      communeCode: '05569',
      handlingUnitId: unitA,
    });
    expect(first.statusCode).toBe(200);
    const replaced = await call('POST', '/api/feedback/routing-rules', admin, {
      categoryId,
      communeCode: '05569',
      handlingUnitId: unitB,
    });
    expect(replaced.json()).toMatchObject({ id: first.json().id, handlingUnit: { code: 'ubnd-05569' } });
    const list = (await call('GET', `/api/feedback/routing-rules?category=${categoryId}`, admin)).json();
    expect(list).toMatchObject({ total: 1, items: [{ categoryCode: 'dien-chieu-sang', communeCode: '05569' }] });
    const bad = await call('POST', '/api/feedback/routing-rules', admin, {
      categoryId,
      communeCode: '00004',
      handlingUnitId: unitA,
    });
    expect(bad.json().error.fields).toHaveProperty('communeCode');
    expect((await call('DELETE', `/api/feedback/routing-rules/${first.json().id}`, admin)).statusCode).toBe(204);
    expect((await call('DELETE', `/api/feedback/routing-rules/${first.json().id}`, admin)).statusCode).toBe(404);
  });
});

describe('permission matrix: categories and routing rules', () => {
  const ACTORS: { label: string; make: () => Promise<Person | null>; ok: boolean; status: number }[] = [
    { label: 'anonymous', make: async () => null, ok: false, status: 401 },
    { label: 'citizen', make: () => person(t, 'citizen'), ok: false, status: 403 },
    { label: 'team_member 05569', make: () => person(t, 'team_member', { unitCode: '05569' }), ok: false, status: 403 },
    {
      label: 'officer ubnd-05569',
      make: () => person(t, 'handling_officer', { handlingUnitCode: 'ubnd-05569' }),
      ok: false,
      status: 403,
    },
    {
      label: 'commune_admin 05569',
      make: () => person(t, 'commune_admin', { unitCode: '05569' }),
      ok: false,
      status: 403,
    },
    {
      label: 'province_admin 01 (outside)',
      make: () => person(t, 'province_admin', { unitCode: '01' }),
      ok: false,
      status: 403,
    },
    { label: 'province_admin 19', make: () => person(t, 'province_admin', { unitCode: '19' }), ok: true, status: 0 },
  ];
  let n = 0;
  it.each(ACTORS)('$label', async ({ make, ok, status }) => {
    const who = await make();
    n += 1;
    const categoryId = (await call('GET', '/api/feedback/categories/khac', null)).json().id;
    const unit = await handlingUnitId(t, 'ubnd-19');
    const results = [
      (
        await call('POST', '/api/feedback/categories', who, {
          code: `m-${n}`,
          nameVi: 'A',
          nameEn: 'A',
          deadlineWorkingDays: 2,
        })
      ).statusCode,
      (await call('PATCH', '/api/feedback/categories/khac', who, { sortOrder: 500 + n })).statusCode,
      (await call('GET', '/api/feedback/routing-rules', who)).statusCode,
      (
        await call('POST', '/api/feedback/routing-rules', who, {
          categoryId,
          communeCode: '05611',
          handlingUnitId: unit,
        })
      ).statusCode,
    ];
    const [rule] = await t.database.query<{ id: string }>("select id from routing_rules where commune_code = '05611'");
    results.push(
      (await call('DELETE', `/api/feedback/routing-rules/${rule?.id ?? '00000000-0000-4000-8000-000000000000'}`, who))
        .statusCode,
    );
    if (ok) expect(results).toEqual([201, 200, 200, 200, 204]);
    else {
      expect(results.slice(0, 4)).toEqual([status, status, status, status]);
      const [row] = await t.database.query<{ n: number }>(
        'select count(*)::int as n from feedback_categories where code = $1',
        [`m-${n}`],
      );
      expect(row.n).toBe(0);
    }
  });
});
