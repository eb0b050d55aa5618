import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../../common/roles.js';
import { vnDate } from '../../platform/calendar.js';
import { createUser } from '../../test/factories.js';
import { createTestApp, type TestApp } from '../../test/harness.js';
import { multipart } from '../../test/http.js';
import * as teamsRepo from '../teams/repo.js';
import { insertHamlet } from '../units/test-support.js';

/**
 * Households per hamlet (entered, imported all-or-none, exported): the total and those with a person who has basic
 * digital skills make the coverage per hamlet, commune and province; the activity log's household visits stand beside
 * it, exact before and after a fold.
 */
let t: TestApp;
type Headers = Record<string, string>;
const who: Record<string, Headers> = {};
let hamlets: { code: string; fullName: string; path: string }[];
let team: { id: string; member: string };
let teamB: { id: string; member: string };
let authorId: string;
const today = vnDate(new Date());

const person = async (role: Role, unitCode?: string) =>
  t.sessionHeaders((await createUser(t.db, { role, unitCode })).id);
const send = (headers: Headers | null, method: 'GET' | 'PUT', url: string, payload?: object) =>
  t.app.inject({ method, url, headers: headers ?? {}, payload });
const HEADER = 'Thôn, tổ dân phố;Số hộ;Số liệu đến ngày;Nguồn số liệu;Số hộ có người có kỹ năng số cơ bản';
const csv = (...rows: string[]) => [HEADER, ...rows].join('\r\n');
const upload = (h: Headers | null, file: string | Buffer, query = '', unit = '05569') => {
  const body = multipart(file, 'so-ho.csv', 'text/csv');
  return t.app.inject({
    method: 'POST',
    url: `/api/households/import?unit=${unit}${query}`,
    headers: { ...(h ?? {}), ...body.headers },
    payload: body.payload,
  });
};
const figures = async () =>
  t.database.query<{ hamlet_code: string; households: number; skilled: number | null; source: string }>(
    `select hamlet_code, households, skilled, source from hamlet_households where commune_code = '05569' order by hamlet_code`,
  );

beforeAll(async () => {
  t = await createTestApp();
  hamlets = [];
  for (const name of ['Nà Mòn', 'Bản Piềng', 'Khuôn Tát']) hamlets.push(await insertHamlet(t.db, '05569', name));
  const created = await teamsRepo.insertTeam(t.db, {
    hamletCode: hamlets[0].code,
    communeCode: '05569',
    unitPath: hamlets[0].path,
    name: 'Tổ Nà Mòn',
  });
  const member = await teamsRepo.insertMember(t.db, {
    teamId: created.id,
    fullName: 'Lò Văn Thành',
    phone: '0912000111',
    organisation: 'doan_thanh_nien',
    role: 'leader',
    joinedOn: '2025-01-01',
  });
  team = { id: created.id, member: member.id };
  const createdB = await teamsRepo.insertTeam(t.db, {
    hamletCode: hamlets[1].code,
    communeCode: '05569',
    unitPath: hamlets[1].path,
    name: 'Tổ Bản Piềng',
  });
  const memberB = await teamsRepo.insertMember(t.db, {
    teamId: createdB.id,
    fullName: 'Ma Thị Hoa',
    phone: '0912000222',
    organisation: 'hoi_phu_nu',
    role: 'leader',
    joinedOn: '2025-01-01',
  });
  teamB = { id: createdB.id, member: memberB.id };
  authorId = (await createUser(t.db, { role: 'commune_admin', unitCode: '05569' })).id;
  who.commune = await person('commune_admin', '05569');
  who.otherCommune = await person('commune_admin', '01840');
  who.province = await person('province_admin', '19');
  who.member = await person('team_member', hamlets[0].code);
  who.citizen = await person('citizen');
});
afterAll(() => t.close());

describe('households', () => {
  it('a commune administrator enters a hamlet’s households; nobody outside may', async () => {
    const body = { households: 120, asOf: today, source: 'Báo cáo của trưởng thôn' };
    for (const [h, status] of [
      [null, 401],
      [who.citizen, 403],
      [who.member, 403],
      [who.otherCommune, 403],
    ] as const)
      expect((await send(h, 'PUT', `/api/households/${hamlets[0].code}`, body)).statusCode).toBe(status);
    expect(await figures()).toEqual([]);
    const res = await send(who.commune, 'PUT', `/api/households/${hamlets[0].code}`, body);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().rows.find((r: { code: string }) => r.code === hamlets[0].code)).toMatchObject({
      households: 120,
      asOf: today,
      source: 'Báo cáo của trưởng thôn',
      skilled: null,
      reached: 0,
      coverage: null,
    });
    // The households with digital skills: from 0 up to the total, never more.
    for (const skilled of [0, 120]) {
      const r = await send(who.commune, 'PUT', `/api/households/${hamlets[0].code}`, { ...body, skilled });
      expect(r.json().rows.find((x: { code: string }) => x.code === hamlets[0].code)).toMatchObject({
        skilled,
        coverage: skilled === 0 ? 0 : 100,
      });
    }
    // Limits both sides: 0 and 100,000 are households; -1, 100,001, a day after today and an empty source are not.
    for (const households of [0, 100_000])
      expect(
        (await send(who.province, 'PUT', `/api/households/${hamlets[1].code}`, { ...body, households })).statusCode,
      ).toBe(200);
    for (const bad of [
      { households: -1 },
      { households: 100_001 },
      { households: 1.5 },
      { skilled: -1 },
      { skilled: 121 },
      { skilled: 11, households: 10 },
      { asOf: '2999-01-01' },
      { source: ' ' },
      { source: 'x'.repeat(201) },
    ]) {
      const r = await send(who.commune, 'PUT', `/api/households/${hamlets[1].code}`, { ...body, ...bad });
      expect(r.statusCode, JSON.stringify(bad)).toBe(400);
      expect(JSON.stringify(r.json().error)).toContain(Object.keys(bad)[0]);
    }
    expect((await send(who.commune, 'PUT', '/api/households/05569', body)).statusCode).toBe(400);
    expect((await send(who.commune, 'PUT', '/api/households/khong-co', body)).statusCode).toBe(400);
  });

  it('imports all rows or none, with a row report a clerk opens in Excel', async () => {
    const before = await figures();
    const bad = csv(
      `Thôn Nà Mòn;130;01/06/2026;Điều tra dân số;131`,
      `Thôn Không Có;10;;`,
      `thon ban pieng;mười;;`,
      `Thôn Nà Mòn;140;;`,
      `Thôn Khuôn Tát;90;31/02/2026;`,
    );
    const res = await upload(who.commune, bad);
    expect(res.statusCode).toBe(422);
    expect(res.json().errors.map((e: { row: number; field: string }) => [e.row, e.field])).toEqual([
      [2, 'skilled'],
      [3, 'hamlet'],
      [4, 'households'],
      [5, 'hamlet'],
      [6, 'asOf'],
    ]);
    expect(await figures()).toEqual(before);
    const report = await upload(who.commune, bad, '&report=xlsx');
    expect(report.statusCode).toBe(422);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(report.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect(String(ws.getCell('F3').value)).toContain('Xã không có thôn');
    expect(ws.getCell('A3').note).toBeTruthy();

    for (const [h, status] of [
      [null, 401],
      [who.member, 403],
      [who.otherCommune, 403],
      [who.citizen, 403],
    ] as const)
      expect((await upload(h, csv('Thôn Nà Mòn;1;;'))).statusCode).toBe(status);
    expect((await upload(who.province, csv('Thôn Nà Mòn;1;;'), '', '19')).statusCode).toBe(400);

    const good = csv(
      `Thôn Nà Mòn;1.250;01/06/2026;Điều tra dân số;500`,
      `thon ban pieng;80;;;80`,
      `${hamlets[2].code};95;;Thống kê xã`,
    );
    const dry = await upload(who.commune, good, '&dryRun=1');
    expect(dry.statusCode, dry.body).toBe(200);
    expect(dry.json()).toEqual({ ok: true, dryRun: true, updated: 3, unchanged: 0 });
    expect(await figures()).toEqual(before);
    const done = await upload(who.commune, good);
    expect(done.statusCode, done.body).toBe(201);
    expect(done.json()).toEqual({ ok: true, dryRun: false, updated: 3, unchanged: 0 });
    expect((await figures()).map((f) => [f.households, f.skilled])).toEqual(
      hamlets.map(
        (h) =>
          ({ 'Nà Mòn': [1250, 500], 'Bản Piềng': [80, 80], 'Khuôn Tát': [95, null] })[
            h.fullName.replace(/^Thôn /, '')
          ] ?? -1,
      ),
    );
    expect((await upload(who.commune, good)).json()).toMatchObject({ updated: 0, unchanged: 3 });
  });

  it('coverage is households with digital skills over households surveyed; visits stand beside it, folded or not', async () => {
    // A hamlet's household visits are the ones its own team recorded (the rollup counts per team).
    const insert = async (hamlet: string, households: number) =>
      t.db.execute(sql`insert into activities (id, team_id, member_id, author_user_id, commune_code, hamlet_code,
          unit_path, occurred_at, occurred_on, households, people)
        values (gen_random_uuid(), ${hamlet === hamlets[0].code ? team.id : teamB.id},
          ${hamlet === hamlets[0].code ? team.member : teamB.member}, ${authorId}, '05569', ${hamlet},
          ${`19/05569/${hamlet}`}, ${`${today}T08:00:00+07:00`}, ${today}, ${households}, 1)`);
    await insert(hamlets[0].code, 500);
    await insert(hamlets[0].code, 125);
    await insert(hamlets[1].code, 100); // 100 visits in a hamlet of 80: visits are not households
    const check = async () => {
      const c = (await send(who.commune, 'GET', '/api/households?unit=05569')).json();
      const row = (code: string) => c.rows.find((r: { code: string }) => r.code === code);
      expect(row(hamlets[0].code)).toMatchObject({ households: 1250, skilled: 500, reached: 625, coverage: 40 });
      expect(row(hamlets[1].code)).toMatchObject({ households: 80, skilled: 80, reached: 100, coverage: 100 });
      // Not surveyed: no coverage, and it does not lower the commune's.
      expect(row(hamlets[2].code)).toMatchObject({ households: 95, skilled: null, reached: 0, coverage: null });
      // (500 + 80) / (1250 + 80) = 43.6 %
      expect(c.total).toMatchObject({ households: 1425, skilled: 580, reached: 725, coverage: 43.6 });
      expect(c.note.vi).toContain('được đếm nhiều lần');
      const p = (await send(who.province, 'GET', '/api/households?unit=19')).json();
      expect(p.rows.find((r: { code: string }) => r.code === '05569')).toMatchObject({
        households: 1425,
        skilled: 580,
        reached: 725,
        coverage: 43.6,
        hamletsWithFigure: 3,
      });
      expect(p.total).toMatchObject({ households: 1425, skilled: 580, reached: 725, coverage: 43.6 });
    };
    await check();
    await t.app.ctx.aggregates.foldAll();
    await check();
    for (const [h, unit, status] of [
      [null, '05569', 401],
      [who.member, '05569', 403],
      [who.citizen, '05569', 403],
      [who.otherCommune, '05569', 403],
      [who.commune, '19', 403],
      [who.commune, hamlets[0].code, 400],
    ] as const)
      expect((await send(h, 'GET', `/api/households?unit=${unit}`)).statusCode).toBe(status);
  });

  it('exports the commune’s households in the import’s format, which imports again unchanged', async () => {
    const res = await send(who.commune, 'GET', '/api/households/export.xlsx?unit=05569');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toContain('so-ho-05569');
    const again = await upload(who.commune, res.rawPayload);
    expect(again.statusCode, again.body).toBe(201);
    expect(again.json()).toMatchObject({ updated: 0, unchanged: 3 });
    for (const [h, status] of [
      [null, 401],
      [who.member, 403],
      [who.otherCommune, 403],
    ] as const)
      expect((await send(h, 'GET', '/api/households/export.xlsx?unit=05569')).statusCode).toBe(status);
  });
});
