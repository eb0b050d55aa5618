import './strings';
import './training.css';
import { LEARNER_CATEGORIES, type LearnerCategory } from '@common/constants/learning';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router';
import type { TrainingSessionDetail } from '../../../../common/training';
import { useMe } from '../../api/auth';
import { fieldError } from '../../api/client';
import { materialUrl, useCancelRegistration, useRegister, useTrainingSession } from '../../api/training';
import { ErrorMessage, Notice, PageHeader, QueryState, SelectField } from '../../components/ui';
import { formatNumber } from '../../i18n';
import { signInPath } from '../shell/guards';
import { categoryLabel, formatSpan, formatWhen, SiteCounts } from './shared';

function Registration({ s }: { s: TrainingSessionDetail }) {
  const { t } = useTranslation();
  const me = useMe();
  const location = useLocation();
  const register = useRegister(s.id);
  const cancel = useCancelRegistration(s.id);
  const mine = s.myRegistration?.status === 'registered' ? s.myRegistration : null;
  const [siteId, setSiteId] = useState(mine?.siteId ?? '');
  const [category, setCategory] = useState<LearnerCategory | ''>(mine?.learnerCategory ?? '');
  const over = new Date(s.endsAt).getTime() < Date.now();
  if (s.status !== 'published' || over) return null;
  if (!me.data)
    return (
      <Link className="btn btn-primary" to={signInPath(location)}>
        {t('training.signInToRegister')}
      </Link>
    );
  const siteName = (id: string) => s.sites.find((x) => x.id === id)?.name ?? '';
  if (mine?.attendedAt)
    return <Notice tone="success">{t('training.attendedAt', { at: formatWhen(mine.attendedAt) })}</Notice>;
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (!siteId || !category) return;
    register.mutate({ siteId, learnerCategory: category });
  };
  return (
    <section className="card stack" aria-labelledby="register-title">
      <h2 id="register-title">{t('training.registerTitle')}</h2>
      {mine && <Notice tone="success">{t('training.registered', { site: siteName(mine.siteId) })}</Notice>}
      <form className="stack" onSubmit={onSubmit} noValidate>
        <SelectField
          label={t('training.site')}
          value={siteId}
          required
          onChange={(e) => setSiteId(e.target.value)}
          error={fieldError(register.error, 'siteId')}
        >
          <option value="">{t('training.chooseSite')}</option>
          {s.sites.map((x) => (
            <option key={x.id} value={x.id} disabled={x.seatsLeft === 0 && x.id !== mine?.siteId}>
              {x.name}
              {x.seatsLeft === 0 ? ` (${t('training.full')})` : ''}
            </option>
          ))}
        </SelectField>
        <SelectField
          label={t('training.category')}
          value={category}
          required
          onChange={(e) => setCategory(e.target.value as LearnerCategory)}
          error={fieldError(register.error, 'learnerCategory')}
        >
          <option value="">{t('training.chooseCategory')}</option>
          {LEARNER_CATEGORIES.map((c) => (
            <option key={c} value={c}>
              {categoryLabel(c)}
            </option>
          ))}
        </SelectField>
        {register.error && !fieldError(register.error, 'siteId') && <ErrorMessage error={register.error} />}
        <div className="row">
          <button type="submit" className="btn btn-primary" disabled={!siteId || !category || register.isPending}>
            {mine ? t('training.change') : t('training.register')}
          </button>
          {mine && (
            <button
              type="button"
              className="btn btn-danger"
              onClick={() => cancel.mutate()}
              disabled={cancel.isPending}
            >
              {t('training.cancel')}
            </button>
          )}
        </div>
        {cancel.error && <ErrorMessage error={cancel.error} />}
      </form>
    </section>
  );
}

/** /tap-huan/:id: a session's sites with their counts, materials, and registration; staff links for its managers. */
export default function SessionPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const query = useTrainingSession(id);
  const s = query.data;
  return (
    <div className="stack">
      <p>
        <Link to="/tap-huan">{t('training.back')}</Link>
      </p>
      <QueryState query={query}>
        {s && (
          <>
            <PageHeader title={s.topic}>
              {s.canManage && (
                <Link to={`/tap-huan/${s.id}/sua`} className="btn">
                  {t('training.edit')}
                </Link>
              )}
            </PageHeader>
            {s.status !== 'published' && (
              <p>
                <span className={`badge ${s.status === 'cancelled' ? 'badge-danger' : 'badge-muted'}`}>
                  {t(`training.status.${s.status}`)}
                </span>
              </p>
            )}
            <dl className="stack">
              <div>
                <dt className="item-meta">{t('training.when')}</dt>
                <dd>{formatSpan(s.startsAt, s.endsAt)}</dd>
              </div>
              <div>
                <dt className="item-meta">{t('training.organizer')}</dt>
                <dd>{s.organizerName}</dd>
              </div>
            </dl>
            {s.description && <p>{s.description}</p>}
            {s.certificateOnAttendance && <Notice>{t('training.certificate')}</Notice>}
            <Registration key={s.myRegistration?.id ?? 'none'} s={s} />
            <section className="stack" aria-labelledby="sites-title">
              <h2 id="sites-title">
                {t('training.sitesTitle')} ({s.sites.length})
              </h2>
              <p className="item-meta">
                {t('training.total')}:{' '}
                {t('training.counts', { registered: formatNumber(s.registered), attended: formatNumber(s.attended) })}
              </p>
              <ul className="list">
                {s.sites.map((x) => (
                  <li key={x.id} className="list-item">
                    <span className="training-item">
                      <span className="item-title">
                        {x.main && <span className="badge">{t('training.mainSite')}</span>} {x.name}
                      </span>
                      <span className="item-meta">{[x.place, x.communeName].filter(Boolean).join(' · ')}</span>
                      <SiteCounts site={x} />
                      {s.canManage && (
                        <Link to={`/tap-huan/${s.id}/sites/${x.id}/qr`} className="btn-link">
                          {t('training.qr')}
                        </Link>
                      )}
                    </span>
                  </li>
                ))}
              </ul>
            </section>
            {s.byCategory.length > 0 && (
              <section className="stack" aria-labelledby="cat-title">
                <h2 id="cat-title">{t('training.byCategory')}</h2>
                <ul className="list">
                  {s.byCategory.map((c) => (
                    <li key={c.category} className="list-item">
                      <span className="training-item">
                        <span className="item-title">{categoryLabel(c.category)}</span>
                        <span className="item-meta">
                          {t('training.counts', {
                            registered: formatNumber(c.registered),
                            attended: formatNumber(c.attended),
                          })}
                        </span>
                      </span>
                    </li>
                  ))}
                </ul>
              </section>
            )}
            {s.materials.length > 0 && (
              <section className="stack" aria-labelledby="materials-title">
                <h2 id="materials-title">{t('training.materials')}</h2>
                <ul>
                  {s.materials.map((m) => (
                    <li key={m.id}>
                      <a href={m.fileName ? materialUrl(m.id) : (m.url ?? '#')} target="_blank" rel="noreferrer">
                        {m.title}
                      </a>
                    </li>
                  ))}
                </ul>
              </section>
            )}
            {s.canManage && (
              <div className="row">
                <Link to={`/tap-huan/${s.id}/diem-danh`} className="btn">
                  {t('training.attendance')}
                </Link>
              </div>
            )}
          </>
        )}
      </QueryState>
    </div>
  );
}
