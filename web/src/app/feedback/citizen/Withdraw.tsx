import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ReportView, useReportAction } from '../../../api/feedback';
import { Dialog, ErrorMessage, TextareaField } from '../../../components/ui';

/** The reporter takes back a report nobody has accepted yet; it is then cancelled and never published. */
export function Withdraw({ report }: { report: ReportView }) {
  const { t } = useTranslation();
  const action = useReportAction(report.id);
  const [open, setOpen] = useState(false);
  const [note, setNote] = useState('');
  if (report.status !== 'pending') return null;
  return (
    <section className="card stack" aria-labelledby="fb-withdraw">
      <h2 id="fb-withdraw">{t('feedbackOps.withdraw.title')}</h2>
      <p className="hint">{t('feedbackOps.withdraw.hint')}</p>
      <div>
        <button type="button" className="btn btn-danger" onClick={() => setOpen(true)}>
          {t('feedbackOps.withdraw.open')}
        </button>
      </div>
      <Dialog open={open} title={t('feedbackOps.withdraw.confirmTitle')} onClose={() => setOpen(false)}>
        <form
          className="stack"
          onSubmit={(e) => {
            e.preventDefault();
            action.mutate(
              { action: 'withdraw', body: { note: note.trim() || undefined } },
              { onSuccess: () => setOpen(false) },
            );
          }}
        >
          <p>{t('feedbackOps.withdraw.confirm', { code: report.publicCode })}</p>
          <TextareaField
            label={t('feedbackOps.withdraw.note')}
            optional
            value={note}
            rows={3}
            maxLength={4000}
            onChange={(e) => setNote(e.target.value)}
          />
          <ErrorMessage error={action.error} />
          <div className="row">
            <button type="submit" className="btn btn-danger" disabled={action.isPending}>
              {t('feedbackOps.withdraw.submit')}
            </button>
            <button type="button" className="btn" onClick={() => setOpen(false)}>
              {t('feedbackOps.withdraw.keep')}
            </button>
          </div>
        </form>
      </Dialog>
    </section>
  );
}
