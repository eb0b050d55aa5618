import './strings';
import { SUPPORT_LIMITS } from '@common/constants/support';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { fieldError } from '../../api/client';
import {
  type SupportQuestionDetail,
  useAcceptAnswer,
  useAnswerQuestion,
  useModerate,
  useSupportQuestion,
} from '../../api/support';
import { Dialog, ErrorMessage, Field, PageHeader, QueryState, TextareaField } from '../../components/ui';
import { inLang } from '../catalog/labels';
import { RequireUser } from '../shell/guards';
import { Byline, NETWORK_ROLES } from './shared';
import './support.css';

type Target = { kind: 'questions' | 'answers'; id: string };

/** Hiding asks for a reason (it goes to the audit trail); showing again does not. */
function HideDialog({ target, onClose }: { target: Target | null; onClose: () => void }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const moderate = useModerate();
  return (
    <Dialog
      open={!!target}
      title={target?.kind === 'questions' ? t('support.hideQuestion') : t('support.hide')}
      onClose={onClose}
    >
      <form
        className="stack"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          if (target)
            moderate.mutate({ ...target, hidden: true, reason: reason.trim() || undefined }, { onSuccess: onClose });
        }}
      >
        <Field
          label={t('support.hideReason')}
          hint={t('support.hideReasonHint')}
          value={reason}
          maxLength={SUPPORT_LIMITS.reason}
          onChange={(e) => setReason(e.target.value)}
          error={fieldError(moderate.error, 'reason')}
        />
        <ErrorMessage error={moderate.error} />
        <div className="row-between">
          <button type="button" className="btn" onClick={onClose}>
            {t('support.cancel')}
          </button>
          <button type="submit" className="btn btn-danger" disabled={moderate.isPending}>
            {t('support.confirmHide')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

function Answers({ q }: { q: SupportQuestionDetail }) {
  const { t } = useTranslation();
  const accept = useAcceptAnswer();
  const moderate = useModerate();
  const [hiding, setHiding] = useState<Target | null>(null);
  return (
    <section className="stack" aria-labelledby="answers-title">
      <h2 id="answers-title">
        {t('support.answersTitle')} ({q.answers.filter((a) => !a.hidden).length})
      </h2>
      {q.answers.length === 0 && <p>{t('support.noAnswers')}</p>}
      <ErrorMessage error={accept.error ?? moderate.error} />
      <ul className="support-answers">
        {q.answers.map((a) => (
          <li key={a.id} className={`card stack${a.accepted ? ' support-accepted' : ''}`}>
            {a.accepted && <p className="support-accepted-label">✓ {t('support.accepted')}</p>}
            {a.hidden && (
              <p className="badge badge-danger">{t('support.hiddenBecause', { reason: a.hiddenReason ?? '' })}</p>
            )}
            <p className="support-body">{a.body}</p>
            <Byline author={a.author} at={a.createdAt} />
            {(q.can.accept || q.can.moderate) && (
              <div className="support-actions">
                {q.can.accept && !a.accepted && !a.hidden && (
                  <button type="button" className="btn" disabled={accept.isPending} onClick={() => accept.mutate(a.id)}>
                    {t('support.accept')}
                  </button>
                )}
                {q.can.moderate &&
                  (a.hidden ? (
                    <button
                      type="button"
                      className="btn-link"
                      onClick={() => moderate.mutate({ kind: 'answers', id: a.id, hidden: false })}
                    >
                      {t('support.show')}
                    </button>
                  ) : (
                    <button type="button" className="btn-link" onClick={() => setHiding({ kind: 'answers', id: a.id })}>
                      {t('support.hide')}
                    </button>
                  ))}
              </div>
            )}
          </li>
        ))}
      </ul>
      <HideDialog key={hiding?.id ?? 'none'} target={hiding} onClose={() => setHiding(null)} />
    </section>
  );
}

function AnswerForm({ id }: { id: string }) {
  const { t } = useTranslation();
  const [body, setBody] = useState('');
  const answer = useAnswerQuestion(id);
  return (
    <form
      className="card stack"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        answer.mutate({ body }, { onSuccess: () => setBody('') });
      }}
    >
      <TextareaField
        label={t('support.yourAnswer')}
        hint={t('support.answerHint')}
        value={body}
        rows={5}
        maxLength={SUPPORT_LIMITS.answer}
        onChange={(e) => setBody(e.target.value)}
        error={fieldError(answer.error, 'body')}
      />
      <ErrorMessage error={fieldError(answer.error, 'body') ? null : answer.error} />
      <button type="submit" className="btn btn-primary" disabled={answer.isPending}>
        {t('support.sendAnswer')}
      </button>
    </form>
  );
}

/** /support/:id: a question, its answers (the accepted one first), the answer form, accept and hide. */
export default function QuestionPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const question = useSupportQuestion(id);
  const moderate = useModerate();
  const [hiding, setHiding] = useState<Target | null>(null);
  const q = question.data;
  return (
    <RequireUser roles={NETWORK_ROLES}>
      <div className="stack">
        <p>
          <Link to="/support">{t('support.back')}</Link>
        </p>
        <QueryState query={question}>
          {q && (
            <>
              <PageHeader title={q.title} />
              <p className="support-tags">
                <span className={`badge ${q.status === 'answered' ? 'badge-ok' : 'badge-muted'}`}>
                  {q.status === 'answered' ? t('support.answered') : t('support.open')}
                </span>{' '}
                {q.services.map((s) => (
                  <Link key={s.id} to={`/catalog/${s.slug}`} className="badge badge-muted">
                    {inLang(s.name, s.nameEn)}
                  </Link>
                ))}
              </p>
              {q.hidden && (
                <p className="badge badge-danger">{t('support.hiddenBecause', { reason: q.hiddenReason ?? '' })}</p>
              )}
              <p className="support-body">{q.body}</p>
              <Byline author={q.author} at={q.createdAt} />
              {q.can.moderate && (
                <p>
                  {q.hidden ? (
                    <button
                      type="button"
                      className="btn-link"
                      onClick={() => moderate.mutate({ kind: 'questions', id: q.id, hidden: false })}
                    >
                      {t('support.show')}
                    </button>
                  ) : (
                    <button
                      type="button"
                      className="btn-link"
                      onClick={() => setHiding({ kind: 'questions', id: q.id })}
                    >
                      {t('support.hideQuestion')}
                    </button>
                  )}
                </p>
              )}
              <Answers q={q} />
              {q.can.answer && <AnswerForm id={q.id} />}
              <HideDialog key={hiding?.id ?? 'none'} target={hiding} onClose={() => setHiding(null)} />
            </>
          )}
        </QueryState>
      </div>
    </RequireUser>
  );
}
