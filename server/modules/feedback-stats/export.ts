import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import { CANCEL_REASON_LABELS, CANCEL_REASONS } from '../../../common/feedback.js';
import type { StatsResponse } from '../../../common/feedback-public.js';

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
    // Reasons are not kept by category in the response; they are totals only.
    ...CANCEL_REASONS.map(() => ''),
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

/** XLSX workbook with one sheet "Thống kê phản ánh". */
export async function statsToXlsx(s: StatsResponse): Promise<Buffer> {
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
  return Buffer.from(await wb.xlsx.writeBuffer());
}
