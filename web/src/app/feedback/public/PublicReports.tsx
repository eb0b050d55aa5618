import { memo, useDeferredValue, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { type PublicFilters, type PublicReportItem, useCategories, usePublicReports } from '../../../api/feedback';
import { Field, LoadMore, PageHeader, QueryState, SelectField } from '../../../components/ui';
import { useDebounced } from '../../../components/useDebounced';
import { formatDateTime } from '../../../i18n';
import { CategoryIcon } from '../CategoryIcon';
import { categoryName, STATUSES, statusLabel } from '../labels';
import { StatusBadge, useCommuneNames } from '../shared';
import { ReportsMap } from './ReportsMap';

const PERIODS = ['7', '30', '90', '365', ''] as const;
const FILTERS = ['category', 'commune', 'status', 'period'] as const;

function isoDaysAgo(days: number) {
  const d = new Date(Date.now() - days * 86400_000);
  return d.toISOString().slice(0, 10);
}

// Memoised: the page renders again as each of its queries answers; the 30 rows stay as they are.
const Item = memo(function Item({ r }: { r: PublicReportItem }) {
  return (
    <li className="list-item fb-row">
      {r.thumbUrl ? (
        <img className="fb-row-thumb" src={r.thumbUrl} alt="" loading="lazy" />
      ) : (
        <span className="fb-row-icon">
          <CategoryIcon code={r.category.code} />
        </span>
      )}
      <div className="fb-row-main">
        <p className="item-title">
          <Link to={`/public/reports/${r.publicCode}`} className="fb-row-link">
            {r.publicCode} · {categoryName(r.category)}
          </Link>
        </p>
        <p>
          <StatusBadge status={r.status} />
        </p>
        <p className="fb-snippet">{r.description}</p>
        <p className="item-meta">
          {r.communeName} · {formatDateTime(r.createdAt)}
        </p>
      </div>
    </li>
  );
});

/** The filters beyond the search: category, commune, status, period (kept in the address). */
function Filters({ get, set }: { get: (k: string) => string; set: (k: string, v: string) => void }) {
  const { t } = useTranslation();
  const categories = useCategories();
  const communes = useCommuneNames();
  const period = get('period');
  return (
    <div className="filters">
      <SelectField
        label={t('feedback.report.category')}
        value={get('category')}
        onChange={(e) => set('category', e.target.value)}
      >
        <option value="">{t('feedback.public.all')}</option>
        {(categories.data ?? []).map((c) => (
          <option key={c.code} value={c.code}>
            {categoryName(c)}
          </option>
        ))}
      </SelectField>
      <SelectField
        label={t('feedback.report.commune')}
        value={get('commune')}
        onChange={(e) => set('commune', e.target.value)}
      >
        <option value="">{t('feedback.public.all')}</option>
        {communes.list.map((c) => (
          <option key={c.code} value={c.code}>
            {c.fullName}
          </option>
        ))}
      </SelectField>
      <SelectField
        label={t('feedback.public.status')}
        value={get('status')}
        onChange={(e) => set('status', e.target.value)}
      >
        <option value="">{t('feedback.public.all')}</option>
        {STATUSES.map((s) => (
          <option key={s} value={s}>
            {statusLabel(s)}
          </option>
        ))}
      </SelectField>
      <SelectField label={t('feedback.public.period')} value={period} onChange={(e) => set('period', e.target.value)}>
        {PERIODS.map((p) => (
          <option key={p} value={p}>
            {p ? t('feedback.public.lastDays', { count: Number(p) }) : t('feedback.public.anyTime')}
          </option>
        ))}
      </SelectField>
    </div>
  );
}

/** The commune's public figures when the list is filtered to one commune, else the way to choose one. */
function TransparencyLink({ commune }: { commune: string }) {
  const { t } = useTranslation();
  return (
    <p>
      {commune ? (
        <CommuneTransparencyLink commune={commune} />
      ) : (
        <Link to="/transparency">{t('feedback.public.transparency')}</Link>
      )}
    </p>
  );
}

// Its own component: the commune names are asked only with a commune chosen (the filters, open then, asked already).
function CommuneTransparencyLink({ commune }: { commune: string }) {
  const { t } = useTranslation();
  const names = useCommuneNames();
  return (
    <Link to={`/transparency/${encodeURIComponent(commune)}`}>
      {t('feedback.public.transparencyOf', { name: names.map.get(commune) ?? commune })}
    </Link>
  );
}

/** Everyone's reports: map and list with the same filters, kept in the address so a view can be shared. */
export default function PublicReports() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const get = (k: string) => params.get(k) ?? '';
  const set = (k: string, v: string) => {
    const next = new URLSearchParams(params);
    if (v) next.set(k, v);
    else next.delete(k);
    setParams(next, { replace: true });
  };
  const q = useDebounced(get('q'), 400);
  const [category, commune, status, period] = FILTERS.map(get);
  // One object per filter change, so the map (memoised) draws again only when the filters change.
  const filters: PublicFilters = useMemo(
    () => ({
      category: category || undefined,
      commune: commune || undefined,
      status: status || undefined,
      from: period ? isoDaysAgo(Number(period)) : undefined,
      q: q.trim() || undefined,
    }),
    [category, commune, status, period, q],
  );
  const active = FILTERS.filter((k) => params.get(k)).length;
  const [filtersOpen, setFiltersOpen] = useState(active > 0);
  const list = usePublicReports(filters);
  // The rows are drawn at low priority, React yielding to the browser as it goes: drawn as the answer arrives they
  // were one long task on a slow phone. Until they are drawn, the list shows it is loading.
  const pages = useDeferredValue(list.data?.pages);
  const items = useMemo(() => pages?.flatMap((p) => p.items) ?? [], [pages]);
  return (
    <div>
      <PageHeader title={t('feedback.public.title')}>
        <Link to="/feedback/new" className="btn btn-primary">
          {t('feedback.submit.title')}
        </Link>
      </PageHeader>
      <div className="stack fb-filters">
        <Field
          label={t('feedback.public.search')}
          hint={t('feedback.public.searchHint')}
          type="search"
          value={get('q')}
          onChange={(e) => set('q', e.target.value)}
        />
        <details
          className="fb-more"
          open={filtersOpen || undefined}
          onToggle={(e) => setFiltersOpen(e.currentTarget.open)}
        >
          <summary>{active ? t('feedback.public.filtersOn', { count: active }) : t('feedback.public.filters')}</summary>
          {/* Drawn (and the categories and communes asked for) only once opened: most visits never open it. */}
          {filtersOpen && <Filters get={get} set={set} />}
        </details>
        <TransparencyLink commune={commune} />
      </div>
      <ReportsMap filters={filters} />
      <section aria-labelledby="fb-public-list" className="stack">
        <h2 id="fb-public-list">{t('feedback.public.list')}</h2>
        <QueryState query={{ isPending: !pages, error: list.error, refetch: list.refetch }}>
          {items.length === 0 ? (
            <p>{t('feedback.public.none')}</p>
          ) : (
            <ul className="list">
              {items.map((r) => (
                <Item key={r.publicCode} r={r} />
              ))}
            </ul>
          )}
          <LoadMore query={list} />
        </QueryState>
      </section>
    </div>
  );
}
