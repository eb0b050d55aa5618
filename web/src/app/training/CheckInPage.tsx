import './strings';
import './training.css';
import { LEARNER_CATEGORIES, type LearnerCategory } from '@common/constants/learning';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useSearchParams } from 'react-router';
import { useMe } from '../../api/auth';
import { fieldError } from '../../api/client';
import { useCheckIn, useCheckInPreview } from '../../api/training';
import { ErrorMessage, Notice, PageHeader, QueryState, SelectField } from '../../components/ui';
import { signInPath } from '../shell/guards';
import { categoryLabel, formatSpan, formatWhen } from './shared';

/**
 * /tap-huan/diem-danh?c=<code>: the page a site's QR code opens. It shows which session and site the code is for;
 * the signed-in attendee confirms (choosing a category when they had not registered) and is checked in.
 */
export default function CheckInPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const code = params.get('c');
  const location = useLocation();
  const me = useMe();
  const preview = useCheckInPreview(code);
  const checkIn = useCheckIn();
  const [category, setCategory] = useState<LearnerCategory | ''>('');
  const p = preview.data;
  const needsCategory = !!p && !p.myRegistration;
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (!code) return;
    checkIn.mutate({ code, ...(category ? { learnerCategory: category } : {}) });
  };
  const done = checkIn.data;
  return (
    <div className="stack">
      <PageHeader title={t('training.checkInTitle')} />
      {!code ? (
        <Notice tone="warning">{t('training.noCode')}</Notice>
      ) : (
        <QueryState query={preview}>
          {p && (
            <>
              <div className="card stack">
                <h2>{p.topic}</h2>
                <p className="item-meta">{formatSpan(p.startsAt, p.endsAt)}</p>
                <p>
                  <strong>{p.siteName}</strong>
                </p>
              </div>
              {done ? (
                <Notice tone="success">
                  {done.firstTime
                    ? t('training.checkedIn', { site: done.siteName, at: formatWhen(done.attendedAt) })
                    : t('training.alreadyCheckedIn', { at: formatWhen(done.attendedAt) })}
                </Notice>
              ) : p.myRegistration?.attendedAt ? (
                <Notice tone="success">
                  {t('training.alreadyCheckedIn', { at: formatWhen(p.myRegistration.attendedAt) })}
                </Notice>
              ) : !me.data ? (
                <Link className="btn btn-primary btn-lg" to={signInPath(location)}>
                  {t('training.signInToCheckIn')}
                </Link>
              ) : (
                <form className="stack" onSubmit={onSubmit} noValidate>
                  {needsCategory && (
                    <>
                      <p>{t('training.checkInNeedsCategory')}</p>
                      <SelectField
                        label={t('training.category')}
                        value={category}
                        required
                        onChange={(e) => setCategory(e.target.value as LearnerCategory)}
                        error={fieldError(checkIn.error, 'learnerCategory')}
                      >
                        <option value="">{t('training.chooseCategory')}</option>
                        {LEARNER_CATEGORIES.map((c) => (
                          <option key={c} value={c}>
                            {categoryLabel(c)}
                          </option>
                        ))}
                      </SelectField>
                    </>
                  )}
                  {checkIn.error && <ErrorMessage error={checkIn.error} />}
                  <button
                    type="submit"
                    className="btn btn-primary btn-lg btn-block"
                    disabled={checkIn.isPending || (needsCategory && !category)}
                  >
                    {t('training.checkInConfirm')}
                  </button>
                </form>
              )}
              <p>
                <Link to={`/tap-huan/${p.sessionId}`}>{t('training.back')}</Link>
              </p>
            </>
          )}
        </QueryState>
      )}
    </div>
  );
}
