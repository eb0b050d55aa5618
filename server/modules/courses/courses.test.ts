/**
 * Courses (Bình dân học vụ số): who authors what, the draft's optimistic concurrency and field-named refusals,
 * publication (safe HTML, versions that keep lesson ids, idempotent), readers who never see the quiz's answers,
 * archived and unpublished courses hidden, media checked by content and served in resized variants.
 */
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CourseDraftInput, scoreQuiz } from '../../../common/courses.js';
import type { Role } from '../../../common/roles.js';
import { createUser } from '../../test/factories.js';
import { createTestApp, type TestApp } from '../../test/harness.js';
import { multipart } from '../../test/http.js';
import { insertHamlet } from '../units/test-support.js';
import { sampleDraft } from './test-support.js';

let t: TestApp;
let otherCommune: string;
const users = new Map<string, string>();

type Who = 'province' | 'commune' | 'otherCommune' | 'officer' | 'citizen' | 'anonymous';
const headers = async (who: Who): Promise<Record<string, string>> =>
  who === 'anonymous' ? {} : t.sessionHeaders(users.get(who) as string);
const call = async (
  who: Who,
  method: 'GET' | 'POST' | 'PUT',
  url: string,
  payload?: object,
  extra: Record<string, string> = {},
) => t.app.inject({ method, url, headers: { ...(await headers(who)), ...extra }, payload });

async function createCourse(who: Who = 'commune', unit = '05569', title = 'Khóa học thử') {
  const res = await call(who, 'POST', '/api/courses/manage', { unit, title });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; draftRevision: number };
}
async function save(who: Who, id: string, draftRevision: number, draft: CourseDraftInput) {
  return call(who, 'PUT', `/api/courses/manage/${id}`, { draftRevision, draft });
}
/** A published commune course with the sample draft (2 lessons, a quiz). */
async function publishedCourse(draft: CourseDraftInput = sampleDraft()) {
  const c = await createCourse();
  const saved = await save('commune', c.id, c.draftRevision, draft);
  expect(saved.statusCode, saved.body).toBe(200);
  const pub = await call('commune', 'POST', `/api/courses/manage/${c.id}/publish`);
  expect(pub.statusCode, pub.body).toBe(200);
  return { id: c.id, draft, detail: pub.json() };
}

beforeAll(async () => {
  t = await createTestApp();
  [{ code: otherCommune }] = await t.database.query<{ code: string }>(
    `select code from units where parent_code = '19' and level = 'commune' and code <> '05569' order by code limit 1`,
  );
  const make: [Who, Role, string | undefined, string | undefined][] = [
    ['province', 'province_admin', '19', undefined],
    ['commune', 'commune_admin', '05569', undefined],
    ['otherCommune', 'commune_admin', otherCommune, undefined],
    ['officer', 'handling_officer', undefined, 'ubnd-05569'],
    ['citizen', 'citizen', undefined, undefined],
  ];
  for (const [who, role, unitCode, handlingUnitCode] of make)
    users.set(who, (await createUser(t.db, { role, unitCode, handlingUnitCode })).id);
});
afterAll(() => t.close());

describe('who authors courses', () => {
  const cases: [Who, { province: number; commune: number; edit: number }][] = [
    ['province', { province: 201, commune: 201, edit: 200 }],
    ['commune', { province: 403, commune: 201, edit: 200 }],
    ['otherCommune', { province: 403, commune: 403, edit: 403 }],
    ['officer', { province: 403, commune: 403, edit: 403 }],
    ['citizen', { province: 403, commune: 403, edit: 403 }],
    ['anonymous', { province: 401, commune: 401, edit: 401 }],
  ];
  for (const [who, expected] of cases)
    it(`${who}: creates a province course ${expected.province}, a 05569 course ${expected.commune}, edits and publishes a 05569 course ${expected.edit}`, async () => {
      expect((await call(who, 'POST', '/api/courses/manage', { unit: '19', title: 'Tỉnh' })).statusCode).toBe(
        expected.province,
      );
      expect((await call(who, 'POST', '/api/courses/manage', { unit: '05569', title: 'Xã' })).statusCode).toBe(
        expected.commune,
      );
      const c = await createCourse('commune');
      expect((await save(who, c.id, c.draftRevision, sampleDraft())).statusCode).toBe(expected.edit);
      expect((await call(who, 'GET', `/api/courses/manage/${c.id}`)).statusCode).toBe(expected.edit);
      const pub = await call(who, 'POST', `/api/courses/manage/${c.id}/publish`);
      // The draft saved by this actor has lessons; refused actors leave an empty draft, and the refusal comes first.
      expect(pub.statusCode).toBe(expected.edit);
      expect((await call(who, 'POST', `/api/courses/manage/${c.id}/archive`)).statusCode).toBe(expected.edit);
    });

  it('lists an author’s drafts: a commune admin sees the commune’s, not the province’s; others are refused', async () => {
    const prov = await createCourse('province', '19', 'Khóa của tỉnh');
    const com = await createCourse('commune', '05569', 'Khóa của xã');
    const mine = (await call('commune', 'GET', '/api/courses/manage')).json().items.map((c: { id: string }) => c.id);
    expect(mine).toContain(com.id);
    expect(mine).not.toContain(prov.id);
    const all = (await call('province', 'GET', '/api/courses/manage')).json().items.map((c: { id: string }) => c.id);
    expect(all).toEqual(expect.arrayContaining([prov.id, com.id]));
    const only = (await call('province', 'GET', '/api/courses/manage?unit=05569')).json().items;
    expect(only.every((c: { unit: { code: string } }) => c.unit.code === '05569')).toBe(true);
    expect((await call('otherCommune', 'GET', '/api/courses/manage?unit=05569')).statusCode).toBe(403);
    expect((await call('citizen', 'GET', '/api/courses/manage')).statusCode).toBe(403);
    expect((await call('anonymous', 'GET', '/api/courses/manage')).statusCode).toBe(401);
  });

  it('a hamlet cannot own a course; a retried create (same Idempotency-Key) answers with the same course', async () => {
    const hamlet = await insertHamlet(t.db, '05569', 'Thôn khóa học');
    const res = await call('commune', 'POST', '/api/courses/manage', { unit: hamlet.code, title: 'Thôn' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields).toHaveProperty('unit');
    const key = { 'idempotency-key': `khoa-hoc-${Date.now()}` };
    const a = await call('commune', 'POST', '/api/courses/manage', { unit: '05569', title: 'Một lần' }, key);
    const b = await call('commune', 'POST', '/api/courses/manage', { unit: '05569', title: 'Một lần' }, key);
    expect(a.json().id).toBe(b.json().id);
  });
});

describe('the draft', () => {
  it('a save based on an older revision is refused with 409, naming draftRevision; the newer save is kept', async () => {
    const c = await createCourse();
    const first = await save('commune', c.id, c.draftRevision, sampleDraft({ title: 'Bản của người thứ nhất' }));
    expect(first.statusCode).toBe(200);
    expect(first.json().draftRevision).toBe(c.draftRevision + 1);
    const stale = await save('province', c.id, c.draftRevision, sampleDraft({ title: 'Bản cũ' }));
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('stale_draft');
    expect(stale.json().error.fields).toHaveProperty('draftRevision');
    const now = (await call('commune', 'GET', `/api/courses/manage/${c.id}`)).json();
    expect(now.draft.title).toBe('Bản của người thứ nhất');
  });

  it('refuses bad fields by name, in Vietnamese and in English', async () => {
    const c = await createCourse();
    const bad = sampleDraft();
    (bad.lessons as { title: string }[])[1].title = '';
    const res = await save('commune', c.id, c.draftRevision, bad);
    expect(res.statusCode).toBe(400);
    expect(Object.keys(res.json().error.fields)).toContain('draft.lessons.1.title');

    const wrong = sampleDraft();
    const q = wrong.quiz?.questions[0] as { correctOptionIds: string[] };
    q.correctOptionIds = [crypto.randomUUID()];
    wrong.serviceIds = [crypto.randomUUID()];
    const vi = await save('commune', c.id, c.draftRevision, wrong);
    expect(vi.statusCode).toBe(400);
    expect(vi.json().error.fields['draft.quiz.questions.0.correctOptionIds']).toMatch(/Đáp án đúng/);
    expect(vi.json().error.fields).toHaveProperty('draft.serviceIds.0');
    const en = await t.app.inject({
      method: 'PUT',
      url: `/api/courses/manage/${c.id}`,
      headers: { ...(await headers('commune')), 'accept-language': 'en' },
      payload: { draftRevision: c.draftRevision, draft: wrong },
    });
    expect(en.json().error.fields['draft.quiz.questions.0.correctOptionIds']).toMatch(/Right answers/);
    // Nothing was written.
    expect((await call('commune', 'GET', `/api/courses/manage/${c.id}`)).json().draftRevision).toBe(c.draftRevision);
  });
});

describe('publishing', () => {
  it('refuses a course without lessons, naming draft.lessons, and a question without its right answer', async () => {
    const c = await createCourse();
    const res = await call('commune', 'POST', `/api/courses/manage/${c.id}/publish`);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields).toHaveProperty('draft.lessons');
    const draft = sampleDraft();
    (draft.quiz?.questions[1] as { correctOptionIds: string[] }).correctOptionIds = [];
    expect((await save('commune', c.id, c.draftRevision, draft)).statusCode).toBe(200);
    const res2 = await call('commune', 'POST', `/api/courses/manage/${c.id}/publish`);
    expect(res2.json().error.fields).toHaveProperty('draft.quiz.questions.1.correctOptionIds');
    expect((await t.app.inject({ method: 'GET', url: `/api/courses/${c.id}` })).statusCode).toBe(404);
  });

  it('renders Markdown to safe HTML: a <script> is text, links to other sites open apart, foreign images refused', async () => {
    const draft = sampleDraft({
      markdown:
        '# Tiêu đề\n\n<script>alert("x")</script>\n\n[Cổng](https://dichvucong.gov.vn) và [trang](javascript:alert(1))',
    });
    const { id } = await publishedCourse(draft);
    const reader = (await t.app.inject({ method: 'GET', url: `/api/courses/${id}` })).json();
    const lesson = (
      await t.app.inject({ method: 'GET', url: `/api/courses/${id}/lessons/${reader.lessons[0].id}` })
    ).json();
    expect(lesson.lesson.html).toContain('<h1>Tiêu đề</h1>');
    expect(lesson.lesson.html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(lesson.lesson.html).not.toContain('<script');
    expect(lesson.lesson.html).toContain('href="https://dichvucong.gov.vn" target="_blank" rel="noopener noreferrer"');
    expect(lesson.lesson.html).not.toContain('href="javascript');
    expect(lesson).toMatchObject({ position: 1, lessonCount: 2, previousId: null, nextId: reader.lessons[1].id });

    const c = await createCourse();
    await save('commune', c.id, c.draftRevision, sampleDraft({ markdown: '![ảnh](https://example.com/a.png)' }));
    const res = await call('commune', 'POST', `/api/courses/manage/${c.id}/publish`);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields['draft.lessons.0.markdown']).toMatch(/tải lên/);
  });

  it('a new version keeps lesson ids; publishing unchanged is a no-op; learners see the new version', async () => {
    const { id, draft, detail } = await publishedCourse();
    expect(detail).toMatchObject({ status: 'published', publishedVersion: 1, unpublishedChanges: false });
    const again = await call('commune', 'POST', `/api/courses/manage/${id}/publish`);
    expect(again.json().publishedVersion).toBe(1);
    const edited = structuredClone(draft) as CourseDraftInput & { lessons: { title: string; id: string }[] };
    edited.lessons[0].title = 'Bài một (sửa)';
    const saved = await save('commune', id, detail.draftRevision, edited);
    expect(saved.json().unpublishedChanges).toBe(true);
    const v2 = await call('commune', 'POST', `/api/courses/manage/${id}/publish`);
    expect(v2.json().publishedVersion).toBe(2);
    const reader = (await t.app.inject({ method: 'GET', url: `/api/courses/${id}` })).json();
    expect(reader.version).toBe(2);
    expect(reader.lessons.map((l: { id: string }) => l.id)).toEqual(edited.lessons.map((l) => l.id));
    expect(reader.lessons[0].title).toBe('Bài một (sửa)');
    const versions = await t.database.query<{ version: number }>(
      'select version from course_versions where course_id = $1 order by version',
      [id],
    );
    expect(versions.map((v) => v.version)).toEqual([1, 2]);
    const audit = await t.database.query<{ action: string }>(
      `select action from audit_log where resource_id = $1 order by id`,
      [id],
    );
    expect(audit.map((a) => a.action)).toEqual(['course.create', 'course.publish', 'course.publish']);
  });

  it('archived and unpublished courses are 404 to everyone but their authors; publishing again shows it', async () => {
    const { id } = await publishedCourse();
    expect((await call('citizen', 'GET', `/api/courses/${id}`)).statusCode).toBe(200);
    expect((await call('commune', 'POST', `/api/courses/manage/${id}/archive`)).json().status).toBe('archived');
    for (const who of ['citizen', 'anonymous', 'otherCommune', 'officer'] as Who[])
      expect((await call(who, 'GET', `/api/courses/${id}`)).statusCode).toBe(404);
    expect((await call('commune', 'GET', `/api/courses/${id}`)).statusCode).toBe(200);
    expect((await call('province', 'GET', `/api/courses/${id}`)).statusCode).toBe(200);
    const list = (await t.app.inject({ method: 'GET', url: '/api/courses' })).json().items;
    expect(list.map((c: { id: string }) => c.id)).not.toContain(id);
    const back = await call('commune', 'POST', `/api/courses/manage/${id}/publish`);
    expect(back.json()).toMatchObject({ status: 'published', publishedVersion: 1 });
    expect((await call('anonymous', 'GET', `/api/courses/${id}`)).statusCode).toBe(200);
  });
});

describe('readers never see the answers', () => {
  it('no course answer body holds correctOptionIds or an explanation', async () => {
    const { id } = await publishedCourse();
    const reader = await t.app.inject({ method: 'GET', url: `/api/courses/${id}` });
    expect(reader.json().quiz.questions).toHaveLength(2);
    expect(reader.json().quiz.questions[0].options).toHaveLength(3);
    const bodies = [
      reader.body,
      (await t.app.inject({ method: 'GET', url: '/api/courses' })).body,
      ...(await Promise.all(
        reader
          .json()
          .lessons.map(
            async (l: { id: string }) =>
              (
                await t.app.inject({ method: 'GET', url: `/api/courses/${id}/lessons/${l.id}` })
              ).body,
          ),
      )),
      (await call('citizen', 'GET', `/api/courses/${id}`)).body,
    ];
    for (const body of bodies) {
      expect(body).not.toMatch(/correctOptionIds/i);
      expect(body).not.toMatch(/explanation/i);
      expect(body).not.toContain('GIAI-THICH-BI-MAT');
    }
  });

  it('the service gives learning the whole snapshot, and scoreQuiz scores it exactly', async () => {
    const { id, draft } = await publishedCourse();
    const got = await t.app.services.courses.publishedContent(id);
    expect(got?.version).toBe(1);
    const quiz = got?.content.quiz;
    if (!quiz) throw new Error('no quiz');
    const [q1, q2] = draft.quiz?.questions ?? [];
    const right = scoreQuiz(quiz, [
      { questionId: q1.id, optionIds: q1.correctOptionIds ?? [] },
      { questionId: q2.id, optionIds: q2.correctOptionIds ?? [] },
    ]);
    expect(right).toMatchObject({ correct: 2, total: 2, percent: 100, passed: true });
    const half = scoreQuiz(quiz, [
      { questionId: q1.id, optionIds: q1.correctOptionIds ?? [] },
      // One of two right options is not right.
      { questionId: q2.id, optionIds: [(q2.correctOptionIds ?? [])[0]] },
    ]);
    expect(half).toMatchObject({ correct: 1, percent: 50, passed: true });
    expect(half.questions.map((q) => q.correct)).toEqual([true, false]);
    expect(scoreQuiz(quiz, [])).toMatchObject({ correct: 0, percent: 0, passed: false });
    await call('commune', 'POST', `/api/courses/manage/${id}/archive`);
    expect(await t.app.services.courses.publishedContent(id)).toBeNull();
  });
});

describe('the public list', () => {
  it('finds published courses whatever the diacritics, and by catalog service', async () => {
    const [vneid] = await t.database.query<{ id: string }>(`select id from catalog_services where slug = 'vneid'`);
    const draft = { ...sampleDraft({ title: 'Định danh điện tử cho người cao tuổi' }), serviceIds: [vneid.id] };
    const { id } = await publishedCourse(draft);
    const byQ = (await t.app.inject({ method: 'GET', url: '/api/courses?q=dinh%20danh%20dien%20tu%20cho' })).json();
    expect(byQ.items.map((c: { id: string }) => c.id)).toContain(id);
    const item = byQ.items.find((c: { id: string }) => c.id === id);
    expect(item).toMatchObject({ lessonCount: 2, hasQuiz: true, version: 1, unit: { code: '05569' } });
    expect(item.services[0]).toMatchObject({ slug: 'vneid' });
    const byService = (await t.app.inject({ method: 'GET', url: '/api/courses?service=vneid' })).json();
    expect(byService.items.map((c: { id: string }) => c.id)).toContain(id);
    const other = (await t.app.inject({ method: 'GET', url: '/api/courses?service=vssid' })).json();
    expect(other.items.map((c: { id: string }) => c.id)).not.toContain(id);
  });
});

describe('media', () => {
  const upload = async (who: Who, id: string, file: Buffer | string, name: string, type?: string) => {
    const m = multipart(file, name, type);
    return t.app.inject({
      method: 'POST',
      url: `/api/courses/manage/${id}/media`,
      headers: { ...(await headers(who)), ...m.headers },
      payload: m.payload,
    });
  };

  it('refuses a text file named .jpg, naming the field, and a stranger’s upload', async () => {
    const c = await createCourse();
    const res = await upload('commune', c.id, 'không phải ảnh', 'anh.jpg', 'image/jpeg');
    expect(res.statusCode).toBe(415);
    expect(res.json().error.fields).toHaveProperty('file');
    const jpeg = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#3a7' } })
      .jpeg()
      .toBuffer();
    expect((await upload('otherCommune', c.id, jpeg, 'a.jpg')).statusCode).toBe(403);
    expect((await upload('anonymous', c.id, jpeg, 'a.jpg')).statusCode).toBe(401);
  });

  it('an image becomes WebP variants, lazy with srcset in the lesson; public only once the course is published', async () => {
    const c = await createCourse();
    const big = await sharp({ create: { width: 1600, height: 900, channels: 3, background: '#c33' } })
      .png()
      .toBuffer();
    const res = await upload('commune', c.id, big, 'hinh-minh-hoa.png');
    expect(res.statusCode, res.body).toBe(201);
    const media = res.json();
    expect(media).toMatchObject({ kind: 'image', width: 960, height: 540 });
    const url480 = `/api/courses/media/${media.id}/480`;
    expect((await t.app.inject({ method: 'GET', url: url480 })).statusCode).toBe(404);
    const own = await call('commune', 'GET', url480);
    expect(own.statusCode).toBe(200);
    expect(own.headers['content-type']).toBe('image/webp');
    expect((await sharp(own.rawPayload).metadata()).width).toBe(480);

    const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
    const att = await upload('commune', c.id, pdf, 'tai-lieu.pdf', 'application/pdf');
    expect(att.statusCode, att.body).toBe(201);
    expect(att.json().kind).toBe('pdf');

    const draft = sampleDraft({ markdown: `Xem hình:\n\n${media.markdown}` }) as CourseDraftInput & {
      lessons: { attachments: object[] }[];
    };
    draft.lessons[0].attachments = [{ title: 'Tài liệu', mediaId: att.json().id, bytes: 0 }];
    expect((await save('commune', c.id, c.draftRevision, draft)).statusCode).toBe(200);
    expect((await call('commune', 'POST', `/api/courses/manage/${c.id}/publish`)).statusCode).toBe(200);
    const reader = (await t.app.inject({ method: 'GET', url: `/api/courses/${c.id}` })).json();
    const lesson = (
      await t.app.inject({ method: 'GET', url: `/api/courses/${c.id}/lessons/${reader.lessons[0].id}` })
    ).json().lesson;
    expect(lesson.html).toContain(`src="/api/courses/media/${media.id}/960"`);
    expect(lesson.html).toContain(`srcset="${url480} 480w, /api/courses/media/${media.id}/960 960w"`);
    expect(lesson.html).toContain('loading="lazy"');
    expect(lesson.html).toContain('width="960" height="540"');
    expect(lesson.attachments[0]).toMatchObject({ mediaId: att.json().id, bytes: pdf.length });
    const pub = await t.app.inject({ method: 'GET', url: url480 });
    expect(pub.statusCode).toBe(200);
    expect(pub.headers['cache-control']).toMatch(/public/);
    const pdfRes = await t.app.inject({ method: 'GET', url: `/api/courses/media/${att.json().id}/pdf` });
    expect(pdfRes.headers['content-type']).toMatch(/application\/pdf/);
    expect((await t.app.inject({ method: 'GET', url: `/api/courses/media/${att.json().id}/480` })).statusCode).toBe(
      404,
    );
  });
});

describe('the seeded courses', () => {
  it('five published courses of the province, 3–5 lessons and 4–6 questions each, linked to catalog services', async () => {
    const items = (await t.app.inject({ method: 'GET', url: '/api/courses' })).json().items as {
      id: string;
      title: string;
      lessonCount: number;
      unit: { code: string };
      services: { slug: string }[];
    }[];
    const seeded = items.filter((c) => c.unit.code === '19');
    expect(seeded.map((c) => c.title).sort()).toEqual(
      [
        'Bảo vệ dữ liệu cá nhân và nhận diện lừa đảo trực tuyến',
        'Chữ ký số',
        'Nộp hồ sơ trên Cổng Dịch vụ công quốc gia',
        'Sử dụng ứng dụng VNeID',
        'Ứng dụng công cụ AI trong công việc hằng ngày',
      ].sort(),
    );
    for (const c of seeded) {
      expect(c.lessonCount).toBeGreaterThanOrEqual(3);
      expect(c.lessonCount).toBeLessThanOrEqual(5);
      const content = await t.app.services.courses.publishedContent(c.id);
      expect(content?.content.quiz?.questions.length).toBeGreaterThanOrEqual(4);
      expect(content?.content.quiz?.questions.length).toBeLessThanOrEqual(6);
    }
    const vneid = seeded.find((c) => c.title === 'Sử dụng ứng dụng VNeID');
    expect(vneid?.services.map((s) => s.slug)).toEqual(['vneid']);
    const byService = (await t.app.inject({ method: 'GET', url: '/api/courses?service=dich-vu-cong-quoc-gia' })).json();
    expect(byService.items.map((c: { title: string }) => c.title)).toContain(
      'Nộp hồ sơ trên Cổng Dịch vụ công quốc gia',
    );
  });
});
