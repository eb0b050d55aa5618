import type { FeatureCollection } from 'geojson';
import type L from 'leaflet';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useBoundaries, usePublicConfig } from '../../../api/units';
import { addInSlices } from '../../../components/addInSlices';
import { Loading } from '../../../components/ui';
import { useAfterPaint, useLeaflet } from '../../../components/useLeaflet';
import { pinIcon } from '../pin';

export interface Pin {
  lat: number;
  lng: number;
}

const BOUNDARY: L.PathOptions = { color: '#0b4a8f', weight: 1, fillColor: '#7fa7d6', fillOpacity: 0.25 };

/**
 * Tap the map to drop a pin (drag it to adjust), or use the device's position. Drawn over our own commune
 * boundaries, so it works with no tile server; a configured tile layer is added when there is one. Leaflet and the
 * outlines are asked for once the form is on screen: the form can be read and filled while they arrive.
 */
export function LocationPicker({ value, onChange }: { value: Pin | null; onChange: (p: Pin | null) => void }) {
  const { t } = useTranslation();
  const config = usePublicConfig();
  const painted = useAfterPaint();
  const L = useLeaflet();
  const boundaries = useBoundaries(config.data?.provinceCode ?? '19', painted);
  const box = useRef<HTMLDivElement>(null);
  const map = useRef<L.Map | null>(null);
  const marker = useRef<L.Marker | null>(null);
  const pin = useRef(value);
  pin.current = value;
  // Without tiles, street level shows only empty space: stay where the commune's outline is in view.
  const close = config.data?.mapTileUrl ? 16 : 13;
  const closeRef = useRef(close);
  closeRef.current = close;
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;
  const [geo, setGeo] = useState<'idle' | 'busy' | 'denied' | 'unavailable'>('idle');

  useEffect(() => {
    if (!L || !box.current || !config.data || map.current) return;
    const m = L.map(box.current, { zoomSnap: 0.25, minZoom: 7, maxZoom: 18 });
    m.getContainer().setAttribute('aria-label', t('feedback.submit.mapLabel'));
    m.attributionControl.setPrefix(false);
    m.setView([21.6, 105.8], 9);
    if (config.data.mapTileUrl) {
      L.tileLayer(config.data.mapTileUrl, { attribution: config.data.mapTileAttribution ?? '', maxZoom: 19 }).addTo(m);
    }
    m.on('click', (e: L.LeafletMouseEvent) => onChangeRef.current({ lat: e.latlng.lat, lng: e.latlng.lng }));
    map.current = m;
    return () => {
      m.remove();
      map.current = null;
      marker.current = null;
    };
  }, [L, config.data, t]);

  // Fit the province once its boundaries arrive (after the map exists), unless a pin is already placed.
  // biome-ignore lint/correctness/useExhaustiveDependencies: config.data creates the map this draws on
  useEffect(() => {
    const m = map.current;
    if (!L || !m || !boundaries.data) return;
    const layer = L.geoJSON(boundaries.data as unknown as FeatureCollection, {
      style: () => BOUNDARY,
      interactive: false,
    });
    // The view first, then the outlines: their points are projected once, at the final zoom.
    if (pin.current) m.setView([pin.current.lat, pin.current.lng], closeRef.current);
    else m.fitBounds(layer.getBounds(), { padding: [4, 4], animate: false });
    // A few communes per task, so the form answers taps while the outlines are drawn.
    const drawn = L.layerGroup().addTo(m);
    const stop = addInSlices(layer.getLayers(), drawn);
    return () => {
      stop();
      drawn.remove();
    };
  }, [L, boundaries.data, config.data]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: L and config.data create the map this draws on
  useEffect(() => {
    const m = map.current;
    if (!L || !m) return;
    if (!value) {
      marker.current?.remove();
      marker.current = null;
      return;
    }
    if (!marker.current) {
      const mk = L.marker([value.lat, value.lng], {
        icon: pinIcon(L),
        draggable: true,
        keyboard: true,
        title: t('feedback.submit.pin'),
        alt: t('feedback.submit.pin'),
      }).addTo(m);
      mk.on('dragend', () => {
        const p = mk.getLatLng();
        onChangeRef.current({ lat: p.lat, lng: p.lng });
      });
      marker.current = mk;
    } else {
      marker.current.setLatLng([value.lat, value.lng]);
    }
    if (!m.getBounds().contains([value.lat, value.lng]) || m.getZoom() < closeRef.current - 1) {
      m.setView([value.lat, value.lng], closeRef.current);
    }
  }, [L, config.data, value, t]);

  const locate = () => {
    if (!navigator.geolocation) {
      setGeo('unavailable');
      return;
    }
    setGeo('busy');
    navigator.geolocation.getCurrentPosition(
      (pos) => {
        setGeo('idle');
        onChange({ lat: pos.coords.latitude, lng: pos.coords.longitude });
      },
      (err) => setGeo(err.code === err.PERMISSION_DENIED ? 'denied' : 'unavailable'),
      { enableHighAccuracy: true, timeout: 15_000, maximumAge: 60_000 },
    );
  };

  return (
    <div className="stack">
      <p className="hint" id="fb-map-hint">
        {t('feedback.submit.mapHint')}
      </p>
      <div className="map-box fb-map-box">
        <div ref={box} className="map fb-pick-map" aria-describedby="fb-map-hint" />
        {(!L || boundaries.isPending || config.isPending) && (
          <div className="map-overlay">
            <Loading />
          </div>
        )}
      </div>
      <div className="row">
        <button type="button" className="btn" onClick={locate} disabled={geo === 'busy'}>
          {geo === 'busy' ? t('feedback.submit.locating') : t('feedback.submit.useMyLocation')}
        </button>
        {value && (
          <button type="button" className="btn btn-link" onClick={() => onChange(null)}>
            {t('feedback.submit.clearPin')}
          </button>
        )}
      </div>
      <p role="status" className="muted">
        {geo === 'denied' && t('feedback.submit.geoDenied')}
        {geo === 'unavailable' && t('feedback.submit.geoUnavailable')}
        {value && t('feedback.submit.pinAt', { lat: value.lat.toFixed(5), lng: value.lng.toFixed(5) })}
      </p>
    </div>
  );
}
