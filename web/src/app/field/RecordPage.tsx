import {
  ACTIVITY_ACTIONS,
  ACTIVITY_LIMITS,
  ACTIVITY_OUTCOMES,
  type ActivityAction,
  type ActivityOutcome,
} from '@common/constants/activities';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import type { ActivityInput, ActivityView } from '../../../../common/activities';
import { useActivity } from '../../api/activities';
import { useCatalogServices } from '../../api/catalog';
import { currentLang } from '../../api/client';
import { PinIcon, PlusIcon } from '../../components/icons';
import { Field, Loading, Notice, PageHeader, SelectField, TextareaField } from '../../components/ui';
import { formatDateTime } from '../../i18n';
import { type OutboxRecord, saveActivity } from '../../offline/outbox';
import { inputFromView } from '../../offline/shape';
import { isOnline } from '../../offline/useOutbox';
import { type Hamlet, useField } from './FieldLayout';
import { actionLabel, outcomeLabel } from './labels';

interface ItemDraft {
  key: string;
  serviceId: string;
  action: ActivityAction | '';
  procedure: string;
  outcome: ActivityOutcome;
  failureReason: string;
  people: string;
}
interface ResidentDraft {
  key: string;
  fullName: string;
  phone: string;
  birthYear: string;
  consent: boolean;
  purpose: string;
}
interface Draft {
  /** The server has residents this device never held: they are left out of the edit, so the server keeps them. */
  keptResidents: boolean;
  occurredAt: string;
  duration: string;
  hamletCode: string;
  position: { lat: number; lng: number; accuracy?: number } | null;
  households: string;
  people: string;
  items: ItemDraft[];
  residents: ResidentDraft[];
  note: string;
  reportCode: string;
}
type Errors = Record<string, string>;

const key = () => crypto.randomUUID();
const pad = (n: number) => String(n).padStart(2, '0');
/** An ISO time as the value of a datetime-local input, in the device's time zone. */
function localInput(iso: string | Date) {
  const d = new Date(iso);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}
const str = (n: number | null | undefined) => (n === null || n === undefined ? '' : String(n));
const emptyItem = (): ItemDraft => ({
  key: key(),
  serviceId: '',
  action: '',
  procedure: '',
  outcome: 'done',
  failureReason: '',
  people: '1',
});
const emptyResident = (): ResidentDraft => ({
  key: key(),
  fullName: '',
  phone: '',
  birthYear: '',
  consent: false,
  purpose: '',
});

function draftOf(input: ActivityInput | null, hamlets: Hamlet[]): Draft {
  if (!input)
    return {
      keptResidents: false,
      occurredAt: localInput(new Date()),
      duration: '',
      hamletCode: hamlets[0]?.code ?? '',
      position: null,
      households: '1',
      people: '1',
      items: [emptyItem()],
      residents: [],
      note: '',
      reportCode: '',
    };
  return {
    keptResidents: input.residents === undefined,
    occurredAt: localInput(input.occurredAt),
    duration: str(input.durationMinutes),
    hamletCode: input.hamletCode,
    position: input.lat != null && input.lng != null ? { lat: input.lat, lng: input.lng } : null,
    households: str(input.households),
    people: str(input.people),
    items: input.items.map((i) => ({
      key: key(),
      serviceId: i.serviceId ?? '',
      action: i.action,
      procedure: i.procedure ?? '',
      outcome: i.outcome,
      failureReason: i.failureReason ?? '',
      people: str(i.people ?? 1),
    })),
    residents: (input.residents ?? []).map((r) => ({
      key: key(),
      fullName: r.fullName ?? '',
      phone: r.phone ?? '',
      birthYear: str(r.birthYear),
      consent: r.consent.given,
      purpose: r.consent.purpose,
    })),
    note: input.note ?? '',
    reportCode: input.reportCode ?? '',
  };
}

const intIn = (s: string, min: number, max: number) => {
  if (!/^\d+$/.test(s.trim())) return null;
  const n = Number(s);
  return n >= min && n <= max ? n : null;
};

/** The checks the server makes too, so a member in the field learns of a mistake before leaving the house. */
function check(
  d: Draft,
  t: (k: string, o?: Record<string, unknown>) => string,
): { input?: Omit<ActivityInput, 'id'>; errors: Errors } {
  const errors: Errors = {};
  const when = new Date(d.occurredAt);
  if (!d.occurredAt || Number.isNaN(when.getTime())) errors.occurredAt = t('field.form.required');
  else if (when.getTime() > Date.now() + ACTIVITY_LIMITS.futureToleranceMinutes * 60_000)
    errors.occurredAt = t('field.form.future');
  const duration = d.duration.trim() ? intIn(d.duration, 1, ACTIVITY_LIMITS.durationMinutesMax) : null;
  if (d.duration.trim() && duration === null)
    errors.durationMinutes = t('field.form.atLeastOne', { max: ACTIVITY_LIMITS.durationMinutesMax });
  if (!d.hamletCode) errors.hamletCode = t('field.form.required');
  const households = intIn(d.households, 0, ACTIVITY_LIMITS.householdsMax);
  if (households === null) errors.households = t('field.form.wholeNumber', { max: ACTIVITY_LIMITS.householdsMax });
  const people = intIn(d.people, 0, ACTIVITY_LIMITS.peopleMax);
  if (people === null) errors.people = t('field.form.wholeNumber', { max: ACTIVITY_LIMITS.peopleMax });
  const items = d.items.map((i, n) => {
    if (!i.action) errors[`items.${n}.action`] = t('field.form.required');
    if (i.outcome === 'failed' && !i.failureReason.trim())
      errors[`items.${n}.failureReason`] = t('field.form.needReason');
    const p = intIn(i.people, 1, ACTIVITY_LIMITS.peopleMax);
    if (p === null) errors[`items.${n}.people`] = t('field.form.atLeastOne', { max: ACTIVITY_LIMITS.peopleMax });
    return {
      serviceId: i.serviceId || null,
      action: (i.action || 'other') as ActivityAction,
      procedure: i.action === 'online_dossier' && i.procedure.trim() ? i.procedure.trim() : null,
      outcome: i.outcome,
      failureReason: i.outcome === 'failed' ? i.failureReason.trim() : null,
      people: p ?? 1,
    };
  });
  const residents = d.residents.map((r, n) => {
    if (!r.fullName.trim() && !r.phone.trim() && !r.birthYear.trim())
      errors[`residents.${n}.fullName`] = t('field.form.needOneDetail');
    if (!r.consent) errors[`residents.${n}.consent`] = t('field.form.needConsent');
    if (!r.purpose.trim()) errors[`residents.${n}.purpose`] = t('field.form.needPurpose');
    const year = r.birthYear.trim() ? intIn(r.birthYear, 1900, new Date().getFullYear()) : null;
    if (r.birthYear.trim() && year === null) errors[`residents.${n}.birthYear`] = t('field.form.required');
    return {
      fullName: r.fullName.trim() || null,
      phone: r.phone.trim() || null,
      birthYear: year,
      consent: { given: true as const, purpose: r.purpose.trim() },
    };
  });
  if (Object.keys(errors).length) return { errors };
  return {
    errors,
    input: {
      occurredAt: when.toISOString(),
      durationMinutes: duration,
      hamletCode: d.hamletCode,
      lat: d.position?.lat ?? null,
      lng: d.position?.lng ?? null,
      households: households!,
      people: people!,
      items,
      ...(d.keptResidents ? {} : { residents }),
      note: d.note.trim() || null,
      reportCode: d.reportCode.trim() || null,
    },
  };
}

function GpsButton({ draft, set }: { draft: Draft; set: (p: Partial<Draft>) => void }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState('');
  const locate = () => {
    if (!('geolocation' in navigator)) return setFailed('—');
    setBusy(true);
    setFailed('');
    navigator.geolocation.getCurrentPosition(
      (p) => {
        setBusy(false);
        set({
          position: {
            lat: Math.round(p.coords.latitude * 1e6) / 1e6,
            lng: Math.round(p.coords.longitude * 1e6) / 1e6,
            accuracy: p.coords.accuracy,
          },
        });
      },
      (e) => {
        setBusy(false);
        setFailed(e.message || String(e.code));
      },
      { enableHighAccuracy: true, timeout: 20_000, maximumAge: 60_000 },
    );
  };
  return (
    <div className="field">
      <p className="hint" id="gps-hint">
        {t('field.form.gpsHint')}
      </p>
      {draft.position ? (
        <p className="field-gps" role="status">
          {t('field.form.gpsDone', { m: Math.round(draft.position.accuracy ?? 0) || '?' })}{' '}
          <button type="button" className="btn" onClick={() => set({ position: null })}>
            {t('field.form.gpsRemove')}
          </button>
        </p>
      ) : (
        <button type="button" className="btn" onClick={locate} disabled={busy} aria-describedby="gps-hint">
          <PinIcon />
          <span>{busy ? t('field.form.gpsBusy') : t('field.form.gps')}</span>
        </button>
      )}
      {failed && (
        <p className="field-error" role="alert">
          {t('field.form.gpsFailed', { message: failed })}
        </p>
      )}
    </div>
  );
}

function ItemFields({
  item,
  n,
  count,
  errors,
  onChange,
  onRemove,
}: {
  item: ItemDraft;
  n: number;
  count: number;
  errors: Errors;
  onChange: (p: Partial<ItemDraft>) => void;
  onRemove: () => void;
}) {
  const { t } = useTranslation();
  const services = useCatalogServices();
  const lang = currentLang();
  const e = (f: string) => errors[`items.${n}.${f}`];
  return (
    <fieldset className="field-fieldset">
      <legend>{t('field.form.item', { n: n + 1 })}</legend>
      <SelectField
        label={t('field.form.service')}
        value={item.serviceId}
        error={e('serviceId')}
        hint={services.isError && !services.data ? t('field.form.serviceOffline') : undefined}
        onChange={(ev) => onChange({ serviceId: ev.target.value })}
      >
        <option value="">{t('field.noService')}</option>
        {(services.data?.items ?? []).map((s) => (
          <option key={s.id} value={s.id}>
            {(lang === 'en' && s.nameEn) || s.name}
          </option>
        ))}
      </SelectField>
      <SelectField
        label={t('field.form.action')}
        value={item.action}
        error={e('action')}
        required
        onChange={(ev) => onChange({ action: ev.target.value as ActivityAction })}
      >
        <option value="">—</option>
        {ACTIVITY_ACTIONS.map((a) => (
          <option key={a} value={a}>
            {actionLabel(a)}
          </option>
        ))}
      </SelectField>
      {item.action === 'online_dossier' && (
        <Field
          label={t('field.form.procedure')}
          optional
          hint={t('field.form.procedureHint')}
          value={item.procedure}
          maxLength={200}
          error={e('procedure')}
          onChange={(ev) => onChange({ procedure: ev.target.value })}
        />
      )}
      <SelectField
        label={t('field.form.outcome')}
        value={item.outcome}
        error={e('outcome')}
        onChange={(ev) => onChange({ outcome: ev.target.value as ActivityOutcome })}
      >
        {ACTIVITY_OUTCOMES.map((o) => (
          <option key={o} value={o}>
            {outcomeLabel(o)}
          </option>
        ))}
      </SelectField>
      {item.outcome === 'failed' && (
        <Field
          label={t('field.form.failureReason')}
          value={item.failureReason}
          maxLength={500}
          required
          error={e('failureReason')}
          onChange={(ev) => onChange({ failureReason: ev.target.value })}
        />
      )}
      <Field
        label={t('field.form.itemPeople')}
        inputMode="numeric"
        value={item.people}
        error={e('people')}
        onChange={(ev) => onChange({ people: ev.target.value })}
      />
      {count > 1 && (
        <button type="button" className="btn btn-danger" onClick={onRemove}>
          {t('field.form.removeItem', { n: n + 1 })}
        </button>
      )}
    </fieldset>
  );
}

function ResidentFields({
  r,
  n,
  errors,
  onChange,
  onRemove,
}: {
  r: ResidentDraft;
  n: number;
  errors: Errors;
  onChange: (p: Partial<ResidentDraft>) => void;
  onRemove: () => void;
}) {
  const { t } = useTranslation();
  const e = (f: string) => errors[`residents.${n}.${f}`];
  return (
    <fieldset className="field-fieldset">
      <legend>{t('field.form.resident', { n: n + 1 })}</legend>
      <Field
        label={t('field.form.fullName')}
        optional
        autoComplete="off"
        maxLength={200}
        value={r.fullName}
        error={e('fullName')}
        onChange={(ev) => onChange({ fullName: ev.target.value })}
      />
      <Field
        label={t('field.form.phone')}
        optional
        type="tel"
        inputMode="tel"
        autoComplete="off"
        maxLength={20}
        value={r.phone}
        error={e('phone')}
        onChange={(ev) => onChange({ phone: ev.target.value })}
      />
      <Field
        label={t('field.form.birthYear')}
        optional
        inputMode="numeric"
        maxLength={4}
        value={r.birthYear}
        error={e('birthYear')}
        onChange={(ev) => onChange({ birthYear: ev.target.value })}
      />
      <label className="check">
        <input type="checkbox" checked={r.consent} onChange={(ev) => onChange({ consent: ev.target.checked })} />
        <span>{t('field.form.consent')}</span>
      </label>
      {e('consent') && (
        <p className="field-error" role="alert">
          {e('consent')}
        </p>
      )}
      <Field
        label={t('field.form.purpose')}
        hint={t('field.form.purposeHint')}
        maxLength={300}
        value={r.purpose}
        error={e('purpose')}
        onChange={(ev) => onChange({ purpose: ev.target.value })}
      />
      <button type="button" className="btn btn-danger" onClick={onRemove}>
        {t('field.form.removeResident', { n: n + 1 })}
      </button>
    </fieldset>
  );
}

/** The server's field name ("items.0.failureReason", "body.households") as the form's key. */
function serverField(field: string | undefined) {
  return field?.replace(/^(body\.)?(activities\.\d+\.)?/, '');
}

function ActivityForm({
  id,
  initial,
  baseVersion,
  refusal,
}: {
  id: string;
  initial: ActivityInput | null;
  baseVersion?: number;
  refusal?: OutboxRecord['error'];
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { userId, hamlets, sync } = useField();
  const [draft, setDraft] = useState<Draft>(() => draftOf(initial, hamlets));
  const field = serverField(refusal?.field);
  const [errors, setErrors] = useState<Errors>(() => (refusal && field ? { [field]: refusal.message } : {}));
  const [saving, setSaving] = useState(false);
  const set = (p: Partial<Draft>) => setDraft((d) => ({ ...d, ...p }));
  const setItem = (n: number, p: Partial<ItemDraft>) =>
    setDraft((d) => ({ ...d, items: d.items.map((i, k) => (k === n ? { ...i, ...p } : i)) }));
  const setResident = (n: number, p: Partial<ResidentDraft>) =>
    setDraft((d) => ({ ...d, residents: d.residents.map((r, k) => (k === n ? { ...r, ...p } : r)) }));
  const summaryId = useId();
  const hamletOptions = hamlets.some((h) => h.code === draft.hamletCode)
    ? hamlets
    : [...hamlets, { code: draft.hamletCode, name: draft.hamletCode }];

  const submit = async (ev: FormEvent) => {
    ev.preventDefault();
    const { input, errors: found } = check(draft, t);
    setErrors(found);
    if (!input) {
      requestAnimationFrame(() => document.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
      return;
    }
    setSaving(true);
    try {
      await saveActivity(userId, { id, ...input }, { baseVersion });
    } finally {
      setSaving(false);
    }
    // Saved on the device: that is what "recorded" means. Sending is the sync's job (now, if there is a connection).
    if (isOnline()) void sync.run();
    navigate('/field', { state: { saved: id } });
  };

  return (
    <form className="stack field-form" onSubmit={submit} noValidate aria-describedby={summaryId}>
      <div id={summaryId}>
        {refusal && <div className="alert alert-error">{t('field.refusedBecause', { message: refusal.message })}</div>}
        {Object.keys(errors).length > 0 && !refusal && (
          <p className="field-error" role="alert">
            {t('field.form.fixErrors')}
          </p>
        )}
      </div>
      <Field
        label={t('field.form.when')}
        type="datetime-local"
        value={draft.occurredAt}
        max={localInput(new Date(Date.now() + 60_000))}
        required
        error={errors.occurredAt}
        onChange={(ev) => set({ occurredAt: ev.target.value })}
      />
      <SelectField
        label={t('field.form.hamlet')}
        value={draft.hamletCode}
        error={errors.hamletCode}
        onChange={(ev) => set({ hamletCode: ev.target.value })}
      >
        {hamletOptions.map((h) => (
          <option key={h.code} value={h.code}>
            {h.name}
          </option>
        ))}
      </SelectField>
      <GpsButton draft={draft} set={set} />
      <div className="field-pair">
        <Field
          label={t('field.form.households')}
          inputMode="numeric"
          value={draft.households}
          error={errors.households}
          onChange={(ev) => set({ households: ev.target.value })}
        />
        <Field
          label={t('field.form.people')}
          inputMode="numeric"
          value={draft.people}
          error={errors.people}
          onChange={(ev) => set({ people: ev.target.value })}
        />
      </div>
      <Field
        label={t('field.form.duration')}
        optional
        inputMode="numeric"
        value={draft.duration}
        error={errors.durationMinutes}
        onChange={(ev) => set({ duration: ev.target.value })}
      />
      <section className="stack" aria-labelledby="field-items-title">
        <h2 id="field-items-title">{t('field.form.items')}</h2>
        {draft.items.map((item, n) => (
          <ItemFields
            key={item.key}
            item={item}
            n={n}
            count={draft.items.length}
            errors={errors}
            onChange={(p) => setItem(n, p)}
            onRemove={() => set({ items: draft.items.filter((_, k) => k !== n) })}
          />
        ))}
        {draft.items.length < ACTIVITY_LIMITS.itemsMax && (
          <button type="button" className="btn" onClick={() => set({ items: [...draft.items, emptyItem()] })}>
            <PlusIcon />
            <span>{t('field.form.addItem')}</span>
          </button>
        )}
      </section>
      {draft.keptResidents ? (
        <p className="hint">{t('field.form.residentsKept')}</p>
      ) : (
        <details className="field-residents" open={draft.residents.length > 0 || undefined}>
          <summary>{t('field.form.residents')}</summary>
          <div className="stack">
            <p className="hint">{t('field.form.residentsWhy')}</p>
            {draft.residents.map((r, n) => (
              <ResidentFields
                key={r.key}
                r={r}
                n={n}
                errors={errors}
                onChange={(p) => setResident(n, p)}
                onRemove={() => set({ residents: draft.residents.filter((_, k) => k !== n) })}
              />
            ))}
            <button
              type="button"
              className="btn"
              onClick={() => set({ residents: [...draft.residents, emptyResident()] })}
            >
              <PlusIcon />
              <span>{t('field.form.addResident')}</span>
            </button>
          </div>
        </details>
      )}
      <TextareaField
        label={t('field.form.note')}
        optional
        rows={3}
        maxLength={ACTIVITY_LIMITS.noteMax}
        value={draft.note}
        error={errors.note}
        onChange={(ev) => set({ note: ev.target.value })}
      />
      <Field
        label={t('field.form.reportCode')}
        optional
        hint={t('field.form.reportHint')}
        maxLength={40}
        autoComplete="off"
        value={draft.reportCode}
        error={errors.reportCode}
        onChange={(ev) => set({ reportCode: ev.target.value })}
      />
      <p>
        <Link to="/feedback/new?behalf=assisted">{t('field.form.fileReport')}</Link>
      </p>
      <div className="form-actions">
        <button type="submit" className="btn btn-primary btn-lg" disabled={saving}>
          {t('field.form.save')}
        </button>
        <Link to="/field" className="btn btn-lg">
          {t('field.form.cancel')}
        </Link>
      </div>
    </form>
  );
}

/** Records a new activity: its id is made here, once, so saving it again can never make a second one. */
export function NewActivityPage() {
  const { t } = useTranslation();
  const [id] = useState(() => crypto.randomUUID());
  return (
    <>
      <PageHeader title={t('field.recordTitle')} />
      <ActivityForm id={id} initial={null} />
    </>
  );
}

/**
 * Edits one of the member's activities: one still on the device (pending or refused) freely; one the server has within
 * its 7 days, based on the version the device last saw (a newer one on the server is a conflict: the server's stays).
 */
export function EditActivityPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const { records } = useField();
  const record = records?.find((r) => r.id === id);
  const needServer = records !== null && (!record || record.status === 'synced');
  const remote = useActivity(id, needServer);
  // Offline with no copy of it, the query pauses: the device's own copy is used instead.
  if (records === null || (needServer && remote.isPending && remote.fetchStatus === 'fetching')) return <Loading />;
  const view: ActivityView | undefined = remote.data ?? record?.server;
  const header = <PageHeader title={t('field.editTitle')} />;
  const back = (
    <p>
      <Link to="/field">{t('field.back')}</Link>
    </p>
  );
  if (!record && !view)
    return (
      <>
        {header}
        <Notice tone="warning">{t('field.notFound')}</Notice>
        {back}
      </>
    );
  // Still on the device, or synced but the server's copy cannot be read now (offline): edit the device's copy, based on
  // the version it last synced (the server judges the 7 days and any newer version).
  if (record && (record.status !== 'synced' || !view))
    return (
      <>
        {header}
        <ActivityForm
          id={id}
          initial={record.input}
          baseVersion={record.baseVersion ?? record.version}
          refusal={record.status === 'refused' ? record.error : undefined}
        />
      </>
    );
  const v = view!;
  const input = inputFromView(v, record?.input);
  if (Date.parse(v.editableUntil) <= Date.now())
    return (
      <>
        {header}
        <Notice tone="warning">{t('field.notEditable', { days: ACTIVITY_LIMITS.editWindowDays })}</Notice>
        {back}
      </>
    );
  return (
    <>
      {header}
      <p className="item-meta">{t('field.editUntil', { date: formatDateTime(v.editableUntil) })}</p>
      <ActivityForm id={id} initial={input} baseVersion={v.version} />
    </>
  );
}
