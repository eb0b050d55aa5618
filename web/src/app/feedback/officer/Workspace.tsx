import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { type CancelReason, type ListKind, useBulkAction, useReportList, useWorkQueues } from '../../../api/feedback';
import { Dialog, ErrorMessage, LoadMore, Notice, PageHeader, QueryState, SelectField } from '../../../components/ui';
import { RequireUser } from '../../shell/guards';
import { ReportRow } from '../citizen/MyReports';
import { cancelReasonLabel, OFFICER_CANCEL_REASONS } from '../labels';
import { DeadlineBadge, WhyDisabled } from '../shared';

const OFFICER_ROLES = ['handling_officer', 'commune_admin', 'province_admin'] as const;

function Queue({ kind }: { kind: Exclude<ListKind, 'mine'> }) {
  const { t } = useTranslation();
  const [status, setStatus] = useState('distributed');
  const list = useReportList(kind, kind === 'inbox' ? { status } : {});
  const bulk = useBulkAction();
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [cancelling, setCancelling] = useState(false);
  const [reason, setReason] = useState<CancelReason | ''>('');
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const toggle = (id: string) =>
    setSelected((s) => {
      const n = new Set(s);
      if (n.has(id)) n.delete(id);
      else n.add(id);
      return n;
    });
  const run = (action: 'accept' | 'cancel') =>
    bulk.mutate(
      { action, ids: [...selected], reason: action === 'cancel' ? (reason as CancelReason) : undefined },
      {
        onSuccess: () => {
          setSelected(new Set());
          setCancelling(false);
        },
      },
    );
  return (
    <div className="stack">
      {kind === 'inbox' && (
        <SelectField label={t('feedback.officer.show')} value={status} onChange={(e) => setStatus(e.target.value)}>
          <option value="distributed">{t('feedback.officer.open_')}</option>
          <option value="resolved">{t('feedback.officer.done')}</option>
          <option value="all">{t('feedback.officer.all')}</option>
        </SelectField>
      )}
      {kind === 'screening' && items.length > 0 && (
        <div className="fb-bulk" aria-live="polite">
          <span>{t('feedback.officer.selected', { count: selected.size })}</span>
          <button
            type="button"
            className="btn btn-primary"
            disabled={!selected.size || bulk.isPending}
            aria-describedby={!selected.size ? 'fb-why-bulk' : undefined}
            onClick={() => run('accept')}
          >
            {t('feedback.officer.bulkAccept')}
          </button>
          <button
            type="button"
            className="btn"
            disabled={!selected.size || bulk.isPending}
            aria-describedby={!selected.size ? 'fb-why-bulk' : undefined}
            onClick={() => setCancelling(true)}
          >
            {t('feedback.officer.bulkCancel')}
          </button>
          <WhyDisabled id="fb-why-bulk" reason={!selected.size && t('feedback.why.select')} />
        </div>
      )}
      <ErrorMessage error={bulk.error} />
      {bulk.data && bulk.data.failed.length > 0 && (
        <Notice tone="warning">
          {t('feedback.officer.bulkFailed', { count: bulk.data.failed.length })}{' '}
          {bulk.data.failed.map((f) => f.message).join('; ')}
        </Notice>
      )}
      <QueryState query={list}>
        {items.length === 0 ? (
          <p>{t(`feedback.officer.empty.${kind}`)}</p>
        ) : (
          <ul className="list">
            {items.map((r) => (
              <ReportRow
                key={r.id}
                r={r}
                to={`/reports/${r.id}`}
                lead={
                  kind === 'screening' && (
                    <label className="check fb-select">
                      <input type="checkbox" checked={selected.has(r.id)} onChange={() => toggle(r.id)} />
                      <span className="visually-hidden">{t('feedback.officer.select', { code: r.publicCode })}</span>
                    </label>
                  )
                }
                extra={
                  <>
                    {r.emergency && <span className="badge badge-danger">{t('feedback.report.emergency')}</span>}
                    {r.status === 'distributed' && <DeadlineBadge dueAt={r.dueAt} overdue={r.overdue} />}
                    {r.escalated && <span className="badge badge-danger">{t('feedback.officer.escalated')}</span>}
                    {(r as { awaitingInformation?: boolean }).awaitingInformation && (
                      <span className="badge badge-muted">{t('feedback.officer.awaiting')}</span>
                    )}
                  </>
                }
              />
            ))}
          </ul>
        )}
        <LoadMore query={list} />
      </QueryState>
      <Dialog open={cancelling} title={t('feedback.officer.bulkCancel')} onClose={() => setCancelling(false)}>
        <form
          className="stack"
          onSubmit={(e) => {
            e.preventDefault();
            run('cancel');
          }}
        >
          <p>{t('feedback.officer.selected', { count: selected.size })}</p>
          <SelectField
            label={t('feedback.officer.cancelReason')}
            value={reason}
            required
            onChange={(e) => setReason(e.target.value as CancelReason)}
          >
            <option value="">{t('feedback.officer.chooseReason')}</option>
            {OFFICER_CANCEL_REASONS.map((r) => (
              <option key={r} value={r}>
                {cancelReasonLabel(r)}
              </option>
            ))}
          </SelectField>
          <button
            type="submit"
            className="btn btn-danger"
            disabled={!reason || bulk.isPending}
            aria-describedby={!reason ? 'fb-why-bulk-cancel' : undefined}
          >
            {t('feedback.officer.do.cancel')}
          </button>
          <WhyDisabled id="fb-why-bulk-cancel" reason={!reason && t('feedback.why.cancelReason')} />
        </form>
      </Dialog>
    </div>
  );
}

/**
 * The officer's workspace at phone width: the screening queue and the unit's inbox, as tabs — only those the server
 * says this person can open (a commune administrator screens but has no unit inbox; a department's officer has an
 * inbox but screens nothing).
 */
export default function Workspace() {
  const { t } = useTranslation();
  return (
    <div>
      <PageHeader title={t('feedback.officer.title')} />
      <RequireUser roles={[...OFFICER_ROLES]}>
        <Queues />
      </RequireUser>
    </div>
  );
}

function Queues() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const queues = useWorkQueues();
  const tabs = (['screening', 'inbox'] as const).filter((k) => queues.data?.[k]);
  const asked = params.get('tab') === 'inbox' ? 'inbox' : 'screening';
  const tab = tabs.includes(asked) ? asked : tabs[0];
  return (
    <QueryState query={queues}>
      {!tab ? (
        <p>{t('feedback.officer.noQueues')}</p>
      ) : (
        <>
          {tabs.length > 1 && (
            <div role="tablist" aria-label={t('feedback.officer.title')} className="tabs">
              {tabs.map((k) => (
                <button
                  key={k}
                  type="button"
                  role="tab"
                  id={`tab-${k}`}
                  aria-selected={tab === k}
                  aria-controls={`panel-${k}`}
                  className="tab-btn"
                  onClick={() => setParams({ tab: k }, { replace: true })}
                >
                  {t(`feedback.officer.tab.${k}`)}
                </button>
              ))}
            </div>
          )}
          {tabs.length > 1 ? (
            <div role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`}>
              <Queue key={tab} kind={tab} />
            </div>
          ) : (
            <section className="stack" aria-labelledby={`queue-${tab}`}>
              <h2 id={`queue-${tab}`}>{t(`feedback.officer.tab.${tab}`)}</h2>
              <Queue kind={tab} />
            </section>
          )}
        </>
      )}
    </QueryState>
  );
}
