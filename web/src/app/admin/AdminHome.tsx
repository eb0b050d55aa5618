import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { rolesOf, useMe } from '../../api/auth';
import { ChevronRight } from '../../components/icons';
import { PageHeader } from '../../components/ui';
import { adminEntriesFor } from '../shell/nav';
import { AdminPage, roleLabel } from './shared';

export default function AdminHome() {
  const { t } = useTranslation();
  const me = useMe();
  const entries = adminEntriesFor(rolesOf(me.data));
  const adminRoles = (me.data?.assignments ?? []).filter(
    (a) => a.role === 'province_admin' || a.role === 'commune_admin',
  );
  return (
    <AdminPage>
      <PageHeader title={t('admin.home.title')} />
      <p>{t('admin.home.intro')}</p>
      <ul className="muted">
        {adminRoles.map((a) => (
          <li key={a.id}>
            {roleLabel(a.role)} — {t('admin.home.scope', { scope: a.unitName ?? a.unitCode })}
          </li>
        ))}
      </ul>
      {entries.length === 0 ? (
        <p>{t('admin.home.none')}</p>
      ) : (
        <ul className="admin-grid">
          {entries.map((e) => (
            <li key={e.to}>
              <Link to={e.to} className="admin-card">
                <e.icon />
                <span style={{ flex: 1 }}>{t(e.key)}</span>
                <ChevronRight />
              </Link>
            </li>
          ))}
        </ul>
      )}
    </AdminPage>
  );
}
