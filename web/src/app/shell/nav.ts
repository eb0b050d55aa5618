import type { ComponentType } from 'react';
import type { Role } from '../../api/types';
import { BuildingIcon, KeyIcon, ListIcon, PeopleIcon, UnitsIcon } from '../../components/icons';

export interface AdminEntry {
  to: string;
  key: string;
  icon: ComponentType;
  roles: Role[];
}

const ADMINS: Role[] = ['commune_admin', 'province_admin'];

/** Administration entries and who sees them (the server checks again; this only hides what cannot work). */
export const ADMIN_ENTRIES: AdminEntry[] = [
  { to: '/admin/units', key: 'nav.units', icon: UnitsIcon, roles: ADMINS },
  { to: '/admin/accounts', key: 'nav.accounts', icon: PeopleIcon, roles: ADMINS },
  { to: '/admin/audit', key: 'nav.audit', icon: ListIcon, roles: ADMINS },
  { to: '/admin/handling-units', key: 'nav.handlingUnits', icon: BuildingIcon, roles: ['province_admin'] },
  { to: '/admin/api-keys', key: 'nav.apiKeys', icon: KeyIcon, roles: ['province_admin'] },
];

export function adminEntriesFor(roles: Set<Role>) {
  return ADMIN_ENTRIES.filter((e) => e.roles.some((r) => roles.has(r)));
}
