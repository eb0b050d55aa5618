import { TEAM_MEMBER_ORGANISATIONS } from '../../../common/constants/teams.js';
import {
  type CommuneTransparency,
  TRANSPARENCY_DEFAULT_MONTHS,
  TRANSPARENCY_FIRST_YEAR,
  TRANSPARENCY_MAX_MONTHS,
  TRANSPARENCY_MIN_RATINGS,
  type TransparencyQuery,
} from '../../../common/transparency.js';
import type { Db } from '../../db/client.js';
import { addMonths, lastDayOfMonth, monthSpan, vnDate } from '../../platform/calendar.js';
import { AppError, errors } from '../../platform/errors.js';
import type { CertificatesService } from '../certificates/service.js';
import type { TeamsService } from '../teams/service.js';
import type { UnitsService } from '../units/service.js';
import * as repo from './repo.js';

export interface TransparencyDeps {
  db: Db;
  units: UnitsService;
  teams: TeamsService;
  certificates: CertificatesService;
  /** The installation's province: its communes have a page, no other. */
  provinceCode: string;
}

/** What the page of a code is: the commune's figures, or (a hamlet's code) the commune to send the reader to. */
export type TransparencyAnswer = { figures: CommuneTransparency } | { hamletOf: string };

type ReportFigures = Omit<
  CommuneTransparency['byMonth'][number],
  'month' | 'activities' | 'people' | 'learners' | 'completions'
>;
type Tally = Omit<ReportFigures, 'satisfaction'> & { ratingSum: number };

const STATUSES = ['pending', 'distributed', 'resolved', 'cancelled'] as const;
const PROVINCE_TTL_MS = 60_000;
const blank = (): Tally => ({
  received: 0,
  resolved: 0,
  distributed: 0,
  pending: 0,
  cancelled: 0,
  onTime: 0,
  ratings: 0,
  ratingSum: 0,
});
/** A share to 4 decimals (as the feedback statistics' on-time rate); null with nothing to divide. */
const share = (part: number, whole: number) => (whole ? Math.round((part / whole) * 10000) / 10000 : null);
/**
 * Mean rating to 2 decimals, as the feedback statistics' `meanSatisfaction`; null under TRANSPARENCY_MIN_RATINGS
 * ratings: one or two ratings make no figure worth publishing, and a month with a single one would be that rating.
 */
const satisfaction = (t: Tally) =>
  t.ratings >= TRANSPARENCY_MIN_RATINGS ? Math.round((t.ratingSum / t.ratings) * 100) / 100 : null;
const figures = (t: Tally): ReportFigures => {
  const { ratingSum: _, ...counts } = t;
  return { ...counts, satisfaction: satisfaction(t) };
};

const notACommune = (code: string) =>
  new AppError(404, 'not_a_commune', {
    vi: `Không có xã, phường nào của tỉnh mang mã "${code}". Trang minh bạch có cho từng xã, phường của tỉnh.`,
    en: `No commune or ward of the province has the code "${code}". Transparency pages are per commune or ward.`,
  });

/** The period asked (whole months, Vietnam's calendar), or the last 12 months; a bad one is a 400 naming its field. */
export function periodOf(q: TransparencyQuery, now = new Date()): { from: string; to: string; year: number | null } {
  const thisMonth = vnDate(now).slice(0, 7);
  const thisYear = Number(thisMonth.slice(0, 4));
  if (q.year !== undefined) {
    if (q.from !== undefined || q.to !== undefined)
      throw errors.invalidField('year', {
        vi: 'Chọn theo năm hoặc theo tháng (from, to), không cả hai.',
        en: 'Ask for a year or for months (from, to), not both.',
      });
    const year = Number(q.year);
    if (year < TRANSPARENCY_FIRST_YEAR || year > thisYear)
      throw errors.invalidField('year', {
        vi: `Năm từ ${TRANSPARENCY_FIRST_YEAR} đến ${thisYear}.`,
        en: `A year from ${TRANSPARENCY_FIRST_YEAR} to ${thisYear}.`,
      });
    return { from: `${year}-01`, to: year === thisYear ? thisMonth : `${year}-12`, year };
  }
  const to = q.to ?? thisMonth;
  if (to > thisMonth)
    throw errors.invalidField('to', {
      vi: 'Tháng kết thúc không được sau tháng này.',
      en: 'The last month must not be after this month.',
    });
  const from = q.from ?? addMonths(to, -(TRANSPARENCY_DEFAULT_MONTHS - 1));
  if (from > to)
    throw errors.invalidField('to', {
      vi: 'Tháng kết thúc phải từ tháng bắt đầu trở đi.',
      en: 'The last month must not be before the first.',
    });
  if (from < `${TRANSPARENCY_FIRST_YEAR}-01`)
    throw errors.invalidField('from', {
      vi: `Số liệu có từ năm ${TRANSPARENCY_FIRST_YEAR}.`,
      en: `Figures start in ${TRANSPARENCY_FIRST_YEAR}.`,
    });
  if (monthSpan(from, to) > TRANSPARENCY_MAX_MONTHS)
    throw errors.invalidField('from', {
      vi: `Mỗi lần xem tối đa ${TRANSPARENCY_MAX_MONTHS} tháng.`,
      en: `At most ${TRANSPARENCY_MAX_MONTHS} months at a time.`,
    });
  return { from, to, year: null };
}

/**
 * The public transparency page of a commune (issue 12 point 3): a read model that answers from the count rollups only
 * (feedback's monthly statistics, the teams' coverage, the activity log's and learning's monthly counts) and the
 * certificates' statistics, and writes nothing. Counts and rates only; nothing per report, hamlet, team or person.
 */
export function createTransparencyService({ db, units, teams, certificates, provinceCode }: TransparencyDeps) {
  /*
   * The province's coverage is the same on every commune's page and is "now", not the period's: one copy per process,
   * at most PROVINCE_TTL_MS old (the answer itself may be cached five minutes), saves four queries a page.
   */
  let provinceCoverage: { at: number; value: Promise<Awaited<ReturnType<TeamsService['coverage']>>> } | null = null;
  const coverageOfProvince = (code: string) => {
    if (!provinceCoverage || Date.now() - provinceCoverage.at > PROVINCE_TTL_MS) {
      const value = teams.coverage(code);
      provinceCoverage = { at: Date.now(), value };
      value.catch(() => {
        provinceCoverage = null;
      });
    }
    return provinceCoverage.value;
  };

  return {
    /** The figures of the commune `code` over the period asked; a hamlet's code answers its commune. */
    async commune(code: string, q: TransparencyQuery): Promise<TransparencyAnswer> {
      // Units change rarely: the per-process reference cache (≤ 5 s old) spares the hot public page a query.
      const unit = await units.requireUnitCached(code).catch((e) => {
        if (e instanceof AppError && e.status === 404) throw notACommune(code);
        throw e;
      });
      if (unit.provinceCode !== provinceCode || (unit.level !== 'commune' && unit.level !== 'hamlet'))
        throw notACommune(code);
      if (unit.level === 'hamlet') return { hamletOf: unit.parentCode ?? '' };
      const period = periodOf(q);
      const months = Array.from({ length: monthSpan(period.from, period.to) }, (_, i) => addMonths(period.from, i));
      const p = { from: `${period.from}-01`, to: `${period.to}-01` };
      const provincePath = unit.path.slice(0, unit.path.indexOf('/'));

      // Independent reads: side by side on a PostgreSQL pool (PGlite runs them one after another anyway).
      const [reportRows, activityRows, learningRows, coverage, provinceTeams, { certificates: issued }] =
        await Promise.all([
          repo.reportsByMonth(db, [unit.path, provincePath], p),
          repo.activitiesByMonth(db, unit.code, p),
          repo.learningByMonth(db, unit.code, p),
          teams.coverage(unit.code),
          coverageOfProvince(provincePath),
          certificates.statsSection.read({
            unit: { code: unit.code, path: unit.path, level: unit.level },
            communeCodes: [unit.code],
            from: period.from,
            to: period.to,
            fromDay: p.from,
            toDay: lastDayOfMonth(period.to),
          }),
        ]);

      const byMonth = new Map(months.map((m) => [m, blank()]));
      const total = blank();
      const province = blank();
      for (const r of reportRows) {
        const status = STATUSES.find((s) => s === r.status);
        if (!status) continue;
        const into = r.unitPath === unit.path ? [total, byMonth.get(r.month)] : [province];
        for (const t of into) {
          if (!t) continue;
          t.received += r.reports;
          t[status] += r.reports;
          t.onTime += r.onTime;
          t.ratings += r.ratingCount;
          t.ratingSum += r.ratingSum;
        }
      }
      const activities = new Map(activityRows.map((r) => [r.month, r]));
      const learning = new Map(learningRows.map((r) => [r.month, r]));
      const sum = <R>(rows: R[], k: keyof R) => rows.reduce((n, r) => n + Number(r[k]), 0);
      const c = coverage.total;
      const pc = provinceTeams.total;

      return {
        figures: {
          commune: {
            code: unit.code,
            name: unit.fullName,
            nameEn: unit.fullNameEn,
            province: { code: provincePath, name: unit.parentFullName ?? provincePath },
          },
          period,
          reports: {
            ...figures(total),
            resolvedRate: share(total.resolved, total.received),
            onTimeRate: share(total.onTime, total.resolved),
          },
          teams: {
            hamlets: c.hamlets,
            hamletsWithTeam: c.hamletsWithTeam,
            coverage: share(c.hamletsWithTeam, c.hamlets),
            teams: c.teams,
            members: c.members,
            membersByOrganisation: Object.fromEntries(
              TEAM_MEMBER_ORGANISATIONS.map((o) => [o, coverage.membersByOrganisation[o] ?? 0]),
            ) as CommuneTransparency['teams']['membersByOrganisation'],
            activities: sum(activityRows, 'activities'),
            households: sum(activityRows, 'households'),
            people: sum(activityRows, 'people'),
          },
          learning: {
            learners: sum(learningRows, 'learners'),
            enrolments: sum(learningRows, 'enrolments'),
            completions: sum(learningRows, 'completions'),
            certificates: issued.issued,
          },
          province: {
            resolvedRate: share(province.resolved, province.received),
            onTimeRate: share(province.onTime, province.resolved),
            satisfaction: satisfaction(province),
            coverage: share(pc.hamletsWithTeam, pc.hamlets),
          },
          byMonth: months.map((month) => ({
            month,
            ...figures(byMonth.get(month)!),
            activities: activities.get(month)?.activities ?? 0,
            people: activities.get(month)?.people ?? 0,
            learners: learning.get(month)?.learners ?? 0,
            completions: learning.get(month)?.completions ?? 0,
          })),
        },
      };
    },
  };
}

export type TransparencyService = ReturnType<typeof createTransparencyService>;
