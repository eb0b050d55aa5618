import './strings';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldError } from '../../api/client';
import { DateField } from '../../components/DateField';
import { Dialog, ErrorMessage, Field } from '../../components/ui';

export interface TeamFieldValues {
  name: string;
  decisionNumber: string | null;
  decisionDate: string | null;
}

/** A team's name and founding decision: founding a team (TeamsPage) and editing one (TeamPage). */
export function TeamDialog({
  title,
  submitLabel,
  initial,
  busy,
  error,
  onSubmit,
  onClose,
}: {
  title: string;
  submitLabel: string;
  initial: TeamFieldValues;
  busy: boolean;
  error: unknown;
  onSubmit: (values: TeamFieldValues) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [name, setName] = useState(initial.name);
  const [decisionNumber, setDecisionNumber] = useState(initial.decisionNumber ?? '');
  const [decisionDate, setDecisionDate] = useState(initial.decisionDate ?? '');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSubmit({ name, decisionNumber: decisionNumber.trim() || null, decisionDate: decisionDate || null });
  };
  const err = (f: string) => fieldError(error, f);
  return (
    <Dialog open title={title} onClose={onClose}>
      <form onSubmit={submit} noValidate className="stack">
        <Field
          label={t('teams.name')}
          value={name}
          onChange={(e) => setName(e.target.value)}
          error={err('name')}
          required
          maxLength={150}
        />
        <Field
          label={t('teams.decisionNumber')}
          hint={t('teams.decisionNumberHint')}
          optional
          value={decisionNumber}
          onChange={(e) => setDecisionNumber(e.target.value)}
          error={err('decisionNumber')}
          maxLength={60}
        />
        <DateField
          label={t('teams.decisionDate')}
          optional
          value={decisionDate}
          onChange={setDecisionDate}
          error={err('decisionDate')}
        />
        <ErrorMessage error={error} />
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {submitLabel}
          </button>
          <button type="button" className="btn" onClick={onClose}>
            {t('common.cancel')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
