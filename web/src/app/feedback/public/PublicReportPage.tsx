import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useMe } from '../../../api/auth';
import { usePublicFollow, usePublicReport } from '../../../api/feedback';
import { ErrorMessage, PageHeader, QueryState } from '../../../components/ui';
import { formatDateTime } from '../../../i18n';
import { Timeline } from '../citizen/Timeline';
import { categoryName } from '../labels';
import { MiniMapSpace } from '../MiniMapSpace';
import { Photos } from '../Photos';
import { StatusBadge } from '../shared';

const MiniMap = lazy(() => import('../MiniMap'));
/** server/modules/feedback-public/service.ts ANONYMOUS_REPORTER */
const ANONYMOUS = 'Người dân';

function FollowButton({ code }: { code: string }) {
  const { t } = useTranslation();
  const me = useMe();
  const { state, change } = usePublicFollow(code, !!me.data);
  if (!me.data) {
    return (
      <Link to={`/sign-in?next=${encodeURIComponent(`/public/reports/${code}`)}`}>{t('feedback.follow.signIn')}</Link>
    );
  }
  const following = change.data?.following ?? state.data?.following;
  return (
    <div className="stack">
      <button
        type="button"
        className="btn"
        aria-pressed={following ?? false}
        disabled={change.isPending || following === undefined}
        onClick={() => change.mutate(!following)}
      >
        {following ? t('feedback.follow.stop') : t('feedback.follow.start')}
      </button>
      {following !== undefined && (
        <p className="muted" role="status">
          {following ? t('feedback.follow.on') : t('feedback.follow.off')}
        </p>
      )}
      <ErrorMessage error={change.error ?? state.error} />
    </div>
  );
}

/** A report as anyone sees it: no name unless the reporter chose it, no phone, approved photos only. */
export default function PublicReportPage() {
  const { t } = useTranslation();
  const { code } = useParams();
  const report = usePublicReport(code);
  const r = report.data;
  return (
    <div className="narrow">
      <PageHeader title={t('feedback.report.title', { code })} />
      <QueryState query={report}>
        {r && (
          <div className="stack-lg">
            <section className="card stack">
              <p>
                <StatusBadge status={r.status} />
              </p>
              <dl className="fb-facts">
                <dt>{t('feedback.report.category')}</dt>
                <dd>{categoryName(r.category)}</dd>
                <dt>{t('feedback.report.commune')}</dt>
                <dd>{r.communeName}</dd>
                <dt>{t('feedback.report.by')}</dt>
                {/* The server's word for a reporter who chose not to show their name is Vietnamese: translate it. */}
                <dd>{r.reporterName === ANONYMOUS ? t('feedback.report.anonymous') : r.reporterName}</dd>
                <dt>{t('feedback.report.sent')}</dt>
                <dd>{formatDateTime(r.createdAt)}</dd>
                {r.handlingUnitName && (
                  <>
                    <dt>{t('feedback.report.unit')}</dt>
                    <dd>{r.handlingUnitName}</dd>
                  </>
                )}
              </dl>
              <p className="fb-description">{r.description}</p>
              {r.lat != null && r.lng != null && (
                <Suspense fallback={<MiniMapSpace />}>
                  <MiniMap lat={r.lat} lng={r.lng} coarse={r.coarsened} communeCode={r.communeCode} />
                </Suspense>
              )}
              {r.coarsened && <p className="hint">{t('feedback.public.coarsened')}</p>}
              <Photos photos={r.photos.filter((p) => p.kind === 'report')} />
            </section>
            {r.answerText && (
              <section className="card stack fb-answer" aria-labelledby="fb-answer">
                <h2 id="fb-answer">{t('feedback.report.answer')}</h2>
                <p className="item-meta">{formatDateTime(r.resolvedAt)}</p>
                <p className="fb-description">{r.answerText}</p>
                <Photos photos={r.photos.filter((p) => p.kind === 'answer')} />
                {r.rating != null && <p>{t('feedback.rate.public', { rating: r.rating })}</p>}
              </section>
            )}
            <section className="card stack" aria-labelledby="fb-history">
              <h2 id="fb-history">{t('feedback.report.history')}</h2>
              <Timeline events={r.timeline.map((e) => ({ ...e, reason: e.handlingUnitName }))} />
            </section>
            <FollowButton code={r.publicCode} />
            <p>
              <Link to="/public/reports">{t('feedback.public.back')}</Link>
            </p>
          </div>
        )}
      </QueryState>
    </div>
  );
}
