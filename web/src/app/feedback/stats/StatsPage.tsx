import { lazy, Suspense, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { statsUrl, useFeedbackStats } from '../../../api/feedback';
import { DateField } from '../../../components/DateField';
import { Loading, PageHeader, QueryState, ScrollRegion, SelectField } from '../../../components/ui';
import { formatNumber } from '../../../i18n';
import { CANCEL_REASONS, cancelReasonLabel, categoryName, STATUSES, statsStatusLabel } from '../labels';
import { useCommuneNames } from '../shared';

const StatsCharts = lazy(() => import('./StatsCharts'));
const StatsBreakdown = lazy(() => import('./StatsBreakdown'));

const pct = (n: number, of: number) => (of ? `${((n / of) * 100).toFixed(1).replace('.', ',')}%` : '—');

/** The province's table of feedback figures (the seed's layout), charts, and the same as XLSX/CSV. */
export default function StatsPage() {
  const { t, i18n } = useTranslation();
  const communes = useCommuneNames();
  const [unit, setUnit] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  // A period that ends before it starts is named as such next to "Đến ngày" (the server refuses it the same way);
  // the figures of the last valid period stay on screen meanwhile.
  const backwards = !!from && !!to && from > to;
  const asked = { unit: unit || undefined, from: from || undefined, to: to || undefined };
  const lastValid = useRef(asked);
  if (!backwards) lastValid.current = asked;
  const params = lastValid.current;
  const stats = useFeedbackStats(params);
  const s = stats.data;
  const fmt = (n: number) => formatNumber(n, i18n.language);
  return (
    <div>
      <PageHeader title={t('feedback.stats.title')} />
      <div className="filters">
        <SelectField label={t('feedback.stats.unit')} value={unit} onChange={(e) => setUnit(e.target.value)}>
          <option value="">{t('feedback.stats.province')}</option>
          {communes.list.map((c) => (
            <option key={c.code} value={c.code}>
              {c.fullName}
            </option>
          ))}
        </SelectField>
        <DateField label={t('feedback.stats.from')} value={from} onChange={setFrom} />
        <DateField
          label={t('feedback.stats.to')}
          value={to}
          onChange={setTo}
          error={backwards ? t('feedback.stats.toBeforeFrom') : undefined}
        />
      </div>
      <QueryState query={stats}>
        {s && (
          <div className="stack-lg">
            <p className="lead">{s.unit.name}</p>
            <ScrollRegion labelledBy="fb-stats-caption">
              <table className="fb-stats-table">
                <caption id="fb-stats-caption" className="visually-hidden">
                  {t('feedback.stats.tableCaption', { unit: s.unit.name })}
                </caption>
                <thead>
                  <tr>
                    <th scope="col">{t('feedback.stats.item')}</th>
                    <th scope="col" className="num">
                      {t('feedback.stats.count')}
                    </th>
                    <th scope="col" className="num">
                      {t('feedback.stats.share')}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  <tr className="fb-total">
                    <th scope="row">{t('feedback.stats.received')}</th>
                    <td className="num">{fmt(s.received)}</td>
                    <td className="num">100%</td>
                  </tr>
                  {(['resolved', 'distributed', 'pending', 'cancelled'] as const).map((k) => (
                    <tr key={k}>
                      <th scope="row">{statsStatusLabel(k)}</th>
                      <td className="num">{fmt(s[k])}</td>
                      <td className="num">{pct(s[k], s.received)}</td>
                    </tr>
                  ))}
                  {CANCEL_REASONS.map((r) => (
                    <tr key={r} className="fb-sub">
                      <th scope="row">{cancelReasonLabel(r)}</th>
                      <td className="num">{fmt(s.cancelledByReason[r])}</td>
                      <td className="num">{pct(s.cancelledByReason[r], s.received)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </ScrollRegion>
            <dl className="fb-kpis">
              <div>
                <dt>{t('feedback.stats.onTime')}</dt>
                <dd>{s.onTimeRate == null ? '—' : pct(s.onTimeRate, 1)}</dd>
              </div>
              <div>
                <dt>{t('feedback.stats.satisfaction')}</dt>
                <dd>
                  {s.meanSatisfaction == null
                    ? '—'
                    : `${s.meanSatisfaction.toFixed(2).replace('.', i18n.language === 'en' ? '.' : ',')}/5`}
                </dd>
              </div>
              <div>
                <dt>{t('feedback.stats.reopenings')}</dt>
                <dd>{fmt(s.reopenings)}</dd>
              </div>
            </dl>
            <p className="row">
              <a className="btn" href={statsUrl(params, 'xlsx')} download>
                {t('feedback.stats.xlsx')}
              </a>
              <a className="btn" href={statsUrl(params, 'csv')} download>
                {t('feedback.stats.csv')}
              </a>
            </p>
            <Suspense fallback={<Loading />}>
              <StatsCharts stats={s} />
            </Suspense>
            <Suspense fallback={<Loading />}>
              <StatsBreakdown params={params} />
            </Suspense>
            {s.byCategory.length > 0 && (
              <ScrollRegion labelledBy="fb-stats-by-category">
                <table className="fb-stats-table">
                  <caption id="fb-stats-by-category">{t('feedback.stats.byCategory')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('feedback.report.category')}</th>
                      <th scope="col" className="num">
                        {t('feedback.stats.receivedShort')}
                      </th>
                      {STATUSES.map((k) => (
                        <th key={k} scope="col" className="num">
                          {statsStatusLabel(k)}
                        </th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {s.byCategory.map((c) => (
                      <tr key={c.code}>
                        <th scope="row">{categoryName(c)}</th>
                        <td className="num">{fmt(c.received)}</td>
                        {STATUSES.map((k) => (
                          <td key={k} className="num">
                            {fmt(c[k])}
                          </td>
                        ))}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </ScrollRegion>
            )}
          </div>
        )}
      </QueryState>
    </div>
  );
}
