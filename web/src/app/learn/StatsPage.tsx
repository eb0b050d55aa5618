import './stats-strings';
import '../../components/figures.css';
import {
  LEARNER_CATEGORY_GROUP_LABELS,
  LEARNER_CATEGORY_LABELS,
  type LearnerCategoryGroup,
} from '@common/constants/learning';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import type { LearnerStats } from '../../../../common/learning';
import { useMe } from '../../api/auth';
import { currentLang, fieldError, unitPeriodQuery } from '../../api/client';
import { useLearnerStats } from '../../api/learning';
import { Field, Notice, PageHeader, QueryState } from '../../components/ui';
import { formatDate, formatMonth, formatNumber } from '../../i18n';
import { AdminPage } from '../admin/shared';

type Figures = { learners: number; enrolments: number; completions: number };

function Totals({ data }: { data: LearnerStats }) {
  const { t } = useTranslation();
  const figures: [string, number, string?][] = [
    [t('learnStats.learners'), data.totals.learners],
    [t('learnStats.enrolments'), data.totals.enrolments],
    [t('learnStats.completions'), data.totals.completions],
  ];
  if (data.certificates)
    figures.push([
      t('learnStats.certificates'),
      data.certificates.issued,
      data.certificates.revoked ? t('learnStats.revoked', { count: data.certificates.revoked }) : undefined,
    ]);
  return (
    <dl className="kpis">
      {figures.map(([label, n, note]) => (
        <div key={label}>
          <dt>{label}</dt>
          <dd>
            {formatNumber(n)}
            {note && <span className="item-meta"> ({note})</span>}
          </dd>
        </div>
      ))}
    </dl>
  );
}

/**
 * Rows of figures, each a label over a bar of its learners and the three numbers written out: a phone is too narrow
 * for long category names beside three columns, and the numbers stay readable to screen readers.
 */
function BarRows({
  id,
  title,
  rows,
}: {
  id: string;
  title: string;
  rows: { key: string; label: React.ReactNode; figures: Figures; strong?: boolean }[];
}) {
  const { t } = useTranslation();
  const max = Math.max(1, ...rows.filter((r) => !r.strong).map((r) => r.figures.learners));
  return (
    <section className="stack" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      <ul className="plain-list stat-rows">
        {rows.map((r) => (
          <li key={r.key} className={r.strong ? 'stat-row is-total' : 'stat-row'}>
            <span className="stat-label">{r.label}</span>
            {!r.strong && (
              <span className="stat-bar" aria-hidden="true">
                <span style={{ width: `${(100 * r.figures.learners) / max}%` }} />
              </span>
            )}
            <span className="stat-figures">
              <span>
                {t('learnStats.learners')}: <strong>{formatNumber(r.figures.learners)}</strong>
              </span>
              <span>
                {t('learnStats.enrolments')}: {formatNumber(r.figures.enrolments)}
              </span>
              <span>
                {t('learnStats.completions')}: {formatNumber(r.figures.completions)}
              </span>
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Live training sessions of the period: each with its sites (điểm cầu), registered and attended. */
function TrainingSection({ training }: { training: NonNullable<LearnerStats['training']> }) {
  const { t } = useTranslation();
  return (
    <section className="stack" aria-labelledby="ls-training">
      <h2 id="ls-training">{t('learnStats.training')}</h2>
      <p>
        {t('learnStats.trainingTotals', {
          sessions: formatNumber(training.sessions),
          sites: formatNumber(training.sites),
          registered: formatNumber(training.registered),
          attended: formatNumber(training.attended),
        })}
      </p>
      {training.bySession.length === 0 ? (
        <p className="muted">{t('learnStats.noTraining')}</p>
      ) : (
        training.bySession.map((x) => (
          <article key={x.sessionId} className="card stack-sm">
            <h3>
              <Link to={`/tap-huan/${x.sessionId}`}>{x.topic}</Link>
            </h3>
            <p className="item-meta">
              {formatDate(x.startsOn)} · {x.organizerName}
            </p>
            <ul className="plain-list stat-rows">
              {x.sites.map((site) => (
                <li key={site.siteId} className="stat-row">
                  <span className="stat-label">
                    {site.name}
                    {/* The organiser may have named it so already. */}
                    {site.isMain && !/điểm cầu chính/i.test(site.name) && ` (${t('learnStats.mainSite')})`}
                  </span>
                  <span className="stat-figures">
                    <span>
                      {t('learnStats.attended')}: <strong>{formatNumber(site.attended)}</strong>
                    </span>
                    <span>
                      {t('learnStats.registered')}: {formatNumber(site.registered)}
                      {site.capacity !== null && ` / ${formatNumber(site.capacity)}`}
                    </span>
                  </span>
                </li>
              ))}
              <li className="stat-row is-total">
                <span className="stat-figures">
                  <span>
                    {t('learnStats.total')} · {t('learnStats.attended')}: <strong>{formatNumber(x.attended)}</strong>
                  </span>
                  <span>
                    {t('learnStats.registered')}: {formatNumber(x.registered)}
                  </span>
                </span>
              </li>
            </ul>
          </article>
        ))
      )}
    </section>
  );
}

/** /learn/stats?unit=&from=&to=: learners by group, category, month, commune and course; certificates; XLSX. */
export default function StatsPage() {
  const { t } = useTranslation();
  const lang = currentLang();
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const assignments = me.data?.assignments ?? [];
  const home =
    assignments.find((a) => a.role === 'province_admin' && a.unitCode)?.unitCode ??
    assignments.find((a) => a.role === 'commune_admin' && a.unitCode)?.unitCode ??
    undefined;
  const unit = params.get('unit') ?? home;
  const from = params.get('from') ?? undefined;
  const to = params.get('to') ?? undefined;
  const stats = useLearnerStats(unit ? { unit, from, to } : undefined);
  const data = stats.data;
  const set = (key: 'from' | 'to', value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };
  const link = (code: string) => `/learn/stats?${unitPeriodQuery({ unit: code, from, to })}`;
  return (
    <AdminPage roles={['commune_admin', 'province_admin']}>
      <PageHeader title={data ? t('learnStats.titleOf', { name: data.unit.name }) : t('learnStats.title')} />
      <p>{t('learnStats.lead')}</p>
      {params.get('unit') && unit !== home && (
        <p>
          <Link to="/learn/stats">{t('learnStats.backToProvince')}</Link>
        </p>
      )}
      {!unit && me.data && <Notice>{t('learnStats.chooseUnit')}</Notice>}
      <div className="period">
        <Field
          label={t('learnStats.from')}
          type="month"
          value={from ?? ''}
          onChange={(e) => set('from', e.target.value)}
          error={fieldError(stats.error, 'from')}
        />
        <Field
          label={t('learnStats.to')}
          type="month"
          value={to ?? ''}
          onChange={(e) => set('to', e.target.value)}
          error={fieldError(stats.error, 'to')}
        />
      </div>
      <QueryState query={stats}>
        {data && (
          <>
            <p className="item-meta">
              {data.from || data.to
                ? t('learnStats.period', {
                    from: data.from ? formatMonth(data.from) : '…',
                    to: data.to ? formatMonth(data.to) : '…',
                  })
                : t('learnStats.allTime')}
            </p>
            <Totals data={data} />
            <p>
              <a
                className="btn"
                href={`/api/learning/stats/export.xlsx?${unitPeriodQuery({ unit: data.unit.code, from, to })}`}
                download
              >
                {t('learnStats.export')}
              </a>
            </p>
            <BarRows
              id="ls-group"
              title={t('learnStats.byGroup')}
              rows={[
                ...data.byGroup.map((g) => ({
                  key: g.group,
                  label: LEARNER_CATEGORY_GROUP_LABELS[g.group as LearnerCategoryGroup][lang],
                  figures: g,
                })),
                { key: 'total', label: t('learnStats.total'), figures: data.totals, strong: true },
              ]}
            />
            <BarRows
              id="ls-category"
              title={t('learnStats.byCategory')}
              rows={data.byCategory.map((c) => ({
                key: c.category,
                label: LEARNER_CATEGORY_LABELS[c.category][lang],
                figures: c,
              }))}
            />
            <BarRows
              id="ls-month"
              title={t('learnStats.byMonth')}
              rows={data.byMonth.map((m) => ({ key: m.month, label: formatMonth(m.month), figures: m }))}
            />
            {data.byCommune.length > 1 && (
              <BarRows
                id="ls-commune"
                title={t('learnStats.byCommune')}
                rows={data.byCommune.map((c) => ({
                  key: c.code,
                  label: <Link to={link(c.code)}>{c.name}</Link>,
                  figures: c,
                }))}
              />
            )}
            <section className="stack" aria-labelledby="ls-course">
              <h2 id="ls-course">{t('learnStats.byCourse')}</h2>
              <ul className="plain-list stat-rows">
                {data.byCourse.map((c) => (
                  <li key={c.courseId} className="stat-row">
                    <span className="stat-label">{c.title ?? t('learnStats.untitled')}</span>
                    <span className="stat-figures">
                      <span>
                        {t('learnStats.enrolments')}: <strong>{formatNumber(c.enrolments)}</strong>
                      </span>
                      <span>
                        {t('learnStats.completions')}: {formatNumber(c.completions)}
                      </span>
                    </span>
                  </li>
                ))}
              </ul>
            </section>
            {data.training && <TrainingSection training={data.training} />}
          </>
        )}
      </QueryState>
    </AdminPage>
  );
}
