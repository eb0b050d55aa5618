import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  type CancelReason,
  type ReportAction,
  type ReportView,
  useHandlingUnitOptions,
  useReportAction,
} from '../../../api/feedback';
import { Dialog, ErrorMessage, SelectField, TextareaField } from '../../../components/ui';
import { cancelReasonLabel, OFFICER_CANCEL_REASONS } from '../labels';
import { WhyDisabled } from '../shared';
import { PhotosFieldset, type PickedPhoto } from '../submit/PhotoPicker';
import { DuplicatePicker } from './Duplicates';

type Kind = 'accept' | 'request' | 'forward' | 'answer' | 'cancel' | 'note';

const ENDPOINT: Record<Kind, ReportAction> = {
  accept: 'accept',
  request: 'request-information',
  forward: 'forward',
  answer: 'answer',
  cancel: 'cancel',
  note: 'notes',
};

function ActionForm({ kind, report, onDone }: { kind: Kind; report: ReportView; onDone: () => void }) {
  const { t } = useTranslation();
  const action = useReportAction(report.id);
  const units = useHandlingUnitOptions(kind === 'accept' || kind === 'forward' ? report.communeCode : undefined);
  const [text, setText] = useState('');
  const [unit, setUnit] = useState('');
  const [reason, setReason] = useState<CancelReason | ''>('');
  const [duplicateOf, setDuplicateOf] = useState('');
  const [photos, setPhotos] = useState<PickedPhoto[]>([]);
  const body = () => {
    const v = text.trim();
    switch (kind) {
      case 'accept':
        return { handlingUnitId: unit || undefined, note: v || undefined };
      case 'request':
        return { question: v };
      case 'forward':
        return { handlingUnitId: unit, reason: v };
      case 'answer':
        return { text: v };
      case 'cancel':
        return { reason, note: v || undefined, duplicateOf: reason === 'duplicate' ? duplicateOf : undefined };
      case 'note':
        return { text: v };
    }
  };
  const textRequired = kind !== 'accept' && kind !== 'cancel';
  // What is still missing, in the order of the form: said under the disabled button.
  const missing =
    kind === 'forward' && !unit
      ? t('feedback.why.unit')
      : kind === 'cancel' && !reason
        ? t('feedback.why.cancelReason')
        : kind === 'cancel' && reason === 'duplicate' && !duplicateOf
          ? t('feedback.why.duplicate')
          : textRequired && !text.trim()
            ? t('feedback.why.text', { field: t(`feedback.officer.text.${kind}`).toLowerCase() })
            : null;
  const ready = !missing;
  const otherUnits = (units.data ?? []).filter((u) => kind !== 'forward' || u.id !== report.handlingUnit?.id);
  return (
    <form
      className="stack"
      onSubmit={(e) => {
        e.preventDefault();
        action.mutate(
          { action: ENDPOINT[kind], body: body(), photos: kind === 'answer' ? photos.map((p) => p.blob) : undefined },
          { onSuccess: onDone },
        );
      }}
    >
      {(kind === 'accept' || kind === 'forward') && (
        <SelectField
          label={kind === 'accept' ? t('feedback.officer.routeTo') : t('feedback.officer.forwardTo')}
          hint={kind === 'accept' ? t('feedback.officer.routeHint') : undefined}
          value={unit}
          required={kind === 'forward'}
          onChange={(e) => setUnit(e.target.value)}
        >
          <option value="">
            {kind === 'accept' ? t('feedback.officer.byRules') : t('feedback.officer.chooseUnit')}
          </option>
          {otherUnits.map((u) => (
            <option key={u.id} value={u.id}>
              {u.name}
            </option>
          ))}
        </SelectField>
      )}
      {kind === 'cancel' && (
        <SelectField
          label={t('feedback.officer.cancelReason')}
          value={reason}
          required
          onChange={(e) => setReason(e.target.value as CancelReason)}
        >
          <option value="">{t('feedback.officer.chooseReason')}</option>
          {OFFICER_CANCEL_REASONS.map((r) => (
            <option key={r} value={r}>
              {cancelReasonLabel(r)}
            </option>
          ))}
        </SelectField>
      )}
      {kind === 'cancel' && reason === 'duplicate' && (
        <DuplicatePicker reportId={report.id} value={duplicateOf} onChange={setDuplicateOf} />
      )}
      <TextareaField
        label={t(`feedback.officer.text.${kind}`)}
        hint={
          kind === 'note'
            ? t('feedback.officer.noteHint')
            : kind === 'answer'
              ? t('feedback.officer.answerHint')
              : undefined
        }
        optional={!textRequired}
        required={textRequired}
        value={text}
        rows={kind === 'answer' ? 6 : 3}
        maxLength={4000}
        onChange={(e) => setText(e.target.value)}
      />
      {kind === 'answer' && (
        <PhotosFieldset legend={t('feedback.officer.answerPhotos')} photos={photos} onChange={setPhotos} />
      )}
      <ErrorMessage error={action.error} />
      <button
        type="submit"
        className={`btn ${kind === 'cancel' ? 'btn-danger' : 'btn-primary'}`}
        disabled={!ready || action.isPending}
        aria-describedby={missing ? 'fb-why-action' : undefined}
      >
        {t(`feedback.officer.do.${kind}`)}
      </button>
      <WhyDisabled id="fb-why-action" reason={missing} />
    </form>
  );
}

/** Staff actions on one report, offered by its status (the server checks the actor's scope again). */
export function OfficerActions({ report }: { report: ReportView }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState<Kind | null>(null);
  const kinds: Kind[] =
    report.status === 'pending'
      ? ['accept', 'request', 'cancel', 'note']
      : report.status === 'distributed'
        ? ['answer', 'forward', 'cancel', 'note']
        : ['note'];
  return (
    <section className="card stack" aria-labelledby="fb-officer-actions">
      <h2 id="fb-officer-actions">{t('feedback.officer.actions')}</h2>
      <div className="fb-actions">
        {kinds.map((k) => (
          <button
            key={k}
            type="button"
            className={`btn${k === 'accept' || k === 'answer' ? ' btn-primary' : ''}`}
            onClick={() => setOpen(k)}
          >
            {t(`feedback.officer.open.${k}`)}
          </button>
        ))}
      </div>
      <Dialog open={!!open} title={open ? t(`feedback.officer.open.${open}`) : ''} onClose={() => setOpen(null)}>
        {open && <ActionForm key={open} kind={open} report={report} onDone={() => setOpen(null)} />}
      </Dialog>
    </section>
  );
}
