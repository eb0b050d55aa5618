import './strings';
import './cameras.css';
import { type FormEvent, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { CAMERA_KINDS, type CameraKind } from '../../../../common/constants/cameras';
import { useManagedCamera, useSaveCamera } from '../../api/cameras';
import { fieldError } from '../../api/client';
import { usePublicConfig, useUnitChildren } from '../../api/units';
import { ErrorMessage, Field, PageHeader, SelectField } from '../../components/ui';
import { kindLabel } from './shared';

const BY_NAME = new Intl.Collator('vi');

interface Form {
  name: string;
  communeCode: string;
  kind: CameraKind | '';
  lat: string;
  lng: string;
  snapshotUrl: string;
  streamUrl: string;
  isPublic: boolean;
}
const EMPTY: Form = {
  name: '',
  communeCode: '',
  kind: '',
  lat: '',
  lng: '',
  snapshotUrl: '',
  streamUrl: '',
  isPublic: true,
};

/** /cameras/moi and /cameras/:id/sua: a camera's details (administrators of its commune or the province). */
export default function CameraEditPage() {
  const { id } = useParams();
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const existing = useManagedCamera(id);
  const config = usePublicConfig();
  const communes = useUnitChildren(config.data?.provinceCode ?? '19', { limit: 200 });
  const save = useSaveCamera(id);
  const [form, setForm] = useState<Form>(EMPTY);
  useEffect(() => {
    const c = existing.data;
    if (c)
      setForm({
        name: c.name,
        communeCode: c.communeCode,
        kind: c.kind,
        lat: String(c.lat),
        lng: String(c.lng),
        snapshotUrl: c.snapshotUrl,
        streamUrl: c.streamUrl ?? '',
        isPublic: c.isPublic,
      });
  }, [existing.data]);
  const options = useMemo(
    () => (communes.data?.pages.flatMap((p) => p.items) ?? []).sort((a, b) => BY_NAME.compare(a.name, b.name)),
    [communes.data],
  );
  const set = <K extends keyof Form>(key: K, value: Form[K]) => setForm((f) => ({ ...f, [key]: value }));
  const err = (name: string) => fieldError(save.error, name);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate(
      {
        name: form.name,
        communeCode: form.communeCode,
        kind: form.kind as CameraKind,
        lat: form.lat.trim() === '' ? Number.NaN : Number(form.lat.replace(',', '.')),
        lng: form.lng.trim() === '' ? Number.NaN : Number(form.lng.replace(',', '.')),
        snapshotUrl: form.snapshotUrl.trim(),
        streamUrl: form.streamUrl.trim() || null,
        isPublic: form.isPublic,
      },
      { onSuccess: () => navigate('/cameras/quan-ly') },
    );
  };

  return (
    <form className="stack" onSubmit={submit} noValidate>
      <Link to="/cameras/quan-ly">{t('cameras.manage')}</Link>
      <PageHeader title={id ? t('cameras.editTitle') : t('cameras.newTitle')} />
      <Field
        label={t('cameras.name')}
        value={form.name}
        onChange={(e) => set('name', e.target.value)}
        error={err('name')}
        required
      />
      <SelectField
        label={t('cameras.commune')}
        value={form.communeCode}
        onChange={(e) => set('communeCode', e.target.value)}
        error={err('communeCode')}
        required
      >
        <option value="">{t('cameras.chooseCommune')}</option>
        {options.map((u) => (
          <option key={u.code} value={u.code}>
            {u.fullName}
          </option>
        ))}
      </SelectField>
      <SelectField
        label={t('cameras.kind')}
        value={form.kind}
        onChange={(e) => set('kind', e.target.value as CameraKind)}
        error={err('kind')}
        required
      >
        <option value="">{t('cameras.chooseKind')}</option>
        {CAMERA_KINDS.map((k) => (
          <option key={k} value={k}>
            {kindLabel(k, i18n.language)}
          </option>
        ))}
      </SelectField>
      <Field
        label={t('cameras.lat')}
        hint={t('cameras.latHint')}
        inputMode="decimal"
        value={form.lat}
        onChange={(e) => set('lat', e.target.value)}
        error={err('lat')}
        required
      />
      <Field
        label={t('cameras.lng')}
        inputMode="decimal"
        value={form.lng}
        onChange={(e) => set('lng', e.target.value)}
        error={err('lng')}
        required
      />
      <Field
        label={t('cameras.snapshotUrl')}
        hint={t('cameras.snapshotHint')}
        type="url"
        value={form.snapshotUrl}
        onChange={(e) => set('snapshotUrl', e.target.value)}
        error={err('snapshotUrl')}
        required
      />
      <Field
        label={t('cameras.streamUrl')}
        hint={t('cameras.streamHint')}
        type="url"
        value={form.streamUrl}
        onChange={(e) => set('streamUrl', e.target.value)}
        error={err('streamUrl')}
        optional
      />
      <label className="row">
        <input type="checkbox" checked={form.isPublic} onChange={(e) => set('isPublic', e.target.checked)} />
        {t('cameras.isPublic')}
      </label>
      {save.error && <ErrorMessage error={save.error} />}
      <button type="submit" className="btn btn-primary btn-lg" disabled={save.isPending}>
        {save.isPending ? t('cameras.saving') : t('cameras.save')}
      </button>
    </form>
  );
}
