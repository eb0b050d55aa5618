/**
 * Certificates: issued once per (kind, source, person) whatever the repeats; signed serials typed any reasonable way;
 * the public check shows only name, title and day, and refuses a forged serial without reading the database; the
 * PDF for its holder and the unit's administrators only; revocation by administrators, audited, then shown as
 * revoked. Inside: Xã Định Hoá (05569) of Thái Nguyên (19); the same province's other commune 05443; Hà Nội (01).
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { CertificateView } from '../../../common/certificates.js';
import type { Role } from '../../../common/roles.js';
import { createUser } from '../../test/factories.js';
import { createTestApp, type TestApp } from '../../test/harness.js';
import { checkSerial, newSerial, serialKey } from './serial.js';
import type { IssueInput } from './service.js';

let t: TestApp;
const people = {} as Record<
  'holder' | 'other' | 'communeAdmin' | 'otherCommuneAdmin' | 'provinceAdmin' | 'farAdmin' | 'member',
  { id: string; headers: Record<string, string> }
>;
const COURSE = randomUUID();
const TITLE = 'Sử dụng ứng dụng VNeID';
const HOLDER = 'Nguyễn Thị Hoà';

const utf16be = (text: string) => Buffer.from(`\ufeff${text}`, 'utf16le').swap16();
const pageCount = (pdf: Buffer) => (pdf.toString('latin1').match(/\/Type\s*\/Page(?!s)/g) ?? []).length;

const issue = (input: Partial<IssueInput> & { userId: string }) =>
  t.db.transaction((tx) =>
    t.app.services.certificates.issue(tx, {
      kind: 'course',
      sourceId: COURSE,
      title: TITLE,
      unitCode: '05569',
      ...input,
    }),
  );
const get = (url: string, who?: keyof typeof people) =>
  t.app.inject({ method: 'GET', url, headers: who ? people[who].headers : {} });
const post = (url: string, payload: object, who?: keyof typeof people) =>
  t.app.inject({ method: 'POST', url, payload, headers: who ? people[who].headers : {} });
const count = async (sql: string, params: unknown[]) => (await t.database.query<{ n: number }>(sql, params))[0].n;

let first: CertificateView;

beforeAll(async () => {
  t = await createTestApp();
  const person = async (role: Role, unitCode?: string, fullName?: string) => {
    const u = await createUser(t.db, { role, unitCode, fullName });
    return { id: u.id, headers: await t.sessionHeaders(u.id) };
  };
  people.holder = await person('citizen', undefined, HOLDER);
  people.other = await person('citizen');
  people.member = await person('team_member', '05569');
  people.communeAdmin = await person('commune_admin', '05569');
  people.otherCommuneAdmin = await person('commune_admin', '05443');
  people.provinceAdmin = await person('province_admin', '19');
  people.farAdmin = await person('province_admin', '01');
  first = await issue({ userId: people.holder.id });
});
afterAll(() => t.close());

describe('serials', () => {
  const key = serialKey('a-test-secret-of-at-least-32-characters!!');

  it('look like BDHVS-XXXX-XXXX-XXXX-XXXX in Crockford base32 and check out', () => {
    const s = newSerial(key);
    expect(s).toMatch(/^BDHVS(-[0-9A-HJKMNP-TV-Z]{4}){4}$/);
    expect(checkSerial(key, s)).toBe(s);
  });

  it('accept lower case, no dashes, spaces, no prefix, O for 0 and I or L for 1', () => {
    let s = newSerial(key);
    while (!/[01]/.test(s)) s = newSerial(key);
    const body = s.slice(6);
    for (const typed of [
      s.toLowerCase(),
      s.replace(/-/g, ''),
      ` ${s.replace(/-/g, ' ')} `,
      body,
      body.replace(/-/g, '').toLowerCase(),
      s.replace(/0/g, 'O').replace(/1/g, 'I'),
      s.replace(/0/g, 'o').replace(/1/g, 'l'),
    ])
      expect(checkSerial(key, typed), typed).toBe(s);
  });

  it('refuse every one-character change, another key, and malformed text', () => {
    const s = newSerial(key);
    const chars = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
    for (let i = 6; i < s.length; i++) {
      if (s[i] === '-') continue;
      const flipped = chars[(chars.indexOf(s[i]) + 1) % chars.length];
      expect(checkSerial(key, s.slice(0, i) + flipped + s.slice(i + 1))).toBeNull();
    }
    expect(checkSerial(serialKey('another-secret-of-at-least-32-characters'), s)).toBeNull();
    for (const bad of ['', 'BDHVS', 'BDHVS-UUUU-UUUU-UUUU-UUUU', `${s}0`, s.slice(0, -1), "' or 1=1 --"])
      expect(checkSerial(key, bad)).toBeNull();
  });
});

describe('issuing', () => {
  it('copies the holder’s name, the title, the unit and the Vietnam day', async () => {
    expect(first).toMatchObject({
      kind: 'course',
      sourceId: COURSE,
      holderName: HOLDER,
      title: TITLE,
      unitCode: '05569',
    });
    expect(first.unitName).toMatch(/Định Hoá|Định Hóa/);
    expect(first.issuedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    // 23:30 UTC is already the next day in Vietnam.
    const late = await issue({
      userId: people.other.id,
      sourceId: randomUUID(),
      issuedAt: new Date('2026-12-06T23:30:00Z'),
    });
    expect(late.issuedOn).toBe('2026-12-07');
  });

  it('a repeat, and concurrent calls, give the same one certificate', async () => {
    const again = await issue({ userId: people.holder.id, title: 'Một tiêu đề khác' });
    expect(again.serial).toBe(first.serial);
    const source = randomUUID();
    const all = await Promise.all(
      Array.from({ length: 6 }, () => issue({ userId: people.member.id, sourceId: source })),
    );
    expect(new Set(all.map((c) => c.serial)).size).toBe(1);
    expect(await count('select count(*)::int as n from certificates where source_id = $1', [source])).toBe(1);
  });

  it('a course and a session with the same id are two certificates', async () => {
    const source = randomUUID();
    const a = await issue({ userId: people.member.id, sourceId: source, kind: 'course' });
    const b = await issue({ userId: people.member.id, sourceId: source, kind: 'session' });
    expect(a.serial).not.toBe(b.serial);
  });

  it('an unknown unit or person is refused and writes nothing', async () => {
    const source = randomUUID();
    await expect(issue({ userId: people.holder.id, sourceId: source, unitCode: 'nope' })).rejects.toMatchObject({
      status: 404,
    });
    await expect(issue({ userId: randomUUID(), sourceId: source })).rejects.toMatchObject({ status: 404 });
    expect(await count('select count(*)::int as n from certificates where source_id = $1', [source])).toBe(0);
  });
});

describe('public verification', () => {
  it('valid: only status, serial, kind, holder name, title and day; no unit, no ids, no phone', async () => {
    const res = await get(`/api/verify/${first.serial}`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(Object.keys(body).sort()).toEqual(
      ['holderName', 'issuedOn', 'kind', 'revokedAt', 'serial', 'status', 'title'].sort(),
    );
    expect(body).toEqual({
      status: 'valid',
      serial: first.serial,
      kind: 'course',
      holderName: HOLDER,
      title: TITLE,
      issuedOn: first.issuedOn,
      revokedAt: null,
    });
    expect(res.body).not.toContain('05569');
    expect(res.body).not.toContain(people.holder.id);
    expect(res.body).not.toContain('Định');
  });

  it('typed in lower case without dashes, with O and I: the same answer', async () => {
    const typed = first.serial.replace(/-/g, '').toLowerCase().replace(/0/g, 'o').replace(/1/g, 'i');
    expect((await get(`/api/verify/${typed}`)).json()).toMatchObject({ status: 'valid', serial: first.serial });
  });

  it('a forged serial (one character flipped) is invalid, decided without any database read', async () => {
    const last = first.serial.at(-1)!;
    const forged = first.serial.slice(0, -1) + (last === 'Z' ? 'Y' : 'Z');
    const db = t.app.ctx.db;
    const spies = [vi.spyOn(db, 'select'), vi.spyOn(db, 'execute'), vi.spyOn(db, 'transaction')];
    try {
      const res = await get(`/api/verify/${forged}`);
      expect(res.json()).toMatchObject({ status: 'invalid', serial: null, holderName: null });
      for (const s of spies) expect(s).not.toHaveBeenCalled();
      // The spy does see a real lookup.
      await get(`/api/verify/${first.serial}`);
      expect(spies[0]).toHaveBeenCalled();
    } finally {
      for (const s of spies) s.mockRestore();
    }
  });

  it('a well-signed serial that was never issued is not found', async () => {
    const unknown = newSerial(serialKey(t.config.secret));
    expect((await get(`/api/verify/${unknown}`)).json()).toMatchObject({ status: 'not_found', holderName: null });
  });
});

describe('downloading the PDF', () => {
  it('the holder gets a one-page PDF naming them, the title in its metadata', async () => {
    const res = await get(`/api/certificates/${first.serial.toLowerCase()}/pdf`, 'holder');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toContain('attachment');
    const pdf = res.rawPayload;
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pageCount(pdf)).toBe(1);
    expect(pdf.includes(utf16be(`${HOLDER} — ${TITLE}`))).toBe(true);
  });

  it('the unit’s and province’s administrators may; anyone else is told it does not exist', async () => {
    for (const who of ['communeAdmin', 'provinceAdmin'] as const)
      expect((await get(`/api/certificates/${first.serial}/pdf`, who)).statusCode, who).toBe(200);
    for (const who of ['other', 'member', 'otherCommuneAdmin', 'farAdmin'] as const) {
      const res = await get(`/api/certificates/${first.serial}/pdf`, who);
      expect(res.statusCode, who).toBe(404);
      expect(res.json().error.code).toBe('not_found');
    }
    expect((await get(`/api/certificates/${first.serial}/pdf`)).statusCode).toBe(401);
  });
});

describe('my certificates and the administrators’ list', () => {
  it('mine: the holder’s own only', async () => {
    const mine = (await get('/api/certificates/mine', 'holder')).json();
    expect(mine.items.map((c: CertificateView) => c.serial)).toContain(first.serial);
    expect(mine.items.every((c: CertificateView) => c.holderName === HOLDER)).toBe(true);
    const theirs = (await get('/api/certificates/mine', 'other')).json();
    expect(theirs.items.map((c: CertificateView) => c.serial)).not.toContain(first.serial);
    expect((await get('/api/certificates/mine')).statusCode).toBe(401);
  });

  it('administrators list and search (no diacritics); others may not', async () => {
    const found = (await get('/api/certificates?unit=05569&q=hoa', 'communeAdmin')).json();
    expect(found.items.map((c: CertificateView) => c.serial)).toEqual([first.serial]);
    const bySerial = (await get(`/api/certificates?q=${first.serial.slice(6, 15)}`, 'provinceAdmin')).json();
    expect(bySerial.items.map((c: CertificateView) => c.serial)).toEqual([first.serial]);
    expect((await get('/api/certificates?unit=05569', 'otherCommuneAdmin')).statusCode).toBe(403);
    expect((await get('/api/certificates?unit=05569', 'farAdmin')).statusCode).toBe(403);
    expect((await get('/api/certificates', 'holder')).statusCode).toBe(403);
    expect((await get('/api/certificates', 'member')).statusCode).toBe(403);
    expect((await get('/api/certificates?unit=nope', 'provinceAdmin')).statusCode).toBe(404);
    // Without a unit: the caller's own scope only.
    const other = (await get('/api/certificates', 'otherCommuneAdmin')).json();
    expect(other.items).toEqual([]);
  });

  it('pages with a cursor', async () => {
    const p1 = (await get('/api/certificates?unit=19&limit=1', 'provinceAdmin')).json();
    expect(p1.items).toHaveLength(1);
    expect(p1.nextCursor).toBeTruthy();
    const p2 = (await get(`/api/certificates?unit=19&limit=1&cursor=${p1.nextCursor}`, 'provinceAdmin')).json();
    expect(p2.items[0].id).not.toBe(p1.items[0].id);
    expect((await get('/api/certificates?cursor=garbage', 'provinceAdmin')).statusCode).toBe(400);
  });

  it('bulk PDF: a page per valid certificate of the source in scope', async () => {
    const source = randomUUID();
    for (const who of ['holder', 'other', 'member'] as const) await issue({ userId: people[who].id, sourceId: source });
    const res = await get(`/api/certificates/bulk.pdf?kind=course&source=${source}`, 'communeAdmin');
    expect(res.statusCode).toBe(200);
    expect(res.headers['x-certificate-count']).toBe('3');
    expect(pageCount(res.rawPayload)).toBe(3);
    // Another province's administrator: none of theirs (and not allowed to ask for this commune).
    const far = await get(`/api/certificates/bulk.pdf?kind=course&source=${source}`, 'farAdmin');
    expect(far.headers['x-certificate-count']).toBe('0');
    expect(
      (await get(`/api/certificates/bulk.pdf?kind=course&source=${source}&unit=05569`, 'farAdmin')).statusCode,
    ).toBe(403);
    expect((await get(`/api/certificates/bulk.pdf?kind=course&source=${source}`, 'holder')).statusCode).toBe(403);
  });
});

describe('revoking', () => {
  it('needs a reason (the field is named)', async () => {
    const res = await post(`/api/certificates/${first.serial}/revoke`, { reason: '' }, 'communeAdmin');
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields).toHaveProperty('reason');
  });

  it('the holder, another commune’s or province’s administrators cannot, and nothing changes', async () => {
    expect((await post(`/api/certificates/${first.serial}/revoke`, { reason: 'Gian lận' }, 'holder')).statusCode).toBe(
      403,
    );
    for (const who of ['otherCommuneAdmin', 'farAdmin', 'other'] as const)
      expect((await post(`/api/certificates/${first.serial}/revoke`, { reason: 'Gian lận' }, who)).statusCode).toBe(
        404,
      );
    expect((await get(`/api/verify/${first.serial}`)).json().status).toBe('valid');
  });

  it('the commune’s administrator revokes (audited); the public page then says revoked and when', async () => {
    const res = await post(
      `/api/certificates/${first.serial}/revoke`,
      { reason: 'Cấp nhầm người học' },
      'communeAdmin',
    );
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ serial: first.serial, revokeReason: 'Cấp nhầm người học' });
    const v = (await get(`/api/verify/${first.serial}`)).json();
    expect(v.status).toBe('revoked');
    expect(new Date(v.revokedAt).getTime()).toBeGreaterThan(Date.now() - 60_000);
    expect(v).not.toHaveProperty('revokeReason');
    expect(
      await count(
        "select count(*)::int as n from audit_log where action = 'certificate.revoke' and resource_id = $1 and reason = $2",
        [first.id, 'Cấp nhầm người học'],
      ),
    ).toBe(1);
    // Again: nothing new (no second audit entry); the holder's list shows it revoked without the reason.
    await post(`/api/certificates/${first.serial}/revoke`, { reason: 'Lần hai' }, 'provinceAdmin');
    expect(
      await count("select count(*)::int as n from audit_log where action = 'certificate.revoke' and resource_id = $1", [
        first.id,
      ]),
    ).toBe(1);
    const mine = (await get('/api/certificates/mine', 'holder')).json();
    const it = mine.items.find((c: CertificateView) => c.serial === first.serial);
    expect(it.revokedAt).toBeTruthy();
    expect(it.revokeReason).toBeNull();
    // The bulk print leaves revoked certificates out.
    const bulk = await get(`/api/certificates/bulk.pdf?kind=course&source=${COURSE}`, 'provinceAdmin');
    expect(bulk.headers['x-certificate-count']).toBe('0');
  });
});
