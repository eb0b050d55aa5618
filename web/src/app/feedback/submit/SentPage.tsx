import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useReport } from '../../../api/feedback';
import { CopyButton, PageHeader, QueryState } from '../../../components/ui';
import { RequireUser } from '../../shell/guards';
import { StatusBadge } from '../shared';

/** After submitting: the public code to read out on the phone, and what happens next. */
export default function SentPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const report = useReport(id);
  return (
    <div className="narrow">
      <PageHeader title={t('feedback.sent.title')} />
      <RequireUser>
        <QueryState query={report}>
          {report.data && (
            <div className="stack-lg">
              <div className="alert alert-success stack" role="status">
                <p>{t('feedback.sent.thanks')}</p>
                <p className="fb-code-label">{t('feedback.sent.code')}</p>
                <p className="fb-code">{report.data.publicCode}</p>
                <CopyButton text={report.data.publicCode} label={t('feedback.sent.copy')} />
              </div>
              <p>
                {t('feedback.sent.status')} <StatusBadge status={report.data.status} />
              </p>
              {report.data.status === 'pending' && <p className="hint">{t('feedback.sent.pendingHint')}</p>}
              <p>{t('feedback.sent.next')}</p>
              <div className="cta-row">
                <Link to={`/reports/${report.data.id}`} className="btn btn-primary btn-block">
                  {t('feedback.sent.view')}
                </Link>
                <Link to="/reports/mine" className="btn btn-block">
                  {t('feedback.mine.title')}
                </Link>
                <Link to="/feedback/new" className="btn btn-block">
                  {t('feedback.sent.another')}
                </Link>
              </div>
            </div>
          )}
        </QueryState>
      </RequireUser>
    </div>
  );
}
