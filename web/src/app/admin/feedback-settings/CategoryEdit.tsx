import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router';
import { type CategoryView, useCategory, useUpdateCategory } from '../../../api/feedback-admin';
import { ErrorMessage, Notice, PageHeader, QueryState } from '../../../components/ui';
import { ConfirmDialog } from '../shared';
import { CategoryForm } from './CategoryForm';
import { categoryLabel, ProvinceAdminPage } from './shared';

/** Turning a category off (residents stop seeing it) or on again, after a confirmation. */
function ActiveToggle({ category }: { category: CategoryView }) {
  const { t } = useTranslation();
  const update = useUpdateCategory(category.id);
  const [open, setOpen] = useState(false);
  const label = category.active ? t('admin.fs.cat.deactivate') : t('admin.fs.cat.activate');
  return (
    <section className="card stack" aria-labelledby="fs-cat-status">
      <h2 id="fs-cat-status">{t('admin.fs.cat.status')}</h2>
      <p role="status">{category.active ? t('admin.fs.cat.activeNow') : t('admin.fs.cat.inactiveNow')}</p>
      <div>
        <button type="button" className={`btn${category.active ? ' btn-danger' : ''}`} onClick={() => setOpen(true)}>
          {label}
        </button>
      </div>
      <ConfirmDialog
        open={open}
        title={`${label}: ${categoryLabel(category)}`}
        text={category.active ? t('admin.fs.cat.deactivateText') : t('admin.fs.cat.activateText')}
        confirmLabel={label}
        danger={category.active}
        busy={update.isPending}
        onClose={() => setOpen(false)}
        onConfirm={() => update.mutate({ active: !category.active }, { onSuccess: () => setOpen(false) })}
      >
        <ErrorMessage error={update.error} />
      </ConfirmDialog>
    </section>
  );
}

function Body() {
  const { t } = useTranslation();
  const { id } = useParams();
  const location = useLocation();
  const category = useCategory(id);
  const back = (
    <p>
      <Link to="/admin/categories">← {t('admin.fs.cat.back')}</Link>
    </p>
  );
  if (!id) {
    return (
      <>
        {back}
        <PageHeader title={t('admin.fs.cat.newTitle')} />
        <CategoryForm />
      </>
    );
  }
  return (
    <QueryState query={category}>
      {category.data && (
        <div className="stack-lg">
          <div>
            {back}
            <PageHeader title={categoryLabel(category.data)} />
            <p className="muted">
              {t('admin.fs.cat.code')}: <span className="mono">{category.data.code}</span>
              {!category.data.active && ` · ${t('admin.fs.cat.inactive')}`}
            </p>
            {(location.state as { created?: boolean } | null)?.created && (
              <Notice tone="success">{t('admin.fs.cat.created')}</Notice>
            )}
          </div>
          <CategoryForm key={category.data.id} category={category.data} />
          <ActiveToggle category={category.data} />
        </div>
      )}
    </QueryState>
  );
}

export default function CategoryEdit() {
  return (
    <ProvinceAdminPage>
      <Body />
    </ProvinceAdminPage>
  );
}
