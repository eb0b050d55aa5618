import { useTranslation } from 'react-i18next';
import type { ReportEventView } from '../../../api/feedback';
import { formatDateTime } from '../../../i18n';
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
}

/** The report's history: who (by role, never by name), when, why. Internal notes are marked as such. */
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
      {events.map((e, i) => (
        <li key={e.id ?? i} className={staff && e.public === false ? 'is-internal' : undefined}>
          <p className="fb-tl-head">
            <strong>{t(`feedback.event.${e.type}`, { defaultValue: e.type })}</strong>
            {staff && e.public === false && <span className="badge badge-muted">{t('feedback.report.internal')}</span>}
          </p>
          <p className="item-meta">
            <time dateTime={e.at}>{formatDateTime(e.at)}</time>
            {e.by && ` · ${t(`feedback.by.${e.by}`)}`}
            {e.toStatus && ` · ${statusLabel(e.toStatus)}`}
            {e.toHandlingUnitId && unitNames?.get(e.toHandlingUnitId) && ` · ${unitNames.get(e.toHandlingUnitId)}`}
          </p>
          {e.reason && <p className="fb-tl-reason">{e.reason}</p>}
        </li>
      ))}
    </ol>
  );
}
