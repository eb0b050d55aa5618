import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useManagedServices } from '../../../api/catalog';
import { ChevronRight } from '../../../components/icons';
import { PageHeader, QueryState } from '../../../components/ui';
import { pillarLabel } from '../../catalog/labels';
import { AdminPage } from '../shared';

function Body() {
  const { t } = useTranslation();
  const services = useManagedServices();
  const items = services.data?.items ?? [];
  return (
    <>
      <PageHeader title={t('catalog.admin.title')}>
        <Link to="/admin/catalog/new" className="btn btn-primary">
          {t('catalog.admin.add')}
        </Link>
      </PageHeader>
      <p className="muted">{t('catalog.admin.intro')}</p>
      <QueryState query={services}>
        <ul className="list">
          {items.map((s) => (
            <li key={s.id}>
              <Link to={`/admin/catalog/${s.slug}`} className="list-link">
                <span>
                  <span className="item-title">{s.name}</span>
                  {!s.published && <span className="badge badge-danger"> {t('catalog.unpublished')}</span>}
                  <br />
                  <span className="item-meta">
                    {pillarLabel(s.pillar)} · {s.slug} · {t('catalog.guides', { count: s.guideCount })}
                  </span>
                </span>
                <ChevronRight />
              </Link>
            </li>
          ))}
        </ul>
      </QueryState>
    </>
  );
}

/** The province's catalog, published or not, for its administrators. */
export default function CatalogAdmin() {
  return (
    <AdminPage roles={['province_admin']}>
      <Body />
    </AdminPage>
  );
}
