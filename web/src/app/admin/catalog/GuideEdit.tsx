import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import {
  type CatalogGuideDetail,
  useCatalogGuide,
  useCreateGuide,
  useStepImage,
  useUpdateGuide,
} from '../../../api/catalog';
import { fieldError } from '../../../api/client';
import { DateField } from '../../../components/DateField';
import { ErrorMessage, Field, Notice, PageHeader, QueryState, TextareaField } from '../../../components/ui';
import { AdminPage } from '../shared';
import '../../catalog/catalog.css';

interface StepRow {
  /** Saved steps keep their id (and image); a new one has none until saved. */
  id?: string;
  key: string;
  text: string;
  imageUrl?: string | null;
}

const today = () => new Date().toISOString().slice(0, 10);
let keys = 0;
const newKey = () => `new-${++keys}`;

function StepImage({ step, n }: { step: StepRow; n: number }) {
  const { t } = useTranslation();
  const image = useStepImage();
  if (!step.id) return <p className="muted">{t('catalog.admin.imageHint')}</p>;
  const stepId = step.id;
  return (
    <div className="stack">
      {step.imageUrl && (
        <>
          <img src={step.imageUrl} alt={t('catalog.stepImage', { n })} className="catalog-step-thumb" />
          <button
            type="button"
            className="btn"
            disabled={image.isPending}
            onClick={() => image.mutate({ stepId, file: null })}
          >
            {t('catalog.admin.removeImage')}
          </button>
        </>
      )}
      <Field
        label={t('catalog.admin.image', { n })}
        hint={t('catalog.admin.imageHint')}
        optional
        type="file"
        accept="image/*"
        disabled={image.isPending}
        error={fieldError(image.error, 'image')}
        onChange={(e) => {
          const file = e.target.files?.[0];
          if (file) image.mutate({ stepId, file });
        }}
      />
      {!fieldError(image.error, 'image') && <ErrorMessage error={image.error} />}
    </div>
  );
}

function GuideForm({ guide, serviceSlug }: { guide?: CatalogGuideDetail; serviceSlug: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const create = useCreateGuide(serviceSlug);
  const update = useUpdateGuide(guide?.id ?? '');
  const mutation = guide ? update : create;
  const [title, setTitle] = useState(guide?.title ?? '');
  const [titleEn, setTitleEn] = useState(guide?.titleEn ?? '');
  const [summary, setSummary] = useState(guide?.summary ?? '');
  const [reviewedOn, setReviewedOn] = useState(guide?.reviewedOn ?? today());
  const [published, setPublished] = useState(guide?.published ?? false);
  const [steps, setSteps] = useState<StepRow[]>(
    guide?.steps.map((s) => ({ id: s.id, key: s.id, text: s.text, imageUrl: s.imageUrl })) ?? [
      { key: newKey(), text: '' },
    ],
  );
  const err = (f: string) => fieldError(mutation.error, f);
  const setStep = (i: number, text: string) => setSteps((ss) => ss.map((s, j) => (j === i ? { ...s, text } : s)));
  const move = (i: number, by: -1 | 1) =>
    setSteps((ss) => {
      const next = [...ss];
      [next[i], next[i + by]] = [next[i + by], next[i]];
      return next;
    });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const body = {
      title,
      titleEn: titleEn.trim() || null,
      summary: summary.trim() || null,
      reviewedOn,
      published,
    };
    if (guide)
      update.mutate(
        { ...body, steps: steps.map((s) => ({ ...(s.id ? { id: s.id } : {}), text: s.text })) },
        {
          onSuccess: (saved) =>
            setSteps(saved.steps.map((s) => ({ id: s.id, key: s.id, text: s.text, imageUrl: s.imageUrl }))),
        },
      );
    else
      create.mutate(
        { ...body, steps: steps.map((s) => ({ text: s.text })) },
        { onSuccess: (g) => navigate(`/admin/catalog/guides/${g.id}`) },
      );
  };
  return (
    <form onSubmit={submit} noValidate className="card stack">
      <Field
        label={t('catalog.admin.guideTitle')}
        value={title}
        onChange={(e) => setTitle(e.target.value)}
        error={err('title')}
        required
      />
      <Field
        label={t('catalog.admin.guideTitleEn')}
        optional
        value={titleEn}
        onChange={(e) => setTitleEn(e.target.value)}
        error={err('titleEn')}
      />
      <TextareaField
        label={t('catalog.admin.summary')}
        optional
        value={summary}
        onChange={(e) => setSummary(e.target.value)}
        error={err('summary')}
        rows={2}
      />
      <DateField
        label={t('catalog.admin.reviewedOn')}
        value={reviewedOn}
        onChange={setReviewedOn}
        error={err('reviewedOn')}
        required
      />
      <label className="check">
        <input type="checkbox" checked={published} onChange={(e) => setPublished(e.target.checked)} />
        <span>{t('catalog.admin.published')}</span>
      </label>
      <h2>{t('catalog.admin.stepsTitle')}</h2>
      {err('steps') && (
        <p className="field-error" role="alert">
          {err('steps')}
        </p>
      )}
      {steps.map((s, i) => (
        <div key={s.key} className="catalog-step-edit stack">
          <TextareaField
            label={t('catalog.admin.step', { n: i + 1 })}
            value={s.text}
            onChange={(e) => setStep(i, e.target.value)}
            error={err(`steps.${i}.text`) ?? err(`steps.${i}.id`)}
            rows={3}
            required
          />
          <div className="catalog-step-actions">
            {(
              [
                ['up', i === 0, () => move(i, -1)],
                ['down', i === steps.length - 1, () => move(i, 1)],
                ['remove', steps.length === 1, () => setSteps((ss) => ss.filter((_, j) => j !== i))],
              ] as const
            ).map(([action, disabled, run]) => (
              <button key={action} type="button" className="btn" disabled={disabled} onClick={run}>
                <span className="visually-hidden">{t('catalog.admin.step', { n: i + 1 })}: </span>
                {t(`catalog.admin.${action}`)}
              </button>
            ))}
          </div>
          {guide && <StepImage step={s} n={i + 1} />}
        </div>
      ))}
      <button type="button" className="btn" onClick={() => setSteps((ss) => [...ss, { key: newKey(), text: '' }])}>
        {t('catalog.admin.addStep')}
      </button>
      <ErrorMessage error={mutation.error} />
      {update.isSuccess && <Notice tone="success">{t('catalog.admin.saved')}</Notice>}
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={mutation.isPending}>
          {t('catalog.admin.save')}
        </button>
      </div>
    </form>
  );
}

function Body() {
  const { t } = useTranslation();
  const { id, slug } = useParams();
  const guide = useCatalogGuide(id);
  if (!id && slug)
    return (
      <div className="stack">
        <p>
          <Link to={`/admin/catalog/${slug}`}>{slug}</Link>
        </p>
        <PageHeader title={t('catalog.admin.newGuide')} />
        <GuideForm serviceSlug={slug} />
      </div>
    );
  return (
    <QueryState query={guide}>
      {guide.data && (
        <div className="stack">
          <p>
            <Link to={`/admin/catalog/${guide.data.service.slug}`}>{guide.data.service.name}</Link>
          </p>
          <PageHeader title={t('catalog.admin.editGuide')}>
            <Link to={`/catalog/guides/${guide.data.id}`} className="btn">
              {t('catalog.admin.view')}
            </Link>
          </PageHeader>
          <GuideForm key={guide.data.id} guide={guide.data} serviceSlug={guide.data.service.slug} />
        </div>
      )}
    </QueryState>
  );
}

/** Create or edit a guide: title, review date, publication, and its ordered steps with their images. */
export default function GuideEdit() {
  return (
    <AdminPage roles={['province_admin']}>
      <Body />
    </AdminPage>
  );
}
