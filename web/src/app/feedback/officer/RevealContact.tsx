import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, fieldError } from '../../../api/client';
import type { ReporterContact, ReportView } from '../../../api/feedback';
import { Dialog, ErrorMessage, TextareaField } from '../../../components/ui';

/**
 * The reporter's phone, for staff who must call them: a deliberate click and a reason, which the audit trail keeps
 * (who, when, why). Nothing personal is fetched before that.
 */
export function RevealContact({ report }: { report: ReportView }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const reveal = useMutation({
    mutationFn: (why: string) =>
      api<ReporterContact>(`/api/reports/${encodeURIComponent(report.id)}/contact`, {
        method: 'POST',
        body: { reason: why },
      }),
    onSuccess: () => setOpen(false),
  });
  const contact = reveal.data;
  if (contact)
    return (
      <p className="fb-contact" role="status">
        {contact.name && <span>{contact.name} · </span>}
        {contact.phone ? (
          <a href={`tel:${contact.phone.replace(/[^\d+]/g, '')}`}>{contact.phone}</a>
        ) : (
          t('feedbackOps.contact.none')
        )}
      </p>
    );
  return (
    <>
      <button type="button" className="btn" onClick={() => setOpen(true)}>
        {t('feedbackOps.contact.open')}
      </button>
      <Dialog open={open} title={t('feedbackOps.contact.title')} onClose={() => setOpen(false)}>
        <form
          className="stack"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            reveal.mutate(reason.trim());
          }}
        >
          <p className="hint">{t('feedbackOps.contact.hint')}</p>
          <TextareaField
            label={t('feedbackOps.contact.reason')}
            value={reason}
            required
            rows={3}
            maxLength={500}
            error={fieldError(reveal.error, 'reason')}
            onChange={(e) => setReason(e.target.value)}
          />
          {!fieldError(reveal.error, 'reason') && <ErrorMessage error={reveal.error} />}
          <button type="submit" className="btn btn-primary" disabled={reveal.isPending || reason.trim().length < 5}>
            {t('feedbackOps.contact.submit')}
          </button>
          {reason.trim().length < 5 && <p className="hint">{t('feedbackOps.contact.needReason')}</p>}
        </form>
      </Dialog>
    </>
  );
}
