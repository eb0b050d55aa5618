import {
  DASHBOARD_DOMAIN_LABELS,
  DASHBOARD_MET_LABELS,
  type DashboardExportQuery,
  DASHBOARD_EXPORT_HEADERS as H,
  type MonthlyReportView,
} from '../../../common/dashboards.js';
import type {
  IndicatorByUnit,
  IndicatorDefinition,
  IndicatorSeries,
  IndicatorValues,
} from '../../../common/indicators.js';
import type { Db, Executor } from '../../db/client.js';
import type { Actor } from '../../platform/actor.js';
import { addMonths, lastDayOfMonth, vnDate, vnDateTimeText, vnMidnight } from '../../platform/calendar.js';
import { errors } from '../../platform/errors.js';
import type { FileStore } from '../../platform/files/file-store.js';
import { authorize, can } from '../../platform/permissions.js';
import type { UnitsService } from '../units/service.js';
import type { Cell, ExportTable } from './export-streams.js';
import { monthlyReportJob, monthlyReportKey } from './jobs.js';
import { type MonthlyChart, renderMonthlyPdf } from './pdf.js';
import * as repo from './repo.js';

type Period = { unitCode: string; from: string; to: string };

/** What the dashboards read of the indicators domain (its service, `services.indicators`). */
export interface IndicatorsReader {
  definitions(): IndicatorDefinition[] | Promise<IndicatorDefinition[]>;
  values(q: Period): Promise<IndicatorValues>;
  byUnit(code: string, q: Period): Promise<IndicatorByUnit>;
  series(code: string, q: Period): Promise<IndicatorSeries>;
}

export interface DashboardsDeps {
  db: Db;
  units: UnitsService;
  indicators: IndicatorsReader;
  store: FileStore;
}

type Lang = 'vi' | 'en';
/** How many indicators the monthly report charts (one page each). */
export const MONTHLY_CHARTS = 4;

const dmy = (d: string) => `${d.slice(8, 10)}-${d.slice(5, 7)}-${d.slice(0, 4)}`;
const metText = (met: boolean | null, lang: Lang) =>
  met === null ? null : (met ? DASHBOARD_MET_LABELS.yes : DASHBOARD_MET_LABELS.no)[lang];

/**
 * Dashboards (issue 12 point 2): a read model over the indicators — the page's tables as streamed CSV/XLSX, the
 * monthly report as an A4 PDF (on demand, and kept by the monthly job). It writes only its own table
 * (`dashboard_reports`) and the file store; read like the indicators (`indicator.read` on the unit).
 */
export function createDashboardsService({ db, units, indicators, store }: DashboardsDeps) {
  /** The unit (404 when there is none) once the actor may read its indicators (401/403 otherwise). */
  async function readableUnit(actor: Actor | null, code: string) {
    const unit = await units.requireUnit(code);
    authorize(actor, 'indicator.read', { unitPath: unit.path });
    return unit;
  }

  async function definitionMap() {
    return new Map((await indicators.definitions()).map((d) => [d.code, d]));
  }

  function requireCode(q: DashboardExportQuery, defs: Map<string, IndicatorDefinition>): IndicatorDefinition {
    const def = q.code ? defs.get(q.code) : undefined;
    if (!def)
      throw errors.invalidField('code', {
        vi: q.code ? 'Không có chỉ tiêu này.' : 'Chọn một chỉ tiêu cho bảng này.',
        en: q.code ? 'No such indicator.' : 'Choose an indicator for this table.',
      });
    return def;
  }

  /**
   * One table of the dashboard as an export: its file name and its rows. Everything that can refuse (the caller, the
   * unit, the period, the indicator) is checked here, before the first byte is streamed.
   */
  async function exportTable(actor: Actor | null, q: DashboardExportQuery, lang: Lang) {
    const unit = await readableUnit(actor, q.unit);
    if (q.from > q.to)
      throw errors.invalidField('to', {
        vi: 'Ngày kết thúc phải từ ngày bắt đầu trở đi.',
        en: 'The last day must not be before the first.',
      });
    const period = { unitCode: unit.code, from: q.from, to: q.to };
    const defs = await definitionMap();
    const h = (k: keyof typeof H) => H[k][lang];
    const span = `${dmy(q.from)} ${dmy(q.to)}`;
    let table: ExportTable;
    let name: string;
    if (q.table === 'values') {
      const v = await indicators.values(period);
      name = `Chỉ tiêu ${v.unit.name} ${span}`;
      const rows: Cell[][] = [];
      for (const x of v.values) {
        const d = defs.get(x.code);
        const figures = (f: typeof x | NonNullable<typeof x.subjects>[number], label: string): Cell[] => [
          d ? (DASHBOARD_DOMAIN_LABELS[d.domain]?.[lang] ?? d.domain) : null,
          x.code,
          label,
          d?.measure[lang] ?? null,
          f.value,
          f.numerator,
          f.denominator,
          'previous' in f ? f.previous : null,
          f.target,
          metText(f.targetMet, lang),
          `${dmy(x.coveredFrom)} – ${dmy(x.coveredTo)}`,
          d?.source[lang] ?? null,
        ];
        rows.push(figures(x, d?.name[lang] ?? x.code));
        for (const s of x.subjects ?? []) rows.push(figures(s, `${d?.name[lang] ?? x.code} — ${s.subject}`));
      }
      table = {
        sheet: lang === 'vi' ? 'Chỉ tiêu' : 'Indicators',
        headers: [
          h('domain'),
          h('code'),
          h('indicator'),
          h('measure'),
          h('value'),
          h('numerator'),
          h('denominator'),
          h('previous'),
          h('target'),
          h('met'),
          h('covered'),
          h('source'),
        ],
        rows,
      };
    } else if (q.table === 'by-unit') {
      const def = requireCode(q, defs);
      const b = await indicators.byUnit(def.code, period);
      name = `${def.name.vi} theo đơn vị ${b.unit.name} ${span}`;
      const row = (code: string, unitName: string, f: IndicatorByUnit['total']): Cell[] => [
        code,
        unitName,
        f.value,
        f.numerator,
        f.denominator,
        f.target,
        metText(f.targetMet, lang),
      ];
      table = {
        sheet: lang === 'vi' ? 'Theo đơn vị' : 'By unit',
        headers: [h('unitCode'), h('unit'), h('value'), h('numerator'), h('denominator'), h('target'), h('met')],
        rows: [
          ...b.rows.map((r) =>
            row(r.code, r.name, { ...r, code: def.code, previous: null, coveredFrom: '', coveredTo: '' }),
          ),
          row(b.unit.code, `${lang === 'vi' ? 'Tổng' : 'Total'}: ${b.unit.name}`, b.total),
        ],
      };
    } else {
      const def = requireCode(q, defs);
      const s = await indicators.series(def.code, period);
      name = `${def.name.vi} theo tháng ${s.unit.name} ${span}`;
      table = {
        sheet: lang === 'vi' ? 'Theo tháng' : 'By month',
        headers: [h('month'), h('value'), h('numerator'), h('denominator'), h('target'), h('met')],
        rows: s.points.map((p) => [
          `${p.month.slice(5)}/${p.month.slice(0, 4)}`,
          p.value,
          p.numerator,
          p.denominator,
          p.target,
          metText(p.targetMet, lang),
        ]),
      };
    }
    return { name, table };
  }

  /** Everything the monthly report of a unit prints, read from the indicators (no permission check: callers do). */
  async function monthlyData(unitCode: string, month: string) {
    const from = `${month}-01`;
    const to = lastDayOfMonth(month);
    const [defs, values] = await Promise.all([indicators.definitions(), indicators.values({ unitCode, from, to })]);
    const byCode = new Map(defs.map((d) => [d.code, d]));
    // One chart per domain (the registry's order), the first indicator with a figure this month, up to MONTHLY_CHARTS.
    const picked: IndicatorDefinition[] = [];
    for (const domain of Object.keys(DASHBOARD_DOMAIN_LABELS)) {
      const v = values.values.find((x) => byCode.get(x.code)?.domain === domain && x.value !== null);
      if (v && picked.length < MONTHLY_CHARTS) picked.push(byCode.get(v.code)!);
    }
    const level = values.unit.level;
    const charts: MonthlyChart[] = [];
    for (const definition of picked) {
      const childLevel = level === 'province' ? 'commune' : level === 'commune' ? 'hamlet' : null;
      const [series, byUnit] = await Promise.all([
        indicators.series(definition.code, { unitCode, from: `${addMonths(month, -11)}-01`, to }),
        childLevel && definition.levels.includes(childLevel)
          ? indicators.byUnit(definition.code, { unitCode, from, to })
          : Promise.resolve(null),
      ]);
      charts.push({ definition, series, byUnit });
    }
    return { month, values, definitions: defs, charts, madeAt: vnDateTimeText(new Date()) };
  }

  async function renderMonthly(unitCode: string, month: string) {
    return renderMonthlyPdf(await monthlyData(unitCode, month));
  }

  /** When a month's report is due: the 1st of the month after it, 01:00 in Vietnam. */
  const dueAt = (month: string) => new Date(vnMidnight(`${addMonths(month, 1)}-01`).getTime() + 3_600_000);

  /** Schedules the report of `month` for a unit (once: the job's dedupe key is the unit and month). */
  function scheduleMonthly(exec: Executor, unitCode: string, month: string) {
    return monthlyReportJob.enqueue(
      exec,
      { unitCode, month },
      { runAt: dueAt(month), dedupeKey: monthlyReportKey(unitCode, month) },
    );
  }

  const toView = (r: repo.MonthlyReportRow): MonthlyReportView => ({
    id: r.id,
    unitCode: r.unitCode,
    month: r.month,
    bytes: r.bytes,
    pages: r.pages,
    createdAt: r.createdAt.toISOString(),
  });

  return {
    exportTable,
    monthlyData,

    /** The monthly report of a unit, made now (`GET /api/dashboards/monthly.pdf`). */
    async monthlyPdf(actor: Actor | null, q: { unit: string; month: string }) {
      const unit = await readableUnit(actor, q.unit);
      if (q.month > vnDate(new Date()).slice(0, 7))
        throw errors.invalidField('month', {
          vi: 'Tháng báo cáo chưa bắt đầu.',
          en: 'That month has not begun yet.',
        });
      const { pdf, pages } = await renderMonthly(unit.code, q.month);
      return { pdf, pages, name: `Báo cáo tháng ${q.month.slice(5)}-${q.month.slice(0, 4)} ${unit.fullName}` };
    },

    /**
     * The monthly job's handler: keeps the report of a unit and month once (a second run, or two at once, keep the
     * first and remove their own file), then schedules the next month's. Returns whether this run kept one.
     */
    async runMonthlyJob(payload: { unitCode: string; month: string }): Promise<boolean> {
      const unit = await units.requireUnit(payload.unitCode);
      let kept = false;
      if (!(await repo.findReport(db, unit.code, payload.month))) {
        const { pdf, pages } = await renderMonthly(unit.code, payload.month);
        const fileKey = await store.put(pdf, 'pdf');
        kept = await repo.insertReport(db, {
          unitCode: unit.code,
          unitPath: unit.path,
          month: payload.month,
          fileKey,
          bytes: pdf.length,
          pages,
        });
        if (!kept) await store.remove(fileKey);
      }
      await scheduleMonthly(db, unit.code, addMonths(payload.month, 1));
      return kept;
    },

    /**
     * Makes sure the province's report of the month running now is scheduled (at start of a serving process; once
     * per unit and month whatever the number of processes).
     */
    scheduleCurrent(unitCode: string, now = new Date()) {
      return scheduleMonthly(db, unitCode, vnDate(now).slice(0, 7));
    },
    scheduleMonthly,

    /** The reports the job kept for a unit ("Báo cáo tháng"), newest first. */
    async listReports(actor: Actor | null, unitCode: string): Promise<{ reports: MonthlyReportView[] }> {
      const unit = await readableUnit(actor, unitCode);
      return { reports: (await repo.listReports(db, unit.code)).map(toView) };
    },

    /** A kept report's file: 404 to whoever may not read its unit (its existence is not confirmed). */
    async reportFile(actor: Actor | null, id: string) {
      const r = await repo.reportById(db, id);
      if (!actor) throw errors.unauthenticated();
      if (!r || !can(actor, 'indicator.read', { unitPath: r.unitPath }))
        throw errors.notFound({ vi: 'Không có báo cáo này.', en: 'No such report.' });
      const unit = await units.requireUnit(r.unitCode);
      const file = await store.stream(r.fileKey);
      return { ...file, name: `Báo cáo tháng ${r.month.slice(5)}-${r.month.slice(0, 4)} ${unit.fullName}` };
    },
  };
}

export type DashboardsService = ReturnType<typeof createDashboardsService>;
