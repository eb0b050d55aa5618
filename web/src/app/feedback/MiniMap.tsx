import type { Feature } from 'geojson';
import type L from 'leaflet';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useCommuneBoundary, usePublicConfig } from '../../api/units';
import { useLeaflet } from '../../components/useLeaflet';
import { pinIcon } from './pin';

/**
 * Where the report is: a pin over its commune's outline (a configured tile layer when there is one). Only that one
 * commune's boundary is fetched (~2 KB), not the province's (~190 KB), and the box keeps its size while it loads.
 * Leaflet comes after the report's text is on screen (useLeaflet).
 */
export default function MiniMap({
  lat,
  lng,
  coarse,
  communeCode,
}: {
  lat: number;
  lng: number;
  coarse?: boolean;
  communeCode?: string;
}) {
  const { t } = useTranslation();
  const config = usePublicConfig();
  const boundary = useCommuneBoundary(communeCode);
  const box = useRef<HTMLDivElement>(null);
  const map = useRef<L.Map | null>(null);
  const L = useLeaflet();

  useEffect(() => {
    if (!L || !box.current || !config.data) return;
    // A picture, not a control: nothing inside it takes focus (the address and commune are in the text).
    const m = L.map(box.current, { zoomControl: false, keyboard: false, scrollWheelZoom: false, dragging: false });
    m.attributionControl.setPrefix(false);
    if (config.data.mapTileUrl) {
      L.tileLayer(config.data.mapTileUrl, { attribution: config.data.mapTileAttribution ?? '', maxZoom: 19 }).addTo(m);
    }
    m.setView([lat, lng], coarse ? 13 : 14);
    if (coarse) {
      L.circle([lat, lng], { radius: 400, color: '#b42318', weight: 2, fillOpacity: 0.15 }).addTo(m);
    } else {
      L.marker([lat, lng], { icon: pinIcon(L), keyboard: false, interactive: false }).addTo(m);
    }
    map.current = m;
    return () => {
      m.remove();
      map.current = null;
    };
  }, [L, config.data, lat, lng, coarse]);

  useEffect(() => {
    const m = map.current;
    if (!L || !m || !boundary.data) return;
    const g = L.geoJSON(boundary.data as unknown as Feature, {
      style: () => ({ color: '#0b4a8f', weight: 1.5, fillColor: '#dbe6f3', fillOpacity: 0.4 }),
      interactive: false,
    }).addTo(m);
    g.bringToBack();
    // With no tiles the outline is the only context: show the whole commune with the pin inside it.
    if (!config.data?.mapTileUrl) m.fitBounds(g.getBounds(), { padding: [8, 8], animate: false });
    return () => {
      g.remove();
    };
  }, [L, boundary.data, config.data]);

  return (
    <div className="map-box fb-mini-map">
      <div ref={box} className="map" role="img" aria-label={t('feedback.report.mapLabel')} />
    </div>
  );
}
