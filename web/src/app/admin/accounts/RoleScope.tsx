import { ROLES } from '@common/constants/roles';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Scope } from '../../../api/admin';
import { useMe } from '../../../api/auth';
import { fieldError } from '../../../api/client';
import type { Role } from '../../../api/types';
import { Field, SelectField } from '../../../components/ui';
import {
  canGrantAdmin,
  HandlingUnitSelect,
  roleLabel,
  type ScopeMode,
  UnitScopeSelect,
  useAdminScope,
} from '../shared';

const MODE: Record<Role, ScopeMode | 'handling_unit'> = {
  citizen: 'any',
  team_member: 'commune-or-hamlet',
  handling_officer: 'handling_unit',
  commune_admin: 'commune',
  province_admin: 'province',
};

/** Roles this administrator may grant: administrator roles only by a province administrator. */
export function useGrantableRoles(): Role[] {
  const me = useMe();
  return canGrantAdmin(me.data) ? [...ROLES] : ROLES.filter((r) => r !== 'commune_admin' && r !== 'province_admin');
}

/** State of a role with its scope, and the body fields the API expects for it. */
export function useRoleScope(initial: Role = 'team_member') {
  const scope = useAdminScope();
  const [role, setRole] = useState<Role>(initial);
  const [unitCode, setUnitCode] = useState('');
  const [handlingUnitId, setHandlingUnitId] = useState('');
  const mode = MODE[role];
  const body: Scope & { role: Role } =
    mode === 'handling_unit'
      ? { role, ...(handlingUnitId ? { handlingUnitId } : {}) }
      : mode === 'province'
        ? { role, ...(scope.provinceCode ? { unitCode: scope.provinceCode } : {}) }
        : { role, ...(unitCode ? { unitCode } : {}) };
  return { role, setRole, unitCode, setUnitCode, handlingUnitId, setHandlingUnitId, mode, body };
}

export function RoleScopeFields({ state, error }: { state: ReturnType<typeof useRoleScope>; error: unknown }) {
  const { t } = useTranslation();
  const roles = useGrantableRoles();
  const [huSearch, setHuSearch] = useState('');
  const scope = useAdminScope();
  return (
    <>
      <SelectField
        label={t('admin.accounts.role')}
        value={state.role}
        onChange={(e) => {
          state.setRole(e.target.value as Role);
          state.setUnitCode('');
          state.setHandlingUnitId('');
        }}
        error={fieldError(error, 'role')}
      >
        {roles.map((r) => (
          <option key={r} value={r}>
            {roleLabel(r)}
          </option>
        ))}
      </SelectField>
      {state.mode === 'handling_unit' ? (
        <>
          {scope.isProvince && (
            <Field
              label={t('admin.accounts.huSearch')}
              type="search"
              value={huSearch}
              onChange={(e) => setHuSearch(e.target.value)}
            />
          )}
          <HandlingUnitSelect
            value={state.handlingUnitId}
            onChange={state.setHandlingUnitId}
            search={huSearch}
            error={fieldError(error, 'handlingUnitId')}
          />
        </>
      ) : (
        <UnitScopeSelect
          label={t('admin.accounts.scopeUnit')}
          value={state.unitCode}
          onChange={state.setUnitCode}
          mode={state.mode}
          error={fieldError(error, 'unitCode')}
        />
      )}
    </>
  );
}
