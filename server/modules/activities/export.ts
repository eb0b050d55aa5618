import ExcelJS from 'exceljs';
import { ACTIVITY_ACTION_LABELS, ACTIVITY_OUTCOME_LABELS } from '../../../common/constants/activities.js';
import { vnDateTimeText } from '../../platform/calendar.js';
import type * as repo from './repo.js';
import { itemsByActivity } from './service.js';

/**
 * The activities of a unit as a workbook: one row per activity (its items in one cell), and, only when a purpose
 * was given, a second sheet of the residents named (personal data).
 */
export async function buildActivitiesWorkbook(data: {
  rows: repo.ActivityWithNames[];
  items: repo.ItemWithService[];
  residents: Awaited<ReturnType<typeof repo.residentsOf>>;
  withResidents: boolean;
}): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Xã Số';
  const ws = wb.addWorksheet('Hoạt động');
  ws.columns = [
    { header: 'Thời điểm', key: 'at', width: 18 },
    { header: 'Thôn, tổ dân phố', key: 'hamlet', width: 26 },
    { header: 'Tổ', key: 'team', width: 30 },
    { header: 'Thành viên', key: 'member', width: 22 },
    { header: 'Số hộ', key: 'households', width: 8 },
    { header: 'Số người', key: 'people', width: 9 },
    { header: 'Thời lượng (phút)', key: 'minutes', width: 10 },
    { header: 'Nội dung hỗ trợ', key: 'items', width: 60 },
    { header: 'Số người dân được ghi tên', key: 'residents', width: 12 },
    { header: 'Phản ánh', key: 'report', width: 16 },
    { header: 'Ghi chú', key: 'note', width: 40 },
    { header: 'Mã hoạt động', key: 'id', width: 38 },
  ];
  ws.getRow(1).font = { bold: true };
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  const byActivity = itemsByActivity(data.items);
  for (const r of data.rows) {
    const items = (byActivity.get(r.id) ?? [])
      .map(
        (it) =>
          `${it.serviceName ? `${it.serviceName}: ` : ''}${ACTIVITY_ACTION_LABELS[it.action].vi} — ${ACTIVITY_OUTCOME_LABELS[it.outcome].vi} (${it.people})`,
      )
      .join('; ');
    ws.addRow({
      at: vnDateTimeText(r.occurredAt),
      hamlet: r.hamletName,
      team: r.teamName,
      member: r.memberName,
      households: r.households,
      people: r.people,
      minutes: r.durationMinutes,
      items,
      residents: r.residentCount,
      report: r.reportCode,
      note: r.note,
      id: r.id,
    });
  }
  if (data.withResidents) {
    const rs = wb.addWorksheet('Người dân');
    rs.columns = [
      { header: 'Mã hoạt động', key: 'id', width: 38 },
      { header: 'Họ và tên', key: 'name', width: 24 },
      { header: 'Số điện thoại', key: 'phone', width: 14 },
      { header: 'Năm sinh', key: 'year', width: 9 },
      { header: 'Mục đích đồng ý', key: 'purpose', width: 40 },
      { header: 'Người ghi nhận đồng ý', key: 'by', width: 22 },
      { header: 'Thời điểm ghi nhận', key: 'at', width: 18 },
    ];
    rs.getRow(1).font = { bold: true };
    for (const r of data.residents)
      rs.addRow({
        id: r.activityId,
        name: r.fullName,
        phone: r.phone,
        year: r.birthYear,
        purpose: r.consentPurpose,
        by: r.consentRecordedBy,
        at: vnDateTimeText(r.consentRecordedAt),
      });
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
