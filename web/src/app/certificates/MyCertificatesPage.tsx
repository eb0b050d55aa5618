import './strings';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { certificatePdfUrl, useMyCertificates } from '../../api/certificates';
import { PageHeader, QueryState } from '../../components/ui';
import { formatDate } from '../../i18n';
import { RequireUser } from '../shell/guards';
import { dmy } from './strings';
import './certificates.css';

function List() {
  const { t } = useTranslation();
  const mine = useMyCertificates();
  const items = mine.data?.items ?? [];
  return (
    <QueryState query={mine}>
      {items.length === 0 ? (
        <p role="status">{t('certificates.mineNone')}</p>
      ) : (
        <ul className="list">
          {items.map((c) => (
            <li key={c.id} className="list-item cert-item">
              <span className="item-title">{c.title}</span>
              <span className="item-meta">
                {t(`certificates.kind.${c.kind}`)} · {dmy(c.issuedOn)} · {c.unitName}
              </span>
              <span className="cert-serial">{c.serial}</span>
              {c.revokedAt && (
                <span>
                  <span className="badge badge-danger">
                    {t('certificates.revokedOn', { date: formatDate(c.revokedAt) })}
                  </span>
                </span>
              )}
              <span className="cert-actions">
                {!c.revokedAt && (
                  <a className="btn btn-primary" href={certificatePdfUrl(c.serial)} download>
                    {t('certificates.download')} <span className="visually-hidden">{c.serial}</span>
                  </a>
                )}
                <Link className="btn" to={`/verify/${c.serial}`}>
                  {t('certificates.verifyLink')}
                </Link>
              </span>
            </li>
          ))}
        </ul>
      )}
    </QueryState>
  );
}

/** /certificates: the signed-in person's certificates, each with its PDF and its public verification page. */
export default function MyCertificatesPage() {
  const { t } = useTranslation();
  return (
    <RequireUser>
      <div className="stack">
        <PageHeader title={t('certificates.mineTitle')} />
        <p className="lead">{t('certificates.mineIntro')}</p>
        <List />
      </div>
    </RequireUser>
  );
}
