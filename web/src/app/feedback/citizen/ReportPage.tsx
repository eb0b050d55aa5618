import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { type ReportView, useReport, useReportPhotos } from '../../../api/feedback';
import { PageHeader, QueryState } from '../../../components/ui';
import { formatDateTime } from '../../../i18n';
import { RequireUser } from '../../shell/guards';
import { cancelReasonLabel, categoryName } from '../labels';
import { MiniMapSpace } from '../MiniMapSpace';
import { DuplicatesPanel } from '../officer/Duplicates';
import { OfficerActions } from '../officer/OfficerActions';
import { RevealContact } from '../officer/RevealContact';
import { Photos } from '../Photos';
import { DeadlineBadge, StatusBadge, useCommuneNames } from '../shared';
import { CitizenActions } from './CitizenActions';
import { Timeline } from './Timeline';

const MiniMap = lazy(() => import('../MiniMap'));

function Body({ report }: { report: ReportView }) {
  const { t } = useTranslation();
  const communes = useCommuneNames();
  const staff = report.private !== null;
  const photos = useReportPhotos(report.id);
  // After a reopening the report keeps its last answer until a new one: shown as the previous answer, dated by it.
  const current = report.status === 'resolved';
  const answeredAt = current ? report.resolvedAt : (report.events.findLast((e) => e.type === 'answered')?.at ?? null);
  return (
    <div className="stack-lg">
      <PageHeader title={t('feedback.report.title', { code: report.publicCode })} />
      <section className="card stack">
        <p className="row">
          <StatusBadge status={report.status} />
          {report.emergency && <span className="badge badge-danger">{t('feedback.report.emergency')}</span>}
          {report.status === 'distributed' && <DeadlineBadge dueAt={report.dueAt} />}
        </p>
        {report.status === 'cancelled' && report.cancelReason && (
          <p>
            <strong>{t('feedback.report.cancelReason')}</strong> {cancelReasonLabel(report.cancelReason)}
          </p>
        )}
        <dl className="fb-facts">
          <dt>{t('feedback.report.category')}</dt>
          <dd>{categoryName(report.category)}</dd>
          <dt>{t('feedback.report.commune')}</dt>
          <dd>{communes.map.get(report.communeCode) ?? report.communeCode}</dd>
          {report.address && (
            <>
              <dt>{t('feedback.report.address')}</dt>
              <dd>{report.address}</dd>
            </>
          )}
          <dt>{t('feedback.report.sent')}</dt>
          <dd>{formatDateTime(report.createdAt)}</dd>
          {report.handlingUnit && (
            <>
              <dt>{t('feedback.report.unit')}</dt>
              <dd>{report.handlingUnit.name}</dd>
            </>
          )}
          {report.reopenCount > 0 && (
            <>
              <dt>{t('feedback.report.reopened')}</dt>
              <dd>{report.reopenCount}</dd>
            </>
          )}
        </dl>
        <p className="fb-description">{report.description}</p>
        {report.lat != null && report.lng != null && (
          <Suspense fallback={<MiniMapSpace />}>
            <MiniMap lat={report.lat} lng={report.lng} communeCode={report.communeCode} />
          </Suspense>
        )}
        <Photos photos={(photos.data ?? []).filter((p) => p.kind !== 'answer')} reportId={report.id} staff={staff} />
        {report.private && (
          <div className="alert alert-info">
            <p>
              <strong>{t('feedback.report.reporter')}</strong>{' '}
              {[report.private.reporterName, report.private.reporterPhone].filter(Boolean).join(' · ') ||
                t('feedback.report.reporterAccount')}
            </p>
            {report.private.reporterId && <RevealContact report={report} />}
            <p className="hint">{t('feedback.report.privateHint')}</p>
          </div>
        )}
      </section>
      {report.answerText && (
        <section className={`card stack fb-answer${current ? '' : ' is-previous'}`} aria-labelledby="fb-answer">
          <h2 id="fb-answer">{current ? t('feedback.report.answer') : t('feedback.report.previousAnswer')}</h2>
          <p className="item-meta">{formatDateTime(answeredAt)}</p>
          {!current && <p className="hint">{t('feedback.report.previousAnswerHint')}</p>}
          <p className="fb-description">{report.answerText}</p>
          <Photos photos={(photos.data ?? []).filter((p) => p.kind === 'answer')} reportId={report.id} staff={staff} />
          {staff && report.rating != null && (
            <p className="fb-rating-staff">
              <strong>{t('feedback.rate.byReporter')}</strong>{' '}
              <span aria-hidden="true">{'★'.repeat(report.rating) + '☆'.repeat(5 - report.rating)}</span>{' '}
              {t('feedback.rate.value', { rating: report.rating })}
              {report.ratingComment && <q className="fb-rating-comment">{report.ratingComment}</q>}
            </p>
          )}
        </section>
      )}
      {staff && <DuplicatesPanel report={report} />}
      {staff ? <OfficerActions report={report} /> : <CitizenActions report={report} />}
      <section className="card stack" aria-labelledby="fb-history">
        <h2 id="fb-history">{t('feedback.report.history')}</h2>
        <Timeline events={report.events} staff={staff} />
      </section>
      <p className="row">
        <Link to={staff ? '/work' : '/reports/mine'}>
          {staff ? t('feedback.officer.back') : t('feedback.mine.back')}
        </Link>
        {['distributed', 'resolved'].includes(report.status) && (
          <Link to={`/public/reports/${report.publicCode}`}>{t('feedback.report.publicPage')}</Link>
        )}
      </p>
    </div>
  );
}

export default function ReportPage() {
  const { id } = useParams();
  return (
    <RequireUser>
      <Loaded id={id!} />
    </RequireUser>
  );
}

function Loaded({ id }: { id: string }) {
  const report = useReport(id);
  return <QueryState query={report}>{report.data && <Body report={report.data} />}</QueryState>;
}
