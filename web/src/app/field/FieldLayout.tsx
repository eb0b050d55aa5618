import './strings';
import './field.css';
import { useQuery } from '@tanstack/react-query';
import { createContext, Suspense, useContext, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet } from 'react-router';
import type { TeamList } from '../../../../common/teams';
import { useMe } from '../../api/auth';
import { api } from '../../api/client';
import type { Me } from '../../api/types';
import { Loading } from '../../components/ui';
import type { OutboxRecord } from '../../offline/outbox';
import { registerServiceWorker } from '../../offline/register-sw';
import type { SyncSummary } from '../../offline/sync';
import { useOnline, useOutbox, useSync } from '../../offline/useOutbox';
import { RequireUser } from '../shell/guards';
import { CampaignFocus } from './CampaignFocus';

export interface Hamlet {
  code: string;
  name: string;
}

export interface FieldContext {
  userId: string;
  hamlets: Hamlet[];
  records: OutboxRecord[] | null;
  online: boolean;
  sync: { run: () => Promise<SyncSummary | null>; busy: boolean; last: SyncSummary | null };
}

const Ctx = createContext<FieldContext | null>(null);

export function useField(): FieldContext {
  const v = useContext(Ctx);
  if (!v) throw new Error('useField outside the field area');
  return v;
}

/** The hamlets a member records for: those of their team_member roles (a role on a commune lists no hamlet here). */
function memberHamlets(me: Me | null | undefined): Hamlet[] {
  return (me?.assignments ?? [])
    .filter((a) => a.role === 'team_member' && a.unitCode)
    .map((a) => ({ code: a.unitCode!, name: a.unitName ?? a.unitCode! }));
}

/** The member's own team (kept by the service worker for offline use). */
function useMyTeam(hamlet: string | undefined) {
  return useQuery({
    queryKey: ['field', 'team', hamlet],
    enabled: !!hamlet,
    staleTime: 60 * 60_000,
    networkMode: 'offlineFirst',
    queryFn: ({ signal }) => api<TeamList>('/api/teams', { query: { unit: hamlet }, signal, keepOffline: true }),
  });
}

/** Pending count, connection state and the sync button: always in view in the member's area. */
function SyncBar({ ctx }: { ctx: FieldContext }) {
  const { t } = useTranslation();
  const pending = ctx.records?.filter((r) => r.status === 'pending').length ?? 0;
  const refused = ctx.records?.filter((r) => r.status === 'refused').length ?? 0;
  const last = ctx.sync.last;
  // What a tap on "Đồng bộ ngay" did is said once it is done; the automatic runs speak only when they stop early.
  const [tapped, setTapped] = useState(false);
  let message = '';
  if (last?.stopped)
    message =
      last.stopped.code === 'network'
        ? t('field.syncOffline')
        : t('field.syncStopped', { message: last.stopped.message });
  else if (tapped && last && !ctx.sync.busy)
    message = last.sent ? t('field.syncDone', { count: last.synced }) : t('field.syncNothing');
  return (
    <section className="field-bar" aria-label={t('field.title')}>
      <div className="field-bar-row">
        <p className={`field-badge${pending ? ' is-pending' : ''}`} role="status" aria-live="polite">
          {pending ? t('field.pending', { count: pending }) : t('field.allSynced')}
          {refused > 0 && <span className="field-badge-refused"> · {t('field.refusedCount', { count: refused })}</span>}
        </p>
        <button
          type="button"
          className="btn btn-primary field-sync"
          onClick={() => {
            setTapped(true);
            void ctx.sync.run();
          }}
          aria-busy={ctx.sync.busy}
        >
          {ctx.sync.busy ? t('field.syncing') : t('field.syncNow')}
        </button>
      </div>
      {!ctx.online && <p className="field-offline">{t('field.offline')}</p>}
      {message && ctx.online && (
        <p className="field-offline" role="status">
          {message}
        </p>
      )}
    </section>
  );
}

function FieldArea({ me }: { me: Me }) {
  const { t } = useTranslation();
  const userId = me.user.id;
  const hamlets = memberHamlets(me);
  const records = useOutbox(userId);
  const online = useOnline();
  const sync = useSync(userId);
  const team = useMyTeam(hamlets[0]?.code);
  useEffect(() => registerServiceWorker(), []);
  const ctx: FieldContext = { userId, hamlets, records, online, sync };
  const myTeam = team.data?.items[0];
  return (
    <Ctx.Provider value={ctx}>
      <div className="field stack">
        <SyncBar ctx={ctx} />
        {myTeam && (
          <p className="item-meta field-team">
            <Link to={`/teams/${myTeam.id}`}>{t('field.teamOf', { name: myTeam.name })}</Link>
          </p>
        )}
        {/* ── Trọng tâm tháng này (this month's campaign focus): the campaigns domain's GET /api/campaigns/current ── */}
        <CampaignFocus />
        <Suspense fallback={<Loading />}>
          <Outlet />
        </Suspense>
      </div>
    </Ctx.Provider>
  );
}

/** The team member's area: an offline-first app (service worker, outbox in IndexedDB, sync). */
export default function FieldLayout() {
  const me = useMe();
  return <RequireUser roles={['team_member']}>{me.data && <FieldArea me={me.data} />}</RequireUser>;
}
