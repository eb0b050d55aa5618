import ExcelJS from 'exceljs';
import { ACTIVITY_ACTION_LABELS, type ActivityAction } from '../../../common/constants/activities.js';
import { TEAM_ACTIVITY_MAX_MONTHS, type TeamActivity } from '../../../common/team-activity.js';
import type { Db } from '../../db/client.js';
import type { Actor } from '../../platform/actor.js';
import { addMonths, monthSpan, vnDate } from '../../platform/calendar.js';
import { errors } from '../../platform/errors.js';
import { authorize } from '../../platform/permissions.js';
import type { UnitsService } from '../units/service.js';
import * as repo from './repo.js';

const monthsBetween = (from: string, to: string) =>
  Array.from({ length: monthSpan(from, to) }, (_, i) => addMonths(from, i));

/** The period asked for, else the last 6 months (this one included, in Vietnam). */
function periodOf(q: { from?: string; to?: string }): { from: string; to: string } {
  const thisMonth = vnDate(new Date()).slice(0, 7);
  const to = q.to ?? (q.from && q.from > thisMonth ? q.from : thisMonth);
  const from = q.from ?? addMonths(to, -5);
  if (from > to)
    throw errors.invalidField('to', {
      vi: 'Tháng kết thúc phải từ tháng bắt đầu trở đi.',
      en: 'The last month must not be before the first.',
    });
  if (monthSpan(from, to) > TEAM_ACTIVITY_MAX_MONTHS)
    throw errors.invalidField('to', {
      vi: `Mỗi lần xem tối đa ${TEAM_ACTIVITY_MAX_MONTHS} tháng.`,
      en: `At most ${TEAM_ACTIVITY_MAX_MONTHS} months at a time.`,
    });
  return { from, to };
}

export interface TeamActivityDeps {
  db: Db;
  units: UnitsService;
}

/**
 * What community digital technology teams did in a unit over a period, from the activity log's counts: for the
 * commune's and the province's pages. Counts only, no personal data; read by those who read the unit's teams.
 */
export function createTeamActivityService({ db, units }: TeamActivityDeps) {
  async function summary(actor: Actor, q: { unit: string; from?: string; to?: string }): Promise<TeamActivity> {
    const unit = await units.requireUnit(q.unit).catch(() => {
      throw errors.invalidField('unit', { vi: 'Không có đơn vị này.', en: 'No such unit.' });
    });
    authorize(actor, 'team.read', { unitPath: unit.path });
    const { from, to } = periodOf(q);
    const period = { from: `${from}-01`, to: `${to}-01` };
    let scope: repo.ActivityScope;
    if (unit.level === 'province') scope = { provinceCode: unit.code };
    else if (unit.level === 'commune') scope = { communeCodes: [unit.code] };
    else scope = { hamletCode: unit.code };

    const [months, services, children] = await Promise.all([
      repo.byMonth(db, scope, period),
      repo.byService(db, scope, period),
      unit.level === 'province' || unit.level === 'commune'
        ? repo.byChildUnit(db, { code: unit.code, level: unit.level }, period)
        : Promise.resolve([]),
    ]);
    const found = new Map(months.map((m) => [m.month, m]));
    const byMonth = monthsBetween(from, to).map((month) => {
      const m = found.get(month);
      return {
        month,
        activities: m?.activities ?? 0,
        households: m?.households ?? 0,
        people: m?.people ?? 0,
        itemsDone: m?.itemsDone ?? 0,
      };
    });
    const sum = (k: 'activities' | 'households' | 'people' | 'minutes' | 'items' | 'itemsDone') =>
      months.reduce((n, m) => n + m[k], 0);
    return {
      unit: { code: unit.code, name: unit.fullName, level: unit.level },
      from,
      to,
      totals: {
        activities: sum('activities'),
        households: sum('households'),
        people: sum('people'),
        minutes: sum('minutes'),
        items: sum('items'),
        itemsDone: sum('itemsDone'),
      },
      byMonth,
      byService: services.map((s) => ({ ...s, action: s.action as ActivityAction })),
      byUnit: children,
    };
  }

  return {
    summary,

    /** The same figures as a workbook: one sheet per table, headers in the reader's language. */
    async exportSummary(actor: Actor, q: { unit: string; from?: string; to?: string }, lang: 'vi' | 'en') {
      const s = await summary(actor, q);
      const vi = lang === 'vi';
      const wb = new ExcelJS.Workbook();
      wb.creator = 'Xã Số';
      const sheet = (name: string, headers: string[], rows: (string | number)[][]) => {
        const ws = wb.addWorksheet(name);
        ws.addRow(headers).font = { bold: true };
        for (const r of rows) ws.addRow(r);
        ws.columns.forEach((c, i) => {
          c.width = i === 0 ? 36 : 16;
        });
        ws.views = [{ state: 'frozen', ySplit: 1 }];
      };
      const figures = vi
        ? ['Lượt hỗ trợ', 'Hộ gia đình', 'Người dân', 'Việc hoàn thành']
        : ['Sessions', 'Households', 'People', 'Items done'];
      sheet(
        vi ? 'Theo tháng' : 'By month',
        [vi ? 'Tháng' : 'Month', ...figures],
        s.byMonth.map((m) => [
          `${m.month.slice(5)}/${m.month.slice(0, 4)}`,
          m.activities,
          m.households,
          m.people,
          m.itemsDone,
        ]),
      );
      sheet(
        vi ? 'Theo dịch vụ' : 'By service',
        vi
          ? [
              'Dịch vụ, ứng dụng',
              'Việc đã làm',
              'Hoàn thành',
              'Cần hỗ trợ tiếp',
              'Chưa thành công',
              'Người được hỗ trợ',
            ]
          : ['Service', 'What was done', 'Done', 'Needs follow-up', 'Failed', 'People helped'],
        s.byService.map((r) => [
          r.serviceName ?? (vi ? '(không gắn dịch vụ)' : '(no service)'),
          ACTIVITY_ACTION_LABELS[r.action][lang],
          r.done,
          r.followUp,
          r.failed,
          r.people,
        ]),
      );
      if (s.byUnit.length > 0)
        sheet(
          vi ? 'Theo đơn vị' : 'By unit',
          [
            s.unit.level === 'province' ? (vi ? 'Xã, phường' : 'Commune') : vi ? 'Thôn, tổ dân phố' : 'Hamlet',
            ...figures,
          ],
          s.byUnit.map((u) => [u.name, u.activities, u.households, u.people, u.itemsDone]),
        );
      const file = Buffer.from(await wb.xlsx.writeBuffer());
      return { file, name: `hoat-dong-to-cong-nghe-so-${s.unit.code}-${s.from}-${s.to}` };
    },
  };
}

export type TeamActivityService = ReturnType<typeof createTeamActivityService>;
