import { CANCEL_REASON_LABELS, REPORT_STATUS_LABELS, STATS_STATUS_LABELS } from '@common/constants/feedback';
import type { CategoryView, ReportStatus } from '../../api/feedback';
import i18n from '../../i18n';

export {
  CANCEL_REASONS,
  DESCRIPTION_MAX,
  OFFICER_CANCEL_REASONS,
  REOPEN_DAYS,
  REPORT_STATUSES as STATUSES,
} from '@common/constants/feedback';

/** Status colours: map markers, badges and charts use the same four (each ≥ 4.5:1 with white text). */
export const STATUS_COLORS: Record<ReportStatus, string> = {
  pending: '#8a5a00',
  distributed: '#0b4a8f',
  resolved: '#14632f',
  cancelled: '#4b5563',
};

const lang = () => (i18n.language === 'en' ? 'en' : 'vi');

/** A status as people read it on a report or a list (common/feedback.ts), in the page's language. */
export function statusLabel(s: string) {
  return REPORT_STATUS_LABELS[s as ReportStatus]?.[lang()] ?? s;
}

/** The seed table's exact words ("Chưa đủ điều kiện tiếp nhận", "Hủy"): statistics only. */
export function statsStatusLabel(s: string) {
  return STATS_STATUS_LABELS[s as ReportStatus]?.[lang()] ?? s;
}

export function cancelReasonLabel(r: string | null | undefined) {
  return r ? (CANCEL_REASON_LABELS[r as keyof typeof CANCEL_REASON_LABELS]?.[lang()] ?? r) : '';
}

export function categoryName(c: Pick<CategoryView, 'nameVi' | 'nameEn'> | null | undefined) {
  if (!c) return '';
  return lang() === 'en' ? c.nameEn || c.nameVi : c.nameVi;
}
