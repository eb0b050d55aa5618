import './strings';
import { CERTIFICATE_LIMITS } from '@common/constants/certificates';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { type CertificateVerification, useVerification } from '../../api/certificates';
import { Field, PageHeader, QueryState } from '../../components/ui';
import { formatDate } from '../../i18n';
import { dmy } from './strings';
import './certificates.css';

function SerialForm({ initial }: { initial: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [serial, setSerial] = useState(initial);
  return (
    <form
      className="cert-form"
      onSubmit={(e) => {
        e.preventDefault();
        const s = serial.trim();
        if (s) navigate(`/verify/${encodeURIComponent(s)}`);
      }}
    >
      <Field
        label={t('certificates.serial')}
        hint={t('certificates.serialHint')}
        value={serial}
        autoCapitalize="characters"
        autoComplete="off"
        spellCheck={false}
        maxLength={CERTIFICATE_LIMITS.serialTyped}
        onChange={(e) => setSerial(e.target.value)}
      />
      <div>
        <button type="submit" className="btn btn-primary">
          {t('certificates.check')}
        </button>
      </div>
    </form>
  );
}

function Result({ v }: { v: CertificateVerification }) {
  const { t } = useTranslation();
  const heading =
    v.status === 'valid'
      ? t('certificates.valid')
      : v.status === 'revoked'
        ? t('certificates.revokedOn', { date: formatDate(v.revokedAt) })
        : v.status === 'not_found'
          ? t('certificates.notFound')
          : t('certificates.invalid');
  const text = {
    valid: t('certificates.validText'),
    revoked: t('certificates.revokedText'),
    not_found: t('certificates.notFoundText'),
    invalid: t('certificates.invalidText'),
  }[v.status];
  return (
    <section className={`card cert-result cert-${v.status}`} role="status" aria-live="polite">
      <h2>{heading}</h2>
      <p>{text}</p>
      {v.holderName && (
        <dl className="cert-facts">
          <dt>{t('certificates.holder')}</dt>
          <dd>{v.holderName}</dd>
          <dt>{t('certificates.titleLabel')}</dt>
          <dd>
            {v.kind ? `${t(`certificates.kind.${v.kind}`)}: ` : ''}
            {v.title}
          </dd>
          <dt>{t('certificates.issuedOn')}</dt>
          <dd>{v.issuedOn ? dmy(v.issuedOn) : '—'}</dd>
          <dt>{t('certificates.serial')}</dt>
          <dd className="cert-serial">{v.serial}</dd>
        </dl>
      )}
    </section>
  );
}

/**
 * /verify and /verify/:serial: the public check of a certificate (light: no map, no chart). It says plainly whether
 * the certificate is valid, revoked (and when) or unknown, with only the holder's name, the title and the day.
 */
export default function VerifyPage() {
  const { t } = useTranslation();
  const { serial } = useParams();
  const check = useVerification(serial);
  return (
    <div className="stack">
      <PageHeader title={t('certificates.verifyTitle')} />
      {serial ? (
        <QueryState query={check}>{check.data && <Result v={check.data} />}</QueryState>
      ) : (
        <p className="lead">{t('certificates.verifyIntro')}</p>
      )}
      {serial && <h2>{t('certificates.checkAnother')}</h2>}
      <SerialForm key={serial ?? ''} initial="" />
    </div>
  );
}
