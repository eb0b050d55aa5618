import './strings';
import './feedback-settings.css';
import { HANDLING_UNIT_KIND_LABELS, MANAGED_HANDLING_UNIT_KINDS } from '@common/constants/handling-units';
import { foldVn } from '@common/constants/units';
import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';
import { currentLang } from '../../../api/client';
import type { CategoryView } from '../../../api/feedback-admin';
import { AdminPage, useAdminScope } from '../shared';

/** Feedback settings belong to the province: its administrators only (the server refuses everyone else too). */
export function ProvinceAdminPage({ children }: { children: ReactNode }) {
  return <AdminPage roles={['province_admin']}>{children}</AdminPage>;
}

/** The province the signed-in administrator manages. */
export function useProvinceCode(): string | undefined {
  return useAdminScope().provinceCode ?? undefined;
}

export const categoryLabel = (c: Pick<CategoryView, 'nameVi' | 'nameEn'>) =>
  currentLang() === 'en' ? c.nameEn || c.nameVi : c.nameVi;

export const unitLabel = (h: { name: string; nameEn?: string | null }) =>
  currentLang() === 'en' ? h.nameEn || h.name : h.name;

type UnitOption = { id: string; kind: string; name: string; nameEn?: string | null };

/** Handling units as <option>s grouped by kind (departments, agencies, utilities…), for a select. */
export function HandlingUnitOptionGroups({ units }: { units: UnitOption[] }) {
  return (
    <>
      {MANAGED_HANDLING_UNIT_KINDS.map((kind) => {
        const ofKind = units.filter((h) => h.kind === kind);
        return ofKind.length === 0 ? null : (
          <optgroup key={kind} label={HANDLING_UNIT_KIND_LABELS[kind][currentLang()]}>
            {ofKind.map((h) => (
              <option key={h.id} value={h.id}>
                {unitLabel(h)}
              </option>
            ))}
          </optgroup>
        );
      })}
    </>
  );
}

export function deadlineText(t: TFunction, c: Pick<CategoryView, 'deadlineWorkingDays' | 'deadlineHours'>) {
  if (c.deadlineHours) return t('admin.fs.cat.hours', { count: c.deadlineHours });
  if (c.deadlineWorkingDays) return t('admin.fs.cat.days', { count: c.deadlineWorkingDays });
  return '—';
}

/** "Đèn đường hỏng" → "den-duong-hong" (or with "_"): a code made from a Vietnamese name. */
export function codeFrom(text: string, sep: '-' | '_', max = 40): string {
  return foldVn(text)
    .replace(/[^a-z0-9]+/g, sep)
    .slice(0, max)
    .replace(/^[-_]+|[-_]+$/g, '');
}

/** "2026-04-30" → "Thứ Năm, 30/04/2026" (or "Thursday, 30/04/2026"). */
export function longDate(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  const weekday = new Intl.DateTimeFormat(currentLang() === 'en' ? 'en-GB' : 'vi-VN', {
    weekday: 'long',
    timeZone: 'UTC',
  }).format(new Date(Date.UTC(y, m - 1, d)));
  return `${weekday.charAt(0).toUpperCase()}${weekday.slice(1)}, ${String(d).padStart(2, '0')}/${String(m).padStart(2, '0')}/${y}`;
}
