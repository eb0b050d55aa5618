import '../strings';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useManagedCourse } from '../../../api/learning';
import { Notice, PageHeader, QueryState } from '../../../components/ui';
import { AdminPage } from '../../admin/shared';
import { AudienceBadges } from '../shared';
import { MarkdownPreview } from './markdown';
import '../learn.css';

/** /learn/manage/:id/preview: the saved draft as learners will read it, with the quiz's right answers. */
export default function CoursePreviewPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const course = useManagedCourse(id);
  const d = course.data?.draft;
  return (
    <AdminPage>
      <div className="stack">
        <p>
          <Link to={`/learn/manage/${id}`}>{t('learn.backEditor')}</Link>
        </p>
        <QueryState query={course}>
          {d && (
            <>
              <PageHeader title={t('learn.previewTitle', { title: d.title })} />
              <Notice>{t('learn.previewNote')}</Notice>
              <p className="lead">{d.description}</p>
              <p className="item-meta">
                {t('learn.lessons', { count: d.lessons?.length ?? 0 })} ·{' '}
                {t('learn.minutes', { count: d.estimatedMinutes ?? 0 })}
              </p>
              <AudienceBadges audiences={d.audiences ?? []} />
              {(d.lessons ?? []).map((l, i) => (
                <section key={l.id} className="card stack" aria-labelledby={`pv-${l.id}`}>
                  <p className="item-meta">
                    {t('learn.lessonOf', { n: i + 1, total: d.lessons?.length ?? 0 })} ·{' '}
                    {t('learn.minutes', { count: l.minutes })}
                  </p>
                  <h2 id={`pv-${l.id}`}>{l.title}</h2>
                  <div className="learn-lesson">
                    <MarkdownPreview source={l.markdown} />
                  </div>
                  {l.videoLinks.length > 0 && (
                    <ul className="plain-list">
                      {l.videoLinks.map((v) => (
                        <li key={v.url}>
                          {t('learn.videos')}: {v.title} ({v.url})
                        </li>
                      ))}
                    </ul>
                  )}
                  {l.attachments.length > 0 && (
                    <ul className="plain-list">
                      {l.attachments.map((a) => (
                        <li key={a.mediaId}>
                          {t('learn.attachments')}: <a href={`/api/courses/media/${a.mediaId}/pdf`}>{a.title}</a>
                        </li>
                      ))}
                    </ul>
                  )}
                </section>
              ))}
              {d.quiz && (
                <section className="card stack" aria-labelledby="pv-quiz">
                  <h2 id="pv-quiz">{t('learn.quiz')}</h2>
                  <p className="item-meta">
                    {t('learn.quizInfo', { count: d.quiz.questions.length, pass: d.quiz.passPercent })} ·{' '}
                    {d.quiz.maxAttempts
                      ? t('learn.attemptsMax', { count: d.quiz.maxAttempts })
                      : t('learn.attemptsUnlimited')}
                  </p>
                  <ol>
                    {d.quiz.questions.map((q) => (
                      <li key={q.id}>
                        <p>{q.text}</p>
                        <ul>
                          {q.options.map((o) => (
                            <li
                              key={o.id}
                              className={q.correctOptionIds?.includes(o.id) ? 'learn-option-right' : undefined}
                            >
                              {o.text}
                              {q.correctOptionIds?.includes(o.id) && <> ({t('learn.rightAnswer')})</>}
                            </li>
                          ))}
                        </ul>
                        {q.explanation && (
                          <p>
                            <strong>{t('learn.explanation')}</strong> {q.explanation}
                          </p>
                        )}
                      </li>
                    ))}
                  </ol>
                </section>
              )}
            </>
          )}
        </QueryState>
      </div>
    </AdminPage>
  );
}
