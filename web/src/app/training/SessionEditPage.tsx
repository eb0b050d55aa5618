import './strings';
import './training.css';
import { type FormEvent, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import type { TrainingSessionDetail, TrainingSessionStatus } from '../../../../common/training';
import { useMe } from '../../api/auth';
import { fieldError, uploadFile } from '../../api/client';
import { useSaveSession, useTrainingSession } from '../../api/training';
import { useUnit, useUnitChildren } from '../../api/units';
import { ErrorMessage, Field, PageHeader, QueryState, SelectField, TextareaField } from '../../components/ui';
import { RequireUser } from '../shell/guards';
import { fromLocalInput, toLocalInput } from './shared';

interface SiteForm {
  uid: number;
  id?: string;
  name: string;
  place: string;
  communeCode: string;
  capacity: string;
}
interface MaterialForm {
  uid: number;
  id?: string;
  title: string;
  url: string;
  file: boolean;
}
let uids = 0;
const blankSite = (): SiteForm => ({ uid: ++uids, name: '', place: '', communeCode: '', capacity: '' });

function SiteFields({
  site,
  label,
  communes,
  onChange,
  onRemove,
}: {
  site: SiteForm;
  label: string;
  communes: { code: string; fullName: string }[];
  onChange: (s: SiteForm) => void;
  onRemove?: () => void;
}) {
  const { t } = useTranslation();
  return (
    <fieldset className="training-site-fields training-site">
      <legend>{label}</legend>
      <Field
        label={t('training.form.siteName')}
        value={site.name}
        required
        onChange={(e) => onChange({ ...site, name: e.target.value })}
      />
      <Field
        label={t('training.form.place')}
        value={site.place}
        onChange={(e) => onChange({ ...site, place: e.target.value })}
      />
      <SelectField
        label={t('training.form.commune')}
        value={site.communeCode}
        onChange={(e) => onChange({ ...site, communeCode: e.target.value })}
      >
        <option value="">{t('training.form.noCommune')}</option>
        {communes.map((c) => (
          <option key={c.code} value={c.code}>
            {c.fullName}
          </option>
        ))}
      </SelectField>
      <Field
        label={t('training.form.capacity')}
        type="number"
        inputMode="numeric"
        min={1}
        value={site.capacity}
        onChange={(e) => onChange({ ...site, capacity: e.target.value })}
      />
      {onRemove && (
        <button type="button" className="btn btn-danger" onClick={onRemove}>
          {t('training.form.removeSite')}
        </button>
      )}
    </fieldset>
  );
}

function Editor({
  initial,
  units,
}: {
  initial: TrainingSessionDetail | null;
  units: { code: string; name: string }[];
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const save = useSaveSession(initial?.id);
  const [unitCode, setUnitCode] = useState(initial?.unitCode ?? units[0]?.code ?? '');
  const unit = useUnit(unitCode || undefined);
  const [organizerName, setOrganizer] = useState(initial?.organizerName ?? '');
  const [topic, setTopic] = useState(initial?.topic ?? '');
  const [description, setDescription] = useState(initial?.description ?? '');
  const [startsAt, setStartsAt] = useState(initial ? toLocalInput(initial.startsAt) : '');
  const [endsAt, setEndsAt] = useState(initial ? toLocalInput(initial.endsAt) : '');
  const [status, setStatus] = useState<TrainingSessionStatus>(initial?.status ?? 'draft');
  const [certificate, setCertificate] = useState(initial?.certificateOnAttendance ?? false);
  const toForm = (s: TrainingSessionDetail['sites'][number]): SiteForm => ({
    uid: ++uids,
    id: s.id,
    name: s.name,
    place: s.place,
    communeCode: s.communeCode ?? '',
    capacity: s.capacity === null ? '' : String(s.capacity),
  });
  const [main, setMain] = useState<SiteForm>(() => {
    const m = initial?.sites.find((s) => s.main);
    return m ? toForm(m) : blankSite();
  });
  const [remote, setRemote] = useState<SiteForm[]>(() => initial?.sites.filter((s) => !s.main).map(toForm) ?? []);
  const [materials, setMaterials] = useState<MaterialForm[]>(
    () =>
      initial?.materials.map((m) => ({
        uid: ++uids,
        id: m.id,
        title: m.title,
        url: m.url ?? '',
        file: !!m.fileName,
      })) ?? [],
  );
  const [uploadError, setUploadError] = useState<string | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  // The communes a site may be in: the province of the managing unit (a commune's code is not its province's).
  const communesQuery = useUnitChildren(unit.data?.provinceCode, { limit: 200 });
  const communes = useMemo(
    () => (communesQuery.data?.pages.flatMap((p) => p.items) ?? []).filter((u) => u.level === 'commune'),
    [communesQuery.data],
  );
  const site = (s: SiteForm) => ({
    ...(s.id ? { id: s.id } : {}),
    name: s.name.trim(),
    place: s.place.trim(),
    communeCode: s.communeCode || null,
    capacity: s.capacity ? Number(s.capacity) : null,
  });
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate(
      {
        unitCode,
        organizerName,
        topic,
        description,
        startsAt: fromLocalInput(startsAt),
        endsAt: fromLocalInput(endsAt),
        status,
        certificateOnAttendance: certificate,
        mainSite: site(main),
        remoteSites: remote.map(site),
        materials: materials
          .filter((m) => m.file || m.url.trim())
          .map((m) => ({ ...(m.id ? { id: m.id } : {}), title: m.title.trim(), url: m.file ? null : m.url.trim() })),
      },
      { onSuccess: (s) => navigate(`/tap-huan/${s.id}`) },
    );
  };
  const onUpload = async (file: File | undefined) => {
    if (!file || !initial) return;
    setUploadError(null);
    const title = file.name.replace(/\.pdf$/i, '');
    const res = await uploadFile(`/api/training/sessions/${initial.id}/materials`, file, { query: { title } });
    if (res.status !== 201) {
      const body = res.json as { error?: { message?: string; fields?: Record<string, string> } } | null;
      setUploadError(body?.error?.fields?.file ?? body?.error?.message ?? 'Error');
      return;
    }
    const d = res.json as TrainingSessionDetail;
    setMaterials((ms) => [
      ...ms,
      ...d.materials
        .filter((m) => !ms.some((x) => x.id === m.id))
        .map((m) => ({ uid: ++uids, id: m.id, title: m.title, url: '', file: true })),
    ]);
  };
  return (
    <form className="stack" onSubmit={onSubmit} noValidate>
      <SelectField
        label={t('training.form.unit')}
        value={unitCode}
        onChange={(e) => setUnitCode(e.target.value)}
        disabled={!!initial}
      >
        {units.map((u) => (
          <option key={u.code} value={u.code}>
            {u.name}
          </option>
        ))}
      </SelectField>
      <Field
        label={t('training.form.organizerName')}
        hint={t('training.form.organizerHint')}
        value={organizerName}
        required
        onChange={(e) => setOrganizer(e.target.value)}
        error={fieldError(save.error, 'organizerName')}
      />
      <Field
        label={t('training.form.topic')}
        value={topic}
        required
        onChange={(e) => setTopic(e.target.value)}
        error={fieldError(save.error, 'topic')}
      />
      <TextareaField
        label={t('training.form.description')}
        value={description}
        rows={3}
        onChange={(e) => setDescription(e.target.value)}
        error={fieldError(save.error, 'description')}
      />
      <Field
        label={t('training.form.startsAt')}
        type="datetime-local"
        value={startsAt}
        required
        onChange={(e) => setStartsAt(e.target.value)}
        error={fieldError(save.error, 'startsAt')}
      />
      <Field
        label={t('training.form.endsAt')}
        type="datetime-local"
        value={endsAt}
        required
        onChange={(e) => setEndsAt(e.target.value)}
        error={fieldError(save.error, 'endsAt')}
      />
      <SelectField
        label={t('training.form.status')}
        value={status}
        onChange={(e) => setStatus(e.target.value as TrainingSessionStatus)}
      >
        {(['draft', 'published', 'cancelled'] as const).map((s) => (
          <option key={s} value={s}>
            {t(`training.status.${s}`)}
          </option>
        ))}
      </SelectField>
      <label className="check">
        <input type="checkbox" checked={certificate} onChange={(e) => setCertificate(e.target.checked)} />
        <span>{t('training.form.certificate')}</span>
      </label>
      <SiteFields site={main} label={t('training.form.mainSite')} communes={communes} onChange={setMain} />
      {fieldError(save.error, 'mainSite') && <p className="field-error">{fieldError(save.error, 'mainSite')}</p>}
      <h2>{t('training.form.remoteSites')}</h2>
      {remote.map((s, i) => (
        <SiteFields
          key={s.uid}
          site={s}
          label={`${t('training.remoteSite')} ${i + 1}`}
          communes={communes}
          onChange={(next) => setRemote((rs) => rs.map((x) => (x.uid === s.uid ? next : x)))}
          onRemove={() => setRemote((rs) => rs.filter((x) => x.uid !== s.uid))}
        />
      ))}
      {fieldError(save.error, 'remoteSites') && <p className="field-error">{fieldError(save.error, 'remoteSites')}</p>}
      <button type="button" className="btn" onClick={() => setRemote((rs) => [...rs, blankSite()])}>
        {t('training.form.addSite')}
      </button>
      <h2>{t('training.form.materials')}</h2>
      {materials.map((m) => (
        <fieldset key={m.uid} className="training-site-fields">
          <legend>{m.title || t('training.form.materialTitle')}</legend>
          <Field
            label={t('training.form.materialTitle')}
            value={m.title}
            onChange={(e) =>
              setMaterials((ms) => ms.map((x) => (x.uid === m.uid ? { ...x, title: e.target.value } : x)))
            }
          />
          {!m.file && (
            <Field
              label={t('training.form.materialUrl')}
              type="url"
              value={m.url}
              onChange={(e) =>
                setMaterials((ms) => ms.map((x) => (x.uid === m.uid ? { ...x, url: e.target.value } : x)))
              }
            />
          )}
          <button
            type="button"
            className="btn btn-danger"
            onClick={() => setMaterials((ms) => ms.filter((x) => x.uid !== m.uid))}
          >
            {t('training.form.removeMaterial')}
          </button>
        </fieldset>
      ))}
      <div className="row">
        <button
          type="button"
          className="btn"
          onClick={() => setMaterials((ms) => [...ms, { uid: ++uids, title: '', url: '', file: false }])}
        >
          {t('training.form.addMaterial')}
        </button>
        {initial && (
          <>
            <button type="button" className="btn" onClick={() => fileInput.current?.click()}>
              {t('training.form.uploadPdf')}
            </button>
            <input
              ref={fileInput}
              type="file"
              accept="application/pdf"
              hidden
              aria-label={t('training.form.uploadPdf')}
              onChange={(e) => onUpload(e.target.files?.[0])}
            />
          </>
        )}
      </div>
      {uploadError && <p className="field-error">{uploadError}</p>}
      {save.error && <ErrorMessage error={save.error} />}
      <button type="submit" className="btn btn-primary btn-lg" disabled={save.isPending}>
        {save.isPending ? t('training.form.saving') : t('training.form.save')}
      </button>
    </form>
  );
}

/** /tap-huan/moi and /tap-huan/:id/sua: a session with its main and remote sites and materials. */
export default function SessionEditPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const me = useMe();
  const query = useTrainingSession(id);
  const units = (me.data?.assignments ?? [])
    .filter((a) => (a.role === 'commune_admin' || a.role === 'province_admin') && a.unitCode)
    .map((a) => ({ code: a.unitCode!, name: a.unitName ?? a.unitCode! }));
  return (
    <RequireUser roles={['commune_admin', 'province_admin']}>
      <div className="stack">
        <p>
          <Link to={id ? `/tap-huan/${id}` : '/tap-huan/quan-ly'}>{t('training.back')}</Link>
        </p>
        <PageHeader title={id ? t('training.edit') : t('training.create')} />
        {id ? (
          <QueryState query={query}>
            {query.data && (
              <Editor initial={query.data} units={[{ code: query.data.unitCode, name: query.data.unitName }]} />
            )}
          </QueryState>
        ) : (
          units.length > 0 && <Editor initial={null} units={units} />
        )}
      </div>
    </RequireUser>
  );
}
