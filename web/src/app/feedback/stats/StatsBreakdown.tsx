import 'leaflet/dist/leaflet.css';
import type { FeatureCollection } from 'geojson';
import L from 'leaflet';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type StatsBreakdown as Breakdown, type StatsParams, useStatsBreakdown } from '../../../api/feedback';
import { useBoundaries, usePublicConfig } from '../../../api/units';
import { QueryState, ScrollRegion, SelectField } from '../../../components/ui';
import { formatDateTime, formatNumber } from '../../../i18n';
import { statusLabel } from '../labels';
import './stats-breakdown.css';

type Metric = 'received' | 'overdue' | 'resolved';
/** Five classes of a sequential blue scale (light to dark); no report at all is grey. */
const SCALE = ['#deebf7', '#9ecae1', '#6baed6', '#3182bd', '#08519c'];
const NONE = '#f1f1f1';

/** Class limits: quantiles of the non-zero values, so a few large communes do not wash out the rest. */
function classes(values: number[]): number[] {
  const v = values.filter((x) => x > 0).sort((a, b) => a - b);
  if (v.length === 0) return [];
  const limits = [0.2, 0.4, 0.6, 0.8].map((q) => v[Math.min(v.length - 1, Math.floor(q * v.length))]);
  return [...new Set([...limits, v[v.length - 1]])];
}
const colorOf = (n: number, limits: number[]) => {
  if (n <= 0 || limits.length === 0) return NONE;
  const i = limits.findIndex((l) => n <= l);
  const k = i < 0 ? limits.length - 1 : i;
  // Fewer classes than colours: take the darker end, so even one class stands out from "none".
  return SCALE[SCALE.length - limits.length + k];
};

/** The 92 communes coloured by a count, on our own boundaries (no tiles): a choropleth. */
function CommuneMap({ data, metric }: { data: Breakdown; metric: Metric }) {
  const { t, i18n } = useTranslation();
  const config = usePublicConfig();
  const boundaries = useBoundaries(config.data?.provinceCode ?? '19');
  const box = useRef<HTMLElement>(null);
  const map = useRef<L.Map | null>(null);
  const limits = classes(data.byCommune.map((c) => c[metric]));

  useEffect(() => {
    if (!box.current || map.current) return;
    const m = L.map(box.current, { zoomSnap: 0.25, minZoom: 7, maxZoom: 13, attributionControl: false });
    m.setView([21.8, 105.85], 8);
    map.current = m;
    return () => {
      m.remove();
      map.current = null;
    };
  }, []);

  useEffect(() => {
    const m = map.current;
    if (!m || !boundaries.data) return;
    const fmt = (n: number) => formatNumber(n, i18n.language);
    const values = new Map(data.byCommune.map((c) => [c.code, c]));
    const limits = classes(data.byCommune.map((c) => c[metric]));
    const g = L.geoJSON(boundaries.data as unknown as FeatureCollection, {
      style: (f) => {
        const c = values.get(String(f?.properties?.code ?? f?.id));
        return { color: '#5b6b7f', weight: 0.6, fillOpacity: 0.85, fillColor: colorOf(c?.[metric] ?? 0, limits) };
      },
      onEachFeature: (f, layer) => {
        const code = String(f.properties?.code ?? f.id);
        const c = values.get(code);
        layer.bindTooltip(
          `<strong>${f.properties?.fullName ?? code}</strong><br>${t(`feedbackOps.breakdown.metric.${metric}`)}: ${fmt(c?.[metric] ?? 0)}`,
          { sticky: true },
        );
      },
    }).addTo(m);
    m.fitBounds(g.getBounds(), { padding: [4, 4] });
    return () => {
      g.remove();
    };
  }, [boundaries.data, data, metric, i18n.language, t]);

  const fmt = (n: number) => formatNumber(n, i18n.language);
  return (
    <figure className="fb-choropleth">
      <section ref={box} className="fb-choropleth-map" aria-label={t('feedbackOps.breakdown.mapLabel')} />
      <figcaption>
        <ul className="fb-legend" aria-label={t('feedbackOps.breakdown.legend')}>
          <li>
            <span className="fb-swatch" style={{ background: NONE }} /> 0
          </li>
          {limits.map((l, i) => (
            <li key={l}>
              <span className="fb-swatch" style={{ background: colorOf(l, limits) }} />
              {i === 0 ? `1–${fmt(l)}` : `${fmt(limits[i - 1] + 1)}–${fmt(l)}`}
            </li>
          ))}
        </ul>
      </figcaption>
    </figure>
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
