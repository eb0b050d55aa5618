import './strings';
import './news.css';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useNewsPost } from '../../api/news';
import { PageHeader, QueryState, usePageTitle } from '../../components/ui';
import { formatDateTime } from '../../i18n';
import { FollowBox } from './FollowBox';
import { KindBadge } from './shared';

/** /news/:id: one published post; an alert opens with its warning box (icon, word and border). */
export default function PostPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const post = useNewsPost(id);
  const p = post.data;
  usePageTitle(p?.title ?? t('news.title'));
  return (
    <div className="stack">
      <Link to="/news">{t('news.back')}</Link>
      <QueryState query={post}>
        {p && (
          <>
            <div className={p.isAlert ? 'news-post-alert stack-sm' : 'stack-sm'}>
              <KindBadge post={p} />
              <PageHeader title={p.title} />
              <p className="item-meta">
                {p.unit.name} ·{' '}
                <time dateTime={p.publishAt}>{t('news.publishedAt', { at: formatDateTime(p.publishAt) })}</time>
              </p>
            </div>
            {/* Safe HTML rendered by the server from the author's Markdown (no raw HTML passes). */}
            <article
              lang="vi"
              className="news-post"
              // biome-ignore lint/security/noDangerouslySetInnerHtml: rendered safe by the server (markdown-it, html: false)
              dangerouslySetInnerHTML={{ __html: p.html }}
            />
            {p.unit.level !== 'hamlet' && <FollowBox unitCode={p.unit.code} unitName={p.unit.name} />}
          </>
        )}
      </QueryState>
    </div>
  );
}
