import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useMe } from '../../api/auth';
import { useMyLearning } from '../../api/learning';
import { ChevronRight } from '../../components/icons';
import { PageHeader, QueryState } from '../../components/ui';
import { formatDate } from '../../i18n';
import { RequireUser } from '../shell/guards';
import { ProgressBar, useLearnOffline } from './shared';

function MyLearning() {
  const { t } = useTranslation();
  const me = useMe();
  const mine = useMyLearning(!!me.data);
  const items = mine.data?.courses ?? [];
  return (
    <div className="stack">
      <p>
        <Link to="/learn">{t('learn.back')}</Link>
      </p>
      <PageHeader title={t('learn.mine')} />
      <p className="lead">{t('learn.mineLead')}</p>
      <QueryState query={mine}>
        {items.length === 0 ? (
          <div className="card stack">
            <p>{t('learn.mineNone')}</p>
            <Link to="/learn" className="btn btn-primary btn-lg">
              {t('learn.browse')}
            </Link>
          </div>
        ) : (
          <ul className="list">
            {items.map((item) => (
              <li key={item.courseId}>
                <Link
                  to={item.completed ? `/learn/${item.courseId}` : `/learn/${item.courseId}?resume=1`}
                  className="list-link"
                >
                  <span className="learn-item">
                    <span className="item-title">{item.title}</span>
                    {item.completedAt ? (
                      <span className="item-meta">
                        <span className="badge badge-ok">{t('learn.completed')}</span> {formatDate(item.completedAt)}
                      </span>
                    ) : (
                      <>
                        <ProgressBar done={item.lessonsDone} total={item.lessonsTotal} />
                        <span className="item-meta">{t('learn.resume')} →</span>
                      </>
                    )}
                  </span>
                  <ChevronRight />
                </Link>
              </li>
            ))}
          </ul>
        )}
      </QueryState>
    </div>
  );
}

export default function MyLearningPage() {
  useLearnOffline();
  return (
    <RequireUser>
      <MyLearning />
    </RequireUser>
  );
}
