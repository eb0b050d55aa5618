import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useMarkRead, useNotifications } from '../../../api/feedback';
import { ErrorMessage, LoadMore, PageHeader, QueryState } from '../../../components/ui';
import { formatDateTime } from '../../../i18n';
import { RequireUser } from '../../shell/guards';
import '../feedback.css';

function List() {
  const { t } = useTranslation();
  const list = useNotifications();
  const read = useMarkRead();
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const unread = list.data?.pages[0]?.unread ?? 0;
  return (
    <>
      <div className="row-between">
        <p role="status">{t('feedback.notifications.unread', { count: unread })}</p>
        {unread > 0 && (
          <button type="button" className="btn" disabled={read.isPending} onClick={() => read.mutate('all')}>
            {t('feedback.notifications.readAll')}
          </button>
        )}
      </div>
      <ErrorMessage error={read.error} />
      <QueryState query={list}>
        {items.length === 0 ? (
          <p>{t('feedback.notifications.empty')}</p>
        ) : (
          <ul className="list">
            {items.map((n) => (
              <li key={n.id} className={`list-item fb-note${n.readAt ? '' : ' is-unread'}`}>
                <p className="item-title">
                  {!n.readAt && <span className="visually-hidden">{t('feedback.notifications.new')}: </span>}
                  {n.link ? (
                    <Link to={n.link} onClick={() => !n.readAt && read.mutate(n.id)}>
                      {n.title}
                    </Link>
                  ) : (
                    n.title
                  )}
                </p>
                {n.body && <p>{n.body}</p>}
                <p className="item-meta">{formatDateTime(n.createdAt)}</p>
                {!n.readAt && (
                  <div className="item-actions">
                    <button type="button" className="btn btn-link" onClick={() => read.mutate(n.id)}>
                      {t('feedback.notifications.markRead')}
                    </button>
                  </div>
                )}
              </li>
            ))}
          </ul>
        )}
        <LoadMore query={list} />
      </QueryState>
    </>
  );
}

export default function NotificationsPage() {
  const { t } = useTranslation();
  return (
    <div className="narrow">
      <PageHeader title={t('feedback.notifications.title')} />
      <RequireUser>
        <List />
      </RequireUser>
    </div>
  );
}
