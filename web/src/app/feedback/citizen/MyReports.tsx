import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { type ReportListItem, useCategories, useReportList } from '../../../api/feedback';
import { LoadMore, PageHeader, QueryState } from '../../../components/ui';
import { formatDateTime } from '../../../i18n';
import { RequireUser } from '../../shell/guards';
import { CategoryIcon } from '../CategoryIcon';
import { categoryName } from '../labels';
import { StatusBadge, useCommuneNames } from '../shared';

/** One row of a report list: code, status, category, commune, start of the text. */
export function ReportRow({
  r,
  to,
  extra,
  lead,
}: {
  r: ReportListItem;
  to: string;
  extra?: React.ReactNode;
  lead?: React.ReactNode;
}) {
  const categories = useCategories();
  const communes = useCommuneNames();
  const cat = categories.data?.find((c) => c.id === r.categoryId);
  return (
    <li className="list-item fb-row">
      {lead}
      <span className="fb-row-icon">
        <CategoryIcon icon={cat?.icon} code={cat?.code} />
      </span>
      <div className="fb-row-main">
        <p className="item-title">
          <Link to={to} className="fb-row-link">
            {r.publicCode} · {categoryName(cat) || '—'}
          </Link>
        </p>
        <p className="row">
          <StatusBadge status={r.status} />
          {extra}
        </p>
        <p className="fb-snippet">{r.description}</p>
        <p className="item-meta">
          {communes.map.get(r.communeCode) ?? r.communeCode} · {formatDateTime(r.createdAt)}
        </p>
      </div>
    </li>
  );
}

function List() {
  const { t } = useTranslation();
  const list = useReportList('mine');
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <QueryState query={list}>
      {items.length === 0 ? (
        <div className="stack">
          <p>{t('feedback.mine.empty')}</p>
        </div>
      ) : (
        <ul className="list">
          {items.map((r) => (
            <ReportRow key={r.id} r={r} to={`/reports/${r.id}`} />
          ))}
        </ul>
      )}
      <LoadMore query={list} />
    </QueryState>
  );
}

export default function MyReports() {
  const { t } = useTranslation();
  return (
    <div>
      <PageHeader title={t('feedback.mine.title')}>
        <Link to="/feedback/new" className="btn btn-primary">
          {t('feedback.submit.title')}
        </Link>
      </PageHeader>
      <RequireUser>
        <List />
      </RequireUser>
    </div>
  );
}
