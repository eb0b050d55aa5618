import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../../common/roles.js';
import { createUser } from '../../test/factories.js';
import { createTestApp, type TestApp } from '../../test/harness.js';
import { multipart } from '../../test/http.js';
import { insertHamlet } from '../units/test-support.js';

interface Person {
  headers: Record<string, string>;
}
let t: TestApp;
let admin: Person;
let hamlets: { code: string; fullName: string }[];

const person = async (role: Role, unitCode?: string): Promise<Person> => {
  const user = await createUser(t.db, { role, unitCode });
  return { headers: await t.sessionHeaders(user.id) };
};
const HEADER =
  'Thôn, tổ dân phố;Tên tổ;Số quyết định;Ngày quyết định;Họ và tên;Số điện thoại;Tổ chức;Vai trò;Ngày vào tổ';
const csv = (...rows: string[]) => [HEADER, ...rows].join('\r\n');
const upload = (who: Person | null, file: string | Buffer, query = '', name = 'to.csv') => {
  const body = multipart(file, name, 'text/csv');
  return t.app.inject({
    method: 'POST',
    url: `/api/teams/import?unit=05569${query}`,
    headers: { ...(who?.headers ?? {}), ...body.headers },
    payload: body.payload,
  });
};
const counts = async () =>
  (
    await t.database.query<{ teams: number; members: number }>(
      `select (select count(*)::int from teams where commune_code = '05569') as teams,
        (select count(*)::int from team_members m join teams x on x.id = m.team_id where x.commune_code = '05569') as members`,
    )
  )[0];

beforeAll(async () => {
  t = await createTestApp();
  admin = await person('commune_admin', '05569');
  hamlets = [];
  for (const name of ['Nà Mòn', 'Bản Piềng', 'Khuôn Tát']) hamlets.push(await insertHamlet(t.db, '05569', name));
});
afterAll(() => t.close());

describe('teams import from a spreadsheet', () => {
  it('founds the teams, adds the members, and a second upload of the same file adds nothing', async () => {
    const file = csv(
      'Thôn Nà Mòn;;12/QĐ-UBND;15/03/2025;Lục Văn Tâm;0912 345 001;Đoàn Thanh niên;Tổ trưởng;15/03/2025',
      'thon na mon;;;;Hoàng Thị Mơ;+84912345002;Hội Liên hiệp Phụ nữ;;',
      `${hamlets[1].code};Tổ CNS Bản Piềng;;;Ma Văn Quý;0912345003;cong an;Tổ phó;`,
      'Thôn Khuôn Tát;;;;;;;;',
    );
    const dry = await upload(admin, file, '&dryRun=1');
    expect(dry.statusCode, dry.body).toBe(200);
    expect(dry.json()).toMatchObject({ dryRun: true, teamsCreated: 3, membersAdded: 3, membersAlready: 0 });
    expect(await counts()).toEqual({ teams: 0, members: 0 });

    const first = await upload(admin, file);
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({ dryRun: false, teamsCreated: 3, membersAdded: 3, membersAlready: 0 });
    expect(await counts()).toEqual({ teams: 3, members: 3 });
    const list = (await t.app.inject({ url: '/api/teams?unit=05569', headers: admin.headers })).json();
    const naMon = list.items.find((x: { hamletCode: string }) => x.hamletCode === hamlets[0].code);
    expect(naMon).toMatchObject({ name: 'Tổ công nghệ số cộng đồng Thôn Nà Mòn', decisionNumber: '12/QĐ-UBND' });
    const team = (await t.app.inject({ url: `/api/teams/${naMon.id}`, headers: admin.headers })).json();
    expect(team.members.map((m: { phone: string; role: string }) => [m.phone, m.role])).toEqual([
      ['0912345001', 'leader'],
      ['0912345002', 'member'],
    ]);

    const again = await upload(admin, file);
    expect(again.json()).toMatchObject({ teamsCreated: 0, membersAdded: 0, membersAlready: 3 });
    expect(await counts()).toEqual({ teams: 3, members: 3 });
  });

  it('rejects a bad file whole, naming row and column, with an error report the clerk opens in Excel', async () => {
    const before = await counts();
    const file = csv(
      'Thôn Không Có;;;;Nguyễn Văn A;0912345010;Khác;;', // row 2: unknown hamlet
      'Thôn Nà Mòn;;;;Nguyễn Văn B;12345;Khác;;', // row 3: bad phone
      'Thôn Nà Mòn;;;;Nguyễn Văn C;0912345011;Hội Cựu chiến binh;;', // row 4: unknown organisation
      'Thôn Nà Mòn;;;;Nguyễn Văn D;0912345012;Khác;Tổ trưởng;', // row 5: Nà Mòn has a leader already
      'Bản Piềng;;;;Nguyễn Văn E;0912345013;Khác;;32/13/2025', // row 6: no such day
      'Bản Piềng;;;;Nguyễn Văn E;0912 345 013;Khác;;', // row 7: the same person as row 6
      'Bản Piềng;;;;Trần Thị F;0912345014;Công an;;', // row 8: good, but nothing is written
    );
    const res = await upload(admin, file);
    expect(res.statusCode).toBe(422);
    const found = res.json().errors.map((e: { row: number; column: string }) => [e.row, e.column]);
    expect(found).toEqual([
      [2, 'Thôn, tổ dân phố'],
      [3, 'Số điện thoại'],
      [4, 'Tổ chức'],
      [5, 'Vai trò'],
      [6, 'Ngày vào tổ'],
      [7, 'Số điện thoại'],
    ]);
    expect(res.json().errors[5].message).toContain('dòng 6');
    expect(await counts()).toEqual(before);

    const report = await upload(admin, file, '&report=xlsx');
    expect(report.statusCode).toBe(422);
    expect(report.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(report.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect(ws.getRow(1).getCell(10).value).toBe('Lỗi cần sửa');
    const phoneCell = ws.getRow(3).getCell(6);
    expect(phoneCell.value).toBe('12345');
    expect((phoneCell.fill as ExcelJS.FillPattern).fgColor?.argb).toBe('FFFFC7CE');
    expect(String(phoneCell.note)).toContain('không phải số di động');
    expect(String(ws.getRow(3).getCell(10).value)).toContain('Số điện thoại');
    expect(ws.getRow(8).getCell(10).value).toBeNull();
    expect(ws.getRow(8).getCell(6).fill).toBeUndefined();
  });

  it('refuses files that are not spreadsheets, and headers without the hamlet column', async () => {
    const png = await upload(admin, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 1, 2]), '', 'anh.png');
    expect(png.statusCode).toBe(415);
    const noHamlet = await upload(admin, 'Họ và tên;Số điện thoại\r\nA;0912345678');
    expect(noHamlet.statusCode).toBe(400);
    expect(noHamlet.json().errors[0].column).toBe('Thôn, tổ dân phố');
  });

  it('exports in the same format: the export uploaded again adds nothing', async () => {
    const res = await t.app.inject({ url: '/api/teams/export.xlsx?unit=05569', headers: admin.headers });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toContain('to-cong-nghe-so-05569.xlsx');
    const back = await upload(admin, res.rawPayload, '', 'to.xlsx');
    expect(back.statusCode, back.body).toBe(201);
    expect(back.json()).toMatchObject({ teamsCreated: 0, membersAdded: 0, membersAlready: 3 });
    const template = await t.app.inject({ url: '/api/teams/import-template.xlsx' });
    expect(template.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(template.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets[0].getRow(1).getCell(1).value).toBe('Thôn, tổ dân phố');
  });

  it('only administrators of the commune import and export', async () => {
    const good = csv('Thôn Nà Mòn;;;;Bế Văn G;0912345020;Khác;;');
    const other = await person('commune_admin', '01840');
    const member = await person('team_member', hamlets[0].code);
    for (const [who, status] of [
      [other, 403],
      [member, 403],
      [null, 401],
    ] as [Person | null, number][]) {
      expect((await upload(who, good)).statusCode).toBe(status);
      const exported = await t.app.inject({ url: '/api/teams/export.xlsx?unit=05569', headers: who?.headers ?? {} });
      expect(exported.statusCode).toBe(status);
    }
    expect((await upload(await person('province_admin', '19'), good)).statusCode).toBe(201);
    const audit = await t.database.query<{ action: string; details: string }>(
      "select action, details::text as details from audit_log where action in ('team.import', 'team.export')",
    );
    expect(new Set(audit.map((a) => a.action))).toEqual(new Set(['team.import', 'team.export']));
    expect(JSON.stringify(audit)).not.toMatch(/0912\d{6}/);
  });
});
