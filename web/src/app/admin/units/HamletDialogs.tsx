import { HAMLET_KINDS } from '@common/constants/units';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldError } from '../../../api/client';
import type { HamletCreate, Unit } from '../../../api/types';
import { useCreateHamlet, useMergeHamlet, useRetireHamlet, useUpdateHamlet } from '../../../api/units';
import { Dialog, ErrorMessage, Field, SelectField, TextareaField } from '../../../components/ui';
import { kindLabel } from '../../units/format';
import { ConfirmDialog } from '../shared';

const toCount = (s: string) => (s.trim() === '' ? null : Number(s));

/** Create (no `hamlet`) or edit a hamlet of a commune. */
export function HamletFormDialog({
  open,
  communeCode,
  hamlet,
  onClose,
  onDone,
}: {
  open: boolean;
  communeCode: string;
  hamlet?: Unit;
  onClose: () => void;
  onDone: (message: string) => void;
}) {
  const { t } = useTranslation();
  const create = useCreateHamlet(communeCode);
  const update = useUpdateHamlet();
  const mutation = hamlet ? update : create;
  const [name, setName] = useState(hamlet?.name ?? '');
  const [kind, setKind] = useState<string>(hamlet?.kind ?? 'thon');
  const [nameEn, setNameEn] = useState(hamlet?.nameEn ?? '');
  const [households, setHouseholds] = useState(hamlet?.households?.toString() ?? '');
  const [population, setPopulation] = useState(hamlet?.population?.toString() ?? '');

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const body = {
      name,
      kind: kind as HamletCreate['kind'],
      nameEn: nameEn.trim() || null,
      households: toCount(households),
      population: toCount(population),
    };
    if (hamlet) {
      update.mutate({ code: hamlet.code, ...body }, { onSuccess: () => onDone(t('admin.units.saved')) });
    } else {
      create.mutate(body, { onSuccess: (u) => onDone(t('admin.units.created', { name: u.fullName })) });
    }
  };
  const err = (f: string) => fieldError(mutation.error, f);
  return (
    <Dialog
      open={open}
      title={hamlet ? t('admin.units.editTitle', { name: hamlet.fullName }) : t('admin.units.addTitle')}
      onClose={onClose}
    >
      <form onSubmit={submit} noValidate className="stack">
        <SelectField
          label={t('admin.units.kind')}
          value={kind}
          onChange={(e) => setKind(e.target.value)}
          error={err('kind')}
        >
          {HAMLET_KINDS.map((k) => (
            <option key={k} value={k}>
              {kindLabel(k)}
            </option>
          ))}
        </SelectField>
        <Field
          label={t('admin.units.name')}
          hint={t('admin.units.nameHint')}
          value={name}
          onChange={(e) => setName(e.target.value)}
          error={err('name')}
          required
          maxLength={100}
        />
        <Field
          label={t('admin.units.nameEn')}
          optional
          value={nameEn}
          onChange={(e) => setNameEn(e.target.value)}
          error={err('nameEn')}
          maxLength={100}
        />
        <div className="grid-2">
          <Field
            label={t('admin.units.households')}
            optional
            type="number"
            inputMode="numeric"
            min={0}
            value={households}
            onChange={(e) => setHouseholds(e.target.value)}
            error={err('households')}
          />
          <Field
            label={t('admin.units.population')}
            optional
            type="number"
            inputMode="numeric"
            min={0}
            value={population}
            onChange={(e) => setPopulation(e.target.value)}
            error={err('population')}
          />
        </div>
        <ErrorMessage error={mutation.error} />
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={mutation.isPending}>
            {t('common.save')}
          </button>
          <button type="button" className="btn" onClick={onClose}>
            {t('common.cancel')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

export function RetireDialog({ hamlet, onClose, onDone }: { hamlet: Unit; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const retire = useRetireHamlet();
  const [reason, setReason] = useState('');
  return (
    <ConfirmDialog
      open
      title={t('admin.units.retireTitle', { name: hamlet.fullName })}
      text={t('admin.units.retireText')}
      confirmLabel={t('admin.units.retire')}
      danger
      busy={retire.isPending}
      onClose={onClose}
      onConfirm={() => retire.mutate({ code: hamlet.code, reason: reason.trim() || undefined }, { onSuccess: onDone })}
    >
      <TextareaField
        label={t('admin.units.reason')}
        optional
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        maxLength={500}
        error={fieldError(retire.error, 'reason')}
      />
      <ErrorMessage error={retire.error} />
    </ConfirmDialog>
  );
}

export function MergeDialog({
  hamlet,
  siblings,
  onClose,
  onDone,
}: {
  hamlet: Unit;
  siblings: Unit[];
  onClose: () => void;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const merge = useMergeHamlet();
  const targets = siblings.filter((s) => s.code !== hamlet.code && s.status === 'active');
  const [into, setInto] = useState('');
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState(false);
  return (
    <ConfirmDialog
      open
      title={t('admin.units.mergeTitle', { name: hamlet.fullName })}
      text={t('admin.units.mergeText')}
      confirmLabel={t('admin.units.merge')}
      busy={merge.isPending}
      onClose={onClose}
      onConfirm={() => {
        if (!into) return setMissing(true);
        merge.mutate({ code: hamlet.code, into, reason: reason.trim() || undefined }, { onSuccess: onDone });
      }}
    >
      {targets.length === 0 ? (
        <p>{t('admin.units.mergeNone')}</p>
      ) : (
        <SelectField
          label={t('admin.units.mergeInto')}
          value={into}
          onChange={(e) => {
            setInto(e.target.value);
            setMissing(false);
          }}
          error={missing ? t('signIn.required') : fieldError(merge.error, 'into')}
          required
        >
          <option value="">{t('admin.units.choose')}</option>
          {targets.map((s) => (
            <option key={s.code} value={s.code}>
              {s.fullName}
            </option>
          ))}
        </SelectField>
      )}
      <TextareaField
        label={t('admin.units.reason')}
        optional
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        maxLength={500}
      />
      <ErrorMessage error={merge.error} />
    </ConfirmDialog>
  );
}
