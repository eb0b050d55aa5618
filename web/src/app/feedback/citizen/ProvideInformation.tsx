import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ReportView, useReportAction } from '../../../api/feedback';
import { ErrorMessage, TextareaField } from '../../../components/ui';
import { PhotosFieldset, type PickedPhoto } from '../submit/PhotoPicker';

/** The reporter answers the officer's question, with photos if they help (they wait for an officer's review). */
export function ProvideInformation({ report, question }: { report: ReportView; question: string | null }) {
  const { t } = useTranslation();
  const action = useReportAction(report.id);
  const [info, setInfo] = useState('');
  const [photos, setPhotos] = useState<PickedPhoto[]>([]);
  return (
    <form
      className="card stack"
      onSubmit={(e) => {
        e.preventDefault();
        action.mutate(
          { action: 'provide-information', body: { text: info.trim() }, photos: photos.map((p) => p.blob) },
          {
            onSuccess: () => {
              setInfo('');
              setPhotos([]);
            },
          },
        );
      }}
    >
      <h2>{t('feedback.provide.title')}</h2>
      {question && <blockquote className="fb-quote">{question}</blockquote>}
      <TextareaField
        label={t('feedback.provide.text')}
        value={info}
        required
        maxLength={4000}
        onChange={(e) => setInfo(e.target.value)}
      />
      <PhotosFieldset legend={t('feedbackOps.provide.photos')} photos={photos} onChange={setPhotos} />
      <ErrorMessage error={action.error} />
      <button type="submit" className="btn btn-primary" disabled={action.isPending || !info.trim()}>
        {t('feedback.provide.send')}
      </button>
      {!info.trim() && <p className="hint">{t('feedbackOps.provide.needText')}</p>}
    </form>
  );
}
