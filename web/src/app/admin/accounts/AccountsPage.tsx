import { ROLES } from '@common/constants/roles';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useAccounts } from '../../../api/admin';
import type { AccountListItem } from '../../../api/types';
import { useUnitChildren } from '../../../api/units';
import { Field, LoadMore, PageHeader, QueryState, SelectField } from '../../../components/ui';
import { useDebounced } from '../../../components/useDebounced';
import { AdminPage, roleLabel, useAdminScope } from '../shared';
import { ReasonDialog } from './ReasonDialog';

function AccountItem({ a, onDetails }: { a: AccountListItem; onDetails: () => void }) {
  const { t } = useTranslation();
  return (
    <li className="list-item">
      <p className="item-title">
        {a.fullName || '—'}{' '}
        {a.status === 'disabled' && <span className="badge badge-danger">{t('admin.accounts.disabled')}</span>}
      </p>
      <p className="item-meta">{[a.phoneMasked, a.username].filter(Boolean).join(' · ')}</p>
      <p className="item-meta">
        {a.assignments.length
          ? a.assignments
              .map(
                (r) =>
                  `${roleLabel(r.role)}${r.unitName || r.handlingUnitName ? ` (${r.handlingUnitName ?? r.unitName})` : ''}`,
              )
              .join('; ')
          : t('admin.accounts.noRoles')}
      </p>
      <div className="item-actions">
        <button
          type="button"
          className="btn"
          onClick={onDetails}
          aria-label={`${t('admin.accounts.details')}: ${a.fullName}`}
        >
          {t('admin.accounts.details')}
        </button>
      </div>
    </li>
  );
}

function Body() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const scope = useAdminScope();
  const [q, setQ] = useState('');
  const [role, setRole] = useState('');
  const [unit, setUnit] = useState('');
  const [asking, setAsking] = useState<string | null>(null);
  const query = useDebounced(q);
  const communes = useUnitChildren(scope.isProvince ? (scope.provinceCode ?? undefined) : undefined, { limit: 200 });
  const unitOptions = scope.isProvince
    ? (communes.data?.pages.flatMap((p) => p.items) ?? []).map((c) => ({ code: c.code, name: c.fullName }))
    : scope.communes;
  const list = useAccounts({ q: query.trim() || undefined, role: role || undefined, unit: unit || undefined });
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <>
      <PageHeader title={t('admin.accounts.title')}>
        <Link to="/admin/accounts/new" className="btn btn-primary">
          {t('admin.accounts.add')}
        </Link>
      </PageHeader>
      <div className="filters">
        <Field label={t('admin.accounts.search')} type="search" value={q} onChange={(e) => setQ(e.target.value)} />
        <SelectField label={t('admin.accounts.role')} value={role} onChange={(e) => setRole(e.target.value)}>
          <option value="">{t('admin.accounts.allRoles')}</option>
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {roleLabel(r)}
            </option>
          ))}
        </SelectField>
        {unitOptions.length > 1 && (
          <SelectField label={t('admin.accounts.unit')} value={unit} onChange={(e) => setUnit(e.target.value)}>
            <option value="">{t('admin.accounts.allUnits')}</option>
            {unitOptions.map((c) => (
              <option key={c.code} value={c.code}>
                {c.name}
              </option>
            ))}
          </SelectField>
        )}
      </div>
      <QueryState query={list}>
        {items.length === 0 ? (
          <p>{t('common.none')}</p>
        ) : (
          <ul className="list">
            {items.map((a) => (
              <AccountItem key={a.id} a={a} onDetails={() => setAsking(a.id)} />
            ))}
          </ul>
        )}
        <LoadMore query={list} />
      </QueryState>
      <ReasonDialog
        key={asking ?? 'none'}
        open={!!asking}
        onClose={() => setAsking(null)}
        onReason={(reason) => navigate(`/admin/accounts/${asking}`, { state: { reason } })}
      />
    </>
  );
}

export default function AccountsPage() {
  return (
    <AdminPage>
      <Body />
    </AdminPage>
  );
}
