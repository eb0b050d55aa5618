import type { FeatureCollection } from 'geojson';
import type L from 'leaflet';
import { useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import type { BoundaryFeature } from '../../api/types';
import { useBoundaries, usePublicConfig, useUnit } from '../../api/units';
import { addInSlices } from '../../components/addInSlices';
import { CloseIcon } from '../../components/icons';
import { ErrorMessage, Field, Loading, Notice, PageHeader } from '../../components/ui';
import { useAfterPaint, useLeaflet } from '../../components/useLeaflet';
import { fold, kindLabel } from '../units/format';

const BASE: L.PathOptions = { color: '#0b4a8f', weight: 1.2, fillColor: '#7fa7d6', fillOpacity: 0.35 };
const HOT: L.PathOptions = { color: '#5c3d00', weight: 3, fillColor: '#f6c343', fillOpacity: 0.65 };
const SELECTED: L.PathOptions = { color: '#061f3d', weight: 3.5, fillColor: '#0b4a8f', fillOpacity: 0.7 };
/** One collator for the sort (localeCompare with a locale builds one per comparison). */
const BY_NAME = new Intl.Collator('vi');

function kindFromName(fullName: string) {
  if (fullName.startsWith('Phường')) return 'phuong';
  if (fullName.startsWith('Đặc khu')) return 'dac_khu';
  return 'xa';
}

function CommunePanel({ feature, onClose }: { feature: BoundaryFeature; onClose: () => void }) {
  const { t } = useTranslation();
  const unit = useUnit(feature.properties.code);
  const kind = unit.data?.kind ?? kindFromName(feature.properties.fullName);
  return (
    <section className="card commune-panel" aria-labelledby="commune-name">
      <p className="eyebrow">{t('map.selected')}</p>
      <h2 id="commune-name">{feature.properties.fullName}</h2>
      <button type="button" className="icon-btn" onClick={onClose} aria-label={t('map.close')}>
        <CloseIcon />
      </button>
      <p className="row">
        <span className="badge">{kindLabel(kind)}</span>
        <span className="badge badge-muted">
          {t('unit.code')} {feature.properties.code}
        </span>
        {unit.data?.households != null && (
          <span className="badge badge-muted">{t('map.households', { count: unit.data.households })}</span>
        )}
      </p>
      <Link to={`/units/${feature.properties.code}`} className="btn btn-primary btn-block">
        {t('map.openUnit')}
      </Link>
    </section>
  );
}

/**
 * Thái Nguyên's communes drawn from our own GeoJSON: works with no tile server and offline. Leaflet and the outlines
 * are asked for once the page is on screen (useLeaflet), so its text does not wait for them on a slow phone.
 */
export default function MapPage() {
  const { t } = useTranslation();
  const config = usePublicConfig();
  const province = config.data?.provinceCode ?? '19';
  const L = useLeaflet();
  const boundaries = useBoundaries(province, useAfterPaint());
  const [params, setParams] = useSearchParams();
  const selected = params.get('commune');
  const [hot, setHot] = useState<string | null>(null);
  const [filter, setFilter] = useState('');
  const box = useRef<HTMLDivElement>(null);
  const map = useRef<L.Map | null>(null);
  const layers = useRef(new Map<string, L.Path>());
  const zoomTo = useRef<string | null>(selected);

  const features = useMemo(
    () => [...(boundaries.data?.features ?? [])].sort((a, b) => BY_NAME.compare(a.properties.name, b.properties.name)),
    [boundaries.data],
  );
  const shown = useMemo(() => {
    const q = fold(filter);
    return q ? features.filter((f) => fold(f.properties.fullName).includes(q)) : features;
  }, [features, filter]);
  // The 92 buttons below the map are drawn in the background (React yields to the browser while it renders them), so
  // the boundaries' arrival is not one long task; typing in the search stays quick the same way.
  const listed = useDeferredValue(shown);
  const selectedFeature = features.find((f) => f.properties.code === selected);

  const select = (code: string | null, zoom: boolean) => {
    zoomTo.current = zoom ? code : null;
    setParams(code ? { commune: code } : {}, { replace: true });
  };
  const selectRef = useRef(select);
  selectRef.current = select;

  // The map: created once config is known, so a configured tile layer can be added (its failure offline is harmless).
  useEffect(() => {
    if (!L || !box.current || !config.data || map.current) return;
    const m = L.map(box.current, { zoomSnap: 0.25, minZoom: 7, maxZoom: 16, attributionControl: true });
    m.getContainer().setAttribute('role', 'region');
    m.getContainer().setAttribute('aria-label', t('map.mapLabel'));
    m.attributionControl.setPrefix(false);
    m.setView([21.8, 105.85], 8.5);
    if (config.data.mapTileUrl) {
      L.tileLayer(config.data.mapTileUrl, {
        attribution: config.data.mapTileAttribution ?? '',
        maxZoom: 18,
      }).addTo(m);
    }
    map.current = m;
    return () => {
      m.remove();
      map.current = null;
      layers.current.clear();
    };
  }, [L, config.data, t]);

  useEffect(() => {
    const m = map.current;
    if (!L || !m || !boundaries.data) return;
    const group = L.geoJSON(boundaries.data as unknown as FeatureCollection, {
      style: () => BASE,
      onEachFeature: (feature, layer) => {
        const code = (feature as unknown as BoundaryFeature).properties.code;
        layers.current.set(code, layer as L.Path);
        layer.bindTooltip((feature as unknown as BoundaryFeature).properties.fullName, { sticky: true });
        layer.on('mouseover', () => setHot(code));
        layer.on('mouseout', () => setHot((h) => (h === code ? null : h)));
        layer.on('click', () => selectRef.current(code, false));
      },
    });
    // The view first, then the outlines: their ~9,000 points are projected once, at the final zoom, not animated,
    // a few communes per task.
    m.fitBounds(group.getBounds(), { padding: [8, 8], animate: false });
    const drawn = L.layerGroup().addTo(m);
    const stop = addInSlices(group.getLayers(), drawn);
    return () => {
      stop();
      drawn.remove();
      layers.current.clear();
    };
  }, [L, boundaries.data]);

  // Highlight: the selected commune, and the one under the pointer or keyboard focus in the list.
  // biome-ignore lint/correctness/useExhaustiveDependencies: restyle once the layers for new boundaries exist
  useEffect(() => {
    for (const [code, layer] of layers.current) {
      layer.setStyle(code === selected ? SELECTED : code === hot ? HOT : BASE);
    }
    if (hot) layers.current.get(hot)?.bringToFront();
    if (selected) layers.current.get(selected)?.bringToFront();
    if (selected && zoomTo.current === selected && map.current) {
      const layer = layers.current.get(selected) as L.Polygon | undefined;
      if (layer) {
        map.current.fitBounds(layer.getBounds(), { padding: [24, 24], maxZoom: 12 });
        zoomTo.current = null;
      }
    }
  }, [selected, hot, boundaries.data, L]);

  return (
    <div>
      <PageHeader title={t('map.title')} />
      <div className="map-layout">
        <div className="stack">
          <div className="map-box">
            <div ref={box} className="map" />
            {(!L || boundaries.isPending) && (
              <div className="map-overlay">
                <Loading />
              </div>
            )}
          </div>
          {boundaries.error && (
            <>
              <ErrorMessage error={boundaries.error} />
              <p className="muted">{t('map.loadError')}</p>
            </>
          )}
          {/* Kept (hidden) while the settings load, so the list below does not jump when they arrive. */}
          {!config.data?.mapTileUrl && (
            <p className="muted" style={config.data ? undefined : { visibility: 'hidden' }}>
              {t('map.noTiles')}
            </p>
          )}
        </div>
        <div className="stack">
          <div aria-live="polite">
            {selectedFeature && <CommunePanel feature={selectedFeature} onClose={() => select(null, false)} />}
          </div>
          <section aria-labelledby="commune-list-title" className="card stack">
            <h2 id="commune-list-title">{t('map.listTitle')}</h2>
            <Field
              label={t('map.search')}
              hint={t('map.searchHint')}
              type="search"
              value={filter}
              onChange={(e) => setFilter(e.target.value)}
              autoComplete="off"
            />
            <p className="muted" role="status">
              {features.length > 0 && t('map.count', { shown: shown.length, total: features.length })}
            </p>
            {features.length > 0 && shown.length === 0 && <Notice>{t('map.noMatch')}</Notice>}
            <ul className="list commune-list">
              {listed.map((f) => (
                <li key={f.properties.code}>
                  <button
                    type="button"
                    className={`commune-btn${hot === f.properties.code ? ' is-hot' : ''}`}
                    aria-pressed={selected === f.properties.code}
                    onClick={() => select(f.properties.code, true)}
                    onMouseEnter={() => setHot(f.properties.code)}
                    onMouseLeave={() => setHot(null)}
                    onFocus={() => setHot(f.properties.code)}
                    onBlur={() => setHot(null)}
                  >
                    <span>{f.properties.fullName}</span>
                  </button>
                </li>
              ))}
            </ul>
          </section>
        </div>
      </div>
    </div>
  );
}
