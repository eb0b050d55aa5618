import ExcelJS from 'exceljs';
import {
  LEARNER_CATEGORIES,
  LEARNER_CATEGORY_GROUP_LABELS,
  LEARNER_CATEGORY_GROUPS,
  LEARNER_CATEGORY_LABELS,
  type LearnerCategory,
  type LearnerCategoryGroup,
} from '../../../common/constants/learning.js';
import type { LearnerFigures, LearnerStats, LearnerStatsQuery } from '../../../common/learning.js';
import type { Db } from '../../db/client.js';
import type { Actor } from '../../platform/actor.js';
import { addMonths, lastDayOfMonth, monthSpan, vnDate } from '../../platform/calendar.js';
import { errors } from '../../platform/errors.js';
import { authorize } from '../../platform/permissions.js';
import type { UnitsService } from '../units/service.js';
import type { CourseContentSource } from './course-source.js';
import * as repo from './repo.js';

/** The most months one answer lists. */
const MAX_MONTHS = 120;

/**
 * What a stats section is asked: the communes counted and the period, as months (YYYY-MM) and as the days they span
 * (YYYY-MM-DD, the first of `from`, the last of `to`; null: open).
 */
export interface LearnerStatsScope {
  unit: { code: string; path: string; level: string };
  communeCodes: string[];
  from: string | null;
  to: string | null;
  fromDay: string | null;
  toDay: string | null;
}

/**
 * A section another domain adds to the learner statistics (certificates issued, training sessions and attendance):
 * `read` answers the fields it adds to the answer (declared in `LearnerStats` of common/learning.ts), `sheets` the
 * worksheets it adds to the export.
 */
export interface LearnerStatsSection {
  read(scope: LearnerStatsScope): Promise<Record<string, unknown>>;
  sheets?(
    data: Record<string, unknown>,
    lang: 'vi' | 'en',
  ): { name: string; headers: string[]; rows: (string | number)[][] }[];
}

const zero = (): LearnerFigures => ({ learners: 0, enrolments: 0, completions: 0 });
const add = (into: LearnerFigures, r: LearnerFigures) => {
  into.learners += r.learners;
  into.enrolments += r.enrolments;
  into.completions += r.completions;
};
const groupOf = (c: string) =>
  (Object.keys(LEARNER_CATEGORY_GROUPS) as LearnerCategoryGroup[]).find((g) =>
    (LEARNER_CATEGORY_GROUPS[g] as readonly string[]).includes(c),
  ) ?? 'others';

/**
 * Learner statistics from the count views (never the learning tables): learners (people, at their first enrolment),
 * enrolments and completions of a province or commune by category, group, commune, month and course.
 */
export function createLearnerStats(deps: {
  db: Db;
  units: UnitsService;
  courses: CourseContentSource;
  sections: LearnerStatsSection[];
}) {
  const { db, units, courses, sections } = deps;

  /** The statistics of the unit at `unitPath` (a province or a commune) over the months from..to (open when null). */
  async function learnerStats(q: {
    unitPath: string;
    from?: string | null;
    to?: string | null;
  }): Promise<LearnerStats & Record<string, unknown>> {
    const code = q.unitPath.slice(q.unitPath.lastIndexOf('/') + 1);
    const unit = await units.requireUnit(code).catch(() => null);
    if (!unit || (unit.level !== 'province' && unit.level !== 'commune'))
      throw errors.invalidField('unit', {
        vi: 'Chọn tỉnh hoặc một xã, phường.',
        en: 'Choose the province or a commune.',
      });
    const from = q.from ?? null;
    const to = q.to ?? null;
    if (from && to && from > to)
      throw errors.invalidField('to', {
        vi: 'Tháng kết thúc phải từ tháng bắt đầu trở đi.',
        en: 'The last month must not be before the first.',
      });
    const communes =
      unit.level === 'province' ? await repo.communesOf(db, unit.code) : [{ code: unit.code, name: unit.fullName }];
    const communeCodes = communes.map((c) => c.code);
    const period = { from: from ? `${from}-01` : null, to: to ? `${to}-01` : null };
    const [rows, perCourse] = await Promise.all([
      repo.countsByCategoryCommuneMonth(db, communeCodes, period),
      repo.countsByCourse(db, communeCodes, period),
    ]);

    const totals = zero();
    const byCategory = new Map<string, LearnerFigures>(LEARNER_CATEGORIES.map((c) => [c, zero()]));
    const byGroup = new Map<LearnerCategoryGroup, LearnerFigures>(
      (Object.keys(LEARNER_CATEGORY_GROUPS) as LearnerCategoryGroup[]).map((g) => [g, zero()]),
    );
    const byCommune = new Map<string, LearnerFigures>(communeCodes.map((c) => [c, zero()]));
    const byMonth = new Map<string, LearnerFigures>();
    for (const r of rows) {
      add(totals, r);
      if (!byCategory.has(r.category)) byCategory.set(r.category, zero());
      add(byCategory.get(r.category)!, r);
      add(byGroup.get(groupOf(r.category))!, r);
      add(byCommune.get(r.communeCode)!, r);
      if (!byMonth.has(r.month)) byMonth.set(r.month, zero());
      add(byMonth.get(r.month)!, r);
    }
    const last = to ?? vnDate(new Date()).slice(0, 7);
    const dataMonths = [...byMonth.keys()].sort();
    let first = from ?? dataMonths[0] ?? last;
    if (first > last) first = last;
    if (monthSpan(first, last) > MAX_MONTHS) first = addMonths(last, -(MAX_MONTHS - 1));
    const months = Array.from({ length: monthSpan(first, last) }, (_, i) => addMonths(first, i));

    const titles = await Promise.all(
      perCourse.map(async (c) => (await courses.publishedContent(c.courseId))?.content.title ?? null),
    );
    const base: LearnerStats = {
      unit: { code: unit.code, name: unit.fullName, level: unit.level },
      from,
      to,
      totals,
      byCategory: [...byCategory].map(([category, f]) => ({ category: category as LearnerCategory, ...f })),
      byGroup: [...byGroup].map(([group, f]) => ({ group, ...f })),
      byCommune: communes.map((c) => ({ code: c.code, name: c.name, ...byCommune.get(c.code)! })),
      byMonth: months.map((month) => ({ month, ...(byMonth.get(month) ?? zero()) })),
      byCourse: perCourse.map((c, i) => ({ ...c, title: titles[i] })),
    };
    const scope: LearnerStatsScope = {
      unit: { code: unit.code, path: unit.path, level: unit.level },
      communeCodes,
      from,
      to,
      fromDay: from ? `${from}-01` : null,
      toDay: to ? lastDayOfMonth(to) : null,
    };
    const extra = await Promise.all(sections.map((s) => s.read(scope)));
    return Object.assign(base, ...extra);
  }

  /** The statistics a commune or province administrator reads (permission `learning.stats` on the unit). */
  async function stats(actor: Actor, q: LearnerStatsQuery) {
    const unit = await units.requireUnit(q.unit).catch(() => {
      throw errors.invalidField('unit', { vi: 'Không có đơn vị này.', en: 'No such unit.' });
    });
    authorize(actor, 'learning.stats', { unitPath: unit.path });
    return learnerStats({ unitPath: unit.path, from: q.from, to: q.to });
  }

  return {
    learnerStats,
    stats,

    /** The same figures as a workbook: one sheet per table, headers in the reader's language. */
    async exportStats(actor: Actor, q: LearnerStatsQuery, lang: 'vi' | 'en') {
      const s = await stats(actor, q);
      const vi = lang === 'vi';
      const wb = new ExcelJS.Workbook();
      wb.creator = 'Xã Số';
      const sheet = (name: string, headers: string[], rows: (string | number)[][]) => {
        const ws = wb.addWorksheet(name);
        ws.addRow(headers).font = { bold: true };
        for (const r of rows) ws.addRow(r);
        ws.columns.forEach((c, i) => {
          c.width = i === 0 ? 48 : 16;
        });
        ws.views = [{ state: 'frozen', ySplit: 1 }];
      };
      const figures = vi ? ['Người học', 'Lượt đăng ký', 'Lượt hoàn thành'] : ['Learners', 'Enrolments', 'Completions'];
      const f = (x: LearnerFigures) => [x.learners, x.enrolments, x.completions];
      sheet(
        vi ? 'Theo đối tượng' : 'By category',
        [vi ? 'Đối tượng' : 'Category', ...figures],
        [
          ...s.byCategory.map((c) => [LEARNER_CATEGORY_LABELS[c.category][lang], ...f(c)]),
          [vi ? 'Tổng cộng' : 'Total', ...f(s.totals)],
        ],
      );
      sheet(
        vi ? 'Theo nhóm' : 'By group',
        [vi ? 'Nhóm đối tượng' : 'Group', ...figures],
        s.byGroup.map((g) => [LEARNER_CATEGORY_GROUP_LABELS[g.group][lang], ...f(g)]),
      );
      sheet(
        vi ? 'Theo xã, phường' : 'By commune',
        [vi ? 'Xã, phường' : 'Commune', ...figures],
        s.byCommune.map((c) => [c.name, ...f(c)]),
      );
      sheet(
        vi ? 'Theo tháng' : 'By month',
        [vi ? 'Tháng' : 'Month', ...figures],
        s.byMonth.map((m) => [`${m.month.slice(5)}/${m.month.slice(0, 4)}`, ...f(m)]),
      );
      sheet(
        vi ? 'Theo khoá học' : 'By course',
        [vi ? 'Khoá học' : 'Course', figures[1], figures[2]],
        s.byCourse.map((c) => [c.title ?? c.courseId, c.enrolments, c.completions]),
      );
      for (const section of sections)
        for (const extra of section.sheets?.(s, lang) ?? []) sheet(extra.name, extra.headers, extra.rows);
      const file = Buffer.from(await wb.xlsx.writeBuffer());
      const period = s.from || s.to ? `-${s.from ?? ''}-${s.to ?? ''}` : '';
      return { file, name: `nguoi-hoc-binh-dan-hoc-vu-so-${s.unit.code}${period}` };
    },
  };
}
