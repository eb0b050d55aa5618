import { LEARNER_CATEGORY_LABELS, type LearnerCategory } from '@common/constants/learning';
import { useTranslation } from 'react-i18next';
import type { TrainingSiteView } from '../../../../common/training';
import { currentLang } from '../../api/client';
import { formatNumber } from '../../i18n';

const VN_OFFSET_MS = 7 * 3600_000;

/** "16/12/2026 08:00": an instant in Vietnam's time, day first (both languages). */
export function formatWhen(iso: string | null | undefined) {
  if (!iso) return '—';
  const v = new Date(new Date(iso).getTime() + VN_OFFSET_MS).toISOString();
  return `${v.slice(8, 10)}/${v.slice(5, 7)}/${v.slice(0, 4)} ${v.slice(11, 16)}`;
}

/** "16/12/2026 08:00 – 11:30" (the end's day only when it differs). */
export function formatSpan(start: string, end: string) {
  const a = formatWhen(start);
  const b = formatWhen(end);
  return a.slice(0, 10) === b.slice(0, 10) ? `${a} – ${b.slice(11)}` : `${a} – ${b}`;
}

/** A datetime-local value (Vietnam's time) ⇄ an ISO instant. */
export const toLocalInput = (iso: string) =>
  new Date(new Date(iso).getTime() + VN_OFFSET_MS).toISOString().slice(0, 16);
export const fromLocalInput = (v: string) => (v ? new Date(`${v}:00+07:00`).toISOString() : '');

export const categoryLabel = (c: LearnerCategory) => LEARNER_CATEGORY_LABELS[c][currentLang()];

/** A site's counts: registered, attended, capacity or "no limit". */
export function SiteCounts({ site }: { site: TrainingSiteView }) {
  const { t } = useTranslation();
  return (
    <span className="item-meta training-counts" data-site-counts={site.id}>
      {t('training.counts', { registered: formatNumber(site.registered), attended: formatNumber(site.attended) })}
      {' · '}
      {site.capacity === null
        ? t('training.noLimit')
        : site.seatsLeft === 0
          ? t('training.full')
          : t('training.seatsLeft', { count: site.seatsLeft ?? 0 })}
    </span>
  );
}
