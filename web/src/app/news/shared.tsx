import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import {
  NEWS_HAZARD_LABELS,
  NEWS_KIND_LABELS,
  type NewsHazard,
  type NewsKind,
} from '../../../../common/constants/news';
import type { NewsSummary } from '../../api/news';
import { formatDateTime } from '../../i18n';

type Lang = 'vi' | 'en';
const langOf = (l: string): Lang => (l === 'en' ? 'en' : 'vi');

export function useNewsLabels() {
  const { i18n } = useTranslation();
  const lang = langOf(i18n.language);
  return {
    kind: (k: NewsKind) => NEWS_KIND_LABELS[k][lang],
    hazard: (h: NewsHazard) => NEWS_HAZARD_LABELS[h][lang],
  };
}

/** A warning triangle: with the word "CẢNH BÁO" beside it, so an alert never relies on colour alone. */
export const AlertIcon = () => (
  <svg
    width="22"
    height="22"
    viewBox="0 0 24 24"
    fill="none"
    stroke="currentColor"
    strokeWidth="2.2"
    strokeLinecap="round"
    strokeLinejoin="round"
    aria-hidden="true"
    focusable="false"
  >
    <path d="M12 3 2 20h20L12 3z" />
    <path d="M12 10v4" />
    <path d="M12 17h.01" />
  </svg>
);

/** The kind of a post as a badge; an alert reads "CẢNH BÁO · Lũ, ngập lụt" with its icon. */
export function KindBadge({ post }: { post: Pick<NewsSummary, 'kind' | 'hazard' | 'isAlert'> }) {
  const { t } = useTranslation();
  const l = useNewsLabels();
  if (post.isAlert)
    return (
      <span className="news-alert-badge">
        <AlertIcon />
        <strong>{t('news.alert')}</strong>
        <span>· {post.hazard ? l.hazard(post.hazard) : l.kind(post.kind)}</span>
      </span>
    );
  return <span className="badge">{l.kind(post.kind)}</span>;
}

/** One post in a list: kind, pinned mark, title (the link), unit and time, the first words. */
export function NewsItem({ post, headingLevel = 3 }: { post: NewsSummary; headingLevel?: 2 | 3 }) {
  const { t } = useTranslation();
  const H = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <li className={`news-item${post.isAlert ? ' is-alert' : ''}`}>
      <div className="news-item-badges">
        <KindBadge post={post} />
        {post.pinned && <span className="badge badge-muted">{t('news.pinned')}</span>}
      </div>
      <H className="news-item-title">
        <Link to={`/news/${post.id}`}>{post.title}</Link>
      </H>
      <p className="item-meta">
        {post.unit.name} · <time dateTime={post.publishAt}>{formatDateTime(post.publishAt)}</time>
      </p>
      {post.summary && <p className="news-item-summary">{post.summary}</p>}
    </li>
  );
}
