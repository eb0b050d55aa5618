/**
 * Support network (hỏi đáp): who asks, reads, answers, accepts and hides; accept rules; search whatever the
 * diacritics; the public FAQ without names; the asker told of answers. Inside: Xã Định Hoá (05569) of Thái Nguyên (19);
 * the same province's other commune 05443; another province, Hà Nội (01).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../../common/roles.js';
import { createUser } from '../../test/factories.js';
import { createTestApp, type TestApp } from '../../test/harness.js';
import { freshService } from '../catalog/test-support.js';
import * as teamsRepo from '../teams/repo.js';
import { insertHamlet } from '../units/test-support.js';

interface Person {
  id: string;
  name: string;
  phone: string;
  headers: Record<string, string>;
}

let t: TestApp;
let memberA: Person; // team member of a 05569 hamlet: the asker
let memberB: Person; // team member of a 05443 hamlet (same province)
let linked: Person; // a citizen account linked to an active team membership in 05569
let leftMember: Person; // a citizen account whose team membership ended
let officer: Person;
let communeAdmin: Person;
let otherCommuneAdmin: Person; // 05443, same province
let farAdmin: Person; // the administrator of another province (Hà Nội, 01)
let provinceAdmin: Person;
let citizen: Person;
let vneid: { id: string; slug: string };

const person = async (
  role: Role,
  scope: { unitCode?: string; handlingUnitCode?: string } = {},
  fullName?: string,
): Promise<Person> => {
  const user = await createUser(t.db, { role, ...scope, fullName });
  return { id: user.id, name: user.fullName, phone: user.phone!, headers: await t.sessionHeaders(user.id) };
};
const call = (
  method: 'GET' | 'POST',
  url: string,
  who: Person | null,
  payload?: object,
  headers: Record<string, string> = {},
) => t.app.inject({ method, url, headers: { ...(who?.headers ?? {}), ...headers }, ...(payload ? { payload } : {}) });

let seq = 0;
async function ask(who: Person = memberA, extra: object = {}) {
  seq += 1;
  const res = await call('POST', '/api/support/questions', who, {
    title: `Câu hỏi thử số ${seq} về ứng dụng`,
    body: 'Người dân hỏi cách làm, tôi chưa rõ.',
    ...extra,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; status: string; services: { id: string }[] };
}
async function answer(questionId: string, who: Person, body = 'Vào mục Cài đặt rồi chọn Xác thực.') {
  const res = await call('POST', `/api/support/questions/${questionId}/answers`, who, { body });
  expect(res.statusCode, res.body).toBe(201);
  const answers = res.json().answers as { id: string; body: string; author: { id: string } }[];
  return answers.filter((a) => a.author.id === who.id && a.body === body).at(-1)!;
}
const acceptedCount = async (questionId: string) =>
  (
    await t.database.query<{ n: number }>(
      'select count(*)::int as n from support_answers where question_id = $1 and accepted',
      [questionId],
    )
  )[0].n;

beforeAll(async () => {
  t = await createTestApp();
  const hamletA = await insertHamlet(t.db, '05569', 'Trung Kiên');
  const hamletB = await insertHamlet(t.db, '05443', 'Tổ 1');
  memberA = await person('team_member', { unitCode: hamletA.code }, 'Nguyễn Văn Hỏi');
  memberB = await person('team_member', { unitCode: hamletB.code }, 'Trần Thị Đáp');
  linked = await person('citizen', {}, 'Lò Văn Liên');
  leftMember = await person('citizen', {}, 'Hà Thị Rời');
  officer = await person('handling_officer', { handlingUnitCode: 'ubnd-05569' });
  communeAdmin = await person('commune_admin', { unitCode: '05569' });
  otherCommuneAdmin = await person('commune_admin', { unitCode: '05443' });
  farAdmin = await person('province_admin', { unitCode: '01' });
  provinceAdmin = await person('province_admin', { unitCode: '19' });
  citizen = await person('citizen');
  const [hamlet] = await t.database.query<{ path: string }>('select path from units where code = $1', [hamletA.code]);
  const team = await teamsRepo.insertTeam(t.db, {
    hamletCode: hamletA.code,
    communeCode: '05569',
    unitPath: hamlet.path,
    name: 'Tổ CNS Trung Kiên',
  });
  const base = { teamId: team.id, organisation: 'doan_thanh_nien' as const, role: 'member' as const };
  await teamsRepo.insertMember(t.db, {
    ...base,
    fullName: linked.name,
    phone: '0977000001',
    joinedOn: '2025-01-01',
    userId: linked.id,
  });
  await teamsRepo.insertMember(t.db, {
    ...base,
    fullName: leftMember.name,
    phone: '0977000002',
    joinedOn: '2025-01-01',
    leftOn: '2025-06-01',
    userId: leftMember.id,
  });
  [vneid] = await t.database.query<{ id: string; slug: string }>(
    "select id, slug from catalog_services where slug = 'vneid'",
  );
});
afterAll(() => t.close());

describe('who may ask, read and answer', () => {
  it('team members ask (also an account linked to an active team membership); nobody else does', async () => {
    const q = await ask(memberA, { serviceIds: [vneid.id] });
    expect(q).toMatchObject({ status: 'open', services: [{ id: vneid.id, slug: 'vneid' }] });
    await ask(linked);
    const payload = { title: 'Một câu hỏi không được phép', body: 'Nội dung câu hỏi thử.' };
    expect((await call('POST', '/api/support/questions', null, payload)).statusCode).toBe(401);
    for (const who of [citizen, leftMember, officer, communeAdmin, otherCommuneAdmin, farAdmin, provinceAdmin]) {
      const res = await call('POST', '/api/support/questions', who, payload);
      expect(res.statusCode, who.name).toBe(403);
    }
    const [n] = await t.database.query<{ n: number }>(
      "select count(*)::int as n from support_questions where title = 'Một câu hỏi không được phép'",
    );
    expect(n.n).toBe(0);
  });

  it('the whole province’s network reads a question; a citizen, anonymous or another province does not', async () => {
    const q = await ask();
    for (const who of [memberA, memberB, linked, officer, communeAdmin, otherCommuneAdmin, provinceAdmin]) {
      const one = await call('GET', `/api/support/questions/${q.id}`, who);
      expect(one.statusCode, who.name).toBe(200);
      const list = await call('GET', '/api/support/questions', who);
      expect(list.statusCode).toBe(200);
      expect(list.json().items.map((x: { id: string }) => x.id)).toContain(q.id);
    }
    expect((await call('GET', `/api/support/questions/${q.id}`, null)).statusCode).toBe(401);
    expect((await call('GET', '/api/support/questions', null)).statusCode).toBe(401);
    for (const who of [citizen, leftMember, farAdmin])
      expect((await call('GET', `/api/support/questions/${q.id}`, who)).statusCode, who.name).toBe(403);
    for (const who of [citizen, leftMember])
      expect((await call('GET', '/api/support/questions', who)).statusCode, who.name).toBe(403);
    // Another province's administrator reads their own province's network, which does not hold it.
    const far = await call('GET', '/api/support/questions', farAdmin);
    expect(far.statusCode).toBe(200);
    expect(far.json().items).toEqual([]);
  });

  it('the network answers (members of other communes, officers, administrators); others are refused', async () => {
    const q = await ask();
    for (const who of [memberB, officer, otherCommuneAdmin, provinceAdmin, linked]) await answer(q.id, who);
    const detail = (await call('GET', `/api/support/questions/${q.id}`, memberA)).json();
    expect(detail.answers.map((a: { author: { role: string } }) => a.author.role)).toEqual([
      'team_member',
      'handling_officer',
      'commune_admin',
      'province_admin',
      'team_member',
    ]);
    expect(detail.answerCount).toBe(5);
    // The network sees names and communes, never a phone.
    expect(detail.answers[0].author).toMatchObject({ name: 'Trần Thị Đáp', communeName: expect.any(String) });
    expect(JSON.stringify(detail)).not.toContain(memberB.phone);
    const body = { body: 'Tôi không được trả lời.' };
    expect((await call('POST', `/api/support/questions/${q.id}/answers`, null, body)).statusCode).toBe(401);
    for (const who of [citizen, farAdmin, leftMember])
      expect((await call('POST', `/api/support/questions/${q.id}/answers`, who, body)).statusCode, who.name).toBe(403);
    const [n] = await t.database.query<{ n: number }>(
      "select count(*)::int as n from support_answers where body = 'Tôi không được trả lời.'",
    );
    expect(n.n).toBe(0);
  });

  it('the asker is told in the app when someone else answers, not when answering themselves', async () => {
    const q = await ask();
    await answer(q.id, memberA, 'Tôi tự bổ sung thêm.');
    await answer(q.id, officer);
    const list = (await call('GET', '/api/notifications', memberA)).json();
    const mine = list.items.filter((n: { link: string }) => n.link === `/support/${q.id}`);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ kind: 'support.answered', title: 'Câu hỏi của bạn có câu trả lời mới' });
  });
});

describe('accepting an answer', () => {
  it('only the asker or an administrator of the asker’s commune or province accepts; one accepted at a time', async () => {
    const q = await ask(memberA, { serviceIds: [vneid.id] });
    const a1 = await answer(q.id, memberB, 'Câu trả lời thứ nhất.');
    const a2 = await answer(q.id, officer, 'Câu trả lời thứ hai.');
    for (const who of [memberB, officer, otherCommuneAdmin, linked])
      expect((await call('POST', `/api/support/answers/${a1.id}/accept`, who)).statusCode, who.name).toBe(403);
    expect((await call('POST', `/api/support/answers/${a1.id}/accept`, farAdmin)).statusCode).toBe(403);
    expect((await call('POST', `/api/support/answers/${a1.id}/accept`, citizen)).statusCode).toBe(403);
    expect((await call('POST', `/api/support/answers/${a1.id}/accept`, null)).statusCode).toBe(401);
    expect(await acceptedCount(q.id)).toBe(0);

    const first = await call('POST', `/api/support/answers/${a1.id}/accept`, memberA);
    expect(first.statusCode).toBe(200);
    expect(first.json().status).toBe('answered');
    expect(first.json().answers[0]).toMatchObject({ id: a1.id, accepted: true });
    // Accepting another moves it; again is harmless.
    const second = await call('POST', `/api/support/answers/${a2.id}/accept`, communeAdmin);
    expect(second.statusCode).toBe(200);
    expect(
      second
        .json()
        .answers.filter((a: { accepted: boolean }) => a.accepted)
        .map((a: { id: string }) => a.id),
    ).toEqual([a2.id]);
    expect((await call('POST', `/api/support/answers/${a2.id}/accept`, provinceAdmin)).statusCode).toBe(200);
    expect(await acceptedCount(q.id)).toBe(1);
    // An administrator accepting for the asker is audited; the answer's author is told.
    const audit = await t.database.query<{ actor_id: string }>(
      "select actor_id from audit_log where action = 'support.accept' and resource_id = $1",
      [a2.id],
    );
    expect(audit.map((r) => r.actor_id)).toEqual([communeAdmin.id]);
    const told = (await call('GET', '/api/notifications', officer)).json();
    expect(told.items.some((n: { kind: string }) => n.kind === 'support.accepted')).toBe(true);
  });

  it('two accepts at once leave exactly one accepted answer', async () => {
    const q = await ask();
    const answers = [];
    for (let i = 0; i < 4; i++) answers.push(await answer(q.id, memberB, `Cách số ${i}.`));
    const results = await Promise.all(answers.map((a) => call('POST', `/api/support/answers/${a.id}/accept`, memberA)));
    expect(results.every((r) => r.statusCode === 200)).toBe(true);
    expect(await acceptedCount(q.id)).toBe(1);
  });
});

describe('bad input names the field, in Vietnamese and English', () => {
  it('refuses a short title, unknown services, a hide without reason, a bad cursor and a bad id', async () => {
    const short = await call('POST', '/api/support/questions', memberA, { title: 'Hỏi', body: 'Nội dung đủ dài rồi.' });
    expect(short.statusCode).toBe(400);
    expect(short.json().error.fields.title).toContain('ký tự');
    const en = await call(
      'POST',
      '/api/support/questions',
      memberA,
      { title: 'Hỏi', body: 'Nội dung đủ dài rồi.' },
      { 'accept-language': 'en' },
    );
    expect(en.json().error.fields.title).toContain('characters');
    const unknown = await call('POST', '/api/support/questions', memberA, {
      title: 'Câu hỏi với dịch vụ lạ',
      body: 'Nội dung đủ dài rồi.',
      serviceIds: ['00000000-0000-4000-8000-000000000000'],
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.fields.serviceIds).toBeTruthy();
    const { service: elsewhere } = await freshService(t, '01');
    const otherProvince = await call('POST', '/api/support/questions', memberA, {
      title: 'Câu hỏi về dịch vụ tỉnh khác',
      body: 'Nội dung đủ dài rồi.',
      serviceIds: [elsewhere.id],
    });
    expect(otherProvince.statusCode).toBe(400);
    expect(otherProvince.json().error.fields.serviceIds).toBeTruthy();
    const twice = await call('POST', '/api/support/questions', memberA, {
      title: 'Câu hỏi lặp dịch vụ',
      body: 'Nội dung đủ dài rồi.',
      serviceIds: [vneid.id, vneid.id],
    });
    expect(twice.json().error.fields.serviceIds).toContain('lặp');
    const extra = await call('POST', '/api/support/questions', memberA, {
      title: 'Câu hỏi có trường lạ',
      body: 'Nội dung đủ dài rồi.',
      authorId: citizen.id,
    });
    expect(extra.statusCode).toBe(400);
    expect(extra.json().error.fields.authorId).toBeTruthy();

    const q = await ask();
    const emptyAnswer = await call('POST', `/api/support/questions/${q.id}/answers`, memberB, { body: ' ' });
    expect(emptyAnswer.statusCode).toBe(400);
    expect(emptyAnswer.json().error.fields.body).toBeTruthy();
    const noReason = await call('POST', `/api/support/questions/${q.id}/moderation`, communeAdmin, { hidden: true });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.fields.reason).toBe('Cần nêu lý do ẩn.');
    const cursor = await call('GET', '/api/support/questions?cursor=not-a-cursor', memberA);
    expect(cursor.statusCode).toBe(400);
    expect(cursor.json().error.fields.cursor).toBeTruthy();
    const service = await call('GET', '/api/support/questions?service=khong-co', memberA);
    expect(service.statusCode).toBe(400);
    expect(service.json().error.fields.service).toBeTruthy();
    const id = await call('GET', '/api/support/questions/123', memberA);
    expect(id.statusCode).toBe(400);
    expect(id.json().error.fields['params.id']).toBeTruthy();
    const missing = await call('GET', '/api/support/questions/00000000-0000-4000-8000-000000000000', memberA);
    expect(missing.statusCode).toBe(404);
  });

  it('an ask repeated with the same Idempotency-Key makes one question', async () => {
    const payload = { title: 'Câu hỏi gửi hai lần', body: 'Mạng chập chờn nên bấm lại.' };
    const key = { 'idempotency-key': 'ask-once-12345' };
    const a = await call('POST', '/api/support/questions', memberA, payload, key);
    const b = await call('POST', '/api/support/questions', memberA, payload, key);
    expect([a.statusCode, b.statusCode]).toEqual([201, 201]);
    expect(b.json().id).toBe(a.json().id);
    const [n] = await t.database.query<{ n: number }>(
      "select count(*)::int as n from support_questions where title = 'Câu hỏi gửi hai lần'",
    );
    expect(n.n).toBe(1);
  });
});

describe('search and lists', () => {
  it('finds "VNeID mức 2" by "vneid muc 2", in answers too, and filters by service and status', async () => {
    const level2 = await ask(memberA, {
      title: 'Kích hoạt VNeID mức 2 cho người cao tuổi',
      body: 'Ông bà không nhớ mật khẩu, làm thế nào?',
      serviceIds: [vneid.id],
    });
    const other = await ask(memberB, { title: 'Cài đặt ứng dụng C-Thái Nguyên', body: 'Điện thoại báo lỗi khi cài.' });
    await answer(other.id, officer, 'Hãy xóa bộ nhớ đệm của Cửa hàng Play rồi thử lại.');
    const ids = async (query: string, who: Person = memberB) => {
      const res = await call('GET', `/api/support/questions?${query}`, who);
      expect(res.statusCode, res.body).toBe(200);
      return res.json().items.map((x: { id: string }) => x.id) as string[];
    };
    expect(await ids('q=vneid%20muc%202')).toEqual([level2.id]);
    expect(await ids(`q=${encodeURIComponent('VNeID mức 2')}`)).toEqual([level2.id]);
    // NFD input (combining marks), another tone-mark placement, upper case.
    expect(await ids(`q=${encodeURIComponent('NGƯỜI CAO TUỔI'.normalize('NFD'))}`)).toEqual([level2.id]);
    expect(await ids('q=bo%20nho%20dem')).toEqual([other.id]);
    expect(await ids('q=vneid%20play')).toEqual([]);
    expect(await ids(`service=vneid&q=cao%20tuoi`)).toEqual([level2.id]);
    expect(await ids(`service=${vneid.id}`)).toContain(level2.id);
    expect(await ids(`service=${vneid.id}`)).not.toContain(other.id);
    expect(await ids('status=answered')).not.toContain(level2.id);
    expect(await ids('status=open')).toContain(level2.id);
    expect(await ids('mine=1', memberB)).toContain(other.id);
    expect(await ids('mine=1', memberB)).not.toContain(level2.id);
    // A LIKE wildcard is a character, not "anything".
    expect(await ids('q=%25')).toEqual([]);
  });

  it('pages by keyset, newest first, with no repeats or gaps', async () => {
    const all: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await call(
        'GET',
        `/api/support/questions?limit=3${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
        provinceAdmin,
      );
      expect(res.statusCode).toBe(200);
      all.push(...res.json().items.map((x: { id: string }) => x.id));
      cursor = res.json().nextCursor;
    } while (cursor);
    const [n] = await t.database.query<{ n: number }>('select count(*)::int as n from support_questions');
    expect(all).toHaveLength(n.n);
    expect(new Set(all).size).toBe(n.n);
  });
});

describe('the FAQ of a service', () => {
  it('is public, holds the question and its accepted answer, and names nobody', async () => {
    const q = await ask(memberA, {
      title: 'Đổi số điện thoại đăng ký VNeID',
      body: 'Người dân đổi sim mới thì làm sao?',
      serviceIds: [vneid.id],
    });
    const a = await answer(q.id, officer, 'Mang căn cước đến công an xã để cập nhật số điện thoại.');
    const before = await call('GET', '/api/support/faq?service=vneid', null);
    expect(before.statusCode).toBe(200);
    expect(before.json().items.map((x: { questionId: string }) => x.questionId)).not.toContain(q.id);
    expect((await call('POST', `/api/support/answers/${a.id}/accept`, memberA)).statusCode).toBe(200);

    for (const service of ['vneid', vneid.id]) {
      const faq = await call('GET', `/api/support/faq?service=${service}`, null);
      expect(faq.statusCode).toBe(200);
      const entry = faq.json().items.find((x: { questionId: string }) => x.questionId === q.id);
      expect(entry).toMatchObject({
        question: 'Đổi số điện thoại đăng ký VNeID',
        answer: 'Mang căn cước đến công an xã để cập nhật số điện thoại.',
        answeredBy: 'handling_officer',
      });
      const text = faq.body;
      for (const p of [memberA, officer]) {
        expect(text).not.toContain(p.name);
        expect(text).not.toContain(p.phone);
        expect(text).not.toContain(p.id);
      }
      expect(text).not.toContain('Định Hoá');
      expect(Object.keys(entry).sort()).toEqual([
        'acceptedAt',
        'answer',
        'answeredBy',
        'details',
        'question',
        'questionId',
      ]);
    }

    // A hidden accepted answer leaves the FAQ; shown again, it comes back.
    const hide = await call('POST', `/api/support/answers/${a.id}/moderation`, communeAdmin, {
      hidden: true,
      reason: 'Kiểm tra lại nội dung',
    });
    expect(hide.statusCode).toBe(200);
    const hidden = await call('GET', '/api/support/faq?service=vneid', null);
    expect(hidden.json().items.map((x: { questionId: string }) => x.questionId)).not.toContain(q.id);
    expect((await call('GET', `/api/support/questions/${q.id}`, memberA)).json()).toMatchObject({
      status: 'open',
      answers: [],
    });
    await call('POST', `/api/support/answers/${a.id}/moderation`, communeAdmin, { hidden: false });
    const back = await call('GET', '/api/support/faq?service=vneid', null);
    expect(back.json().items.map((x: { questionId: string }) => x.questionId)).toContain(q.id);
    expect((await call('GET', `/api/support/questions/${q.id}`, memberA)).json().status).toBe('answered');
  });

  it('is 404 for an unknown or unpublished service, and names the missing parameter', async () => {
    expect((await call('GET', '/api/support/faq?service=khong-co-dich-vu', null)).statusCode).toBe(404);
    const { service } = await freshService(t, '19', { published: false });
    expect((await call('GET', `/api/support/faq?service=${service.slug}`, null)).statusCode).toBe(404);
    const none = await call('GET', '/api/support/faq', null);
    expect(none.statusCode).toBe(400);
    expect(none.json().error.fields['querystring.service']).toBeTruthy();
  });
});

describe('moderation', () => {
  it('an administrator of the asker’s commune or province hides abuse, audited; no one else may', async () => {
    const q = await ask(memberA, { title: 'Câu hỏi có nội dung xấu', body: 'Nội dung quảng cáo lừa đảo.' });
    const a = await answer(q.id, memberB, 'Câu trả lời quảng cáo.');
    const hide = { hidden: true, reason: 'Quảng cáo' };
    for (const who of [memberA, memberB, officer, otherCommuneAdmin, farAdmin, citizen])
      expect((await call('POST', `/api/support/answers/${a.id}/moderation`, who, hide)).statusCode, who.name).toBe(403);
    expect((await call('POST', `/api/support/answers/${a.id}/moderation`, null, hide)).statusCode).toBe(401);

    const done = await call('POST', `/api/support/answers/${a.id}/moderation`, communeAdmin, hide);
    expect(done.statusCode).toBe(200);
    expect(done.json().answers[0]).toMatchObject({ id: a.id, hidden: true, hiddenReason: 'Quảng cáo' });
    const seen = (await call('GET', `/api/support/questions/${q.id}`, memberA)).json();
    expect(seen.answers).toHaveLength(0);
    expect(seen.answerCount).toBe(0);
    // A hidden answer cannot be accepted; the asker is not told it exists.
    expect((await call('POST', `/api/support/answers/${a.id}/accept`, memberA)).statusCode).toBe(404);

    expect((await call('POST', `/api/support/questions/${q.id}/moderation`, provinceAdmin, hide)).statusCode).toBe(200);
    expect((await call('GET', `/api/support/questions/${q.id}`, memberB)).statusCode).toBe(404);
    expect((await call('GET', `/api/support/questions/${q.id}`, communeAdmin)).json()).toMatchObject({
      hidden: true,
      hiddenReason: 'Quảng cáo',
      can: { answer: false, moderate: true },
    });
    const list = (await call('GET', '/api/support/questions', memberB)).json();
    expect(list.items.map((x: { id: string }) => x.id)).not.toContain(q.id);
    const adminList = (await call('GET', '/api/support/questions', communeAdmin)).json();
    expect(adminList.items.map((x: { id: string }) => x.id)).toContain(q.id);
    expect(
      (await call('POST', `/api/support/questions/${q.id}/answers`, officer, { body: 'Trả lời câu bị ẩn.' }))
        .statusCode,
    ).toBe(404);

    const audit = await t.database.query<{ action: string; reason: string; actor_id: string }>(
      `select action, reason, actor_id from audit_log where resource_id in ($1, $2) order by at`,
      [q.id, a.id],
    );
    expect(audit).toEqual([
      { action: 'support.answer_hide', reason: 'Quảng cáo', actor_id: communeAdmin.id },
      { action: 'support.question_hide', reason: 'Quảng cáo', actor_id: provinceAdmin.id },
    ]);
  });
});
