import './strings';
import './news.css';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useNewsHome } from '../../api/news';
import { NewsItem } from './shared';

/**
 * The home page's "Tin tức – thông báo": the province's news and the followed communes' (or the person's own
 * commune's), pinned first; a few rows, no images, so the home page stays light.
 */
export default function HomeNews({ signedIn }: { signedIn: boolean }) {
  const { t } = useTranslation();
  const home = useNewsHome(signedIn);
  const items = home.data?.items ?? [];
  return (
    <section aria-labelledby="home-news" className="stack">
      <div className="home-section-head">
        <h2 id="home-news">{t('news.title')}</h2>
        <Link to="/news">{t('news.seeAll')}</Link>
      </div>
      {home.data && home.data.units.length > 1 && (
        <p className="item-meta">{t('news.homeOf', { units: home.data.units.map((u) => u.name).join(', ') })}</p>
      )}
      {home.isPending ? (
        <ul className="news-list" aria-busy="true">
          {[0, 1].map((i) => (
            <li key={i} className="news-item is-placeholder" style={{ minHeight: 96 }} />
          ))}
        </ul>
      ) : items.length === 0 ? (
        <p className="muted">{t('news.homeEmpty')}</p>
      ) : (
        <ul className="news-list">
          {items.map((p) => (
            <NewsItem key={p.id} post={p} />
          ))}
        </ul>
      )}
    </section>
  );
}
