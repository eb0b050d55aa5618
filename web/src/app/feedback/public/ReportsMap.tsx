import type { FeatureCollection } from 'geojson';
import type L from 'leaflet';
import { memo, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { type PublicFilters, type ReportStatus, usePublicMap } from '../../../api/feedback';
import { useBoundaries, usePublicConfig } from '../../../api/units';
import { addInSlices } from '../../../components/addInSlices';
import { useAfterPaint, useLeaflet } from '../../../components/useLeaflet';
import { formatNumber } from '../../../i18n';
import { STATUS_COLORS, STATUSES, statusLabel } from '../labels';

const BOUNDARY: L.PathOptions = { color: '#0b4a8f', weight: 1, fillColor: '#dbe6f3', fillOpacity: 0.5 };

/** A cluster: its count on a ring split by status (conic gradient), so colour shows the mix at a glance. */
function clusterIcon(leaflet: typeof L, count: number, statuses: Record<ReportStatus, number>) {
  let at = 0;
  const stops = STATUSES.filter((s) => statuses[s] > 0).map((s) => {
    const from = at;
    at += (statuses[s] / count) * 360;
    return `${STATUS_COLORS[s]} ${from}deg ${at}deg`;
  });
  const size = count < 10 ? 36 : count < 100 ? 44 : 52;
  return leaflet.divIcon({
    className: 'fb-cluster',
    html: `<span style="width:${size}px;height:${size}px;background:conic-gradient(${stops.join(',')})"><b>${count > 9999 ? `${Math.round(count / 1000)}k` : count}</b></span>`,
    iconSize: [size, size],
  });
}

/**
 * Public reports on our own boundaries: clusters from the server per viewport, single reports as dots. Leaflet
 * (~43 kB gzipped, ~150 ms to start on a slow phone) and the outlines are asked for once the page has been painted
 * (useLeaflet), so the list does not wait for them; the box keeps its size meanwhile.
 */
export const ReportsMap = memo(function ReportsMap({ filters }: { filters: PublicFilters }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const config = usePublicConfig();
  const boundaries = useBoundaries(config.data?.provinceCode ?? '19', useAfterPaint());
  const box = useRef<HTMLDivElement>(null);
  const map = useRef<L.Map | null>(null);
  const layer = useRef<L.LayerGroup | null>(null);
  const communeBounds = useRef(new Map<string, L.LatLngBounds>());
  const [view, setView] = useState<{ bbox: string; zoom: number } | null>(null);
  const [ready, setReady] = useState(false);
  const update = useRef(() => {});
  const data = usePublicMap(filters, view);
  const nav = useRef(navigate);
  nav.current = navigate;
  const leaflet = useLeaflet();

  useEffect(() => {
    if (!leaflet || !box.current || !config.data || map.current) return;
    const L = leaflet;
    const m = L.map(box.current, { zoomSnap: 1, minZoom: 7, maxZoom: 18 });
    m.getContainer().setAttribute('aria-label', t('feedback.public.mapLabel'));
    m.attributionControl.setPrefix(false);
    if (config.data.mapTileUrl) {
      L.tileLayer(config.data.mapTileUrl, { attribution: config.data.mapTileAttribution ?? '', maxZoom: 19 }).addTo(m);
    }
    update.current = () => {
      const b = m.getBounds();
      const f = (n: number) => n.toFixed(4);
      const next = {
        bbox: [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()].map(f).join(','),
        zoom: Math.round(m.getZoom()),
      };
      setView((v) => (v && v.bbox === next.bbox && v.zoom === next.zoom ? v : next));
    };
    m.setView([21.65, 105.85], 8);
    // Listening only after the first guess, so it asks for nothing: the reports are asked for once the map shows the
    // whole province (below).
    m.on('moveend', () => update.current());
    layer.current = L.layerGroup().addTo(m);
    map.current = m;
    setReady(true);
    return () => {
      m.remove();
      map.current = null;
      setReady(false);
    };
  }, [leaflet, config.data, t]);

  useEffect(() => {
    const m = map.current;
    if (!leaflet || !m || !ready) return;
    if (!boundaries.data) {
      // Without boundaries (they failed to load) the map still shows the reports of the first view.
      if (boundaries.isError) update.current();
      return;
    }
    // Outlines in their own pane under the report dots (they arrive after them, a slice at a time).
    if (!m.getPane('outlines')) m.createPane('outlines').style.zIndex = '350';
    const g = leaflet.geoJSON(boundaries.data as unknown as FeatureCollection, {
      style: () => BOUNDARY,
      interactive: false,
      pane: 'outlines',
    });
    // No animation: the view is final at once, so exactly one request asks for it. Fitted before the outlines are
    // added, so their ~9,000 points are projected once, at the final zoom, a few communes per task.
    m.fitBounds(g.getBounds(), { padding: [4, 4], animate: false });
    const drawn = leaflet.layerGroup().addTo(m);
    const stop = addInSlices(g.getLayers(), drawn);
    update.current();
    return () => {
      stop();
      drawn.remove();
    };
  }, [leaflet, boundaries.data, boundaries.isError, ready]);

  useEffect(() => {
    const g = layer.current;
    const m = map.current;
    if (!leaflet || !g || !m || !data.data) return;
    const L = leaflet;
    g.clearLayers();
    const markers: L.Layer[] = [];
    for (const c of data.data.clusters) {
      const cluster = L.marker([c.lat, c.lng], {
        icon: clusterIcon(L, c.count, c.statuses),
        keyboard: true,
        title: t('feedback.public.cluster', { count: c.count }),
      }).on('click', () => {
        // A commune's count: show that commune, close enough (past COMMUNE_ZOOM 12) for the reports themselves.
        const bounds = c.communeCode ? communeBounds.current.get(c.communeCode) : undefined;
        if (!bounds) return m.setView([c.lat, c.lng], Math.min(m.getZoom() + 2, 18));
        const zoom = Math.max(13, m.getBoundsZoom(bounds));
        m.setView(bounds.getCenter(), zoom);
      });
      markers.push(cluster);
    }
    for (const p of data.data.points) {
      const dot = L.circleMarker([p.lat, p.lng], {
        radius: 9,
        color: '#fff',
        weight: 2,
        fillColor: STATUS_COLORS[p.status],
        fillOpacity: 1,
      })
        .bindTooltip(`${p.publicCode} · ${statusLabel(p.status)}`)
        .on('click', () => nav.current(`/public/reports/${p.publicCode}`));
      markers.push(dot);
    }
    // Up to ~100 clusters or dots: added a few per task too.
    return addInSlices(markers, g, 16);
  }, [leaflet, data.data, t]);

  return (
    <div className="stack">
      <div className="map-box">
        <div ref={box} className="map fb-public-map" />
      </div>
      <ul className="fb-legend" aria-label={t('feedback.public.legend')}>
        {STATUSES.map((s) => (
          <li key={s}>
            <span className="fb-dot" style={{ background: STATUS_COLORS[s] }} aria-hidden="true" />
            {statusLabel(s)}
          </li>
        ))}
      </ul>
      <p className="muted" role="status">
        {data.data && t('feedback.public.inView', { count: data.data.total, n: formatNumber(data.data.total) })}
      </p>
    </div>
  );
});
