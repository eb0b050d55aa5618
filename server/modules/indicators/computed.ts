import { LEARNER_CATEGORY_GROUP_LABELS, LEARNER_CATEGORY_GROUPS } from '../../../common/constants/learning.js';
import type { Executor } from '../../db/client.js';
import { vnDate } from '../../platform/calendar.js';
import { instants, monthCover, monthRange, monthsBetween, type Period, splitPeriod } from './period.js';
import * as repo from './repo.js';

/**
 * The computed indicators, read source by source from the other domains' rollups. A source answers all its
 * indicators at once (one or two queries), grouped as asked: the unit's total, one row per child unit (the
 * choropleth: ONE query for every commune of a province), or one row per month (the series).
 */

/** An indicator's raw figure: `n` (the value, or a ratio's numerator) and `d` (a ratio's denominator). */
export interface Raw {
  n: number | null;
  d: number | null;
  subjects?: { subject: string; n: number | null; d: number | null }[];
}
/** key (child code, month YYYY-MM, or '' for the total) → indicator code → figure. */
export type Table = Map<string, Map<string, Raw>>;

export interface Source {
  codes: string[];
  read(exec: Executor, unit: repo.UnitRef, p: Period, grouping: repo.Grouping): Promise<Table>;
  /** The days a figure of the period really covers. */
  covered(p: Period): Period;
}

const put = (t: Table, key: string, code: string, raw: Raw) => {
  const row = t.get(key) ?? new Map<string, Raw>();
  t.set(key, row);
  row.set(code, raw);
};
const flow = (n: number): Raw => ({ n, d: null });
const ratio = (n: number, d: number): Raw => ({ n, d });

const feedback: Source = {
  codes: [
    'reports.received',
    'reports.resolved',
    'reports.distributed',
    'reports.pending',
    'reports.cancelled',
    'reports.on_time_rate',
    'reports.satisfaction',
  ],
  covered: (p) => p,
  async read(exec, unit, p, grouping) {
    const part = grouping === 'month' ? { months: wholeMonths(p), days: [] } : splitPeriod(p);
    const rows = await repo.reportSums(exec, unit, part, grouping);
    const sums = new Map<string, Record<string, number>>();
    for (const r of rows) {
      const s = sums.get(r.key) ?? { received: 0, resolved: 0, distributed: 0, pending: 0, cancelled: 0 };
      sums.set(r.key, s);
      s.received += r.reports;
      s[r.status] = (s[r.status] ?? 0) + r.reports;
      s.onTime = (s.onTime ?? 0) + r.onTime;
      s.ratingSum = (s.ratingSum ?? 0) + r.ratingSum;
      s.ratingCount = (s.ratingCount ?? 0) + r.ratingCount;
    }
    const t: Table = new Map();
    for (const [key, s] of withTotal(sums, grouping, () => ({}) as Record<string, number>)) {
      for (const status of ['received', 'resolved', 'distributed', 'pending', 'cancelled'])
        put(t, key, `reports.${status}`, flow(s[status] ?? 0));
      put(t, key, 'reports.on_time_rate', ratio(s.onTime ?? 0, s.resolved ?? 0));
      // Satisfaction as a percentage of the best rating: the stars given over 5 × the ratings.
      put(t, key, 'reports.satisfaction', ratio(s.ratingSum ?? 0, 5 * (s.ratingCount ?? 0)));
    }
    return t;
  },
};

/** A total always has its row (zeros when nothing was counted); child and month rows are filled by the caller. */
function withTotal<T>(m: Map<string, T>, grouping: repo.Grouping, empty: () => T): Map<string, T> {
  if (grouping === 'total' && !m.has('')) m.set('', empty());
  return m;
}
const wholeMonths = (p: Period): [string, string] => {
  const [a, b] = monthRange(p);
  return [`${a}-01`, `${b}-01`];
};

/** A group of teams figures as the teams indicators read them. */
function putTeams(t: Table, key: string, rows: repo.TeamFigures[], communeLevel: boolean) {
  const sum = (k: 'hamlets' | 'covered' | 'teams' | 'members') => rows.reduce((s, r) => s + r[k], 0);
  put(t, key, 'teams.count', flow(sum('teams')));
  put(t, key, 'teams.members', flow(sum('members')));
  put(t, key, 'teams.coverage', ratio(sum('covered'), sum('hamlets')));
  // Communes with a team in every hamlet (of those that have hamlets): rows are communes at the province's level.
  if (communeLevel) {
    const communes = rows.filter((r) => r.hamlets > 0);
    put(
      t,
      key,
      'teams.communes_covered',
      ratio(communes.filter((r) => r.covered >= r.hamlets).length, communes.length),
    );
  }
}

const teams: Source = {
  codes: ['teams.count', 'teams.members', 'teams.coverage', 'teams.communes_covered'],
  covered: (p) => p,
  async read(exec, unit, p, grouping) {
    const t: Table = new Map();
    const today = vnDate(new Date());
    const communeRows = unit.level === 'province';
    if (grouping !== 'month') {
      const rows = await repo.teamFiguresAt(exec, unit, minDay(p.to, today));
      if (grouping === 'total') putTeams(t, '', rows, communeRows);
      else if (unit.level !== 'hamlet') for (const r of rows) putTeams(t, r.key, [r], communeRows);
      return t;
    }
    // Month by month: the changes of every month up to the last, accumulated (one read, not one per month).
    const [fromMonth, toMonth] = monthRange(p);
    const [changes, hamlets] = await Promise.all([
      repo.teamChangesByMonth(exec, unit, toMonth),
      repo.hamletCounts(exec, unit),
    ]);
    const running = new Map(hamlets.map((h) => [h.key, { key: h.key, hamlets: h.hamlets, teams: 0, members: 0 }]));
    const byMonth = new Map<string, typeof changes>();
    const before: typeof changes = [];
    for (const c of changes) {
      if (c.month < fromMonth) before.push(c);
      else byMonth.set(c.month, [...(byMonth.get(c.month) ?? []), c]);
    }
    const apply = (cs: typeof changes) => {
      for (const c of cs) {
        const r = running.get(c.key);
        if (!r) continue;
        r.teams += c.teams;
        r.members += c.members;
      }
    };
    apply(before);
    for (const m of monthsBetween(fromMonth, toMonth)) {
      apply(byMonth.get(m) ?? []);
      putTeams(
        t,
        m,
        [...running.values()].map((r) => ({ ...r, covered: Math.min(r.teams, r.hamlets) })),
        communeRows,
      );
    }
    return t;
  },
};
const minDay = (a: string, b: string) => (a < b ? a : b);

const activities: Source = {
  codes: ['activities.sessions', 'activities.people', 'activities.items_done'],
  covered: monthCover,
  async read(exec, unit, p, grouping) {
    const months = wholeMonths(p);
    const [sessions, items] = await Promise.all([
      repo.activitySums(exec, unit, months, grouping),
      repo.activityItemSums(exec, unit, months, grouping),
    ]);
    const t: Table = new Map();
    if (grouping === 'total') {
      put(t, '', 'activities.sessions', flow(0));
      put(t, '', 'activities.people', flow(0));
    }
    for (const r of sessions) {
      put(t, r.key, 'activities.sessions', flow(r.sessions));
      put(t, r.key, 'activities.people', flow(r.people));
    }
    const done = new Map<string, repo.ActivityItemSums[]>();
    for (const r of items) {
      const list = done.get(r.key) ?? [];
      if (list.length === 0) done.set(r.key, list);
      list.push(r);
    }
    for (const [key, rs] of withTotal(done, grouping, () => [])) {
      const raw: Raw = flow(rs.reduce((s, r) => s + r.itemsDone, 0));
      if (grouping === 'total')
        raw.subjects = rs
          .filter((r) => r.itemsDone > 0)
          .sort((a, b) => b.itemsDone - a.itemsDone)
          .map((r) => ({ subject: r.serviceName ?? 'Không nêu dịch vụ', n: r.itemsDone, d: null }));
      put(t, key, 'activities.items_done', raw);
    }
    return t;
  },
};

const groupOf = (category: string) =>
  (Object.keys(LEARNER_CATEGORY_GROUPS) as (keyof typeof LEARNER_CATEGORY_GROUPS)[]).find((g) =>
    (LEARNER_CATEGORY_GROUPS[g] as readonly string[]).includes(category),
  ) ?? 'others';

const learning: Source = {
  codes: ['learners.total', 'learners.officials', 'learners.youth_and_teams', 'learning.completions'],
  covered: monthCover,
  async read(exec, unit, p, grouping) {
    const t: Table = new Map();
    if (unit.level === 'hamlet') return t;
    const [fromMonth, toMonth] = monthRange(p);
    const [learners, completions] = await Promise.all([
      repo.learnerSums(exec, unit, `${toMonth}-01`, grouping),
      repo.completionSums(exec, unit, wholeMonths(p), grouping),
    ]);
    // Learners so far: as at each key's end (a month's series accumulates the months before it).
    const byKey = new Map<string, Record<string, number>>();
    const add = (key: string, category: string, n: number) => {
      const g = byKey.get(key) ?? { officials: 0, youth_and_teams: 0, others: 0 };
      byKey.set(key, g);
      g[groupOf(category)] += n;
    };
    if (grouping === 'month') {
      const months = monthsBetween(fromMonth, toMonth);
      for (const r of learners) for (const m of months) if (r.key <= m) add(m, r.category, r.learners);
      for (const m of months) if (!byKey.has(m)) byKey.set(m, { officials: 0, youth_and_teams: 0, others: 0 });
    } else for (const r of learners) add(r.key, r.category, r.learners);
    for (const [key, g] of withTotal(byKey, grouping, () => ({ officials: 0, youth_and_teams: 0, others: 0 }))) {
      const raw = flow(g.officials + g.youth_and_teams + g.others);
      if (grouping === 'total')
        raw.subjects = (Object.keys(LEARNER_CATEGORY_GROUPS) as (keyof typeof LEARNER_CATEGORY_GROUPS)[]).map(
          (group) => ({ subject: LEARNER_CATEGORY_GROUP_LABELS[group].vi, n: g[group], d: null }),
        );
      put(t, key, 'learners.total', raw);
      put(t, key, 'learners.officials', flow(g.officials));
      put(t, key, 'learners.youth_and_teams', flow(g.youth_and_teams));
    }
    if (grouping === 'total') put(t, '', 'learning.completions', flow(0));
    for (const r of completions) put(t, r.key, 'learning.completions', flow(r.completions));
    return t;
  },
};

const certificates: Source = {
  codes: ['certificates.issued'],
  covered: (p) => p,
  async read(exec, unit, p, grouping) {
    const span = grouping === 'month' ? monthCover(p) : p;
    const [from, to] = instants(span);
    const rows = await repo.certificateSums(exec, unit, from, to, grouping);
    const t: Table = new Map();
    if (grouping === 'total') put(t, '', 'certificates.issued', flow(0));
    for (const r of rows) put(t, r.key, 'certificates.issued', flow(r.issued));
    return t;
  },
};

/**
 * Campaign progress: people helped to "done" with the published campaigns' focus tasks in the period, over the
 * targets the campaigns gave the communes (a campaign's target is for its whole run). Kept by commune and month, so a
 * hamlet has none, and a month-by-month series has no figure (a target is not split over months).
 */
const campaigns: Source = {
  codes: ['campaigns.progress'],
  covered: monthCover,
  async read(exec, unit, p, grouping) {
    const t: Table = new Map();
    if (unit.level === 'hamlet' || grouping === 'month') return t;
    const rows = await repo.campaignProgressSums(exec, unit, wholeMonths(p), grouping);
    if (grouping === 'total' && rows.length === 0) put(t, '', 'campaigns.progress', ratio(0, 0));
    for (const r of rows) put(t, r.key, 'campaigns.progress', ratio(r.done, r.target));
    return t;
  },
};

/** Every computed source; each indicator of COMPUTED_INDICATORS is in exactly one (a test holds them equal). */
export const SOURCES: Source[] = [feedback, teams, activities, campaigns, learning, certificates];
export const sourceOf = (code: string) => SOURCES.find((s) => s.codes.includes(code));
