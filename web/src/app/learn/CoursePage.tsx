import type { LearnerCategory } from '@common/constants/learning';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate, useParams, useSearchParams } from 'react-router';
import { useMe } from '../../api/auth';
import { certificatePdfUrl, useMyCertificates } from '../../api/certificates';
import { fieldError } from '../../api/client';
import { type CourseProgress, type CourseReader, useCourse, useEnrol, useProgress } from '../../api/learning';
import { ErrorMessage, Notice, PageHeader, QueryState } from '../../components/ui';
import { formatDate } from '../../i18n';
import { signInPath } from '../shell/guards';
import {
  AudienceBadges,
  CourseFacts,
  LearnerFields,
  ProgressBar,
  ServiceBadges,
  useLearnOffline,
  useOnline,
} from './shared';

/** Where to carry on: the first lesson not read yet, else the quiz if not passed, else the first lesson. */
export function resumeTarget(course: CourseReader, progress: CourseProgress | undefined) {
  const done = new Set(progress?.doneLessonIds ?? []);
  const firstNotDone = course.lessons.find((l) => !done.has(l.id));
  if (firstNotDone) return `/learn/${course.id}/lessons/${firstNotDone.id}`;
  if (course.quiz && !progress?.quiz?.passed) return `/learn/${course.id}/quiz`;
  return course.lessons[0] ? `/learn/${course.id}/lessons/${course.lessons[0].id}` : null;
}

function EnrolForm({ course }: { course: CourseReader }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const enrol = useEnrol(course.id);
  const [value, setValue] = useState({ category: '', communeCode: '', hamletCode: '' });
  const [problems, setProblems] = useState<Record<string, string | undefined>>({});
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const p: Record<string, string | undefined> = {};
    if (!value.category) p.category = t('learn.needCategory');
    if (!value.communeCode) p.commune = t('learn.needCommune');
    setProblems(p);
    if (Object.values(p).some(Boolean)) {
      setTimeout(() => document.querySelector<HTMLElement>('.learn-enrol [aria-invalid="true"]')?.focus(), 0);
      return;
    }
    enrol.mutate(
      { category: value.category as LearnerCategory, unitCode: value.hamletCode || value.communeCode },
      {
        onSuccess: () => {
          const first = course.lessons[0];
          if (first) navigate(`/learn/${course.id}/lessons/${first.id}`);
        },
      },
    );
  };
  return (
    <form className="card stack learn-enrol" onSubmit={onSubmit} noValidate aria-labelledby="learn-enrol-title">
      <h2 id="learn-enrol-title">{t('learn.enrolTitle')}</h2>
      <p className="muted">{t('learn.enrolLead')}</p>
      <LearnerFields
        value={value}
        onChange={setValue}
        errors={{
          category: problems.category ?? fieldError(enrol.error, 'category'),
          commune: problems.commune ?? fieldError(enrol.error, 'unitCode'),
        }}
      />
      <ErrorMessage error={enrol.error && !fieldError(enrol.error, 'category') ? enrol.error : null} />
      <button type="submit" className="btn btn-primary btn-lg" disabled={enrol.isPending}>
        {enrol.isPending ? t('learn.enrolling') : t('learn.enrol')}
      </button>
    </form>
  );
}

function Outline({ course, progress }: { course: CourseReader; progress: CourseProgress | undefined }) {
  const { t } = useTranslation();
  const done = new Set(progress?.doneLessonIds ?? []);
  return (
    <section className="card stack" aria-labelledby="learn-outline">
      <h2 id="learn-outline">{t('learn.outline')}</h2>
      <ol className="learn-outline">
        {course.lessons.map((l, i) => (
          <li key={l.id}>
            <Link to={`/learn/${course.id}/lessons/${l.id}`}>
              <span className={`learn-mark${done.has(l.id) ? ' is-done' : ''}`} aria-hidden="true">
                {done.has(l.id) ? '✓' : i + 1}
              </span>
              <span className="learn-outline-text">
                <span className="item-title">{l.title}</span>
                <span className="item-meta">
                  {t('learn.minutes', { count: l.minutes })}
                  {progress?.enrolment && <> · {done.has(l.id) ? t('learn.done') : t('learn.notDone')}</>}
                </span>
              </span>
            </Link>
          </li>
        ))}
        {course.quiz && (
          <li>
            <Link to={`/learn/${course.id}/quiz`}>
              <span className={`learn-mark${progress?.quiz?.passed ? ' is-done' : ''}`} aria-hidden="true">
                {progress?.quiz?.passed ? '✓' : '?'}
              </span>
              <span className="learn-outline-text">
                <span className="item-title">{t('learn.quiz')}</span>
                <span className="item-meta">
                  {t('learn.quizInfo', { count: course.quiz.questions.length, pass: course.quiz.passPercent })}
                  {progress?.quiz?.passed && <> · {t('learn.passed')}</>}
                </span>
              </span>
            </Link>
          </li>
        )}
      </ol>
      {course.quiz && (
        <p className="item-meta">
          {course.quiz.maxAttempts
            ? t('learn.attemptsMax', { count: course.quiz.maxAttempts })
            : t('learn.attemptsUnlimited')}
        </p>
      )}
    </section>
  );
}

/**
 * The completed course: the date and the certificate (issued in the transaction that completed the course; found in
 * the learner's own certificates by course), to download and to verify.
 */
function Completed({ courseId, progress }: { courseId: string; progress: CourseProgress }) {
  const { t } = useTranslation();
  const mine = useMyCertificates();
  const certificate = mine.data?.items.find((c) => c.kind === 'course' && c.sourceId === courseId);
  const completedAt = progress.enrolment?.completedAt;
  return (
    <section className="card stack learn-certificate" aria-labelledby="learn-completed">
      <h2 id="learn-completed" className="learn-done-title">
        <span aria-hidden="true">✓ </span>
        <span>{t('learn.completed')}</span>
      </h2>
      {completedAt && <p>{t('learn.completedOn', { date: formatDate(completedAt) })}</p>}
      {certificate ? (
        <>
          <a className="btn btn-primary btn-lg" href={certificatePdfUrl(certificate.serial)} download>
            {t('learn.certificate')}
          </a>
          <p className="item-meta">
            {t('learn.certificateSerial')} <strong>{certificate.serial}</strong> ·{' '}
            <Link to={`/verify/${certificate.serial}`}>{t('learn.certificateVerify')}</Link>
          </p>
        </>
      ) : (
        <p className="muted">{mine.isPending ? t('learn.loading') : t('learn.certificatePending')}</p>
      )}
    </section>
  );
}

/** /learn/:id: the course's outline for anyone; enrolment, progress and "carry on" for the signed-in learner. */
export default function CoursePage() {
  const { t } = useTranslation();
  useLearnOffline();
  const { id } = useParams();
  const location = useLocation();
  const online = useOnline();
  const me = useMe();
  const course = useCourse(id);
  const progress = useProgress(id, !!me.data);
  const c = course.data;
  const p = progress.data;
  const resume = c ? resumeTarget(c, p) : null;
  // "Học tiếp" from my learning (?resume=1) goes straight on to where the learner stopped.
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const goOn = params.get('resume') === '1' && !!p?.enrolment && !p.completed && !!resume;
  useEffect(() => {
    if (goOn && resume) navigate(resume, { replace: true });
  }, [goOn, resume, navigate]);
  return (
    <div className="stack">
      <p>
        <Link to="/learn">{t('learn.back')}</Link>
      </p>
      {!online && <Notice tone="warning">{t('learn.offline')}</Notice>}
      <QueryState query={course}>
        {c && (
          <>
            <PageHeader title={c.title} />
            <p className="lead">{c.description}</p>
            <p className="learn-facts">
              <CourseFacts course={c} />
              <span className="item-meta">{t('learn.by', { unit: c.unit.name })}</span>
            </p>
            <div>
              <h2 className="visually-hidden">{t('learn.audiences')}</h2>
              <AudienceBadges audiences={c.audiences} />
              <ServiceBadges services={c.services} />
            </div>
            {p?.completed && id && <Completed courseId={id} progress={p} />}
            {p?.enrolment && (
              <div className="card stack">
                <ProgressBar done={p.lessonsDone} total={p.lessonsTotal} />
                {resume && !p.completed && (
                  <Link to={resume} className="btn btn-primary btn-lg">
                    {p.lessonsDone ? t('learn.resume') : t('learn.start')}
                  </Link>
                )}
              </div>
            )}
            {me.data && progress.isSuccess && !p?.enrolment && <EnrolForm course={c} />}
            {!me.isPending && !me.data && (
              <div className="card stack">
                <p>{t('learn.signInHint')}</p>
                <Link to={signInPath(location)} className="btn btn-primary btn-lg">
                  {t('learn.signInToEnrol')}
                </Link>
              </div>
            )}
            <Outline course={c} progress={p} />
          </>
        )}
      </QueryState>
    </div>
  );
}
