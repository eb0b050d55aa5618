import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import type { ActivityInput, ActivityView } from '../../../../common/activities';
import { useMyActivities } from '../../api/activities';
import { useCatalogServices } from '../../api/catalog';
import { currentLang } from '../../api/client';
import { PlusIcon } from '../../components/icons';
import { LoadMore, Notice, PageHeader } from '../../components/ui';
import { formatDate, formatDateTime } from '../../i18n';
import { discardRefused, dismissConflict, type OutboxRecord } from '../../offline/outbox';
import { type Hamlet, useField } from './FieldLayout';
import { actionLabel, outcomeLabel } from './labels';

type Row = { id: string; input: ActivityInput; view?: ActivityView; record?: OutboxRecord };

function useServiceNames() {
  const services = useCatalogServices();
  const lang = currentLang();
  return new Map((services.data?.items ?? []).map((s) => [s.id, (lang === 'en' && s.nameEn) || s.name]));
}

function serviceName(item: { serviceId?: string | null; serviceName?: string | null }, names: Map<string, string>) {
  if (!item.serviceId) return null;
  return names.get(item.serviceId) ?? item.serviceName ?? null;
}

function ActivityCard({ row, hamlets, names }: { row: Row; hamlets: Hamlet[]; names: Map<string, string> }) {
  const { t } = useTranslation();
  const { userId } = useField();
  const { input, view, record } = row;
  const status = record?.status ?? 'synced';
  const hamlet = view?.hamletName ?? hamlets.find((h) => h.code === input.hamletCode)?.name ?? input.hamletCode;
  const items = view?.items ?? input.items;
  const editable =
    status !== 'synced' || (view ? Date.parse(view.editableUntil) > Date.now() : !!record && !!record.version);
  return (
    <li className="list-item field-card" data-status={status}>
      <div className="field-card-head">
        <strong className="item-title">{formatDateTime(input.occurredAt)}</strong>
        <span className={`badge field-status is-${status}`}>
          {status === 'pending'
            ? t('field.statusPending')
            : status === 'refused'
              ? t('field.statusRefused')
              : t('field.statusSynced')}
        </span>
      </div>
      <p className="item-meta">
        {hamlet} · {t('field.households', { count: input.households })} · {t('field.people', { count: input.people })}
      </p>
      <ul className="plain-list field-items">
        {items.map((i, n) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: an activity's items have no id and never reorder here
          <li key={n}>
            {actionLabel(i.action)} — {serviceName(i, names) ?? t('field.noService')} · {outcomeLabel(i.outcome)}
            {i.failureReason ? ` (${i.failureReason})` : ''}
          </li>
        ))}
      </ul>
      {input.note && <p className="field-note">{input.note}</p>}
      {record?.conflict && (
        <div className="alert alert-warning stack-sm" role="alert">
          <p>{t('field.conflict', { date: formatDate(input.occurredAt) })}</p>
          <button type="button" className="btn" onClick={() => void dismissConflict(userId, row.id)}>
            {t('field.conflictOk')}
          </button>
        </div>
      )}
      {status === 'refused' && record?.error && (
        <p className="field-error-text">{t('field.refusedBecause', { message: record.error.message })}</p>
      )}
      <div className="cta-row">
        {editable && (
          <Link to={`/field/activities/${row.id}`} className="btn">
            {status === 'refused' ? t('field.fix') : t('field.edit')}
          </Link>
        )}
        {status === 'refused' && (
          <button
            type="button"
            className="btn btn-danger"
            onClick={() => {
              if (window.confirm(t('field.discardConfirm'))) void discardRefused(userId, row.id);
            }}
          >
            {t('field.discard')}
          </button>
        )}
      </div>
    </li>
  );
}

/** `counted`: the whole section is on the device (a count means something); the server's list comes page by page. */
function Section({ id, title, rows, counted = true }: { id: string; title: string; rows: Row[]; counted?: boolean }) {
  const { hamlets } = useField();
  const names = useServiceNames();
  if (rows.length === 0) return null;
  return (
    <section aria-labelledby={id} className="stack">
      <h2 id={id}>{counted ? `${title} (${rows.length})` : title}</h2>
      <ul className="list field-list">
        {rows.map((r) => (
          <ActivityCard key={r.id} row={r} hamlets={hamlets} names={names} />
        ))}
      </ul>
    </section>
  );
}

/**
 * "Hoạt động của tôi": what waits on this device first (to fix, then to sync), then what the server has — from the
 * network, or the service worker's last copy offline — with the device's synced copies the server list lacks yet.
 */
export default function FieldHome() {
  const { t } = useTranslation();
  const { records } = useField();
  // The activity just saved (its id): the notice says where it stands, as the sync moves it on.
  const savedId = (useLocation().state as { saved?: string } | null)?.saved;
  const savedStatus = savedId ? (records?.find((r) => r.id === savedId)?.status ?? 'pending') : null;
  const mine = useMyActivities();
  const local = records ?? [];
  const byTime = (a: Row, b: Row) => b.input.occurredAt.localeCompare(a.input.occurredAt);
  const refused = local.filter((r) => r.status === 'refused').map((r) => ({ id: r.id, input: r.input, record: r }));
  const pending = local
    .filter((r) => r.status === 'pending')
    .map((r) => ({ id: r.id, input: r.input, record: r, view: r.server }))
    .sort(byTime);
  const waiting = new Set([...refused, ...pending].map((r) => r.id));
  const localById = new Map(local.map((r) => [r.id, r]));
  const serverViews = mine.data?.pages.flatMap((p) => p.activities) ?? [];
  const seen = new Set<string>();
  const synced: Row[] = [];
  for (const v of serverViews) {
    if (waiting.has(v.id) || seen.has(v.id)) continue;
    seen.add(v.id);
    const rec = localById.get(v.id);
    synced.push({ id: v.id, input: rec?.input ?? toInput(v), view: v, record: rec });
  }
  for (const r of local) {
    if (r.status === 'synced' && !seen.has(r.id)) synced.push({ id: r.id, input: r.input, view: r.server, record: r });
  }
  synced.sort(byTime);
  const empty = records !== null && !mine.isPending && refused.length + pending.length + synced.length === 0;
  return (
    <>
      <PageHeader title={t('field.mine')}>
        <Link to="/field/new" className="btn btn-primary btn-lg">
          <PlusIcon />
          <span>{t('field.record')}</span>
        </Link>
      </PageHeader>
      {savedStatus === 'refused' ? (
        <Notice tone="warning">{t('field.savedRefused')}</Notice>
      ) : (
        savedStatus && (
          <Notice tone="success">{savedStatus === 'synced' ? t('field.savedSynced') : t('field.savedLocal')}</Notice>
        )
      )}
      {empty && <p className="muted">{t('field.none')}</p>}
      <Section id="field-refused" title={t('field.sectionRefused')} rows={refused} />
      <Section id="field-pending" title={t('field.sectionPending')} rows={pending} />
      <Section id="field-synced" title={t('field.sectionSynced')} rows={synced} counted={false} />
      <LoadMore query={mine} />
    </>
  );
}

function toInput(v: ActivityView): ActivityInput {
  return {
    id: v.id,
    occurredAt: v.occurredAt,
    hamletCode: v.hamletCode,
    households: v.households,
    people: v.people,
    items: v.items,
    note: v.note,
  };
}
