import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApiKeys, useCreateApiKey, useRevokeApiKey } from '../../../api/admin';
import { fieldError } from '../../../api/client';
import type { ApiKeyView } from '../../../api/types';
import { CopyButton, ErrorMessage, Field, LoadMore, PageHeader, QueryState } from '../../../components/ui';
import { formatDateTime } from '../../../i18n';
import { AdminPage, ConfirmDialog, UnitScopeSelect, useAdminScope } from '../shared';

function CreateKey() {
  const { t } = useTranslation();
  const scope = useAdminScope();
  const create = useCreateApiKey();
  const [name, setName] = useState('');
  const [unitCode, setUnitCode] = useState(scope.provinceCode ?? '');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate({ name: name.trim(), ...(unitCode ? { unitCode } : {}) }, { onSuccess: () => setName('') });
  };
  return (
    <section className="card stack" aria-labelledby="key-create">
      <h2 id="key-create">{t('admin.keys.create')}</h2>
      {create.data && (
        <div className="alert alert-warning stack" role="alert">
          <p className="item-title">{t('admin.keys.createdTitle')}</p>
          <p>{t('admin.keys.createdText')}</p>
          <code className="secret">{create.data.key}</code>
          <div className="row">
            <CopyButton text={create.data.key} />
            <button type="button" className="btn" onClick={() => create.reset()}>
              {t('common.close')}
            </button>
          </div>
        </div>
      )}
      <form onSubmit={submit} noValidate className="stack">
        <Field
          label={t('admin.keys.name')}
          hint={t('admin.keys.nameHint')}
          value={name}
          onChange={(e) => setName(e.target.value)}
          error={fieldError(create.error, 'name')}
          maxLength={100}
          required
        />
        <UnitScopeSelect
          label={t('admin.keys.unit')}
          mode="any"
          value={unitCode}
          onChange={setUnitCode}
          error={fieldError(create.error, 'unitCode')}
        />
        <ErrorMessage error={create.error} />
        <button type="submit" className="btn btn-primary" disabled={create.isPending}>
          {t('admin.keys.create')}
        </button>
      </form>
    </section>
  );
}

function KeyList() {
  const { t } = useTranslation();
  const keys = useApiKeys();
  const revoke = useRevokeApiKey();
  const [revoking, setRevoking] = useState<ApiKeyView | null>(null);
  const items = keys.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <section className="stack" aria-labelledby="key-list">
      <h2 id="key-list">{t('admin.keys.list')}</h2>
      <QueryState query={keys}>
        {items.length === 0 ? (
          <p>{t('common.none')}</p>
        ) : (
          <ul className="list">
            {items.map((k) => (
              <li key={k.id} className="list-item">
                <p className="item-title">
                  {k.name} {k.revokedAt && <span className="badge badge-danger">{t('admin.keys.revoked')}</span>}
                </p>
                <p className="item-meta">
                  {t('admin.keys.prefix')} <code>{k.prefix}…</code> · {k.unitName ?? k.unitCode}
                </p>
                <p className="item-meta">
                  {formatDateTime(k.createdAt)} · {t('admin.keys.lastUsed')}:{' '}
                  {k.lastUsedAt ? formatDateTime(k.lastUsedAt) : t('admin.keys.never')}
                  {k.revokedAt && ` · ${t('admin.keys.revoked')} ${formatDateTime(k.revokedAt)}`}
                </p>
                {!k.revokedAt && (
                  <div className="item-actions">
                    <button
                      type="button"
                      className="btn btn-danger"
                      onClick={() => setRevoking(k)}
                      aria-label={`${t('admin.keys.revoke')}: ${k.name}`}
                    >
                      {t('admin.keys.revoke')}
                    </button>
                  </div>
                )}
              </li>
            ))}
          </ul>
        )}
        <LoadMore query={keys} />
      </QueryState>
      <ErrorMessage error={revoke.error} />
      <ConfirmDialog
        open={!!revoking}
        title={t('admin.keys.revokeTitle', { name: revoking?.name ?? '' })}
        text={t('admin.keys.revokeText')}
        confirmLabel={t('admin.keys.revoke')}
        danger
        busy={revoke.isPending}
        onClose={() => setRevoking(null)}
        onConfirm={() => revoking && revoke.mutate(revoking.id, { onSettled: () => setRevoking(null) })}
      />
    </section>
  );
}

export default function ApiKeysPage() {
  const { t } = useTranslation();
  return (
    <AdminPage roles={['province_admin']}>
      <PageHeader title={t('admin.keys.title')} />
      <p>{t('admin.keys.intro')}</p>
      <div className="stack-lg">
        <CreateKey />
        <KeyList />
      </div>
    </AdminPage>
  );
}
