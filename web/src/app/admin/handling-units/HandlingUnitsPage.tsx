import { HANDLING_UNIT_KIND_LABELS, HANDLING_UNIT_KINDS } from '@common/constants/handling-units';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useHandlingUnits } from '../../../api/admin';
import { currentLang } from '../../../api/client';
import { ChevronRight } from '../../../components/icons';
import { Field, LoadMore, PageHeader, QueryState, SelectField } from '../../../components/ui';
import { useDebounced } from '../../../components/useDebounced';
import { AdminPage, useAdminScope } from '../shared';

export function huKindLabel(kind: string) {
  return HANDLING_UNIT_KIND_LABELS[kind as keyof typeof HANDLING_UNIT_KIND_LABELS]?.[currentLang()] ?? kind;
}

function Body() {
  const { t } = useTranslation();
  const scope = useAdminScope();
  const [q, setQ] = useState('');
  const [kind, setKind] = useState('');
  const [inactive, setInactive] = useState(false);
  const query = useDebounced(q);
  const list = useHandlingUnits({
    q: query.trim() || undefined,
    kind: kind || undefined,
    unit: scope.provinceCode ?? undefined,
    includeInactive: inactive ? 1 : undefined,
  });
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const total = list.data?.pages[0]?.total;
  return (
    <>
      <PageHeader title={t('admin.hu.title')}>
        <Link to="/admin/handling-units/new" className="btn btn-primary">
          {t('admin.hu.add')}
        </Link>
      </PageHeader>
      <div className="filters">
        <Field label={t('admin.hu.search')} type="search" value={q} onChange={(e) => setQ(e.target.value)} />
        <SelectField label={t('admin.hu.kind')} value={kind} onChange={(e) => setKind(e.target.value)}>
          <option value="">{t('admin.hu.allKinds')}</option>
          {HANDLING_UNIT_KINDS.map((k) => (
            <option key={k} value={k}>
              {huKindLabel(k)}
            </option>
          ))}
        </SelectField>
        <label className="check">
          <input type="checkbox" checked={inactive} onChange={(e) => setInactive(e.target.checked)} />
          <span>{t('admin.hu.includeInactive')}</span>
        </label>
      </div>
      {total !== undefined && (
        <p className="muted" role="status">
          {t('unit.total', { count: total })}
        </p>
      )}
      <QueryState query={list}>
        {items.length === 0 ? (
          <p>{t('common.none')}</p>
        ) : (
          <ul className="list">
            {items.map((h) => (
              <li key={h.id}>
                <Link to={`/admin/handling-units/${h.id}`} className="list-link">
                  <span>
                    <span className="item-title">{h.name}</span>
                    {!h.active && <span className="badge badge-danger"> {t('admin.hu.inactive')}</span>}
                    <br />
                    <span className="item-meta">
                      {huKindLabel(h.kind)} · {h.code} · {t('admin.hu.served', { count: h.servedCount })}
                    </span>
                  </span>
                  <ChevronRight />
                </Link>
              </li>
            ))}
          </ul>
        )}
        <LoadMore query={list} />
      </QueryState>
    </>
  );
}

export default function HandlingUnitsPage() {
  return (
    <AdminPage roles={['province_admin']}>
      <Body />
    </AdminPage>
  );
}
