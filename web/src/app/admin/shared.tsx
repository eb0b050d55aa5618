import './strings';
import { ROLE_LABELS } from '@common/constants/roles';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useHandlingUnits } from '../../api/admin';
import { rolesOf, useMe } from '../../api/auth';
import { currentLang } from '../../api/client';
import type { Me, Role } from '../../api/types';
import { useUnitChildren } from '../../api/units';
import { Dialog, Notice, SelectField } from '../../components/ui';
import { RequireUser } from '../shell/guards';

export const ADMIN_ROLES: Role[] = ['commune_admin', 'province_admin'];

export function roleLabel(role: Role) {
  return ROLE_LABELS[role]?.[currentLang()] ?? role;
}

/** What the signed-in administrator administers: the province (province_admin) and/or some communes. */
export function adminScope(me: Me | null | undefined) {
  const a = me?.assignments ?? [];
  const province = a.find((x) => x.role === 'province_admin' && x.unitCode);
  const communes = a
    .filter((x) => x.role === 'commune_admin' && x.unitCode)
    .map((x) => ({ code: x.unitCode!, name: x.unitName ?? x.unitCode! }));
  return {
    isProvince: !!province,
    provinceCode: province?.unitCode ?? null,
    provinceName: province?.unitName ?? null,
    communes,
  };
}

export function useAdminScope() {
  const me = useMe();
  return adminScope(me.data);
}

/** Admin pages: signed in, holding one of `roles`, and (where production requires it) TOTP set up. */
export function AdminPage({ roles = ADMIN_ROLES, children }: { roles?: Role[]; children: ReactNode }) {
  const { t } = useTranslation();
  const me = useMe();
  return (
    <RequireUser roles={roles}>
      {me.data?.mustSetUpTotp ? (
        <Notice tone="warning">
          {t('profile.totpRequired')} <Link to="/account#totp">{t('profile.totpStart')}</Link>
        </Notice>
      ) : (
        children
      )}
    </RequireUser>
  );
}

export function canGrantAdmin(me: Me | null | undefined) {
  return rolesOf(me).has('province_admin');
}

/** Confirmation in a modal dialog; `children` may hold a reason field. */
export function ConfirmDialog({
  open,
  title,
  text,
  confirmLabel,
  danger,
  busy,
  onConfirm,
  onClose,
  children,
}: {
  open: boolean;
  title: string;
  text?: string;
  confirmLabel: string;
  danger?: boolean;
  busy?: boolean;
  onConfirm: () => void;
  onClose: () => void;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <Dialog open={open} title={title} onClose={onClose}>
      <form
        className="stack"
        onSubmit={(e) => {
          e.preventDefault();
          onConfirm();
        }}
      >
        {text && <p>{text}</p>}
        {children}
        <div className="form-actions">
          <button type="submit" className={`btn ${danger ? 'btn-danger btn-solid' : 'btn-primary'}`} disabled={busy}>
            {confirmLabel}
          </button>
          <button type="button" className="btn" onClick={onClose}>
            {t('common.cancel')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

export type ScopeMode = 'province' | 'commune' | 'commune-or-hamlet' | 'any';

/**
 * Picks a unit inside the administrator's scope: a commune (all of the province's for a province
 * administrator, their own for a commune administrator), then optionally one of its hamlets.
 */
export function UnitScopeSelect({
  value,
  onChange,
  mode,
  error,
  label,
}: {
  value: string;
  onChange: (code: string) => void;
  mode: ScopeMode;
  error?: string;
  label?: string;
}) {
  const { t } = useTranslation();
  const scope = useAdminScope();
  const provinceCommunes = useUnitChildren(scope.isProvince ? (scope.provinceCode ?? undefined) : undefined, {
    limit: 200,
  });
  const communes = scope.isProvince
    ? (provinceCommunes.data?.pages.flatMap((p) => p.items) ?? []).map((c) => ({ code: c.code, name: c.fullName }))
    : scope.communes;
  const isProvinceValue = !!scope.provinceCode && value === scope.provinceCode;
  const commune = isProvinceValue ? '' : value.split('-')[0];
  const withHamlets = mode === 'commune-or-hamlet' || mode === 'any';
  const hamlets = useUnitChildren(withHamlets && commune ? commune : undefined);
  const hamletItems = hamlets.data?.pages.flatMap((p) => p.items) ?? [];

  if (mode === 'province') {
    return (
      <div className="field">
        <span className="item-title">{label ?? t('admin.accounts.scopeUnit')}</span>
        <p className="muted">{scope.provinceName ?? scope.provinceCode}</p>
      </div>
    );
  }
  const allowProvince = mode === 'any' && scope.isProvince;
  return (
    <div className="stack">
      <SelectField
        label={label ?? t('admin.scope.commune')}
        value={isProvinceValue ? scope.provinceCode! : commune}
        onChange={(e) => onChange(e.target.value)}
        error={error}
      >
        {allowProvince ? (
          <option value={scope.provinceCode!}>{t('admin.scope.province')}</option>
        ) : (
          <option value="">{t('admin.scope.choose')}</option>
        )}
        {communes.map((c) => (
          <option key={c.code} value={c.code}>
            {c.name}
          </option>
        ))}
      </SelectField>
      {withHamlets && commune && hamletItems.length > 0 && (
        <SelectField
          label={t('admin.scope.hamlet')}
          optional
          value={value.includes('-') ? value : ''}
          onChange={(e) => onChange(e.target.value || commune)}
        >
          <option value="">{t('admin.scope.wholeCommune')}</option>
          {hamletItems.map((h) => (
            <option key={h.code} value={h.code}>
              {h.fullName}
            </option>
          ))}
        </SelectField>
      )}
    </div>
  );
}

/** Picks a handling unit: those of the administrator's communes, or any in the province (searchable). */
export function HandlingUnitSelect({
  value,
  onChange,
  error,
  search,
}: {
  value: string;
  onChange: (id: string) => void;
  error?: string;
  search: string;
}) {
  const { t } = useTranslation();
  const scope = useAdminScope();
  const unit = scope.isProvince ? (scope.provinceCode ?? undefined) : scope.communes[0]?.code;
  const list = useHandlingUnits({ q: search.trim() || undefined, unit, limit: 200 });
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <SelectField
      label={t('admin.accounts.scopeHu')}
      value={value}
      onChange={(e) => onChange(e.target.value)}
      error={error}
    >
      <option value="">{t('admin.accounts.chooseHu')}</option>
      {items.map((h) => (
        <option key={h.id} value={h.id}>
          {h.name}
        </option>
      ))}
    </SelectField>
  );
}
