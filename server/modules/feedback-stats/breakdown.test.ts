/**
 * Statistics by commune and by handling unit, overdue counts, and the cancel reasons per category in the XLSX
 * (issue 7, point 13), from reports that went through the real workflow.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StatsBreakdown } from '../../../common/feedback-public.js';
import { vnDate } from '../../platform/calendar.js';
import { createTestApp, type TestApp } from '../../test/harness.js';
import {
  act,
  categoryId,
  DINH_HOA,
  handlingUnitId,
  type Person,
  PHAN_DINH_PHUNG,
  person,
  submit,
} from '../feedback/test-support.js';

let t: TestApp;
let citizen: Person;
let dinhHoa: Person;
let phanDinhPhung: Person;
let giaoThong: string;
let moiTruong: string;
let province: string;
const ids: Record<string, string> = {};

async function report(where: typeof DINH_HOA, category: string) {
  const res = await submit(t, citizen, {
    categoryId: category,
    description: 'Phản ánh để thống kê theo xã và đơn vị.',
    lat: where.lat,
    lng: where.lng,
  });
  expect(res.statusCode).toBe(201);
  return res.json().id as string;
}

beforeAll(async () => {
  t = await createTestApp();
  citizen = await person(t, 'citizen');
  dinhHoa = await person(t, 'handling_officer', { handlingUnitCode: 'ubnd-05569' });
  phanDinhPhung = await person(t, 'handling_officer', { handlingUnitCode: 'ubnd-05443' });
  giaoThong = await categoryId(t, 'giao-thong');
  const [cat] = await t.database.query<{ id: string }>(
    "select id from feedback_categories where code <> 'giao-thong' order by sort_order limit 1",
  );
  moiTruong = cat.id;
  province = await handlingUnitId(t, 'ubnd-19');
  // Định Hoá: 2 pending, 1 open at the commune (made overdue), 1 routed to the province and answered, 1 spam,
  // 1 withdrawn. Phan Đình Phùng: 1 open at the commune, 1 cancelled after acceptance.
  await report(DINH_HOA, giaoThong);
  await report(DINH_HOA, moiTruong);
  ids.overdue = await report(DINH_HOA, giaoThong);
  expect((await act(t, dinhHoa, ids.overdue, 'accept')).statusCode).toBe(200);
  await t.database.query("update reports set due_at = now() - interval '1 day' where id = $1", [ids.overdue]);
  ids.answered = await report(DINH_HOA, giaoThong);
  expect((await act(t, dinhHoa, ids.answered, 'accept', { handlingUnitId: province })).statusCode).toBe(200);
  const agency = await person(t, 'handling_officer', { handlingUnitCode: 'ubnd-19' });
  expect((await act(t, agency, ids.answered, 'answer', { text: 'Đã xử lý xong.' })).statusCode).toBe(200);
  ids.spam = await report(DINH_HOA, giaoThong);
  expect((await act(t, dinhHoa, ids.spam, 'cancel', { reason: 'spam' })).statusCode).toBe(200);
  ids.withdrawn = await report(DINH_HOA, moiTruong);
  expect((await act(t, citizen, ids.withdrawn, 'withdraw', {})).statusCode).toBe(200);
  ids.open = await report(PHAN_DINH_PHUNG, giaoThong);
  expect((await act(t, phanDinhPhung, ids.open, 'accept')).statusCode).toBe(200);
  ids.later = await report(PHAN_DINH_PHUNG, moiTruong);
  expect((await act(t, phanDinhPhung, ids.later, 'accept')).statusCode).toBe(200);
  expect((await act(t, phanDinhPhung, ids.later, 'cancel', { reason: 'outside_jurisdiction' })).statusCode).toBe(200);
});
afterAll(() => t.close());

async function breakdown(query = ''): Promise<StatsBreakdown> {
  const res = await t.app.inject(`/api/feedback/stats/breakdown${query}`);
  expect(res.statusCode).toBe(200);
  return res.json();
}
const row = (b: StatsBreakdown, code: string) => b.byCommune.find((c) => c.code === code)!;
const unit = (b: StatsBreakdown, code: string) => b.byHandlingUnit.find((u) => u.code === code)!;

describe('GET /api/feedback/stats/breakdown', () => {
  it('lists every commune of the province, each partitioning what it received, with the overdue now', async () => {
    for (const query of ['?unit=19', `?unit=19&from=${vnDate(new Date())}&to=${vnDate(new Date())}`]) {
      const b = await breakdown(query);
      expect(b.byCommune).toHaveLength(92);
      for (const c of b.byCommune) expect(c.pending + c.distributed + c.resolved + c.cancelled).toBe(c.received);
      expect(row(b, '05569')).toMatchObject({
        received: 6,
        pending: 2,
        distributed: 1,
        resolved: 1,
        cancelled: 2,
        overdue: 1,
      });
      expect(row(b, '05569').name).toBe('Xã Định Hoá');
      expect(row(b, '05443')).toMatchObject({ received: 2, distributed: 1, cancelled: 1, overdue: 0 });
      expect(b.overdue).toBe(1);
      expect(b.byCommune.reduce((n, c) => n + c.received, 0)).toBe(8);
    }
  });

  it('counts by handling unit: routed, open, answered, cancelled after routing, overdue, on time', async () => {
    const b = await breakdown('?unit=19');
    expect(unit(b, 'ubnd-05569')).toMatchObject({ assigned: 1, distributed: 1, resolved: 0, overdue: 1 });
    expect(unit(b, 'ubnd-19')).toMatchObject({ assigned: 1, resolved: 1, overdue: 0, onTimeRate: 1 });
    expect(unit(b, 'ubnd-05443')).toMatchObject({ assigned: 2, distributed: 1, cancelled: 1, overdue: 0 });
    // A commune's breakdown: itself, and the units that handled its reports.
    const c = await breakdown('?unit=05569');
    expect(c.byCommune.map((x) => x.code)).toEqual(['05569']);
    expect(c.byHandlingUnit.map((u) => u.code).sort()).toEqual(['ubnd-05569', 'ubnd-19']);
  });

  it('counts overdue at the moment asked (pinned clock), not at the deadline job', async () => {
    const service = t.app.services.statsBreakdown;
    const [r] = await t.database.query<{ due_at: Date }>('select due_at from reports where id = $1', [ids.open]);
    const before = await service.breakdown({ unit: '05443' }, new Date(new Date(r.due_at).getTime() - 1000));
    const after = await service.breakdown({ unit: '05443' }, new Date(new Date(r.due_at).getTime() + 1000));
    expect([before.overdue, after.overdue]).toEqual([0, 1]);
    expect(after.asOf).toBe(new Date(new Date(r.due_at).getTime() + 1000).toISOString());
  });

  it('an empty period reads zero; a reversed one is a 400 naming the field', async () => {
    const b = await breakdown('?unit=19&from=2020-01-01&to=2020-01-31');
    expect(b.byCommune.every((c) => c.received === 0)).toBe(true);
    expect(b.byHandlingUnit).toEqual([]);
    const bad = await t.app.inject('/api/feedback/stats/breakdown?from=2026-02-01&to=2026-01-01');
    expect([bad.statusCode, Object.keys(bad.json().error.fields)]).toEqual([400, ['to']]);
  });
});

describe('XLSX export', () => {
  it('fills the cancel-reason columns of each category row and adds the sheets by commune and by unit', async () => {
    const res = await t.app.inject('/api/feedback/stats.xlsx?unit=19');
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('Thống kê phản ánh')!;
    const rows = ws.getSheetValues().filter(Boolean) as unknown[][];
    const header = rows.find((r) => r[1] === 'Lĩnh vực')!;
    const col = (name: string) => header.indexOf(name);
    const [gt] = await t.database.query<{ name_vi: string }>('select name_vi from feedback_categories where id = $1', [
      giaoThong,
    ]);
    const [mt] = await t.database.query<{ name_vi: string }>('select name_vi from feedback_categories where id = $1', [
      moiTruong,
    ]);
    const giao = rows.find((r) => r[1] === gt.name_vi)!;
    const moi = rows.find((r) => r[1] === mt.name_vi)!;
    expect(giao[col('Hủy: Tin rác')]).toBe(1);
    expect(giao[col('Hủy: Không thuộc thẩm quyền')]).toBe(0);
    expect(moi[col('Hủy: Không thuộc thẩm quyền')]).toBe(1);
    expect(moi[col('Hủy: Người phản ánh rút lại')]).toBe(1);
    const total = rows.find((r) => r[1] === 'Tổng cộng')!;
    expect(total[col('Hủy')]).toBe(3);

    const byCommune = wb.getWorksheet('Theo xã, phường')!.getSheetValues().filter(Boolean) as unknown[][];
    const dh = byCommune.find((r) => r[1] === '05569')!;
    expect(dh.slice(1, 9)).toEqual(['05569', 'Xã Định Hoá', 6, 1, 1, 2, 2, 1]);
    const byUnit = wb.getWorksheet('Theo đơn vị xử lý')!.getSheetValues().filter(Boolean) as unknown[][];
    expect(byUnit.find((r) => r[1] === 'ubnd-19')!.slice(3, 9)).toEqual([1, 0, 1, 0, 0, 100]);
  });
});
