import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type ReportView, useFollow, useFollowState, useReportAction } from '../../../api/feedback';
import { ErrorMessage, Notice, TextareaField } from '../../../components/ui';
import { formatDateTime } from '../../../i18n';
import { REOPEN_DAYS } from '../labels';
import { WhyDisabled } from '../shared';
import { ProvideInformation } from './ProvideInformation';
import { Withdraw } from './Withdraw';

function Stars({ value, onChange }: { value: number; onChange: (n: number) => void }) {
  const { t } = useTranslation();
  return (
    <fieldset className="fb-fieldset fb-stars">
      <legend>{t('feedback.rate.label')}</legend>
      <div className="row">
        {[1, 2, 3, 4, 5].map((n) => (
          <label key={n} className={`fb-star${n <= value ? ' is-on' : ''}`}>
            <input
              type="radio"
              name="rating"
              value={n}
              checked={value === n}
              onChange={() => onChange(n)}
              className="visually-hidden"
            />
            <span aria-hidden="true">★</span>
            <span className="visually-hidden">{t('feedback.rate.stars', { count: n })}</span>
          </label>
        ))}
      </div>
      {value > 0 && <p className="muted">{t(`feedback.rate.level${value}`)}</p>}
    </fieldset>
  );
}

/** What the reporter can do: answer a question, rate the answer, reopen within 7 days, follow. */
export function CitizenActions({ report }: { report: ReportView }) {
  const { t } = useTranslation();
  const action = useReportAction(report.id);
  const follow = useFollow(report.id);
  const followState = useFollowState(report.id);
  const following = followState.data?.following;
  const [rating, setRating] = useState(0);
  const [comment, setComment] = useState('');
  const [reopenReason, setReopenReason] = useState('');
  const last = report.events.at(-1);
  const asked = report.status === 'pending' && last?.type === 'information_requested';
  const reopenUntil = report.resolvedAt
    ? new Date(new Date(report.resolvedAt).getTime() + REOPEN_DAYS * 86400_000)
    : null;
  const canReopen = report.status === 'resolved' && reopenUntil && reopenUntil.getTime() > Date.now();
  const canRate = report.status === 'resolved' && report.rating == null;

  return (
    <div className="stack">
      <ErrorMessage error={action.error} />
      {asked && <ProvideInformation report={report} question={last?.reason ?? null} />}
      {canRate && (
        <form
          className="card stack"
          onSubmit={(e) => {
            e.preventDefault();
            action.mutate({ action: 'rate', body: { rating, comment: comment.trim() || undefined } });
          }}
        >
          <h2>{t('feedback.rate.title')}</h2>
          <Stars value={rating} onChange={setRating} />
          <TextareaField
            label={t('feedback.rate.comment')}
            optional
            value={comment}
            maxLength={4000}
            rows={3}
            onChange={(e) => setComment(e.target.value)}
          />
          <button
            type="submit"
            className="btn btn-primary"
            disabled={action.isPending || rating === 0}
            aria-describedby={rating === 0 ? 'fb-why-rate' : undefined}
          >
            {t('feedback.rate.send')}
          </button>
          <WhyDisabled id="fb-why-rate" reason={rating === 0 && t('feedback.why.rate')} />
        </form>
      )}
      {report.rating != null && (
        <Notice tone="success">
          {t('feedback.rate.done', { rating: report.rating })}
          {report.ratingComment ? ` — ${report.ratingComment}` : ''}
        </Notice>
      )}
      {canReopen && (
        <details className="card">
          <summary>{t('feedback.reopen.title')}</summary>
          <form
            className="stack"
            onSubmit={(e) => {
              e.preventDefault();
              action.mutate(
                { action: 'reopen', body: { reason: reopenReason.trim() } },
                { onSuccess: () => setReopenReason('') },
              );
            }}
          >
            <p className="hint">{t('feedback.reopen.until', { date: formatDateTime(reopenUntil!.toISOString()) })}</p>
            <TextareaField
              label={t('feedback.reopen.reason')}
              value={reopenReason}
              required
              maxLength={4000}
              rows={3}
              onChange={(e) => setReopenReason(e.target.value)}
            />
            <button
              type="submit"
              className="btn"
              disabled={action.isPending || !reopenReason.trim()}
              aria-describedby={!reopenReason.trim() ? 'fb-why-reopen' : undefined}
            >
              {t('feedback.reopen.send')}
            </button>
            <WhyDisabled id="fb-why-reopen" reason={!reopenReason.trim() && t('feedback.why.reopen')} />
          </form>
        </details>
      )}
      {following !== undefined && (
        <div className="row">
          <button
            type="button"
            className="btn"
            aria-pressed={following}
            disabled={follow.isPending}
            onClick={() => follow.mutate(!following)}
          >
            {t('feedback.follow.start')}
          </button>
          <span className="muted" role="status">
            {following ? t('feedback.follow.on') : t('feedback.follow.off')}
          </span>
        </div>
      )}
      <ErrorMessage error={follow.error} />
      {report.private === null && report.channel === 'app' && <Withdraw report={report} />}
    </div>
  );
}
