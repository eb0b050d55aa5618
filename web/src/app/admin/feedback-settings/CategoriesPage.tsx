import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useHandlingUnit } from '../../../api/admin';
import { type CategoryView, useAllCategories, useNamedHandlingUnits } from '../../../api/feedback-admin';
import { ChevronRight } from '../../../components/icons';
import { PageHeader, QueryState } from '../../../components/ui';
import { CategoryIcon } from '../../feedback/CategoryIcon';
import { categoryLabel, deadlineText, ProvinceAdminPage, unitLabel, useProvinceCode } from './shared';

/** A unit outside the named list (a commune committee set through the API): read on its own. */
function UnitName({ id }: { id: string }) {
  const unit = useHandlingUnit(id);
  return <>{unit.data ? unitLabel(unit.data) : '…'}</>;
}

function CategoryList({ items, units, ready }: { items: CategoryView[]; units: Map<string, string>; ready: boolean }) {
  const { t } = useTranslation();
  return (
    <ul className="list fs-list">
      {items.map((c) => (
        <li key={c.id}>
          <Link to={`/admin/categories/${c.id}`} className="list-link">
            <span className="fs-cat">
              <CategoryIcon icon={c.icon} code={c.code} />
              <span className="fs-cat-text">
                <span className="item-title">{categoryLabel(c)}</span>
                {!c.active && <span className="badge badge-danger"> {t('admin.fs.cat.inactive')}</span>}
                {c.sensitive && <span className="badge badge-muted"> {t('admin.fs.cat.sensitiveBadge')}</span>}
                <br />
                <span className="item-meta">
                  {deadlineText(t, c)} ·{' '}
                  {c.defaultHandlingUnitId
                    ? (units.get(c.defaultHandlingUnitId) ?? (ready ? <UnitName id={c.defaultHandlingUnitId} /> : '…'))
                    : t('admin.fs.cat.committee')}
                  {c.extraFields.length > 0 && ` · ${t('admin.fs.cat.extraCount', { count: c.extraFields.length })}`}
                </span>
              </span>
            </span>
            <ChevronRight />
          </Link>
        </li>
      ))}
    </ul>
  );
}

function Body() {
  const { t } = useTranslation();
  const province = useProvinceCode();
  const list = useAllCategories(province);
  const named = useNamedHandlingUnits(province);
  const units = new Map((named.data ?? []).map((h) => [h.id, unitLabel(h)]));
  const items = [...(list.data ?? [])].sort((a, b) => a.sortOrder - b.sortOrder || a.code.localeCompare(b.code));
  const active = items.filter((c) => c.active);
  const inactive = items.filter((c) => !c.active);
  return (
    <>
      <PageHeader title={t('admin.fs.cat.title')}>
        <Link to="/admin/categories/new" className="btn btn-primary">
          {t('admin.fs.cat.add')}
        </Link>
      </PageHeader>
      <p>{t('admin.fs.cat.intro')}</p>
      <QueryState query={list}>
        {items.length === 0 ? (
          <p>{t('admin.fs.cat.none')}</p>
        ) : (
          <div className="stack-lg">
            <section aria-labelledby="fs-cat-active" className="stack">
              <h2 id="fs-cat-active">
                {t('admin.fs.cat.activeList')} ({active.length})
              </h2>
              <CategoryList items={active} units={units} ready={named.isSuccess} />
            </section>
            {inactive.length > 0 && (
              <section aria-labelledby="fs-cat-inactive" className="stack">
                <h2 id="fs-cat-inactive">
                  {t('admin.fs.cat.inactiveList')} ({inactive.length})
                </h2>
                <CategoryList items={inactive} units={units} ready={named.isSuccess} />
              </section>
            )}
          </div>
        )}
      </QueryState>
    </>
  );
}

export default function CategoriesPage() {
  return (
    <ProvinceAdminPage>
      <Body />
    </ProvinceAdminPage>
  );
}
