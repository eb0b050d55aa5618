import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type StatsBreakdown as Breakdown, type StatsParams, useStatsBreakdown } from '../../../api/feedback';
import { CommuneChoropleth } from '../../../components/CommuneChoropleth';
import { QueryState, ScrollRegion, SelectField } from '../../../components/ui';
import { formatDateTime, formatNumber } from '../../../i18n';
import { statusLabel } from '../labels';
import './stats-breakdown.css';

type Metric = 'received' | 'overdue' | 'resolved';

/** The 92 communes coloured by a count, on our own boundaries (no tiles): a choropleth. */
function CommuneMap({ data, metric }: { data: Breakdown; metric: Metric }) {
  const { t } = useTranslation();
  const values = useMemo(() => new Map(data.byCommune.map((c) => [c.code, c[metric]])), [data, metric]);
  return (
    <CommuneChoropleth
      values={values}
      valueLabel={t(`feedbackOps.breakdown.metric.${metric}`)}
      label={t('feedbackOps.breakdown.mapLabel')}
    />
  );
}

/** Statistics by commune (table and map) and by handling unit, with the reports overdue now. */
export default function StatsBreakdown({ params }: { params: StatsParams }) {
  const { t, i18n } = useTranslation();
  const breakdown = useStatsBreakdown(params);
  const [metric, setMetric] = useState<Metric>('received');
  const b = breakdown.data;
  const fmt = (n: number) => formatNumber(n, i18n.language);
  const pct = (r: number | null) =>
    r == null ? '—' : `${(r * 100).toFixed(1).replace('.', i18n.language === 'en' ? '.' : ',')}%`;
  return (
    <QueryState query={breakdown}>
      {b && (
        <div className="stack-lg">
          <section className="stack" aria-labelledby="fb-by-commune">
            <h2 id="fb-by-commune">{t('feedbackOps.breakdown.byCommune')}</h2>
            <p className="fb-kpi-line">
              <strong>{t('feedbackOps.breakdown.overdueNow')}</strong> {fmt(b.overdue)}{' '}
              <span className="muted">({t('feedbackOps.breakdown.asOf', { at: formatDateTime(b.asOf) })})</span>
            </p>
            {b.byCommune.length > 1 && (
              <>
                <SelectField
                  label={t('feedbackOps.breakdown.colourBy')}
                  value={metric}
                  onChange={(e) => setMetric(e.target.value as Metric)}
                >
                  {(['received', 'overdue', 'resolved'] as const).map((m) => (
                    <option key={m} value={m}>
                      {t(`feedbackOps.breakdown.metric.${m}`)}
                    </option>
                  ))}
                </SelectField>
                <CommuneMap data={b} metric={metric} />
              </>
            )}
            <ScrollRegion labelledBy="fb-commune-caption" className="fb-scroll">
              <table className="fb-stats-table">
                <caption id="fb-commune-caption">
                  {t('feedbackOps.breakdown.communeCaption', { unit: b.unit.name })}
                </caption>
                <thead>
                  <tr>
                    <th scope="col">{t('feedback.report.commune')}</th>
                    <th scope="col" className="num">
                      {t('feedback.stats.receivedShort')}
                    </th>
                    {(['resolved', 'distributed', 'pending', 'cancelled'] as const).map((k) => (
                      <th key={k} scope="col" className="num">
                        {statusLabel(k)}
                      </th>
                    ))}
                    <th scope="col" className="num">
                      {t('feedbackOps.breakdown.overdue')}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {b.byCommune.map((c) => (
                    <tr key={c.code}>
                      <th scope="row">{c.name}</th>
                      <td className="num">{fmt(c.received)}</td>
                      <td className="num">{fmt(c.resolved)}</td>
                      <td className="num">{fmt(c.distributed)}</td>
                      <td className="num">{fmt(c.pending)}</td>
                      <td className="num">{fmt(c.cancelled)}</td>
                      <td className="num">{fmt(c.overdue)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </ScrollRegion>
          </section>
          <section className="stack" aria-labelledby="fb-by-unit">
            <h2 id="fb-by-unit">{t('feedbackOps.breakdown.byUnit')}</h2>
            {b.byHandlingUnit.length === 0 ? (
              <p>{t('feedbackOps.breakdown.noUnit')}</p>
            ) : (
              <ScrollRegion labelledBy="fb-unit-caption" className="fb-scroll">
                <table className="fb-stats-table">
                  <caption id="fb-unit-caption">{t('feedbackOps.breakdown.unitCaption')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('feedback.report.unit')}</th>
                      <th scope="col" className="num">
                        {t('feedbackOps.breakdown.assigned')}
                      </th>
                      <th scope="col" className="num">
                        {t('feedbackOps.breakdown.open')}
                      </th>
                      <th scope="col" className="num">
                        {statusLabel('resolved')}
                      </th>
                      <th scope="col" className="num">
                        {t('feedbackOps.breakdown.cancelledAfter')}
                      </th>
                      <th scope="col" className="num">
                        {t('feedbackOps.breakdown.overdue')}
                      </th>
                      <th scope="col" className="num">
                        {t('feedback.stats.onTime')}
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {b.byHandlingUnit.map((u) => (
                      <tr key={u.id}>
                        <th scope="row">{u.name}</th>
                        <td className="num">{fmt(u.assigned)}</td>
                        <td className="num">{fmt(u.distributed)}</td>
                        <td className="num">{fmt(u.resolved)}</td>
                        <td className="num">{fmt(u.cancelled)}</td>
                        <td className="num">{fmt(u.overdue)}</td>
                        <td className="num">{pct(u.onTimeRate)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </ScrollRegion>
            )}
          </section>
        </div>
      )}
    </QueryState>
  );
}
