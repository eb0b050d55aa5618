import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { type CatalogLinkView, useCatalogService } from '../../api/catalog';
import { ChevronRight } from '../../components/icons';
import { Notice, PageHeader, QueryState } from '../../components/ui';
import { formatDate } from '../../i18n';
import { FaqSection } from '../support/FaqSection';
import { inLang, linkLabel, pillarLabel } from './labels';
import './catalog.css';

/** Verified only with when and where it was checked; otherwise the page says so. */
export function LinkBadge({ link }: { link: CatalogLinkView }) {
  const { t } = useTranslation();
  if (link.verified && link.checkedOn)
    return (
      <>
        <span className="badge badge-verified">{t('catalog.verifiedOn', { date: formatDate(link.checkedOn) })}</span>
        <br />
        <span className="item-meta">{t('catalog.checkedAt', { source: link.checkedSource })}</span>
      </>
    );
  return (
    <>
      <span className="badge badge-unverified">{t('catalog.unverified')}</span>
      <br />
      <span className="item-meta">{t('catalog.unverifiedHint')}</span>
    </>
  );
}

/** One service: what it is for, its official links with their verification, and its guides. */
export default function ServicePage() {
  const { t } = useTranslation();
  const { slug } = useParams();
  const service = useCatalogService(slug);
  const s = service.data;
  return (
    <div className="stack">
      <p>
        <Link to="/catalog">{t('catalog.back')}</Link>
      </p>
      <QueryState query={service}>
        {s && (
          <>
            <PageHeader title={inLang(s.name, s.nameEn)}>
              {s.canEdit && (
                <Link to={`/admin/catalog/${s.slug}`} className="btn">
                  {t('catalog.edit')}
                </Link>
              )}
            </PageHeader>
            <p>
              <span className="badge badge-muted">{pillarLabel(s.pillar)}</span>{' '}
              {!s.published && <span className="badge badge-danger">{t('catalog.unpublished')}</span>}
            </p>
            <p className="muted">{t('catalog.publisher', { publisher: inLang(s.publisher, s.publisherEn) })}</p>
            <section className="card stack" aria-labelledby="catalog-purpose">
              <h2 id="catalog-purpose">{t('catalog.purpose')}</h2>
              <p>{inLang(s.purpose, s.purposeEn)}</p>
            </section>
            <section className="card stack" aria-labelledby="catalog-links">
              <h2 id="catalog-links">{t('catalog.links')}</h2>
              <Notice tone="warning">{t('catalog.scamWarning')}</Notice>
              {s.links.length === 0 ? (
                <p>{t('catalog.noLinks')}</p>
              ) : (
                <ul className="catalog-links">
                  {s.links.map((l) => (
                    <li key={l.id}>
                      <a href={l.url} target="_blank" rel="noopener noreferrer">
                        {linkLabel(l.kind)}
                      </a>
                      <br />
                      <span className="item-meta">{l.url}</span>
                      <br />
                      <LinkBadge link={l} />
                    </li>
                  ))}
                </ul>
              )}
            </section>
            <section className="stack" aria-labelledby="catalog-guides">
              <h2 id="catalog-guides">{t('catalog.guidesTitle')}</h2>
              {s.guides.length === 0 ? (
                <p>{t('catalog.noGuides')}</p>
              ) : (
                <ul className="list">
                  {s.guides.map((g) => (
                    <li key={g.id}>
                      <Link to={`/catalog/guides/${g.id}`} className="list-link">
                        <span>
                          <span className="item-title">{inLang(g.title, g.titleEn)}</span>
                          {!g.published && <span className="badge badge-danger"> {t('catalog.unpublished')}</span>}
                          <br />
                          <span className="item-meta">
                            {t('catalog.steps', { count: g.stepCount })} ·{' '}
                            {t('catalog.reviewed', { date: formatDate(g.reviewedOn) })}
                          </span>
                        </span>
                        <ChevronRight />
                      </Link>
                    </li>
                  ))}
                </ul>
              )}
            </section>
            {s.published && <FaqSection slug={s.slug} />}
          </>
        )}
      </QueryState>
    </div>
  );
}
