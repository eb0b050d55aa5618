import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useMe } from '../../../api/auth';
import { useUnreadCount } from '../../../api/feedback';
import { BellIcon } from '../../../components/icons';
import './bell.css';

/** The header bell: unread notifications of the signed-in person (polled each minute). */
export function NotificationBell() {
  const { t } = useTranslation();
  const me = useMe();
  const unread = useUnreadCount(!!me.data);
  if (!me.data) return null;
  const n = unread.data?.unread ?? 0;
  return (
    <Link to="/notifications" className="header-btn fb-bell">
      <BellIcon />
      {n > 0 && (
        <span className="fb-bell-count" aria-hidden="true">
          {n > 99 ? '99+' : n}
        </span>
      )}
      <span className="visually-hidden">
        {n > 0 ? t('feedback.notifications.unread', { count: n }) : t('feedback.notifications.title')}
      </span>
    </Link>
  );
}
