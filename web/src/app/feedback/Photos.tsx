import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type PhotoView, useSetPhotoVisibility } from '../../api/feedback';

// Staff only: the public report page, which shows photos too, does not load the officer's tools.
const BlurDialog = lazy(() => import('./officer/BlurDialog').then((m) => ({ default: m.BlurDialog })));

/** Photos, as thumbnails that open the full image; staff decide which ones the public sees. */
export function Photos({ photos, reportId, staff }: { photos: PhotoView[]; reportId?: string; staff?: boolean }) {
  const { t } = useTranslation();
  const visibility = useSetPhotoVisibility(reportId ?? '');
  const [blurring, setBlurring] = useState<PhotoView | null>(null);
  if (!photos.length) return null;
  return (
    <>
      <ul className={`fb-photos${staff ? ' is-staff' : ''}`}>
        {photos.map((p, i) => (
          <li key={p.id}>
            <a href={p.url} target="_blank" rel="noopener">
              <img src={p.thumbUrl} alt={t('feedback.submit.photoN', { n: i + 1 })} loading="lazy" />
            </a>
            {staff && (
              <div className="fb-photo-mod">
                <button type="button" className="btn" onClick={() => setBlurring(p)}>
                  {t('feedback.photo.blur')}
                </button>
                <span className="badge badge-muted">{t(`feedback.photo.${p.visibility}`)}</span>
                {p.visibility !== 'public' && (
                  <button
                    type="button"
                    className="btn"
                    disabled={visibility.isPending}
                    onClick={() => visibility.mutate({ photoId: p.id, visibility: 'public' })}
                  >
                    {t('feedback.photo.publish')}
                  </button>
                )}
                {p.visibility !== 'hidden' && (
                  <button
                    type="button"
                    className="btn"
                    disabled={visibility.isPending}
                    onClick={() => visibility.mutate({ photoId: p.id, visibility: 'hidden' })}
                  >
                    {t('feedback.photo.hide')}
                  </button>
                )}
              </div>
            )}
          </li>
        ))}
      </ul>
      {blurring && reportId && (
        <Suspense fallback={null}>
          <BlurDialog reportId={reportId} photo={blurring} onClose={() => setBlurring(null)} />
        </Suspense>
      )}
    </>
  );
}
