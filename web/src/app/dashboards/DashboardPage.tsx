import './strings';
import '../../components/figures.css';
import './dashboards.css';
import { lazy, Suspense, useCallback, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { useMe } from '../../api/auth';
import { currentLang } from '../../api/client';
import {
  type DashboardPeriod,
  exportHref,
  type IndicatorByUnit,
  type IndicatorDefinition,
  type IndicatorValue,
  type IndicatorValues,
  useIndicatorByUnit,
  useIndicatorDefinitions,
  useIndicatorSeries,
  useIndicatorValues,
  useMonthlyReports,
} from '../../api/dashboards';
import type { Me } from '../../api/types';
import { CommuneChoropleth, quantileClasses } from '../../components/CommuneChoropleth';
import { DateField } from '../../components/DateField';
import { Loading, Notice, PageHeader, QueryState, ScrollRegion, SelectField } from '../../components/ui';
import { formatMonth, formatNumber } from '../../i18n';
import { AdminPage } from '../admin/shared';
import {
  addMonths,
  dmy,
  monthChoices,
  PERIOD_KINDS,
  type PeriodChoice,
  type PeriodKind,
  periodOf,
  quarterChoices,
  quarterLabel,
  seriesPeriod,
  vnToday,
  yearChoices,
} from './period';

const DashboardCharts = lazy(() => import('./DashboardCharts'));

const DOMAIN_ORDER = ['feedback', 'teams', 'activities', 'campaigns', 'learning', 'certificates', 'external'];
/** Who may open the dashboard (the server decides again: indicator.read on the unit). */
const DASHBOARD_ROLES = ['commune_admin', 'province_admin'] as const;

/** The unit a person lands on: the province they administer, else their commune. */
export function homeUnit(me: Me | null | undefined): string | undefined {
  const a = me?.assignments ?? [];
  return (
    a.find((x) => x.role === 'province_admin' && x.unitCode)?.unitCode ??
    a.find((x) => x.role === 'commune_admin' && x.unitCode)?.unitCode ??
    undefined
  );
}

function useFigure(def: IndicatorDefinition | undefined) {
  const { i18n } = useTranslation();
  return useCallback(
    (n: number | null | undefined) => {
      if (n === null || n === undefined) return '—';
      const rounded = Number.isInteger(n) ? n : Math.round(n * 10) / 10;
      return `${formatNumber(rounded, i18n.language)}${def?.percent ? ' %' : ''}`;
    },
    [def, i18n.language],
  );
}

function PeriodPicker({
  choice,
  onChange,
}: {
  choice: PeriodChoice;
  onChange: (next: Record<string, string>) => void;
}) {
  const { t } = useTranslation();
  return (
    <fieldset className="dash-period">
      <legend>{t('dash.period')}</legend>
      <SelectField
        label={t('dash.periodKind')}
        value={choice.kind}
        onChange={(e) => {
          const kind = e.target.value as PeriodKind;
          const today = vnToday();
          if (kind === 'month') onChange({ p: kind, m: today.slice(0, 7) });
          else if (kind === 'quarter') onChange({ p: kind, q: quarterChoices(1)[0] });
          else if (kind === 'year') onChange({ p: kind, y: today.slice(0, 4) });
          else onChange({ p: kind, from: choice.from, to: choice.to });
        }}
      >
        {PERIOD_KINDS.map((k) => (
          <option key={k} value={k}>
            {t(`dash.kinds.${k}`)}
          </option>
        ))}
      </SelectField>
      {choice.kind === 'month' && (
        <SelectField
          label={t('dash.month')}
          value={choice.key}
          onChange={(e) => onChange({ p: 'month', m: e.target.value })}
        >
          {monthChoices().map((m) => (
            <option key={m} value={m}>
              {t('dash.monthOption', { m: formatMonth(m) })}
            </option>
          ))}
        </SelectField>
      )}
      {choice.kind === 'quarter' && (
        <SelectField
          label={t('dash.quarter')}
          value={choice.key}
          onChange={(e) => onChange({ p: 'quarter', q: e.target.value })}
        >
          {quarterChoices().map((q) => (
            <option key={q} value={q}>
              {t('dash.quarterOption', { q: quarterLabel(q) })}
            </option>
          ))}
        </SelectField>
      )}
      {choice.kind === 'year' && (
        <SelectField
          label={t('dash.year')}
          value={choice.key}
          onChange={(e) => onChange({ p: 'year', y: e.target.value })}
        >
          {yearChoices().map((y) => (
            <option key={y} value={y}>
              {t('dash.yearOption', { y })}
            </option>
          ))}
        </SelectField>
      )}
      {choice.kind === 'custom' && (
        <div className="period">
          <DateField
            label={t('dash.from')}
            value={choice.from}
            onChange={(iso) => iso && onChange({ p: 'custom', from: iso, to: choice.to })}
          />
          <DateField
            label={t('dash.to')}
            value={choice.to}
            onChange={(iso) => iso && onChange({ p: 'custom', from: choice.from, to: iso })}
          />
        </div>
      )}
    </fieldset>
  );
}

function Change({ def, v }: { def: IndicatorDefinition | undefined; v: IndicatorValue }) {
  const { t } = useTranslation();
  const fig = useFigure(def);
  if (v.previous === null || v.value === null) return <p className="dash-prev">{t('dash.noPrevious')}</p>;
  const delta = v.value - v.previous;
  const better = delta === 0 ? null : delta > 0 === (def?.direction !== 'down');
  const arrow = delta > 0 ? '↑' : delta < 0 ? '↓' : '→';
  const word = delta > 0 ? t('dash.up') : delta < 0 ? t('dash.down') : t('dash.same');
  return (
    <p className="dash-prev">
      <span className={better === null ? 'dash-same' : better ? 'dash-better' : 'dash-worse'}>
        <span aria-hidden="true">{arrow}</span> {word} {delta !== 0 && fig(Math.abs(delta))}
        {better !== null && <span className="visually-hidden"> ({better ? t('dash.better') : t('dash.worse')})</span>}
      </span>{' '}
      · {t('dash.previous', { value: fig(v.previous) })}
    </p>
  );
}

function Tile({ def, v }: { def: IndicatorDefinition | undefined; v: IndicatorValue }) {
  const { t } = useTranslation();
  const lang = currentLang();
  const fig = useFigure(def);
  return (
    <li className="dash-tile">
      <h3>{def?.name[lang] ?? v.code}</h3>
      <p className="dash-value">
        {v.value === null ? (
          <span className="muted">{t('dash.noValue')}</span>
        ) : (
          <>
            {fig(v.value)}
            {def && !def.percent && <span className="dash-measure"> {def.measure[lang]}</span>}
          </>
        )}
      </p>
      <Change def={def} v={v} />
      {v.target !== null && (
        <p className="dash-target">
          {t('dash.target', { value: fig(v.target) })}
          {v.targetMet !== null && (
            <span className={v.targetMet ? 'badge dash-met' : 'badge dash-missed'}>
              {v.targetMet ? t('dash.met') : t('dash.missed')}
            </span>
          )}
        </p>
      )}
      {v.subjects && v.subjects.length > 0 && (
        <ul className="dash-subjects">
          {v.subjects.map((s) => (
            <li key={s.subject}>
              {s.subject}: <strong>{fig(s.value)}</strong>
              {s.targetMet !== null && (
                <span className={s.targetMet ? 'badge dash-met' : 'badge dash-missed'}>
                  {s.targetMet ? t('dash.met') : t('dash.missed')}
                </span>
              )}
            </li>
          ))}
        </ul>
      )}
    </li>
  );
}

function Downloads({ label, href }: { label: string; href: (f: 'csv' | 'xlsx') => string }) {
  const { t } = useTranslation();
  return (
    <p className="dash-downloads">
      <span>{label}:</span>
      <a className="btn" href={href('xlsx')} download>
        {t('dash.xlsx')}
      </a>
      <a className="btn" href={href('csv')} download>
        {t('dash.csv')}
      </a>
    </p>
  );
}

function Tiles({
  data,
  defs,
  period,
}: {
  data: IndicatorValues;
  defs: Map<string, IndicatorDefinition>;
  period: DashboardPeriod;
}) {
  const { t } = useTranslation();
  const lang = currentLang();
  const groups = new Map<string, IndicatorValue[]>();
  for (const v of data.values) {
    const d = defs.get(v.code)?.domain ?? 'external';
    groups.set(d, [...(groups.get(d) ?? []), v]);
  }
  const covered = data.values.filter((v) => v.coveredFrom !== data.period.from || v.coveredTo !== data.period.to);
  if (data.values.length === 0) return <Notice>{t('dash.none')}</Notice>;
  return (
    <>
      {covered.length > 0 && (
        <p className="dash-note">
          {t('dash.covered', {
            from: dmy(covered[0].coveredFrom),
            to: dmy(covered[0].coveredTo),
            names: covered.map((v) => defs.get(v.code)?.name[lang] ?? v.code).join(', '),
          })}
        </p>
      )}
      {[...groups.keys()]
        .sort((a, b) => DOMAIN_ORDER.indexOf(a) - DOMAIN_ORDER.indexOf(b))
        .map((domain) => (
          <section key={domain} className="stack-sm" aria-labelledby={`dash-d-${domain}`}>
            <h2 id={`dash-d-${domain}`}>{t(`dash.domains.${domain}`, { defaultValue: domain })}</h2>
            <ul className="dash-tiles plain-list">
              {(groups.get(domain) ?? []).map((v) => (
                <Tile key={v.code} def={defs.get(v.code)} v={v} />
              ))}
            </ul>
          </section>
        ))}
      <Downloads label={t('dash.downloadValues')} href={(f) => exportHref(f, period, 'values')} />
    </>
  );
}

function ChildTable({
  data,
  def,
  levelLabel,
  link,
  period,
}: {
  data: IndicatorByUnit;
  def: IndicatorDefinition;
  levelLabel: string;
  link: (code: string) => string;
  period: DashboardPeriod;
}) {
  const { t } = useTranslation();
  const fig = useFigure(def);
  const name = def.name[currentLang()];
  const caption = t('dash.childTable', { name, level: levelLabel });
  return (
    <section className="stack-sm">
      <h2 id="dash-child">{caption}</h2>
      <Downloads label={t('dash.downloadByUnit')} href={(f) => exportHref(f, period, 'by-unit', def.code)} />
      <ScrollRegion labelledBy="dash-child">
        <table className="dash-table">
          <thead>
            <tr>
              <th scope="col">{t('dash.unit')}</th>
              <th scope="col">{t('dash.value')}</th>
              <th scope="col">{t('dash.targetCol')}</th>
              <th scope="col">{t('dash.result')}</th>
            </tr>
          </thead>
          <tbody>
            {data.rows.map((r) => (
              <tr key={r.code}>
                <th scope="row">
                  <Link to={link(r.code)}>{r.name}</Link>
                </th>
                <td>{fig(r.value)}</td>
                <td>{fig(r.target)}</td>
                <td>{r.targetMet === null ? '—' : r.targetMet ? t('dash.met') : t('dash.missed')}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">{t('dash.total')}</th>
              <td>{fig(data.total.value)}</td>
              <td>{fig(data.total.target)}</td>
              <td>{data.total.targetMet === null ? '—' : data.total.targetMet ? t('dash.met') : t('dash.missed')}</td>
            </tr>
          </tfoot>
        </table>
      </ScrollRegion>
    </section>
  );
}

function Reports({ unit, month }: { unit: string; month: string }) {
  const { t } = useTranslation();
  const reports = useMonthlyReports(unit);
  return (
    <section className="stack-sm" aria-labelledby="dash-reports">
      <h2 id="dash-reports">{t('dash.reports')}</h2>
      <p>
        <a
          className="btn"
          href={`/api/dashboards/monthly.pdf?unit=${encodeURIComponent(unit)}&month=${month}`}
          download
        >
          {t('dash.reportNow', { m: formatMonth(month) })}
        </a>
      </p>
      <QueryState query={reports}>
        {reports.data?.reports.length ? (
          <ul className="plain-list stack-sm">
            {reports.data.reports.map((r) => (
              <li key={r.id}>
                <a href={`/api/dashboards/reports/${r.id}/pdf`} download>
                  {t('dash.reportItem', { m: formatMonth(r.month), pages: r.pages })}
                </a>
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">{t('dash.reportsNone')}</p>
        )}
      </QueryState>
    </section>
  );
}

/** `/dashboard` and `/dashboard/:unitCode`: a unit's indicators over a period, with drill-down to its children. */
export default function DashboardPage() {
  const { t } = useTranslation();
  const lang = currentLang();
  const me = useMe();
  const navigate = useNavigate();
  const params = useParams();
  const [search, setSearch] = useSearchParams();
  const unit = params.unitCode ?? homeUnit(me.data);
  const choice = periodOf(
    (search.get('p') as PeriodKind) ?? 'month',
    search.get('m') ?? search.get('q') ?? search.get('y'),
    search.get('from'),
    search.get('to'),
  );
  const period = useMemo(
    () => (unit ? { unit, from: choice.from, to: choice.to } : undefined),
    [unit, choice.from, choice.to],
  );
  const definitions = useIndicatorDefinitions();
  const defs = useMemo(() => new Map((definitions.data ?? []).map((d) => [d.code, d])), [definitions.data]);
  const values = useIndicatorValues(period);
  const data = values.data;
  const level = data?.unit.level;
  const childLevel = level === 'province' ? 'commune' : level === 'commune' ? 'hamlet' : null;
  // The indicator of the map, charts and table: the one asked, else the first with a figure that the children have.
  const charted = (data?.values ?? []).filter((v) => {
    const d = defs.get(v.code);
    return d && (!childLevel || d.levels.includes(childLevel));
  });
  const asked = search.get('code');
  const code =
    (asked && charted.some((v) => v.code === asked) ? asked : undefined) ??
    charted.find((v) => (v.value ?? 0) > 0)?.code ??
    charted.find((v) => v.value !== null)?.code ??
    charted[0]?.code;
  const def = code ? defs.get(code) : undefined;
  const byUnit = useIndicatorByUnit(childLevel && def?.levels.includes(childLevel) ? code : undefined, period);
  const sPeriod = useMemo(() => (period ? { ...period, ...seriesPeriod(period) } : undefined), [period]);
  const series = useIndicatorSeries(code, sPeriod);

  const keep = (next: URLSearchParams) => {
    for (const k of ['p', 'm', 'q', 'y', 'from', 'to', 'code']) {
      const v = search.get(k);
      if (v && !next.has(k)) next.set(k, v);
    }
    return next;
  };
  const setPeriod = (p: Record<string, string>) => {
    const next = new URLSearchParams(p);
    if (asked) next.set('code', asked);
    setSearch(next, { replace: true });
  };
  const link = (c: string) => {
    const next = keep(new URLSearchParams());
    return `/dashboard/${encodeURIComponent(c)}${next.size ? `?${next}` : ''}`;
  };
  // The map keeps one click handler (a new one would redraw its 92 outlines); it reads the latest link.
  const linkRef = useRef(link);
  linkRef.current = link;
  const drill = useCallback((c: string) => navigate(linkRef.current(c)), [navigate]);
  const fig = useFigure(def);
  const mapValues = useMemo(() => new Map((byUnit.data?.rows ?? []).map((r) => [r.code, r.value ?? 0])), [byUnit.data]);
  const fractional = [...mapValues.values()].some((n) => !Number.isInteger(n));
  const levelLabel = childLevel ? t(`dash.levels.${childLevel}`) : '';
  // The report's month: the period's month, or the month before this one for longer periods.
  const thisMonth = vnToday().slice(0, 7);
  const reportMonth =
    choice.kind === 'month'
      ? choice.key
      : choice.to.slice(0, 7) < thisMonth
        ? choice.to.slice(0, 7)
        : addMonths(thisMonth, -1);
  const crumbs = data ? [...data.unit.ancestors.filter((a) => a.code !== data.unit.code), data.unit] : [];

  return (
    <AdminPage roles={[...DASHBOARD_ROLES]}>
      <PageHeader title={data ? t('dash.titleOf', { name: data.unit.name }) : t('dash.title')} />
      {crumbs.length > 1 && (
        <nav aria-label={t('dash.breadcrumb')} className="dash-crumbs">
          <ol>
            {crumbs.map((c, i) => (
              <li key={c.code}>
                {i === crumbs.length - 1 ? (
                  <span aria-current="page">{c.name}</span>
                ) : (
                  <Link to={link(c.code)}>{c.name}</Link>
                )}
              </li>
            ))}
          </ol>
        </nav>
      )}
      <p>{t('dash.lead')}</p>
      {!unit && me.data && <Notice>{t('dash.chooseUnit')}</Notice>}
      <PeriodPicker choice={choice} onChange={setPeriod} />
      <QueryState query={values}>
        {data && period && (
          <div className="stack-lg">
            <p className="item-meta">
              {t('dash.showing', {
                from: dmy(data.period.from),
                to: dmy(data.period.to),
                pfrom: dmy(data.previousPeriod.from),
                pto: dmy(data.previousPeriod.to),
              })}
            </p>
            <Tiles data={data} defs={defs} period={period} />
            {charted.length > 0 && (
              <SelectField
                label={t('dash.indicator')}
                value={code}
                onChange={(e) => {
                  const next = keep(new URLSearchParams());
                  next.set('code', e.target.value);
                  setSearch(next, { replace: true });
                }}
              >
                {charted.map((v) => (
                  <option key={v.code} value={v.code}>
                    {defs.get(v.code)?.name[lang] ?? v.code}
                  </option>
                ))}
              </SelectField>
            )}
            {def && level === 'province' && byUnit.data && (
              <section className="stack-sm" aria-labelledby="dash-map">
                <h2 id="dash-map">{t('dash.mapTitle', { name: def.name[lang] })}</h2>
                <p className="hint">{t('dash.mapHint')}</p>
                <CommuneChoropleth
                  values={mapValues}
                  valueLabel={def.name[lang]}
                  label={t('dash.mapLabel', { name: def.name[lang] })}
                  format={(n) => fig(n)}
                  limits={fractional || def.percent ? quantileClasses([...mapValues.values()]) : undefined}
                  onSelect={drill}
                />
              </section>
            )}
            {def && (
              <section className="stack-sm" aria-labelledby="dash-charts">
                <h2 id="dash-charts">{t('dash.chartsTitle')}</h2>
                <Suspense fallback={<Loading />}>
                  <DashboardCharts
                    definition={def}
                    series={series.data}
                    byUnit={byUnit.data}
                    childLevelLabel={childLevel ? levelLabel : null}
                  />
                </Suspense>
                {sPeriod && (
                  <Downloads
                    label={t('dash.downloadSeries')}
                    href={(f) => exportHref(f, sPeriod, 'series', def.code)}
                  />
                )}
              </section>
            )}
            {def && byUnit.data && childLevel && (
              <ChildTable data={byUnit.data} def={def} levelLabel={levelLabel} link={link} period={period} />
            )}
            {unit && <Reports unit={unit} month={reportMonth} />}
          </div>
        )}
      </QueryState>
    </AdminPage>
  );
}
