import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { api, fieldError } from '../../../api/client';
import { type CategoryView, useCategories, useDuplicateHints, useSubmitReport } from '../../../api/feedback';
import type { Unit } from '../../../api/types';
import { useUnitChildren } from '../../../api/units';
import {
  ErrorMessage,
  Field,
  Notice,
  PageHeader,
  QueryState,
  SelectField,
  TextareaField,
} from '../../../components/ui';
import { useDebounced } from '../../../components/useDebounced';
import { RequireUser } from '../../shell/guards';
import { CategoryIcon } from '../CategoryIcon';
import { categoryName, DESCRIPTION_MAX } from '../labels';
import { newClientId, StatusBadge, useCommuneNames } from '../shared';
import { LocationPicker, type Pin } from './LocationPicker';
import { type Behalf, OnBehalf, SELF, useChannels } from './OnBehalf';
import { PhotosFieldset, type PickedPhoto } from './PhotoPicker';

const DRAFT_ID = 'xaso.report.clientId';

function clientId() {
  try {
    const kept = sessionStorage.getItem(DRAFT_ID);
    if (kept) return kept;
    const id = newClientId();
    sessionStorage.setItem(DRAFT_ID, id);
    return id;
  } catch {
    return newClientId();
  }
}

function CategoryPicker({
  categories,
  value,
  onChange,
  error,
}: {
  categories: CategoryView[];
  value: string;
  onChange: (id: string) => void;
  error?: string;
}) {
  const { t } = useTranslation();
  return (
    <fieldset className="fb-fieldset" aria-describedby={error ? 'fb-cat-error' : undefined}>
      <legend>{t('feedback.submit.category')}</legend>
      <div className="fb-cats">
        {categories.map((c) => (
          <label key={c.id} className={`fb-cat${value === c.id ? ' is-on' : ''}`}>
            <input
              type="radio"
              name="category"
              value={c.id}
              checked={value === c.id}
              onChange={() => onChange(c.id)}
              className="visually-hidden"
            />
            <CategoryIcon icon={c.icon} code={c.code} />
            <span>{categoryName(c)}</span>
          </label>
        ))}
      </div>
      {error && (
        <p id="fb-cat-error" className="field-error" role="alert">
          {error}
        </p>
      )}
    </fieldset>
  );
}

const TILE_SLOTS = Array.from({ length: 12 }, (_, i) => `tile-${i}`);

/** The category tiles' space while they load (the province's default twelve), so the fields below do not jump. */
function CategoryPickerSpace() {
  const { t } = useTranslation();
  return (
    <fieldset className="fb-fieldset" aria-busy="true">
      <legend>{t('feedback.submit.category')}</legend>
      <div className="fb-cats">
        {TILE_SLOTS.map((slot) => (
          <span key={slot} className="fb-cat is-placeholder" />
        ))}
      </div>
    </fieldset>
  );
}

/** The commune found for the pin (the real boundaries decide), or a choice when there is no pin. */
function useLocatedCommune(pin: Pin | null) {
  const [state, setState] = useState<{ unit: Unit | null; error: string | null; busy: boolean }>({
    unit: null,
    error: null,
    busy: false,
  });
  useEffect(() => {
    if (!pin) {
      setState({ unit: null, error: null, busy: false });
      return;
    }
    const ctl = new AbortController();
    setState((s) => ({ ...s, busy: true }));
    api<{ commune: Unit }>('/api/units/locate', { query: { lat: pin.lat, lng: pin.lng }, signal: ctl.signal })
      .then((r) => setState({ unit: r.commune, error: null, busy: false }))
      .catch((e) => {
        if ((e as Error).name !== 'AbortError') setState({ unit: null, error: (e as Error).message, busy: false });
      });
    return () => ctl.abort();
  }, [pin]);
  return state;
}

function SubmitForm() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const categories = useCategories();
  const submit = useSubmitReport();
  const [categoryId, setCategoryId] = useState('');
  const [description, setDescription] = useState('');
  const [pin, setPin] = useState<Pin | null>(null);
  const [address, setAddress] = useState('');
  const [chosenCommune, setChosenCommune] = useState('');
  const [hamlet, setHamlet] = useState('');
  const [photos, setPhotos] = useState<PickedPhoto[]>([]);
  const [emergency, setEmergency] = useState(false);
  const [showName, setShowName] = useState(false);
  const [problems, setProblems] = useState<Record<string, string>>({});
  const channels = useChannels();
  // A team member's activity form links here with ?behalf=assisted: the report is for a resident they are helping.
  const [params] = useSearchParams();
  const [behalf, setBehalf] = useState<Behalf>(() =>
    params.get('behalf') === 'assisted' && channels.includes('assisted') ? { ...SELF, channel: 'assisted' } : SELF,
  );
  const contact = behalf.channel !== 'app' && !!(behalf.name.trim() || behalf.phone.trim());
  const located = useLocatedCommune(pin);
  const communes = useCommuneNames();
  const communeCode = pin ? (located.unit?.code ?? '') : chosenCommune;
  const hamlets = useUnitChildren(communeCode || undefined, { limit: 200 });
  const hamletList = hamlets.data?.pages.flatMap((p) => p.items) ?? [];
  const text = useDebounced(description, 600);
  const dupes = useDuplicateHints({ categoryId, lat: pin?.lat, lng: pin?.lng, text });
  const category = categories.data?.find((c) => c.id === categoryId);

  // A new commune has other hamlets.
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset only when the commune changes
  useEffect(() => setHamlet(''), [communeCode]);

  const validate = () => {
    const p: Record<string, string> = {};
    if (!categoryId) p.category = t('feedback.submit.needCategory');
    if (!description.trim()) p.description = t('feedback.submit.needDescription');
    if (!pin && !(address.trim() && chosenCommune)) p.location = t('feedback.submit.needLocation');
    if (pin && !located.busy && !located.unit) p.location = located.error ?? t('feedback.submit.outside');
    if (contact && !behalf.consent) p.consent = t('feedback.behalf.needConsent');
    setProblems(p);
    return Object.keys(p).length === 0;
  };

  const onSubmit = (e: React.FormEvent) => {
    e.preventDefault();
    if (!validate()) {
      // Focus the first problem: the category radios, then the text, then the map's buttons.
      setTimeout(() => {
        const target = !categoryId
          ? document.querySelector<HTMLElement>('.fb-cats input')
          : document.querySelector<HTMLElement>('[aria-invalid="true"]');
        (target ?? document.querySelector<HTMLElement>('.fb-map-box + .row button'))?.focus();
      }, 0);
      return;
    }
    submit.mutate(
      {
        input: {
          id: clientId(),
          categoryId,
          description: description.trim(),
          lat: pin?.lat,
          lng: pin?.lng,
          address: address.trim() || undefined,
          communeCode: communeCode || undefined,
          hamletCode: hamlet || undefined,
          emergency,
          showName: behalf.channel === 'app' ? showName : false,
          ...(behalf.channel === 'app'
            ? {}
            : {
                channel: behalf.channel,
                reporterName: behalf.name.trim() || undefined,
                reporterPhone: behalf.phone.trim() || undefined,
                consent: contact ? behalf.consent : undefined,
              }),
        },
        photos: photos.map((p) => p.blob),
      },
      {
        onSuccess: (report) => {
          try {
            sessionStorage.removeItem(DRAFT_ID);
          } catch {}
          navigate(`/feedback/sent/${report.id}`, { replace: true });
        },
      },
    );
  };

  const left = DESCRIPTION_MAX - description.length;
  return (
    <form onSubmit={onSubmit} noValidate className="stack-lg">
      {channels.length > 1 && (
        <OnBehalf
          value={behalf}
          onChange={(b) => {
            setBehalf(b);
            if (b.consent) setProblems(({ consent: _, ...rest }) => rest);
          }}
          channels={channels}
          errors={{
            consent: problems.consent ?? fieldError(submit.error, 'consent'),
            reporterPhone: fieldError(submit.error, 'reporterPhone'),
          }}
        />
      )}
      <QueryState query={categories} fallback={<CategoryPickerSpace />}>
        <CategoryPicker
          categories={categories.data ?? []}
          value={categoryId}
          onChange={setCategoryId}
          error={problems.category ?? fieldError(submit.error, 'categoryId')}
        />
        {category?.descriptionVi && (
          <p className="hint">
            {categoryName({ nameVi: category.descriptionVi, nameEn: category.descriptionEn ?? '' })}
          </p>
        )}
      </QueryState>

      <TextareaField
        label={t('feedback.submit.description')}
        hint={t('feedback.submit.descriptionHint')}
        value={description}
        maxLength={DESCRIPTION_MAX}
        rows={6}
        onChange={(e) => setDescription(e.target.value)}
        error={problems.description ?? fieldError(submit.error, 'description')}
      />
      <p className={`fb-counter${left < 200 ? ' is-low' : ''}`} aria-live={left < 200 ? 'polite' : 'off'}>
        {t('feedback.submit.counter', { used: description.length, max: DESCRIPTION_MAX })}
      </p>

      <fieldset className="fb-fieldset">
        <legend>{t('feedback.submit.location')}</legend>
        <LocationPicker value={pin} onChange={setPin} />
        <div aria-live="polite">
          {pin && located.busy && <p className="muted">{t('feedback.submit.findingCommune')}</p>}
          {pin && located.unit && (
            <p className="fb-commune">
              {t('feedback.submit.communeFound')} <strong>{located.unit.fullName}</strong>
            </p>
          )}
          {pin && !located.busy && !located.unit && (
            <p className="field-error">{located.error ?? t('feedback.submit.outside')}</p>
          )}
        </div>
        <Field
          label={t('feedback.submit.address')}
          hint={t('feedback.submit.addressHint')}
          optional={!!pin}
          value={address}
          maxLength={500}
          onChange={(e) => setAddress(e.target.value)}
          error={fieldError(submit.error, 'address')}
        />
        {!pin && (
          <SelectField
            label={t('feedback.submit.commune')}
            value={chosenCommune}
            onChange={(e) => setChosenCommune(e.target.value)}
            error={fieldError(submit.error, 'communeCode')}
          >
            <option value="">{t('feedback.submit.chooseCommune')}</option>
            {communes.list.map((c) => (
              <option key={c.code} value={c.code}>
                {c.fullName}
              </option>
            ))}
          </SelectField>
        )}
        {communeCode && hamletList.length > 0 && (
          <SelectField
            label={t('feedback.submit.hamlet')}
            optional
            value={hamlet}
            onChange={(e) => setHamlet(e.target.value)}
          >
            <option value="">{t('feedback.submit.noHamlet')}</option>
            {hamletList.map((h) => (
              <option key={h.code} value={h.code}>
                {h.name}
              </option>
            ))}
          </SelectField>
        )}
        {problems.location && (
          <p className="field-error" role="alert">
            {problems.location}
          </p>
        )}
      </fieldset>

      {(dupes.data?.length ?? 0) > 0 && (
        <section className="alert alert-warning fb-dupes" aria-labelledby="fb-dupes-title">
          <h2 id="fb-dupes-title">{t('feedback.submit.dupesTitle')}</h2>
          <p>{t('feedback.submit.dupesLead')}</p>
          <ul>
            {dupes.data!.map((d) => (
              <li key={d.id}>
                {d.status === 'pending' ? (
                  <strong>{d.publicCode}</strong>
                ) : (
                  <Link to={`/public/reports/${d.publicCode}`} target="_blank" rel="noopener">
                    {d.publicCode}
                  </Link>
                )}{' '}
                <StatusBadge status={d.status} />{' '}
                <span className="muted">({t(`feedback.submit.dupesBand.${d.distanceBand}`)})</span>
                <br />
                {d.description.slice(0, 140)}
              </li>
            ))}
          </ul>
        </section>
      )}

      <PhotosFieldset legend={t('feedback.submit.photos')} photos={photos} onChange={setPhotos} />

      <div className="stack">
        <label className="check fb-check">
          <input type="checkbox" checked={emergency} onChange={(e) => setEmergency(e.target.checked)} />
          <span>
            {t('feedback.submit.emergency')}
            <span className="hint">{t('feedback.submit.emergencyHint')}</span>
          </span>
        </label>
        {behalf.channel === 'app' && (
          <label className="check fb-check">
            <input type="checkbox" checked={showName} onChange={(e) => setShowName(e.target.checked)} />
            <span>
              {t('feedback.submit.showName')}
              <span className="hint">{t('feedback.submit.showNameHint')}</span>
            </span>
          </label>
        )}
      </div>

      <ErrorMessage error={submit.error} />
      {submit.error && (submit.error as { status?: number }).status === 0 && (
        <Notice tone="warning">{t('feedback.submit.retrySafe')}</Notice>
      )}
      <button type="submit" className="btn btn-primary btn-lg btn-block" disabled={submit.isPending}>
        {submit.isPending ? t('feedback.submit.sending') : t('feedback.submit.send')}
      </button>
    </form>
  );
}

export default function SubmitPage() {
  const { t } = useTranslation();
  return (
    <div className="narrow fb-form-page">
      <PageHeader title={t('feedback.submit.title')} />
      <RequireUser>
        <p className="lead">{t('feedback.submit.lead')}</p>
        <SubmitForm />
      </RequireUser>
    </div>
  );
}
