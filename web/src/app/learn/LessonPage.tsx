import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { useMe } from '../../api/auth';
import { useCourse, useLesson, useMarkDone, useProgress } from '../../api/learning';
import { ErrorMessage, Notice, PageHeader, QueryState } from '../../components/ui';
import { ProgressBar, useLearnOffline, useOnline } from './shared';

function formatBytes(n: number) {
  return n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1024))} kB`;
}

/**
 * /learn/:id/lessons/:lessonId: the lesson's text first (the server renders it with lazy, resized images), then
 * "Đánh dấu đã học" and the next lesson. Read once, it reads offline (the service worker keeps the answer).
 */
export default function LessonPage() {
  const { t } = useTranslation();
  useLearnOffline();
  const { id, lessonId } = useParams();
  const navigate = useNavigate();
  const online = useOnline();
  const me = useMe();
  const lesson = useLesson(id, lessonId);
  const course = useCourse(id);
  const progress = useProgress(id, !!me.data);
  const markDone = useMarkDone(id ?? '');
  const r = lesson.data;
  const p = progress.data;
  const enrolled = !!p?.enrolment;
  const isDone = !!lessonId && !!p?.doneLessonIds.includes(lessonId);
  const hasQuiz = !!course.data?.quiz;
  const nextHref = r?.nextId ? `/learn/${id}/lessons/${r.nextId}` : hasQuiz ? `/learn/${id}/quiz` : `/learn/${id}`;
  const nextLabel = r?.nextId ? t('learn.next') : hasQuiz ? t('learn.takeQuiz') : t('learn.backToCourse');
  return (
    <div className="stack">
      <p>
        <Link to={`/learn/${id}`}>{t('learn.backCourse', { title: r?.courseTitle ?? course.data?.title ?? '' })}</Link>
      </p>
      {!online && <Notice tone="warning">{t('learn.offline')}</Notice>}
      <QueryState query={lesson}>
        {r && (
          <>
            <p className="item-meta">
              {t('learn.lessonOf', { n: r.position, total: r.lessonCount })} ·{' '}
              {t('learn.minutes', { count: r.lesson.minutes })}
            </p>
            <PageHeader title={r.lesson.title} />
            {enrolled && course.data && (
              <ProgressBar done={p?.lessonsDone ?? 0} total={p?.lessonsTotal ?? course.data.lessons.length} />
            )}
            {/* Safe HTML rendered by the server at publish time from the author's Markdown (no raw HTML). */}
            <article
              className="learn-lesson"
              // biome-ignore lint/security/noDangerouslySetInnerHtml: sanitised by the server when the course is published
              dangerouslySetInnerHTML={{ __html: r.lesson.html }}
            />
            {r.lesson.videoLinks.length > 0 && (
              <section className="card stack" aria-labelledby="learn-videos">
                <h2 id="learn-videos">{t('learn.videos')}</h2>
                <ul className="plain-list">
                  {r.lesson.videoLinks.map((v) => (
                    <li key={v.url}>
                      <a href={v.url} target="_blank" rel="noopener noreferrer">
                        {v.title}
                      </a>
                    </li>
                  ))}
                </ul>
              </section>
            )}
            {r.lesson.attachments.length > 0 && (
              <section className="card stack" aria-labelledby="learn-attachments">
                <h2 id="learn-attachments">{t('learn.attachments')}</h2>
                <ul className="plain-list">
                  {r.lesson.attachments.map((a) => (
                    <li key={a.mediaId}>
                      <a href={`/api/courses/media/${a.mediaId}/pdf`}>{a.title}</a>{' '}
                      <span className="item-meta">(PDF, {formatBytes(a.bytes)})</span>
                    </li>
                  ))}
                </ul>
              </section>
            )}
            <div className="card stack">
              {enrolled ? (
                isDone ? (
                  <p className="learn-option-right" role="status">
                    {t('learn.markedDone')}
                  </p>
                ) : (
                  <button
                    type="button"
                    className="btn btn-primary btn-lg"
                    disabled={markDone.isPending}
                    onClick={() => markDone.mutate(r.lesson.id, { onSuccess: () => navigate(nextHref) })}
                  >
                    {markDone.isPending ? t('learn.marking') : t('learn.markDone')}
                  </button>
                )
              ) : (
                <p className="muted">
                  <Link to={`/learn/${id}`}>{t('learn.readOnly')}</Link>
                </p>
              )}
              <ErrorMessage error={markDone.error} />
              <nav className="learn-nav" aria-label={t('learn.outline')}>
                {r.previousId ? (
                  <Link to={`/learn/${id}/lessons/${r.previousId}`} className="btn">
                    {t('learn.previous')}
                  </Link>
                ) : (
                  <span />
                )}
                <Link to={nextHref} className={`btn${isDone || !enrolled ? ' btn-primary' : ''}`}>
                  {nextLabel}
                </Link>
              </nav>
              <p className="item-meta">{t('learn.offlineNote')}</p>
            </div>
          </>
        )}
      </QueryState>
    </div>
  );
}
