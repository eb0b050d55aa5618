import './strings';
import './cameras.css';
import { lazy, Suspense, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useCamera, useSnapshot } from '../../api/cameras';
import { Notice, PageHeader, QueryState } from '../../components/ui';
import { formatDateTime } from '../../i18n';
import { kindLabel, StatusBadge } from './shared';

/** The snapshot the server keeps for this camera, asked again every ~30 s while the page is visible. */
function Snapshot({ id, name }: { id: string; name: string }) {
  const { t } = useTranslation();
  const snap = useSnapshot(id);
  const url = snap.data?.url;
  // Each refresh makes a new object URL: the previous one is let go.
  useEffect(() => () => (url ? URL.revokeObjectURL(url) : undefined), [url]);
  if (snap.isPending) return <div className="camera-snapshot-empty" aria-busy="true" />;
  if (!snap.data)
    return (
      <div className="camera-snapshot-empty">
        <p>{t('cameras.noSnapshot')}</p>
      </div>
    );
  return (
    <figure className="stack camera-figure">
      <img className="camera-snapshot" src={snap.data.url} alt={t('cameras.snapshotAlt', { name })} />
      <figcaption className="muted">
        {snap.data.takenAt && t('cameras.takenAt', { at: formatDateTime(snap.data.takenAt) })}
        {snap.data.stale && <Notice tone="warning">{t('cameras.staleNote')}</Notice>}
      </figcaption>
    </figure>
  );
}

const LivePlayer = lazy(() => import('./LivePlayer'));

/** Live video on request only: it costs mobile data, so nothing is loaded before the person taps. */
function Live({ id, name }: { id: string; name: string }) {
  const { t } = useTranslation();
  const [watching, setWatching] = useState(false);
  return (
    <section className="stack" aria-labelledby="camera-live-title">
      <h2 id="camera-live-title">{t('cameras.live.title')}</h2>
      {watching ? (
        <>
          <Suspense fallback={<div className="camera-snapshot-empty" aria-busy="true" />}>
            <LivePlayer id={id} name={name} />
          </Suspense>
          <button type="button" className="btn" onClick={() => setWatching(false)}>
            {t('cameras.live.stop')}
          </button>
        </>
      ) : (
        <>
          <p className="muted">{t('cameras.live.note')}</p>
          <button type="button" className="btn btn-primary" onClick={() => setWatching(true)}>
            {t('cameras.live.watch')}
          </button>
        </>
      )}
    </section>
  );
}

/** /cameras/:id: one camera's place, health, latest snapshot and live video (never the camera's own address). */
export default function CameraPage() {
  const { id } = useParams();
  const { t, i18n } = useTranslation();
  const camera = useCamera(id);
  const c = camera.data;
  return (
    <div className="stack">
      <Link to="/cameras">{t('cameras.back')}</Link>
      <QueryState query={camera}>
        {c && (
          <>
            <PageHeader title={c.name} />
            <p className="row">
              <StatusBadge camera={c} />
              <span className="badge badge-muted">{kindLabel(c.kind, i18n.language)}</span>
            </p>
            <p>{c.communeName}</p>
            <Snapshot id={c.id} name={c.name} />
            <p className="muted">{t('cameras.refreshing')}</p>
            <ul className="muted">
              {c.lastSeenAt && <li>{t('cameras.lastSeen', { at: formatDateTime(c.lastSeenAt) })}</li>}
              {c.lastCheckedAt && <li>{t('cameras.lastChecked', { at: formatDateTime(c.lastCheckedAt) })}</li>}
            </ul>
            {c.hasStream ? <Live id={c.id} name={c.name} /> : <p className="muted">{t('cameras.noStream')}</p>}
          </>
        )}
      </QueryState>
    </div>
  );
}
