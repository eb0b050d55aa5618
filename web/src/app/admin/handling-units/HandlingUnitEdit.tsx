import { MANAGED_HANDLING_UNIT_KINDS } from '@common/constants/handling-units';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import {
  useCreateHandlingUnit,
  useHandlingUnit,
  useHandlingUnits,
  useSetHandlingUnitActive,
  useUpdateHandlingUnit,
} from '../../../api/admin';
import { fieldError } from '../../../api/client';
import type { HandlingUnitCreate, HandlingUnitDetail } from '../../../api/types';
import {
  ErrorMessage,
  Field,
  Notice,
  PageHeader,
  QueryState,
  SelectField,
  TextareaField,
} from '../../../components/ui';
import { AdminPage, ConfirmDialog, useAdminScope } from '../shared';
import { AreasPicker } from './AreasPicker';
import { huKindLabel } from './HandlingUnitsPage';

type ManagedKind = HandlingUnitCreate['kind'];
const isManaged = (kind: string): kind is ManagedKind =>
  (MANAGED_HANDLING_UNIT_KINDS as readonly string[]).includes(kind);

function HandlingUnitForm({ unit }: { unit?: HandlingUnitDetail }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const scope = useAdminScope();
  const create = useCreateHandlingUnit();
  const update = useUpdateHandlingUnit(unit?.id ?? '');
  const mutation = unit ? update : create;
  const parents = useHandlingUnits({ unit: scope.provinceCode ?? undefined, limit: 200 });
  const parentOptions = (parents.data?.pages.flatMap((p) => p.items) ?? []).filter(
    (h) => h.id !== unit?.id && (h.kind !== 'commune_committee' || h.id === unit?.parentId),
  );
  const [code, setCode] = useState('');
  const [name, setName] = useState(unit?.name ?? '');
  const [nameEn, setNameEn] = useState(unit?.nameEn ?? '');
  const [kind, setKind] = useState<string>(unit?.kind ?? 'department');
  const [parentId, setParentId] = useState(unit?.parentId ?? '');
  const [email, setEmail] = useState(unit?.email ?? '');
  const [phone, setPhone] = useState(unit?.phone ?? '');
  const committee = !!unit && !isManaged(unit.kind);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const common = {
      name,
      nameEn: nameEn.trim() || null,
      parentId: parentId || null,
      email: email.trim() || null,
      phone: phone.trim() || null,
    };
    if (unit) {
      update.mutate({ ...common, ...(committee || !isManaged(kind) ? {} : { kind }) });
    } else if (isManaged(kind)) {
      create.mutate(
        { ...common, kind, ...(code.trim() ? { code: code.trim() } : {}) },
        { onSuccess: (created) => navigate(`/admin/handling-units/${created.id}`, { state: { created: true } }) },
      );
    }
  };
  const err = (f: string) => fieldError(mutation.error, f);
  return (
    <form onSubmit={submit} noValidate className="card stack">
      {!unit && (
        <Field
          label={t('admin.hu.code')}
          hint={t('admin.hu.codeHint')}
          optional
          value={code}
          onChange={(e) => setCode(e.target.value)}
          error={err('code')}
          autoCapitalize="none"
          spellCheck={false}
        />
      )}
      <Field
        label={t('admin.hu.name')}
        value={name}
        onChange={(e) => setName(e.target.value)}
        error={err('name')}
        required
      />
      <Field
        label={t('admin.hu.nameEn')}
        optional
        value={nameEn}
        onChange={(e) => setNameEn(e.target.value)}
        error={err('nameEn')}
      />
      {committee ? (
        <div className="field">
          <span className="item-title">{t('admin.hu.kind')}</span>
          <p className="muted">
            {huKindLabel(unit.kind)}. {t('admin.hu.committee')}
          </p>
        </div>
      ) : (
        <SelectField
          label={t('admin.hu.kind')}
          value={kind}
          onChange={(e) => setKind(e.target.value)}
          error={err('kind')}
        >
          {MANAGED_HANDLING_UNIT_KINDS.map((k) => (
            <option key={k} value={k}>
              {huKindLabel(k)}
            </option>
          ))}
        </SelectField>
      )}
      <SelectField
        label={t('admin.hu.parent')}
        value={parentId}
        onChange={(e) => setParentId(e.target.value)}
        error={err('parentId')}
      >
        <option value="">{t('admin.hu.noParent')}</option>
        {parentOptions.map((h) => (
          <option key={h.id} value={h.id}>
            {h.name}
          </option>
        ))}
      </SelectField>
      <div className="grid-2">
        <Field
          label={t('admin.hu.email')}
          optional
          type="email"
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          error={err('email')}
        />
        <Field
          label={t('admin.hu.phone')}
          optional
          type="tel"
          value={phone}
          onChange={(e) => setPhone(e.target.value)}
          error={err('phone')}
        />
      </div>
      <ErrorMessage error={mutation.error} />
      {update.isSuccess && <Notice tone="success">{t('admin.hu.saved')}</Notice>}
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={mutation.isPending}>
          {t('admin.hu.save')}
        </button>
      </div>
    </form>
  );
}

function ActiveToggle({ unit }: { unit: HandlingUnitDetail }) {
  const { t } = useTranslation();
  const toggle = useSetHandlingUnitActive(unit.id);
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const label = unit.active ? t('admin.hu.deactivate') : t('admin.hu.activate');
  return (
    <>
      <button type="button" className={`btn${unit.active ? ' btn-danger' : ''}`} onClick={() => setOpen(true)}>
        {label}
      </button>
      <ConfirmDialog
        open={open}
        title={`${label}: ${unit.name}`}
        confirmLabel={label}
        danger={unit.active}
        busy={toggle.isPending}
        onClose={() => setOpen(false)}
        onConfirm={() =>
          toggle.mutate(
            { active: !unit.active, reason: reason.trim() || undefined },
            { onSuccess: () => setOpen(false) },
          )
        }
      >
        <TextareaField
          label={t('admin.units.reason')}
          optional
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          maxLength={500}
        />
        <ErrorMessage error={toggle.error} />
      </ConfirmDialog>
    </>
  );
}

function Body() {
  const { t } = useTranslation();
  const { id } = useParams();
  const location = useLocation();
  const scope = useAdminScope();
  const unit = useHandlingUnit(id);
  if (!id) {
    return (
      <>
        <p>
          <Link to="/admin/handling-units">← {t('admin.hu.back')}</Link>
        </p>
        <PageHeader title={t('admin.hu.newTitle')} />
        <HandlingUnitForm />
      </>
    );
  }
  return (
    <QueryState query={unit}>
      {unit.data && (
        <div className="stack-lg">
          <div>
            <p>
              <Link to="/admin/handling-units">← {t('admin.hu.back')}</Link>
            </p>
            <PageHeader title={unit.data.name} />
            <p className="muted">
              {huKindLabel(unit.data.kind)} · {unit.data.code} · {t('admin.hu.belongsTo')} {unit.data.unitName}
              {!unit.data.active && ` · ${t('admin.hu.inactive')}`}
            </p>
            {(location.state as { created?: boolean } | null)?.created && (
              <Notice tone="success">{t('admin.hu.created')}</Notice>
            )}
          </div>
          <HandlingUnitForm key={unit.data.id} unit={unit.data} />
          <AreasPicker
            key={`areas-${unit.data.id}`}
            unit={unit.data}
            provinceCode={scope.provinceCode ?? unit.data.provinceCode}
          />
          <section className="card stack" aria-labelledby="hu-status">
            <h2 id="hu-status">{t('admin.accounts.status')}</h2>
            <p>{unit.data.active ? t('admin.accounts.active') : t('admin.hu.inactive')}</p>
            <div>
              <ActiveToggle unit={unit.data} />
            </div>
          </section>
        </div>
      )}
    </QueryState>
  );
}

export default function HandlingUnitEdit() {
  return (
    <AdminPage roles={['province_admin']}>
      <Body />
    </AdminPage>
  );
}
