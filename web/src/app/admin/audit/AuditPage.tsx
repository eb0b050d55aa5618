import { AUDIT_ACTION_LABELS, AUDIT_REASON_LABELS } from '@common/constants/audit';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type AuditFilter, useAudit } from '../../../api/admin';
import { currentLang } from '../../../api/client';
import type { AuditEntry } from '../../../api/types';
import { DateField } from '../../../components/DateField';
import { Field, LoadMore, PageHeader, QueryState, ScrollRegion, SelectField } from '../../../components/ui';
import { formatDateTime } from '../../../i18n';
import { AdminPage } from '../shared';

function actionLabel(action: string) {
  return AUDIT_ACTION_LABELS[action]?.[currentLang()] ?? action;
}

/** A reason the platform recorded (a key) in the reader's language; a person's own words as written. */
function reasonLabel(reason: string | null) {
  if (!reason) return '—';
  return AUDIT_REASON_LABELS[reason]?.[currentLang()] ?? reason;
}

function Who({ e }: { e: AuditEntry }) {
  const { t } = useTranslation();
  if (e.actor.name) return <>{e.actor.name}</>;
  return (
    <>
      {e.actor.kind === 'system'
        ? t('admin.audit.system')
        : e.actor.kind === 'api_key'
          ? t('admin.audit.apiKey')
          : t('admin.audit.citizen')}
    </>
  );
}

function Filters({ onApply }: { onApply: (f: AuditFilter) => void }) {
  const { t } = useTranslation();
  const [f, setF] = useState<AuditFilter>({});
  const set = (k: keyof AuditFilter) => (e: { target: { value: string } }) =>
    setF({ ...f, [k]: e.target.value || undefined });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onApply(Object.fromEntries(Object.entries(f).filter(([, v]) => v && String(v).trim())));
  };
  return (
    <form onSubmit={submit} noValidate aria-label={t('admin.audit.filters')}>
      <div className="filters">
        <SelectField label={t('admin.audit.action')} value={f.action ?? ''} onChange={set('action')}>
          <option value="">{t('admin.audit.allActions')}</option>
          {Object.keys(AUDIT_ACTION_LABELS).map((a) => (
            <option key={a} value={a}>
              {actionLabel(a)}
            </option>
          ))}
        </SelectField>
        <Field label={t('admin.audit.resourceType')} value={f.resourceType ?? ''} onChange={set('resourceType')} />
        <Field label={t('admin.audit.actor')} value={f.actor ?? ''} onChange={set('actor')} />
        <DateField
          label={t('admin.audit.from')}
          value={f.from ?? ''}
          onChange={(v) => setF({ ...f, from: v || undefined })}
        />
        <DateField
          label={t('admin.audit.to')}
          value={f.to ?? ''}
          onChange={(v) => setF({ ...f, to: v || undefined })}
        />
      </div>
      <div className="form-actions">
        <button type="submit" className="btn btn-primary">
          {t('admin.audit.apply')}
        </button>
        <button
          type="reset"
          className="btn"
          onClick={() => {
            setF({});
            onApply({});
          }}
        >
          {t('admin.audit.clear')}
        </button>
      </div>
    </form>
  );
}

function Body() {
  const { t } = useTranslation();
  const [filter, setFilter] = useState<AuditFilter>({});
  const audit = useAudit(filter);
  const items = audit.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <>
      <PageHeader title={t('admin.audit.title')} />
      <p>{t('admin.audit.intro')}</p>
      <Filters onApply={setFilter} />
      <div style={{ marginTop: 16 }}>
        <QueryState query={audit}>
          {items.length === 0 ? (
            <p>{t('admin.audit.empty')}</p>
          ) : (
            <ScrollRegion labelledBy="audit-caption" className="stacked">
              <table>
                <caption id="audit-caption">{t('admin.audit.caption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('admin.audit.at')}</th>
                    <th scope="col">{t('admin.audit.who')}</th>
                    <th scope="col">{t('admin.audit.what')}</th>
                    <th scope="col">{t('admin.audit.target')}</th>
                    <th scope="col">{t('admin.audit.reason')}</th>
                    <th scope="col">{t('admin.audit.details')}</th>
                  </tr>
                </thead>
                <tbody>
                  {items.map((e) => (
                    <tr key={e.id}>
                      <td data-label={t('admin.audit.at')}>{formatDateTime(e.at)}</td>
                      <td data-label={t('admin.audit.who')}>
                        <Who e={e} />
                      </td>
                      <td data-label={t('admin.audit.what')}>{actionLabel(e.action)}</td>
                      <td data-label={t('admin.audit.target')}>
                        <span>
                          {e.resourceType}
                          {e.resourceId && (
                            <>
                              <br />
                              <code>{e.resourceId}</code>
                            </>
                          )}
                        </span>
                      </td>
                      <td data-label={t('admin.audit.reason')}>{reasonLabel(e.reason)}</td>
                      <td data-label={t('admin.audit.details')}>
                        {e.details && Object.keys(e.details).length > 0 ? (
                          <details>
                            <summary>{t('admin.audit.details')}</summary>
                            <pre className="details">{JSON.stringify(e.details, null, 2)}</pre>
                          </details>
                        ) : (
                          '—'
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </ScrollRegion>
          )}
          <LoadMore query={audit} />
        </QueryState>
      </div>
    </>
  );
}

export default function AuditPage() {
  return (
    <AdminPage>
      <Body />
    </AdminPage>
  );
}
