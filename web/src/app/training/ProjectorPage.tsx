import './strings';
import './training.css';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useSiteCode } from '../../api/training';
import { QueryState } from '../../components/ui';
import { formatNumber } from '../../i18n';
import { RequireUser } from '../shell/guards';
import { formatWhen } from './shared';

/**
 * /tap-huan/:id/sites/:siteId/qr: shown full-screen on the site's projector. The QR encodes this app's check-in URL
 * with the site's signed code; the page asks for a new code as the server says (every minute), so an old photo of
 * the screen stops working a few minutes later.
 */
export default function ProjectorPage() {
  const { t } = useTranslation();
  const { id, siteId } = useParams();
  const code = useSiteCode(siteId);
  const c = code.data;
  const svgUrl = c ? `data:image/svg+xml;charset=utf-8,${encodeURIComponent(c.svg)}` : '';
  return (
    <RequireUser roles={['commune_admin', 'province_admin']}>
      <div className="stack training-projector">
        <p>
          <Link to={`/tap-huan/${id}`}>{t('training.back')}</Link>
        </p>
        <QueryState query={code}>
          {c && (
            <>
              <h1 tabIndex={-1}>{t('training.qrOf', { site: c.siteName })}</h1>
              <p className="item-meta">{c.topic}</p>
              <img
                className="qr"
                src={svgUrl}
                alt={t('training.qr')}
                data-check-in-url={c.url}
                width={560}
                height={560}
              />
              <p>{t('training.projectorHint')}</p>
              <p className="qr-url">
                {t('training.projectorLink')} <a href={c.url}>{c.url}</a>
              </p>
              <p className="big" role="status" data-testid="projector-counts">
                {t('training.projectorCounts', {
                  attended: formatNumber(c.attended),
                  registered: formatNumber(c.registered),
                })}
              </p>
              <p className="item-meta">{t('training.validUntil', { at: formatWhen(c.expiresAt) })}</p>
            </>
          )}
        </QueryState>
      </div>
    </RequireUser>
  );
}
