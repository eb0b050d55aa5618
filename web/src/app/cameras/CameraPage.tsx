import './strings';
import './cameras.css';
import { useEffect } from 'react';
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

/** /cameras/:id: one camera's place, health and latest snapshot (never the camera's own address). */
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
            <p className="muted">{t('cameras.streamNote')}</p>
          </>
        )}
      </QueryState>
    </div>
  );
}
