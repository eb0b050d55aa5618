/**
 * Live training sessions (hội nghị tập huấn): who creates, edits, ticks and exports; registration once per person with
 * per-site capacity; QR check-in with a signed, time-limited code per site (valid, expired, forged, another site's),
 * idempotent under concurrent scans; counts per site and category; no personal data in public answers.
 * Inside: Xã Định Hoá (05569) of Thái Nguyên (19); the same province's other commune 05443.
 */

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../../common/roles.js';
import { CHECK_IN_WINDOW_SECONDS } from '../../../common/training.js';
import type { Executor } from '../../db/client.js';
import { createUser } from '../../test/factories.js';
import { createTestApp, type TestApp } from '../../test/harness.js';
import { codeFor } from './check-in-code.js';
import { type AttendedEvent, createTrainingService } from './service.js';

interface Person {
  id: string;
  name: string;
  phone: string;
  headers: Record<string, string>;
}

let t: TestApp;
let communeAdmin: Person;
let otherCommuneAdmin: Person;
let provinceAdmin: Person;
let officer: Person;
let citizen: Person;

const HOUR = 3600_000;
const person = async (role: Role, scope: { unitCode?: string; handlingUnitCode?: string } = {}): Promise<Person> => {
  const user = await createUser(t.db, { role, ...scope });
  return { id: user.id, name: user.fullName, phone: user.phone!, headers: await t.sessionHeaders(user.id) };
};
const call = (
  method: 'GET' | 'POST' | 'PUT' | 'DELETE',
  url: string,
  who: Person | null,
  payload?: object,
  extra = {},
) => t.app.inject({ method, url, headers: { ...(who?.headers ?? {}), ...extra }, ...(payload ? { payload } : {}) });

const sessionBody = (over: Record<string, unknown> = {}) => ({
  unitCode: '05569',
  organizerName: 'UBND xã Định Hoá phối hợp Mobifone',
  topic: 'Hướng dẫn sử dụng các công cụ AI phổ biến',
  description: 'Thực hành trên điện thoại.',
  startsAt: new Date(Date.now() - HOUR).toISOString(),
  endsAt: new Date(Date.now() + 3 * HOUR).toISOString(),
  status: 'published',
  mainSite: { name: 'Hội trường UBND xã Định Hoá', place: 'Thị trấn Chợ Chu', communeCode: '05569', capacity: null },
  remoteSites: [{ name: 'Điểm cầu Phú Lương', place: 'Nhà văn hóa', communeCode: '05611', capacity: 2 }],
  ...over,
});

async function createSession(over: Record<string, unknown> = {}, who: Person = communeAdmin) {
  const res = await call('POST', '/api/training/sessions', who, sessionBody(over));
  expect(res.statusCode, res.body).toBe(201);
  const s = res.json() as { id: string; sites: { id: string; main: boolean; registered: number; attended: number }[] };
  return { id: s.id, main: s.sites.find((x) => x.main)!.id, remote: s.sites.find((x) => !x.main)!.id, body: s };
}

const siteCounts = async (sessionId: string, siteId: string) => {
  const res = await call('GET', `/api/training/sessions/${sessionId}`, null);
  const site = (res.json().sites as { id: string; registered: number; attended: number }[]).find(
    (s) => s.id === siteId,
  )!;
  return { registered: site.registered, attended: site.attended };
};

const register = (who: Person, sessionId: string, siteId: string, learnerCategory = 'resident') =>
  call('POST', `/api/training/sessions/${sessionId}/registration`, who, { siteId, learnerCategory });

beforeAll(async () => {
  t = await createTestApp({ DATA_DIR: mkdtempSync(join(tmpdir(), 'xaso-training-')) });
  communeAdmin = await person('commune_admin', { unitCode: '05569' });
  otherCommuneAdmin = await person('commune_admin', { unitCode: '05443' });
  provinceAdmin = await person('province_admin', { unitCode: '19' });
  officer = await person('handling_officer', { handlingUnitCode: 'ubnd-05569' });
  citizen = await person('citizen');
});
afterAll(() => t.close());

describe('who manages sessions', () => {
  it('the commune’s administrator and the province’s create; another commune’s, an officer, a citizen cannot', async () => {
    await createSession();
    await createSession({ unitCode: '19', organizerName: 'Sở KH&CN phối hợp Mobifone Bắc Kạn' }, provinceAdmin);
    for (const [who, status] of [
      [otherCommuneAdmin, 403],
      [officer, 403],
      [citizen, 403],
      [null, 401],
    ] as const) {
      const res = await call('POST', '/api/training/sessions', who, sessionBody());
      expect(res.statusCode, res.body).toBe(status);
    }
    const province = await call('POST', '/api/training/sessions', communeAdmin, sessionBody({ unitCode: '19' }));
    expect(province.statusCode).toBe(403);
  });

  it('edits keep the sites with registrations; another commune’s administrator cannot edit', async () => {
    const s = await createSession();
    expect((await register(citizen, s.id, s.remote)).statusCode).toBe(201);
    const removing = await call(
      'PUT',
      `/api/training/sessions/${s.id}`,
      communeAdmin,
      sessionBody({ remoteSites: [] }),
    );
    expect(removing.statusCode).toBe(400);
    expect(removing.json().error.fields.remoteSites).toBeTruthy();
    const edited = await call(
      'PUT',
      `/api/training/sessions/${s.id}`,
      communeAdmin,
      sessionBody({
        topic: 'Chủ đề mới',
        mainSite: { id: s.main, name: 'Hội trường mới', communeCode: '05569' },
        remoteSites: [{ id: s.remote, name: 'Điểm cầu Phú Lương', communeCode: '05611', capacity: 3 }],
      }),
    );
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json().topic).toBe('Chủ đề mới');
    expect(await siteCounts(s.id, s.remote)).toEqual({ registered: 1, attended: 0 });
    const other = await call('PUT', `/api/training/sessions/${s.id}`, otherCommuneAdmin, sessionBody());
    expect(other.statusCode).toBe(403);
    const draft = await createSession({ status: 'draft' });
    expect((await call('PUT', `/api/training/sessions/${draft.id}`, otherCommuneAdmin, sessionBody())).statusCode).toBe(
      404,
    );
    expect((await call('GET', `/api/training/sessions/${draft.id}`, citizen)).statusCode).toBe(404);
  });

  it('refuses a site in another province and an end before the start, naming the field', async () => {
    const far = await call(
      'POST',
      '/api/training/sessions',
      communeAdmin,
      sessionBody({ remoteSites: [{ name: 'Hà Nội', communeCode: '00004' }] }),
    );
    expect(far.statusCode).toBe(400);
    expect(far.json().error.fields.remoteSites).toBeTruthy();
    const backwards = await call(
      'POST',
      '/api/training/sessions',
      communeAdmin,
      sessionBody({ endsAt: new Date(Date.now() - 2 * HOUR).toISOString() }),
    );
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json().error.fields.endsAt).toBeTruthy();
  });
});

describe('registration', () => {
  it('is once per person (a retry answers the same registration) and can be cancelled', async () => {
    const s = await createSession();
    const first = await register(citizen, s.id, s.main);
    expect(first.statusCode, first.body).toBe(201);
    const again = await register(citizen, s.id, s.main);
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(first.json().id);
    expect(await siteCounts(s.id, s.main)).toEqual({ registered: 1, attended: 0 });
    const mine = await call('GET', '/api/training/registrations/mine', citizen);
    expect(mine.json().items.some((r: { sessionId: string }) => r.sessionId === s.id)).toBe(true);
    const cancel = await call('DELETE', `/api/training/sessions/${s.id}/registration`, citizen);
    expect(cancel.statusCode).toBe(200);
    expect(cancel.json().status).toBe('cancelled');
    expect(await siteCounts(s.id, s.main)).toEqual({ registered: 0, attended: 0 });
    expect(
      (
        await call('POST', `/api/training/sessions/${s.id}/registration`, null, {
          siteId: s.main,
          learnerCategory: 'resident',
        })
      ).statusCode,
    ).toBe(401);
  });

  it('fills a site to its capacity and no further; a cancellation frees a seat', async () => {
    const s = await createSession();
    const a = await person('citizen');
    const b = await person('citizen');
    const c = await person('citizen');
    expect((await register(a, s.id, s.remote)).statusCode).toBe(201);
    expect((await register(b, s.id, s.remote, 'youth_union')).statusCode).toBe(201);
    const full = await register(c, s.id, s.remote);
    expect(full.statusCode).toBe(409);
    expect(full.json().error.code).toBe('site_full');
    expect(full.json().error.fields.siteId).toBeTruthy();
    // the main site has no limit
    expect((await register(c, s.id, s.main)).statusCode).toBe(201);
    expect((await call('DELETE', `/api/training/sessions/${s.id}/registration`, a)).statusCode).toBe(200);
    expect((await register(c, s.id, s.remote)).statusCode).toBe(200);
    expect(await siteCounts(s.id, s.remote)).toEqual({ registered: 2, attended: 0 });
    expect(await siteCounts(s.id, s.main)).toEqual({ registered: 0, attended: 0 });
  });

  it('lets exactly capacity people in when many register at once', async () => {
    const s = await createSession();
    const people = await Promise.all(Array.from({ length: 6 }, () => person('citizen')));
    const results = await Promise.all(people.map((p) => register(p, s.id, s.remote)));
    expect(results.filter((r) => r.statusCode === 201)).toHaveLength(2);
    expect(results.filter((r) => r.statusCode === 409)).toHaveLength(4);
    expect(await siteCounts(s.id, s.remote)).toEqual({ registered: 2, attended: 0 });
  });
});

describe('QR check-in', () => {
  let s: Awaited<ReturnType<typeof createSession>>;
  beforeAll(async () => {
    s = await createSession();
  });

  const codeOf = async (siteId: string, who: Person = communeAdmin) => {
    const res = await call('GET', `/api/training/sites/${siteId}/code`, who);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as { code: string; url: string; svg: string; expiresAt: string };
  };

  it('shows the site’s code only to the organiser’s staff, as a QR of a URL of the app', async () => {
    const c = await codeOf(s.main);
    expect(c.url).toBe(`${t.config.PUBLIC_URL}/tap-huan/diem-danh?c=${encodeURIComponent(c.code)}`);
    expect(c.svg).toContain('<svg');
    for (const [who, status] of [
      [citizen, 403],
      [officer, 403],
      [otherCommuneAdmin, 403],
      [null, 401],
    ] as const)
      expect((await call('GET', `/api/training/sites/${s.main}/code`, who)).statusCode).toBe(status);
  });

  it('checks a registered attendee in once, however many times they scan', async () => {
    const p = await person('citizen');
    expect((await register(p, s.id, s.main, 'official')).statusCode).toBe(201);
    const { code } = await codeOf(s.main);
    const preview = await call('GET', `/api/training/check-in?c=${encodeURIComponent(code)}`, p);
    expect(preview.json().siteName).toBe('Hội trường UBND xã Định Hoá');
    const first = await call('POST', '/api/training/check-in', p, { code });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json().firstTime).toBe(true);
    const second = await call('POST', '/api/training/check-in', p, { code });
    expect(second.json().firstTime).toBe(false);
    expect(second.json().attendedAt).toBe(first.json().attendedAt);
    const detail = (await call('GET', `/api/training/sessions/${s.id}`, null)).json();
    expect(detail.byCategory.find((c: { category: string }) => c.category === 'official').attended).toBeGreaterThan(0);
  });

  it('registers on the spot a person who had not registered (asking their category), capacity allowing', async () => {
    const p = await person('citizen');
    const { code } = await codeOf(s.remote);
    const noCategory = await call('POST', '/api/training/check-in', p, { code });
    expect(noCategory.statusCode).toBe(400);
    expect(noCategory.json().error.fields.learnerCategory).toBeTruthy();
    const ok = await call('POST', '/api/training/check-in', p, { code, learnerCategory: 'youth_union' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(await siteCounts(s.id, s.remote)).toEqual({ registered: 1, attended: 1 });
    // the remote site holds 2: one more fits, the next is refused
    expect(
      (await call('POST', '/api/training/check-in', await person('citizen'), { code, learnerCategory: 'resident' }))
        .statusCode,
    ).toBe(200);
    const full = await call('POST', '/api/training/check-in', await person('citizen'), {
      code,
      learnerCategory: 'resident',
    });
    expect(full.statusCode).toBe(409);
    expect(full.json().error.code).toBe('site_full');
  });

  it('refuses forged codes, another site’s signature and codes signed with another secret, naming `code`', async () => {
    const p = await person('citizen');
    const { code } = await codeOf(s.main);
    const [payload, sig] = code.split('.');
    const flipped = `${payload}.${sig.startsWith('A') ? 'B' : 'A'}${sig.slice(1)}`;
    // the last character of a 16-byte base64url text has spare bits: a variant differing only there is refused too
    const spare = `${payload}.${sig.slice(0, -1)}${String.fromCharCode(sig.charCodeAt(21) ^ 1)}`;
    const otherSite = await codeOf(s.remote);
    const swapped = `${otherSite.code.split('.')[0]}.${sig}`;
    const foreign = codeFor('another-secret-of-at-least-32-characters!', s.main, new Date()).code;
    for (const bad of [flipped, spare, swapped, foreign, 'not-a-code']) {
      const vi = await call('POST', '/api/training/check-in', p, { code: bad });
      expect(vi.statusCode, bad).toBe(400);
      expect(vi.json().error.fields.code).toBe('Mã điểm danh không hợp lệ.');
      const en = await call('POST', '/api/training/check-in', p, { code: bad }, { 'accept-language': 'en' });
      expect(en.json().error.fields.code).toBe('The check-in code is not valid.');
    }
    expect(await siteCounts(s.id, s.main)).toMatchObject({ attended: 1 });
  });

  it('accepts a code until it expires and refuses it after (the clock injected)', async () => {
    let clock = new Date();
    const events: AttendedEvent[] = [];
    const svc = createTrainingService({
      db: t.db,
      units: t.app.services.units,
      store: {} as never,
      secret: t.config.secret,
      publicUrl: t.config.PUBLIC_URL,
      now: () => clock,
      onAttended: async (_tx: Executor, e) => {
        events.push(e);
      },
    });
    const late = await person('citizen');
    const early = await person('citizen');
    const admin = (await t.app.services.sessions.start(communeAdmin.id, 'x')) && null;
    void admin;
    const adminActor = {
      kind: 'user' as const,
      id: communeAdmin.id,
      assignments: [{ role: 'commune_admin' as const, unitCode: '05569', unitPath: '19/05569', handlingUnitId: null }],
    };
    const { code, expiresAt } = await svc.siteCode(adminActor, s.main);
    const actorOf = (p: Person) => ({ kind: 'user' as const, id: p.id, assignments: [] });
    // just before expiry: accepted
    clock = new Date(new Date(expiresAt).getTime() - 1000);
    expect((await svc.checkIn(actorOf(early), { code, learnerCategory: 'resident' })).firstTime).toBe(true);
    // at and after expiry: refused, naming code
    clock = new Date(new Date(expiresAt).getTime() + CHECK_IN_WINDOW_SECONDS * 1000);
    const err = await svc.checkIn(actorOf(late), { code, learnerCategory: 'resident' }).catch((e) => e);
    expect(err.status ?? err.statusCode).toBe(400);
    expect(err.code).toBe('code_expired');
    expect(err.fields.code.vi).toContain('hết hạn');
    // the session does not award certificates: the hook is not called
    expect(events).toHaveLength(0);
  });

  it('checks in once under concurrent scans, calling the certificate hook once in the same transaction', async () => {
    const events: AttendedEvent[] = [];
    const svc = createTrainingService({
      db: t.db,
      units: t.app.services.units,
      store: {} as never,
      secret: t.config.secret,
      publicUrl: t.config.PUBLIC_URL,
      onAttended: async (_tx, e) => {
        events.push(e);
      },
    });
    const cert = await createSession({ certificateOnAttendance: true });
    const p = await person('citizen');
    const { code } = await codeOf(cert.main);
    const actor = { kind: 'user' as const, id: p.id, assignments: [] };
    const results = await Promise.all(
      Array.from({ length: 6 }, () => svc.checkIn(actor, { code, learnerCategory: 'team_member' })),
    );
    expect(results.filter((r) => r.firstTime)).toHaveLength(1);
    expect(new Set(results.map((r) => r.attendedAt)).size).toBe(1);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ sessionId: cert.id, siteId: cert.main, userId: p.id, unitCode: '05569' });
    expect(await siteCounts(cert.id, cert.main)).toEqual({ registered: 1, attended: 1 });
  });
});

describe('attendance list, ticks and export', () => {
  it('the organiser’s administrators tick and export; others cannot; public answers name nobody', async () => {
    const s = await createSession();
    const p = await person('citizen');
    const named = await createUser(t.db, { fullName: 'Hoàng Thị Tên Riêng' });
    const namedP: Person = {
      id: named.id,
      name: named.fullName,
      phone: named.phone!,
      headers: await t.sessionHeaders(named.id),
    };
    expect((await register(p, s.id, s.main, 'official')).statusCode).toBe(201);
    expect((await register(namedP, s.id, s.remote, 'youth_union')).statusCode).toBe(201);

    const list = await call('GET', `/api/training/sessions/${s.id}/attendance`, communeAdmin);
    expect(list.statusCode).toBe(200);
    const row = list.json().rows.find((r: { fullName: string }) => r.fullName === 'Hoàng Thị Tên Riêng');
    for (const who of [otherCommuneAdmin, officer, citizen, namedP]) {
      expect((await call('GET', `/api/training/sessions/${s.id}/attendance`, who)).statusCode).toBe(403);
      expect(
        (await call('PUT', `/api/training/registrations/${row.id}/attendance`, who, { attended: true })).statusCode,
      ).toBe(403);
      expect((await call('GET', `/api/training/sessions/${s.id}/attendance.xlsx`, who)).statusCode).toBe(403);
    }
    expect((await call('GET', `/api/training/sessions/${s.id}/attendance`, null)).statusCode).toBe(401);
    expect(await siteCounts(s.id, s.remote)).toEqual({ registered: 1, attended: 0 });

    const tick = await call('PUT', `/api/training/registrations/${row.id}/attendance`, communeAdmin, {
      attended: true,
    });
    expect(tick.statusCode, tick.body).toBe(200);
    expect(tick.json().attendedAt).toBeTruthy();
    expect(
      (await call('PUT', `/api/training/registrations/${row.id}/attendance`, provinceAdmin, { attended: true }))
        .statusCode,
    ).toBe(200);
    expect(await siteCounts(s.id, s.remote)).toEqual({ registered: 1, attended: 1 });
    const [audit] = await t.database.query<{ n: number }>(
      "select count(*)::int as n from audit_log where action = 'training.attendance_tick' and resource_id = $1",
      [row.id],
    );
    expect(audit.n).toBe(1);

    const xlsx = await call('GET', `/api/training/sessions/${s.id}/attendance.xlsx`, communeAdmin);
    expect(xlsx.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const cells = wb.worksheets[0].getSheetValues().flat().map(String);
    expect(cells).toContain('Hoàng Thị Tên Riêng');
    expect(cells).toContain('Đoàn viên thanh niên');

    // public answers: counts only
    for (const url of [`/api/training/sessions/${s.id}`, '/api/training/sessions']) {
      for (const who of [null, citizen]) {
        const body = (await call('GET', url, who)).body;
        expect(body).not.toContain('Hoàng Thị Tên Riêng');
        expect(body).not.toContain(namedP.phone);
      }
    }
  });
});

describe('materials', () => {
  it('takes a PDF (sniffed, not trusted by its name) and serves it to whoever sees the session', async () => {
    const s = await createSession();
    const { multipart } = await import('../../test/http.js');
    const fake = multipart('<html>not a pdf</html>', 'tai-lieu.pdf', 'application/pdf', 'file');
    const refused = await t.app.inject({
      method: 'POST',
      url: `/api/training/sessions/${s.id}/materials?title=Slide`,
      headers: { ...communeAdmin.headers, ...fake.headers },
      payload: fake.payload,
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.fields.file).toBeTruthy();
    const pdf = multipart('%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF\n', 'bai-giang.pdf', 'application/pdf', 'file');
    const ok = await t.app.inject({
      method: 'POST',
      url: `/api/training/sessions/${s.id}/materials?title=${encodeURIComponent('Bài giảng AI')}`,
      headers: { ...communeAdmin.headers, ...pdf.headers },
      payload: pdf.payload,
    });
    expect(ok.statusCode, ok.body).toBe(201);
    const m = ok.json().materials.find((x: { title: string }) => x.title === 'Bài giảng AI');
    const file = await call('GET', `/api/training/materials/${m.id}/file`, null);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('application/pdf');
    expect(file.body.startsWith('%PDF-')).toBe(true);
  });
});
