import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { type ReportView, type StaffDuplicateHint, useDuplicatesOf } from '../../../api/feedback';
import { StatusBadge } from '../shared';

function HintLine({ d }: { d: StaffDuplicateHint }) {
  const { t } = useTranslation();
  return (
    <>
      <span className="row">
        <strong>{d.publicCode}</strong> <StatusBadge status={d.status} />{' '}
        <span className="muted">{t('feedback.officer.dupes.distance', { m: Math.round(d.distanceM) })}</span>
      </span>
      <span className="fb-dupe-text">{d.description?.slice(0, 140)}</span>
    </>
  );
}

/** Likely duplicates of a report still being screened, each a link to open it beside this one. */
export function DuplicatesPanel({ report }: { report: ReportView }) {
  const { t } = useTranslation();
  const dupes = useDuplicatesOf(report.id, report.status === 'pending');
  if (report.status !== 'pending' || !dupes.data?.length) return null;
  return (
    <section className="alert alert-warning fb-dupes" aria-labelledby="fb-dupes-of">
      <h2 id="fb-dupes-of">{t('feedback.officer.dupes.title')}</h2>
      <p>{t('feedback.officer.dupes.lead')}</p>
      <ul>
        {dupes.data.map((d) => (
          <li key={d.id}>
            <Link to={`/reports/${d.id}`}>
              <HintLine d={d} />
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Cancelling as a duplicate: the screener picks which report it repeats from the likely duplicates. */
export function DuplicatePicker({
  reportId,
  value,
  onChange,
}: {
  reportId: string;
  value: string;
  onChange: (id: string) => void;
}) {
  const { t } = useTranslation();
  const dupes = useDuplicatesOf(reportId, true);
  if (dupes.isPending) return null;
  if (!dupes.data?.length)
    return (
      <p className="hint" role="status">
        {t('feedback.officer.dupes.none')}
      </p>
    );
  return (
    <fieldset className="fb-fieldset fb-dupe-pick">
      <legend>{t('feedback.officer.dupes.pick')}</legend>
      {dupes.data.map((d) => (
        <label key={d.id} className="check">
          <input
            type="radio"
            name="duplicateOf"
            value={d.id}
            checked={value === d.id}
            onChange={() => onChange(d.id)}
            required
          />
          <span>
            <HintLine d={d} />
          </span>
        </label>
      ))}
    </fieldset>
  );
}
