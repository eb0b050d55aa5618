import './campaigns.css';
import { useTranslation } from 'react-i18next';
import type { CampaignMetricView, MetricFigures } from '../../../../common/campaigns';
import { currentLang } from '../../api/client';
import { formatNumber } from '../../i18n';

export const metricKey = (m: { serviceId: string; action: string }) => `${m.serviceId}|${m.action}`;

/** One bar per metric: done against target (a target of 0 reads "no target"; past 100% the bar stays full). */
export function MetricBars({
  metrics,
  figures,
  idPrefix,
}: {
  metrics: CampaignMetricView[];
  figures: (MetricFigures | { serviceId: string; action: string; target: number | null; done: number })[];
  idPrefix: string;
}) {
  const { t } = useTranslation();
  const lang = currentLang();
  return (
    <div>
      {metrics.map((m, i) => {
        const f = figures.find((x) => metricKey(x) === metricKey(m));
        const target = f?.target ?? 0;
        const done = f?.done ?? 0;
        const pct = target > 0 ? Math.round((100 * done) / target) : null;
        const id = `${idPrefix}-${i}`;
        return (
          <div className="bar-row" key={metricKey(m)}>
            <div className="bar-label">
              <span id={id}>{m.label[lang]}</span>
              <strong>
                {target > 0
                  ? `${t('campaigns.doneOf', { done: formatNumber(done), target: formatNumber(target) })} · ${t('campaigns.percent', { pct })}`
                  : `${formatNumber(done)} · ${t('campaigns.noTarget')}`}
              </strong>
            </div>
            <progress
              className={`bar${pct !== null && pct > 100 ? ' bar-over' : ''}`}
              max={Math.max(target, 1)}
              value={Math.min(done, Math.max(target, 1))}
              aria-labelledby={id}
            />
          </div>
        );
      })}
    </div>
  );
}
