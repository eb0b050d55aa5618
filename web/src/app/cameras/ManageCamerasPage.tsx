import './strings';
import './cameras.css';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { CAMERA_ERROR_LABELS } from '../../../../common/constants/cameras';
import { useDeleteCamera, useManagedCameras } from '../../api/cameras';
import { ErrorMessage, Notice, PageHeader, QueryState } from '../../components/ui';
import { kindLabel, StatusBadge } from './shared';

/** /cameras/quan-ly: the cameras of the communes the administrator manages, with their addresses and last error. */
export default function ManageCamerasPage() {
  const { t, i18n } = useTranslation();
  const list = useManagedCameras();
  const remove = useDeleteCamera();
  const lang = i18n.language === 'en' ? 'en' : 'vi';
  return (
    <div className="stack">
      <Link to="/cameras">{t('cameras.back')}</Link>
      <PageHeader title={t('cameras.manage')}>
        <Link to="/cameras/moi" className="btn btn-primary">
          {t('cameras.add')}
        </Link>
      </PageHeader>
      {remove.isSuccess && <Notice tone="success">{t('cameras.removed')}</Notice>}
      {remove.error && <ErrorMessage error={remove.error} />}
      <QueryState query={list}>
        {list.data?.items.length === 0 ? (
          <p>{t('cameras.noneManaged')}</p>
        ) : (
          <ul className="list">
            {list.data?.items.map((c) => (
              <li key={c.id} className="list-item stack">
                <div className="camera-admin-row">
                  <strong>{c.name}</strong>
                  <StatusBadge camera={c} />
                </div>
                <p className="item-meta">
                  {c.communeName} · {kindLabel(c.kind, lang)}
                  {!c.isPublic && ` · ${t('cameras.hidden')}`}
                </p>
                {c.lastError && (
                  <p className="item-meta">
                    {t('cameras.lastError', { error: CAMERA_ERROR_LABELS[c.lastError][lang] })}
                  </p>
                )}
                <div className="row">
                  <Link to={`/cameras/${c.id}/sua`} className="btn">
                    {t('cameras.edit')}
                  </Link>
                  <button
                    type="button"
                    className="btn"
                    disabled={remove.isPending}
                    onClick={() => {
                      if (window.confirm(t('cameras.removeConfirm', { name: c.name }))) remove.mutate(c.id);
                    }}
                  >
                    {t('cameras.remove')}
                  </button>
                </div>
              </li>
            ))}
          </ul>
        )}
      </QueryState>
    </div>
  );
}
