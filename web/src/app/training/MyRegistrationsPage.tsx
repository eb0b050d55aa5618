import './strings';
import './training.css';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useMyRegistrations } from '../../api/training';
import { ChevronRight } from '../../components/icons';
import { PageHeader, QueryState } from '../../components/ui';
import { RequireUser } from '../shell/guards';
import { formatSpan, formatWhen } from './shared';

/** /tap-huan/cua-toi: the sessions the signed-in person registered for, and whether they checked in. */
export default function MyRegistrationsPage() {
  const { t } = useTranslation();
  const list = useMyRegistrations();
  return (
    <RequireUser>
      <div className="stack">
        <p>
          <Link to="/tap-huan">{t('training.back')}</Link>
        </p>
        <PageHeader title={t('training.mine')} />
        <QueryState query={list}>
          {list.data?.items.length === 0 ? (
            <p role="status">{t('training.none')}</p>
          ) : (
            <ul className="list">
              {list.data?.items.map((r) => (
                <li key={r.id}>
                  <Link to={`/tap-huan/${r.sessionId}`} className="list-link">
                    <span className="training-item">
                      <span className="item-title">{r.topic}</span>
                      <span className="item-meta">{formatSpan(r.startsAt, r.endsAt)}</span>
                      <span className="item-meta">{r.siteName}</span>
                      {r.attendedAt ? (
                        <span className="badge badge-ok">
                          {t('training.attendedAt', { at: formatWhen(r.attendedAt) })}
                        </span>
                      ) : r.status === 'cancelled' ? (
                        <span className="badge badge-muted">{t('training.cancelled')}</span>
                      ) : null}
                    </span>
                    <ChevronRight />
                  </Link>
                </li>
              ))}
            </ul>
          )}
        </QueryState>
      </div>
    </RequireUser>
  );
}
