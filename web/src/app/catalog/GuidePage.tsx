import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { guidePdfUrl, useCatalogGuide } from '../../api/catalog';
import { PageHeader, QueryState } from '../../components/ui';
import { formatDate } from '../../i18n';
import { inLang } from './labels';
import './catalog.css';

/** One guide: its ordered steps (text and images), the review date and the one-page print. */
export default function GuidePage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const guide = useCatalogGuide(id);
  const g = guide.data;
  return (
    <div className="stack">
      <QueryState query={guide}>
        {g && (
          <>
            <p>
              <Link to={`/catalog/${g.service.slug}`}>{inLang(g.service.name, g.service.nameEn)}</Link>
            </p>
            <PageHeader title={inLang(g.title, g.titleEn)}>
              {g.canEdit && (
                <Link to={`/admin/catalog/guides/${g.id}`} className="btn">
                  {t('catalog.edit')}
                </Link>
              )}
            </PageHeader>
            <p className="muted">
              {t('catalog.reviewed', { date: formatDate(g.reviewedOn) })}
              {!g.published && <span className="badge badge-danger"> {t('catalog.unpublished')}</span>}
            </p>
            {g.summary && <p className="lead">{inLang(g.summary, g.summaryEn)}</p>}
            <ol className="catalog-steps">
              {g.steps.map((s, i) => (
                <li key={s.id}>
                  {inLang(s.text, s.textEn)}
                  {s.imageUrl && (
                    <img
                      src={s.imageUrl}
                      alt={t('catalog.stepImage', { n: i + 1 })}
                      width={s.imageWidth ?? undefined}
                      height={s.imageHeight ?? undefined}
                      loading="lazy"
                    />
                  )}
                </li>
              ))}
            </ol>
            <div className="card stack">
              <a href={guidePdfUrl(g.id)} className="btn btn-primary btn-lg" target="_blank" rel="noopener">
                {t('catalog.print')}
              </a>
              <p className="muted">{t('catalog.printHint')}</p>
            </div>
          </>
        )}
      </QueryState>
    </div>
  );
}
