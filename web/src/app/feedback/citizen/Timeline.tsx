import { useTranslation } from 'react-i18next';
import type { ReportEventView } from '../../../api/feedback';
import { formatDateTime, formatDeadline } from '../../../i18n';
import { statusLabel } from '../labels';

export interface TimelineEvent {
  id?: number | string;
  at: string;
  type: string;
  toStatus?: string | null;
  reason?: string | null;
  public?: boolean;
  by?: ReportEventView['by'];
  toHandlingUnitId?: string | null;
  rating?: number | null;
  dueAt?: string | null;
}

/** Events kept from the public that the reporter sees too (the rest of the non-public ones are staff-only). */
const REPORTER_SEES = new Set(['information_requested', 'information_provided', 'rated']);

/** Who sees an entry that is not public, said to staff: each kind by its own name, never all as "internal note". */
function audienceKey(e: TimelineEvent): string | null {
  if (e.public !== false) return null;
  if (e.type === 'reopened') return 'feedback.audience.reasonPrivate';
  return REPORTER_SEES.has(e.type) ? 'feedback.audience.reporter' : 'feedback.audience.staff';
}

/** The report's history: who (by role, never by name), when, why. Staff see who else can read each entry. */
export function Timeline({
  events,
  unitNames,
  staff,
}: {
  events: TimelineEvent[];
  unitNames?: Map<string, string>;
  /** Staff see which entries are internal; the reporter sees only what concerns them. */
  staff?: boolean;
}) {
  const { t } = useTranslation();
  if (!events.length) return null;
  return (
    <ol className="fb-timeline">
      {events.map((e, i) => {
        const audience = staff ? audienceKey(e) : null;
        return (
          <li key={e.id ?? i} className={audience === 'feedback.audience.staff' ? 'is-internal' : undefined}>
            <p className="fb-tl-head">
              <strong>{t(`feedback.event.${e.type}`, { defaultValue: e.type })}</strong>
              {audience && <span className="badge badge-muted">{t(audience)}</span>}
            </p>
            <p className="item-meta">
              <time dateTime={e.at}>{formatDateTime(e.at)}</time>
              {e.by && ` · ${t(`feedback.by.${e.by}`)}`}
              {e.toStatus && ` · ${statusLabel(e.toStatus)}`}
              {e.toHandlingUnitId && unitNames?.get(e.toHandlingUnitId) && ` · ${unitNames.get(e.toHandlingUnitId)}`}
            </p>
            {e.rating != null && (
              <p className="fb-tl-rating">
                <span aria-hidden="true">{'★'.repeat(e.rating) + '☆'.repeat(5 - e.rating)}</span>{' '}
                {t('feedback.rate.value', { rating: e.rating })}
              </p>
            )}
            {e.dueAt && <p className="fb-tl-due">{t('feedback.deadline.set', { date: formatDeadline(e.dueAt) })}</p>}
            {e.reason && <p className="fb-tl-reason">{e.reason}</p>}
          </li>
        );
      })}
    </ol>
  );
}
