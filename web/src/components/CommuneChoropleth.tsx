import 'leaflet/dist/leaflet.css';
import type { FeatureCollection } from 'geojson';
import L from 'leaflet';
import { useCallback, useEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useBoundaries, usePublicConfig } from '../api/units';
import { formatNumber } from '../i18n';
import './commune-choropleth.css';

/** Five classes of a sequential blue scale (light to dark); nothing at all is grey. */
const SCALE = ['#deebf7', '#9ecae1', '#6baed6', '#3182bd', '#08519c'];
const NONE = '#f1f1f1';

/** Class limits: quantiles of the non-zero values, so a few large communes do not wash out the rest. */
export function quantileClasses(values: number[]): number[] {
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

export interface ChoroplethProps {
  /** A value per commune code; communes not listed count as 0. */
  values: Map<string, number>;
  /** What the value is ("Số phản ánh"), for tooltips. */
  valueLabel: string;
  /** The map's accessible name. */
  label: string;
  /** Upper bounds of the classes; quantiles of the values by default. */
  limits?: number[];
  /** Shows a value (and a class bound in the legend); whole numbers by default. */
  format?: (n: number) => string;
  /** Called with a commune's code when it is clicked or tapped (drill-down); the page offers the same as links. */
  onSelect?: (code: string) => void;
}

/** The communes of the province coloured by a value, on our own boundaries (no tiles): a choropleth with a legend. */
export function CommuneChoropleth({ values, valueLabel, label, limits: given, format, onSelect }: ChoroplethProps) {
  const { t, i18n } = useTranslation();
  const config = usePublicConfig();
  const boundaries = useBoundaries(config.data?.provinceCode ?? '19');
  const box = useRef<HTMLElement>(null);
  const map = useRef<L.Map | null>(null);
  const lang = i18n.language;
  const fmt = useCallback((n: number) => (format ? format(n) : formatNumber(n, lang)), [format, lang]);
  // Kept between renders: the layer is redrawn only when the values or classes change.
  const limits = useMemo(() => given ?? quantileClasses([...values.values()]), [given, values]);
  // Counts step by whole numbers (1–4, 5–9); given bounds may be fractions (>0–25%, >25%–50%).
  const legendRange = (i: number) =>
    given ? `>${fmt(i === 0 ? 0 : limits[i - 1])}` : fmt(i === 0 ? 1 : limits[i - 1] + 1);

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
    const g = L.geoJSON(boundaries.data as unknown as FeatureCollection, {
      style: (f) => {
        const v = values.get(String(f?.properties?.code ?? f?.id)) ?? 0;
        return { color: '#5b6b7f', weight: 0.6, fillOpacity: 0.85, fillColor: colorOf(v, limits) };
      },
      onEachFeature: (f, layer) => {
        const code = String(f.properties?.code ?? f.id);
        layer.bindTooltip(
          `<strong>${f.properties?.fullName ?? code}</strong><br>${valueLabel}: ${fmt(values.get(code) ?? 0)}`,
          { sticky: true },
        );
        if (onSelect) layer.on('click', () => onSelect(code));
      },
    }).addTo(m);
    m.fitBounds(g.getBounds(), { padding: [4, 4] });
    return () => {
      g.remove();
    };
  }, [boundaries.data, values, limits, valueLabel, fmt, onSelect]);

  return (
    <figure className="choropleth">
      <section ref={box} className="choropleth-map" aria-label={label} />
      <figcaption>
        <ul className="choropleth-legend" aria-label={t('common.legend')}>
          <li>
            <span className="choropleth-swatch" style={{ background: NONE }} /> 0
          </li>
          {limits.map((l, i) => (
            <li key={l}>
              <span className="choropleth-swatch" style={{ background: colorOf(l, limits) }} />
              {legendRange(i)}–{fmt(l)}
            </li>
          ))}
        </ul>
      </figcaption>
    </figure>
  );
}
