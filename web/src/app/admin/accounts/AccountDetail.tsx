import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { useAccountDetails, useGrantRole, useResetPassword, useRevokeRole, useUpdateAccount } from '../../../api/admin';
import { fieldError } from '../../../api/client';
import type { AccountDetail as Account, Assignment } from '../../../api/types';
import { CopyButton, ErrorMessage, Field, Notice, PageHeader, QueryState } from '../../../components/ui';
import { formatDateTime } from '../../../i18n';
import { AdminPage, ConfirmDialog, roleLabel } from '../shared';
import { ReasonDialog } from './ReasonDialog';
import { RoleScopeFields, useRoleScope } from './RoleScope';

function Facts({ a }: { a: Account }) {
  const { t } = useTranslation();
  const rows: [string, string][] = [
    [t('admin.accounts.phone'), a.phone ?? '—'],
    [t('admin.accounts.username'), a.username ?? '—'],
    [t('admin.accounts.email'), a.email ?? '—'],
    [t('admin.accounts.status'), a.status === 'active' ? t('admin.accounts.active') : t('admin.accounts.disabled')],
    [t('admin.accounts.totp'), a.totpEnabled ? t('admin.accounts.on') : t('admin.accounts.off')],
    [t('admin.accounts.sessions'), String(a.activeSessions)],
    [t('profile.language'), a.locale === 'en' ? 'English' : 'Tiếng Việt'],
    [t('admin.accounts.createdAt'), formatDateTime(a.createdAt)],
  ];
  return (
    <dl className="facts">
      {rows.map(([k, v]) => (
        <div key={k}>
          <dt>{k}</dt>
          <dd>{v}</dd>
        </div>
      ))}
    </dl>
  );
}

function Rename({ a }: { a: Account }) {
  const { t } = useTranslation();
  const update = useUpdateAccount(a.id);
  const [name, setName] = useState(a.fullName);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    update.mutate({ fullName: name.trim() });
  };
  return (
    <form onSubmit={submit} noValidate className="stack">
      <Field
        label={t('admin.accounts.fullName')}
        value={name}
        onChange={(e) => setName(e.target.value)}
        error={fieldError(update.error, 'fullName')}
        required
      />
      <ErrorMessage error={update.error} />
      {update.isSuccess && <Notice tone="success">{t('admin.accounts.saved')}</Notice>}
      <button type="submit" className="btn" disabled={update.isPending}>
        {t('admin.accounts.rename')}
      </button>
    </form>
  );
}

function Roles({ a }: { a: Account }) {
  const { t } = useTranslation();
  const grant = useGrantRole(a.id);
  const revoke = useRevokeRole(a.id);
  const scope = useRoleScope('team_member');
  const [revoking, setRevoking] = useState<Assignment | null>(null);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    grant.mutate(scope.body);
  };
  return (
    <div className="stack">
      {a.assignments.length === 0 ? (
        <p>{t('admin.accounts.noRoles')}</p>
      ) : (
        <ul className="list">
          {a.assignments.map((r) => (
            <li key={r.id} className="list-item row-between">
              <span>
                <span className="item-title">{roleLabel(r.role)}</span>
                <br />
                <span className="item-meta">{r.handlingUnitName ?? r.unitName ?? '—'}</span>
              </span>
              <button
                type="button"
                className="btn btn-danger"
                onClick={() => setRevoking(r)}
                aria-label={`${t('admin.accounts.revoke')}: ${roleLabel(r.role)}`}
              >
                {t('admin.accounts.revoke')}
              </button>
            </li>
          ))}
        </ul>
      )}
      <ErrorMessage error={revoke.error} />
      <form onSubmit={submit} noValidate className="stack">
        <h3>{t('admin.accounts.grantTitle')}</h3>
        <RoleScopeFields state={scope} error={grant.error} />
        <ErrorMessage error={grant.error} />
        {grant.isSuccess && <Notice tone="success">{t('admin.accounts.saved')}</Notice>}
        <button type="submit" className="btn btn-primary" disabled={grant.isPending}>
          {t('admin.accounts.grant')}
        </button>
      </form>
      <ConfirmDialog
        open={!!revoking}
        title={t('admin.accounts.revokeTitle')}
        text={revoking ? `${roleLabel(revoking.role)} — ${revoking.handlingUnitName ?? revoking.unitName ?? ''}` : ''}
        confirmLabel={t('admin.accounts.revoke')}
        danger
        busy={revoke.isPending}
        onClose={() => setRevoking(null)}
        onConfirm={() => revoking && revoke.mutate(revoking.id, { onSettled: () => setRevoking(null) })}
      />
    </div>
  );
}

function Security({ a }: { a: Account }) {
  const { t } = useTranslation();
  const update = useUpdateAccount(a.id);
  const reset = useResetPassword(a.id);
  const [confirm, setConfirm] = useState<'status' | 'reset' | null>(null);
  const disabling = a.status === 'active';
  return (
    <div className="stack">
      <div className="row">
        <button type="button" className={`btn${disabling ? ' btn-danger' : ''}`} onClick={() => setConfirm('status')}>
          {disabling ? t('admin.accounts.disable') : t('admin.accounts.enable')}
        </button>
        {a.canChangeCredentials && (
          <button type="button" className="btn" onClick={() => setConfirm('reset')}>
            {t('admin.accounts.resetPassword')}
          </button>
        )}
      </div>
      {!a.canChangeCredentials && (
        <p className="item-meta">
          {a.staffAccount ? t('admin.accounts.outOfScopeNote') : t('admin.accounts.ownAccountNote')}
        </p>
      )}
      <ErrorMessage error={update.error ?? reset.error} />
      {reset.data && (
        <div className="stack">
          <p>{t('admin.accounts.tempPassword')}</p>
          <code className="secret">{reset.data.temporaryPassword}</code>
          <CopyButton text={reset.data.temporaryPassword} />
        </div>
      )}
      <ConfirmDialog
        open={confirm === 'status'}
        title={disabling ? t('admin.accounts.disable') : t('admin.accounts.enable')}
        text={disabling ? t('admin.accounts.disableText') : undefined}
        confirmLabel={disabling ? t('admin.accounts.disable') : t('admin.accounts.enable')}
        danger={disabling}
        busy={update.isPending}
        onClose={() => setConfirm(null)}
        onConfirm={() =>
          update.mutate({ status: disabling ? 'disabled' : 'active' }, { onSettled: () => setConfirm(null) })
        }
      />
      <ConfirmDialog
        open={confirm === 'reset'}
        title={t('admin.accounts.resetPassword')}
        text={t('admin.accounts.resetText')}
        confirmLabel={t('admin.accounts.resetPassword')}
        danger
        busy={reset.isPending}
        onClose={() => setConfirm(null)}
        onConfirm={() => reset.mutate(undefined, { onSettled: () => setConfirm(null) })}
      />
    </div>
  );
}

function Body() {
  const { t } = useTranslation();
  const { id } = useParams();
  const location = useLocation();
  const navigate = useNavigate();
  const [reason, setReason] = useState<string | undefined>((location.state as { reason?: string } | null)?.reason);
  const details = useAccountDetails(id, reason);
  const back = (
    <p>
      <Link to="/admin/accounts">← {t('admin.accounts.backToList')}</Link>
    </p>
  );
  if (!reason) {
    return (
      <>
        {back}
        <PageHeader title={t('admin.accounts.reasonTitle')} />
        <ReasonDialog
          open
          onClose={() => navigate('/admin/accounts')}
          onReason={(r) => {
            setReason(r);
            navigate('.', { replace: true, state: { reason: r } });
          }}
        />
      </>
    );
  }
  return (
    <>
      {back}
      <QueryState query={details}>
        {details.data && (
          <div className="stack-lg">
            <PageHeader title={details.data.fullName || '—'} />
            <section className="card stack" aria-labelledby="acc-facts">
              <h2 id="acc-facts">{t('profile.details')}</h2>
              <Facts a={details.data} />
              <Rename key={details.data.fullName} a={details.data} />
            </section>
            <section className="card stack" aria-labelledby="acc-roles">
              <h2 id="acc-roles">{t('admin.accounts.roles')}</h2>
              <Roles a={details.data} />
            </section>
            <section className="card stack" aria-labelledby="acc-security">
              <h2 id="acc-security">{t('admin.accounts.status')}</h2>
              <Security a={details.data} />
            </section>
          </div>
        )}
      </QueryState>
    </>
  );
}

export default function AccountDetail() {
  return (
    <AdminPage>
      <Body />
    </AdminPage>
  );
}
