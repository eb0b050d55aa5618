import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import { CANCEL_REASON_LABELS, CANCEL_REASONS } from '../../../common/feedback.js';
import type { StatsBreakdown, StatsResponse } from '../../../common/feedback-public.js';

/** The statistics table as people read it: one row per category, then the total, with Vietnamese headers. */
export const STATS_HEADERS = [
  'Lĩnh vực',
  'Tổng số phản ánh tiếp nhận',
  'Đã xử lý',
  'Đã phân phối, đang chờ xử lý',
  'Chưa đủ điều kiện tiếp nhận',
  'Hủy',
  ...CANCEL_REASONS.map((r) => `Hủy: ${CANCEL_REASON_LABELS[r].vi}`),
];

function tableRows(s: StatsResponse): (string | number)[][] {
  const rows: (string | number)[][] = s.byCategory.map((c) => [
    c.nameVi,
    c.received,
    c.resolved,
    c.distributed,
    c.pending,
    c.cancelled,
    ...CANCEL_REASONS.map((r) => c.cancelledByReason[r]),
  ]);
  rows.push([
    'Tổng cộng',
    s.received,
    s.resolved,
    s.distributed,
    s.pending,
    s.cancelled,
    ...CANCEL_REASONS.map((r) => s.cancelledByReason[r]),
  ]);
  return rows;
}

const period = (s: StatsResponse) => `${s.from ?? 'đầu kỳ'} – ${s.to ?? 'nay'}`;
const indicators = (s: StatsResponse): [string, string | number][] => [
  ['Tỷ lệ xử lý đúng hạn (%)', s.onTimeRate === null ? '' : Math.round(s.onTimeRate * 1000) / 10],
  ['Mức độ hài lòng trung bình (1–5)', s.meanSatisfaction ?? ''],
  ['Số lượt đánh giá', s.ratings],
  ['Số lần mở lại', s.reopenings],
];

/** CSV (UTF-8 with BOM so Excel shows the Vietnamese letters): the table, then the indicators. */
export function statsToCsv(s: StatsResponse): string {
  const body = stringify([
    ['Đơn vị', s.unit.name],
    ['Thời gian', period(s)],
    [],
    STATS_HEADERS,
    ...tableRows(s),
    [],
    ...indicators(s),
  ]);
  return `\uFEFF${body}`;
}

/** The table by commune: the seed's columns per commune, and the reports overdue now. */
export const COMMUNE_HEADERS = [
  'Mã',
  'Xã, phường',
  'Tổng số phản ánh tiếp nhận',
  'Đã xử lý',
  'Đã phân phối, đang chờ xử lý',
  'Chưa đủ điều kiện tiếp nhận',
  'Hủy',
  'Quá hạn xử lý',
];
export const UNIT_HEADERS = [
  'Mã',
  'Đơn vị xử lý',
  'Được giao',
  'Đang xử lý',
  'Đã xử lý',
  'Hủy sau khi giao',
  'Quá hạn xử lý',
  'Tỷ lệ đúng hạn (%)',
];

export function communeRows(b: StatsBreakdown): (string | number)[][] {
  return b.byCommune.map((c) => [
    c.code,
    c.name,
    c.received,
    c.resolved,
    c.distributed,
    c.pending,
    c.cancelled,
    c.overdue,
  ]);
}
export function unitRows(b: StatsBreakdown): (string | number)[][] {
  return b.byHandlingUnit.map((u) => [
    u.code,
    u.name,
    u.assigned,
    u.distributed,
    u.resolved,
    u.cancelled,
    u.overdue,
    u.onTimeRate === null ? '' : Math.round(u.onTimeRate * 1000) / 10,
  ]);
}

function addTable(wb: ExcelJS.Workbook, name: string, title: string, headers: string[], rows: (string | number)[][]) {
  const ws = wb.addWorksheet(name);
  ws.addRow([title]).font = { bold: true, size: 14 };
  ws.addRow([]);
  const header = ws.addRow(headers);
  header.font = { bold: true };
  header.alignment = { wrapText: true, vertical: 'middle' };
  for (const r of rows) ws.addRow(r);
  ws.getColumn(1).width = 14;
  ws.getColumn(2).width = 44;
  for (let i = 3; i <= headers.length; i++) ws.getColumn(i).width = 16;
}

/**
 * XLSX workbook: the sheet "Thống kê phản ánh" (by category, with the cancel reasons per category), and with a
 * breakdown the sheets "Theo xã, phường" and "Theo đơn vị xử lý".
 */
export async function statsToXlsx(s: StatsResponse, breakdown?: StatsBreakdown): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Xã Số';
  const ws = wb.addWorksheet('Thống kê phản ánh');
  ws.addRow([`Thống kê phản ánh hiện trường — ${s.unit.name}`]).font = { bold: true, size: 14 };
  ws.addRow([`Thời gian: ${period(s)}`]);
  ws.addRow([]);
  const header = ws.addRow(STATS_HEADERS);
  header.font = { bold: true };
  header.alignment = { wrapText: true, vertical: 'middle' };
  for (const r of tableRows(s)) ws.addRow(r);
  ws.lastRow!.font = { bold: true };
  ws.addRow([]);
  for (const r of indicators(s)) ws.addRow(r);
  ws.getColumn(1).width = 40;
  for (let i = 2; i <= STATS_HEADERS.length; i++) ws.getColumn(i).width = 18;
  if (breakdown) {
    const asOf = `quá hạn tính đến ${new Date(breakdown.asOf).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
    addTable(
      wb,
      'Theo xã, phường',
      `Phản ánh theo xã, phường — ${s.unit.name}, ${period(s)} (${asOf})`,
      COMMUNE_HEADERS,
      communeRows(breakdown),
    );
    addTable(
      wb,
      'Theo đơn vị xử lý',
      `Phản ánh theo đơn vị xử lý — ${s.unit.name}, ${period(s)} (${asOf})`,
      UNIT_HEADERS,
      unitRows(breakdown),
    );
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
