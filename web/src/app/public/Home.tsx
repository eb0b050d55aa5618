import { useQuery } from '@tanstack/react-query';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { WorkSummary } from '../../../../common/feedback-work';
import { rolesOf, useMe } from '../../api/auth';
import { api } from '../../api/client';
import type { PublicList, StatsResponse } from '../../api/feedback';
import type { Me } from '../../api/types';
import {
  CalendarIcon,
  CameraIcon,
  FeedbackIcon,
  GuideIcon,
  LearnIcon,
  MapIcon,
  PeopleIcon,
  UnitsIcon,
  UserIcon,
} from '../../components/icons';
import { usePageTitle } from '../../components/ui';
import { formatDateTime, formatNumber } from '../../i18n';
import { categoryName, statsStatusLabel } from '../feedback/labels';
import { StatusBadge } from '../feedback/shared';
import { adminEntriesFor } from '../shell/nav';
import './home.css';

// Its own small chunk, asked after the page's first paint: the home page stays as light as it was.
const HomeNews = lazy(() => import('../news/HomeNews'));

type Role = Me['assignments'][number]['role'];
const OFFICER: Role = 'handling_officer';
const ADMINS: Role[] = ['commune_admin', 'province_admin'];

/** The five latest public reports (no personal data), for everyone. */
function RecentReports() {
  const { t } = useTranslation();
  const recent = useQuery({
    queryKey: ['feedback', 'public', 'recent'],
    queryFn: ({ signal }) => api<PublicList>('/api/public/reports', { query: { limit: 5 }, signal }),
  });
  const items = recent.data?.items ?? [];
  return (
    <section aria-labelledby="home-recent" className="stack">
      <div className="home-section-head">
        <h2 id="home-recent">{t('home.recent')}</h2>
        <Link to="/public/reports">{t('home.allReports')}</Link>
      </div>
      {/* Space for five rows is kept while they load, so nothing below jumps. */}
      <ul className="list home-recent" aria-busy={recent.isPending} hidden={!recent.isPending && items.length === 0}>
        {recent.isPending
          ? [0, 1, 2, 3, 4].map((i) => <li key={i} className="list-item home-recent-row is-placeholder" />)
          : items.map((r) => (
              <li key={r.publicCode} className="list-item home-recent-row">
                <Link to={`/public/reports/${r.publicCode}`} className="home-recent-link">
                  {categoryName(r.category)}
                </Link>
                <span className="home-recent-text">{r.description}</span>
                <span className="item-meta">
                  <StatusBadge status={r.status} /> {r.communeName} · {formatDateTime(r.createdAt)}
                </span>
              </li>
            ))}
      </ul>
      {!recent.isPending && items.length === 0 && <p className="muted">{t('home.recentEmpty')}</p>}
    </section>
  );
}

/** A handling officer's inbox and a screener's queue, in counts, with the way into the work. */
function WorkCard() {
  const { t } = useTranslation();
  const work = useQuery({
    queryKey: ['feedback', 'work-summary'],
    queryFn: ({ signal }) => api<WorkSummary>('/api/reports/inbox/summary', { signal }),
  });
  const s = work.data;
  const figures = [
    ...(s?.inbox
      ? [
          { key: 'overdue', n: s.inbox.overdue, tone: s.inbox.overdue ? 'is-danger' : '' },
          { key: 'dueToday', n: s.inbox.dueToday, tone: s.inbox.dueToday ? 'is-warning' : '' },
          { key: 'open', n: s.inbox.open, tone: '' },
        ]
      : []),
    ...(s?.screening ? [{ key: 'pending', n: s.screening.pending, tone: '' }] : []),
  ];
  return (
    <section aria-labelledby="home-work" className="card stack">
      <h2 id="home-work">{t('home.work')}</h2>
      <dl className="home-figures" aria-busy={work.isPending}>
        {work.isPending
          ? [0, 1, 2].map((i) => <div key={i} className="home-figure is-placeholder" />)
          : figures.map((f) => (
              <div key={f.key} className={`home-figure ${f.tone}`}>
                <dt>{t(`home.${f.key}`)}</dt>
                <dd>{formatNumber(f.n)}</dd>
              </div>
            ))}
      </dl>
      {work.isError && <p className="muted">{t('home.workUnavailable')}</p>}
      <Link to="/work" className="btn btn-primary btn-lg">
        <FeedbackIcon />
        <span>{t('home.openWork')}</span>
      </Link>
    </section>
  );
}

/** An administrator's figures for their own unit (the province or their commune), from the public statistics. */
function UnitStats({ unitCode, unitName }: { unitCode: string; unitName: string }) {
  const { t } = useTranslation();
  const stats = useQuery({
    queryKey: ['feedback', 'stats', { unit: unitCode }],
    queryFn: ({ signal }) => api<StatsResponse>('/api/feedback/stats', { query: { unit: unitCode }, signal }),
  });
  const s = stats.data;
  const rows = (['resolved', 'distributed', 'pending', 'cancelled'] as const).map((k) => ({ k, n: s?.[k] ?? 0 }));
  return (
    <section aria-labelledby="home-stats" className="card stack">
      <h2 id="home-stats">{t('home.statsOf', { unit: unitName })}</h2>
      <dl className="home-figures" aria-busy={stats.isPending}>
        <div className="home-figure is-total">
          <dt>{t('feedback.stats.receivedShort')}</dt>
          <dd>{s ? formatNumber(s.received) : '…'}</dd>
        </div>
        {rows.map((r) => (
          <div key={r.k} className="home-figure">
            <dt>{statsStatusLabel(r.k)}</dt>
            <dd>{s ? formatNumber(r.n) : '…'}</dd>
          </div>
        ))}
      </dl>
      <Link to={`/feedback/stats?unit=${encodeURIComponent(unitCode)}`} className="btn">
        {t('home.seeStats')}
      </Link>
    </section>
  );
}

/**
 * The way in: each person lands on their work. Residents (and visitors) on sending a report, their own reports and
 * everyone's recent ones; handling officers on their inbox's deadlines; administrators on their unit's figures and
 * queues. The intro says only what the platform does today.
 */
export default function Home() {
  const { t } = useTranslation();
  const me = useMe();
  usePageTitle('');
  const roles = rolesOf(me.data);
  const admin = adminEntriesFor(roles);
  const adminScope = me.data?.assignments.find((a) => ADMINS.includes(a.role) && a.unitCode);
  const staff = roles.has(OFFICER) || !!adminScope;
  const signedIn = !!me.data;
  const name = me.data?.user.fullName.trim();

  const citizen = (
    <section aria-labelledby="home-report" className="stack">
      <h2 id="home-report" className={staff ? undefined : 'visually-hidden'}>
        {t('home.reportTitle')}
      </h2>
      <div className="home-actions">
        <Link to="/feedback/new" className="card home-action is-primary">
          <FeedbackIcon />
          <strong>{t('home.report')}</strong>
          <span>{t('home.reportHint')}</span>
        </Link>
        {signedIn ? (
          <Link to="/reports/mine" className="card home-action">
            <UserIcon />
            <strong>{t('home.mine')}</strong>
            <span>{t('home.mineHint')}</span>
          </Link>
        ) : (
          <Link to="/sign-in" className="card home-action">
            <UserIcon />
            <strong>{t('home.signIn')}</strong>
            <span>{t('home.signInHint')}</span>
          </Link>
        )}
        <Link to="/catalog" className="card home-action">
          <GuideIcon />
          <strong>{t('home.catalog')}</strong>
          <span>{t('home.catalogHint')}</span>
        </Link>
        <Link to="/tap-huan" className="card home-action">
          <CalendarIcon />
          <strong>{t('home.training')}</strong>
          <span>{t('home.trainingHint')}</span>
        </Link>
        <Link to="/learn" className="card home-action">
          <LearnIcon />
          <strong>{t('home.learn')}</strong>
          <span>{t('home.learnHint')}</span>
        </Link>
        <Link to="/cameras" className="card home-action">
          <CameraIcon />
          <strong>{t('home.cameras')}</strong>
          <span>{t('home.camerasHint')}</span>
        </Link>
      </div>
    </section>
  );

  return (
    <div className="home stack-lg">
      <section className="hero">
        <p className="eyebrow">{t('app.tagline')}</p>
        <h1 tabIndex={-1} className="page-title">
          {name ? t('home.hello', { name }) : t('home.title')}
        </h1>
        <p className="lead">{staff ? t('home.staffLead') : t('home.lead')}</p>
      </section>
      {roles.has('team_member') && (
        <Link to="/field" className="card home-action is-primary home-field">
          <PeopleIcon />
          <strong>{t('home.field')}</strong>
          <span>{t('home.fieldHint')}</span>
        </Link>
      )}
      {roles.has(OFFICER) && <WorkCard />}
      {adminScope && (
        <>
          {!roles.has(OFFICER) && <WorkCard />}
          <UnitStats unitCode={adminScope.unitCode!} unitName={adminScope.unitName ?? adminScope.unitCode!} />
        </>
      )}
      {citizen}
      <Suspense fallback={<section className="home-news-placeholder" style={{ minHeight: 160 }} />}>
        <HomeNews signedIn={signedIn} />
      </Suspense>
      <RecentReports />
      <section aria-labelledby="home-more" className="stack">
        <h2 id="home-more">{t('home.more')}</h2>
        <div className="cta-row">
          <Link to="/public/reports" className="btn btn-lg">
            <MapIcon />
            <span>{t('home.reportsMap')}</span>
          </Link>
          <Link to="/feedback/stats" className="btn btn-lg">
            <span>{t('home.stats')}</span>
          </Link>
          <Link to="/transparency" className="btn btn-lg">
            <span>{t('home.transparency')}</span>
          </Link>
          <Link to="/map" className="btn btn-lg">
            <UnitsIcon />
            <span>{t('home.mapCta')}</span>
          </Link>
          {admin.length > 0 && (
            <Link to="/admin" className="btn btn-lg">
              <span>{t('home.adminCta')}</span>
            </Link>
          )}
        </div>
        <p className="muted">{t('home.figures')}</p>
      </section>
    </div>
  );
}
