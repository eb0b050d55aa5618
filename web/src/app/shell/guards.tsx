import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useLocation } from 'react-router';
import { rolesOf, useMe } from '../../api/auth';
import type { Role } from '../../api/types';
import { Loading, PageHeader } from '../../components/ui';

export function signInPath(location: { pathname: string; search: string }) {
  return `/sign-in?next=${encodeURIComponent(location.pathname + location.search)}`;
}

/** Pages for signed-in people; with `roles`, only for those holding one of them. */
export function RequireUser({ roles, children }: { roles?: Role[]; children: ReactNode }) {
  const { t } = useTranslation();
  const me = useMe();
  const location = useLocation();
  if (me.isPending) return <Loading />;
  if (!me.data) return <Navigate to={signInPath(location)} replace />;
  if (roles && !roles.some((r) => rolesOf(me.data).has(r))) {
    return (
      <>
        <PageHeader title={t('errors.forbidden')} />
        <p>
          <Link to="/">{t('app.backHome')}</Link>
        </p>
      </>
    );
  }
  return <>{children}</>;
}
