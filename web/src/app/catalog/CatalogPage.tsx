import { CATALOG_PILLARS } from '@common/constants/catalog';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useCatalogServices } from '../../api/catalog';
import { ChevronRight } from '../../components/icons';
import { Field, PageHeader, QueryState } from '../../components/ui';
import { useDebounced } from '../../components/useDebounced';
import { inLang, pillarLabel } from './labels';
import './catalog.css';

/** The public catalog: published services grouped by pillar, searchable whatever the diacritics. */
export default function CatalogPage() {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const query = useDebounced(q);
  const services = useCatalogServices({ q: query.trim() || undefined });
  const items = services.data?.items ?? [];
  return (
    <div className="stack">
      <PageHeader title={t('catalog.title')} />
      <p className="lead">{t('catalog.lead')}</p>
      <Field
        label={t('catalog.search')}
        hint={t('catalog.searchHint')}
        type="search"
        value={q}
        onChange={(e) => setQ(e.target.value)}
      />
      <p className="muted" role="status">
        {services.data ? t('catalog.count', { count: items.length }) : ''}
      </p>
      <QueryState query={services}>
        {items.length === 0 && <p>{t('catalog.none')}</p>}
        {CATALOG_PILLARS.map((pillar) => {
          const group = items.filter((s) => s.pillar === pillar);
          if (!group.length) return null;
          return (
            <section key={pillar} className="catalog-group" aria-labelledby={`pillar-${pillar}`}>
              <h2 id={`pillar-${pillar}`}>{pillarLabel(pillar)}</h2>
              <ul className="list">
                {group.map((s) => (
                  <li key={s.id}>
                    <Link to={`/catalog/${s.slug}`} className="list-link">
                      <span>
                        <span className="item-title">{inLang(s.name, s.nameEn)}</span>
                        <span className="item-meta catalog-purpose">{inLang(s.purpose, s.purposeEn)}</span>
                        <span className="item-meta">
                          {inLang(s.publisher, s.publisherEn)} · {t('catalog.guides', { count: s.guideCount })}
                        </span>
                      </span>
                      <ChevronRight />
                    </Link>
                  </li>
                ))}
              </ul>
            </section>
          );
        })}
      </QueryState>
    </div>
  );
}
