import { useTranslation } from 'react-i18next';
import type { ReportStatus } from '../../api/feedback';
import { usePublicConfig, useUnitChildren } from '../../api/units';
import { formatDeadline } from '../../i18n';
import { unitName } from '../units/format';
import { STATUS_COLORS, statusLabel } from './labels';
import './feedback.css';

export function StatusBadge({ status }: { status: ReportStatus }) {
  return (
    <span className="badge fb-status" style={{ background: STATUS_COLORS[status] }}>
      {statusLabel(status)}
    </span>
  );
}

/** Deadline badge: overdue in red, due within a day in amber, otherwise the last day to act ("Hạn 16/12/2026"). */
export function DeadlineBadge({ dueAt, overdue }: { dueAt: string | null; overdue?: boolean }) {
  const { t } = useTranslation();
  if (!dueAt) return null;
  const ms = new Date(dueAt).getTime() - Date.now();
  const late = overdue ?? ms < 0;
  const soon = !late && ms < 24 * 3600_000;
  return (
    <span className={`badge ${late ? 'badge-danger' : soon ? 'fb-soon' : 'badge-muted'}`}>
      {late ? t('feedback.deadline.overdue') : soon ? t('feedback.deadline.soon') : t('feedback.deadline.due')}{' '}
      {formatDeadline(dueAt)}
    </span>
  );
}

/**
 * Why a button is disabled, said under it and read with it (aria-describedby on the button): a greyed-out button
 * that does not say what is missing leaves people stuck.
 */
export function WhyDisabled({ id, reason }: { id: string; reason: string | null | false | undefined }) {
  if (!reason) return null;
  return (
    <p id={id} className="hint fb-why-disabled">
      {reason}
    </p>
  );
}

/** Names of the province's communes by code (lists carry codes only). */
export function useCommuneNames() {
  const { i18n } = useTranslation();
  const config = usePublicConfig();
  const communes = useUnitChildren(config.data?.provinceCode, { limit: 200 });
  const map = new Map<string, string>();
  // In English, the English name where the reference data has one ("Dinh Hoa Commune").
  for (const p of communes.data?.pages ?? []) for (const c of p.items) map.set(c.code, unitName(c, i18n.language));
  return { map, list: communes.data?.pages.flatMap((p) => p.items) ?? [] };
}

/** A client id for a submission, kept for this tab so a reload retries with the same one. */
export function newClientId() {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
