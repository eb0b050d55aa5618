import './strings';
import { CERTIFICATE_LIMITS } from '@common/constants/certificates';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  type CertificateFilter,
  type CertificateView,
  certificatePdfUrl,
  useCertificates,
  useRevokeCertificate,
} from '../../api/certificates';
import { fieldError } from '../../api/client';
import { Dialog, ErrorMessage, Field, LoadMore, PageHeader, QueryState, SelectField } from '../../components/ui';
import { useDebounced } from '../../components/useDebounced';
import { formatDate } from '../../i18n';
import { RequireUser } from '../shell/guards';
import { dmy } from './strings';
import './certificates.css';

/** Revoking asks for a reason (required; it goes to the audit trail). */
function RevokeDialog({ target, onClose }: { target: CertificateView | null; onClose: () => void }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const revoke = useRevokeCertificate();
  return (
    <Dialog open={!!target} title={t('certificates.revokeTitle', { serial: target?.serial ?? '' })} onClose={onClose}>
      <form
        className="stack"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          if (target) revoke.mutate({ serial: target.serial, reason: reason.trim() }, { onSuccess: onClose });
        }}
      >
        <Field
          label={t('certificates.reason')}
          hint={t('certificates.reasonHint')}
          value={reason}
          required
          maxLength={CERTIFICATE_LIMITS.revokeReason}
          onChange={(e) => setReason(e.target.value)}
          error={fieldError(revoke.error, 'reason')}
        />
        <ErrorMessage error={revoke.error} />
        <div className="row-between">
          <button type="button" className="btn" onClick={onClose}>
            {t('certificates.cancel')}
          </button>
          <button type="submit" className="btn btn-danger" disabled={revoke.isPending}>
            {t('certificates.confirmRevoke')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

function CertificateList() {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const [status, setStatus] = useState<'' | 'valid' | 'revoked'>('');
  const query = useDebounced(q.trim());
  const filter: CertificateFilter = { q: query || undefined, status: status || undefined };
  const list = useCertificates(filter);
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const [revoking, setRevoking] = useState<CertificateView | null>(null);
  return (
    <>
      <div className="cert-filters">
        <Field label={t('certificates.search')} type="search" value={q} onChange={(e) => setQ(e.target.value)} />
        <SelectField
          label={t('certificates.status')}
          value={status}
          onChange={(e) => setStatus(e.target.value as typeof status)}
        >
          <option value="">{t('certificates.anyStatus')}</option>
          <option value="valid">{t('certificates.valid')}</option>
          <option value="revoked">{t('certificates.revoked')}</option>
        </SelectField>
      </div>
      <QueryState query={list}>
        {items.length === 0 ? (
          <p role="status">{t('certificates.none')}</p>
        ) : (
          <ul className="list">
            {items.map((c) => (
              <li key={c.id} className="list-item cert-item">
                <span className="item-title">{c.holderName}</span>
                <span>{c.title}</span>
                <span className="item-meta">
                  {t(`certificates.kind.${c.kind}`)} · {dmy(c.issuedOn)} · {c.unitName}
                </span>
                <span className="cert-serial">{c.serial}</span>
                {c.revokedAt ? (
                  <span>
                    <span className="badge badge-danger">
                      {t('certificates.revokedOn', { date: formatDate(c.revokedAt) })}
                    </span>{' '}
                    {c.revokeReason && <span>{t('certificates.reasonShown', { reason: c.revokeReason })}</span>}
                  </span>
                ) : (
                  <span>
                    <span className="badge badge-ok">{t('certificates.valid')}</span>
                  </span>
                )}
                <span className="cert-actions">
                  <a className="btn" href={certificatePdfUrl(c.serial)} download>
                    {t('certificates.download')} <span className="visually-hidden">{c.serial}</span>
                  </a>
                  {!c.revokedAt && (
                    <button type="button" className="btn btn-danger" onClick={() => setRevoking(c)}>
                      {t('certificates.revoke')}
                    </button>
                  )}
                </span>
              </li>
            ))}
          </ul>
        )}
        <LoadMore query={list} />
      </QueryState>
      <RevokeDialog key={revoking?.id ?? 'none'} target={revoking} onClose={() => setRevoking(null)} />
    </>
  );
}

/** /admin/certificates: the certificates issued in the administrator's units, searchable, each revocable. */
export default function CertificatesAdminPage() {
  const { t } = useTranslation();
  return (
    <RequireUser roles={['commune_admin', 'province_admin']}>
      <div className="stack">
        <PageHeader title={t('certificates.adminTitle')} />
        <p className="lead">{t('certificates.adminIntro')}</p>
        <CertificateList />
      </div>
    </RequireUser>
  );
}
