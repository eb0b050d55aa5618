import './strings';
import '../../components/figures.css';
import './transparency.css';
import { TEAM_MEMBER_ORGANISATION_LABELS, TEAM_MEMBER_ORGANISATIONS } from '@common/constants/teams';
import { TRANSPARENCY_MIN_RATINGS } from '@common/constants/transparency';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { currentLang } from '../../api/client';
import { type CommuneTransparency, useCommuneTransparency } from '../../api/transparency';
import { PageHeader, QueryState, SelectField } from '../../components/ui';
import { formatMonth, formatNumber } from '../../i18n';
import { statsStatusLabel } from '../feedback/labels';

type Data = CommuneTransparency;

const percentFormats = new Map<string, Intl.NumberFormat>();
/** 0.6667 → "66,7%" (Vietnamese) or "66.7%". */
function percent(rate: number) {
  const locale = currentLang() === 'en' ? 'en-GB' : 'vi-VN';
  let f = percentFormats.get(locale);
  if (!f) {
    f = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 });
    percentFormats.set(locale, f);
  }
  return f.format(rate);
}
/** 3.83 → "3,83" (Vietnamese) or "3.83". */
const decimal = (n: number) => (currentLang() === 'en' ? n.toFixed(2) : n.toFixed(2).replace('.', ','));

/** The periods offered: the last 12 months, this year so far and the two before it (and a year in the address). */
function usePeriods(asked: string | undefined) {
  const { t } = useTranslation();
  const thisYear = Number(new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 4));
  const years = [1, 2].map((n) => thisYear - n);
  if (asked && /^\d{4}$/.test(asked) && Number(asked) < thisYear - 2) years.push(Number(asked));
  return [
    { value: '', label: t('transparency.last12') },
    { value: String(thisYear), label: t('transparency.yearSoFar', { year: thisYear }) },
    ...years.map((y) => ({ value: String(y), label: t('transparency.year', { year: y }) })),
  ];
}

function Kpis({ items }: { items: { label: string; value: string; note?: string }[] }) {
  return (
    <dl className="kpis">
      {items.map((i) => (
        <div key={i.label}>
          <dt>{i.label}</dt>
          <dd>{i.value}</dd>
          {i.note && <dd className="item-meta tp-note">{i.note}</dd>}
        </div>
      ))}
    </dl>
  );
}

/** Reports of the period: the key figures, where they stand now (the seed's partition) and month by month. */
function Reports({ data }: { data: Data }) {
  const { t } = useTranslation();
  const r = data.reports;
  const max = Math.max(1, ...data.byMonth.map((m) => m.received));
  return (
    <section className="card stack" aria-labelledby="tp-reports">
      <h2 id="tp-reports">{t('transparency.reports')}</h2>
      <Kpis
        items={[
          { label: t('transparency.received'), value: formatNumber(r.received) },
          {
            label: t('transparency.resolved'),
            value: formatNumber(r.resolved),
            note: r.resolvedRate === null ? undefined : t('transparency.ofReceived', { rate: percent(r.resolvedRate) }),
          },
          {
            label: t('transparency.onTime'),
            value: formatNumber(r.onTime),
            note: r.onTimeRate === null ? undefined : t('transparency.ofResolved', { rate: percent(r.onTimeRate) }),
          },
          {
            label: t('transparency.satisfaction'),
            value: r.satisfaction === null ? '—' : t('transparency.outOf5', { value: decimal(r.satisfaction) }),
            note:
              r.satisfaction === null
                ? t('transparency.tooFew', { min: TRANSPARENCY_MIN_RATINGS })
                : t('transparency.ratings', { n: formatNumber(r.ratings) }),
          },
        ]}
      />
      <h3 id="tp-partition">{t('transparency.partition')}</h3>
      <ul className="plain-list stat-rows" aria-labelledby="tp-partition">
        {(['resolved', 'distributed', 'pending', 'cancelled'] as const).map((s) => (
          <li key={s} className="stat-row">
            <span className="stat-figures tp-between">
              <span>{statsStatusLabel(s)}</span>
              <strong>{formatNumber(r[s])}</strong>
            </span>
            <span className="stat-bar" aria-hidden="true">
              <span style={{ width: `${r.received ? (100 * r[s]) / r.received : 0}%` }} />
            </span>
          </li>
        ))}
      </ul>
      <h3 id="tp-months">{t('transparency.byMonth')}</h3>
      <ul className="plain-list stat-rows" aria-labelledby="tp-months">
        {data.byMonth.map((m) => (
          <li key={m.month} className="stat-row">
            <span className="stat-label">{formatMonth(m.month)}</span>
            <span className="stat-bar" aria-hidden="true">
              <span className="tp-received" style={{ width: `${(100 * m.received) / max}%` }}>
                <span
                  className="tp-resolved"
                  style={{ width: `${m.received ? (100 * m.resolved) / m.received : 0}%` }}
                />
              </span>
            </span>
            <span className="stat-figures">
              <span>
                {t('transparency.monthReceived')}: <strong>{formatNumber(m.received)}</strong>
              </span>
              <span>
                {t('transparency.monthResolved')}: {formatNumber(m.resolved)}
              </span>
              <span>
                {t('transparency.monthOnTime')}: {formatNumber(m.onTime)}
              </span>
              {m.satisfaction !== null && (
                <span>
                  {t('transparency.satisfaction')}: {t('transparency.outOf5', { value: decimal(m.satisfaction) })}
                </span>
              )}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The commune's rates beside the province's, each as a bar and its figure. */
function Compare({ data, name }: { data: Data; name: string }) {
  const { t } = useTranslation();
  const rows: { key: string; label: string; here: number | null; province: number | null; scale: number }[] = [
    {
      key: 'resolved',
      label: t('transparency.rateResolved'),
      here: data.reports.resolvedRate,
      province: data.province.resolvedRate,
      scale: 1,
    },
    {
      key: 'onTime',
      label: t('transparency.rateOnTime'),
      here: data.reports.onTimeRate,
      province: data.province.onTimeRate,
      scale: 1,
    },
    {
      key: 'satisfaction',
      label: t('transparency.rateSatisfaction'),
      here: data.reports.satisfaction,
      province: data.province.satisfaction,
      scale: 5,
    },
    {
      key: 'coverage',
      label: t('transparency.rateCoverage'),
      here: data.teams.coverage,
      province: data.province.coverage,
      scale: 1,
    },
  ];
  const text = (v: number | null, scale: number) =>
    v === null
      ? t('transparency.noFigure')
      : scale === 1
        ? percent(v)
        : t('transparency.outOf5', { value: decimal(v) });
  return (
    <section className="card stack" aria-labelledby="tp-compare">
      <h2 id="tp-compare">{t('transparency.compare')}</h2>
      <p className="item-meta">{t('transparency.compareLead', { province: data.commune.province.name })}</p>
      <div className="stack">
        {rows.map((r) => (
          <div key={r.key} className="tp-compare">
            <h3 className="tp-compare-title">{r.label}</h3>
            <dl className="tp-compare-rows">
              {(
                [
                  ['here', name, r.here],
                  ['province', t('transparency.province'), r.province],
                ] as const
              ).map(([who, label, v]) => (
                <div key={who} className={`tp-compare-row is-${who}`}>
                  <dt>{label}</dt>
                  <dd>
                    <span className="stat-bar" aria-hidden="true">
                      <span style={{ width: `${v === null ? 0 : (100 * v) / r.scale}%` }} />
                    </span>
                    <span className="tp-compare-value">{text(v, r.scale)}</span>
                  </dd>
                </div>
              ))}
            </dl>
          </div>
        ))}
      </div>
    </section>
  );
}

function Teams({ data }: { data: Data }) {
  const { t } = useTranslation();
  const lang = currentLang();
  const s = data.teams;
  const orgs = TEAM_MEMBER_ORGANISATIONS.filter((o) => s.membersByOrganisation[o] > 0);
  const max = Math.max(1, ...orgs.map((o) => s.membersByOrganisation[o]));
  return (
    <section className="card stack" aria-labelledby="tp-teams">
      <h2 id="tp-teams">{t('transparency.teams')}</h2>
      <Kpis
        items={[
          {
            label: t('transparency.coverage'),
            value: t('transparency.coverageValue', {
              with: formatNumber(s.hamletsWithTeam),
              all: formatNumber(s.hamlets),
            }),
            note: s.coverage === null ? undefined : percent(s.coverage),
          },
          { label: t('transparency.teamCount'), value: formatNumber(s.teams) },
          { label: t('transparency.members'), value: formatNumber(s.members) },
          { label: t('transparency.activities'), value: formatNumber(s.activities) },
          { label: t('transparency.people'), value: formatNumber(s.people) },
          { label: t('transparency.households'), value: formatNumber(s.households) },
        ]}
      />
      {orgs.length > 0 && (
        <>
          <h3 id="tp-orgs">{t('transparency.byOrganisation')}</h3>
          <ul className="plain-list stat-rows" aria-labelledby="tp-orgs">
            {orgs.map((o) => (
              <li key={o} className="stat-row">
                <span className="stat-figures tp-between">
                  <span>{TEAM_MEMBER_ORGANISATION_LABELS[o][lang]}</span>
                  <strong>{formatNumber(s.membersByOrganisation[o])}</strong>
                </span>
                <span className="stat-bar" aria-hidden="true">
                  <span style={{ width: `${(100 * s.membersByOrganisation[o]) / max}%` }} />
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

function Learning({ data }: { data: Data }) {
  const { t } = useTranslation();
  const l = data.learning;
  return (
    <section className="card stack" aria-labelledby="tp-learning">
      <h2 id="tp-learning">{t('transparency.learning')}</h2>
      <Kpis
        items={[
          { label: t('transparency.learners'), value: formatNumber(l.learners) },
          { label: t('transparency.enrolments'), value: formatNumber(l.enrolments) },
          { label: t('transparency.completions'), value: formatNumber(l.completions) },
          { label: t('transparency.certificates'), value: formatNumber(l.certificates) },
        ]}
      />
    </section>
  );
}

/** /transparency/:code?year=: one commune's public figures (no sign-in), printable. */
export default function TransparencyPage() {
  const { t, i18n } = useTranslation();
  const { code } = useParams();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const year = params.get('year') || undefined;
  const periods = usePeriods(year);
  const query = useCommuneTransparency(code, year);
  const data = query.data;
  const name = data ? (i18n.language === 'en' && data.commune.nameEn ? data.commune.nameEn : data.commune.name) : '';
  // A hamlet's code: the server answered its commune's figures; the address says so too.
  useEffect(() => {
    if (data && code && data.commune.code !== code)
      navigate({ pathname: `/transparency/${data.commune.code}`, search: params.toString() }, { replace: true });
  }, [data, code, navigate, params]);
  return (
    <div className="stack-lg tp-page">
      <div className="stack">
        <PageHeader title={data ? t('transparency.titleOf', { name }) : t('transparency.title')} />
        {data && <p>{t('transparency.lead', { name })}</p>}
        <div className="tp-period">
          <SelectField
            label={t('transparency.period')}
            value={year ?? ''}
            onChange={(e) => setParams(e.target.value ? { year: e.target.value } : {}, { replace: true })}
          >
            {periods.map((p) => (
              <option key={p.value} value={p.value}>
                {p.label}
              </option>
            ))}
          </SelectField>
        </div>
        {data && (
          <p className="item-meta">
            {t('transparency.periodText', { from: formatMonth(data.period.from), to: formatMonth(data.period.to) })}
          </p>
        )}
      </div>
      <QueryState query={query}>
        {data && (
          <>
            <Reports data={data} />
            <Compare data={data} name={name} />
            <Teams data={data} />
            <Learning data={data} />
            <p className="muted">{t('transparency.privacy', { min: TRANSPARENCY_MIN_RATINGS })}</p>
            <div className="cta-row tp-no-print">
              <Link to={`/public/reports?commune=${encodeURIComponent(data.commune.code)}`} className="btn">
                {t('transparency.seeReports', { name })}
              </Link>
              <Link to="/transparency" className="btn">
                {t('transparency.other')}
              </Link>
              <button type="button" className="btn" onClick={() => window.print()}>
                {t('transparency.print')}
              </button>
            </div>
          </>
        )}
      </QueryState>
      {query.error && (
        <p>
          <Link to="/transparency">{t('transparency.other')}</Link>
        </p>
      )}
    </div>
  );
}
