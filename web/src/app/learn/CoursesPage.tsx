import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useMe } from '../../api/auth';
import { useCourses } from '../../api/learning';
import { ChevronRight } from '../../components/icons';
import { Field, PageHeader, QueryState } from '../../components/ui';
import { useDebounced } from '../../components/useDebounced';
import { AudienceLine, CourseFacts, ServiceBadges, useLearnOffline } from './shared';

/** /learn: the published courses, for anyone. */
export default function CoursesPage() {
  const { t } = useTranslation();
  useLearnOffline();
  const me = useMe();
  const [q, setQ] = useState('');
  const query = useDebounced(q.trim());
  const courses = useCourses({ q: query || undefined });
  const items = courses.data?.items ?? [];
  return (
    <div className="stack">
      <PageHeader title={t('learn.title')}>
        {me.data && (
          <Link to="/learn/mine" className="btn">
            {t('learn.mine')}
          </Link>
        )}
      </PageHeader>
      <p className="lead">{t('learn.lead')}</p>
      <Field
        label={t('learn.search')}
        hint={t('learn.searchHint')}
        type="search"
        value={q}
        onChange={(e) => setQ(e.target.value)}
      />
      <p className="muted" role="status">
        {courses.data ? t('learn.count', { count: items.length }) : ''}
      </p>
      <QueryState query={courses}>
        {items.length === 0 ? (
          <p>{t('learn.none')}</p>
        ) : (
          <ul className="list">
            {items.map((c) => (
              <li key={c.id}>
                <Link to={`/learn/${c.id}`} className="list-link">
                  <span className="learn-item">
                    <span className="item-title">{c.title}</span>
                    <span className="item-meta learn-desc">{c.description}</span>
                    <CourseFacts course={c} />
                    <AudienceLine audiences={c.audiences} />
                    <ServiceBadges services={c.services} />
                  </span>
                  <ChevronRight />
                </Link>
              </li>
            ))}
          </ul>
        )}
      </QueryState>
    </div>
  );
}
