import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import {
  type RoutingRuleView,
  useAllCategories,
  useDeleteRoutingRule,
  useNamedHandlingUnits,
  useRoutingRules,
} from '../../../api/feedback-admin';
import { useUnitChildren } from '../../../api/units';
import { Dialog, ErrorMessage, LoadMore, Notice, PageHeader, QueryState, SelectField } from '../../../components/ui';
import { ConfirmDialog } from '../shared';
import { RuleForm } from './RuleForm';
import { categoryLabel, ProvinceAdminPage, unitLabel, useProvinceCode } from './shared';

function Body() {
  const { t } = useTranslation();
  const province = useProvinceCode();
  const categories = useAllCategories(province);
  const communeList = useUnitChildren(province, { limit: 200 });
  const named = useNamedHandlingUnits(province);
  const [category, setCategory] = useState('');
  const [commune, setCommune] = useState('');
  const rules = useRoutingRules({ province, category: category || undefined, commune: commune || undefined });
  const remove = useDeleteRoutingRule();
  const [editing, setEditing] = useState<RoutingRuleView | 'new' | null>(null);
  const [deleting, setDeleting] = useState<RoutingRuleView | null>(null);
  // The key, not the text: a switch of language re-says it.
  const [done, setDone] = useState<{ key: string; date?: string } | null>(null);

  const cats = [...(categories.data ?? [])].sort((a, b) => a.sortOrder - b.sortOrder);
  const catById = new Map(cats.map((c) => [c.id, c]));
  const communes = (communeList.data?.pages.flatMap((p) => p.items) ?? []).map((c) => ({
    code: c.code,
    fullName: c.fullName,
  }));
  const communeName = new Map(communes.map((c) => [c.code, c.fullName]));
  const unitName = new Map((named.data ?? []).map((h) => [h.id, unitLabel(h)]));
  const items = rules.data?.pages.flatMap((p) => p.items) ?? [];
  const total = rules.data?.pages[0]?.total;
  const filtered = !!(category || commune);
  const chosen = category ? catById.get(category) : undefined;
  const fallbackUnit = chosen?.defaultHandlingUnitId
    ? (unitName.get(chosen.defaultHandlingUnitId) ?? '…')
    : t('admin.fs.cat.committee');
  const catName = (r: RoutingRuleView) => {
    const c = catById.get(r.categoryId);
    return c ? categoryLabel(c) : r.categoryCode;
  };
  const placeOf = (r: RoutingRuleView) =>
    r.communeCode ? (communeName.get(r.communeCode) ?? r.communeCode) : t('admin.fs.rule.wholeProvince');

  return (
    <>
      <PageHeader title={t('admin.fs.rule.title')}>
        <button
          type="button"
          className="btn btn-primary"
          onClick={() => {
            setDone(null);
            setEditing('new');
          }}
        >
          {t('admin.fs.rule.add')}
        </button>
      </PageHeader>
      <div className="card" style={{ marginBottom: 16 }}>
        <p style={{ margin: 0 }}>{t('admin.fs.rule.intro')}</p>
        <ol className="fs-order">
          <li>{t('admin.fs.rule.order1')}</li>
          <li>{t('admin.fs.rule.order2')}</li>
          <li>
            <Link to="/admin/categories">{t('admin.fs.rule.order3')}</Link>
          </li>
          <li>{t('admin.fs.rule.order4')}</li>
        </ol>
        <p className="muted" style={{ margin: 0 }}>
          {t('admin.fs.rule.override')}
        </p>
      </div>
      <div className="filters">
        <SelectField label={t('admin.fs.rule.category')} value={category} onChange={(e) => setCategory(e.target.value)}>
          <option value="">{t('admin.fs.rule.allCategories')}</option>
          {cats.map((c) => (
            <option key={c.id} value={c.id}>
              {categoryLabel(c)}
            </option>
          ))}
        </SelectField>
        <SelectField label={t('admin.fs.rule.commune')} value={commune} onChange={(e) => setCommune(e.target.value)}>
          <option value="">{t('admin.fs.rule.allCommunes')}</option>
          {communes.map((c) => (
            <option key={c.code} value={c.code}>
              {c.fullName}
            </option>
          ))}
        </SelectField>
      </div>
      {chosen && (
        <Notice>{t('admin.fs.rule.fallback', { category: categoryLabel(chosen), unit: fallbackUnit })}</Notice>
      )}
      {done && <Notice tone="success">{t(done.key, done)}</Notice>}
      <QueryState query={rules}>
        {total !== undefined && (
          <p className="muted" role="status">
            {t('admin.fs.rule.count', { count: total })}
          </p>
        )}
        {items.length === 0 ? (
          <p>{filtered ? t('admin.fs.rule.noneFiltered') : t('admin.fs.rule.none')}</p>
        ) : (
          <ul className="list" aria-label={t('admin.fs.rule.title')}>
            {items.map((r) => (
              <li key={r.id} className="list-item">
                <span className="item-title">{catName(r)}</span>
                <br />
                <span className="item-meta">{placeOf(r)}</span>
                <br />
                <span className="fs-rule-unit">→ {unitName.get(r.handlingUnit.id) ?? r.handlingUnit.name}</span>
                <div className="item-actions">
                  <button
                    type="button"
                    className="btn"
                    aria-label={t('admin.fs.rule.editFor', { category: catName(r), place: placeOf(r) })}
                    onClick={() => {
                      setDone(null);
                      setEditing(r);
                    }}
                  >
                    {t('admin.fs.rule.edit')}
                  </button>
                  <button
                    type="button"
                    className="btn btn-danger"
                    aria-label={t('admin.fs.rule.deleteFor', { category: catName(r), place: placeOf(r) })}
                    onClick={() => {
                      remove.reset();
                      setDone(null);
                      setDeleting(r);
                    }}
                  >
                    {t('admin.fs.rule.delete')}
                  </button>
                </div>
              </li>
            ))}
          </ul>
        )}
        <LoadMore query={rules} />
      </QueryState>
      <Dialog
        open={editing !== null}
        title={editing === 'new' ? t('admin.fs.rule.addTitle') : t('admin.fs.rule.editTitle')}
        onClose={() => setEditing(null)}
      >
        {editing !== null && (
          <RuleForm
            key={editing === 'new' ? 'new' : editing.id}
            categories={cats}
            communes={communes}
            rule={editing === 'new' ? undefined : editing}
            onDone={() => {
              setEditing(null);
              setDone({ key: 'admin.fs.rule.saved' });
            }}
          />
        )}
      </Dialog>
      <ConfirmDialog
        open={deleting !== null}
        title={t('admin.fs.rule.deleteTitle')}
        text={
          deleting
            ? t('admin.fs.rule.deleteText', { category: catName(deleting), place: placeOf(deleting) })
            : undefined
        }
        confirmLabel={t('admin.fs.rule.delete')}
        danger
        busy={remove.isPending}
        onClose={() => setDeleting(null)}
        onConfirm={() =>
          deleting &&
          remove.mutate(deleting.id, {
            onSuccess: () => {
              setDeleting(null);
              setDone({ key: 'admin.fs.rule.deleted' });
            },
          })
        }
      >
        <ErrorMessage error={remove.error} />
      </ConfirmDialog>
    </>
  );
}

export default function RoutingRulesPage() {
  return (
    <ProvinceAdminPage>
      <Body />
    </ProvinceAdminPage>
  );
}
