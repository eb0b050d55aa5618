import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useHandlingUnit } from '../../../api/admin';
import { fieldError } from '../../../api/client';
import {
  type CategoryInput,
  type CategoryView,
  useAllCategories,
  useCreateCategory,
  useNamedHandlingUnits,
  useUpdateCategory,
} from '../../../api/feedback-admin';
import { ErrorMessage, Field, Notice, SelectField, TextareaField } from '../../../components/ui';
import { CATEGORY_ICONS, CategoryIcon, categoryIconKey } from '../../feedback/CategoryIcon';
import { checkDrafts, ExtraFieldsEditor, type FieldDraft, fromDrafts, toDrafts } from './ExtraFieldsEditor';
import { codeFrom, HandlingUnitOptionGroups, unitLabel, useProvinceCode } from './shared';

/** The default handling unit: the commune's committee (""), or a department, agency or utility of the province. */
function DefaultUnitSelect({
  value,
  onChange,
  error,
}: {
  value: string;
  onChange: (id: string) => void;
  error?: string;
}) {
  const { t } = useTranslation();
  const named = useNamedHandlingUnits(useProvinceCode());
  const units = named.data ?? [];
  // A unit set elsewhere (a committee, or one since deactivated) is still shown as the current choice.
  const known = !value || units.some((h) => h.id === value);
  const current = useHandlingUnit(known ? undefined : value);
  return (
    <SelectField
      label={t('admin.fs.cat.defaultUnit')}
      hint={t('admin.fs.cat.defaultUnitHint')}
      value={value}
      onChange={(e) => onChange(e.target.value)}
      error={error}
    >
      <option value="">{t('admin.fs.cat.committee')}</option>
      {!known && current.data && <option value={value}>{unitLabel(current.data)}</option>}
      <HandlingUnitOptionGroups units={units.filter((h) => h.active || h.id === value)} />
    </SelectField>
  );
}

function IconPicker({ value, onChange, error }: { value: string; onChange: (icon: string) => void; error?: string }) {
  const { t } = useTranslation();
  const selected = categoryIconKey(value);
  return (
    <fieldset className="fs-icons" aria-describedby={error ? 'fs-icon-error' : undefined}>
      <legend>{t('admin.fs.cat.icon')}</legend>
      {CATEGORY_ICONS.map((key) => (
        <label key={key} className="fs-icon">
          <input
            type="radio"
            name="category-icon"
            value={key}
            checked={selected === key}
            onChange={() => onChange(key)}
          />
          <CategoryIcon icon={key} />
          <span>{t(`admin.fs.cat.icons.${key}`)}</span>
        </label>
      ))}
      {error && (
        <p id="fs-icon-error" className="field-error" role="alert" style={{ gridColumn: '1 / -1' }}>
          {error}
        </p>
      )}
    </fieldset>
  );
}

const numberOrNull = (s: string) => (s.trim() === '' ? null : Number(s));

/** Creating a category (no `category`) or editing one: every setting but the code, which never changes. */
export function CategoryForm({ category }: { category?: CategoryView }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const province = useProvinceCode();
  const all = useAllCategories(province);
  const create = useCreateCategory();
  const update = useUpdateCategory(category?.id ?? '');
  const mutation = category ? update : create;
  const [nameVi, setNameVi] = useState(category?.nameVi ?? '');
  const [nameEn, setNameEn] = useState(category?.nameEn ?? '');
  const [code, setCode] = useState('');
  const [codeTouched, setCodeTouched] = useState(false);
  const [descriptionVi, setDescriptionVi] = useState(category?.descriptionVi ?? '');
  const [descriptionEn, setDescriptionEn] = useState(category?.descriptionEn ?? '');
  const [icon, setIcon] = useState(category ? categoryIconKey(category.icon, category.code) : 'other');
  const [unitId, setUnitId] = useState(category?.defaultHandlingUnitId ?? '');
  const [byHours, setByHours] = useState(!!category?.deadlineHours);
  const [amount, setAmount] = useState(String(category?.deadlineHours ?? category?.deadlineWorkingDays ?? ''));
  const [sensitive, setSensitive] = useState(category?.sensitive ?? false);
  const [sortOrder, setSortOrder] = useState(category ? String(category.sortOrder) : '');
  const [active, setActive] = useState(true);
  const [drafts, setDrafts] = useState<FieldDraft[]>(() => toDrafts(category?.extraFields ?? []));
  const [problems, setProblems] = useState<Record<string, string>>({});

  const nextOrder = Math.max(0, ...(all.data ?? []).map((c) => c.sortOrder)) + 10;
  const err = (f: string) => (problems[f] ? t(problems[f]) : fieldError(mutation.error, f));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const found = checkDrafts(drafts);
    setProblems(found);
    if (Object.keys(found).length > 0) return;
    const n = numberOrNull(amount);
    const body = {
      nameVi,
      nameEn,
      descriptionVi: descriptionVi.trim() || null,
      descriptionEn: descriptionEn.trim() || null,
      icon,
      defaultHandlingUnitId: unitId || null,
      deadlineWorkingDays: byHours ? null : n,
      deadlineHours: byHours ? n : null,
      sensitive,
      // Left empty: a new category goes last, an edited one keeps its place.
      sortOrder: sortOrder.trim() !== '' ? Number(sortOrder) : category ? undefined : Math.min(nextOrder, 10000),
      extraFields: fromDrafts(drafts),
    } satisfies Omit<CategoryInput, 'code'>;
    if (category) {
      update.mutate(body);
    } else {
      create.mutate(
        { ...body, code: code.trim(), active, ...(province ? { provinceCode: province } : {}) },
        { onSuccess: (c) => navigate(`/admin/categories/${c.id}`, { state: { created: true } }) },
      );
    }
  };

  const failed = !!mutation.error || Object.keys(problems).length > 0;
  return (
    <form onSubmit={submit} noValidate className="stack-lg">
      <section className="card stack">
        <Field
          label={t('admin.fs.cat.nameVi')}
          value={nameVi}
          required
          maxLength={200}
          onChange={(e) => {
            setNameVi(e.target.value);
            if (!category && !codeTouched) setCode(codeFrom(e.target.value, '-'));
          }}
          error={err('nameVi')}
        />
        <Field
          label={t('admin.fs.cat.nameEn')}
          value={nameEn}
          required
          maxLength={200}
          onChange={(e) => setNameEn(e.target.value)}
          error={err('nameEn')}
        />
        {!category && (
          <Field
            label={t('admin.fs.cat.code')}
            hint={t('admin.fs.cat.codeHint')}
            value={code}
            maxLength={40}
            autoCapitalize="none"
            spellCheck={false}
            onChange={(e) => {
              setCode(e.target.value);
              setCodeTouched(true);
            }}
            error={err('code')}
          />
        )}
        <TextareaField
          label={t('admin.fs.cat.descriptionVi')}
          optional
          value={descriptionVi}
          maxLength={2000}
          onChange={(e) => setDescriptionVi(e.target.value)}
          error={err('descriptionVi')}
        />
        <TextareaField
          label={t('admin.fs.cat.descriptionEn')}
          optional
          value={descriptionEn}
          maxLength={2000}
          onChange={(e) => setDescriptionEn(e.target.value)}
          error={err('descriptionEn')}
        />
        <IconPicker value={icon} onChange={setIcon} error={err('icon')} />
      </section>

      <section className="card stack">
        <DefaultUnitSelect value={unitId} onChange={setUnitId} error={err('defaultHandlingUnitId')} />
        <fieldset className="stack">
          <legend>{t('admin.fs.cat.deadline')}</legend>
          <div className="fs-choice">
            <label className="check fs-check">
              <input type="radio" name="deadline-kind" checked={!byHours} onChange={() => setByHours(false)} />
              <span>{t('admin.fs.cat.byDays')}</span>
            </label>
            <label className="check fs-check">
              <input type="radio" name="deadline-kind" checked={byHours} onChange={() => setByHours(true)} />
              <span>{t('admin.fs.cat.byHours')}</span>
            </label>
          </div>
          <Field
            label={byHours ? t('admin.fs.cat.hoursLabel') : t('admin.fs.cat.daysLabel')}
            hint={byHours ? t('admin.fs.cat.hoursHint') : t('admin.fs.cat.daysHint')}
            type="number"
            inputMode="numeric"
            min={1}
            max={byHours ? 720 : 90}
            step={1}
            value={amount}
            onChange={(e) => setAmount(e.target.value)}
            error={err('deadlineWorkingDays') ?? err('deadlineHours')}
          />
        </fieldset>
        <label className="check fs-check">
          <input type="checkbox" checked={sensitive} onChange={(e) => setSensitive(e.target.checked)} />
          <span>{t('admin.fs.cat.sensitive')}</span>
        </label>
        <Field
          label={t('admin.fs.cat.sortOrder')}
          hint={t('admin.fs.cat.sortOrderHint')}
          type="number"
          inputMode="numeric"
          min={0}
          max={10000}
          placeholder={category ? String(category.sortOrder) : String(nextOrder)}
          value={sortOrder}
          onChange={(e) => setSortOrder(e.target.value)}
          error={err('sortOrder')}
        />
        {!category && (
          <label className="check fs-check">
            <input type="checkbox" checked={active} onChange={(e) => setActive(e.target.checked)} />
            <span>{t('admin.fs.cat.activeCheck')}</span>
          </label>
        )}
      </section>

      <section className="card">
        <ExtraFieldsEditor
          drafts={drafts}
          onChange={(next) => {
            setDrafts(next);
            setProblems({});
          }}
          error={err}
        />
      </section>

      <div className="stack">
        {failed && <ErrorMessage error={mutation.error ?? new Error(t('admin.fs.cat.fixErrors'))} />}
        {update.isSuccess && !failed && <Notice tone="success">{t('admin.fs.cat.saved')}</Notice>}
        <div className="form-actions">
          <button type="submit" className="btn btn-primary btn-lg" disabled={mutation.isPending}>
            {category ? t('admin.fs.cat.save') : t('admin.fs.cat.create')}
          </button>
        </div>
      </div>
    </form>
  );
}
