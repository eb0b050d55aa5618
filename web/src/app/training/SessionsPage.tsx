import './strings';
import './training.css';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import type { TrainingSessionSummary } from '../../../../common/training';
import { useMe } from '../../api/auth';
import { useTrainingSessions } from '../../api/training';
import { ChevronRight } from '../../components/icons';
import { PageHeader, QueryState } from '../../components/ui';
import { formatNumber } from '../../i18n';
import { formatSpan } from './shared';

export function SessionItem({ s, to }: { s: TrainingSessionSummary; to: string }) {
  const { t } = useTranslation();
  return (
    <li>
      <Link to={to} className="list-link">
        <span className="training-item">
          <span className="item-title">{s.topic}</span>
          <span className="item-meta">{formatSpan(s.startsAt, s.endsAt)}</span>
          <span className="item-meta">{s.organizerName}</span>
          <span className="item-meta">
            {t('training.sites', { count: s.siteCount })} ·{' '}
            {t('training.counts', { registered: formatNumber(s.registered), attended: formatNumber(s.attended) })}
          </span>
          {s.status !== 'published' && (
            <span className={`badge ${s.status === 'cancelled' ? 'badge-danger' : 'badge-muted'}`}>
              {t(`training.status.${s.status}`)}
            </span>
          )}
        </span>
        <ChevronRight />
      </Link>
    </li>
  );
}

/** /tap-huan: published sessions for everyone (counts only), upcoming first; past ones on their tab. */
export default function SessionsPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const when = params.get('when') === 'past' ? 'past' : 'upcoming';
  const list = useTrainingSessions(when);
  const me = useMe();
  return (
    <div className="stack">
      <PageHeader title={t('training.title')}>
        {list.data?.canCreate && (
          <Link to="/tap-huan/quan-ly" className="btn">
            {t('training.manage')}
          </Link>
        )}
      </PageHeader>
      <p className="lead">{t('training.intro')}</p>
      <div className="row">
        <Link to="/tap-huan/quet" className="btn btn-primary">
          {t('training.scan')}
        </Link>
        {me.data && (
          <Link to="/tap-huan/cua-toi" className="btn">
            {t('training.mine')}
          </Link>
        )}
      </div>
      <nav className="training-tabs" aria-label={t('training.title')}>
        {(['upcoming', 'past'] as const).map((w) => (
          <button
            key={w}
            type="button"
            className="btn"
            aria-current={when === w ? 'page' : undefined}
            onClick={() => setParams(w === 'past' ? { when: 'past' } : {}, { replace: true })}
          >
            {t(`training.${w}`)}
          </button>
        ))}
      </nav>
      <QueryState query={list}>
        {list.data?.items.length === 0 ? (
          <p role="status">{t('training.none')}</p>
        ) : (
          <ul className="list">
            {list.data?.items.map((s) => (
              <SessionItem key={s.id} s={s} to={`/tap-huan/${s.id}`} />
            ))}
          </ul>
        )}
      </QueryState>
    </div>
  );
}
