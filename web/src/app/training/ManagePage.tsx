import './strings';
import './training.css';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useManagedSessions } from '../../api/training';
import { PageHeader, QueryState } from '../../components/ui';
import { RequireUser } from '../shell/guards';
import { SessionItem } from './SessionsPage';

/** /tap-huan/quan-ly: the sessions of the administrator's units, drafts and cancelled ones too. */
export default function ManagePage() {
  const { t } = useTranslation();
  const list = useManagedSessions();
  return (
    <RequireUser roles={['commune_admin', 'province_admin']}>
      <div className="stack">
        <p>
          <Link to="/tap-huan">{t('training.back')}</Link>
        </p>
        <PageHeader title={t('training.manage')}>
          <Link to="/tap-huan/moi" className="btn btn-primary">
            {t('training.create')}
          </Link>
        </PageHeader>
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
    </RequireUser>
  );
}
