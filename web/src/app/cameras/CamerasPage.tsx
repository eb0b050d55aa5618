import './strings';
import './cameras.css';
import type { FeatureCollection } from 'geojson';
import type L from 'leaflet';
import { useEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { CAMERA_KINDS, type CameraKind } from '../../../../common/constants/cameras';
import { rolesOf, useMe } from '../../api/auth';
import { type CameraView, useCameras } from '../../api/cameras';
import { useBoundaries, usePublicConfig } from '../../api/units';
import { ChevronRight } from '../../components/icons';
import { PageHeader, QueryState, SelectField } from '../../components/ui';
import { useAfterPaint, useLeaflet } from '../../components/useLeaflet';
import { kindLabel, STATUS_COLOURS, StatusBadge } from './shared';

const BY_NAME = new Intl.Collator('vi');

/** The cameras on the province's commune outlines (no tiles needed); a marker opens its camera. */
function CamerasMap({ cameras }: { cameras: CameraView[] }) {
  const { t } = useTranslation();
  const config = usePublicConfig();
  const Lf = useLeaflet();
  const boundaries = useBoundaries(config.data?.provinceCode ?? '19', useAfterPaint());
  const box = useRef<HTMLDivElement>(null);
  const map = useRef<L.Map | null>(null);
  const navigate = useNavigate();
  const go = useRef(navigate);
  go.current = navigate;

  useEffect(() => {
    if (!Lf || !box.current || map.current) return;
    const m = Lf.map(box.current, { zoomSnap: 0.25, minZoom: 7, maxZoom: 16, attributionControl: false });
    m.getContainer().setAttribute('role', 'region');
    m.getContainer().setAttribute('aria-label', t('cameras.mapLabel'));
    m.setView([21.8, 105.85], 8);
    map.current = m;
    return () => {
      m.remove();
      map.current = null;
    };
  }, [Lf, t]);

  useEffect(() => {
    const m = map.current;
    if (!Lf || !m || !boundaries.data) return;
    const outlines = Lf.geoJSON(boundaries.data as unknown as FeatureCollection, {
      style: () => ({ color: '#5b6b7f', weight: 0.6, fillColor: '#dbe4ef', fillOpacity: 0.5 }),
      interactive: false,
    }).addTo(m);
    outlines.bringToBack();
    return () => {
      outlines.remove();
    };
  }, [Lf, boundaries.data]);

  useEffect(() => {
    const m = map.current;
    if (!Lf || !m) return;
    const group = Lf.layerGroup().addTo(m);
    for (const c of cameras) {
      const marker = Lf.circleMarker([c.lat, c.lng], {
        radius: 8,
        color: '#fff',
        weight: 2,
        fillColor: STATUS_COLOURS[c.status],
        fillOpacity: 1,
      });
      marker.bindTooltip(`${c.name} · ${t(`cameras.status.${c.status}`)}`);
      marker.on('click', () => go.current(`/cameras/${c.id}`));
      marker.addTo(group);
    }
    if (cameras.length > 0)
      m.fitBounds(Lf.latLngBounds(cameras.map((c) => [c.lat, c.lng])), {
        padding: [24, 24],
        maxZoom: 12,
        animate: false,
      });
    return () => {
      group.remove();
    };
  }, [Lf, cameras, t]);

  return (
    <div className="stack">
      <div ref={box} className="camera-map" />
      <p className="muted">{t('cameras.mapHint')}</p>
    </div>
  );
}

/** /cameras: the public cameras directory, a list with each camera's status in words and a map. */
export default function CamerasPage() {
  const { t, i18n } = useTranslation();
  const [params, setParams] = useSearchParams();
  const commune = params.get('commune') ?? '';
  const kind = (params.get('kind') ?? '') as CameraKind | '';
  // One bounded list (≤ 500), filtered here: the communes offered are those with cameras.
  const all = useCameras({});
  const me = useMe();
  const roles = rolesOf(me.data);
  const isAdmin = roles.has('commune_admin') || roles.has('province_admin');
  const communes = useMemo(() => {
    const m = new Map<string, string>();
    for (const c of all.data?.items ?? []) m.set(c.communeCode, c.communeName);
    return [...m].sort((a, b) => BY_NAME.compare(a[1], b[1]));
  }, [all.data]);
  const shown = useMemo(
    () => (all.data?.items ?? []).filter((c) => (!commune || c.communeCode === commune) && (!kind || c.kind === kind)),
    [all.data, commune, kind],
  );
  const setFilter = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };

  return (
    <div className="stack">
      <PageHeader title={t('cameras.title')}>
        {isAdmin && (
          <Link to="/cameras/quan-ly" className="btn">
            {t('cameras.manage')}
          </Link>
        )}
      </PageHeader>
      <p className="lead">{t('cameras.intro')}</p>
      <search className="camera-filters" aria-label={t('cameras.filters')}>
        <SelectField
          label={t('cameras.commune')}
          value={commune}
          onChange={(e) => setFilter('commune', e.target.value)}
        >
          <option value="">{t('cameras.allCommunes')}</option>
          {communes.map(([code, name]) => (
            <option key={code} value={code}>
              {name}
            </option>
          ))}
        </SelectField>
        <SelectField label={t('cameras.kind')} value={kind} onChange={(e) => setFilter('kind', e.target.value)}>
          <option value="">{t('cameras.allKinds')}</option>
          {CAMERA_KINDS.map((k) => (
            <option key={k} value={k}>
              {kindLabel(k, i18n.language)}
            </option>
          ))}
        </SelectField>
      </search>
      <QueryState query={all}>
        <p className="muted" role="status">
          {t('cameras.count', { count: shown.length })}
        </p>
        {shown.length === 0 ? (
          <p>{t('cameras.none')}</p>
        ) : (
          <ul className="list">
            {shown.map((c) => (
              <li key={c.id}>
                <Link to={`/cameras/${c.id}`} className="list-link">
                  <span className="camera-item">
                    <span className="item-title">{c.name}</span>
                    <span className="item-meta">
                      {c.communeName} · {kindLabel(c.kind, i18n.language)}
                    </span>
                    <span>
                      <StatusBadge camera={c} />
                    </span>
                  </span>
                  <ChevronRight />
                </Link>
              </li>
            ))}
          </ul>
        )}
        <CamerasMap cameras={shown} />
      </QueryState>
    </div>
  );
}
