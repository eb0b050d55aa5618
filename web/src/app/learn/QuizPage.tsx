import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useMe } from '../../api/auth';
import { type QuizAttemptResult, useCourse, useProgress, useQuizAttempt } from '../../api/learning';
import { ErrorMessage, Notice, PageHeader, QueryState } from '../../components/ui';
import { RequireUser } from '../shell/guards';
import { newId, useLearnOffline } from './shared';

type Answers = Record<string, string[]>;

function Result({ result, pass }: { result: QuizAttemptResult; pass: number }) {
  const { t } = useTranslation();
  return (
    <section
      className={`alert ${result.passed ? 'alert-success' : 'alert-warning'} stack learn-result`}
      aria-labelledby="learn-result"
    >
      <h2 id="learn-result">
        <strong>{result.passed ? t('learn.passed') : t('learn.failed')}</strong>
      </h2>
      <p>
        {t('learn.score', {
          correct: result.review.filter((q) => q.correct).length,
          total: result.review.length,
          percent: result.score,
        })}
      </p>
      <p>{result.passed ? t('learn.passedLead') : t('learn.failedLead', { pass })}</p>
    </section>
  );
}

/** /learn/:id/quiz: answer, submit, then the score, pass or not, the right answers and their explanations. */
function Quiz() {
  const { t } = useTranslation();
  const { id } = useParams();
  const me = useMe();
  const course = useCourse(id);
  const progress = useProgress(id, !!me.data);
  const attempt = useQuizAttempt(id ?? '');
  const [answers, setAnswers] = useState<Answers>({});
  const [result, setResult] = useState<QuizAttemptResult | null>(null);
  const [missing, setMissing] = useState(0);
  const attemptId = useRef(newId());
  const resultRef = useRef<HTMLDivElement>(null);
  const c = course.data;
  const quiz = c?.quiz;
  const p = progress.data;
  const attemptsLeft = result ? result.attemptsLeft : (p?.quiz?.attemptsLeft ?? quiz?.maxAttempts ?? null);
  const outOfAttempts = attemptsLeft !== null && attemptsLeft <= 0;
  const byQuestion = new Map(result?.review.map((q) => [q.questionId, q]) ?? []);

  const toggle = (qid: string, oid: string, single: boolean, on: boolean) => {
    setAnswers((a) => {
      const cur = a[qid] ?? [];
      const next = single ? [oid] : on ? [...new Set([...cur, oid])] : cur.filter((x) => x !== oid);
      return { ...a, [qid]: next };
    });
  };
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    if (!quiz) return;
    const unanswered = quiz.questions.filter((q) => !(answers[q.id]?.length ?? 0)).length;
    setMissing(unanswered);
    if (unanswered) return;
    attempt.mutate(
      {
        attemptId: attemptId.current,
        answers: Object.fromEntries(quiz.questions.map((q) => [q.id, answers[q.id] ?? []])),
      },
      {
        onSuccess: (r) => {
          setResult(r);
          attemptId.current = newId();
          setTimeout(() => {
            resultRef.current?.scrollIntoView({ block: 'start' });
            resultRef.current?.querySelector<HTMLElement>('h2')?.focus();
          }, 0);
        },
      },
    );
  };
  const again = () => {
    setResult(null);
    setAnswers({});
    window.scrollTo({ top: 0 });
  };

  return (
    <div className="stack">
      <p>
        <Link to={`/learn/${id}`}>{t('learn.backCourse', { title: c?.title ?? '' })}</Link>
      </p>
      <QueryState query={course}>
        {c && !quiz && <p>{t('learn.noQuiz')}</p>}
        {c && quiz && (
          <>
            <PageHeader title={t('learn.quizTitle', { title: c.title })} />
            <div ref={resultRef} tabIndex={-1}>
              {result && <Result result={result} pass={quiz.passPercent} />}
            </div>
            {!result && <p className="lead">{t('learn.quizLead', { pass: quiz.passPercent })}</p>}
            {progress.isSuccess && !p?.enrolment && (
              <Notice tone="warning">
                <Link to={`/learn/${id}`}>{t('learn.needEnrolQuiz')}</Link>
              </Notice>
            )}
            <form className="stack" onSubmit={submit} noValidate>
              {quiz.questions.map((q, i) => {
                const scored = byQuestion.get(q.id);
                const right = new Set(scored?.correctOptionIds ?? []);
                const chosen = answers[q.id] ?? [];
                return (
                  <fieldset
                    key={q.id}
                    className={`learn-question stack${scored ? (scored.correct ? ' is-right' : ' is-wrong') : ''}`}
                  >
                    <legend>
                      {t('learn.question', { n: i + 1 })}
                      {scored && <> — {scored.correct ? t('learn.right') : t('learn.wrong')}</>}
                    </legend>
                    <p>{q.text}</p>
                    <p className="item-meta">{q.kind === 'single' ? t('learn.single') : t('learn.multiple')}</p>
                    {q.options.map((o) => (
                      <label key={o.id} className="check">
                        <input
                          type={q.kind === 'single' ? 'radio' : 'checkbox'}
                          name={q.id}
                          value={o.id}
                          checked={chosen.includes(o.id)}
                          disabled={!!result || attempt.isPending}
                          onChange={(e) => toggle(q.id, o.id, q.kind === 'single', e.target.checked)}
                        />
                        <span className={right.has(o.id) ? 'learn-option-right' : undefined}>
                          {o.text}
                          {right.has(o.id) && <> ({t('learn.rightAnswer')})</>}
                          {scored && chosen.includes(o.id) && (
                            <span className="item-meta"> — {t('learn.yourAnswer')}</span>
                          )}
                        </span>
                      </label>
                    ))}
                    {scored?.explanation && (
                      <p>
                        <strong>{t('learn.explanation')}</strong> {scored.explanation}
                      </p>
                    )}
                  </fieldset>
                );
              })}
              {missing > 0 && !result && (
                <p className="field-error" role="alert">
                  {t('learn.unanswered', { count: missing })}
                </p>
              )}
              <ErrorMessage error={attempt.error} />
              <p role="status" className="muted">
                {attemptsLeft === null
                  ? ''
                  : outOfAttempts
                    ? t('learn.noAttemptsLeft')
                    : t('learn.attemptsLeft', { count: attemptsLeft })}
              </p>
              <div className="form-actions">
                {!result && (
                  <button
                    type="submit"
                    className="btn btn-primary btn-lg"
                    disabled={attempt.isPending || outOfAttempts || !p?.enrolment}
                  >
                    {attempt.isPending ? t('learn.submitting') : t('learn.submit')}
                  </button>
                )}
                {result && !result.passed && !outOfAttempts && (
                  <button type="button" className="btn btn-primary btn-lg" onClick={again}>
                    {t('learn.retry')}
                  </button>
                )}
                {result && (
                  <Link to={`/learn/${id}`} className={`btn btn-lg${result.passed ? ' btn-primary' : ''}`}>
                    {t('learn.backToCourse')}
                  </Link>
                )}
              </div>
            </form>
          </>
        )}
      </QueryState>
    </div>
  );
}

export default function QuizPage() {
  useLearnOffline();
  return (
    <RequireUser>
      <Quiz />
    </RequireUser>
  );
}
